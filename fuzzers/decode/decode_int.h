/* Private to the decoder, encoder and text form: selector ranges and the
 * value tables both directions share.  Layout: corpus/README.md. */
#ifndef MDF_FUZZERS_DECODE_INT_H
#define MDF_FUZZERS_DECODE_INT_H

#include "mdfuzz/fuzzers/decode.h"

/* Header selectors. */
#define MDF__RARE_VERSION 0xF0u /* version: F0..FF rare table */
#define MDF__ACQ_LITERAL 0xFFu  /* acquire flags: FF then u32le */
#define MDF__MODES 0xF0u        /* F0..FF: 4 mode bytes, then ATR length + bytes */

/* Argument selector thresholds (per kind, see decode.c). */
#define MDF__NAME_KNOWN0 0x80u
#define MDF__NAME_KNOWN 0xC0u
#define MDF__NAME_EDGE 0xE0u
#define MDF__NAME_LITERAL 0xF0u

extern const DWORD mdf__rare_versions[16];
extern const DWORD mdf__acq_rare[15];
extern const DWORD mdf__rare_flags[16];
extern const DWORD mdf__dword_edge[16];
extern const DWORD mdf__handle_edge[16];
extern const DWORD mdf__version_edge[16];
extern const char *const mdf__name_edge[16];
extern const size_t mdf__name_edge_len[16];
extern const uint8_t mdf__zeros[MDF_BUF_MAX]; /* honest bytes of a buffer without its own */

/* Domain lists with defaults. */
void mdf__names(const mdf_arg_spec_t *s, const char *const **list, size_t *n);
const char *mdf__dir_honest(const mdf_arg_spec_t *s, bool *is_null);
void mdf__wstrs(const mdf_arg_spec_t *s, const char *const **list, size_t *n);
/* Honest IN_BUF bytes of a spec (static storage). */
const uint8_t *mdf__honest_bytes(const mdf_arg_spec_t *s, uint32_t *len);
uint32_t mdf__out_buf_typical(const mdf_arg_spec_t *s);
uint32_t mdf__array_typical(const mdf_arg_spec_t *s);
/* Declared-length edges around n: exact, 0, 1, n-1, n+1, 7FFFFFFF, FFFFFFFF, 10000. */
uint32_t mdf__len_edge(uint32_t n, unsigned k);
/* Capacity edges of a caller buffer around typ (all <= 0x10000). */
uint32_t mdf__cap_edge(uint32_t typ, unsigned k);
#define MDF__CAP_MAX 0x10000u
/* The WSTR edge k (0..15) for a spec: *null for NULL; ASCII-ish text into
 * w (capacity cap WCHARs), returns the WCHAR count. */
size_t mdf__wstr_edge(const mdf_arg_spec_t *s, unsigned k, bool *null, uint16_t *w, size_t cap);
#define MDF__WSTR_EDGE_MAX 300
#define MDF__WSTR_LIT_MAX 64

/* Arena helpers: NULL when full (nothing taken). */
void *mdf__arena(mdf_case_t *c, size_t n, size_t align);
size_t mdf__arena_left(const mdf_case_t *c, size_t align);

#endif
