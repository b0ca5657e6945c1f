/* refmd key containers: CardCreateContainer(Ex) by on-card key generation
 * (GENERATE KEY PAIR; no key import), CardDeleteContainer, and the
 * container properties (CCP_CONTAINER_INFO, CCP_PIN_IDENTIFIER).  Checks
 * follow CMR.4.2.1.E* and CMR.4.2.2.E* in their listed order.
 *
 * Container i is card key reference i + 1, and the card decides the key
 * type by the reference (REFMD_SLOT_IS_RSA).  refmd keeps /mscp/cmapfile in
 * step with the keys it makes or drops, so that the other exports find them;
 * the CSP may rewrite the file afterwards with its own GUIDs. */
#include <string.h>

#include "refmd.h"

#define RSA_BITS 2048
#define ECC_BITS 256

static void put_le16(BYTE *p, DWORD v) {
  p[0] = (BYTE)v;
  p[1] = (BYTE)(v >> 8);
}

/* A CONTAINER_MAP_RECORD for a new key: a GUID made from the index (the
 * sim's own pattern), valid, the key size in its slot. */
static void cmap_record(BYTE rec[REFMD_CMAP_REC_SIZE], BYTE index, BOOL kx, DWORD bits) {
  static const char guid[] = "{6D646675-7A7A-5349-4D00-0000000000xx}";
  static const char hex[] = "0123456789ABCDEF";
  size_t i;

  memset(rec, 0, REFMD_CMAP_REC_SIZE);
  for (i = 0; guid[i]; i++)
    put_le16(rec + 2 * i, (BYTE)guid[i]);
  put_le16(rec + 2 * (sizeof guid - 4), (BYTE)hex[index >> 4]);
  put_le16(rec + 2 * (sizeof guid - 3), (BYTE)hex[index & 15]);
  rec[80] = CONTAINER_MAP_VALID_CONTAINER;
  put_le16(rec + (kx ? 84 : 82), bits);
}

/* Write cmapfile record index (rec all zero clears it).  A record past the
 * end of the file grows it: the EF is recreated with the old records kept. */
static DWORD cmap_store(PCARD_DATA pCardData, BYTE index, const BYTE rec[REFMD_CMAP_REC_SIZE]) {
  static const BYTE zero[REFMD_CMAP_REC_SIZE];
  BYTE all[REFMD_MAX_CONTAINERS * REFMD_CMAP_REC_SIZE];
  DWORD rc, at = (DWORD)index * REFMD_CMAP_REC_SIZE, need = at + REFMD_CMAP_REC_SIZE;
  refmd_loc_t loc;
  refmd_fcp_t fcp;

  if (index >= REFMD_MAX_CONTAINERS)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_resolve_dir(pCardData, szBASE_CSP_DIR, &loc);
  if (!rc)
    rc = refmd_resolve_file(szCONTAINER_MAP_FILE, SCARD_E_INVALID_PARAMETER, &loc);
  if (!rc)
    rc = refmd_select_ef(pCardData, loc.df, loc.rec.fid, &fcp);
  if (rc)
    return rc;
  if (fcp.size >= need)
    return refmd_update_binary(pCardData, at, rec, REFMD_CMAP_REC_SIZE);
  if (!memcmp(rec, zero, sizeof zero))
    return SCARD_S_SUCCESS; /* nothing there to clear */

  memset(all, 0, sizeof all);
  rc = refmd_read_binary(pCardData, 0, all, fcp.size); /* fcp.size < need <= sizeof all */
  if (rc)
    return rc;
  memcpy(all + at, rec, REFMD_CMAP_REC_SIZE);
  rc = refmd_select(pCardData, loc.df, 0, NULL);
  if (!rc)
    rc = refmd_delete_file(pCardData, loc.rec.fid);
  if (!rc)
    rc = refmd_create_ef(pCardData, loc.rec.fid, need, fcp.ac_read, fcp.ac_write);
  if (!rc)
    rc = refmd_update_binary(pCardData, 0, all, need);
  return rc;
}

/* GENERATE KEY PAIR for the container's reference; the answer must be a
 * key of the kind and size asked for. */
static DWORD generate(PCARD_DATA pCardData, BYTE index, BOOL rsa) {
  BYTE crt[5] = {0xB6, 0x03, 0x84, 0x01, (BYTE)(index + 1)};
  refmd_apdu_t a = {0x00, 0x47, 0x80, 0x00, crt, sizeof crt, 256};
  refmd_rsp_t rsp;
  refmd_key_t key;
  DWORD rc;

  memset(&key, 0, sizeof key);
  rc = refmd_send(pCardData, &a, &rsp);
  if (rc)
    return rc;
  rc = refmd_pubkey_parse(rsp.data, rsp.len, &key);
  if (rc)
    return rc;
  if (key.ecc == rsa || key.bits != (rsa ? RSA_BITS : ECC_BITS))
    return SCARD_E_UNEXPECTED;
  return SCARD_S_SUCCESS;
}

static BOOL is_ecc_spec(DWORD spec) {
  return spec >= AT_ECDSA_P256 && spec <= AT_ECDHE_P521;
}

static DWORD create_container(PCARD_DATA pCardData, BYTE index, DWORD flags, DWORD spec, DWORD bits,
                              const BYTE *key_data, PIN_ID pin) {
  BYTE rec[REFMD_CMAP_REC_SIZE];
  BOOL rsa = spec == AT_KEYEXCHANGE || spec == AT_SIGNATURE, verified = FALSE;
  DWORD rc;

  if (flags == CARD_CREATE_CONTAINER_KEY_IMPORT && key_data == NULL)
    return SCARD_E_INVALID_PARAMETER; /* E2 */
  if (flags != CARD_CREATE_CONTAINER_KEY_GEN && flags != CARD_CREATE_CONTAINER_KEY_IMPORT)
    return SCARD_E_INVALID_PARAMETER; /* E4 */
  if (!rsa && !is_ecc_spec(spec))
    return SCARD_E_INVALID_PARAMETER; /* E5 */
  if (rsa ? bits != RSA_BITS : bits != 0)
    return SCARD_E_INVALID_PARAMETER; /* E6: ECC sizes come with the spec */
  /* Every key on the card is guarded by the user PIN (CardCreateContainerEx
   * cannot bind one to another PIN). */
  if (index >= REFMD_MAX_CONTAINERS || pin != ROLE_USER)
    return SCARD_E_INVALID_PARAMETER;
  /* E7: no import command; ECC only as P-256 signature keys; and the
   * card's slot fixes the key type. */
  if (flags == CARD_CREATE_CONTAINER_KEY_IMPORT || (!rsa && spec != AT_ECDSA_P256) ||
      REFMD_SLOT_IS_RSA(index) != rsa)
    return SCARD_E_UNSUPPORTED_FEATURE;

  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_pin_verified(pCardData, REFMD_PIN_USER, &verified); /* E8: the user, not the admin */
  if (!rc && !verified)
    rc = SCARD_W_SECURITY_VIOLATION;
  if (!rc)
    rc = generate(pCardData, index, rsa);
  if (!rc) {
    cmap_record(rec, index, spec == AT_KEYEXCHANGE, rsa ? RSA_BITS : ECC_BITS);
    rc = cmap_store(pCardData, index, rec);
  }
  refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardCreateContainer(PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwFlags,
                                 DWORD dwKeySpec, DWORD dwKeySize, PBYTE pbKeyData) {
  DWORD rc = refmd_check(pCardData);
  return rc ? rc
            : create_container(pCardData, bContainerIndex, dwFlags, dwKeySpec, dwKeySize, pbKeyData,
                               ROLE_USER);
}

DWORD WINAPI CardCreateContainerEx(PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwFlags,
                                   DWORD dwKeySpec, DWORD dwKeySize, PBYTE pbKeyData,
                                   PIN_ID PinId) {
  DWORD rc = refmd_check(pCardData);
  return rc ? rc
            : create_container(pCardData, bContainerIndex, dwFlags, dwKeySpec, dwKeySize, pbKeyData,
                               PinId);
}

DWORD WINAPI CardDeleteContainer(PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwReserved) {
  static const BYTE zero[REFMD_CMAP_REC_SIZE];
  refmd_key_t key;
  DWORD rc;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (dwReserved != 0)
    return SCARD_E_INVALID_PARAMETER; /* E3 */
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_any_verified(pCardData); /* E4 */
  if (rc)
    goto out;
  /* A container that is not there is deleted already (CMR.4.2.2.2).  The
   * card cannot erase a key: dropping the record makes it unreachable. */
  rc = refmd_key_load(pCardData, bContainerIndex, &key);
  if (rc == SCARD_E_NO_KEY_CONTAINER)
    rc = SCARD_S_SUCCESS;
  else if (!rc)
    rc = cmap_store(pCardData, bContainerIndex, zero);
out:
  refmd_end(pCardData);
  return rc;
}
