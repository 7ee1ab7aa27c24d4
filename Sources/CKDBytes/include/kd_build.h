// The build identity of the running program, for caches that must not outlive the code that filled them.
#ifndef KD_BUILD_H
#define KD_BUILD_H

/// Copies the running program's GNU build ID (which the linker derives from everything linked in; up to
/// `capacity` bytes) to `out`; returns its length, 0 when the program has none or the platform does not say.
int kd_program_build_id(unsigned char *out, int capacity);

#endif
