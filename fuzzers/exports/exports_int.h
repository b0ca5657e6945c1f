/* Private to the export table (fuzzers/exports/exports*.c): turning decoded values
 * into C arguments, the shared classifier, and the row groups. */
#ifndef MDF_FUZZERS_EXPORTS_INT_H
#define MDF_FUZZERS_EXPORTS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/fuzzers/exports.h"

/* ---- values -> arguments (exports_util.c) -------------------------------- */

#define MDF__CD(cd, a) ((a).is_null ? NULL : (cd))
/* A writable copy of a dir/file name value in out->names[slot], or NULL. */
LPSTR mdf__ex_name(mdf_outputs_t *o, int slot, const mdf_arg_t *a);
/* A wide string in caller memory of exactly its size, or NULL. */
LPWSTR mdf__ex_wstr(mdf_export_ctx_t *x, const mdf_arg_t *a);
/* IN_BUF: the bytes in caller memory (room for the declared length when it
 * is sane, so a driver may read all it was told), *cb the declared length. */
PBYTE mdf__ex_in(mdf_export_ctx_t *x, const mdf_arg_t *a, DWORD *cb);
/* OUT_BUF: a guarded caller buffer; *cap the capacity passed. */
PBYTE mdf__ex_out(mdf_export_ctx_t *x, const mdf_arg_t *a, DWORD *cap);
/* STRUCT: laid out per desc in caller memory of exactly its version's size
 * (NULL value -> NULL).  Remembered in out->mem for the contract. */
void *mdf__ex_struct(mdf_export_ctx_t *x, mdf_outputs_t *o, const mdf_arg_t *a,
                     const mdf_struct_desc_t *d);
/* ARRAY of d elements: *count gets the declared count. */
void *mdf__ex_array(mdf_export_ctx_t *x, const mdf_arg_t *a, const mdf_struct_desc_t *d,
                    DWORD *count);
/* KEY_HANDLE: the literal or a handle returned earlier this session. */
CARD_KEY_HANDLE mdf__ex_key(const mdf_export_ctx_t *x, const mdf_arg_t *a);
/* A handle a call returned, for the session's later calls (0 ignored). */
void mdf__ex_key_add(mdf_export_ctx_t *x, CARD_KEY_HANDLE k);

/* ---- contract helpers ----------------------------------------------------- */

/* A returned buffer on success, else nothing (a failing call's blocks show
 * up as leaks). */
void mdf__ex_take(mdf_harness_t *h, DWORD rc, const char *id, const char *what, void *p, DWORD cb);
/* Struct member reads of the built struct (little-endian host). */
DWORD mdf__rd32(const void *base, size_t off);
void *mdf__rdptr(const void *base, size_t off);
/* The public-key blobs of a CONTAINER_INFO at ci belong to the caller
 * (pfnCspAlloc'd, CMR.4.2.3.2): check and free both as a CSP would. */
void mdf__take_container_keys(mdf_harness_t *h, const void *ci);

/* ---- the shared classifier ------------------------------------------------- */

/* What the shared classifier needs of an export besides the positions of
 * its arguments: those are the roles of its specs (mdf_arg_spec_t.role). */
typedef struct mdf__roles {
  bool dir_required;        /* NULL/empty directory is BAD_DIR_NAME */
  bool zero_auth_sure;      /* a zero authenticator length surely fails */
  uint32_t flags_ok;        /* valid flag bits (others: BAD_FLAGS) */
  const char *const *props; /* known property names (UNKNOWN_PROPERTY) */
  uint8_t nprops;
  /* Export-specific conditions first; MDF_NO..MDF_YES, or -1: not handled. */
  int (*special)(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap);
} mdf__roles_t;

/* The value of the call's argument whose spec has role, NULL if none. */
static inline const mdf_arg_t *mdf__arg_role(const mdf_export_args_t *c, mdf_arg_role_t role) {
  int i = mdf_export_role(c->ex, role);

  return i < 0 ? NULL : &c->args[i];
}

mdf_tri_t mdf__classify(const mdf__roles_t *r, mdf_cmr_cond_t cond, const mdf_export_args_t *c,
                        char *why, size_t cap);
/* The classifier of a row with no special conditions or options: every
 * condition is answered from the roles of its specs alone. */
mdf_tri_t mdf__classify_plain(mdf_cmr_cond_t cond, const void *arg, char *why, size_t cap);
#define MDF__CLASSIFIER(fn, roles)                                                                 \
  static mdf_tri_t fn(mdf_cmr_cond_t cond, const void *arg, char *why, size_t cap) {               \
    return mdf__classify(&(roles), cond, (const mdf_export_args_t *)arg, why, cap);                \
  }
static inline mdf_tri_t mdf__yes_if(bool c) {
  return c ? MDF_YES : MDF_NO;
}
/* Struct value checks shared by rows. */
mdf_tri_t mdf__struct_version(const mdf_arg_t *st, const mdf_struct_desc_t *d, char *why,
                              size_t cap);
const mdf_arg_t *mdf__member(const mdf_arg_t *st, const mdf_struct_desc_t *d, const char *name);
bool mdf__wstr_is(const mdf_arg_t *a, const char *ascii);
bool mdf__wstr_in(const mdf_arg_t *a, const char *const *list, size_t n);
bool mdf__key_spec_valid(DWORD spec, bool rsa_only);

/* ---- row groups ----------------------------------------------------------- */

extern const mdf_export_t mdf__ex_context[];
extern const size_t mdf__nex_context;
extern const mdf_export_t mdf__ex_files[];
extern const size_t mdf__nex_files;
extern const mdf_export_t mdf__ex_pin[];
extern const size_t mdf__nex_pin;
extern const mdf_export_t mdf__ex_crypto[];
extern const size_t mdf__nex_crypto;
extern const mdf_export_t mdf__ex_props[];
extern const size_t mdf__nex_props;
extern const mdf_export_t mdf__ex_v7[];
extern const size_t mdf__nex_v7;

/* ---- row helpers ------------------------------------------------------------ */

/* An optional entry point left NULL is not called (MDF_EXPORT_NOT_CALLED). */
#define MDF__CALL(cd, fn, ...) ((cd)->fn == NULL ? MDF_EXPORT_NOT_CALLED : (cd)->fn(__VA_ARGS__))
#define MDF__ARG(kind, name, dom)                                                                  \
  { kind, name, NULL, dom, 0, 0, 0, MDF_ROLE_NONE }
#define MDF__PAIR(kind, name, name2, dom)                                                          \
  { kind, name, name2, dom, 0, 0, 0, MDF_ROLE_NONE }
/* The same with the argument's role for the classifier (MDF_ROLE_*). */
#define MDF__ARG_R(kind, name, dom, role)                                                          \
  { kind, name, NULL, dom, 0, 0, 0, role }
#define MDF__PAIR_R(kind, name, name2, dom, role)                                                  \
  { kind, name, name2, dom, 0, 0, 0, role }
#define MDF__N(a) (sizeof(a) / sizeof((a)[0]))
/* An OUT_PTR value as a pointer to storage, or NULL. */
#define MDF__OUT(a, p) ((a).is_null ? NULL : (p))

#endif
