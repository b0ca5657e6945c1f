/* refmd card I/O: APDU encoding, 61xx / 6Cxx handling, SW mapping and
 * transactions.  The only file that calls SCardTransmit.  No allocation and
 * no formatting here: this is the per-APDU path. */
#include <string.h>

#include "refmd.h"

/* One table maps every status word the driver may see to a SCARD_* code;
 * exports override a few entries where the requirements ask for another
 * code (e.g. "no space" on CardWriteFile). */
static const struct {
  WORD sw, mask;
  DWORD code;
} sw_map[] = {
    {0x9000, 0xFFFF, SCARD_S_SUCCESS},
    {0x63C0, 0xFFF0, SCARD_W_WRONG_CHV}, /* wrong PIN, x tries left */
    {0x6300, 0xFFFF, SCARD_W_WRONG_CHV}, /* wrong challenge response */
    {0x6982, 0xFFFF, SCARD_W_SECURITY_VIOLATION},
    {0x6983, 0xFFFF, SCARD_W_CHV_BLOCKED},
    {0x6985, 0xFFFF, SCARD_W_SECURITY_VIOLATION}, /* conditions of use */
    {0x6A82, 0xFFFF, SCARD_E_FILE_NOT_FOUND},
    {0x6A84, 0xFFFF, SCARD_E_NO_MEMORY}, /* no space on the card */
    {0x6A88, 0xFFFF, SCARD_E_NO_KEY_CONTAINER},
    {0x6A89, 0xFFFF, ERROR_FILE_EXISTS},
};

DWORD refmd_sw_error(WORD sw) {
  size_t i;
  for (i = 0; i < sizeof sw_map / sizeof sw_map[0]; i++)
    if ((sw & sw_map[i].mask) == sw_map[i].sw)
      return sw_map[i].code;
  /* Anything else means the card and the driver disagree on the protocol. */
  return SCARD_E_UNEXPECTED;
}

DWORD refmd_begin(PCARD_DATA pCardData) {
  return (DWORD)SCardBeginTransaction(pCardData->hScard);
}

void refmd_end(PCARD_DATA pCardData) {
  (void)SCardEndTransaction(pCardData->hScard, SCARD_LEAVE_CARD);
}

/* ISO 7816-4 cases 1-4, short or extended; extended whenever a length does
 * not fit the short form. */
static DWORD encode(const refmd_apdu_t *a, BYTE *cmd, DWORD *clen) {
  BOOL ext = a->lc > 255 || a->le > 256;
  DWORD n = 0;

  if (a->lc > 65535 || a->le > 65536 || 4 + 3 + a->lc + 3 > REFMD_CMD_MAX)
    return SCARD_E_INVALID_PARAMETER;
  cmd[n++] = a->cla;
  cmd[n++] = a->ins;
  cmd[n++] = a->p1;
  cmd[n++] = a->p2;
  if (a->lc) {
    if (ext) {
      cmd[n++] = 0;
      cmd[n++] = (BYTE)(a->lc >> 8);
    }
    cmd[n++] = (BYTE)a->lc;
    memcpy(cmd + n, a->data, a->lc);
    n += a->lc;
  }
  if (a->le) {
    if (ext) {
      if (!a->lc)
        cmd[n++] = 0;
      cmd[n++] = (BYTE)((a->le & 0xFFFF) >> 8); /* 65536 encodes as 00 00 */
    }
    cmd[n++] = (BYTE)a->le; /* 256 encodes as 00 */
  }
  *clen = n;
  return SCARD_S_SUCCESS;
}

/* One exchange; the answer's data is appended to rsp->data and its SW
 * replaces rsp->sw.  The receive capacity is what is left of rsp->data, so a
 * card that answers more than REFMD_RX_MAX in all cannot write past it. */
static DWORD exchange(PCARD_DATA pCardData, const BYTE *cmd, DWORD clen, refmd_rsp_t *rsp) {
  DWORD cap = (DWORD)sizeof rsp->data - rsp->len;
  DWORD got = cap;
  LONG rc;

  rc = SCardTransmit(pCardData->hScard, SCARD_PCI_T1, cmd, clen, NULL, rsp->data + rsp->len, &got);
  if (rc != SCARD_S_SUCCESS)
    return (DWORD)rc;
  if (got < 2 || got > cap)
    return SCARD_F_COMM_ERROR;
  got -= 2;
  rsp->sw = (WORD)((rsp->data[rsp->len + got] << 8) | rsp->data[rsp->len + got + 1]);
  rsp->len += got;
  return SCARD_S_SUCCESS;
}

DWORD refmd_transmit(PCARD_DATA pCardData, const refmd_apdu_t *a, refmd_rsp_t *rsp) {
  BYTE cmd[REFMD_CMD_MAX];
  DWORD clen = 0, rc;
  int round;

  rsp->len = 0;
  rsp->sw = 0;
  rsp->le_fixed = 0;
  rc = encode(a, cmd, &clen);
  if (rc)
    return rc;
  rc = exchange(pCardData, cmd, clen, rsp);
  if (rc)
    return rc;

  /* 6Cxx: wrong Le, resend once with the card's value.  Only a short Le
   * can be corrected this way, and only once so a card cannot loop us. */
  if ((rsp->sw >> 8) == 0x6C && a->le && a->le <= 256 && a->lc <= 255) {
    cmd[clen - 1] = (BYTE)rsp->sw;
    rsp->le_fixed = (rsp->sw & 0xFF) ? (rsp->sw & 0xFF) : 256;
    rsp->len = 0;
    rc = exchange(pCardData, cmd, clen, rsp);
    if (rc)
      return rc;
  }

  /* 61xx: more data waiting; fetch it with GET RESPONSE, a bounded number
   * of times (a card that keeps saying 61xx is broken or hostile). */
  for (round = 0; (rsp->sw >> 8) == 0x61; round++) {
    BYTE get[5] = {0x00, 0xC0, 0x00, 0x00, 0x00};
    if (round == REFMD_GETRESP_MAX)
      return SCARD_E_COMM_DATA_LOST;
    get[4] = (BYTE)rsp->sw; /* 00 = up to 256 */
    rc = exchange(pCardData, get, sizeof get, rsp);
    if (rc)
      return rc;
  }
  return SCARD_S_SUCCESS;
}

DWORD refmd_send(PCARD_DATA pCardData, const refmd_apdu_t *a, refmd_rsp_t *rsp) {
  DWORD rc = refmd_transmit(pCardData, a, rsp);
  return rc ? rc : refmd_sw_error(rsp->sw);
}
