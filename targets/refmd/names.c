/* refmd logical file system names: name checks, the per-DF name directory
 * (EF 0DD0, 32 records of name[8] FID[2] type[1] acl[1]) and path
 * resolution shared by the file exports. */
#include <string.h>

#include "refmd.h"

/* Characters Windows file systems forbid, plus control codes 1..31. */
static BOOL bad_char(unsigned char c) {
  return c < 32 || c == '\\' || c == '/' || c == ':' || c == '*' || c == '?' || c == '"' ||
         c == '<' || c == '>' || c == '|';
}

BOOL refmd_name_empty(LPCSTR name) {
  return name == NULL || name[0] == '\0';
}

int refmd_name_check(LPCSTR name, char out[REFMD_NAME_MAX + 1]) {
  size_t n;

  memset(out, 0, REFMD_NAME_MAX + 1);
  if (name == NULL)
    return REFMD_NAME_BAD_LEN;
  /* Bounded scan: never read more than one byte past the longest name. */
  for (n = 0; n <= REFMD_NAME_MAX && name[n]; n++) {
  }
  if (n == 0 || n > REFMD_NAME_MAX)
    return REFMD_NAME_BAD_LEN;
  for (n = 0; name[n]; n++) {
    unsigned char c = (unsigned char)name[n];
    if (bad_char(c)) {
      memset(out, 0, REFMD_NAME_MAX + 1);
      return REFMD_NAME_BAD_CHAR;
    }
    /* Names are case-insensitive: keep them lower-case (ASCII only, so the
     * result does not depend on a locale). */
    out[n] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  return REFMD_NAME_OK;
}

DWORD refmd_namedir_load(PCARD_DATA pCardData, WORD df, refmd_namedir_t *nd) {
  refmd_fcp_t fcp;
  DWORD rc, size;

  memset(nd, 0, sizeof *nd);
  nd->df = df;
  rc = refmd_select_ef(pCardData, df, REFMD_FID_NAMEDIR, &fcp);
  /* A DF without a name directory is not one of ours. */
  if (rc == SCARD_E_FILE_NOT_FOUND)
    return SCARD_E_DIR_NOT_FOUND;
  if (rc)
    return rc;
  /* Only whole records, and never more than our buffer holds. */
  size = fcp.size < REFMD_NAMEDIR_SIZE ? fcp.size : REFMD_NAMEDIR_SIZE;
  nd->partial = size % REFMD_REC_SIZE != 0;
  size -= size % REFMD_REC_SIZE;
  rc = refmd_read_binary(pCardData, 0, nd->raw, size);
  if (rc)
    return rc;
  nd->nrec = size / REFMD_REC_SIZE;
  nd->ac_write = fcp.ac_write;
  return SCARD_S_SUCCESS;
}

BOOL refmd_namedir_get(const refmd_namedir_t *nd, DWORD i, refmd_rec_t *rec) {
  const BYTE *r;
  char name[REFMD_NAME_MAX + 1];
  DWORD n;

  memset(rec, 0, sizeof *rec);
  if (i >= nd->nrec)
    return FALSE;
  r = nd->raw + i * REFMD_REC_SIZE;
  /* The name field is NUL-padded but a full 8-char name has no NUL. */
  for (n = 0; n < REFMD_NAME_MAX && r[n]; n++)
    name[n] = (char)r[n];
  name[n] = '\0';
  if (n == 0 || (r[10] != REFMD_FT_EF && r[10] != REFMD_FT_DF))
    return FALSE;
  /* Card-written names go through the same check as caller names. */
  if (refmd_name_check(name, rec->name) != REFMD_NAME_OK)
    return FALSE;
  rec->fid = (WORD)((r[8] << 8) | r[9]);
  rec->type = r[10];
  rec->acl = r[11];
  return TRUE;
}

int refmd_namedir_find(const refmd_namedir_t *nd, const char *name, BYTE type) {
  refmd_rec_t rec;
  DWORD i;
  for (i = 0; i < nd->nrec; i++)
    if (refmd_namedir_get(nd, i, &rec) && rec.type == type && !strcmp(rec.name, name))
      return (int)i;
  return -1;
}

int refmd_namedir_find_any(const refmd_namedir_t *nd, const char *name) {
  int i = refmd_namedir_find(nd, name, REFMD_FT_EF);
  return i >= 0 ? i : refmd_namedir_find(nd, name, REFMD_FT_DF);
}

int refmd_namedir_free_slot(const refmd_namedir_t *nd) {
  static const BYTE zero[REFMD_REC_SIZE];
  DWORD i;
  for (i = 0; i < nd->nrec; i++)
    if (!memcmp(nd->raw + i * REFMD_REC_SIZE, zero, REFMD_REC_SIZE))
      return (int)i;
  return -1;
}

BOOL refmd_namedir_fid_used(const refmd_namedir_t *nd, WORD fid) {
  DWORD i;
  /* Raw scan: even a malformed record may own its FID on the card. */
  for (i = 0; i < nd->nrec; i++) {
    const BYTE *r = nd->raw + i * REFMD_REC_SIZE;
    if (((r[8] << 8) | r[9]) == fid)
      return TRUE;
  }
  return fid == REFMD_FID_NAMEDIR || fid == REFMD_FID_MF || fid == nd->df;
}

WORD refmd_namedir_new_fid(const refmd_namedir_t *nd, WORD base, WORD step) {
  DWORD k;
  for (k = 1; k <= REFMD_REC_COUNT + 1; k++) {
    DWORD fid = base + k * step;
    if (fid > 0xFEFF)
      break;
    if (!refmd_namedir_fid_used(nd, (WORD)fid))
      return (WORD)fid;
  }
  return 0;
}

DWORD refmd_namedir_store(PCARD_DATA pCardData, refmd_namedir_t *nd, DWORD i,
                          const refmd_rec_t *rec) {
  BYTE r[REFMD_REC_SIZE];
  DWORD rc;

  if (i >= nd->nrec)
    return SCARD_E_INVALID_PARAMETER;
  memset(r, 0, sizeof r);
  if (rec) {
    memcpy(r, rec->name, strlen(rec->name));
    r[8] = (BYTE)(rec->fid >> 8);
    r[9] = (BYTE)rec->fid;
    r[10] = rec->type;
    r[11] = rec->acl;
  }
  rc = refmd_select(pCardData, nd->df, REFMD_FID_NAMEDIR, NULL);
  if (!rc)
    rc = refmd_update_binary(pCardData, i * REFMD_REC_SIZE, r, sizeof r);
  if (!rc)
    memcpy(nd->raw + i * REFMD_REC_SIZE, r, sizeof r);
  return rc;
}

DWORD refmd_resolve_dir(PCARD_DATA pCardData, LPCSTR dir, refmd_loc_t *loc) {
  char name[REFMD_NAME_MAX + 1];
  refmd_rec_t rec;
  DWORD rc;
  int i;

  memset(loc, 0, sizeof *loc);
  loc->idx = -1;
  loc->dir_ac = UserCreateDeleteDirAc; /* the root: users create and delete */
  if (dir != NULL && refmd_name_check(dir, name) != REFMD_NAME_OK)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_namedir_load(pCardData, 0, &loc->nd);
  if (rc || dir == NULL)
    return rc;
  i = refmd_namedir_find(&loc->nd, name, REFMD_FT_DF);
  if (i < 0 || !refmd_namedir_get(&loc->nd, (DWORD)i, &rec))
    return SCARD_E_DIR_NOT_FOUND;
  loc->df = rec.fid;
  loc->dir_ac = rec.acl;
  /* A record pointing at the MF or a missing DF is a broken card, not a directory. */
  if (loc->df == 0 || loc->df == REFMD_FID_MF)
    return SCARD_E_DIR_NOT_FOUND;
  return refmd_namedir_load(pCardData, loc->df, &loc->nd);
}

DWORD refmd_resolve_file(LPCSTR file, DWORD bad_char_code, refmd_loc_t *loc) {
  switch (refmd_name_check(file, loc->name)) {
  case REFMD_NAME_OK:
    break;
  case REFMD_NAME_BAD_CHAR:
    return bad_char_code;
  default:
    return SCARD_E_INVALID_PARAMETER;
  }
  loc->idx = refmd_namedir_find(&loc->nd, loc->name, REFMD_FT_EF);
  if (loc->idx < 0)
    return SCARD_E_FILE_NOT_FOUND;
  (void)refmd_namedir_get(&loc->nd, (DWORD)loc->idx, &loc->rec);
  return SCARD_S_SUCCESS;
}

DWORD refmd_arg_first(DWORD rc, LPCSTR dir, LPCSTR file, DWORD bad_char, DWORD late) {
  char name[REFMD_NAME_MAX + 1];

  /* A bad directory name, or a named directory that is not there, are
   * answers in the requirements' order; anything else is the card failing. */
  if (rc == SCARD_S_SUCCESS || rc == SCARD_E_INVALID_PARAMETER ||
      (rc == SCARD_E_DIR_NOT_FOUND && dir != NULL))
    return rc;
  /* The card failed before the directory name was looked at (e.g. the
   * transaction could not start): its syntax still comes first. */
  if (dir != NULL && refmd_name_check(dir, name) != REFMD_NAME_OK)
    return SCARD_E_INVALID_PARAMETER;
  if (file != NULL) {
    switch (refmd_name_check(file, name)) {
    case REFMD_NAME_BAD_LEN:
      return SCARD_E_INVALID_PARAMETER;
    case REFMD_NAME_BAD_CHAR:
      return bad_char;
    default:
      break;
    }
  }
  return late ? late : rc;
}

DWORD refmd_open_dir(PCARD_DATA pCardData, LPCSTR dir, LPCSTR file, DWORD bad_char, DWORD late,
                     refmd_loc_t *loc, BOOL *tx) {
  DWORD rc = refmd_begin(pCardData);

  *tx = rc == SCARD_S_SUCCESS;
  if (*tx)
    rc = refmd_resolve_dir(pCardData, dir, loc);
  return refmd_arg_first(rc, dir, file, bad_char, late);
}
