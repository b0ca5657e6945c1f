/* mdfuzz error codes and diagnostics.
 *
 * Every mdfuzz function returns mdf_err_t: 0 is success, negatives come from
 * the one X-macro table below.  Errors about a file carry its name and
 * position in an mdf_diag_t filled by the callee. */
#ifndef MDFUZZ_ERR_H
#define MDFUZZ_ERR_H

#include <stddef.h>

#define MDF_ERRORS(X)                                                                              \
  X(OK, 0, "success")                                                                              \
  X(EINVAL, -1, "invalid argument")                                                                \
  X(ENOMEM, -2, "out of memory")                                                                   \
  X(EIO, -3, "input/output error")                                                                 \
  X(EPARSE, -4, "syntax error")                                                                    \
  X(ETRUNC, -5, "truncated input")                                                                 \
  X(EDIVERGE, -6, "card exchange diverges from the trace")                                         \
  X(ENOTFOUND, -7, "not found")                                                                    \
  X(EUNSUPP, -8, "not supported")                                                                  \
  X(ECRYPTO, -9, "cryptographic operation failed")                                                 \
  X(EREMOVED, -10, "card removed")                                                                 \
  X(ERESET, -11, "card was reset")                                                                 \
  X(ESTATE, -12, "operation not valid in this state")                                              \
  X(ESPACE, -13, "buffer too small")                                                               \
  X(EUSAGE, -14, "usage error")                                                                    \
  X(ECHILD, -15, "child process failed")

typedef int mdf_err_t;

enum {
#define MDF__ERR_ENUM(name, value, msg) MDF_##name = (value),
  MDF_ERRORS(MDF__ERR_ENUM)
#undef MDF__ERR_ENUM
};

/* Human message for an error code ("unknown error" for values not in the table). */
const char *mdf_strerror(mdf_err_t err);
/* Symbolic name, e.g. "MDF_EPARSE". */
const char *mdf_errname(mdf_err_t err);

/* Where an error happened: file, 1-based line (0 = unknown), column, message. */
typedef struct mdf_diag {
  char file[256];
  unsigned line;
  unsigned col;
  char msg[256];
} mdf_diag_t;

/* Fill diag (may be NULL: then nothing happens). Returns err so callers can
 * write `return mdf_diag_set(d, MDF_EPARSE, file, line, col, "...")`. */
mdf_err_t mdf_diag_set(mdf_diag_t *diag, mdf_err_t err, const char *file, unsigned line,
                       unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* One line "file:line:col: msg" (parts that are unknown are left out). */
const char *mdf_diag_format(const mdf_diag_t *diag, char *buf, size_t cap);

#endif
