/* mdf_compat internals shared by its source files. */
#ifndef MDF_COMPAT_INT_H
#define MDF_COMPAT_INT_H

#define MDF_COMPAT_NO_RENAME 1
#include "mdf_wide.h"

/* The MSVC invalid-parameter path: calls the installed handler, if any. */
void mdf__compat_invalid_parameter(const char *function, const char *reason);

/* ASCII-only case folding, shared by the wide and narrow compares. */
static inline unsigned mdf__compat_fold(unsigned c) {
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

#endif
