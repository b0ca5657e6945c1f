/* The export table: one row per Card* export a fuzz target can call.
 *
 * A row says how to decode the export's arguments (a schema of argument
 * kinds), how to call it through CARD_DATA, what its output contract is and
 * how its CMR error conditions are answered for one call.  Adding an export
 * is adding a row in fuzzers/exports.c (and its name to the MDFUZZ_EXPORTS
 * list in fuzzers/CMakeLists.txt). */
#ifndef MDFUZZ_EXPORTS_H
#define MDFUZZ_EXPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/cmr.h"
#include "mdfuzz/harness.h"

/* Argument kinds the decoder knows (one decoding rule each). */
typedef enum mdf_arg_kind {
  MDF_ARG_CARD_DATA = 0, /* PCARD_DATA: the session's, rarely NULL */
  MDF_ARG_DIR_NAME,      /* LPSTR directory: NULL (root), known, or literal */
  MDF_ARG_FILE_NAME,     /* LPSTR file: known or literal */
  MDF_ARG_FLAGS,         /* DWORD flags: mostly 0 */
  MDF_ARG_OUT_PTR,       /* pointer to an output the export fills, rarely NULL */
  MDF_ARG_KIND_COUNT
} mdf_arg_kind_t;

#define MDF_MAX_ARGS 8
#define MDF_NAME_MAX 16 /* longest literal name the decoder makes */

typedef struct mdf_arg {
  bool is_null;                /* CARD_DATA, names, outputs: pass NULL */
  uint32_t u32;                /* FLAGS */
  char str[MDF_NAME_MAX + 1];  /* names: NUL-terminated (may hold earlier NULs) */
  uint8_t str_len;             /* bytes of str used, embedded NULs included */
} mdf_arg_t;

/* Outputs an export writes, owned by the caller of invoke. */
typedef struct mdf_outputs {
  PBYTE pb;      /* e.g. *ppbData */
  DWORD cb;      /* e.g. *pcbData */
  char names[2][MDF_NAME_MAX + 1]; /* writable copies of name arguments */
} mdf_outputs_t;

typedef struct mdf_export {
  const char *name;          /* "CardReadFile" */
  DWORD min_version;         /* CARD_DATA version that has it */
  uint8_t nargs;             /* arguments after... all arguments, in order */
  uint8_t schema[MDF_MAX_ARGS];            /* mdf_arg_kind_t per argument */
  const char *arg_names[MDF_MAX_ARGS];     /* parameter names, for printing */
  /* Call the export through cd with args; outputs land in out. */
  DWORD (*invoke)(PCARD_DATA cd, const mdf_arg_t *args, mdf_outputs_t *out);
  /* Check and release what a call returned (output contract). */
  void (*contract)(mdf_harness_t *h, DWORD rc, const mdf_arg_t *args, mdf_outputs_t *out);
  /* The export's CMR error conditions; arg is the const mdf_arg_t array. */
  mdf_cmr_classify_cb classify;
} mdf_export_t;

/* All rows; *n gets the count. */
const mdf_export_t *mdf_exports(size_t *n);
/* Row by export name, NULL if none. */
const mdf_export_t *mdf_export_find(const char *name);

#endif
