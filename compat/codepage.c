/* Win32 code-page conversion (CP_ACP as Latin-1, CP_UTF8), lstr* helpers
 * and the per-thread last-error value. */
#include "compat_int.h"

#include "mdfuzz/compat/compat.h"
#include "winerror.h"

static _Thread_local DWORD g_last_error;

DWORD WINAPI GetLastError(void) {
  return g_last_error;
}
void WINAPI SetLastError(DWORD dwErrCode) {
  g_last_error = dwErrCode;
}
void mdf_compat_input_reset(void) {
  g_last_error = 0;
}

static int is_latin1(UINT cp) {
  return cp == CP_ACP || cp == CP_OEMCP || cp == 3 /* CP_THREAD_ACP */;
}

static int fail(DWORD err) {
  g_last_error = err;
  return 0;
}

/* Decode one UTF-8 sequence at s[*i] (n bytes); returns the code point or
 * -1 for an invalid / truncated / overlong sequence (consumes one byte). */
static long utf8_next(const unsigned char *s, size_t n, size_t *i) {
  static const long min_cp[4] = {0, 0x80, 0x800, 0x10000};
  unsigned char b = s[*i];
  int extra = b < 0x80             ? 0
              : (b & 0xE0) == 0xC0 ? 1
              : (b & 0xF0) == 0xE0 ? 2
              : (b & 0xF8) == 0xF0 ? 3
                                   : -1;
  long cp;
  if (extra < 0 || *i + (size_t)extra >= n)
    goto bad;
  cp = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; k++) {
    unsigned char c = s[*i + (size_t)k];
    if ((c & 0xC0) != 0x80)
      goto bad;
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min_cp[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    goto bad;
  *i += (size_t)extra + 1;
  return cp;
bad:
  (*i)++;
  return -1;
}

int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr, int cbMultiByte,
                               LPWSTR lpWideCharStr, int cchWideChar) {
  const unsigned char *src = (const unsigned char *)lpMultiByteStr;
  size_t n, i = 0;
  int out = 0;
  if (!src || cbMultiByte == 0 || cbMultiByte < -1 || cchWideChar < 0 ||
      (!lpWideCharStr && cchWideChar))
    return fail(ERROR_INVALID_PARAMETER);
  if (!is_latin1(CodePage) && CodePage != CP_UTF8)
    return fail(ERROR_INVALID_PARAMETER);
  n = cbMultiByte == -1 ? strlen(lpMultiByteStr) + 1 : (size_t)cbMultiByte;
  while (i < n) {
    long cp = is_latin1(CodePage) ? src[i++] : utf8_next(src, n, &i);
    WCHAR unit[2];
    int units = 1;
    if (cp < 0) {
      if (dwFlags & MB_ERR_INVALID_CHARS)
        return fail(ERROR_NO_UNICODE_TRANSLATION);
      cp = 0xFFFD;
    }
    if (cp >= 0x10000) {
      unit[0] = (WCHAR)(0xD800 + ((cp - 0x10000) >> 10));
      unit[1] = (WCHAR)(0xDC00 + ((cp - 0x10000) & 0x3FF));
      units = 2;
    } else {
      unit[0] = (WCHAR)cp;
    }
    for (int k = 0; k < units; k++, out++) {
      if (!cchWideChar)
        continue;
      if (out >= cchWideChar)
        return fail(ERROR_INSUFFICIENT_BUFFER);
      lpWideCharStr[out] = unit[k];
    }
  }
  return out;
}

int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr, int cchWideChar,
                               LPSTR lpMultiByteStr, int cbMultiByte, LPCCH lpDefaultChar,
                               LPBOOL lpUsedDefaultChar) {
  size_t n, i = 0;
  int out = 0;
  if (!lpWideCharStr || cchWideChar == 0 || cchWideChar < -1 || cbMultiByte < 0 ||
      (!lpMultiByteStr && cbMultiByte))
    return fail(ERROR_INVALID_PARAMETER);
  if (CodePage == CP_UTF8 && (lpDefaultChar || lpUsedDefaultChar))
    return fail(ERROR_INVALID_PARAMETER);
  if (!is_latin1(CodePage) && CodePage != CP_UTF8)
    return fail(ERROR_INVALID_PARAMETER);
  if (lpUsedDefaultChar)
    *lpUsedDefaultChar = FALSE;
  n = cchWideChar == -1 ? mdf_compat_wcslen(lpWideCharStr) + 1 : (size_t)cchWideChar;
  while (i < n) {
    unsigned long cp = lpWideCharStr[i++];
    unsigned char bytes[4];
    int nb = 0;
    if (is_latin1(CodePage)) {
      if (cp > 0xFF) {
        cp = lpDefaultChar ? (unsigned char)*lpDefaultChar : '?';
        if (lpUsedDefaultChar)
          *lpUsedDefaultChar = TRUE;
      }
      bytes[nb++] = (unsigned char)cp;
    } else {
      if (cp >= 0xD800 && cp <= 0xDBFF && i < n && lpWideCharStr[i] >= 0xDC00 &&
          lpWideCharStr[i] <= 0xDFFF)
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lpWideCharStr[i++] - 0xDC00u);
      else if (cp >= 0xD800 && cp <= 0xDFFF) {
        if (dwFlags & WC_ERR_INVALID_CHARS)
          return fail(ERROR_NO_UNICODE_TRANSLATION);
        cp = 0xFFFD;
      }
      if (cp < 0x80) {
        bytes[nb++] = (unsigned char)cp;
      } else if (cp < 0x800) {
        bytes[nb++] = (unsigned char)(0xC0 | (cp >> 6));
        bytes[nb++] = (unsigned char)(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        bytes[nb++] = (unsigned char)(0xE0 | (cp >> 12));
        bytes[nb++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        bytes[nb++] = (unsigned char)(0x80 | (cp & 0x3F));
      } else {
        bytes[nb++] = (unsigned char)(0xF0 | (cp >> 18));
        bytes[nb++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        bytes[nb++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        bytes[nb++] = (unsigned char)(0x80 | (cp & 0x3F));
      }
    }
    /* A character is written whole or not at all. */
    if (cbMultiByte && out + nb > cbMultiByte)
      return fail(ERROR_INSUFFICIENT_BUFFER);
    for (int k = 0; k < nb; k++, out++)
      if (cbMultiByte)
        lpMultiByteStr[out] = (char)bytes[k];
  }
  return out;
}

int WINAPI lstrlenW(LPCWSTR s) {
  return s ? (int)mdf_compat_wcslen(s) : 0;
}
int WINAPI lstrlenA(LPCSTR s) {
  return s ? (int)strlen(s) : 0;
}
int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b) {
  return mdf_compat_wcscmp(a, b);
}
int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b) {
  return mdf_compat_wcsicmp(a, b);
}
LPWSTR WINAPI lstrcpyW(LPWSTR dst, LPCWSTR src) {
  return mdf_compat_wcscpy(dst, src);
}
LPWSTR WINAPI lstrcatW(LPWSTR dst, LPCWSTR src) {
  return mdf_compat_wcscat(dst, src);
}
