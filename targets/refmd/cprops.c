/* refmd container properties: CardGetContainerProperty and
 * CardSetContainerProperty.  CCP_CONTAINER_INFO is CardGetContainerInfo's
 * answer (read-only); CCP_PIN_IDENTIFIER is ROLE_USER for every container
 * (the card guards all keys with the user PIN); CCP_ASSOCIATED_ECDH_KEY
 * needs ECDH, which the card lacks.  Argument rules as in props.c; a
 * container that does not exist -> SCARD_E_NO_KEY_CONTAINER. */
#include <string.h>

#include "refmd.h"

enum { CCP_INFO, CCP_PIN, CCP_ECDH, CCP_UNKNOWN };

static int find_ccp(LPCWSTR name) {
  if (refmd_wcs_eq(name, CCP_CONTAINER_INFO))
    return CCP_INFO;
  if (refmd_wcs_eq(name, CCP_PIN_IDENTIFIER))
    return CCP_PIN;
  if (refmd_wcs_eq(name, CCP_ASSOCIATED_ECDH_KEY))
    return CCP_ECDH;
  return CCP_UNKNOWN;
}

static DWORD container_exists(PCARD_DATA pCardData, BYTE index) {
  refmd_key_t key;
  DWORD rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_key_load(pCardData, index, &key);
  refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardGetContainerProperty(PCARD_DATA pCardData, BYTE bContainerIndex,
                                      LPCWSTR wszProperty, PBYTE pbData, DWORD cbData,
                                      PDWORD pdwDataLen, DWORD dwFlags) {
  CONTAINER_INFO ci;
  DWORD rc, pin = ROLE_USER;
  int which;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (wszProperty == NULL || pdwDataLen == NULL || (pbData == NULL && cbData != 0))
    return SCARD_E_INVALID_PARAMETER;
  *pdwDataLen = 0;
  which = find_ccp(wszProperty);
  if (which == CCP_UNKNOWN)
    return SCARD_E_INVALID_PARAMETER;
  if (which == CCP_ECDH)
    return SCARD_E_UNSUPPORTED_FEATURE;
  if (dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER;
  if (which == CCP_PIN) {
    rc = container_exists(pCardData, bContainerIndex);
    return rc ? rc
              : refmd_prop_out((const BYTE *)&pin, sizeof pin, pbData, cbData, pdwDataLen, FALSE);
  }
  /* Size first: CardGetContainerInfo hands out key blobs only when the
   * caller can take them. */
  if (cbData < sizeof ci || pbData == NULL) {
    *pdwDataLen = sizeof ci;
    return ERROR_INSUFFICIENT_BUFFER;
  }
  memset(&ci, 0, sizeof ci);
  memcpy(&ci.dwVersion, pbData, sizeof ci.dwVersion);
  rc = CardGetContainerInfo(pCardData, bContainerIndex, 0, &ci);
  if (rc)
    return rc;
  memcpy(pbData, &ci, sizeof ci);
  *pdwDataLen = sizeof ci;
  return SCARD_S_SUCCESS;
}

DWORD WINAPI CardSetContainerProperty(PCARD_DATA pCardData, BYTE bContainerIndex,
                                      LPCWSTR wszProperty, PBYTE pbData, DWORD cbDataLen,
                                      DWORD dwFlags) {
  DWORD rc, pin = 0;
  int which;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (wszProperty == NULL || pbData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  which = find_ccp(wszProperty);
  if (which == CCP_UNKNOWN)
    return SCARD_E_INVALID_PARAMETER;
  if (which != CCP_PIN)
    return SCARD_E_UNSUPPORTED_FEATURE; /* read-only, or no ECDH */
  if (dwFlags != 0 || cbDataLen != sizeof pin)
    return SCARD_E_INVALID_PARAMETER;
  memcpy(&pin, pbData, sizeof pin);
  if (pin >= MAX_PINS)
    return SCARD_E_INVALID_PARAMETER;
  rc = container_exists(pCardData, bContainerIndex);
  if (rc)
    return rc;
  /* The card cannot bind a key to another PIN. */
  return pin == ROLE_USER ? SCARD_S_SUCCESS : SCARD_E_UNSUPPORTED_FEATURE;
}
