/* Windows-ABI SCard* front end, part 2: what a caller can ask about the
 * reader and card (SCardStatus, SCardGetAttrib, SCardListReaders,
 * SCardGetStatusChange) and SCARD_AUTOALLOCATE memory.  Not on the
 * per-APDU path: allocation is allowed here, only for SCARD_AUTOALLOCATE. */
#include <stdlib.h>
#include <string.h>

#include "winscard_int.h"

const char mdf__reader_msz[MDF__READER_MSZ_LEN] = MDF_READER_NAME "\0";
static const char vendor_name[] = "mdfuzz";
static const char pnp_name[] = "\\\\?PnP?\\Notification";

const WCHAR *mdf__reader_msz_w(void) {
  static WCHAR w[MDF__READER_MSZ_LEN];
  if (!w[0])
    for (size_t i = 0; i < MDF__READER_MSZ_LEN; i++)
      w[i] = (WCHAR)(unsigned char)mdf__reader_msz[i];
  return w;
}

/* SCARD_AUTOALLOCATE blocks.  Addresses are stored complemented so that a
 * block the minidriver never frees is still reported by LeakSanitizer. */
#define MAX_BLOCKS 32
static uintptr_t blocks[MAX_BLOCKS];

LONG mdf__win_put(const void *src, size_t n, size_t unit, void *buf, LPDWORD pcb) {
  size_t bytes = n * unit;
  if (*pcb == SCARD_AUTOALLOCATE) {
    if (!buf)
      return SCARD_E_INVALID_PARAMETER;
    int slot = -1;
    for (int i = 0; i < MAX_BLOCKS && slot < 0; i++)
      if (!blocks[i])
        slot = i;
    void *p = slot >= 0 ? malloc(bytes ? bytes : 1) : NULL;
    if (!p)
      return SCARD_E_NO_MEMORY;
    blocks[slot] = ~(uintptr_t)p;
    memcpy(p, src, bytes);
    memcpy(buf, &p, sizeof(p)); /* buf is really an LPBYTE * */
    *pcb = (DWORD)n;
    return SCARD_S_SUCCESS;
  }
  if (buf && *pcb < n) {
    *pcb = (DWORD)n;
    return SCARD_E_INSUFFICIENT_BUFFER;
  }
  if (buf)
    memcpy(buf, src, bytes);
  *pcb = (DWORD)n;
  return SCARD_S_SUCCESS;
}

bool mdf__win_release(const void *p) {
  for (int i = 0; i < MAX_BLOCKS; i++)
    if (p && blocks[i] == ~(uintptr_t)p) {
      blocks[i] = 0;
      free((void *)(uintptr_t)p);
      return true;
    }
  return false;
}

unsigned mdf_reader_live_allocations(void) {
  unsigned n = 0;
  for (int i = 0; i < MAX_BLOCKS; i++)
    n += blocks[i] != 0;
  return n;
}

LONG WINAPI SCardFreeMemory(SCARDCONTEXT hContext, LPCVOID pvMem) {
  if (!mdf__win_ctx_ok(hContext))
    return SCARD_E_INVALID_HANDLE;
  if (!pvMem)
    return SCARD_S_SUCCESS;
  return mdf__win_release(pvMem) ? SCARD_S_SUCCESS : SCARD_E_INVALID_PARAMETER;
}

static LONG status(SCARDHANDLE hCard, void *names, LPDWORD pcchReaderLen, bool wide,
                   LPDWORD pdwState, LPDWORD pdwProtocol, LPBYTE pbAtr, LPDWORD pcbAtrLen) {
  LONG rc = mdf__win_card_check(hCard);
  void *auto_names = NULL;
  if (pdwState)
    *pdwState = SCARD_UNKNOWN;
  if (pdwProtocol)
    *pdwProtocol = SCARD_PROTOCOL_UNDEFINED;
  if (rc != SCARD_S_SUCCESS)
    return rc;
  if ((names && !pcchReaderLen) || (pbAtr && !pcbAtrLen))
    return SCARD_E_INVALID_PARAMETER;
  if (pcchReaderLen) {
    bool autoalloc = *pcchReaderLen == SCARD_AUTOALLOCATE;
    rc = wide ? mdf__win_put(mdf__reader_msz_w(), MDF__READER_MSZ_LEN, sizeof(WCHAR), names,
                             pcchReaderLen)
              : mdf__win_put(mdf__reader_msz, MDF__READER_MSZ_LEN, 1, names, pcchReaderLen);
    if (rc != SCARD_S_SUCCESS)
      return rc;
    if (autoalloc)
      memcpy(&auto_names, names, sizeof(auto_names));
  }
  if (pcbAtrLen) {
    size_t atr_len;
    const uint8_t *atr = mdf_reader_atr(&atr_len);
    rc = mdf__win_put(atr, atr_len, 1, pbAtr, pcbAtrLen);
    if (rc != SCARD_S_SUCCESS) {
      mdf__win_release(auto_names); /* all or nothing */
      return rc;
    }
  }
  if (pdwState)
    *pdwState = SCARD_SPECIFIC;
  if (pdwProtocol)
    *pdwProtocol = SCARD_PROTOCOL_T1;
  return SCARD_S_SUCCESS;
}

LONG WINAPI SCardStatusA(SCARDHANDLE hCard, LPSTR mszReaderNames, LPDWORD pcchReaderLen,
                         LPDWORD pdwState, LPDWORD pdwProtocol, LPBYTE pbAtr, LPDWORD pcbAtrLen) {
  return status(hCard, mszReaderNames, pcchReaderLen, false, pdwState, pdwProtocol, pbAtr,
                pcbAtrLen);
}

LONG WINAPI SCardStatusW(SCARDHANDLE hCard, LPWSTR mszReaderNames, LPDWORD pcchReaderLen,
                         LPDWORD pdwState, LPDWORD pdwProtocol, LPBYTE pbAtr, LPDWORD pcbAtrLen) {
  return status(hCard, mszReaderNames, pcchReaderLen, true, pdwState, pdwProtocol, pbAtr,
                pcbAtrLen);
}

LONG WINAPI SCardGetAttrib(SCARDHANDLE hCard, DWORD dwAttrId, LPBYTE pbAttr, LPDWORD pcbAttrLen) {
  uint8_t dw[4];
  const void *src;
  size_t n;
  LONG rc = mdf__win_card_check(hCard);
  if (rc != SCARD_S_SUCCESS)
    return rc;
  if (!pcbAttrLen)
    return SCARD_E_INVALID_PARAMETER;
  switch (dwAttrId) {
  case SCARD_ATTR_ATR_STRING:
    src = mdf_reader_atr(&n);
    break;
  case SCARD_ATTR_CURRENT_PROTOCOL_TYPE:
  case SCARD_ATTR_MAXINPUT: /* DWORDs, little endian as on Windows */
    dw[0] = dwAttrId == SCARD_ATTR_MAXINPUT ? (uint8_t)MDF_APDU_MAX : SCARD_PROTOCOL_T1;
    dw[1] = dwAttrId == SCARD_ATTR_MAXINPUT ? (uint8_t)(MDF_APDU_MAX >> 8) : 0;
    dw[2] = dwAttrId == SCARD_ATTR_MAXINPUT ? (uint8_t)(MDF_APDU_MAX >> 16) : 0;
    dw[3] = 0;
    src = dw, n = sizeof(dw);
    break;
  case SCARD_ATTR_VENDOR_NAME:
    src = vendor_name, n = sizeof(vendor_name);
    break;
  case SCARD_ATTR_DEVICE_FRIENDLY_NAME_A:
  case SCARD_ATTR_DEVICE_SYSTEM_NAME_A:
    src = mdf__reader_msz, n = sizeof(MDF_READER_NAME);
    break;
  case SCARD_ATTR_DEVICE_FRIENDLY_NAME_W:
  case SCARD_ATTR_DEVICE_SYSTEM_NAME_W:
    src = mdf__reader_msz_w(), n = sizeof(MDF_READER_NAME) * sizeof(WCHAR);
    break;
  default:
    *pcbAttrLen = 0;
    return SCARD_E_UNSUPPORTED_FEATURE;
  }
  return mdf__win_put(src, n, 1, pbAttr, pcbAttrLen);
}

LONG WINAPI SCardSetAttrib(SCARDHANDLE hCard, DWORD dwAttrId, LPCBYTE pbAttr, DWORD cbAttrLen) {
  (void)dwAttrId, (void)cbAttrLen;
  LONG rc = mdf__win_card_check(hCard);
  if (rc != SCARD_S_SUCCESS)
    return rc;
  return pbAttr ? SCARD_E_UNSUPPORTED_FEATURE : SCARD_E_INVALID_PARAMETER;
}

static LONG list_readers(SCARDCONTEXT hContext, void *buf, LPDWORD pcch, bool wide) {
  /* Like Windows, a NULL context is accepted here. */
  if (hContext && !mdf__win_ctx_ok(hContext))
    return SCARD_E_INVALID_HANDLE;
  if (!pcch)
    return SCARD_E_INVALID_PARAMETER;
  return wide ? mdf__win_put(mdf__reader_msz_w(), MDF__READER_MSZ_LEN, sizeof(WCHAR), buf, pcch)
              : mdf__win_put(mdf__reader_msz, MDF__READER_MSZ_LEN, 1, buf, pcch);
}

LONG WINAPI SCardListReadersA(SCARDCONTEXT hContext, LPCSTR mszGroups, LPSTR mszReaders,
                              LPDWORD pcchReaders) {
  (void)mszGroups;
  return list_readers(hContext, mszReaders, pcchReaders, false);
}

LONG WINAPI SCardListReadersW(SCARDCONTEXT hContext, LPCWSTR mszGroups, LPWSTR mszReaders,
                              LPDWORD pcchReaders) {
  (void)mszGroups;
  return list_readers(hContext, mszReaders, pcchReaders, true);
}

/* Reader name kinds for SCardGetStatusChange. */
enum { NAME_OTHER, NAME_OURS, NAME_PNP };

static int classify_a(LPCSTR s) {
  return !strcmp(s, MDF_READER_NAME) ? NAME_OURS : !strcmp(s, pnp_name) ? NAME_PNP : NAME_OTHER;
}

static int classify_w(LPCWSTR s) {
  const char *names[2] = {MDF_READER_NAME, pnp_name};
  for (int k = 0; k < 2; k++) {
    size_t i = 0;
    while (names[k][i] && s[i] == (WCHAR)(unsigned char)names[k][i])
      i++;
    if (!names[k][i] && !s[i])
      return k == 0 ? NAME_OURS : NAME_PNP;
  }
  return NAME_OTHER;
}

/* Fill one reader state; returns true when it differs from what the caller knew. */
static bool update_state(int kind, DWORD cur, LPDWORD evt, LPDWORD cb_atr, BYTE atr_out[36]) {
  const DWORD mask = 0xFFFFu & ~(DWORD)(SCARD_STATE_CHANGED | SCARD_STATE_IGNORE);
  size_t atr_len = 0;
  const uint8_t *atr = mdf_reader_atr(&atr_len);
  DWORD now;
  if (kind == NAME_PNP) {
    *evt = cur & ~(DWORD)SCARD_STATE_CHANGED;
    return false;
  }
  now = atr ? SCARD_STATE_PRESENT : SCARD_STATE_EMPTY;
  *cb_atr = (DWORD)atr_len;
  if (atr)
    memcpy(atr_out, atr, atr_len);
  bool changed = (cur & mask) != now;
  *evt = now | (changed ? SCARD_STATE_CHANGED : 0);
  return changed;
}

/* Never waits: the mock reader's state only changes between calls, so a
 * timeout is reported at once when nothing differs. */
#define GET_STATUS_CHANGE(states, n, classify)                                                     \
  do {                                                                                             \
    bool any = false;                                                                              \
    if (!mdf__win_ctx_ok(hContext))                                                                \
      return SCARD_E_INVALID_HANDLE;                                                               \
    if (n && !states)                                                                              \
      return SCARD_E_INVALID_PARAMETER;                                                            \
    for (DWORD i = 0; i < n; i++)                                                                  \
      if (!states[i].szReader)                                                                     \
        return SCARD_E_INVALID_PARAMETER;                                                          \
    for (DWORD i = 0; i < n; i++) {                                                                \
      if (states[i].dwCurrentState & SCARD_STATE_IGNORE)                                           \
        continue;                                                                                  \
      int kind = classify(states[i].szReader);                                                     \
      if (kind == NAME_OTHER)                                                                      \
        return SCARD_E_UNKNOWN_READER;                                                             \
      any |= update_state(kind, states[i].dwCurrentState, &states[i].dwEventState,                 \
                          &states[i].cbAtr, states[i].rgbAtr);                                     \
    }                                                                                              \
    (void)dwTimeout;                                                                               \
    return any || !n ? SCARD_S_SUCCESS : SCARD_E_TIMEOUT;                                          \
  } while (0)

LONG WINAPI SCardGetStatusChangeA(SCARDCONTEXT hContext, DWORD dwTimeout,
                                  LPSCARD_READERSTATEA rgReaderStates, DWORD cReaders) {
  GET_STATUS_CHANGE(rgReaderStates, cReaders, classify_a);
}

LONG WINAPI SCardGetStatusChangeW(SCARDCONTEXT hContext, DWORD dwTimeout,
                                  LPSCARD_READERSTATEW rgReaderStates, DWORD cReaders) {
  GET_STATUS_CHANGE(rgReaderStates, cReaders, classify_w);
}
