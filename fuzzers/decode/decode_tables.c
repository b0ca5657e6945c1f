/* The decoder's value tables, domain defaults, edge values and arena
 * (shared by decode.c, decode_enc.c and the text form). */
#include <string.h>

#include "decode_int.h"

/* ---- tables ------------------------------------------------------------------ */

const DWORD mdf__rare_versions[16] = {
    0,           1,           2,           3,     8,     0xFFFFFFFFu, 9,       0x10,
    0x80000000u, 0x7FFFFFFFu, 0xFFFFFFFEu, 0x100, 0x104, 0x700,       0x10007, 0x40000};
const DWORD mdf__acq_rare[15] = {1,           2,       4,           8,           0x10,
                                 0x100,       0x10000, 0x80000000u, 0xFFFFFFFFu, 0x20000000u,
                                 0x40000000u, 3,       0x7FFFFFFFu, 0xFFFFFFFEu, 0x01000000u};
const DWORD mdf__rare_flags[16] = {
    1,           2,           4,           8, 0x10,        0x100,       0x10000,     0x80000000u,
    0xFFFFFFFFu, 0x20000000u, 0x40000000u, 3, 0x7FFFFFFFu, 0xFFFFFFFEu, 0x01000000u, 0x80};
const DWORD mdf__dword_edge[16] = {
    0,           1,           2,           3,           0xFF, 0x100, 0xFFFF, 0x10000,
    0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFEu, 0xFFFFFFFFu, 4,    8,     16,     1024};
const DWORD mdf__handle_edge[16] = {
    0,      1,       0xFFFFFFFFu, 0xDEADBEEFu, 0x80000000u, 2,           0x7FFFFFFFu, 0x1000,
    0xFFFF, 0x10000, 3,           4,           0x41414141u, 0xFFFFFFFEu, 0x100,       8};
const DWORD mdf__version_edge[16] = {
    0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x100, 0x10000, 0xFFFF, 2, 3, 7, 8, 6, 0xFF, 1, 4, 5, 9};
/* Name edges: NULL, empty, 8 and 9 characters, each forbidden character,
 * a control character, non-ANSI bytes. */
const char *const mdf__name_edge[16] = {NULL,
                                        "",
                                        "abcdefgh",
                                        "abcdefghi",
                                        "a\\b",
                                        "a/b",
                                        "a:b",
                                        "a*b",
                                        "a?b",
                                        "a\"b",
                                        "a<b",
                                        "a>b",
                                        "a|b",
                                        "a\x01"
                                        "b",
                                        "a\x1f"
                                        "b",
                                        "\xe9t\xe9"};
const size_t mdf__name_edge_len[16] = {0, 0, 8, 9, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};

const uint8_t mdf__zeros[MDF_BUF_MAX];

/* ---- domain defaults ------------------------------------------------------------ */

void mdf__names(const mdf_arg_spec_t *s, const char *const **list, size_t *n) {
  const mdf_domain_t *d = s->dom;

  if (d == NULL || d->nstrings == 0)
    d = s->kind == MDF_ARG_DIR_NAME ? &mdf_dom_dir : &mdf_dom_file;
  *list = d->strings;
  *n = d->nstrings;
}

const char *mdf__dir_honest(const mdf_arg_spec_t *s, bool *is_null) {
  /* the shared list names existing directories, but the honest place of
   * most files (cardid, cardcf, cardapps) is the root */
  *is_null = s->dom == NULL || s->dom == &mdf_dom_dir || s->dom->nstrings == 0 ||
             s->dom->strings[0] == NULL;
  return *is_null ? NULL : s->dom->strings[0];
}

void mdf__wstrs(const mdf_arg_spec_t *s, const char *const **list, size_t *n) {
  static const char *const none[1] = {""};

  if (s->dom == NULL || s->dom->nstrings == 0) {
    *list = none;
    *n = 1;
  } else {
    *list = s->dom->strings;
    *n = s->dom->nstrings;
  }
}

const uint8_t *mdf__honest_bytes(const mdf_arg_spec_t *s, uint32_t *len) {
  if (s->dom != NULL && s->dom->honest != NULL) {
    *len = s->dom->honest_len;
    return s->dom->honest;
  }
  *len = s->dom != NULL && s->dom->typical <= MDF_BUF_MAX ? s->dom->typical : 0;
  return mdf__zeros;
}

uint32_t mdf__out_buf_typical(const mdf_arg_spec_t *s) {
  uint32_t t = s->dom != NULL && s->dom->typical ? s->dom->typical : 256;

  return t > MDF__CAP_MAX ? MDF__CAP_MAX : t;
}

uint32_t mdf__array_typical(const mdf_arg_spec_t *s) {
  uint32_t t = s->dom != NULL && s->dom->typical ? s->dom->typical : 1;

  return t > MDF_ARRAY_MAX ? MDF_ARRAY_MAX : t;
}

uint32_t mdf__len_edge(uint32_t n, unsigned k) {
  static const uint32_t fixed[8] = {0, 0, 1, 0, 0, 0x7FFFFFFFu, 0xFFFFFFFFu, 0x10000};

  switch (k & 7) {
  case 0:
    return n;
  case 3:
    return n - 1u; /* wraps for 0: huge */
  case 4:
    return n + 1u;
  default:
    return fixed[k & 7];
  }
}

uint32_t mdf__cap_edge(uint32_t typ, unsigned k) {
  static const uint32_t fixed[8] = {0, 0, 1, 0, 0, 4, 4096, MDF__CAP_MAX};

  switch (k & 7) {
  case 0:
    return typ;
  case 3:
    return typ ? typ - 1u : 0;
  case 4:
    return typ < MDF__CAP_MAX ? typ + 1u : typ;
  default:
    return fixed[k & 7];
  }
}

size_t mdf__wstr_edge(const mdf_arg_spec_t *s, unsigned k, bool *null, uint16_t *w, size_t cap) {
  const char *const *list;
  const char *k0;
  size_t n, i, len = 0;

  mdf__wstrs(s, &list, &n);
  k0 = list[0] ? list[0] : "";
  *null = false;
  switch (k & 15) {
  case 0:
    *null = true;
    return 0;
  case 1:
    return 0; /* empty */
  case 2:
    w[len++] = ' ';
    return len; /* blank */
  case 3:       /* known + 'x' */
  case 4:       /* known minus its last character */
  case 5:       /* known upper-cased */
  case 6:       /* known with a leading space */
    if (k == 6)
      w[len++] = ' ';
    for (i = 0; k0[i] != '\0' && len < cap; i++) {
      char ch = k0[i];

      if (k == 5 && ch >= 'a' && ch <= 'z')
        ch = (char)(ch - 'a' + 'A');
      w[len++] = (uint8_t)ch;
    }
    if (k == 3 && len < cap)
      w[len++] = 'x';
    if (k == 4 && len > 0)
      len--;
    return len;
  case 7:
    w[0] = 0x00E9;
    return 1; /* non-ANSI */
  case 8:
    w[0] = 0xD800;
    return 1; /* lone surrogate */
  case 9:
    w[0] = 0xFFFF;
    return 1;
  case 10:
    w[0] = 'a';
    w[1] = 0;
    w[2] = 'b';
    return 3; /* embedded NUL */
  default:    /* 11..15: long strings of 32 << (k - 11) ('A') up to 300 */
    len = (size_t)32 << (k - 11);
    if (len > MDF__WSTR_EDGE_MAX)
      len = MDF__WSTR_EDGE_MAX;
    if (len > cap)
      len = cap;
    for (i = 0; i < len; i++)
      w[i] = 'A';
    return len;
  }
}

/* ---- arena ------------------------------------------------------------------------ */

size_t mdf__arena_left(const mdf_case_t *c, size_t align) {
  size_t at = (c->arena_len + align - 1) & ~(align - 1);

  return at >= MDF_ARENA_SIZE ? 0 : MDF_ARENA_SIZE - at;
}

void *mdf__arena(mdf_case_t *c, size_t n, size_t align) {
  size_t at = (c->arena_len + align - 1) & ~(align - 1);

  if (at > MDF_ARENA_SIZE || n > MDF_ARENA_SIZE - at)
    return NULL;
  c->arena_len = (uint32_t)(at + n);
  return c->arena + at;
}
