/* mdfuzz clean-room Windows ABI: the smart-card resource manager API a
 * minidriver calls (names, values and signatures from the public PC/SC and
 * Windows documentation).
 *
 * The functions are implemented by mdfuzz's mock reader (mock-reader/).
 * Their link names carry an mdf_win_ prefix, through the macros below, so
 * that they never collide with PCSC-lite's own SCard* symbols (whose DWORD is
 * 64-bit on Linux) in a process that also loads libpcsclite. */
#ifndef MDF_COMPAT_WINSCARD_H
#define MDF_COMPAT_WINSCARD_H

#include "mdf_wintypes.h"
#include "winerror.h"

MDF_EXTERN_C_BEGIN

typedef ULONG_PTR SCARDCONTEXT, *PSCARDCONTEXT, *LPSCARDCONTEXT;
typedef ULONG_PTR SCARDHANDLE, *PSCARDHANDLE, *LPSCARDHANDLE;

typedef struct _SCARD_IO_REQUEST {
  DWORD dwProtocol;
  DWORD cbPciLength;
} SCARD_IO_REQUEST, *PSCARD_IO_REQUEST, *LPSCARD_IO_REQUEST;
typedef const SCARD_IO_REQUEST *LPCSCARD_IO_REQUEST;

typedef struct {
  LPCSTR szReader;
  LPVOID pvUserData;
  DWORD dwCurrentState;
  DWORD dwEventState;
  DWORD cbAtr;
  BYTE rgbAtr[36];
} SCARD_READERSTATEA, *PSCARD_READERSTATEA, *LPSCARD_READERSTATEA;
typedef struct {
  LPCWSTR szReader;
  LPVOID pvUserData;
  DWORD dwCurrentState;
  DWORD dwEventState;
  DWORD cbAtr;
  BYTE rgbAtr[36];
} SCARD_READERSTATEW, *PSCARD_READERSTATEW, *LPSCARD_READERSTATEW;

#define SCARD_AUTOALLOCATE ((DWORD)-1)
#define SCARD_ATR_LENGTH 33

#define SCARD_SCOPE_USER 0
#define SCARD_SCOPE_TERMINAL 1
#define SCARD_SCOPE_SYSTEM 2

#define SCARD_SHARE_EXCLUSIVE 1
#define SCARD_SHARE_SHARED 2
#define SCARD_SHARE_DIRECT 3

#define SCARD_LEAVE_CARD 0
#define SCARD_RESET_CARD 1
#define SCARD_UNPOWER_CARD 2
#define SCARD_EJECT_CARD 3

#define SCARD_PROTOCOL_UNDEFINED 0x00000000
#define SCARD_PROTOCOL_T0 0x00000001
#define SCARD_PROTOCOL_T1 0x00000002
#define SCARD_PROTOCOL_RAW 0x00010000
#define SCARD_PROTOCOL_Tx (SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
#define SCARD_PROTOCOL_DEFAULT 0x80000000
#define SCARD_PROTOCOL_OPTIMAL 0x00000000

#define SCARD_UNKNOWN 0
#define SCARD_ABSENT 1
#define SCARD_PRESENT 2
#define SCARD_SWALLOWED 3
#define SCARD_POWERED 4
#define SCARD_NEGOTIABLE 5
#define SCARD_SPECIFIC 6

#define SCARD_STATE_UNAWARE 0x00000000
#define SCARD_STATE_IGNORE 0x00000001
#define SCARD_STATE_CHANGED 0x00000002
#define SCARD_STATE_UNKNOWN 0x00000004
#define SCARD_STATE_UNAVAILABLE 0x00000008
#define SCARD_STATE_EMPTY 0x00000010
#define SCARD_STATE_PRESENT 0x00000020
#define SCARD_STATE_ATRMATCH 0x00000040
#define SCARD_STATE_EXCLUSIVE 0x00000080
#define SCARD_STATE_INUSE 0x00000100
#define SCARD_STATE_MUTE 0x00000200
#define SCARD_STATE_UNPOWERED 0x00000400

#define SCARD_ATTR_VALUE(cls, tag) ((((ULONG)(cls)) << 16) | ((ULONG)(tag)))
#define SCARD_CLASS_VENDOR_INFO 1
#define SCARD_CLASS_COMMUNICATIONS 2
#define SCARD_CLASS_PROTOCOL 3
#define SCARD_CLASS_POWER_MGMT 4
#define SCARD_CLASS_SECURITY 5
#define SCARD_CLASS_MECHANICAL 6
#define SCARD_CLASS_VENDOR_DEFINED 7
#define SCARD_CLASS_IFD_PROTOCOL 8
#define SCARD_CLASS_ICC_STATE 9
#define SCARD_CLASS_PERF 0x7ffe
#define SCARD_CLASS_SYSTEM 0x7fff
#define SCARD_ATTR_VENDOR_NAME SCARD_ATTR_VALUE(SCARD_CLASS_VENDOR_INFO, 0x0100)
#define SCARD_ATTR_VENDOR_IFD_TYPE SCARD_ATTR_VALUE(SCARD_CLASS_VENDOR_INFO, 0x0101)
#define SCARD_ATTR_VENDOR_IFD_VERSION SCARD_ATTR_VALUE(SCARD_CLASS_VENDOR_INFO, 0x0102)
#define SCARD_ATTR_VENDOR_IFD_SERIAL_NO SCARD_ATTR_VALUE(SCARD_CLASS_VENDOR_INFO, 0x0103)
#define SCARD_ATTR_CHANNEL_ID SCARD_ATTR_VALUE(SCARD_CLASS_COMMUNICATIONS, 0x0110)
#define SCARD_ATTR_MAXINPUT SCARD_ATTR_VALUE(SCARD_CLASS_VENDOR_DEFINED, 0xA007)
#define SCARD_ATTR_CURRENT_PROTOCOL_TYPE SCARD_ATTR_VALUE(SCARD_CLASS_IFD_PROTOCOL, 0x0201)
#define SCARD_ATTR_CURRENT_IFSC SCARD_ATTR_VALUE(SCARD_CLASS_IFD_PROTOCOL, 0x0207)
#define SCARD_ATTR_CURRENT_IFSD SCARD_ATTR_VALUE(SCARD_CLASS_IFD_PROTOCOL, 0x0208)
#define SCARD_ATTR_ICC_PRESENCE SCARD_ATTR_VALUE(SCARD_CLASS_ICC_STATE, 0x0300)
#define SCARD_ATTR_ATR_STRING SCARD_ATTR_VALUE(SCARD_CLASS_ICC_STATE, 0x0303)
#define SCARD_ATTR_DEVICE_UNIT SCARD_ATTR_VALUE(SCARD_CLASS_SYSTEM, 0x0001)
#define SCARD_ATTR_DEVICE_FRIENDLY_NAME_A SCARD_ATTR_VALUE(SCARD_CLASS_SYSTEM, 0x0003)
#define SCARD_ATTR_DEVICE_SYSTEM_NAME_A SCARD_ATTR_VALUE(SCARD_CLASS_SYSTEM, 0x0004)
#define SCARD_ATTR_DEVICE_FRIENDLY_NAME_W SCARD_ATTR_VALUE(SCARD_CLASS_SYSTEM, 0x0005)
#define SCARD_ATTR_DEVICE_SYSTEM_NAME_W SCARD_ATTR_VALUE(SCARD_CLASS_SYSTEM, 0x0006)

#define FILE_DEVICE_SMARTCARD 0x00000031
#define SCARD_CTL_CODE(code) ((DWORD)((FILE_DEVICE_SMARTCARD << 16) | ((code) << 2)))
#define CM_IOCTL_GET_FEATURE_REQUEST SCARD_CTL_CODE(3400)

/* Protocol control information blocks for T=0, T=1 and raw. */
extern const SCARD_IO_REQUEST mdf_win_g_rgSCardT0Pci, mdf_win_g_rgSCardT1Pci,
    mdf_win_g_rgSCardRawPci;
#define g_rgSCardT0Pci mdf_win_g_rgSCardT0Pci
#define g_rgSCardT1Pci mdf_win_g_rgSCardT1Pci
#define g_rgSCardRawPci mdf_win_g_rgSCardRawPci
#define SCARD_PCI_T0 (&g_rgSCardT0Pci)
#define SCARD_PCI_T1 (&g_rgSCardT1Pci)
#define SCARD_PCI_RAW (&g_rgSCardRawPci)

/* Link-name prefix: see the comment at the top of this file. */
#define SCardEstablishContext mdf_win_SCardEstablishContext
#define SCardReleaseContext mdf_win_SCardReleaseContext
#define SCardIsValidContext mdf_win_SCardIsValidContext
#define SCardConnectA mdf_win_SCardConnectA
#define SCardConnectW mdf_win_SCardConnectW
#define SCardReconnect mdf_win_SCardReconnect
#define SCardDisconnect mdf_win_SCardDisconnect
#define SCardBeginTransaction mdf_win_SCardBeginTransaction
#define SCardEndTransaction mdf_win_SCardEndTransaction
#define SCardStatusA mdf_win_SCardStatusA
#define SCardStatusW mdf_win_SCardStatusW
#define SCardTransmit mdf_win_SCardTransmit
#define SCardControl mdf_win_SCardControl
#define SCardGetAttrib mdf_win_SCardGetAttrib
#define SCardSetAttrib mdf_win_SCardSetAttrib
#define SCardFreeMemory mdf_win_SCardFreeMemory
#define SCardGetStatusChangeA mdf_win_SCardGetStatusChangeA
#define SCardGetStatusChangeW mdf_win_SCardGetStatusChangeW
#define SCardCancel mdf_win_SCardCancel
#define SCardListReadersA mdf_win_SCardListReadersA
#define SCardListReadersW mdf_win_SCardListReadersW
#define SCardGetTransmitCount mdf_win_SCardGetTransmitCount

LONG WINAPI SCardEstablishContext(DWORD dwScope, LPCVOID pvReserved1, LPCVOID pvReserved2,
                                  LPSCARDCONTEXT phContext);
LONG WINAPI SCardReleaseContext(SCARDCONTEXT hContext);
LONG WINAPI SCardIsValidContext(SCARDCONTEXT hContext);
LONG WINAPI SCardConnectA(SCARDCONTEXT hContext, LPCSTR szReader, DWORD dwShareMode,
                          DWORD dwPreferredProtocols, LPSCARDHANDLE phCard,
                          LPDWORD pdwActiveProtocol);
LONG WINAPI SCardConnectW(SCARDCONTEXT hContext, LPCWSTR szReader, DWORD dwShareMode,
                          DWORD dwPreferredProtocols, LPSCARDHANDLE phCard,
                          LPDWORD pdwActiveProtocol);
LONG WINAPI SCardReconnect(SCARDHANDLE hCard, DWORD dwShareMode, DWORD dwPreferredProtocols,
                           DWORD dwInitialization, LPDWORD pdwActiveProtocol);
LONG WINAPI SCardDisconnect(SCARDHANDLE hCard, DWORD dwDisposition);
LONG WINAPI SCardBeginTransaction(SCARDHANDLE hCard);
LONG WINAPI SCardEndTransaction(SCARDHANDLE hCard, DWORD dwDisposition);
LONG WINAPI SCardStatusA(SCARDHANDLE hCard, LPSTR mszReaderNames, LPDWORD pcchReaderLen,
                         LPDWORD pdwState, LPDWORD pdwProtocol, LPBYTE pbAtr, LPDWORD pcbAtrLen);
LONG WINAPI SCardStatusW(SCARDHANDLE hCard, LPWSTR mszReaderNames, LPDWORD pcchReaderLen,
                         LPDWORD pdwState, LPDWORD pdwProtocol, LPBYTE pbAtr, LPDWORD pcbAtrLen);
LONG WINAPI SCardTransmit(SCARDHANDLE hCard, LPCSCARD_IO_REQUEST pioSendPci, LPCBYTE pbSendBuffer,
                          DWORD cbSendLength, LPSCARD_IO_REQUEST pioRecvPci, LPBYTE pbRecvBuffer,
                          LPDWORD pcbRecvLength);
LONG WINAPI SCardControl(SCARDHANDLE hCard, DWORD dwControlCode, LPCVOID lpInBuffer,
                         DWORD cbInBufferSize, LPVOID lpOutBuffer, DWORD cbOutBufferSize,
                         LPDWORD lpBytesReturned);
LONG WINAPI SCardGetAttrib(SCARDHANDLE hCard, DWORD dwAttrId, LPBYTE pbAttr, LPDWORD pcbAttrLen);
LONG WINAPI SCardSetAttrib(SCARDHANDLE hCard, DWORD dwAttrId, LPCBYTE pbAttr, DWORD cbAttrLen);
LONG WINAPI SCardFreeMemory(SCARDCONTEXT hContext, LPCVOID pvMem);
LONG WINAPI SCardGetStatusChangeA(SCARDCONTEXT hContext, DWORD dwTimeout,
                                  LPSCARD_READERSTATEA rgReaderStates, DWORD cReaders);
LONG WINAPI SCardGetStatusChangeW(SCARDCONTEXT hContext, DWORD dwTimeout,
                                  LPSCARD_READERSTATEW rgReaderStates, DWORD cReaders);
LONG WINAPI SCardCancel(SCARDCONTEXT hContext);
LONG WINAPI SCardListReadersA(SCARDCONTEXT hContext, LPCSTR mszGroups, LPSTR mszReaders,
                              LPDWORD pcchReaders);
LONG WINAPI SCardListReadersW(SCARDCONTEXT hContext, LPCWSTR mszGroups, LPWSTR mszReaders,
                              LPDWORD pcchReaders);
LONG WINAPI SCardGetTransmitCount(SCARDHANDLE hCard, LPDWORD pcTransmitCount);

#ifdef UNICODE
#define SCardConnect SCardConnectW
#define SCardStatus SCardStatusW
#define SCardListReaders SCardListReadersW
#define SCardGetStatusChange SCardGetStatusChangeW
#else
#define SCardConnect SCardConnectA
#define SCardStatus SCardStatusA
#define SCardListReaders SCardListReadersA
#define SCardGetStatusChange SCardGetStatusChangeA
#endif

MDF_EXTERN_C_END

#endif
