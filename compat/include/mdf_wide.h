/* mdfuzz clean-room Windows ABI: 16-bit wide strings and MSVC C-runtime
 * functions for minidriver sources.  Included by windows.h.
 *
 * Drivers are built with -fshort-wchar, so L"..." and WCHAR are 16-bit,
 * while libc's wcs* functions assume a 32-bit wchar_t.  The macros at the end
 * of this file rename every such call (wcslen -> mdf_compat_wcslen ...) to a
 * 16-bit implementation in compat/ (library mdf_compat).  libc's own
 * headers are included first, so their declarations are never renamed.
 *
 * MSVC semantics, not ISO C, where the two differ:
 * - the *_s functions return EINVAL / ERANGE and empty the destination; by
 *   default they then return (see mdfuzz/compat.h to report instead, as the
 *   Windows default handler would terminate the process);
 * - printf-style formats (wide and narrow: swprintf*, _snwprintf*, sprintf,
 *   snprintf, sprintf_s, _snprintf*) follow the Microsoft conventions:
 *   in wide output %s and %c take wide arguments and %S / %C narrow ones;
 *   in narrow output %s / %c are narrow and %S / %C wide; %ls, %ws, %lc are
 *   always wide and %hs, %hc always narrow.  Integer sizes are Windows ones:
 *   %d/%u/%x with h, l (32-bit, like LONG/DWORD), ll, I64 (64-bit), I, z
 *   (pointer-sized), I32.  Flags - 0 + space #, width and precision (also *),
 *   %p, %%, and floating point (%f %e %g %a, through libc) are supported.
 *   Unsupported: %n (consumes its argument, writes nothing), positional
 *   arguments (%1$d).  Non-ASCII conversion between narrow and wide
 *   arguments maps bytes to U+0000..U+00FF and other characters to '?'.
 * - case-insensitive compares fold ASCII letters only.
 * - std::wstring is not 16-bit-aware (libstdc++ is built for 32-bit wchar_t);
 *   use WCHAR arrays and these functions. */
#ifndef MDF_COMPAT_WIDE_H
#define MDF_COMPAT_WIDE_H

#include "mdf_wintypes.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __cplusplus
#include <cstdio>
#include <cstring>
#include <cwchar>
#else
#include <wchar.h>
#endif

MDF_EXTERN_C_BEGIN

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _RSIZE_T_DEFINED
#define _RSIZE_T_DEFINED
typedef size_t rsize_t;
#endif
/* count argument of the *_s copy functions: copy what fits, then truncate. */
#define _TRUNCATE ((size_t)-1)
#ifndef STRUNCATE
#define STRUNCATE 80
#endif

/* ---- 16-bit wcs* -------------------------------------------------------- */
size_t mdf_compat_wcslen(const WCHAR *s);
size_t mdf_compat_wcsnlen(const WCHAR *s, size_t max);
int mdf_compat_wcscmp(const WCHAR *a, const WCHAR *b);
int mdf_compat_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
int mdf_compat_wcsicmp(const WCHAR *a, const WCHAR *b);
int mdf_compat_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR *mdf_compat_wcscpy(WCHAR *dst, const WCHAR *src);
WCHAR *mdf_compat_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *mdf_compat_wcscat(WCHAR *dst, const WCHAR *src);
WCHAR *mdf_compat_wcsncat(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *mdf_compat_wcschr(const WCHAR *s, WCHAR c);
WCHAR *mdf_compat_wcsrchr(const WCHAR *s, WCHAR c);
WCHAR *mdf_compat_wcsstr(const WCHAR *hay, const WCHAR *needle);
WCHAR *mdf_compat_wcsdup(const WCHAR *s); /* malloc'd; free() it */
WCHAR *mdf_compat_wcslwr(WCHAR *s);
WCHAR *mdf_compat_wcsupr(WCHAR *s);
WCHAR *mdf_compat_wmemcpy(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *mdf_compat_wmemmove(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *mdf_compat_wmemset(WCHAR *dst, WCHAR c, size_t n);
int mdf_compat_wmemcmp(const WCHAR *a, const WCHAR *b, size_t n);
errno_t mdf_compat_wcscpy_s(WCHAR *dst, rsize_t size, const WCHAR *src);
errno_t mdf_compat_wcscat_s(WCHAR *dst, rsize_t size, const WCHAR *src);
errno_t mdf_compat_wcsncpy_s(WCHAR *dst, rsize_t size, const WCHAR *src, rsize_t count);
errno_t mdf_compat_wcsncat_s(WCHAR *dst, rsize_t size, const WCHAR *src, rsize_t count);

/* ---- narrow MSVC functions ---------------------------------------------- */
errno_t mdf_compat_strcpy_s(char *dst, rsize_t size, const char *src);
errno_t mdf_compat_strcat_s(char *dst, rsize_t size, const char *src);
errno_t mdf_compat_strncpy_s(char *dst, rsize_t size, const char *src, rsize_t count);
errno_t mdf_compat_strncat_s(char *dst, rsize_t size, const char *src, rsize_t count);
errno_t mdf_compat_memcpy_s(void *dst, rsize_t size, const void *src, rsize_t count);
errno_t mdf_compat_memmove_s(void *dst, rsize_t size, const void *src, rsize_t count);
int mdf_compat_stricmp(const char *a, const char *b);
int mdf_compat_strnicmp(const char *a, const char *b, size_t n);
char *mdf_compat_strlwr(char *s);
char *mdf_compat_strupr(char *s);
PVOID mdf_compat_secure_zero(PVOID p, SIZE_T n);

/* ---- printf family (Microsoft format conventions, see top) -------------- */
/* ISO form: at most count units incl. NUL; truncates, returns -1 if cut. */
int mdf_compat_swprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...);
int mdf_compat_vswprintf(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap);
/* Legacy two-argument form: no bound at all, as on MSVC. */
int mdf_compat_swprintf_legacy(WCHAR *buf, const WCHAR *fmt, ...);
int mdf_compat_vswprintf_legacy(WCHAR *buf, const WCHAR *fmt, va_list ap);
/* _s form: on overflow buf[0] = 0, invalid-parameter path, returns -1. */
int mdf_compat_swprintf_s(WCHAR *buf, size_t count, const WCHAR *fmt, ...);
int mdf_compat_vswprintf_s(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap);
/* _snwprintf: writes at most count units; NUL only if it fits; -1 if cut. */
int mdf_compat_snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...);
int mdf_compat_vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap);
/* _snwprintf_s: count may be _TRUNCATE; always NUL-terminated. */
int mdf_compat_snwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, ...);
int mdf_compat_vsnwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, va_list ap);
/* Narrow counterparts, same rules. */
int mdf_compat_sprintf(char *buf, const char *fmt, ...);
int mdf_compat_vsprintf(char *buf, const char *fmt, va_list ap);
int mdf_compat_snprintf(char *buf, size_t count, const char *fmt, ...);
int mdf_compat_vsnprintf(char *buf, size_t count, const char *fmt, va_list ap);
int mdf_compat_sprintf_s(char *buf, size_t count, const char *fmt, ...);
int mdf_compat_vsprintf_s(char *buf, size_t count, const char *fmt, va_list ap);
int mdf_compat_snprintf_ms(char *buf, size_t count, const char *fmt, ...);
int mdf_compat_vsnprintf_ms(char *buf, size_t count, const char *fmt, va_list ap);
int mdf_compat_snprintf_s(char *buf, size_t size, size_t count, const char *fmt, ...);
int mdf_compat_vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, va_list ap);

/* ---- Win32 string and conversion API ------------------------------------ */
typedef const CHAR *LPCCH, *PCCH;
typedef const WCHAR *LPCWCH, *PCWCH;
#define CP_ACP 0
#define CP_OEMCP 1
#define CP_UTF8 65001
#define MB_PRECOMPOSED 0x00000001
#define MB_ERR_INVALID_CHARS 0x00000008
#define WC_ERR_INVALID_CHARS 0x00000080
#define WC_NO_BEST_FIT_CHARS 0x00000400

#define MultiByteToWideChar mdf_win_MultiByteToWideChar
#define WideCharToMultiByte mdf_win_WideCharToMultiByte
#define lstrlenW mdf_win_lstrlenW
#define lstrlenA mdf_win_lstrlenA
#define lstrcmpW mdf_win_lstrcmpW
#define lstrcmpiW mdf_win_lstrcmpiW
#define lstrcpyW mdf_win_lstrcpyW
#define lstrcatW mdf_win_lstrcatW
#define GetLastError mdf_win_GetLastError
#define SetLastError mdf_win_SetLastError

/* CP_ACP is treated as Latin-1, CP_UTF8 as UTF-8; other code pages fail
 * with ERROR_INVALID_PARAMETER.  Sizes as on Windows: -1 input length means
 * NUL-terminated (the NUL is counted), output size 0 asks for the size. */
int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr, int cbMultiByte,
                               LPWSTR lpWideCharStr, int cchWideChar);
int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr, int cchWideChar,
                               LPSTR lpMultiByteStr, int cbMultiByte, LPCCH lpDefaultChar,
                               LPBOOL lpUsedDefaultChar);
int WINAPI lstrlenW(LPCWSTR s);
int WINAPI lstrlenA(LPCSTR s);
int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b);
int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b);
LPWSTR WINAPI lstrcpyW(LPWSTR dst, LPCWSTR src);
LPWSTR WINAPI lstrcatW(LPWSTR dst, LPCWSTR src);
/* Per-thread last-error value. */
DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

/* ---- memory macros ------------------------------------------------------- */
#define ZeroMemory(d, n) memset((d), 0, (n))
#define RtlZeroMemory(d, n) memset((d), 0, (n))
#define SecureZeroMemory(d, n) mdf_compat_secure_zero((d), (n))
#define RtlSecureZeroMemory(d, n) mdf_compat_secure_zero((d), (n))
#define CopyMemory(d, s, n) memcpy((d), (s), (n))
#define RtlCopyMemory(d, s, n) memcpy((d), (s), (n))
#define MoveMemory(d, s, n) memmove((d), (s), (n))
#define RtlMoveMemory(d, s, n) memmove((d), (s), (n))
#define FillMemory(d, n, f) memset((d), (f), (n))
#define RtlFillMemory(d, n, f) memset((d), (f), (n))
#define RtlEqualMemory(a, b, n) (memcmp((a), (b), (n)) == 0)

MDF_EXTERN_C_END

/* ---- the renames (not inside mdf_compat's own sources) ------------------ */
#ifndef MDF_COMPAT_NO_RENAME
#define wcslen mdf_compat_wcslen
#define wcsnlen mdf_compat_wcsnlen
#define wcscmp mdf_compat_wcscmp
#define wcsncmp mdf_compat_wcsncmp
#define _wcsicmp mdf_compat_wcsicmp
#define _wcsnicmp mdf_compat_wcsnicmp
#define wcsicmp mdf_compat_wcsicmp
#define wcsnicmp mdf_compat_wcsnicmp
#define wcscpy mdf_compat_wcscpy
#define wcsncpy mdf_compat_wcsncpy
#define wcscat mdf_compat_wcscat
#define wcsncat mdf_compat_wcsncat
#define wcschr mdf_compat_wcschr
#define wcsrchr mdf_compat_wcsrchr
#define wcsstr mdf_compat_wcsstr
#define _wcsdup mdf_compat_wcsdup
#define wcsdup mdf_compat_wcsdup
#define _wcslwr mdf_compat_wcslwr
#define _wcsupr mdf_compat_wcsupr
#define wmemcpy mdf_compat_wmemcpy
#define wmemmove mdf_compat_wmemmove
#define wmemset mdf_compat_wmemset
#define wmemcmp mdf_compat_wmemcmp
#define wcscpy_s mdf_compat_wcscpy_s
#define wcscat_s mdf_compat_wcscat_s
#define wcsncpy_s mdf_compat_wcsncpy_s
#define wcsncat_s mdf_compat_wcsncat_s
#define strcpy_s mdf_compat_strcpy_s
#define strcat_s mdf_compat_strcat_s
#define strncpy_s mdf_compat_strncpy_s
#define strncat_s mdf_compat_strncat_s
#define memcpy_s mdf_compat_memcpy_s
#define memmove_s mdf_compat_memmove_s
#define _stricmp mdf_compat_stricmp
#define _strnicmp mdf_compat_strnicmp
#define _strlwr mdf_compat_strlwr
#define _strupr mdf_compat_strupr
#define _strdup strdup
#define vswprintf mdf_compat_vswprintf
#define swprintf_s mdf_compat_swprintf_s
#define vswprintf_s mdf_compat_vswprintf_s
#define _snwprintf mdf_compat_snwprintf
#define _vsnwprintf mdf_compat_vsnwprintf
#define _snwprintf_s mdf_compat_snwprintf_s
#define _vsnwprintf_s mdf_compat_vsnwprintf_s
#define wsprintfW mdf_compat_swprintf_legacy
#define wvsprintfW mdf_compat_vswprintf_legacy
#define sprintf mdf_compat_sprintf
#define vsprintf mdf_compat_vsprintf
#define snprintf mdf_compat_snprintf
#define vsnprintf mdf_compat_vsnprintf
#define sprintf_s mdf_compat_sprintf_s
#define vsprintf_s mdf_compat_vsprintf_s
#define _snprintf mdf_compat_snprintf_ms
#define _vsnprintf mdf_compat_vsnprintf_ms
#define _snprintf_s mdf_compat_snprintf_s
#define _vsnprintf_s mdf_compat_vsnprintf_s

#ifdef __cplusplus
/* swprintf: C++ picks the two- or three-argument form by overload, and
 * MSVC's array templates let callers omit the destination size. */
inline int mdf_compat_swprintf(WCHAR *buf, const WCHAR *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = mdf_compat_vswprintf_legacy(buf, fmt, ap);
  va_end(ap);
  return n;
}
template <size_t N> inline errno_t mdf_compat_wcscpy_s(WCHAR (&dst)[N], const WCHAR *src) {
  return mdf_compat_wcscpy_s(dst, N, src);
}
template <size_t N> inline errno_t mdf_compat_wcscat_s(WCHAR (&dst)[N], const WCHAR *src) {
  return mdf_compat_wcscat_s(dst, N, src);
}
template <size_t N>
inline errno_t mdf_compat_wcsncpy_s(WCHAR (&dst)[N], const WCHAR *src, size_t count) {
  return mdf_compat_wcsncpy_s(dst, N, src, count);
}
template <size_t N> inline errno_t mdf_compat_strcpy_s(char (&dst)[N], const char *src) {
  return mdf_compat_strcpy_s(dst, N, src);
}
template <size_t N> inline errno_t mdf_compat_strcat_s(char (&dst)[N], const char *src) {
  return mdf_compat_strcat_s(dst, N, src);
}
template <size_t N>
inline errno_t mdf_compat_strncpy_s(char (&dst)[N], const char *src, size_t count) {
  return mdf_compat_strncpy_s(dst, N, src, count);
}
template <size_t N> inline int mdf_compat_swprintf_s(WCHAR (&buf)[N], const WCHAR *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = mdf_compat_vswprintf_s(buf, N, fmt, ap);
  va_end(ap);
  return n;
}
template <size_t N> inline int mdf_compat_sprintf_s(char (&buf)[N], const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = mdf_compat_vsprintf_s(buf, N, fmt, ap);
  va_end(ap);
  return n;
}
#define swprintf mdf_compat_swprintf
/* Code that names std::wcslen and friends finds the 16-bit versions. */
namespace std {
using ::mdf_compat_snprintf;
using ::mdf_compat_sprintf;
using ::mdf_compat_swprintf;
using ::mdf_compat_vsnprintf;
using ::mdf_compat_vsprintf;
using ::mdf_compat_vswprintf;
using ::mdf_compat_wcscat;
using ::mdf_compat_wcschr;
using ::mdf_compat_wcscmp;
using ::mdf_compat_wcscpy;
using ::mdf_compat_wcslen;
using ::mdf_compat_wcsncat;
using ::mdf_compat_wcsncmp;
using ::mdf_compat_wcsncpy;
using ::mdf_compat_wcsrchr;
using ::mdf_compat_wcsstr;
using ::mdf_compat_wmemcmp;
using ::mdf_compat_wmemcpy;
using ::mdf_compat_wmemmove;
using ::mdf_compat_wmemset;
} // namespace std
#else
/* swprintf: MSVC accepts swprintf(buf, fmt, ...) and swprintf(buf, count,
 * fmt, ...); the type of the second argument picks the form. */
#define MDF__SECOND_ARG(a, ...) a
#define swprintf(buf, ...)                                                                         \
  _Generic((MDF__SECOND_ARG(__VA_ARGS__, 0)), \
      WCHAR *: mdf_compat_swprintf_legacy, \
      const WCHAR *: mdf_compat_swprintf_legacy, \
      default: mdf_compat_swprintf)(buf, __VA_ARGS__)
#endif
#endif /* MDF_COMPAT_NO_RENAME */

#endif
