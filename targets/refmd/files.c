/* refmd file exports that read or rewrite existing files: CardReadFile,
 * CardWriteFile, CardGetFileInfo, CardEnumFiles, CardQueryFreeSpace.
 * Argument checks follow the order of the requirements' error tables
 * (CMR.3.4.3, .5, .6, .8, .9).
 *
 * Planted bugs, each in one marked #ifdef block: six in CardReadFile,
 * REFMD_BUG_REALLOC and REFMD_BUG_MULTISZ in CardEnumFiles. */
#include <string.h>
#if defined(REFMD_BUG_MALLOCOUT)
#include <stdlib.h>
#endif

#include "refmd.h"

DWORD WINAPI CardReadFile(PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName,
                          DWORD dwFlags, PBYTE *ppbData, PDWORD pcbData) {
  refmd_loc_t loc;
  refmd_fcp_t fcp;
  refmd_rsp_t rsp;
  BYTE *buf = NULL;
  DWORD rc, size, off = 0;
  BOOL tx = FALSE;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (refmd_name_empty(pszFileName) || ppbData == NULL || pcbData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  *ppbData = NULL;
  *pcbData = 0;

#ifndef REFMD_BUG_FLAGS
  rc = refmd_open_dir(pCardData, pszDirectoryName, pszFileName, SCARD_E_INVALID_PARAMETER,
                      dwFlags ? SCARD_E_INVALID_PARAMETER : 0, &loc, &tx);
#else
  rc = refmd_open_dir(pCardData, pszDirectoryName, pszFileName, SCARD_E_INVALID_PARAMETER, 0, &loc,
                      &tx);
#endif
  if (!rc)
    rc = refmd_resolve_file(pszFileName, SCARD_E_INVALID_PARAMETER, &loc);
  if (rc)
    goto out;
#ifndef REFMD_BUG_FLAGS
  if (dwFlags != 0) {
    rc = SCARD_E_INVALID_PARAMETER;
    goto out;
  }
#else
  /* PLANTED BUG (REFMD_BUG_FLAGS): dwFlags is ignored, CMR.3.4.3.E11. */
  (void)dwFlags;
#endif
  rc = refmd_select_ef(pCardData, loc.df, loc.rec.fid, &fcp);
  if (!rc && fcp.size > REFMD_EF_MAX)
    rc = SCARD_E_UNEXPECTED;
  if (rc)
    goto out;
  /* Check read access up front so that an empty protected file is refused
   * too; the card enforces it again on READ BINARY. */
  rc = refmd_ac_allowed(pCardData, fcp.ac_read);
  if (rc)
    goto out;
  size = fcp.size;

#ifdef REFMD_BUG_MALLOCOUT
  /* PLANTED BUG (REFMD_BUG_MALLOCOUT): an empty file's buffer comes from
   * malloc, not pfnCspAlloc, and the caller will pfnCspFree it. */
  if (size == 0)
    buf = malloc(1);
  else
#endif
    buf = pCardData->pfnCspAlloc(size ? size : 1);
#ifndef REFMD_BUG_NULLALLOC
  if (buf == NULL) {
    rc = SCARD_E_NO_MEMORY;
    goto out;
  }
#endif

  while (off < size) {
    DWORD want = size - off < REFMD_CHUNK ? size - off : REFMD_CHUNK, n;
    rc = refmd_read_chunk(pCardData, off, want, &rsp);
    if (rc) {
#ifdef REFMD_BUG_LEAK
      /* PLANTED BUG (REFMD_BUG_LEAK): a failure after the first chunk
       * forgets the buffer instead of freeing it. */
      if (off > 0)
        buf = NULL;
#endif
      goto out;
    }
    n = rsp.len;
#ifndef REFMD_BUG_OVERFLOW
    /* The card may answer more than we asked for; never copy past buf. */
    if (n > want) {
      rc = SCARD_E_UNEXPECTED;
      goto out;
    }
#else
    /* PLANTED BUG (REFMD_BUG_OVERFLOW): the answer's length is trusted, so a
     * long answer overruns the buffer sized from the FCP. */
#endif
    if (n == 0 && rsp.sw == 0x9000) { /* no progress: a card could loop us forever */
      rc = SCARD_E_UNEXPECTED;
      goto out;
    }
    memcpy(buf + off, rsp.data, n);
    off += n;
    if (rsp.sw == 0x6282) { /* end of file before the FCP size: return what there is */
#ifdef REFMD_BUG_CARDATA
      /* PLANTED BUG (REFMD_BUG_CARDATA): a short file "updates" CARD_DATA,
       * which only CardAcquireContext may change (CMR.1.0.7). */
      pCardData->cbAtr = off;
#endif
      break;
    }
  }
  *ppbData = buf;
  *pcbData = off;
  buf = NULL;
out:
  if (buf)
    pCardData->pfnCspFree(buf);
  if (tx)
    refmd_end(pCardData);
  return rc;
}

/* A file's size is its EF size; resizing recreates the EF with the same
 * FID and access bytes, after checking that the card has room, so that a
 * full card leaves the old contents in place. */
static DWORD resize(PCARD_DATA pCardData, const refmd_loc_t *loc, const refmd_fcp_t *fcp,
                    DWORD size) {
  DWORD rc, free_bytes = 0, slots, max_slots;

  if (size > fcp->size) {
    rc = refmd_free_space(pCardData, &free_bytes, &slots, &max_slots);
    if (rc)
      return rc;
    if (size - fcp->size > free_bytes)
      return SCARD_E_WRITE_TOO_MANY;
  }
  rc = refmd_select(pCardData, loc->df, 0, NULL);
  if (!rc)
    rc = refmd_delete_file(pCardData, loc->rec.fid);
  if (!rc)
    rc = refmd_create_ef(pCardData, loc->rec.fid, size, fcp->ac_read, fcp->ac_write);
  return rc == SCARD_E_NO_MEMORY ? SCARD_E_WRITE_TOO_MANY : rc;
}

DWORD WINAPI CardWriteFile(PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName,
                           DWORD dwFlags, PBYTE pbData, DWORD cbData) {
  refmd_loc_t loc;
  refmd_fcp_t fcp;
  DWORD rc;
  BOOL tx = FALSE;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (refmd_name_empty(pszFileName) || pbData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  /* CMR.3.4.6.E8 and E10 list SCARD_E_FILE_NOT_FOUND for forbidden
   * characters and for non-zero dwFlags; refmd returns what the table says. */
  rc = refmd_open_dir(pCardData, pszDirectoryName, pszFileName, SCARD_E_FILE_NOT_FOUND,
                      dwFlags ? SCARD_E_FILE_NOT_FOUND : 0, &loc, &tx);
  if (!rc)
    rc = refmd_resolve_file(pszFileName, SCARD_E_FILE_NOT_FOUND, &loc);
  if (rc)
    goto out;
  if (dwFlags != 0) {
    rc = SCARD_E_FILE_NOT_FOUND;
    goto out;
  }
  rc = refmd_select_ef(pCardData, loc.df, loc.rec.fid, &fcp);
  if (rc)
    goto out;
  rc = refmd_ac_allowed(pCardData, fcp.ac_write);
  if (rc)
    goto out;
  if (cbData > REFMD_EF_MAX) {
    rc = SCARD_E_WRITE_TOO_MANY;
    goto out;
  }
  if (cbData != fcp.size) {
    rc = resize(pCardData, &loc, &fcp, cbData);
    if (rc)
      goto out;
  }
  rc = refmd_update_binary(pCardData, 0, pbData, cbData);
out:
  if (tx)
    refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardGetFileInfo(PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName,
                             PCARD_FILE_INFO pCardFileInfo) {
  refmd_loc_t loc;
  refmd_fcp_t fcp;
  DWORD rc;
  BOOL tx = FALSE;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (refmd_name_empty(pszFileName) || pCardFileInfo == NULL)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_open_dir(
      pCardData, pszDirectoryName, pszFileName, SCARD_E_INVALID_PARAMETER,
      pCardFileInfo->dwVersion > CARD_FILE_INFO_CURRENT_VERSION ? ERROR_REVISION_MISMATCH : 0, &loc,
      &tx);
  if (!rc)
    rc = refmd_resolve_file(pszFileName, SCARD_E_INVALID_PARAMETER, &loc);
  if (rc)
    goto out;
  /* Version 0 means version 1 (CMR.3.4.5.5). */
  if (pCardFileInfo->dwVersion > CARD_FILE_INFO_CURRENT_VERSION) {
    rc = ERROR_REVISION_MISMATCH;
    goto out;
  }
  rc = refmd_select_ef(pCardData, loc.df, loc.rec.fid, &fcp);
  if (rc)
    goto out;
  rc = refmd_ac_allowed(pCardData, fcp.ac_read);
  if (rc)
    goto out;
  pCardFileInfo->cbFileSize = fcp.size;
  pCardFileInfo->AccessCondition = loc.rec.acl;
out:
  if (tx)
    refmd_end(pCardData);
  return rc;
}

/* CardEnumFiles grows its multi-string as it goes, ENUM_CHUNK bytes first. */
#define ENUM_CHUNK 16

DWORD WINAPI CardEnumFiles(PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR *pmszFileNames,
                           LPDWORD pdwcbFileName, DWORD dwFlags) {
  refmd_loc_t loc;
  refmd_rec_t rec;
  char *buf = NULL, *nb;
  DWORD rc, i, cap = 0, at = 0, last = 0;
  BOOL tx = FALSE;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pmszFileNames == NULL || pdwcbFileName == NULL)
    return SCARD_E_INVALID_PARAMETER;
  *pmszFileNames = NULL;
  *pdwcbFileName = 0;
  rc = refmd_open_dir(pCardData, pszDirectoryName, NULL, 0, dwFlags ? SCARD_E_INVALID_PARAMETER : 0,
                      &loc, &tx);
  if (rc)
    goto out;
  if (dwFlags != 0) {
    rc = SCARD_E_INVALID_PARAMETER;
    goto out;
  }
  /* Multi-string: each name NUL-terminated, one more NUL at the end. */
  for (i = 0; i < loc.nd.nrec; i++) {
    DWORD n;
    if (!refmd_namedir_get(&loc.nd, i, &rec) || rec.type != REFMD_FT_EF)
      continue;
    n = (DWORD)strlen(rec.name) + 1;
    if (at + n + 1 > cap) { /* room for this name and the final NUL */
      DWORD ncap = cap ? 2 * cap : ENUM_CHUNK;
      while (ncap < at + n + 1)
        ncap *= 2;
      nb = cap ? pCardData->pfnCspReAlloc(buf, ncap) : pCardData->pfnCspAlloc(ncap);
#ifndef REFMD_BUG_REALLOC
      if (nb == NULL) { /* buf is still ours: freed below */
#else
      /* PLANTED BUG (REFMD_BUG_REALLOC): only the first allocation is
       * checked; a NULL from pfnCspReAlloc is written through. */
      if (nb == NULL && cap == 0) {
#endif
        rc = SCARD_E_NO_MEMORY;
        goto out;
      }
      buf = nb;
      cap = ncap;
    }
    memcpy(buf + at, rec.name, n);
    at += n;
    last = n - 1;
  }
  if (at == 0) { /* CMR.3.4.8.E8: an empty directory */
    rc = SCARD_E_DIR_NOT_FOUND;
    goto out;
  }
#ifdef REFMD_BUG_MULTISZ
  /* PLANTED BUG (REFMD_BUG_MULTISZ): when the name directory ends in a
   * partial record (a card-side size) and the last name fills all 8
   * characters, the final NUL is left out. */
  if (!(loc.nd.partial && last == REFMD_NAME_MAX))
#endif
    buf[at++] = '\0';
  (void)last;
  *pmszFileNames = buf;
  *pdwcbFileName = at;
  buf = NULL;
out:
  if (buf)
    pCardData->pfnCspFree(buf);
  if (tx)
    refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardQueryFreeSpace(PCARD_DATA pCardData, DWORD dwFlags,
                                PCARD_FREE_SPACE_INFO pCardFreeSpaceInfo) {
  DWORD rc, bytes = 0, slots = 0, max_slots = 0;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pCardFreeSpaceInfo == NULL || dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER;
  /* Version 0 means version 1 (CMR.3.4.9.3). */
  if (pCardFreeSpaceInfo->dwVersion > CARD_FREE_SPACE_INFO_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_free_space(pCardData, &bytes, &slots, &max_slots);
  refmd_end(pCardData);
  if (rc)
    return rc;
  pCardFreeSpaceInfo->dwBytesAvailable = bytes;
  pCardFreeSpaceInfo->dwKeyContainersAvailable = slots;
  pCardFreeSpaceInfo->dwMaxKeyContainers = max_slots;
  return SCARD_S_SUCCESS;
}
