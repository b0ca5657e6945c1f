/* mdf_compat's 16-bit string functions, MSVC *_s rules, printf formats,
 * code-page conversion and last error, as a vendor driver calls them
 * (through windows.h and its renaming macros). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mdfuzz/compat/compat.h"
#include "windows.h"

/* Wide vs ASCII comparison; also checks the terminator. */
static int weq(const WCHAR *w, const char *a) {
  size_t i = 0;
  for (; a[i]; i++)
    if (w[i] != (unsigned char)a[i])
      return 0;
  return w[i] == 0;
}

static int g_invalid;
static void count_invalid(const char *fn, const char *why) {
  (void)fn, (void)why;
  g_invalid++;
}

static int setup(void **state) {
  (void)state;
  g_invalid = 0;
  mdf_compat_set_invalid_parameter_handler(count_invalid);
  return 0;
}

static void test_basic(void **state) {
  (void)state;
  WCHAR buf[16];
  assert_int_equal(wcslen(L""), 0);
  assert_int_equal(wcslen(L"abc"), 3);
  assert_int_equal(wcsnlen(L"abcdef", 4), 4);
  assert_int_equal(wcscmp(L"abc", L"abc"), 0);
  assert_true(wcscmp(L"abc", L"abd") < 0);
  assert_true(wcscmp(L"ab", L"a") > 0);
  assert_true(wcscmp(L"\xFFFF", L"a") > 0); /* unsigned 16-bit units */
  assert_int_equal(wcsncmp(L"abcX", L"abcY", 3), 0);
  assert_int_equal(_wcsicmp(L"Key Sizes", L"KEY SIZES"), 0);
  assert_true(_wcsicmp(L"a", L"B") < 0);
  assert_int_equal(_wcsnicmp(L"ABCx", L"abcy", 3), 0);
  assert_int_equal(lstrcmpiW(L"Admin", L"admin"), 0);
  assert_int_equal(lstrlenW(NULL), 0);
  assert_int_equal(lstrlenW(L"user"), 4);
  assert_true(weq(wcschr(L"a/b/c", L'/'), "/b/c"));
  assert_true(weq(wcsrchr(L"a/b/c", L'/'), "/c"));
  assert_null(wcschr(L"abc", L'x'));
  assert_true(weq(wcschr(L"abc", 0), ""));
  assert_true(weq(wcsstr(L"mscp/kxc00", L"kxc"), "kxc00"));
  assert_null(wcsstr(L"mscp", L"kxc"));
  wcscpy(buf, L"ab");
  wcscat(buf, L"cd");
  assert_true(weq(buf, "abcd"));
  wmemset(buf, L'z', 16);
  wcsncpy(buf, L"ab", 4); /* pads with NULs, ISO rule */
  assert_int_equal(buf[2], 0);
  assert_int_equal(buf[3], 0);
  assert_int_equal(buf[4], L'z');
  wcsncpy(buf, L"abcdef", 3);  /* no terminator when cut */
  assert_int_equal(buf[3], 0); /* from the previous call */
  assert_int_equal(buf[2], L'c');
  assert_int_equal(_stricmp("CardID", "cardid"), 0);
  assert_true(_strnicmp("abc", "ABD", 3) < 0);
}

/* Rows: function, destination size, initial content, source, count,
 * expected return, expected destination, invalid-parameter calls. */
enum { CPY, CAT, NCPY, NCAT };
typedef struct s_row {
  int fn;
  size_t size;
  const char *init;
  const char *src; /* NULL: NULL source */
  size_t count;
  int rc;
  const char *out;
  int invalid;
} s_row_t;

static const s_row_t s_rows[] = {
    {CPY, 8, "", "abc", 0, 0, "abc", 0},
    {CPY, 4, "", "abc", 0, 0, "abc", 0},
    {CPY, 3, "xx", "abc", 0, ERANGE, "", 1},
    {CPY, 8, "xx", NULL, 0, EINVAL, "", 1},
    {CAT, 8, "ab", "cd", 0, 0, "abcd", 0},
    {CAT, 5, "ab", "cd", 0, 0, "abcd", 0},
    {CAT, 4, "ab", "cd", 0, ERANGE, "", 1},
    {CAT, 8, "ab", NULL, 0, EINVAL, "", 1},
    {NCPY, 8, "", "abcdef", 3, 0, "abc", 0},
    {NCPY, 4, "", "abcdef", 3, 0, "abc", 0},
    {NCPY, 3, "x", "abcdef", 3, ERANGE, "", 1},
    {NCPY, 4, "x", "abcdef", _TRUNCATE, STRUNCATE, "abc", 0},
    {NCPY, 8, "x", "abc", _TRUNCATE, 0, "abc", 0},
    {NCPY, 4, "x", "abc", 0, 0, "", 0},
    {NCPY, 4, "x", NULL, 1, EINVAL, "", 1},
    {NCAT, 8, "ab", "cdef", 2, 0, "abcd", 0},
    {NCAT, 5, "ab", "cdef", _TRUNCATE, STRUNCATE, "abcd", 0},
    {NCAT, 5, "ab", "cdef", 3, ERANGE, "", 1},
};

static void test_s_functions(void **state) {
  for (size_t i = 0; i < sizeof s_rows / sizeof s_rows[0]; i++) {
    const s_row_t *r = &s_rows[i];
    WCHAR wd[16], ws[16];
    char nd[16];
    int rc_w, rc_n;
    setup(state);
    for (size_t k = 0; k <= strlen(r->init); k++)
      wd[k] = (WCHAR)(unsigned char)r->init[k];
    strcpy(nd, r->init);
    if (r->src)
      for (size_t k = 0; k <= strlen(r->src); k++)
        ws[k] = (WCHAR)(unsigned char)r->src[k];
    switch (r->fn) {
    case CPY:
      rc_w = wcscpy_s(wd, r->size, r->src ? ws : NULL);
      rc_n = strcpy_s(nd, r->size, r->src);
      break;
    case CAT:
      rc_w = wcscat_s(wd, r->size, r->src ? ws : NULL);
      rc_n = strcat_s(nd, r->size, r->src);
      break;
    case NCPY:
      rc_w = wcsncpy_s(wd, r->size, r->src ? ws : NULL, r->count);
      rc_n = strncpy_s(nd, r->size, r->src, r->count);
      break;
    default:
      rc_w = wcsncat_s(wd, r->size, r->src ? ws : NULL, r->count);
      rc_n = strncat_s(nd, r->size, r->src, r->count);
      break;
    }
    if (rc_w != r->rc || rc_n != r->rc || !weq(wd, r->out) || strcmp(nd, r->out) ||
        g_invalid != 2 * r->invalid)
      fail_msg("row %zu: rc %d/%d (want %d), narrow \"%s\" (want \"%s\"), invalid %d", i, rc_w,
               rc_n, r->rc, nd, r->out, g_invalid);
  }
  /* NULL / empty destinations: EINVAL, nothing written. */
  assert_int_equal(wcscpy_s(NULL, 4, L"a"), EINVAL);
  assert_int_equal(strcpy_s(NULL, 0, "a"), EINVAL);
  assert_int_equal(wcsncpy_s(NULL, 0, NULL, 0), 0);
  /* memcpy_s zeroes the destination when it is too small. */
  {
    unsigned char d[4] = {9, 9, 9, 9};
    assert_int_equal(memcpy_s(d, 4, "abcd", 4), 0);
    assert_memory_equal(d, "abcd", 4);
    assert_int_equal(memcpy_s(d, 3, "wxyz", 4), ERANGE);
    assert_memory_equal(d, "\0\0\0d", 4);
    assert_int_equal(memcpy_s(d, 4, NULL, 2), EINVAL);
    assert_int_equal(memcpy_s(d, 0, NULL, 0), 0);
    assert_int_equal(memmove_s(d, 4, "ab", 2), 0);
    assert_int_equal(memmove_s(d, 1, "ab", 2), ERANGE);
    assert_memory_equal(d, "ab", 2);
  }
}

/* printf formats: one argument each, checked in wide and narrow output. */
enum { A_INT, A_UINT, A_I64, A_WSTR, A_NSTR, A_CHAR, A_PTR, A_DBL };
typedef struct f_row {
  const WCHAR *wfmt; /* format for wide output */
  const char *nfmt;  /* same conversion for narrow output (NULL: skip) */
  int kind;
  long long i;
  const void *p;
  const char *out;
} f_row_t;

static const f_row_t f_rows[] = {
    {L"%d", "%d", A_INT, -42, NULL, "-42"},
    {L"%i", "%i", A_INT, 7, NULL, "7"},
    {L"%5d|", "%5d|", A_INT, 7, NULL, "    7|"},
    {L"%-5d|", "%-5d|", A_INT, 7, NULL, "7    |"},
    {L"%05d", "%05d", A_INT, -7, NULL, "-0007"},
    {L"%u", "%u", A_UINT, 4294967295LL, NULL, "4294967295"},
    {L"%x", "%x", A_UINT, 0x9000, NULL, "9000"},
    {L"%02X", "%02X", A_UINT, 0xA, NULL, "0A"},
    {L"%08lx", "%08lx", A_UINT, 0x80100004LL, NULL, "80100004"},
    {L"%#x", "%#x", A_UINT, 255, NULL, "0xff"},
    {L"%+d", "%+d", A_INT, 5, NULL, "+5"},
    {L"%.3d", "%.3d", A_INT, 5, NULL, "005"},
    {L"%I64u", "%I64u", A_I64, 18446744073709551615ULL, NULL, "18446744073709551615"},
    {L"%lld", "%lld", A_I64, -9000000000LL, NULL, "-9000000000"},
    {L"%s", NULL, A_WSTR, 0, L"wide", "wide"}, /* wide output: %s is wide */
    {L"%ls|", NULL, A_WSTR, 0, L"w", "w|"},
    {L"%ws", "%ws", A_WSTR, 0, L"w", "w"},
    {L"%ls", "%S", A_WSTR, 0, L"wide", "wide"},
    {L"%S", "%s", A_NSTR, 0, "narrow", "narrow"}, /* wide output: %S is narrow */
    {L"%hs", "%hs", A_NSTR, 0, "n", "n"},
    {L"[%6s]", NULL, A_WSTR, 0, L"ab", "[    ab]"},
    {L"[%-4S]", "[%-4s]", A_NSTR, 0, "ab", "[ab  ]"},
    {L"%.2S", "%.2s", A_NSTR, 0, "abc", "ab"},
    {L"%S", "%s", A_NSTR, 0, NULL, "(null)"},
    {L"%c", "%c", A_CHAR, 'Q', NULL, "Q"},
    {L"100%%", "100%%", A_INT, 0, NULL, "100%"},
    {L"%p", "%p", A_PTR, 0, (void *)0x1234, "0000000000001234"},
    {L"%.2f", "%.2f", A_DBL, 0, NULL, "1.50"},
};

static int wprint(WCHAR *b, size_t n, const f_row_t *r) {
  switch (r->kind) {
  case A_INT:
    return swprintf_s(b, n, r->wfmt, (int)r->i);
  case A_UINT:
    return swprintf_s(b, n, r->wfmt, (unsigned)r->i);
  case A_I64:
    return swprintf_s(b, n, r->wfmt, r->i);
  case A_CHAR:
    return swprintf_s(b, n, r->wfmt, (int)r->i);
  case A_DBL:
    return swprintf_s(b, n, r->wfmt, 1.5);
  default:
    return swprintf_s(b, n, r->wfmt, r->p);
  }
}

static int nprint(char *b, size_t n, const f_row_t *r) {
  switch (r->kind) {
  case A_INT:
    return sprintf_s(b, n, r->nfmt, (int)r->i);
  case A_UINT:
    return sprintf_s(b, n, r->nfmt, (unsigned)r->i);
  case A_I64:
    return sprintf_s(b, n, r->nfmt, r->i);
  case A_CHAR:
    return sprintf_s(b, n, r->nfmt, (int)r->i);
  case A_DBL:
    return sprintf_s(b, n, r->nfmt, 1.5);
  default:
    return sprintf_s(b, n, r->nfmt, r->p);
  }
}

static void test_formats(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof f_rows / sizeof f_rows[0]; i++) {
    const f_row_t *r = &f_rows[i];
    WCHAR wb[64];
    char nb[64];
    int n = wprint(wb, 64, r);
    if (n != (int)strlen(r->out) || !weq(wb, r->out))
      fail_msg("row %zu: wide output wrong (n=%d)", i, n);
    if (!r->nfmt)
      continue;
    n = nprint(nb, 64, r);
    if (n != (int)strlen(r->out) || strcmp(nb, r->out))
      fail_msg("row %zu: narrow \"%s\" want \"%s\"", i, nb, r->out);
  }
}

static void test_format_limits(void **state) {
  WCHAR w[8];
  char c[8];
  setup(state);
  /* swprintf_s: overflow empties the buffer and is an invalid parameter. */
  wmemset(w, L'x', 8);
  assert_int_equal(swprintf_s(w, 4, L"%s", L"abcd"), -1);
  assert_int_equal(w[0], 0);
  assert_int_equal(g_invalid, 1);
  assert_int_equal(swprintf_s(w, 5, L"%s", L"abcd"), 4);
  /* _snwprintf: exact fit has no terminator; longer is -1 and cut. */
  wmemset(w, L'x', 8);
  assert_int_equal(_snwprintf(w, 4, L"%d", 1234), 4);
  assert_int_equal(w[4], L'x');
  assert_int_equal(_snwprintf(w, 3, L"%d", 98765), -1);
  assert_int_equal(w[2], L'7');
  assert_int_equal(w[3], L'4'); /* untouched from before */
  assert_int_equal(_snwprintf(w, 8, L"%d", 12), 2);
  assert_true(weq(w, "12"));
  /* _snwprintf_s: _TRUNCATE cuts and terminates; count < size cuts. */
  assert_int_equal(_snwprintf_s(w, 4, _TRUNCATE, L"%s", L"abcdef"), -1);
  assert_true(weq(w, "abc"));
  assert_int_equal(_snwprintf_s(w, 8, 2, L"%s", L"abcdef"), -1);
  assert_true(weq(w, "ab"));
  assert_int_equal(g_invalid, 1);
  assert_int_equal(_snwprintf_s(w, 4, 6, L"%s", L"abcdef"), -1);
  assert_int_equal(w[0], 0);
  assert_int_equal(g_invalid, 2);
  /* ISO three-argument swprintf: cut, terminated, -1. */
  assert_int_equal(swprintf(w, 4, L"%d", 123456), -1);
  assert_true(weq(w, "123"));
  assert_int_equal(swprintf(w, 8, L"%d", 42), 2);
  /* MSVC two-argument swprintf. */
  assert_int_equal(swprintf(w, L"%s-%d", L"k", 3), 3);
  assert_true(weq(w, "k-3"));
  assert_int_equal(swprintf(w, L"plain"), 5);
  /* Width and precision from arguments; a negative width left-justifies. */
  assert_int_equal(swprintf_s(w, 8, L"%*d|", 3, 7), 4);
  assert_true(weq(w, "  7|"));
  assert_int_equal(sprintf_s(c, 8, "%-*d|%.*s", 2, 5, 1, "xyz"), 4);
  assert_string_equal(c, "5 |x");
  /* Narrow: C99 snprintf returns the full length; _snprintf is MSVC's. */
  assert_int_equal(snprintf(c, 4, "%s", "abcdef"), 6);
  assert_string_equal(c, "abc");
  assert_int_equal(_snprintf(c, 2, "%s", "abc"), -1);
  assert_int_equal(sprintf(c, "%S", L"wid"), 3);
  assert_string_equal(c, "wid");
  assert_int_equal(sprintf_s(c, 3, "%d", 100), -1);
  assert_string_equal(c, "");
}

static void test_codepages(void **state) {
  WCHAR w[8];
  char c[8];
  BOOL used = 7;
  (void)state;
  /* UTF-8 with a 2-byte, 3-byte and 4-byte (surrogate pair) character. */
  static const char utf8[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
  assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0), 6);
  assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, utf8, -1, w, 8), 6);
  assert_int_equal(w[0], 'a');
  assert_int_equal(w[1], 0xE9);
  assert_int_equal(w[2], 0x20AC);
  assert_int_equal(w[3], 0xD83D);
  assert_int_equal(w[4], 0xDE00);
  assert_int_equal(w[5], 0);
  assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL), 11);
  char back[16];
  assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, w, -1, back, 16, NULL, NULL), 11);
  assert_string_equal(back, utf8);
  /* Too small: 0 and ERROR_INSUFFICIENT_BUFFER. */
  SetLastError(0);
  assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, utf8, -1, w, 3), 0);
  assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
  /* Invalid UTF-8: U+FFFD, or failure with MB_ERR_INVALID_CHARS. */
  assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, "\xC3(", 2, w, 8), 2);
  assert_int_equal(w[0], 0xFFFD);
  assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, "\xC0\x80", 2, w, 8), 2); /* overlong */
  assert_int_equal(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "\xC3", 1, w, 8), 0);
  assert_int_equal(GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
  /* Parameter errors. */
  assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, NULL, -1, w, 8), 0);
  assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
  assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, "a", 0, w, 8), 0);
  assert_int_equal(MultiByteToWideChar(1252, 0, "a", 1, w, 8), 0);
  assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, L"a", 1, c, 8, NULL, &used), 0);
  /* CP_ACP: Latin-1 in, '?' (or the given default) out for the rest. */
  assert_int_equal(MultiByteToWideChar(CP_ACP, 0, "\xE9", 1, w, 8), 1);
  assert_int_equal(w[0], 0xE9);
  assert_int_equal(WideCharToMultiByte(CP_ACP, 0, L"a\x20AC", 2, c, 8, NULL, &used), 2);
  assert_memory_equal(c, "a?", 2);
  assert_true(used);
  assert_int_equal(WideCharToMultiByte(CP_ACP, 0, L"\x20AC", 1, c, 8, "#", NULL), 1);
  assert_int_equal(c[0], '#');
  /* Lone surrogate to UTF-8. */
  assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, L"\xD800", 1, c, 8, NULL, NULL), 3);
  assert_memory_equal(c, "\xEF\xBF\xBD", 3);
  assert_int_equal(
      WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, L"\xD800", 1, c, 8, NULL, NULL), 0);
}

static void test_misc(void **state) {
  (void)state;
  unsigned char b[4] = {1, 2, 3, 4};
  WCHAR *d;
  SecureZeroMemory(b, 2);
  assert_memory_equal(b, "\0\0\3\4", 4);
  FillMemory(b, 4, 0xAB);
  assert_int_equal(b[3], 0xAB);
  ZeroMemory(b, sizeof b);
  assert_int_equal(b[0], 0);
  assert_int_equal(_countof(b), 4);
  d = _wcsdup(L"Dup");
  assert_true(weq(_wcslwr(d), "dup"));
  free(d);
  SetLastError(1306);
  assert_int_equal(GetLastError(), ERROR_REVISION_MISMATCH);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_basic),     cmocka_unit_test_setup(test_s_functions, setup),
      cmocka_unit_test(test_formats),   cmocka_unit_test_setup(test_format_limits, setup),
      cmocka_unit_test(test_codepages), cmocka_unit_test(test_misc),
  };
  return cmocka_run_group_tests_name("compat-wide", tests, NULL, NULL);
}
