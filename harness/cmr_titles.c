/* One-line titles for the CMR ids that mdfuzz oracles report.
 *
 * Facts from the certification requirements (ID numbering, which export a
 * section covers, the condition and the expected code), paraphrased in our
 * own words.  IDs without an entry get a title from their section. */
#include <stdio.h>
#include <string.h>

#include "mdfuzz/harness/cmr.h"

static const struct {
  const char *id, *title;
} cmr_titles[] = {
    {"CMR.1.0.3", "a minidriver must never show UI"},
    {"CMR.1.0.7", "exports other than CardAcquireContext may only change pvVendorSpecific in CARD_DATA"},
    {"CMR.1.2.1", "file and directory names are 1 to 8 ANSI characters, no forbidden characters"},
    {"CMR.1.2.3", "file and directory names are case-insensitive"},
    {"CMR.1.3.1", "strings passed to exports are single-byte ANSI"},
    {"CMR.1.3.4", "memory must be allocated and freed through the CSP callbacks"},
    {"CMR.1.4.1", "a NULL from pfnCspAlloc (out of memory) must be handled"},
    {"CMR.1.4.2", "reallocation must go through pfnCspReAlloc on CSP-allocated blocks"},
    {"CMR.1.4.3", "a NULL from pfnCspReAlloc must be handled as an error"},
    {"CMR.1.4.4", "freeing must go through pfnCspFree on CSP-allocated blocks"},
    {"CMR.1.5.1", "cache support through the CSP cache callbacks"},
    {"CMR.3.1.1.E1", "CardAcquireContext: NULL pCardData gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.1.1.E2", "CardAcquireContext: non-zero dwFlags gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.1.1.E3", "CardAcquireContext: too old CARD_DATA version gives ERROR_REVISION_MISMATCH"},
    {"CMR.3.1.1.E4", "CardAcquireContext: NULL pbAtr gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.1.1.E5", "CardAcquireContext: bad cbAtr gives SCARD_E_INVALID_PARAMETER or SCARD_E_UNKNOWN_CARD"},
    {"CMR.3.1.1.E6", "CardAcquireContext: NULL pwszCardName gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.1.1.E7", "CardAcquireContext: unrecognised ATR gives SCARD_E_UNKNOWN_CARD"},
    {"CMR.3.1.1.E8", "CardAcquireContext: NULL allocator callback gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.1.1.E9", "CardAcquireContext: zero hSCardCtx is not an error"},
    {"CMR.3.1.1.E10", "CardAcquireContext: zero hSCard gives SCARD_E_INVALID_HANDLE"},
    {"CMR.3.1.2.2", "CardDeleteContext releases everything CardAcquireContext allocated"},
    {"CMR.3.1.2.E1", "CardDeleteContext: NULL pCardData gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E1", "CardReadFile: NULL pCardData gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E2", "CardReadFile: NULL or empty file name gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E3", "CardReadFile: NULL ppbData gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E4", "CardReadFile: NULL pcbData gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E5", "CardReadFile: directory name length outside 1..8 gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E6", "CardReadFile: forbidden character in directory name gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E7", "CardReadFile: unknown directory gives SCARD_E_DIR_NOT_FOUND"},
    {"CMR.3.4.3.E8", "CardReadFile: file name length outside 1..8 gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E9", "CardReadFile: forbidden character in file name gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E10", "CardReadFile: unknown file gives SCARD_E_FILE_NOT_FOUND"},
    {"CMR.3.4.3.E11", "CardReadFile: non-zero dwFlags gives SCARD_E_INVALID_PARAMETER"},
    {"CMR.3.4.3.E12", "CardReadFile: no read access gives SCARD_W_SECURITY_VIOLATION"},
};

/* Which export each requirement section covers. */
static const struct {
  const char *section, *export_name;
} cmr_sections[] = {
    {"CMR.3.1.1", "CardAcquireContext"},   {"CMR.3.1.2", "CardDeleteContext"},
    {"CMR.3.2.1", "CardAuthenticatePin"},  {"CMR.3.2.2", "CardGetChallenge"},
    {"CMR.3.2.3", "CardAuthenticateChallenge"}, {"CMR.3.2.4", "CardDeauthenticate"},
    {"CMR.3.3.1", "CardUnblockPin"},       {"CMR.3.3.2", "CardChangeAuthenticator"},
    {"CMR.3.4.1", "CardCreateDirectory"},  {"CMR.3.4.2", "CardDeleteDirectory"},
    {"CMR.3.4.3", "CardReadFile"},         {"CMR.3.4.4", "CardCreateFile"},
    {"CMR.3.4.5", "CardGetFileInfo"},      {"CMR.3.4.6", "CardWriteFile"},
    {"CMR.3.4.7", "CardDeleteFile"},       {"CMR.3.4.8", "CardEnumFiles"},
    {"CMR.3.4.9", "CardQueryFreeSpace"},   {"CMR.4.1.1", "CardQueryCapabilities"},
    {"CMR.4.2.1", "CardCreateContainer"},  {"CMR.4.2.2", "CardDeleteContainer"},
    {"CMR.4.2.3", "CardGetContainerInfo"}, {"CMR.4.3.1", "CardRSADecrypt"},
    {"CMR.4.3.2", "CardConstructDHAgreement"}, {"CMR.4.3.3", "CardDeriveKey"},
    {"CMR.4.3.4", "CardDestroyDHAgreement"}, {"CMR.4.3.5", "CardSignData"},
    {"CMR.4.3.6", "CardQueryKeySizes"},
};

const char *mdf_cmr_title(const char *id, char *buf, size_t cap) {
  if (!id || !buf || cap == 0)
    return NULL;
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof cmr_titles / sizeof *cmr_titles; i++)
    if (strcmp(id, cmr_titles[i].id) == 0)
      return cmr_titles[i].title;
  for (size_t i = 0; i < sizeof cmr_sections / sizeof *cmr_sections; i++) {
    size_t n = strlen(cmr_sections[i].section);
    if (strncmp(id, cmr_sections[i].section, n) != 0 || id[n] != '.' || !id[n + 1])
      continue;
    const char *rest = id + n + 1;
    if (rest[0] == 'E')
      snprintf(buf, cap, "%s: error case %s (wrong return code for the situation)",
               cmr_sections[i].export_name, rest);
    else
      snprintf(buf, cap, "%s: functional requirement %s", cmr_sections[i].export_name, rest);
    return buf;
  }
  return NULL;
}
