/* Helpers shared by the reader tests: hex APDUs in, status word out. */
#ifndef MDFUZZ_TEST_READER_UTIL_H
#define MDFUZZ_TEST_READER_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mdfuzz/reader/card.h"

/* Hex (blanks allowed) to bytes; returns the byte count. */
static inline size_t tr_unhex(const char *hex, uint8_t *out, size_t cap) {
  size_t n = 0;
  int hi = -1;
  for (; *hex; hex++) {
    int v;
    if (*hex >= '0' && *hex <= '9')
      v = *hex - '0';
    else if (*hex >= 'a' && *hex <= 'f')
      v = *hex - 'a' + 10;
    else if (*hex >= 'A' && *hex <= 'F')
      v = *hex - 'A' + 10;
    else
      continue;
    if (hi < 0) {
      hi = v;
    } else {
      assert_true(n < cap);
      out[n++] = (uint8_t)(hi << 4 | v);
      hi = -1;
    }
  }
  assert_int_equal(hi, -1);
  return n;
}

typedef struct tr_resp {
  uint8_t data[MDF_RAPDU_MAX];
  size_t len; /* data bytes, SW excluded */
  unsigned sw;
} tr_resp_t;

/* Send raw bytes to a card source; the answer goes to *r. */
static inline unsigned tr_send(const mdf_card_t *c, const uint8_t *apdu, size_t n, tr_resp_t *r) {
  size_t len = sizeof(r->data);
  assert_int_equal(c->ops->transmit(c->ctx, apdu, n, r->data, &len), MDF_OK);
  assert_true(len >= 2);
  r->len = len - 2;
  r->sw = (unsigned)(r->data[len - 2] << 8 | r->data[len - 1]);
  return r->sw;
}

/* printf-style hex APDU. */
static inline unsigned tr_apdu(const mdf_card_t *c, tr_resp_t *r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline unsigned tr_apdu(const mdf_card_t *c, tr_resp_t *r, const char *fmt, ...) {
  char hex[8192];
  uint8_t apdu[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(hex, sizeof(hex), fmt, ap);
  va_end(ap);
  return tr_send(c, apdu, tr_unhex(hex, apdu, sizeof(apdu)), r);
}

#endif
