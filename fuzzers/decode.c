/* The one fuzz input decoder, its encoder, and its printer.  The layout is
 * documented in include/mdfuzz/decode.h and corpus/README.md. */
#include "mdfuzz/decode.h"

#include <string.h>

#include "mdfuzz/bytes.h"
#include "mdfuzz/fuzzcard.h"

static const DWORD rare_versions[16] = {0, 1, 2, 3, 8, 0xFFFFFFFFu, 9, 0x10,
                                        0x80000000u, 0x7FFFFFFFu, 0xFFFFFFFEu, 0x100,
                                        0x104, 0x700, 0x10007, 0x40000};
static const DWORD rare_flags[16] = {1, 2, 4, 8, 0x10, 0x100, 0x10000, 0x80000000u,
                                     0xFFFFFFFFu, 0x20000000u, 0x40000000u, 3,
                                     0x7FFFFFFFu, 0xFFFFFFFEu, 0x01000000u, 0x80};
static const char *const known_dirs[4] = {"mscp", "mscerts", "", "toolongdir"};
/* NULL is a choice too: a NULL file name. */
static const char *const known_files[10] = {"cardid", "cardcf", "cardapps", "cmapfile", "kxc00",
                                            "ksc01", "msroots", "kxc01", NULL, ""};
#define NKNOWN_FILES (sizeof(known_files) / sizeof(known_files[0]))

static const char *const cdm_names[MDF_CDM_COUNT] = {
#define MDF__CDM_NAME(id, field) #field,
    MDF_CARD_DATA_MUTABLE(MDF__CDM_NAME)
#undef MDF__CDM_NAME
};

const char *mdf_cdm_name(int field) {
  return field >= 0 && field < MDF_CDM_COUNT ? cdm_names[field] : "?";
}

static void set_str(mdf_arg_t *a, const char *s) {
  memset(a->str, 0, sizeof(a->str));
  a->is_null = s == NULL;
  if (s != NULL) {
    a->str_len = (uint8_t)strlen(s);
    memcpy(a->str, s, a->str_len);
  } else {
    a->str_len = 0;
  }
}

static void literal(mdf_cursor_t *cur, mdf_arg_t *a) {
  size_t n = mdf_cursor_u8(cur) % (MDF_NAME_MAX + 1), got, i;
  const uint8_t *p = mdf_cursor_take(cur, n, &got);

  memset(a->str, 0, sizeof(a->str));
  a->is_null = false;
  for (i = 0; i < got; i++)
    a->str[i] = (char)p[i];
  a->str_len = (uint8_t)n; /* missing bytes are zeros, as the cursor reads them */
}

static void decode_arg(mdf_cursor_t *cur, uint8_t kind, mdf_arg_t *a) {
  uint8_t b = mdf_cursor_u8(cur);

  memset(a, 0, sizeof(*a));
  switch (kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    a->is_null = b >= 0xF8;
    break;
  case MDF_ARG_DIR_NAME:
    if (b < 0x80)
      set_str(a, NULL);
    else if (b < 0xC0)
      set_str(a, "mscp");
    else if (b < 0xE0)
      set_str(a, known_dirs[b % 4]);
    else
      literal(cur, a);
    break;
  case MDF_ARG_FILE_NAME:
    if (b < 0xC0)
      set_str(a, known_files[b % NKNOWN_FILES]);
    else
      literal(cur, a);
    break;
  case MDF_ARG_FLAGS:
    if (b < 0xE0)
      a->u32 = 0;
    else if (b < 0xF0)
      a->u32 = rare_flags[b & 15];
    else
      a->u32 = mdf_cursor_u32(cur);
    break;
  default:
    break;
  }
}

void mdf_case_init(mdf_case_t *c, const mdf_export_t *ex) {
  mdf_decode(ex, NULL, 0, c);
}

mdf_err_t mdf_decode(const mdf_export_t *ex, const uint8_t *data, size_t len, mdf_case_t *c) {
  mdf_cursor_t cur = mdf_cursor(data, data ? len : 0);
  uint8_t b;
  size_t i;

  if (c == NULL || ex == NULL)
    return MDF_EINVAL;
  memset(c, 0, sizeof(*c));
  c->ex = ex;
  b = mdf_cursor_u8(&cur);
  c->version = b < 0xC0 ? 7 : b < 0xF0 ? 4 + (DWORD)((b - 0xC0) % 3) : rare_versions[b & 15];
  b = mdf_cursor_u8(&cur);
  if (b == 0xFF)
    c->null_acquire = true;
  else if (b >= 0xF0)
    c->mutation[mdf_cursor_u8(&cur) % MDF_CDM_COUNT] = b < 0xF8 ? MDF_MUT_ZERO : MDF_MUT_GARBAGE;
  b = mdf_cursor_u8(&cur);
  c->acquire_flags = b < 0xF0 ? 0 : rare_flags[b & 15];
  b = mdf_cursor_u8(&cur);
  if (b >= 0xF0)
    c->realloc_fail_at = (uint32_t)(b & 15) + 1;
  else if (b >= 0xE0)
    c->alloc_fail_at = (uint32_t)(b & 15) + 1;
  b = mdf_cursor_u8(&cur);
  c->cache_mode = b < 0xF0 ? MDF_CACHE_NORMAL : MDF_CACHE_MISS;
  for (i = 0; i < ex->nargs && i < MDF_MAX_ARGS; i++)
    decode_arg(&cur, ex->schema[i], &c->args[i]);
  c->script = cur.p ? cur.p + cur.pos : NULL;
  c->script_len = mdf_cursor_left(&cur);
  return MDF_OK;
}

/* ---- encoder ------------------------------------------------------------- */

typedef struct writer {
  uint8_t *p;
  size_t cap, len;
  bool full;
} writer_t;

static void put(writer_t *w, uint8_t b) {
  if (w->len < w->cap)
    w->p[w->len++] = b;
  else
    w->full = true;
}

static int find_u32(const DWORD *t, size_t n, DWORD v) {
  size_t i;

  for (i = 0; i < n; i++)
    if (t[i] == v)
      return (int)i;
  return -1;
}

static int find_str(const char *const *t, size_t n, const mdf_arg_t *a) {
  size_t i;

  for (i = 0; i < n; i++) {
    if (t[i] == NULL ? a->is_null
                     : !a->is_null && a->str_len == strlen(t[i]) && strcmp(t[i], a->str) == 0)
      return (int)i;
  }
  return -1;
}

static void put_literal(writer_t *w, const mdf_arg_t *a) {
  size_t i;

  put(w, a->str_len);
  for (i = 0; i < a->str_len; i++)
    put(w, (uint8_t)a->str[i]);
}

static mdf_err_t encode_arg(writer_t *w, uint8_t kind, const mdf_arg_t *a) {
  int i;

  switch (kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    put(w, a->is_null ? 0xFF : 0x00);
    return MDF_OK;
  case MDF_ARG_DIR_NAME:
    if (a->is_null) {
      put(w, 0x00);
    } else if ((i = find_str(known_dirs, 4, a)) >= 0) {
      put(w, (uint8_t)(i == 0 ? 0x80 : 0xC0 + i));
    } else {
      if (a->str_len > MDF_NAME_MAX)
        return MDF_EINVAL;
      put(w, 0xE0);
      put_literal(w, a);
    }
    return MDF_OK;
  case MDF_ARG_FILE_NAME:
    if ((i = find_str(known_files, NKNOWN_FILES, a)) >= 0) {
      put(w, (uint8_t)i);
    } else {
      if (a->is_null || a->str_len > MDF_NAME_MAX)
        return MDF_EINVAL;
      put(w, 0xC0);
      put_literal(w, a);
    }
    return MDF_OK;
  case MDF_ARG_FLAGS:
    if (a->u32 == 0) {
      put(w, 0x00);
    } else if ((i = find_u32(rare_flags, 16, a->u32)) >= 0) {
      put(w, (uint8_t)(0xE0 + i));
    } else {
      put(w, 0xF0);
      put(w, (uint8_t)a->u32);
      put(w, (uint8_t)(a->u32 >> 8));
      put(w, (uint8_t)(a->u32 >> 16));
      put(w, (uint8_t)(a->u32 >> 24));
    }
    return MDF_OK;
  default:
    return MDF_EINVAL;
  }
}

mdf_err_t mdf_encode(const mdf_case_t *c, uint8_t *buf, size_t cap, size_t *len) {
  writer_t w = {buf, cap, 0, false};
  int i, mutated = -1;
  mdf_err_t err;

  if (len != NULL)
    *len = 0;
  if (c == NULL || c->ex == NULL || (buf == NULL && cap != 0) || len == NULL)
    return MDF_EINVAL;
  /* version */
  if (c->version == 7)
    put(&w, 0x00);
  else if (c->version >= 4 && c->version <= 6)
    put(&w, (uint8_t)(0xC0 + c->version - 4));
  else if ((i = find_u32(rare_versions, 16, c->version)) >= 0)
    put(&w, (uint8_t)(0xF0 + i));
  else
    return MDF_EINVAL;
  /* one mutation at most */
  for (i = 0; i < MDF_CDM_COUNT; i++) {
    if (c->mutation[i] == MDF_MUT_KEEP)
      continue;
    if (mutated >= 0 || c->null_acquire || c->mutation[i] > MDF_MUT_GARBAGE)
      return MDF_EINVAL;
    mutated = i;
  }
  if (c->null_acquire) {
    put(&w, 0xFF);
  } else if (mutated >= 0) {
    put(&w, c->mutation[mutated] == MDF_MUT_ZERO ? 0xF0 : 0xF8);
    put(&w, (uint8_t)mutated);
  } else {
    put(&w, 0x00);
  }
  if (c->acquire_flags == 0)
    put(&w, 0x00);
  else if ((i = find_u32(rare_flags, 16, c->acquire_flags)) >= 0)
    put(&w, (uint8_t)(0xF0 + i));
  else
    return MDF_EINVAL;
  if ((c->alloc_fail_at && c->realloc_fail_at) || c->alloc_fail_at > 16 || c->realloc_fail_at > 16)
    return MDF_EINVAL;
  put(&w, c->realloc_fail_at   ? (uint8_t)(0xF0 + c->realloc_fail_at - 1)
          : c->alloc_fail_at ? (uint8_t)(0xE0 + c->alloc_fail_at - 1)
                             : 0x00);
  put(&w, c->cache_mode == MDF_CACHE_MISS ? 0xF0 : 0x00);
  for (i = 0; i < c->ex->nargs && i < MDF_MAX_ARGS; i++) {
    err = encode_arg(&w, c->ex->schema[i], &c->args[i]);
    if (err != MDF_OK)
      return err;
  }
  for (size_t k = 0; k < c->script_len; k++)
    put(&w, c->script[k]);
  if (w.full)
    return MDF_ESPACE;
  *len = w.len;
  return MDF_OK;
}

/* ---- printer ------------------------------------------------------------- */

static void print_str(FILE *out, const mdf_arg_t *a) {
  size_t i;

  if (a->is_null) {
    fputs("NULL", out);
    return;
  }
  fputc('"', out);
  for (i = 0; i < a->str_len; i++) {
    unsigned char ch = (unsigned char)a->str[i];

    if (ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\')
      fputc(ch, out);
    else
      fprintf(out, "\\x%02X", ch);
  }
  fputc('"', out);
}

void mdf_decode_print(FILE *out, const mdf_case_t *c) {
  int i;
  bool any = false;

  if (out == NULL || c == NULL || c->ex == NULL)
    return;
  fprintf(out, "CARD_DATA: dwVersion=%u", (unsigned)c->version);
  for (i = 0; i < MDF_CDM_COUNT; i++) {
    if (c->mutation[i] != MDF_MUT_KEEP)
      fprintf(out, ", %s=%s", cdm_names[i], c->mutation[i] == MDF_MUT_ZERO ? "NULL/0" : "garbage");
  }
  fputc('\n', out);
  if (c->alloc_fail_at)
    fprintf(out, "fault: pfnCspAlloc call #%u returns NULL\n", (unsigned)c->alloc_fail_at), any = true;
  if (c->realloc_fail_at)
    fprintf(out, "fault: pfnCspReAlloc call #%u returns NULL\n", (unsigned)c->realloc_fail_at),
        any = true;
  if (!any)
    fputs("fault: none\n", out);
  fprintf(out, "cache: %s\n", c->cache_mode == MDF_CACHE_MISS ? "every lookup misses" : "normal");
  fprintf(out, "call: CardAcquireContext(%s, 0x%X)\n", c->null_acquire ? "NULL" : "pCardData",
          (unsigned)c->acquire_flags);
  fprintf(out, "call: %s(", c->ex->name);
  for (i = 0; i < c->ex->nargs && i < MDF_MAX_ARGS; i++) {
    const mdf_arg_t *a = &c->args[i];

    fprintf(out, "%s%s=", i ? ", " : "", c->ex->arg_names[i]);
    switch (c->ex->schema[i]) {
    case MDF_ARG_CARD_DATA:
    case MDF_ARG_OUT_PTR:
      fputs(a->is_null ? "NULL" : "valid", out);
      break;
    case MDF_ARG_FLAGS:
      fprintf(out, "0x%X", (unsigned)a->u32);
      break;
    default:
      print_str(out, a);
    }
  }
  fputs(")\n", out);
  fputs("call: CardDeleteContext(pCardData)\n", out);
  fprintf(out, "card: %zu script byte(s)%s\n", c->script_len,
          c->script_len ? "" : " (every answer from the card as is)");
  if (c->script_len)
    mdf_fuzzcard_describe(out, c->script, c->script_len);
}
