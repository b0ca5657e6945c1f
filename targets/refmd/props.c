/* refmd properties: CardGetProperty / CardSetProperty (every CP_* name of
 * the v7 specification) and CardGetContainerProperty /
 * CardSetContainerProperty (CCP_*), from two tables.
 *
 * Rules shared by all: NULL name or length pointer -> SCARD_E_INVALID_PARAMETER;
 * unknown name -> SCARD_E_INVALID_PARAMETER; dwFlags must be 0 unless the
 * property defines it (key spec, PIN_ID, operation); a buffer too small ->
 * ERROR_INSUFFICIENT_BUFFER with *pdwDataLen set to the size needed (pbData
 * may be NULL with cbData 0 to ask for the size); setting a read-only
 * property -> SCARD_E_UNSUPPORTED_FEATURE.  Versioned structs keep the
 * caller's dwVersion (0 means 1; above the current -> ERROR_REVISION_MISMATCH). */
#include <string.h>

#include "refmd.h"

#define VAL_MAX 64
typedef struct prop_val {
  DWORD len;
  BYTE b[VAL_MAX];
} prop_val_t;

static void put32(prop_val_t *v, DWORD x) {
  memcpy(v->b + v->len, &x, sizeof x); /* host order: the caller reads a DWORD */
  v->len += sizeof x;
}

/* ---- CP_* getters: fill v from dwFlags; return an error for a bad flag --- */
static DWORD get_free_space(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  DWORD rc, bytes = 0, slots = 0, max_slots = 0;
  (void)flags;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_free_space(pCardData, &bytes, &slots, &max_slots);
  refmd_end(pCardData);
  if (rc)
    return rc;
  put32(v, CARD_FREE_SPACE_INFO_CURRENT_VERSION);
  put32(v, bytes);
  put32(v, slots);
  put32(v, max_slots);
  return SCARD_S_SUCCESS;
}

static DWORD get_capabilities(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  CARD_CAPABILITIES caps = {CARD_CAPABILITIES_CURRENT_VERSION, FALSE, FALSE};
  DWORD rc = CardQueryCapabilities(pCardData, &caps);
  (void)flags;
  if (rc)
    return rc;
  memcpy(v->b, &caps, sizeof caps);
  v->len = sizeof caps;
  return SCARD_S_SUCCESS;
}

static DWORD get_key_sizes(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  CARD_KEY_SIZES ks;
  DWORD rc;
  memset(&ks, 0, sizeof ks);
  ks.dwVersion = CARD_KEY_SIZES_CURRENT_VERSION;
  rc = CardQueryKeySizes(pCardData, flags, 0, &ks); /* dwFlags is the key spec */
  if (rc)
    return rc;
  memcpy(v->b, &ks, sizeof ks);
  v->len = sizeof ks;
  return SCARD_S_SUCCESS;
}

static DWORD get_pin_info(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  PIN_INFO pi;
  (void)pCardData;
  if (refmd_role_ref(flags) == 0)
    return SCARD_E_INVALID_PARAMETER; /* dwFlags is the PIN_ID */
  memset(&pi, 0, sizeof pi);
  pi.dwVersion = PIN_INFO_CURRENT_VERSION;
  pi.PinType = AlphaNumericPinType;
  pi.PinPurpose = flags == ROLE_USER ? AuthenticationPin : AdministratorPin;
  pi.dwChangePermission = CREATE_PIN_SET(flags);
  /* The admin PIN unblocks the user's; nothing unblocks the admin's. */
  pi.dwUnblockPermission = flags == ROLE_USER ? CREATE_PIN_SET(ROLE_ADMIN) : PIN_SET_NONE;
  pi.PinCachePolicy.dwVersion = PIN_CACHE_POLICY_CURRENT_VERSION;
  pi.PinCachePolicy.PinCachePolicyType = PinCacheNormal;
  memcpy(v->b, &pi, sizeof pi);
  v->len = sizeof pi;
  return SCARD_S_SUCCESS;
}

static DWORD get_list_pins(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData, (void)flags;
  put32(v, CREATE_PIN_SET(ROLE_USER) | CREATE_PIN_SET(ROLE_ADMIN));
  return SCARD_S_SUCCESS;
}

static DWORD get_auth_state(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  BOOL user = FALSE, admin = FALSE;
  DWORD rc;
  (void)flags;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_pin_verified(pCardData, REFMD_PIN_USER, &user);
  if (!rc)
    rc = refmd_pin_verified(pCardData, REFMD_PIN_ADMIN, &admin);
  refmd_end(pCardData);
  if (rc)
    return rc;
  put32(v, (user ? CREATE_PIN_SET(ROLE_USER) : 0) | (admin ? CREATE_PIN_SET(ROLE_ADMIN) : 0));
  return SCARD_S_SUCCESS;
}

/* PIN strength: plaintext PINs only; the admin PIN cannot be unblocked. */
static DWORD get_strength(DWORD flags, prop_val_t *v, BOOL unblock) {
  if (refmd_role_ref(flags) == 0)
    return SCARD_E_INVALID_PARAMETER;
  put32(v, unblock && flags == ROLE_ADMIN ? 0 : CARD_PIN_STRENGTH_PLAINTEXT);
  return SCARD_S_SUCCESS;
}
static DWORD get_strength_verify(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData;
  return get_strength(flags, v, FALSE);
}
static DWORD get_strength_unblock(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData;
  return get_strength(flags, v, TRUE);
}

static DWORD get_false(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData, (void)flags;
  put32(v, FALSE);
  return SCARD_S_SUCCESS;
}
static DWORD get_true(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData, (void)flags;
  put32(v, TRUE);
  return SCARD_S_SUCCESS;
}
static DWORD get_cache_mode(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData, (void)flags;
  put32(v, CP_CACHE_MODE_GLOBAL_CACHE);
  return SCARD_S_SUCCESS;
}
static DWORD get_key_import(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData, (void)flags;
  put32(v, 0); /* no key import of any kind */
  return SCARD_S_SUCCESS;
}

static DWORD get_guid(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)flags;
  memcpy(v->b, REFMD_CTX(pCardData)->cardid, sizeof REFMD_CTX(pCardData)->cardid);
  v->len = sizeof REFMD_CTX(pCardData)->cardid;
  return SCARD_S_SUCCESS;
}

static DWORD get_serial(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  refmd_apdu_t a = {0x80, 0xCA, 0x01, 0x02, NULL, 0, 8};
  refmd_rsp_t rsp;
  DWORD rc;
  (void)flags;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_send(pCardData, &a, &rsp);
  refmd_end(pCardData);
  if (rc)
    return rc;
  if (rsp.len != 8)
    return SCARD_E_UNEXPECTED;
  memcpy(v->b, rsp.data, 8);
  v->len = 8;
  return SCARD_S_SUCCESS;
}

/* A multi-string of 16-bit characters from an ASCII list ("a\0b\0\0"). */
static void put_multi(prop_val_t *v, const char *list, size_t n) {
  size_t i;
  for (i = 0; i < n && v->len + 2 <= VAL_MAX; i++) {
    WCHAR c = (BYTE)list[i];
    memcpy(v->b + v->len, &c, sizeof c);
    v->len += sizeof c;
  }
}

/* Secure key injection lists: the card does no symmetric cipher; its
 * asymmetric algorithms are RSA (raw and PKCS#1) and ECDSA P-256. */
static DWORD get_algorithms(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  static const char asym[] = "RSA\0ECDSA_P256\0"; /* + the literal's NUL */
  (void)pCardData;
  if (flags == CARD_ASYMMETRIC_OPERATION)
    put_multi(v, asym, sizeof asym);
  else if (flags == CARD_CIPHER_OPERATION)
    put_multi(v, "\0", 2);
  else
    return SCARD_E_INVALID_PARAMETER;
  return SCARD_S_SUCCESS;
}
static DWORD get_paddings(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData;
  if (flags == CARD_ASYMMETRIC_OPERATION)
    put32(v, CARD_PADDING_NONE | CARD_PADDING_PKCS1);
  else if (flags == CARD_CIPHER_OPERATION)
    put32(v, 0);
  else
    return SCARD_E_INVALID_PARAMETER;
  return SCARD_S_SUCCESS;
}
static DWORD get_chaining(PCARD_DATA pCardData, DWORD flags, prop_val_t *v) {
  (void)pCardData, (void)flags;
  put_multi(v, "\0", 2); /* no symmetric cipher, no chaining mode */
  return SCARD_S_SUCCESS;
}

/* ---- CP_* setters ----------------------------------------------------------- */
static DWORD set_parent(PCARD_DATA pCardData, const BYTE *data, DWORD len) {
  if (len != sizeof(HWND))
    return SCARD_E_INVALID_PARAMETER;
  memcpy(&REFMD_CTX(pCardData)->parent, data, sizeof(HWND));
  return SCARD_S_SUCCESS;
}
static DWORD set_pin_context(PCARD_DATA pCardData, const BYTE *data, DWORD len) {
  DWORD i;
  (void)pCardData;
  /* A NUL-terminated 16-bit string within len; refmd shows no prompt. */
  for (i = 0; i + 1 < len; i += 2)
    if (data[i] == 0 && data[i + 1] == 0)
      return SCARD_S_SUCCESS;
  return SCARD_E_INVALID_PARAMETER;
}

typedef DWORD (*get_fn)(PCARD_DATA, DWORD, prop_val_t *);
typedef DWORD (*set_fn)(PCARD_DATA, const BYTE *, DWORD);
static const struct prop {
  LPCWSTR name;
  get_fn get;     /* NULL: write-only */
  set_fn set;     /* NULL: read-only */
  BOOL flags_arg; /* dwFlags carries an argument the getter checks */
  DWORD version;  /* current version of a versioned struct, else 0 */
} props[] = {
    {CP_CARD_FREE_SPACE, get_free_space, NULL, FALSE, CARD_FREE_SPACE_INFO_CURRENT_VERSION},
    {CP_CARD_CAPABILITIES, get_capabilities, NULL, FALSE, CARD_CAPABILITIES_CURRENT_VERSION},
    {CP_CARD_KEYSIZES, get_key_sizes, NULL, TRUE, CARD_KEY_SIZES_CURRENT_VERSION},
    {CP_CARD_READ_ONLY, get_false, NULL, FALSE, 0},
    {CP_CARD_CACHE_MODE, get_cache_mode, NULL, FALSE, 0},
    {CP_SUPPORTS_WIN_X509_ENROLLMENT, get_true, NULL, FALSE, 0},
    {CP_CARD_GUID, get_guid, NULL, FALSE, 0},
    {CP_CARD_SERIAL_NO, get_serial, NULL, FALSE, 0},
    {CP_CARD_PIN_INFO, get_pin_info, NULL, TRUE, PIN_INFO_CURRENT_VERSION},
    {CP_CARD_LIST_PINS, get_list_pins, NULL, FALSE, 0},
    {CP_CARD_AUTHENTICATED_STATE, get_auth_state, NULL, FALSE, 0},
    {CP_CARD_PIN_STRENGTH_VERIFY, get_strength_verify, NULL, TRUE, 0},
    {CP_CARD_PIN_STRENGTH_CHANGE, get_strength_verify, NULL, TRUE, 0},
    {CP_CARD_PIN_STRENGTH_UNBLOCK, get_strength_unblock, NULL, TRUE, 0},
    {CP_PARENT_WINDOW, NULL, set_parent, FALSE, 0},
    {CP_PIN_CONTEXT_STRING, NULL, set_pin_context, FALSE, 0},
    {CP_KEY_IMPORT_SUPPORT, get_key_import, NULL, FALSE, 0},
    {CP_ENUM_ALGORITHMS, get_algorithms, NULL, TRUE, 0},
    {CP_PADDING_SCHEMES, get_paddings, NULL, TRUE, 0},
    {CP_CHAINING_MODES, get_chaining, NULL, FALSE, 0},
};

static const struct prop *find_prop(LPCWSTR name) {
  size_t i;
  for (i = 0; i < sizeof props / sizeof props[0]; i++)
    if (refmd_wcs_eq(name, props[i].name))
      return &props[i];
  return NULL;
}

/* The caller's dwVersion of a versioned struct in pbData (0 if it has none). */
static DWORD caller_version(const BYTE *pbData, DWORD cbData) {
  DWORD ver = 0;
  if (pbData != NULL && cbData >= sizeof ver)
    memcpy(&ver, pbData, sizeof ver);
  return ver;
}

DWORD refmd_prop_out(const BYTE *val, DWORD len, PBYTE pbData, DWORD cbData, PDWORD pdwDataLen,
                     BOOL versioned) {
  *pdwDataLen = len;
  if (cbData < len || pbData == NULL)
    return ERROR_INSUFFICIENT_BUFFER;
  /* dwVersion stays what the caller wrote. */
  if (versioned)
    memcpy(pbData + sizeof(DWORD), val + sizeof(DWORD), len - sizeof(DWORD));
  else
    memcpy(pbData, val, len);
  return SCARD_S_SUCCESS;
}

DWORD WINAPI CardGetProperty(PCARD_DATA pCardData, LPCWSTR wszProperty, PBYTE pbData, DWORD cbData,
                             PDWORD pdwDataLen, DWORD dwFlags) {
  const struct prop *p;
  prop_val_t v;
  DWORD rc;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (wszProperty == NULL || pdwDataLen == NULL || (pbData == NULL && cbData != 0))
    return SCARD_E_INVALID_PARAMETER;
  *pdwDataLen = 0;
  p = find_prop(wszProperty);
  if (p == NULL)
    return SCARD_E_INVALID_PARAMETER;
  if (p->get == NULL)
    return SCARD_E_UNSUPPORTED_FEATURE; /* write-only */
  if (!p->flags_arg && dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER;
  if (p->version && caller_version(pbData, cbData) > p->version)
    return ERROR_REVISION_MISMATCH;
  memset(&v, 0, sizeof v);
  rc = p->get(pCardData, dwFlags, &v);
  if (rc)
    return rc;
  return refmd_prop_out(v.b, v.len, pbData, cbData, pdwDataLen, p->version != 0);
}

DWORD WINAPI CardSetProperty(PCARD_DATA pCardData, LPCWSTR wszProperty, PBYTE pbData,
                             DWORD cbDataLen, DWORD dwFlags) {
  const struct prop *p;
  DWORD rc;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (wszProperty == NULL || pbData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  p = find_prop(wszProperty);
  if (p == NULL)
    return SCARD_E_INVALID_PARAMETER;
  if (p->set == NULL)
    return SCARD_E_UNSUPPORTED_FEATURE; /* read-only */
  if (dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER;
  return p->set(pCardData, pbData, cbDataLen);
}
