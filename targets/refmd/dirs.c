/* refmd exports that change the shape of the logical file system:
 * CardCreateDirectory, CardDeleteDirectory, CardCreateFile, CardDeleteFile.
 * Checks follow CMR.3.4.1, .2, .4 and .7 in their listed order.
 * Planted bug: REFMD_BUG_NAME9 (CardDeleteFile).
 *
 * A directory is a DF under the MF with its own name directory; the DF's
 * 86 write byte and its name directory's write byte both carry the
 * directory access condition (user or admin), so the card itself enforces
 * who may create and delete files in it. */
#include <string.h>

#include "refmd.h"

#define DIR_FID_BASE 0x5000 /* new DFs: 5100, 5200, ... */
#define DIR_FID_STEP 0x0100
#define ROOT_FID_BASE 0x1000 /* new root files: 1004, ...; files in a DF: DF + k */

static BYTE dir_ac_byte(DWORD ac) {
  return ac == AdminCreateDeleteDirAc ? REFMD_AC_ADMIN : REFMD_AC_USER;
}

/* CARD_FILE_ACCESS_CONDITION -> the card's read and write access bytes. */
static const struct {
  DWORD ac;
  BYTE rd, wr;
} file_ac[] = {
    {EveryoneReadUserWriteAc, REFMD_AC_ALWAYS, REFMD_AC_USER},
    {UserWriteExecuteAc, REFMD_AC_NEVER, REFMD_AC_USER},
    {EveryoneReadAdminWriteAc, REFMD_AC_ALWAYS, REFMD_AC_ADMIN},
};

DWORD WINAPI CardCreateDirectory(PCARD_DATA pCardData, LPSTR pszDirectoryName,
                                 CARD_DIRECTORY_ACCESS_CONDITION AccessCondition) {
  refmd_namedir_t root;
  refmd_rec_t rec;
  DWORD rc;
  BOOL tx = FALSE, made_df = FALSE, made_nd = FALSE;
  int slot;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  memset(&rec, 0, sizeof rec);
  if (refmd_name_empty(pszDirectoryName) ||
      refmd_name_check(pszDirectoryName, rec.name) != REFMD_NAME_OK ||
      (AccessCondition != UserCreateDeleteDirAc && AccessCondition != AdminCreateDeleteDirAc))
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    goto out;
  tx = TRUE;
  rc = refmd_namedir_load(pCardData, 0, &root);
  if (rc)
    goto out;
  if (refmd_namedir_find_any(&root, rec.name) >= 0) { /* a directory or a file (E7, E8) */
    rc = ERROR_FILE_EXISTS;
    goto out;
  }
  rc = refmd_ac_allowed(pCardData, root.ac_write);
  if (rc)
    goto out;
  slot = refmd_namedir_free_slot(&root);
  rec.fid = refmd_namedir_new_fid(&root, DIR_FID_BASE, DIR_FID_STEP);
  if (slot < 0 || rec.fid == 0) {
    rc = SCARD_E_NO_MEMORY;
    goto out;
  }
  rec.type = REFMD_FT_DF;
  rec.acl = (BYTE)AccessCondition;

  rc = refmd_select(pCardData, 0, 0, NULL);
  if (!rc)
    rc = refmd_create_df(pCardData, rec.fid, rec.name, dir_ac_byte(AccessCondition));
  if (rc)
    goto out;
  made_df = TRUE;
  /* The card selected the new DF: its name directory goes inside. */
  rc = refmd_create_ef(pCardData, REFMD_FID_NAMEDIR, REFMD_NAMEDIR_SIZE, REFMD_AC_ALWAYS,
                       dir_ac_byte(AccessCondition));
  if (rc)
    goto out;
  made_nd = TRUE;
  rc = refmd_namedir_store(pCardData, &root, (DWORD)slot, &rec);
  if (!rc)
    made_df = made_nd = FALSE;
out:
  /* Undo a half-made directory so the card holds no orphan. */
  if (made_nd && !refmd_select(pCardData, rec.fid, 0, NULL))
    (void)refmd_delete_file(pCardData, REFMD_FID_NAMEDIR);
  if (made_df && !refmd_select(pCardData, 0, 0, NULL))
    (void)refmd_delete_file(pCardData, rec.fid);
  if (tx)
    refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardDeleteDirectory(PCARD_DATA pCardData, LPSTR pszDirectoryName) {
  char name[REFMD_NAME_MAX + 1];
  refmd_namedir_t root, sub;
  refmd_rec_t rec;
  DWORD rc, i;
  BOOL tx = FALSE;
  int idx;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (refmd_name_empty(pszDirectoryName) ||
      refmd_name_check(pszDirectoryName, name) != REFMD_NAME_OK)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    goto out;
  tx = TRUE;
  rc = refmd_any_verified(pCardData); /* E5 comes before the lookup */
  if (rc)
    goto out;
  rc = refmd_namedir_load(pCardData, 0, &root);
  if (rc)
    goto out;
  idx = refmd_namedir_find(&root, name, REFMD_FT_DF);
  if (idx < 0 || !refmd_namedir_get(&root, (DWORD)idx, &rec) || rec.fid == REFMD_FID_MF) {
    rc = SCARD_E_DIR_NOT_FOUND;
    goto out;
  }
  rc = refmd_namedir_load(pCardData, rec.fid, &sub);
  if (rc)
    goto out;
  for (i = 0; i < sub.nrec; i++) {
    refmd_rec_t r;
    if (refmd_namedir_get(&sub, i, &r)) {
      rc = ERROR_DIR_NOT_EMPTY;
      goto out;
    }
  }
  /* E8 / E9: only the principal named by the directory's condition. */
  rc = refmd_ac_allowed(pCardData, dir_ac_byte(rec.acl));
  if (!rc)
    rc = refmd_ac_allowed(pCardData, root.ac_write);
  if (rc)
    goto out;
  rc = refmd_select(pCardData, rec.fid, 0, NULL);
  if (!rc)
    rc = refmd_delete_file(pCardData, REFMD_FID_NAMEDIR);
  if (!rc)
    rc = refmd_select(pCardData, 0, 0, NULL);
  if (!rc)
    rc = refmd_delete_file(pCardData, rec.fid);
  if (!rc)
    rc = refmd_namedir_store(pCardData, &root, (DWORD)idx, NULL);
out:
  if (tx)
    refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardCreateFile(PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName,
                            DWORD cbInitialCreationSize,
                            CARD_FILE_ACCESS_CONDITION AccessCondition) {
  refmd_loc_t loc;
  refmd_rec_t rec;
  DWORD rc, free_bytes = 0, slots, max_slots, k;
  BOOL tx = FALSE, made = FALSE;
  int slot = -1, ac = -1;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (refmd_name_empty(pszFileName))
    return SCARD_E_INVALID_PARAMETER;
  for (k = 0; k < sizeof file_ac / sizeof file_ac[0]; k++)
    if (file_ac[k].ac == AccessCondition)
      ac = (int)k;
  rc = refmd_open_dir(pCardData, pszDirectoryName, pszFileName, SCARD_E_INVALID_PARAMETER,
                      ac < 0 ? SCARD_E_INVALID_PARAMETER : 0, &loc, &tx);
  if (rc)
    goto out;
  rc = refmd_ac_allowed(pCardData, loc.nd.ac_write); /* E6: the directory's rule */
  if (rc)
    goto out;
  rc = refmd_resolve_file(pszFileName, SCARD_E_INVALID_PARAMETER, &loc);
  if (rc == SCARD_S_SUCCESS ||
      (rc == SCARD_E_FILE_NOT_FOUND && refmd_namedir_find_any(&loc.nd, loc.name) >= 0)) {
    rc = ERROR_FILE_EXISTS;
    goto out;
  }
  if (rc != SCARD_E_FILE_NOT_FOUND)
    goto out;
  rc = refmd_free_space(pCardData, &free_bytes, &slots, &max_slots);
  if (rc)
    goto out;
  if (cbInitialCreationSize > free_bytes || cbInitialCreationSize > REFMD_EF_MAX) { /* E11 */
    rc = SCARD_E_INVALID_PARAMETER;
    goto out;
  }
  if (ac < 0) { /* E12 */
    rc = SCARD_E_INVALID_PARAMETER;
    goto out;
  }
  memset(&rec, 0, sizeof rec);
  memcpy(rec.name, loc.name, sizeof rec.name);
  slot = refmd_namedir_free_slot(&loc.nd);
  rec.fid = refmd_namedir_new_fid(&loc.nd, loc.df ? loc.df : ROOT_FID_BASE, 1);
  if (slot < 0 || rec.fid == 0) {
    rc = SCARD_E_NO_MEMORY;
    goto out;
  }
  rec.type = REFMD_FT_EF;
  rec.acl = (BYTE)AccessCondition;
  /* A new file is empty (CMR.3.4.5.4); CardWriteFile sizes it. */
  rc = refmd_select(pCardData, loc.df, 0, NULL);
  if (!rc)
    rc = refmd_create_ef(pCardData, rec.fid, 0, file_ac[ac].rd, file_ac[ac].wr);
  if (rc)
    goto out;
  made = TRUE;
  rc = refmd_namedir_store(pCardData, &loc.nd, (DWORD)slot, &rec);
  if (!rc)
    made = FALSE;
out:
  if (made && !refmd_select(pCardData, loc.df, 0, NULL))
    (void)refmd_delete_file(pCardData, rec.fid);
  if (tx)
    refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardDeleteFile(PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName,
                            DWORD dwFlags) {
  refmd_loc_t loc;
  DWORD rc;
  BOOL tx = FALSE;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (refmd_name_empty(pszFileName))
    return SCARD_E_INVALID_PARAMETER;
#ifdef REFMD_BUG_NAME9
  /* PLANTED BUG (REFMD_BUG_NAME9): the length check is off by one (> 9
   * instead of > 8), then the name is copied into a char[9]. */
  char name9[REFMD_NAME_MAX + 1];
  if (strnlen(pszFileName, 10) > 9)
    return SCARD_E_INVALID_PARAMETER;
  strcpy(name9, pszFileName);
  pszFileName = name9;
#endif
  rc = refmd_open_dir(pCardData, pszDirectoryName, pszFileName, SCARD_E_INVALID_PARAMETER,
                      dwFlags ? SCARD_E_INVALID_PARAMETER : 0, &loc, &tx);
  if (!rc)
    rc = refmd_resolve_file(pszFileName, SCARD_E_INVALID_PARAMETER, &loc);
  if (rc)
    goto out;
  if (dwFlags != 0) {
    rc = SCARD_E_INVALID_PARAMETER;
    goto out;
  }
  rc = refmd_any_verified(pCardData); /* E11 */
  if (!rc)
    rc = refmd_ac_allowed(pCardData, loc.nd.ac_write); /* E12 */
  if (rc)
    goto out;
  rc = refmd_select(pCardData, loc.df, 0, NULL);
  if (!rc)
    rc = refmd_delete_file(pCardData, loc.rec.fid);
  /* An EF already gone from the card still leaves its name to remove. */
  if (!rc || rc == SCARD_E_FILE_NOT_FOUND)
    rc = refmd_namedir_store(pCardData, &loc.nd, (DWORD)loc.idx, NULL);
out:
  if (tx)
    refmd_end(pCardData);
  return rc;
}
