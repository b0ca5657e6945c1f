/* The shared CMR classifier: the specs of each export row say which
 * argument plays which role (mdf_arg_spec_t.role), the row's mdf__roles_t
 * what else the rules need, and the row answers its own special
 * conditions; the rest is decided here the same way for every export. */
#include <stdio.h>
#include <string.h>

#include "exports_int.h"

/* The call's argument of a role (MDF_ROLE_<role>), NULL if the row has none. */
#define A(role) mdf__arg_role(c, MDF_ROLE_##role)

/* Yes if the row has an argument of the role and it is NULL. */
static mdf_tri_t null_if(const mdf_arg_t *x) {
  return mdf__yes_if(x != NULL && x->is_null);
}

/* Characters the file system rules forbid: \ / : * ? " < > | and 1..31. */
static bool has_forbidden(const char *s) {
  for (; *s != '\0'; s++)
    if ((unsigned char)*s < 32 || strchr("\\/:*?\"<>|", *s) != NULL)
      return true;
  return false;
}

static const char *shown(const mdf_arg_t *x, char *buf, size_t cap) {
  if (x->is_null || x->data == NULL)
    return "NULL";
  snprintf(buf, cap, "\"%.*s\"", 24, (const char *)x->data);
  return buf;
}

bool mdf__wstr_is(const mdf_arg_t *a, const char *ascii) {
  const uint16_t *w = a->data;
  size_t i, n = strlen(ascii), len = 0;

  if (a->is_null || w == NULL)
    return false;
  /* The driver sees the string up to its first NUL, whatever follows. */
  while (len < a->len && w[len] != 0)
    len++;
  if (len != n)
    return false;
  for (i = 0; i < n; i++)
    if (w[i] != (uint16_t)(unsigned char)ascii[i])
      return false;
  return true;
}

bool mdf__wstr_in(const mdf_arg_t *a, const char *const *list, size_t n) {
  size_t i;

  for (i = 0; i < n; i++)
    if (list[i] != NULL && mdf__wstr_is(a, list[i]))
      return true;
  return false;
}

bool mdf__key_spec_valid(DWORD spec, bool rsa_only) {
  if (rsa_only)
    return spec == AT_KEYEXCHANGE || spec == AT_SIGNATURE;
  return spec >= AT_KEYEXCHANGE && spec <= AT_ECDHE_P521;
}

const mdf_arg_t *mdf__member(const mdf_arg_t *st, const mdf_struct_desc_t *d, const char *name) {
  size_t i;

  for (i = 0; st != NULL && !st->is_null && i < d->nfields && i < st->nsub; i++)
    if (strcmp(d->fields[i].name, name) == 0)
      return &st->sub[i];
  return NULL;
}

mdf_tri_t mdf__struct_version(const mdf_arg_t *st, const mdf_struct_desc_t *d, char *why,
                              size_t cap) {
  uint32_t v = st->u32;
  size_t i;

  if (st->is_null || v == 0 || d->current == 0)
    return MDF_NO; /* 0 means 1 */
  MDF_CMR_WHY(why, cap, "%s.dwVersion=%u", d->name, (unsigned)v);
  for (i = 0; i < d->nversions; i++)
    if (d->versions[i].version == v)
      return i == 0 ? MDF_NO : MDF_MAYBE; /* a driver may stop at an older one */
  return MDF_YES;
}

static const char *const users[] = {"user", "admin"};

mdf_tri_t mdf__classify(const mdf__roles_t *r, mdf_cmr_cond_t cond, const mdf_export_args_t *c,
                        char *why, size_t cap) {
  const mdf_arg_t *x;
  const mdf_domain_t *dom;
  char buf[40];
  size_t n;
  int i;

  if (r->special != NULL) {
    int t = r->special(cond, c, why, cap);

    if (t >= 0)
      return (mdf_tri_t)t;
  }
  switch (cond) {
  case MDF_COND_NULL_CARD_DATA:
    MDF_CMR_WHY(why, cap, "pCardData=NULL");
    return null_if(A(CD));
  case MDF_COND_BAD_FILE_NAME:
    if ((x = A(FILE)) == NULL)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "pszFileName=%s", shown(x, buf, sizeof(buf)));
    return mdf__yes_if(mdf_arg_str(x) == NULL || mdf_arg_str(x)[0] == '\0');
  case MDF_COND_BAD_DIR_NAME:
    if ((x = A(DIR)) == NULL || !r->dir_required)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "pszDirectoryName=%s", shown(x, buf, sizeof(buf)));
    return mdf__yes_if(mdf_arg_str(x) == NULL || mdf_arg_str(x)[0] == '\0');
  case MDF_COND_BAD_DIR_LEN:
  case MDF_COND_BAD_FILE_LEN:
    x = cond == MDF_COND_BAD_DIR_LEN ? A(DIR) : A(FILE);
    if (x == NULL || mdf_arg_str(x) == NULL)
      return MDF_NO;
    n = strlen(mdf_arg_str(x));
    MDF_CMR_WHY(why, cap, "%s=%s",
                cond == MDF_COND_BAD_DIR_LEN ? "pszDirectoryName" : "pszFileName",
                shown(x, buf, sizeof(buf)));
    return mdf__yes_if(n == 0 || n > 8);
  case MDF_COND_BAD_DIR_CHARS:
  case MDF_COND_BAD_FILE_CHARS:
    x = cond == MDF_COND_BAD_DIR_CHARS ? A(DIR) : A(FILE);
    if (x == NULL || mdf_arg_str(x) == NULL)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "%s=%s",
                cond == MDF_COND_BAD_DIR_CHARS ? "pszDirectoryName" : "pszFileName",
                shown(x, buf, sizeof(buf)));
    return mdf__yes_if(has_forbidden(mdf_arg_str(x)));
  case MDF_COND_NO_DIR:
    return (x = A(DIR)) == NULL || mdf_arg_str(x) == NULL ? MDF_NO : MDF_MAYBE;
  case MDF_COND_NULL_DATA_OUT:
    MDF_CMR_WHY(why, cap, "data output pointer NULL");
    return null_if(A(OUT));
  case MDF_COND_NULL_LEN_OUT:
    MDF_CMR_WHY(why, cap, "length output pointer NULL");
    return null_if(A(LEN));
  case MDF_COND_BAD_FLAGS:
    if ((x = A(FLAGS)) == NULL)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "dwFlags=0x%X", (unsigned)x->u32);
    return mdf__yes_if((x->u32 & ~r->flags_ok) != 0);
  case MDF_COND_NULL_STRUCT:
    MDF_CMR_WHY(why, cap, "struct pointer NULL");
    return null_if(A(ST));
  case MDF_COND_BAD_STRUCT_VERSION: /* against the descriptor in the struct's spec */
    if ((i = mdf_export_role(c->ex, MDF_ROLE_ST)) < 0 || (dom = c->ex->args[i].dom) == NULL ||
        dom->sdesc == NULL)
      return MDF_NO;
    return mdf__struct_version(&c->args[i], dom->sdesc, why, cap);
  case MDF_COND_NULL_DATA_IN:
    MDF_CMR_WHY(why, cap, "input data pointer NULL");
    return null_if(A(IN));
  case MDF_COND_ZERO_LEN:
    MDF_CMR_WHY(why, cap, "input length 0");
    return mdf__yes_if((x = A(IN)) != NULL && x->u32 == 0);
  case MDF_COND_NULL_USER_ID:
    MDF_CMR_WHY(why, cap, "pwszUserId=NULL");
    return null_if(A(USER));
  case MDF_COND_BAD_USER_ID:
    if ((x = A(USER)) == NULL || x->is_null)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "pwszUserId not \"user\" or \"admin\"");
    return mdf__yes_if(!mdf__wstr_in(x, users, 2));
  case MDF_COND_NULL_PIN:
    MDF_CMR_WHY(why, cap, "PIN pointer NULL");
    return null_if(A(PIN));
  case MDF_COND_BAD_PIN_LEN:
    if ((x = A(PIN)) == NULL)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "PIN length %u", (unsigned)x->u32);
    return x->u32 == 0xFFFFFFFFu ? MDF_YES : MDF_MAYBE;
  case MDF_COND_NULL_AUTH_DATA:
    MDF_CMR_WHY(why, cap, "authentication data NULL");
    return null_if(A(AUTH));
  case MDF_COND_NULL_NEW_PIN:
    MDF_CMR_WHY(why, cap, "new PIN data NULL");
    return null_if(A(NEWPIN));
  case MDF_COND_ZERO_AUTH_LEN:
    if ((x = A(AUTH)) == NULL || x->u32 != 0)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "authentication data length 0");
    return r->zero_auth_sure ? MDF_YES : MDF_MAYBE;
  case MDF_COND_ZERO_NEW_PIN_LEN:
    /* empty PINs may be allowed */
    return (x = A(NEWPIN)) != NULL && x->u32 == 0 ? MDF_MAYBE : MDF_NO;
  case MDF_COND_BAD_RETRY_COUNT:
    return (x = A(RETRY)) != NULL && x->u32 != 0 ? MDF_MAYBE : MDF_NO; /* if unsupported */
  case MDF_COND_BAD_PIN_ID:
    if ((x = A(PIN_ID)) == NULL)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "PinId=%u", (unsigned)x->u32);
    return mdf__yes_if(x->u32 >= MAX_PINS);
  case MDF_COND_BAD_KEYSPEC:
    if ((x = A(KEYSPEC)) == NULL)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "dwKeySpec=%u", (unsigned)x->u32);
    return mdf__yes_if(!mdf__key_spec_valid(x->u32, false));
  case MDF_COND_UNKNOWN_PROPERTY:
    if ((x = A(PROP)) == NULL || x->is_null)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "an unknown property name");
    return mdf__yes_if(!mdf__wstr_in(x, r->props, r->nprops));
  case MDF_COND_NULL_ALG:
    MDF_CMR_WHY(why, cap, "pwszAlgId=NULL");
    return null_if(A(ALG));
  case MDF_COND_NULL_BLOB_TYPE:
    MDF_CMR_WHY(why, cap, "pwszBlobType=NULL");
    return null_if(A(BLOB));
  case MDF_COND_NULL_KEY_OUT:
    MDF_CMR_WHY(why, cap, "phKey=NULL");
    return null_if(A(KEY_OUT));
  case MDF_COND_NULL_SECURE_FUNCTION:
    MDF_CMR_WHY(why, cap, "pwszSecureFunction=NULL");
    return null_if(A(SECFN));
  /* Card- or driver-dependent: allowed, never required. */
  case MDF_COND_NO_FILE:
  case MDF_COND_NO_ACCESS:
  case MDF_COND_NOT_AUTHENTICATED:
  case MDF_COND_DIR_EXISTS:
  case MDF_COND_NAME_IS_FILE:
  case MDF_COND_FILE_EXISTS:
  case MDF_COND_DIR_NOT_EMPTY:
  case MDF_COND_DIR_EMPTY:
  case MDF_COND_NO_SPACE:
  case MDF_COND_WRONG_PIN:
  case MDF_COND_NO_CHALLENGE:
  case MDF_COND_WRONG_RESPONSE:
  case MDF_COND_SHORT_RESPONSE:
  case MDF_COND_NO_CONTAINER:
  case MDF_COND_UNSUPPORTED:
  case MDF_COND_BAD_DATA_LEN:
  case MDF_COND_BAD_AGREEMENT_INDEX:
  case MDF_COND_BAD_PARAMS:
  case MDF_COND_BAD_KEY_HANDLE:
  case MDF_COND_NOT_IMPLEMENTED:
  case MDF_COND_SHORT_BUFFER:
  case MDF_COND_BAD_KEYSIZE:
  case MDF_COND_BAD_HASH_ALG:
  case MDF_COND_BAD_KDF:
    return MDF_MAYBE;
  default:
    return MDF_NO;
  }
}

mdf_tri_t mdf__classify_plain(mdf_cmr_cond_t cond, const void *arg, char *why, size_t cap) {
  static const mdf__roles_t none = {0};

  return mdf__classify(&none, cond, (const mdf_export_args_t *)arg, why, cap);
}
