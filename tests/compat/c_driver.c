/* A tiny minidriver in C, written the way vendor sources are: Windows
 * headers, SAL annotations, __declspec(dllexport), wide literals as LPCWSTR,
 * MSVC string functions.  Built unchanged against compat/include. */
#include <windows.h>
#include <winscard.h>
#include <cardmod.h>

typedef struct {
  WCHAR name[32];
  DWORD calls;
} ctx_t;

static DWORD WINAPI DrvDeleteContext(__inout PCARD_DATA pCardData) {
  if (!pCardData)
    return SCARD_E_INVALID_PARAMETER;
  pCardData->pfnCspFree(pCardData->pvVendorSpecific);
  pCardData->pvVendorSpecific = NULL;
  return SCARD_S_SUCCESS;
}

static DWORD WINAPI DrvQueryCapabilities(_In_ PCARD_DATA pCardData,
                                         _Inout_ PCARD_CAPABILITIES pCaps) {
  if (!pCardData || !pCaps)
    return SCARD_E_INVALID_PARAMETER;
  if (pCaps->dwVersion > CARD_CAPABILITIES_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH;
  pCaps->dwVersion = CARD_CAPABILITIES_CURRENT_VERSION;
  pCaps->fCertificateCompression = TRUE;
  pCaps->fKeyGen = FALSE;
  return SCARD_S_SUCCESS;
}

DWORD WINAPI CardGetProperty(_In_ PCARD_DATA pCardData, _In_ LPCWSTR wszProperty,
                             _Out_writes_bytes_to_opt_(cbData, *pdwDataLen) PBYTE pbData,
                             _In_ DWORD cbData, _Out_ PDWORD pdwDataLen, _In_ DWORD dwFlags) {
  ctx_t *ctx;
  if (!pCardData || !wszProperty || !pdwDataLen)
    return SCARD_E_INVALID_PARAMETER;
  ctx = (ctx_t *)pCardData->pvVendorSpecific;
  ctx->calls++;
  if (wcscmp(wszProperty, CP_CARD_CACHE_MODE) == 0) {
    DWORD mode = CP_CACHE_MODE_NO_CACHE;
    if (dwFlags)
      return SCARD_E_INVALID_PARAMETER;
    *pdwDataLen = sizeof mode;
    if (cbData < sizeof mode)
      return ERROR_INSUFFICIENT_BUFFER;
    CopyMemory(pbData, &mode, sizeof mode);
    return SCARD_S_SUCCESS;
  }
  if (_wcsicmp(wszProperty, L"card name") == 0) { /* vendor extension */
    DWORD n = (DWORD)((wcslen(ctx->name) + 1) * sizeof(WCHAR));
    *pdwDataLen = n;
    if (cbData < n)
      return ERROR_INSUFFICIENT_BUFFER;
    CopyMemory(pbData, ctx->name, n);
    return SCARD_S_SUCCESS;
  }
  return SCARD_E_INVALID_PARAMETER;
}

__declspec(dllexport) DWORD WINAPI
    CardAcquireContext(__inout PCARD_DATA pCardData, __in DWORD dwFlags) {
  ctx_t *ctx;
  WCHAR tmp[16];
  if (!pCardData)
    return SCARD_E_INVALID_PARAMETER;
  if (dwFlags & ~CARD_SECURE_KEY_INJECTION_NO_CARD_MODE)
    return SCARD_E_INVALID_PARAMETER;
  if (pCardData->dwVersion < CARD_DATA_VERSION_FOUR)
    return ERROR_REVISION_MISMATCH;
  if (pCardData->dwVersion > CARD_DATA_VERSION_SEVEN)
    pCardData->dwVersion = CARD_DATA_VERSION_SEVEN;
  ctx = (ctx_t *)pCardData->pfnCspAlloc(sizeof *ctx);
  if (!ctx)
    return SCARD_E_NO_MEMORY;
  ZeroMemory(ctx, sizeof *ctx);
  wcscpy_s(ctx->name, _countof(ctx->name), L"c-");
  swprintf_s(tmp, _countof(tmp), L"%s%d", L"v", (int)pCardData->dwVersion);
  wcscat_s(ctx->name, _countof(ctx->name), tmp);
  pCardData->pvVendorSpecific = ctx;
  pCardData->pfnCardDeleteContext = DrvDeleteContext;
  pCardData->pfnCardQueryCapabilities = DrvQueryCapabilities;
  if (pCardData->dwVersion >= CARD_DATA_VERSION_SIX)
    pCardData->pfnCardGetProperty = CardGetProperty;
  return SCARD_S_SUCCESS;
}
