#ifndef C_MALLOC_INFO_H
#define C_MALLOC_INFO_H

#include <stddef.h>

/// Bytes malloc has handed out and not had back (glibc's mallinfo2: uordblks + hblkhd), summed over
/// every arena; -1 where mallinfo2 is missing (glibc before 2.33, or another C library).
/// Swift's Glibc module does not export <malloc.h>, hence this one function.
long long jacobi_malloc_bytes_in_use(void);

#endif
