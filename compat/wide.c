/* 16-bit implementations of the wcs* functions minidriver sources call
 * (libc's versions assume a 32-bit wchar_t), and their MSVC *_s forms. */
#include "compat_int.h"

size_t mdf_compat_wcslen(const WCHAR *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

size_t mdf_compat_wcsnlen(const WCHAR *s, size_t max) {
  size_t n = 0;
  if (!s)
    return 0;
  while (n < max && s[n])
    n++;
  return n;
}

int mdf_compat_wcscmp(const WCHAR *a, const WCHAR *b) {
  return mdf_compat_wcsncmp(a, b, (size_t)-1);
}

int mdf_compat_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
    if (!a[i])
      break;
  }
  return 0;
}

int mdf_compat_wcsicmp(const WCHAR *a, const WCHAR *b) {
  return mdf_compat_wcsnicmp(a, b, (size_t)-1);
}

int mdf_compat_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned ca = mdf__compat_fold(a[i]), cb = mdf__compat_fold(b[i]);
    if (ca != cb)
      return ca < cb ? -1 : 1;
    if (!ca)
      break;
  }
  return 0;
}

WCHAR *mdf_compat_wcscpy(WCHAR *dst, const WCHAR *src) {
  size_t i = 0;
  do
    dst[i] = src[i];
  while (src[i++]);
  return dst;
}

/* ISO rule: pads with NULs up to n, does not terminate if src is longer. */
WCHAR *mdf_compat_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n) {
  size_t i = 0;
  for (; i < n && src[i]; i++)
    dst[i] = src[i];
  for (; i < n; i++)
    dst[i] = 0;
  return dst;
}

WCHAR *mdf_compat_wcscat(WCHAR *dst, const WCHAR *src) {
  mdf_compat_wcscpy(dst + mdf_compat_wcslen(dst), src);
  return dst;
}

WCHAR *mdf_compat_wcsncat(WCHAR *dst, const WCHAR *src, size_t n) {
  WCHAR *d = dst + mdf_compat_wcslen(dst);
  size_t i = 0;
  for (; i < n && src[i]; i++)
    d[i] = src[i];
  d[i] = 0;
  return dst;
}

/* Like strchr, searching for 0 finds the terminator. */
WCHAR *mdf_compat_wcschr(const WCHAR *s, WCHAR c) {
  for (;; s++) {
    if (*s == c)
      return (WCHAR *)s;
    if (!*s)
      return NULL;
  }
}

WCHAR *mdf_compat_wcsrchr(const WCHAR *s, WCHAR c) {
  const WCHAR *hit = NULL;
  for (;; s++) {
    if (*s == c)
      hit = s;
    if (!*s)
      return (WCHAR *)hit;
  }
}

WCHAR *mdf_compat_wcsstr(const WCHAR *hay, const WCHAR *needle) {
  size_t n = mdf_compat_wcslen(needle);
  if (!n)
    return (WCHAR *)hay;
  for (; *hay; hay++)
    if (*hay == *needle && mdf_compat_wcsncmp(hay, needle, n) == 0)
      return (WCHAR *)hay;
  return NULL;
}

WCHAR *mdf_compat_wcsdup(const WCHAR *s) {
  size_t n;
  WCHAR *d;
  if (!s)
    return NULL;
  n = mdf_compat_wcslen(s) + 1;
  d = malloc(n * sizeof(WCHAR));
  if (d)
    memcpy(d, s, n * sizeof(WCHAR));
  return d;
}

WCHAR *mdf_compat_wcslwr(WCHAR *s) {
  for (WCHAR *p = s; p && *p; p++)
    *p = (WCHAR)mdf__compat_fold(*p);
  return s;
}

WCHAR *mdf_compat_wcsupr(WCHAR *s) {
  for (WCHAR *p = s; p && *p; p++)
    if (*p >= 'a' && *p <= 'z')
      *p = (WCHAR)(*p - ('a' - 'A'));
  return s;
}

WCHAR *mdf_compat_wmemcpy(WCHAR *dst, const WCHAR *src, size_t n) {
  if (n)
    memcpy(dst, src, n * sizeof(WCHAR));
  return dst;
}

WCHAR *mdf_compat_wmemmove(WCHAR *dst, const WCHAR *src, size_t n) {
  if (n)
    memmove(dst, src, n * sizeof(WCHAR));
  return dst;
}

WCHAR *mdf_compat_wmemset(WCHAR *dst, WCHAR c, size_t n) {
  for (size_t i = 0; i < n; i++)
    dst[i] = c;
  return dst;
}

int mdf_compat_wmemcmp(const WCHAR *a, const WCHAR *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

/* ---- *_s: the MSVC rules ------------------------------------------------
 * NULL or zero-sized destination: EINVAL, nothing written.  Otherwise any
 * failure empties the destination (dst[0] = 0).  Every failure takes the
 * invalid-parameter path; _TRUNCATE truncation is not a failure. */

static errno_t fail(WCHAR *dst, const char *fn, const char *why, errno_t e) {
  if (dst)
    dst[0] = 0;
  mdf__compat_invalid_parameter(fn, why);
  return e;
}

/* Append up to count units of src at dst (room units available, >= 1). */
static errno_t put(WCHAR *whole, WCHAR *dst, size_t room, const WCHAR *src, size_t count,
                   const char *fn) {
  size_t n = mdf_compat_wcsnlen(src, count < room ? count : room);
  if (n == room) {
    if (count != _TRUNCATE)
      return fail(whole, fn, "destination too small", ERANGE);
    n = room - 1;
    memcpy(dst, src, n * sizeof(WCHAR));
    dst[n] = 0;
    return STRUNCATE;
  }
  memcpy(dst, src, n * sizeof(WCHAR));
  dst[n] = 0;
  return 0;
}

errno_t mdf_compat_wcscpy_s(WCHAR *dst, rsize_t size, const WCHAR *src) {
  if (!dst || !size)
    return fail(NULL, "wcscpy_s", "NULL or empty destination", EINVAL);
  if (!src)
    return fail(dst, "wcscpy_s", "NULL source", EINVAL);
  return put(dst, dst, size, src, (size_t)-2, "wcscpy_s");
}

errno_t mdf_compat_wcsncpy_s(WCHAR *dst, rsize_t size, const WCHAR *src, rsize_t count) {
  if (!dst && !size && !count)
    return 0;
  if (!dst || !size)
    return fail(NULL, "wcsncpy_s", "NULL or empty destination", EINVAL);
  if (!count) {
    dst[0] = 0;
    return 0;
  }
  if (!src)
    return fail(dst, "wcsncpy_s", "NULL source", EINVAL);
  return put(dst, dst, size, src, count, "wcsncpy_s");
}

errno_t mdf_compat_wcscat_s(WCHAR *dst, rsize_t size, const WCHAR *src) {
  size_t used;
  if (!dst || !size)
    return fail(NULL, "wcscat_s", "NULL or empty destination", EINVAL);
  if (!src)
    return fail(dst, "wcscat_s", "NULL source", EINVAL);
  used = mdf_compat_wcsnlen(dst, size);
  if (used == size)
    return fail(dst, "wcscat_s", "destination not terminated", EINVAL);
  return put(dst, dst + used, size - used, src, (size_t)-2, "wcscat_s");
}

errno_t mdf_compat_wcsncat_s(WCHAR *dst, rsize_t size, const WCHAR *src, rsize_t count) {
  size_t used;
  if (!dst && !size && !count)
    return 0;
  if (!dst || !size)
    return fail(NULL, "wcsncat_s", "NULL or empty destination", EINVAL);
  used = mdf_compat_wcsnlen(dst, size);
  if (used == size)
    return fail(dst, "wcsncat_s", "destination not terminated", EINVAL);
  if (!count)
    return 0;
  if (!src)
    return fail(dst, "wcsncat_s", "NULL source", EINVAL);
  return put(dst, dst + used, size - used, src, count, "wcsncat_s");
}
