/* MSVC narrow-string and memory *_s functions, case-insensitive compares,
 * and the invalid-parameter path they share with the wide versions. */
#include "compat_int.h"

#include "mdfuzz/compat/compat.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

static mdf_compat_invalid_parameter_cb g_handler;

mdf_compat_invalid_parameter_cb
mdf_compat_set_invalid_parameter_handler(mdf_compat_invalid_parameter_cb cb) {
  mdf_compat_invalid_parameter_cb old = g_handler;
  g_handler = cb;
  return old;
}

void mdf_compat_invalid_parameter_report(const char *function, const char *reason) {
  mdf_finding(MDF_FINDING_ID(INVALID_PARAMETER),
              "%s: %s (the Windows C runtime terminates the process)", function, reason);
}

void mdf__compat_invalid_parameter(const char *function, const char *reason) {
  if (g_handler)
    g_handler(function, reason);
}

static errno_t fail(char *dst, const char *fn, const char *why, errno_t e) {
  if (dst)
    dst[0] = 0;
  mdf__compat_invalid_parameter(fn, why);
  return e;
}

/* Same rules as the wide put() in wide.c. */
static errno_t put(char *whole, char *dst, size_t room, const char *src, size_t count,
                   const char *fn) {
  size_t n = strnlen(src, count < room ? count : room);
  if (n == room) {
    if (count != _TRUNCATE)
      return fail(whole, fn, "destination too small", ERANGE);
    n = room - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
    return STRUNCATE;
  }
  memcpy(dst, src, n);
  dst[n] = 0;
  return 0;
}

errno_t mdf_compat_strcpy_s(char *dst, rsize_t size, const char *src) {
  if (!dst || !size)
    return fail(NULL, "strcpy_s", "NULL or empty destination", EINVAL);
  if (!src)
    return fail(dst, "strcpy_s", "NULL source", EINVAL);
  return put(dst, dst, size, src, (size_t)-2, "strcpy_s");
}

errno_t mdf_compat_strncpy_s(char *dst, rsize_t size, const char *src, rsize_t count) {
  if (!dst && !size && !count)
    return 0;
  if (!dst || !size)
    return fail(NULL, "strncpy_s", "NULL or empty destination", EINVAL);
  if (!count) {
    dst[0] = 0;
    return 0;
  }
  if (!src)
    return fail(dst, "strncpy_s", "NULL source", EINVAL);
  return put(dst, dst, size, src, count, "strncpy_s");
}

errno_t mdf_compat_strcat_s(char *dst, rsize_t size, const char *src) {
  size_t used;
  if (!dst || !size)
    return fail(NULL, "strcat_s", "NULL or empty destination", EINVAL);
  if (!src)
    return fail(dst, "strcat_s", "NULL source", EINVAL);
  used = strnlen(dst, size);
  if (used == size)
    return fail(dst, "strcat_s", "destination not terminated", EINVAL);
  return put(dst, dst + used, size - used, src, (size_t)-2, "strcat_s");
}

errno_t mdf_compat_strncat_s(char *dst, rsize_t size, const char *src, rsize_t count) {
  size_t used;
  if (!dst && !size && !count)
    return 0;
  if (!dst || !size)
    return fail(NULL, "strncat_s", "NULL or empty destination", EINVAL);
  used = strnlen(dst, size);
  if (used == size)
    return fail(dst, "strncat_s", "destination not terminated", EINVAL);
  if (!count)
    return 0;
  if (!src)
    return fail(dst, "strncat_s", "NULL source", EINVAL);
  return put(dst, dst + used, size - used, src, count, "strncat_s");
}

/* memcpy_s zeroes the whole destination on a bad source or size. */
errno_t mdf_compat_memcpy_s(void *dst, rsize_t size, const void *src, rsize_t count) {
  if (!count)
    return 0;
  if (!dst)
    return fail(NULL, "memcpy_s", "NULL destination", EINVAL);
  if (!src || size < count) {
    memset(dst, 0, size);
    return fail(NULL, "memcpy_s", src ? "destination too small" : "NULL source",
                src ? ERANGE : EINVAL);
  }
  memcpy(dst, src, count);
  return 0;
}

/* memmove_s leaves the destination alone on failure. */
errno_t mdf_compat_memmove_s(void *dst, rsize_t size, const void *src, rsize_t count) {
  if (!count)
    return 0;
  if (!dst || !src)
    return fail(NULL, "memmove_s", "NULL pointer", EINVAL);
  if (size < count)
    return fail(NULL, "memmove_s", "destination too small", ERANGE);
  memmove(dst, src, count);
  return 0;
}

int mdf_compat_stricmp(const char *a, const char *b) {
  return mdf_compat_strnicmp(a, b, (size_t)-1);
}

int mdf_compat_strnicmp(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned ca = mdf__compat_fold((unsigned char)a[i]), cb = mdf__compat_fold((unsigned char)b[i]);
    if (ca != cb)
      return ca < cb ? -1 : 1;
    if (!ca)
      break;
  }
  return 0;
}

char *mdf_compat_strlwr(char *s) {
  for (char *p = s; p && *p; p++)
    *p = (char)mdf__compat_fold((unsigned char)*p);
  return s;
}

char *mdf_compat_strupr(char *s) {
  for (char *p = s; p && *p; p++)
    if (*p >= 'a' && *p <= 'z')
      *p = (char)(*p - ('a' - 'A'));
  return s;
}

/* The volatile stores keep the compiler from dropping a wipe of memory that
 * is about to be freed (the point of SecureZeroMemory). */
PVOID mdf_compat_secure_zero(PVOID p, SIZE_T n) {
  volatile unsigned char *v = p;
  while (n--)
    *v++ = 0;
  return p;
}
