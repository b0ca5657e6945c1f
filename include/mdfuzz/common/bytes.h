/* Explicit little/big-endian helpers and a bounds-checked read cursor.
 * Length fields are always read through these, never through casts. */
#ifndef MDFUZZ_BYTES_H
#define MDFUZZ_BYTES_H

#include <stddef.h>
#include <stdint.h>

static inline uint16_t mdf_le16(const uint8_t *p) {
  return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t mdf_le32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint16_t mdf_be16(const uint8_t *p) {
  return (uint16_t)((p[0] << 8) | p[1]);
}
static inline void mdf_put_le16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static inline void mdf_put_le32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}
static inline void mdf_put_be16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

/* A borrowed view of bytes with a read position.  Reads past the end give
 * zeros and never fail: every byte string decodes into something. */
typedef struct mdf_cursor {
  const uint8_t *p;
  size_t len;
  size_t pos;
} mdf_cursor_t;

static inline mdf_cursor_t mdf_cursor(const uint8_t *p, size_t len) {
  mdf_cursor_t c = {p, len, 0};
  return c;
}
static inline size_t mdf_cursor_left(const mdf_cursor_t *c) {
  return c->len - c->pos;
}
static inline uint8_t mdf_cursor_u8(mdf_cursor_t *c) {
  return c->pos < c->len ? c->p[c->pos++] : 0;
}
static inline uint16_t mdf_cursor_u16(mdf_cursor_t *c) {
  uint16_t lo = mdf_cursor_u8(c);
  return (uint16_t)(lo | (mdf_cursor_u8(c) << 8));
}
static inline uint32_t mdf_cursor_u32(mdf_cursor_t *c) {
  uint32_t lo = mdf_cursor_u16(c);
  return lo | ((uint32_t)mdf_cursor_u16(c) << 16);
}
/* Take up to n bytes (fewer at the end of input); returns a pointer into the view. */
static inline const uint8_t *mdf_cursor_take(mdf_cursor_t *c, size_t n, size_t *got) {
  const uint8_t *p = c->p + c->pos;
  size_t left = mdf_cursor_left(c);
  *got = n < left ? n : left;
  c->pos += *got;
  return p;
}

#endif
