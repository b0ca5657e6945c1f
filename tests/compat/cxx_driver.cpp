// A tiny minidriver in C++14, as some vendors write them: Windows headers,
// `using namespace std` with <vector> next to Windows' `byte`, SAL, MSVC
// string functions including the array-template forms.  Built unchanged.
#include <windows.h>
#include <winscard.h>
#include <cardmod.h>

#include <vector>

using namespace std;

namespace {

struct Context {
  vector<byte> atr;
  WCHAR name[32];
};

DWORD WINAPI DrvDeleteContext(__inout PCARD_DATA pCardData) {
  if (!pCardData)
    return SCARD_E_INVALID_PARAMETER;
  delete static_cast<Context *>(pCardData->pvVendorSpecific);
  pCardData->pvVendorSpecific = nullptr;
  return SCARD_S_SUCCESS;
}

DWORD WINAPI DrvQueryCapabilities(_In_ PCARD_DATA pCardData, _Inout_ PCARD_CAPABILITIES pCaps) {
  if (!pCardData || !pCaps)
    return SCARD_E_INVALID_PARAMETER;
  pCaps->dwVersion = CARD_CAPABILITIES_CURRENT_VERSION;
  pCaps->fCertificateCompression = FALSE;
  pCaps->fKeyGen = TRUE;
  return SCARD_S_SUCCESS;
}

} // namespace

DWORD WINAPI CardGetProperty(_In_ PCARD_DATA pCardData, _In_ LPCWSTR wszProperty,
                             _Out_writes_bytes_to_opt_(cbData, *pdwDataLen) PBYTE pbData,
                             _In_ DWORD cbData, _Out_ PDWORD pdwDataLen, _In_ DWORD dwFlags) {
  if (!pCardData || !wszProperty || !pdwDataLen || dwFlags)
    return SCARD_E_INVALID_PARAMETER;
  Context *ctx = static_cast<Context *>(pCardData->pvVendorSpecific);
  if (wcscmp(wszProperty, CP_CARD_CACHE_MODE) == 0) {
    DWORD mode = CP_CACHE_MODE_SESSION_ONLY;
    *pdwDataLen = sizeof mode;
    if (cbData < sizeof mode)
      return ERROR_INSUFFICIENT_BUFFER;
    memcpy(pbData, &mode, sizeof mode);
    return SCARD_S_SUCCESS;
  }
  if (_wcsicmp(wszProperty, L"CARD NAME") == 0) {
    DWORD n = static_cast<DWORD>((wcslen(ctx->name) + 1) * sizeof(WCHAR));
    *pdwDataLen = n;
    if (cbData < n)
      return ERROR_INSUFFICIENT_BUFFER;
    memcpy(pbData, ctx->name, n);
    return SCARD_S_SUCCESS;
  }
  return SCARD_E_INVALID_PARAMETER;
}

extern "C" __declspec(dllexport) DWORD WINAPI
    CardAcquireContext(__inout PCARD_DATA pCardData, __in DWORD dwFlags) {
  if (!pCardData || dwFlags)
    return SCARD_E_INVALID_PARAMETER;
  if (pCardData->dwVersion < CARD_DATA_VERSION_FOUR)
    return ERROR_REVISION_MISMATCH;
  if (pCardData->dwVersion > CARD_DATA_VERSION_SEVEN)
    pCardData->dwVersion = CARD_DATA_VERSION_SEVEN;
  Context *ctx = new Context();
  ctx->atr.assign(pCardData->pbAtr, pCardData->pbAtr + pCardData->cbAtr);
  WCHAR tmp[16];
  wcscpy_s(ctx->name, L"cxx-"); // MSVC array template, no size
  swprintf_s(tmp, L"v%u", static_cast<unsigned>(pCardData->dwVersion));
  wcscat_s(ctx->name, tmp);
  pCardData->pvVendorSpecific = ctx;
  pCardData->pfnCardDeleteContext = DrvDeleteContext;
  pCardData->pfnCardQueryCapabilities = DrvQueryCapabilities;
  if (pCardData->dwVersion >= CARD_DATA_VERSION_SIX)
    pCardData->pfnCardGetProperty = CardGetProperty;
  return SCARD_S_SUCCESS;
}
