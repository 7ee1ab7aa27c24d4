// How kdpipe asks glibc to manage its heap.
#ifndef KD_MEMORY_H
#define KD_MEMORY_H

#include <stdlib.h>  // defines __GLIBC__ where the C library is glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Keeps freed blocks of up to 32 MiB in the heap, for the next allocation to reuse. The IATI lane builds
/// each piece's rows in buffers of a few MB and frees them once the rows are appended to their tables; by
/// default glibc maps large blocks (over 128 KiB at first) straight from the kernel and unmaps them when
/// freed, so the next piece's buffers were mapped anew and every page of them faulted in again. Does
/// nothing where the C library is not glibc.
static inline void kd_keep_freed_blocks_in_heap(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest
    mallopt(M_TRIM_THRESHOLD, 64 << 20);  // free space kept at the heap's top
#endif
}

#endif
