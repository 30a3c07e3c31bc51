#ifndef JACOBI_CREADLINE_SHIM_H
#define JACOBI_CREADLINE_SHIM_H
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/select.h>
#include <readline/readline.h>
#include <readline/history.h>

/* readline's configuration and state live in global variables, which Swift 6 treats as unsafe shared
   state; these accessors are the one place Jacobi reads and writes them, always from the main thread,
   the one that runs readline. They hold no state of their own: a static variable in this header would
   be a separate copy in every Swift file that uses it. */

static inline void jacobi_rl_set_name(const char *name) { rl_readline_name = name; }

/* Signals: Jacobi installs its own SIGINT and SIGWINCH handlers, so readline must not. */
static inline void jacobi_rl_set_catch_signals(int on) { rl_catch_signals = on; rl_catch_sigwinch = on; }

/* Keep readline from exporting LINES and COLUMNS, which would freeze the width a resize should change. */
static inline void jacobi_rl_set_change_environment(int on) { rl_change_environment = on; }

/* Completion. */
static inline void jacobi_rl_set_attempted_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void jacobi_rl_set_word_break_hook(rl_cpvfunc_t *f) { rl_completion_word_break_hook = f; }
static inline void jacobi_rl_set_completion_over(int on) { rl_attempted_completion_over = on; }
static inline void jacobi_rl_set_suppress_append(int on) { rl_completion_suppress_append = on; }
static inline const char *jacobi_rl_line_buffer(void) { return rl_line_buffer ? rl_line_buffer : ""; }
static inline int jacobi_rl_point(void) { return rl_point; }

/* Reads one line of the completion candidates readline wants, the file names after :load and :save. */
static inline char **jacobi_rl_filename_matches(const char *text) {
    return rl_completion_matches(text, rl_filename_completion_function);
}

/* Ctrl-C at the prompt: drop the line being edited and any half-done search or argument, as readline's
   own SIGINT handling does (rl_free_line_state, rl_callback_sigcleanup), show ^C after the line and move
   to a new one, then leave callback mode so the next rl_callback_handler_install starts afresh. The
   newline must come first: leaving callback mode ends bracketed paste with a carriage return. */
static inline void jacobi_rl_discard_line(void) {
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_point = rl_end;
    rl_redisplay();
    fputs("^C", rl_outstream);
    rl_crlf();
    fflush(rl_outstream);
    rl_replace_line("", 0);
    rl_point = rl_end = rl_mark = 0;
    rl_callback_handler_remove();
}

/* Waits until fd can be read or a signal arrives, with `mask` as the signal mask during the wait only
   (pselect, POSIX's ppoll), so a signal blocked while its flag was checked cannot slip in before the wait. */
static inline int jacobi_wait_readable(int fd, const sigset_t *mask) {
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    return pselect(fd + 1, &set, NULL, NULL, NULL, mask);
}

/* The most recent history entry, or NULL when the history is empty. */
static inline const char *jacobi_history_last(void) {
    HIST_ENTRY *entry = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    return entry ? entry->line : NULL;
}

/* Standard output's C stream (Swift 6 treats the global `stdout` as unsafe shared state too): flushing
   it, and whether a write to it has failed, so lost output is reported (see StandardOutput.swift). */
static inline int jacobi_flush_stdout(void) { return fflush(stdout); }
static inline int jacobi_stdout_failed(void) { return ferror(stdout); }
#endif
