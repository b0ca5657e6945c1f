/* Error table lookups and diagnostics formatting. */
#include "mdfuzz/common/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *mdf_strerror(mdf_err_t err) {
  switch (err) {
#define MDF__ERR_MSG(name, value, msg)                                                             \
  case (value):                                                                                    \
    return (msg);
    MDF_ERRORS(MDF__ERR_MSG)
#undef MDF__ERR_MSG
  }
  return "unknown error";
}

const char *mdf_errname(mdf_err_t err) {
  switch (err) {
#define MDF__ERR_NAME(name, value, msg)                                                            \
  case (value):                                                                                    \
    return "MDF_" #name;
    MDF_ERRORS(MDF__ERR_NAME)
#undef MDF__ERR_NAME
  }
  return "MDF_UNKNOWN";
}

mdf_err_t mdf_diag_set(mdf_diag_t *diag, mdf_err_t err, const char *file, unsigned line,
                       unsigned col, const char *fmt, ...) {
  va_list ap;

  if (diag == NULL)
    return err;
  snprintf(diag->file, sizeof(diag->file), "%s", file ? file : "");
  diag->line = line;
  diag->col = col;
  va_start(ap, fmt);
  vsnprintf(diag->msg, sizeof(diag->msg), fmt, ap);
  va_end(ap);
  return err;
}

const char *mdf_diag_format(const mdf_diag_t *diag, char *buf, size_t cap) {
  if (cap == 0)
    return buf;
  if (diag->file[0] && diag->line && diag->col)
    snprintf(buf, cap, "%s:%u:%u: %s", diag->file, diag->line, diag->col, diag->msg);
  else if (diag->file[0] && diag->line)
    snprintf(buf, cap, "%s:%u: %s", diag->file, diag->line, diag->msg);
  else if (diag->file[0])
    snprintf(buf, cap, "%s: %s", diag->file, diag->msg);
  else
    snprintf(buf, cap, "%s", diag->msg);
  return buf;
}
