#ifndef JACOBI_CREADLINE_SHIM_H
#define JACOBI_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* readline's configuration lives in global variables, which Swift 6 treats as unsafe shared state;
   these setters are the one place Jacobi writes them, from the main thread before reading input. */
static inline void jacobi_rl_set_name(const char *name) { rl_readline_name = name; }
#endif
