#include "CMallocInfo.h"

#if __has_include(<features.h>)
#include <features.h>  // defines __GLIBC__ and __GLIBC_MINOR__ on glibc
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

long long jacobi_malloc_bytes_in_use(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 info = mallinfo2();
    return (long long)(info.uordblks + info.hblkhd);
#else
    return -1;
#endif
}
