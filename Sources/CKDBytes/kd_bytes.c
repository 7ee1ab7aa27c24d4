// The scans are `static inline` in kd_bytes.h, so that Swift inlines them; this file gives the target a source.
#include "kd_bytes.h"
