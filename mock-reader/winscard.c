/* Windows-ABI SCard* front end, part 1: contexts, connections,
 * transactions and transmit.  Return codes follow what a minidriver can
 * observe from the real resource manager (invalid handles, NULL pointers,
 * short buffers, removal and reset events). */
#include <string.h>

#include "winscard_int.h"

const SCARD_IO_REQUEST mdf_win_g_rgSCardT0Pci = {SCARD_PROTOCOL_T0, sizeof(SCARD_IO_REQUEST)};
const SCARD_IO_REQUEST mdf_win_g_rgSCardT1Pci = {SCARD_PROTOCOL_T1, sizeof(SCARD_IO_REQUEST)};
const SCARD_IO_REQUEST mdf_win_g_rgSCardRawPci = {SCARD_PROTOCOL_RAW, sizeof(SCARD_IO_REQUEST)};

bool mdf__win_ctx_ok(SCARDCONTEXT h) {
  return h == MDF__CTX_HANDLE;
}

LONG mdf__win_card_check(SCARDHANDLE h) {
  const mdf__reader_t *r = &mdf__reader;
  if (h != MDF__CARD_HANDLE || !r->connected)
    return SCARD_E_INVALID_HANDLE;
  if (!r->card)
    return SCARD_E_NO_SMARTCARD;
  if (r->removed)
    return SCARD_W_REMOVED_CARD;
  if (r->reset_pending)
    return SCARD_W_RESET_CARD;
  return SCARD_S_SUCCESS;
}

/* Handle validity only (events do not matter, e.g. for SCardDisconnect). */
static bool card_handle_ok(SCARDHANDLE h) {
  return h == MDF__CARD_HANDLE && mdf__reader.connected;
}

static void repower(DWORD disposition) {
  if ((disposition == SCARD_RESET_CARD || disposition == SCARD_UNPOWER_CARD) && mdf__reader.card &&
      !mdf__reader.removed)
    (void)mdf__reader_power();
}

LONG WINAPI SCardEstablishContext(DWORD dwScope, LPCVOID pvReserved1, LPCVOID pvReserved2,
                                  LPSCARDCONTEXT phContext) {
  (void)pvReserved1, (void)pvReserved2;
  if (!phContext)
    return SCARD_E_INVALID_PARAMETER;
  *phContext = 0;
  if (dwScope > SCARD_SCOPE_SYSTEM)
    return SCARD_E_INVALID_VALUE;
  *phContext = MDF__CTX_HANDLE;
  return SCARD_S_SUCCESS;
}

/* The one context is process-wide: releasing it does not invalidate it. */
LONG WINAPI SCardReleaseContext(SCARDCONTEXT hContext) {
  return mdf__win_ctx_ok(hContext) ? SCARD_S_SUCCESS : SCARD_E_INVALID_HANDLE;
}

LONG WINAPI SCardIsValidContext(SCARDCONTEXT hContext) {
  return mdf__win_ctx_ok(hContext) ? SCARD_S_SUCCESS : SCARD_E_INVALID_HANDLE;
}

LONG WINAPI SCardCancel(SCARDCONTEXT hContext) {
  return mdf__win_ctx_ok(hContext) ? SCARD_S_SUCCESS : SCARD_E_INVALID_HANDLE;
}

/* name: NAME_NULL, NAME_OTHER or NAME_OURS (the reader name given). */
enum { NAME_NULL, NAME_OTHER, NAME_OURS };

static LONG connect(SCARDCONTEXT ctx, int name, DWORD share, DWORD prefs, LPSCARDHANDLE phCard,
                    LPDWORD pdwActiveProtocol) {
  mdf__reader_t *r = &mdf__reader;
  if (phCard)
    *phCard = 0;
  if (pdwActiveProtocol)
    *pdwActiveProtocol = SCARD_PROTOCOL_UNDEFINED;
  if (!mdf__win_ctx_ok(ctx))
    return SCARD_E_INVALID_HANDLE;
  if (!phCard || !pdwActiveProtocol || name == NAME_NULL)
    return SCARD_E_INVALID_PARAMETER;
  if (name != NAME_OURS)
    return SCARD_E_UNKNOWN_READER;
  if (share < SCARD_SHARE_EXCLUSIVE || share > SCARD_SHARE_DIRECT)
    return SCARD_E_INVALID_VALUE;
  if (share != SCARD_SHARE_DIRECT) {
    if (!(prefs & SCARD_PROTOCOL_T1))
      return SCARD_E_PROTO_MISMATCH;
    if (!r->card || r->removed)
      return SCARD_E_NO_SMARTCARD;
  }
  r->connected = true;
  r->reset_pending = false; /* a new connection does not see an older reset */
  *phCard = MDF__CARD_HANDLE;
  *pdwActiveProtocol = (prefs & SCARD_PROTOCOL_T1) ? SCARD_PROTOCOL_T1 : SCARD_PROTOCOL_UNDEFINED;
  return SCARD_S_SUCCESS;
}

LONG WINAPI SCardConnectA(SCARDCONTEXT hContext, LPCSTR szReader, DWORD dwShareMode,
                          DWORD dwPreferredProtocols, LPSCARDHANDLE phCard,
                          LPDWORD pdwActiveProtocol) {
  int name = !szReader ? NAME_NULL : strcmp(szReader, MDF_READER_NAME) ? NAME_OTHER : NAME_OURS;
  return connect(hContext, name, dwShareMode, dwPreferredProtocols, phCard, pdwActiveProtocol);
}

LONG WINAPI SCardConnectW(SCARDCONTEXT hContext, LPCWSTR szReader, DWORD dwShareMode,
                          DWORD dwPreferredProtocols, LPSCARDHANDLE phCard,
                          LPDWORD pdwActiveProtocol) {
  const WCHAR *want = mdf__reader_msz_w();
  size_t i = 0;
  while (szReader && want[i] && szReader[i] == want[i])
    i++;
  int name = !szReader ? NAME_NULL : !want[i] && !szReader[i] ? NAME_OURS : NAME_OTHER;
  return connect(hContext, name, dwShareMode, dwPreferredProtocols, phCard, pdwActiveProtocol);
}

LONG WINAPI SCardReconnect(SCARDHANDLE hCard, DWORD dwShareMode, DWORD dwPreferredProtocols,
                           DWORD dwInitialization, LPDWORD pdwActiveProtocol) {
  mdf__reader_t *r = &mdf__reader;
  if (pdwActiveProtocol)
    *pdwActiveProtocol = SCARD_PROTOCOL_UNDEFINED;
  if (!card_handle_ok(hCard))
    return SCARD_E_INVALID_HANDLE;
  if (dwShareMode < SCARD_SHARE_EXCLUSIVE || dwShareMode > SCARD_SHARE_DIRECT ||
      dwInitialization > SCARD_UNPOWER_CARD)
    return SCARD_E_INVALID_VALUE;
  if (dwShareMode != SCARD_SHARE_DIRECT && !(dwPreferredProtocols & SCARD_PROTOCOL_T1))
    return SCARD_E_PROTO_MISMATCH;
  if (!r->card)
    return SCARD_E_NO_SMARTCARD;
  if (r->removed)
    return SCARD_W_REMOVED_CARD;
  repower(dwInitialization);
  r->reset_pending = false;
  if (pdwActiveProtocol)
    *pdwActiveProtocol = SCARD_PROTOCOL_T1;
  return SCARD_S_SUCCESS;
}

LONG WINAPI SCardDisconnect(SCARDHANDLE hCard, DWORD dwDisposition) {
  if (!card_handle_ok(hCard))
    return SCARD_E_INVALID_HANDLE;
  if (dwDisposition > SCARD_EJECT_CARD)
    return SCARD_E_INVALID_VALUE;
  repower(dwDisposition);
  mdf__reader.connected = false;
  mdf__reader.stats.depth = 0;
  return SCARD_S_SUCCESS;
}

LONG WINAPI SCardBeginTransaction(SCARDHANDLE hCard) {
  LONG rc = mdf__win_card_check(hCard);
  if (rc != SCARD_S_SUCCESS)
    return rc;
  mdf__reader.stats.depth++;
  mdf__reader.stats.transactions++;
  return SCARD_S_SUCCESS;
}

LONG WINAPI SCardEndTransaction(SCARDHANDLE hCard, DWORD dwDisposition) {
  mdf_reader_stats_t *s = &mdf__reader.stats;
  if (!card_handle_ok(hCard))
    return SCARD_E_INVALID_HANDLE;
  if (dwDisposition > SCARD_EJECT_CARD)
    return SCARD_E_INVALID_VALUE;
  if (s->depth <= 0)
    return SCARD_E_NOT_TRANSACTED;
  /* The transaction ends even when an event is reported, so that the
   * depth stays balanced for the harness's oracle. */
  s->depth--;
  LONG rc = mdf__win_card_check(hCard);
  if (rc != SCARD_S_SUCCESS)
    return rc;
  repower(dwDisposition);
  return SCARD_S_SUCCESS;
}

LONG WINAPI SCardTransmit(SCARDHANDLE hCard, LPCSCARD_IO_REQUEST pioSendPci, LPCBYTE pbSendBuffer,
                          DWORD cbSendLength, LPSCARD_IO_REQUEST pioRecvPci, LPBYTE pbRecvBuffer,
                          LPDWORD pcbRecvLength) {
  const uint8_t *rsp;
  size_t rlen;
  if (!card_handle_ok(hCard))
    return SCARD_E_INVALID_HANDLE;
  if (!pioSendPci || !pbSendBuffer || !pbRecvBuffer || !pcbRecvLength)
    return SCARD_E_INVALID_PARAMETER;
  DWORD cap = *pcbRecvLength;
  *pcbRecvLength = 0;
  if (cbSendLength < 4 || cbSendLength > MDF_APDU_MAX ||
      pioSendPci->cbPciLength < sizeof(SCARD_IO_REQUEST) ||
      (pioSendPci->dwProtocol != SCARD_PROTOCOL_T0 && pioSendPci->dwProtocol != SCARD_PROTOCOL_T1 &&
       pioSendPci->dwProtocol != SCARD_PROTOCOL_RAW))
    return SCARD_E_INVALID_PARAMETER;
  LONG rc = mdf__win_card_check(hCard);
  if (rc != SCARD_S_SUCCESS)
    return rc;
  switch (mdf__reader_exchange(pbSendBuffer, cbSendLength, &rsp, &rlen)) {
  case MDF_OK:
    break;
  case MDF_EREMOVED:
    return SCARD_W_REMOVED_CARD;
  case MDF_ERESET:
    return SCARD_W_RESET_CARD;
  default: /* MDF_EDIVERGE and source failures: the line to the card broke */
    return SCARD_F_COMM_ERROR;
  }
  if (rlen > cap) {
    *pcbRecvLength = (DWORD)rlen;
    return SCARD_E_INSUFFICIENT_BUFFER;
  }
  memcpy(pbRecvBuffer, rsp, rlen);
  *pcbRecvLength = (DWORD)rlen;
  if (pioRecvPci) {
    pioRecvPci->dwProtocol = SCARD_PROTOCOL_T1;
    pioRecvPci->cbPciLength = sizeof(SCARD_IO_REQUEST);
  }
  return SCARD_S_SUCCESS;
}

LONG WINAPI SCardGetTransmitCount(SCARDHANDLE hCard, LPDWORD pcTransmitCount) {
  if (!card_handle_ok(hCard))
    return SCARD_E_INVALID_HANDLE;
  if (!pcTransmitCount)
    return SCARD_E_INVALID_PARAMETER;
  *pcTransmitCount = mdf__reader.stats.transmits;
  return SCARD_S_SUCCESS;
}

LONG WINAPI SCardControl(SCARDHANDLE hCard, DWORD dwControlCode, LPCVOID lpInBuffer,
                         DWORD cbInBufferSize, LPVOID lpOutBuffer, DWORD cbOutBufferSize,
                         LPDWORD lpBytesReturned) {
  (void)lpInBuffer, (void)cbInBufferSize, (void)lpOutBuffer, (void)cbOutBufferSize;
  if (!card_handle_ok(hCard))
    return SCARD_E_INVALID_HANDLE;
  if (!lpBytesReturned)
    return SCARD_E_INVALID_PARAMETER;
  *lpBytesReturned = 0;
  /* A reader without pinpad or other features: an empty TLV list. */
  return dwControlCode == CM_IOCTL_GET_FEATURE_REQUEST ? SCARD_S_SUCCESS
                                                       : SCARD_E_UNSUPPORTED_FEATURE;
}
