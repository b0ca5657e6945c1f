/* The printf engine behind swprintf*, _snwprintf*, sprintf*, _snprintf*:
 * one formatter for narrow and wide formats and outputs, with Microsoft
 * conventions (see compat/include/mdf_wide.h for the supported set). */
#include "compat_int.h"

#include <stdint.h>

/* Output: the first cap units land in buf, len counts everything produced. */
typedef struct sink {
  void *buf;
  int wide;
  size_t cap;
  size_t len;
} sink_t;

static void emit(sink_t *s, unsigned c) {
  if (s->len < s->cap) {
    if (s->wide)
      ((WCHAR *)s->buf)[s->len] = (WCHAR)c;
    else
      ((char *)s->buf)[s->len] = (char)(c > 0xFF ? '?' : c);
  }
  s->len++;
}

static void emit_n(sink_t *s, unsigned c, int n) {
  while (n-- > 0)
    emit(s, c);
}

typedef struct spec {
  int left, zero, plus, space, alt;
  int width, prec; /* prec < 0: none */
  int size;        /* one of the SZ_* below */
} spec_t;

enum { SZ_DEFAULT, SZ_HH, SZ_H, SZ_L32, SZ_64, SZ_PTR, SZ_LDBL };

/* A string argument, narrow or wide, with precision as a maximum length. */
static void put_str(sink_t *s, const spec_t *sp, const void *str, int wide_arg) {
  static const char null_text[] = "(null)";
  size_t n = 0, max = sp->prec < 0 ? (size_t)-1 : (size_t)sp->prec;
  if (!str) {
    str = null_text;
    wide_arg = 0;
  }
  while (n < max && (wide_arg ? ((const WCHAR *)str)[n] : ((const char *)str)[n]))
    n++;
  if (!sp->left)
    emit_n(s, ' ', sp->width - (int)n);
  for (size_t i = 0; i < n; i++)
    emit(s, wide_arg ? ((const WCHAR *)str)[i] : (unsigned char)((const char *)str)[i]);
  if (sp->left)
    emit_n(s, ' ', sp->width - (int)n);
}

static void put_int(sink_t *s, const spec_t *sp, uint64_t mag, int neg, unsigned base, int upper) {
  char digits[24], prefix[3] = {0};
  int nd = 0, np = 0, zeros, pad;
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  while (mag) {
    digits[nd++] = set[mag % base];
    mag /= base;
  }
  if (neg)
    prefix[np++] = '-';
  else if (sp->plus)
    prefix[np++] = '+';
  else if (sp->space)
    prefix[np++] = ' ';
  if (sp->alt && base == 16 && nd) {
    prefix[np++] = '0';
    prefix[np++] = upper ? 'X' : 'x';
  }
  if (sp->alt && base == 8 && (sp->prec <= nd))
    digits[nd++] = '0';
  zeros = sp->prec < 0 ? (nd ? 0 : 1) : (sp->prec > nd ? sp->prec - nd : 0);
  pad = sp->width - np - nd - zeros;
  if (sp->zero && !sp->left && sp->prec < 0 && pad > 0) {
    zeros += pad;
    pad = 0;
  }
  if (!sp->left)
    emit_n(s, ' ', pad);
  for (int i = 0; i < np; i++)
    emit(s, (unsigned char)prefix[i]);
  emit_n(s, '0', zeros);
  while (nd)
    emit(s, (unsigned char)digits[--nd]);
  if (sp->left)
    emit_n(s, ' ', pad);
}

static int64_t get_signed(const spec_t *sp, va_list *ap) {
  switch (sp->size) {
  case SZ_HH:
    return (signed char)va_arg(*ap, int);
  case SZ_H:
    return (short)va_arg(*ap, int);
  case SZ_64:
    return va_arg(*ap, long long);
  case SZ_PTR:
    return (intptr_t)va_arg(*ap, intptr_t);
  default:
    return va_arg(*ap, int); /* SZ_L32: Windows long is 32-bit */
  }
}

static uint64_t get_unsigned(const spec_t *sp, va_list *ap) {
  switch (sp->size) {
  case SZ_HH:
    return (unsigned char)va_arg(*ap, unsigned);
  case SZ_H:
    return (unsigned short)va_arg(*ap, unsigned);
  case SZ_64:
    return va_arg(*ap, unsigned long long);
  case SZ_PTR:
    return (uintptr_t)va_arg(*ap, uintptr_t);
  default:
    return va_arg(*ap, unsigned);
  }
}

/* Floating point goes through libc with an equivalent narrow spec. */
static void put_float(sink_t *s, const spec_t *sp, unsigned conv, va_list *ap) {
  char f[32], out[512];
  int n = 0, len;
  f[n++] = '%';
  if (sp->left)
    f[n++] = '-';
  if (sp->zero)
    f[n++] = '0';
  if (sp->plus)
    f[n++] = '+';
  if (sp->space)
    f[n++] = ' ';
  if (sp->alt)
    f[n++] = '#';
  n += sprintf(f + n, "*.*");
  if (sp->size == SZ_LDBL)
    f[n++] = 'L';
  f[n++] = (char)conv;
  f[n] = 0;
  if (sp->size == SZ_LDBL)
    len = snprintf(out, sizeof out, f, sp->width, sp->prec, va_arg(*ap, long double));
  else
    len = snprintf(out, sizeof out, f, sp->width, sp->prec, va_arg(*ap, double));
  for (int i = 0; i < len && i < (int)sizeof out - 1; i++)
    emit(s, (unsigned char)out[i]);
}

static unsigned at(const void *f, int wide, size_t i) {
  return wide ? ((const WCHAR *)f)[i] : (unsigned char)((const char *)f)[i];
}

static int number(const void *f, int wide, size_t *i) {
  int v = 0;
  while (at(f, wide, *i) >= '0' && at(f, wide, *i) <= '9') {
    if (v < 100000000)
      v = v * 10 + (int)(at(f, wide, *i) - '0');
    (*i)++;
  }
  return v;
}

/* Format into s; returns the full length (excluding any NUL). */
static size_t format(sink_t *s, const void *f, int wide, va_list *ap) {
  size_t i = 0;
  unsigned c;
  while ((c = at(f, wide, i++)) != 0) {
    spec_t sp = {0, 0, 0, 0, 0, 0, -1, SZ_DEFAULT};
    int wide_arg;
    if (c != '%') {
      emit(s, c);
      continue;
    }
    for (;; i++) {
      c = at(f, wide, i);
      if (c == '-')
        sp.left = 1;
      else if (c == '0')
        sp.zero = 1;
      else if (c == '+')
        sp.plus = 1;
      else if (c == ' ')
        sp.space = 1;
      else if (c == '#')
        sp.alt = 1;
      else
        break;
    }
    if (at(f, wide, i) == '*') {
      i++;
      sp.width = va_arg(*ap, int);
      if (sp.width < 0) {
        sp.left = 1;
        sp.width = sp.width == INT32_MIN ? 0 : -sp.width;
      }
    } else {
      sp.width = number(f, wide, &i);
    }
    if (at(f, wide, i) == '.') {
      i++;
      if (at(f, wide, i) == '*') {
        i++;
        sp.prec = va_arg(*ap, int);
        if (sp.prec < 0)
          sp.prec = -1;
      } else {
        sp.prec = number(f, wide, &i);
      }
    }
    wide_arg = -1; /* -1: decided by the conversion letter */
    c = at(f, wide, i);
    if (c == 'h') {
      i++;
      sp.size = SZ_H;
      wide_arg = 0;
      if (at(f, wide, i) == 'h') {
        i++;
        sp.size = SZ_HH;
      }
    } else if (c == 'l' || c == 'w') {
      i++;
      sp.size = SZ_L32;
      wide_arg = 1;
      if (c == 'l' && at(f, wide, i) == 'l') {
        i++;
        sp.size = SZ_64;
      }
    } else if (c == 'L') {
      i++;
      sp.size = SZ_LDBL;
    } else if (c == 'I') {
      i++;
      sp.size = SZ_PTR;
      if (at(f, wide, i) == '6' && at(f, wide, i + 1) == '4') {
        i += 2;
        sp.size = SZ_64;
      } else if (at(f, wide, i) == '3' && at(f, wide, i + 1) == '2') {
        i += 2;
        sp.size = SZ_L32;
      }
    } else if (c == 'z' || c == 't' || c == 'j') {
      i++;
      sp.size = c == 'j' ? SZ_64 : SZ_PTR;
    }
    c = at(f, wide, i);
    if (!c)
      break;
    i++;
    switch (c) {
    case 'd':
    case 'i': {
      int64_t v = get_signed(&sp, ap);
      put_int(s, &sp, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, v < 0, 10, 0);
      break;
    }
    case 'u':
      put_int(s, &sp, get_unsigned(&sp, ap), 0, 10, 0);
      break;
    case 'o':
      put_int(s, &sp, get_unsigned(&sp, ap), 0, 8, 0);
      break;
    case 'x':
      put_int(s, &sp, get_unsigned(&sp, ap), 0, 16, 0);
      break;
    case 'X':
      put_int(s, &sp, get_unsigned(&sp, ap), 0, 16, 1);
      break;
    case 'p': {
      spec_t pp = sp;
      pp.prec = (int)(2 * sizeof(void *));
      put_int(s, &pp, (uintptr_t)va_arg(*ap, void *), 0, 16, 1);
      break;
    }
    case 'c':
    case 'C': {
      unsigned ch = (unsigned)va_arg(*ap, int);
      if (wide_arg < 0)
        wide_arg = (c == 'c') == (s->wide != 0);
      ch = wide_arg ? (ch & 0xFFFF) : (ch & 0xFF);
      if (!sp.left)
        emit_n(s, ' ', sp.width - 1);
      emit(s, ch);
      if (sp.left)
        emit_n(s, ' ', sp.width - 1);
      break;
    }
    case 's':
    case 'S':
    case 'Z': {
      const void *str = va_arg(*ap, const void *);
      if (wide_arg < 0)
        wide_arg = (c == 's') == (s->wide != 0);
      put_str(s, &sp, str, wide_arg);
      break;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      put_float(s, &sp, c, ap);
      break;
    case 'n':
      (void)va_arg(*ap, void *);
      break; /* unsupported: never writes */
    case '%':
      emit(s, '%');
      break;
    default:
      emit(s, '%');
      emit(s, c);
      break;
    }
  }
  return s->len;
}

static void terminate(void *buf, int wide, size_t at_index) {
  if (wide)
    ((WCHAR *)buf)[at_index] = 0;
  else
    ((char *)buf)[at_index] = 0;
}

static size_t run(void *buf, int wide, size_t cap, const void *fmt, va_list ap) {
  sink_t s = {buf, wide, cap, 0};
  va_list cp;
  va_copy(cp, ap);
  format(&s, fmt, wide, &cp);
  va_end(cp);
  return s.len;
}

static int clamp(size_t n) {
  return n > INT32_MAX ? INT32_MAX : (int)n;
}

/* ---- the five output rules, for both widths ------------------------------ */

/* ISO C (w: swprintf -> -1 when cut; narrow: snprintf -> full length). */
static int do_iso(void *buf, int wide, size_t count, const void *fmt, va_list ap) {
  size_t len;
  if (!fmt || (!buf && count))
    return -1;
  len = run(buf, wide, count ? count - 1 : 0, fmt, ap);
  if (count)
    terminate(buf, wide, len < count ? len : count - 1);
  if (wide && len >= count)
    return -1;
  return clamp(len);
}

/* Legacy unbounded (two-argument swprintf, sprintf). */
static int do_legacy(void *buf, int wide, const void *fmt, va_list ap) {
  size_t len;
  if (!buf || !fmt)
    return -1;
  len = run(buf, wide, (size_t)-1, fmt, ap);
  terminate(buf, wide, len);
  return clamp(len);
}

/* swprintf_s / sprintf_s. */
static int do_s(void *buf, int wide, size_t count, const void *fmt, va_list ap, const char *fn) {
  size_t len;
  if (!buf || !count || !fmt) {
    mdf__compat_invalid_parameter(fn, "NULL or empty buffer or format");
    return -1;
  }
  len = run(buf, wide, count - 1, fmt, ap);
  if (len >= count) {
    terminate(buf, wide, 0);
    mdf__compat_invalid_parameter(fn, "buffer too small");
    return -1;
  }
  terminate(buf, wide, len);
  return clamp(len);
}

/* _snwprintf / _snprintf: NUL only if it fits, -1 if cut. */
static int do_sn(void *buf, int wide, size_t count, const void *fmt, va_list ap) {
  size_t len;
  if (!fmt || (!buf && count))
    return -1;
  len = run(buf, wide, count, fmt, ap);
  if (len < count)
    terminate(buf, wide, len);
  return len > count ? -1 : clamp(len);
}

/* _snwprintf_s / _snprintf_s. */
static int do_sn_s(void *buf, int wide, size_t size, size_t count, const void *fmt, va_list ap,
                   const char *fn) {
  size_t cap, len;
  if (!buf || !size || !fmt) {
    mdf__compat_invalid_parameter(fn, "NULL or empty buffer or format");
    return -1;
  }
  cap = (count != _TRUNCATE && count < size) ? count : size - 1;
  len = run(buf, wide, cap, fmt, ap);
  if (len <= cap) {
    terminate(buf, wide, len);
    return clamp(len);
  }
  if (count == _TRUNCATE || count < size) {
    terminate(buf, wide, cap);
    return -1;
  }
  terminate(buf, wide, 0);
  mdf__compat_invalid_parameter(fn, "buffer too small");
  return -1;
}

/* ---- public entry points --------------------------------------------------- */
#define MDF__VARIADIC(call)                                                                        \
  int r;                                                                                           \
  va_list ap;                                                                                      \
  va_start(ap, fmt);                                                                               \
  r = call;                                                                                        \
  va_end(ap);                                                                                      \
  return r

int mdf_compat_vswprintf(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap) {
  return do_iso(buf, 1, count, fmt, ap);
}
int mdf_compat_swprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...) {
  MDF__VARIADIC(do_iso(buf, 1, count, fmt, ap));
}
int mdf_compat_vswprintf_legacy(WCHAR *buf, const WCHAR *fmt, va_list ap) {
  return do_legacy(buf, 1, fmt, ap);
}
int mdf_compat_swprintf_legacy(WCHAR *buf, const WCHAR *fmt, ...) {
  MDF__VARIADIC(do_legacy(buf, 1, fmt, ap));
}
int mdf_compat_vswprintf_s(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap) {
  return do_s(buf, 1, count, fmt, ap, "swprintf_s");
}
int mdf_compat_swprintf_s(WCHAR *buf, size_t count, const WCHAR *fmt, ...) {
  MDF__VARIADIC(do_s(buf, 1, count, fmt, ap, "swprintf_s"));
}
int mdf_compat_vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap) {
  return do_sn(buf, 1, count, fmt, ap);
}
int mdf_compat_snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...) {
  MDF__VARIADIC(do_sn(buf, 1, count, fmt, ap));
}
int mdf_compat_vsnwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, va_list ap) {
  return do_sn_s(buf, 1, size, count, fmt, ap, "_snwprintf_s");
}
int mdf_compat_snwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, ...) {
  MDF__VARIADIC(do_sn_s(buf, 1, size, count, fmt, ap, "_snwprintf_s"));
}

int mdf_compat_vsprintf(char *buf, const char *fmt, va_list ap) {
  return do_legacy(buf, 0, fmt, ap);
}
int mdf_compat_sprintf(char *buf, const char *fmt, ...) {
  MDF__VARIADIC(do_legacy(buf, 0, fmt, ap));
}
int mdf_compat_vsnprintf(char *buf, size_t count, const char *fmt, va_list ap) {
  return do_iso(buf, 0, count, fmt, ap);
}
int mdf_compat_snprintf(char *buf, size_t count, const char *fmt, ...) {
  MDF__VARIADIC(do_iso(buf, 0, count, fmt, ap));
}
int mdf_compat_vsprintf_s(char *buf, size_t count, const char *fmt, va_list ap) {
  return do_s(buf, 0, count, fmt, ap, "sprintf_s");
}
int mdf_compat_sprintf_s(char *buf, size_t count, const char *fmt, ...) {
  MDF__VARIADIC(do_s(buf, 0, count, fmt, ap, "sprintf_s"));
}
int mdf_compat_vsnprintf_ms(char *buf, size_t count, const char *fmt, va_list ap) {
  return do_sn(buf, 0, count, fmt, ap);
}
int mdf_compat_snprintf_ms(char *buf, size_t count, const char *fmt, ...) {
  MDF__VARIADIC(do_sn(buf, 0, count, fmt, ap));
}
int mdf_compat_vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, va_list ap) {
  return do_sn_s(buf, 0, size, count, fmt, ap, "_snprintf_s");
}
int mdf_compat_snprintf_s(char *buf, size_t size, size_t count, const char *fmt, ...) {
  MDF__VARIADIC(do_sn_s(buf, 0, size, count, fmt, ap, "_snprintf_s"));
}
