/* Text form of a case, the printing half (parser: text_parse.c).  Grammar
 * (one item per line, '#' starts a comment outside quotes):
 *
 *   version 7                     CARD_DATA dwVersion
 *   acquire pCardData=valid dwFlags=0
 *   mutate none | mutate FIELD NULL|garbage
 *   fault none | fault pfnCspAlloc N | fault pfnCspReAlloc N
 *   cache MODE / pad MODE / unpad MODE / dh MODE
 *   atr card | atr HEX...
 *   call EXPORT                   then one line per C parameter:
 *     NAME = VALUE                valid/NULL, "name", number or NAME|NAME,
 *                                 hex bytes / empty, buffer, earlier N,
 *                                 TYPE { ... } for structs, [ {..} ... ] for arrays
 *   script                        then the card directives (mdf_fuzzcard_describe)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode_int.h"
#include "mdfuzz/reader/fuzzcard.h"

static void indent(FILE *out, int depth) {
  int i;

  for (i = 0; i < depth; i++)
    fputs("  ", out);
}

/* A quoted string of 8- or 16-bit units: printable ASCII as it is, the
 * rest escaped (\xHH for bytes, \uHHHH for wide units), so that the parser
 * gets every unit back. */
static void print_quoted(FILE *out, const mdf_arg_t *a, bool wide) {
  size_t i;

  if (a->is_null) {
    fputs("NULL", out);
    return;
  }
  fputc('"', out);
  for (i = 0; i < a->len; i++) {
    unsigned v = wide ? ((const uint16_t *)a->data)[i] : ((const unsigned char *)a->data)[i];

    if (v >= 0x20 && v < 0x7F && v != '"' && v != '\\')
      fputc((int)v, out);
    else
      fprintf(out, wide ? "\\u%04X" : "\\x%02X", v);
  }
  fputc('"', out);
}

static void print_number(FILE *out, uint32_t v) {
  if (v < 0x10000)
    fprintf(out, "%u", (unsigned)v);
  else
    fprintf(out, "0x%X", (unsigned)v);
}

static void print_value_num(FILE *out, const mdf_arg_spec_t *s, uint32_t v) {
  size_t i;

  for (i = 0; s->dom != NULL && i < s->dom->nvalues; i++) {
    if (s->dom->values[i].value == v) {
      fputs(s->dom->values[i].name, out);
      return;
    }
  }
  print_number(out, v);
}

static void print_flags(FILE *out, const mdf_arg_spec_t *s, uint32_t v) {
  uint32_t rest = v;
  bool first = true;
  size_t i;

  for (i = 0; s->dom != NULL && i < s->dom->nvalues; i++) {
    uint32_t f = s->dom->values[i].value;

    if (f != 0 && (rest & f) == f) {
      fprintf(out, "%s%s", first ? "" : "|", s->dom->values[i].name);
      rest &= ~f;
      first = false;
    }
  }
  if (rest != 0 || first)
    fprintf(out, "%s0x%X", first ? "" : "|", (unsigned)rest);
}

static void print_hex(FILE *out, const uint8_t *p, size_t n) {
  size_t i;

  if (n == 0)
    fputs("empty", out);
  for (i = 0; i < n; i++)
    fprintf(out, i ? " %02X" : "%02X", p[i]);
}

static void print_value(FILE *out, const mdf_arg_spec_t *s, const mdf_arg_t *a, int depth);

static void print_fields(FILE *out, const mdf_struct_desc_t *sd, const mdf_arg_t *a, int depth) {
  size_t i;

  if (sd->current != 0) {
    indent(out, depth);
    fprintf(out, "dwVersion = ");
    print_number(out, a->u32);
    fputc('\n', out);
  }
  for (i = 0; i < a->nsub && i < sd->nfields; i++)
    print_value(out, &sd->fields[i], &a->sub[i], depth);
}

static void print_value(FILE *out, const mdf_arg_spec_t *s, const mdf_arg_t *a, int depth) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  size_t i;

  indent(out, depth);
  fprintf(out, "%s = ", s->name);
  switch (s->kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    fputs(a->is_null ? "NULL" : "valid", out);
    break;
  case MDF_ARG_DIR_NAME:
  case MDF_ARG_FILE_NAME:
    print_quoted(out, a, false);
    break;
  case MDF_ARG_FLAGS:
    print_flags(out, s, a->u32);
    break;
  case MDF_ARG_DWORD:
  case MDF_ARG_BYTE:
  case MDF_ARG_OUT_VAL:
    print_value_num(out, s, a->u32);
    break;
  case MDF_ARG_WSTR:
    print_quoted(out, a, true);
    break;
  case MDF_ARG_IN_BUF:
    if (a->is_null)
      fputs("NULL", out);
    else
      print_hex(out, a->data, a->len);
    fputc('\n', out);
    indent(out, depth);
    fprintf(out, "%s = ", s->name2 ? s->name2 : "length");
    print_number(out, a->u32);
    break;
  case MDF_ARG_OUT_BUF:
    fputs(a->is_null ? "NULL" : "buffer", out);
    fputc('\n', out);
    indent(out, depth);
    fprintf(out, "%s = ", s->name2 ? s->name2 : "capacity");
    print_number(out, a->u32);
    break;
  case MDF_ARG_STRUCT:
    if (a->is_null || sd == NULL) {
      fputs(a->is_null ? "NULL" : "valid", out);
      break;
    }
    fprintf(out, "%s {\n", sd->name);
    print_fields(out, sd, a, depth + 1);
    indent(out, depth);
    fputc('}', out);
    break;
  case MDF_ARG_ARRAY:
    if (a->is_null) {
      fputs("NULL", out);
    } else {
      fputs("[\n", out);
      for (i = 0; i < a->nsub && sd != NULL; i++) {
        indent(out, depth + 1);
        fprintf(out, "%s {\n", sd->name);
        print_fields(out, sd, &a->sub[i], depth + 2);
        indent(out, depth + 1);
        fputs("}\n", out);
      }
      indent(out, depth);
      fputc(']', out);
    }
    fputc('\n', out);
    indent(out, depth);
    fprintf(out, "%s = ", s->name2 ? s->name2 : "count");
    print_number(out, a->u32);
    break;
  case MDF_ARG_KEY_HANDLE:
    if (a->how == MDF_KEY_EARLIER)
      fprintf(out, "earlier %u", (unsigned)a->u32);
    else
      print_number(out, a->u32);
    break;
  default:
    fputs("?", out);
  }
  fputc('\n', out);
}

/* The card script as directives, or as raw bytes when the directives do
 * not give the same bytes back (e.g. a REPLACE length above 1023, a
 * directive cut by the end of the input): then the directives follow as
 * comments. */
static mdf_err_t print_script(FILE *out, const mdf_case_t *c) {
  static uint8_t back[1 << 16];
  char *text = NULL, *line, *nl;
  size_t text_len = 0, back_len = 0;
  FILE *mem;
  bool canonical = false;

  if (c->script_len == 0) {
    fputs("script   # empty: every card answer as is\n", out);
    return MDF_OK;
  }
  mem = open_memstream(&text, &text_len);
  if (mem == NULL)
    return MDF_ENOMEM;
  mdf_fuzzcard_describe(mem, c->script, c->script_len);
  fclose(mem);
  canonical = c->script_len <= sizeof(back) &&
              mdf_fuzzcard_encode(text, text_len, back, sizeof(back), &back_len, NULL) == MDF_OK &&
              back_len == c->script_len && memcmp(back, c->script, back_len) == 0;
  if (canonical) {
    fprintf(out, "script   # %zu byte(s); APDUs past the end are answered as is\n%s", c->script_len,
            text);
  } else {
    fputs("script hex ", out);
    print_hex(out, c->script, c->script_len);
    fputs("\n# the bytes above, as directives:\n", out);
    for (line = text; line && *line; line = nl ? nl + 1 : NULL) {
      nl = strchr(line, '\n');
      fprintf(out, "# %.*s\n", (int)(nl ? nl - line : (long)strlen(line)), line);
    }
  }
  free(text);
  return MDF_OK;
}

mdf_err_t mdf_case_to_text(FILE *out, const mdf_case_t *c) {
  size_t i, k;
  int f, mutated = -1;

  if (out == NULL || c == NULL)
    return MDF_EINVAL;
  fputs("# mdfuzz case: `mdfuzz encode` turns this text back into an input\n", out);
  fprintf(out, "version ");
  print_number(out, c->version);
  fprintf(out, "\nacquire pCardData=%s dwFlags=0x%X\n", c->null_acquire ? "NULL" : "valid",
          (unsigned)c->acquire_flags);
  for (f = 0; f < MDF_CDM_COUNT; f++)
    if (c->mutation[f] != MDF_MUT_KEEP && mutated < 0)
      mutated = f;
  if (mutated < 0)
    fputs("mutate none\n", out);
  else
    fprintf(out, "mutate %s %s\n", mdf_cdm_name(mutated),
            c->mutation[mutated] == MDF_MUT_ZERO ? "NULL" : "garbage");
  if (c->alloc_fail_at)
    fprintf(out, "fault pfnCspAlloc %u   # this call returns NULL\n", (unsigned)c->alloc_fail_at);
  if (c->realloc_fail_at)
    fprintf(out, "fault pfnCspReAlloc %u   # this call returns NULL\n",
            (unsigned)c->realloc_fail_at);
  if (!c->alloc_fail_at && !c->realloc_fail_at)
    fputs("fault none\n", out);
  fprintf(out, "cache %s\npad %s\nunpad %s\ndh %s\n", mdf_cache_mode_name(c->cache_mode),
          mdf_csp_mode_name(c->pad_mode), mdf_csp_mode_name(c->unpad_mode),
          mdf_csp_mode_name(c->dh_mode));
  fputs("atr ", out);
  if (c->atr_len == 0)
    fputs("card", out);
  else
    print_hex(out, c->atr, c->atr_len);
  fputc('\n', out);
  for (i = 0; i < c->ncalls; i++) {
    const mdf_call_t *call = &c->calls[i];

    if (call->ex == NULL)
      continue;
    fprintf(out, "call %s\n", call->ex->name);
    for (k = 0; k < call->ex->nargs && k < MDF_MAX_ARGS; k++)
      print_value(out, &call->ex->args[k], &call->args[k], 1);
  }
  return print_script(out, c);
}

void mdf_decode_print(FILE *out, const mdf_case_t *c) {
  (void)mdf_case_to_text(out, c);
}
