/* Trace writer, comparison and the reader-observer recorder. */
#include <string.h>

#include "mdfuzz/reader/reader.h"
#include "mdfuzz/reader/trace.h"

static void put_hex(FILE *out, const char *prefix, const uint8_t *p, size_t n) {
  static const char digits[] = "0123456789ABCDEF";
  fputs(prefix, out);
  for (size_t i = 0; i < n; i++) {
    if (i)
      fputc(' ', out);
    fputc(digits[p[i] >> 4], out);
    fputc(digits[p[i] & 15], out);
  }
  fputc('\n', out);
}

mdf_err_t mdf_trace_write(FILE *out, const mdf_trace_t *t) {
  if (!out || !t)
    return MDF_EINVAL;
  fprintf(out, "mdfuzz-trace %d\n", MDF_TRACE_VERSION);
  put_hex(out, "atr ", t->atr, t->atr_len);
  for (size_t i = 0; i < t->n_items; i++) {
    const mdf_trace_item_t *it = &t->items[i];
    switch (it->kind) {
    case MDF_TRACE_EXCHANGE:
      if (it->label[0])
        fprintf(out, "label %s\n", it->label);
      put_hex(out, "> ", mdf_trace_cmd(t, it), it->cmd_len);
      put_hex(out, "< ", mdf_trace_rsp(t, it), it->rsp_len);
      break;
    case MDF_TRACE_RESET:
      fputs("reset\n", out);
      if (it->atr_len)
        put_hex(out, "atr ", mdf_trace_event_atr(t, it), it->atr_len);
      break;
    case MDF_TRACE_REMOVED:
      fputs("removed\n", out);
      break;
    }
  }
  return ferror(out) ? MDF_EIO : MDF_OK;
}

static int same(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen) {
  return alen == blen && (!alen || !memcmp(a, b, alen));
}

int mdf_trace_equal(const mdf_trace_t *a, const mdf_trace_t *b) {
  if (!a || !b || !same(a->atr, a->atr_len, b->atr, b->atr_len) || a->n_items != b->n_items)
    return 0;
  for (size_t i = 0; i < a->n_items; i++) {
    const mdf_trace_item_t *x = &a->items[i], *y = &b->items[i];
    if (x->kind != y->kind || strcmp(x->label, y->label) ||
        !same(mdf_trace_cmd(a, x), x->cmd_len, mdf_trace_cmd(b, y), y->cmd_len) ||
        !same(mdf_trace_rsp(a, x), x->rsp_len, mdf_trace_rsp(b, y), y->rsp_len) ||
        !same(mdf_trace_event_atr(a, x), x->atr_len, mdf_trace_event_atr(b, y), y->atr_len))
      return 0;
  }
  return 1;
}

/* ---- recorder ---- */

static void record(void *arg, const uint8_t *capdu, size_t clen, const uint8_t *rapdu, size_t rlen,
                   mdf_err_t rc) {
  mdf_trace_recorder_t *rec = arg;
  mdf_err_t err = MDF_OK;
  if (rc == MDF_OK) {
    err = mdf_trace_add_exchange(rec->trace, capdu, clen, rapdu, rlen, rec->label, 0);
    rec->label[0] = '\0';
  } else if (rc == MDF_EREMOVED) {
    err = mdf_trace_add_event(rec->trace, MDF_TRACE_REMOVED, NULL, 0, 0);
  } else if (rc == MDF_ERESET) {
    size_t n;
    const uint8_t *atr = mdf_reader_atr(&n); /* the reader re-powered the card already */
    err = mdf_trace_add_event(rec->trace, MDF_TRACE_RESET, atr, n, 0);
  } /* other failures (divergence, source errors) are not card behaviour */
  if (err && !rec->err)
    rec->err = err;
}

mdf_err_t mdf_trace_recorder_start(mdf_trace_recorder_t *rec, mdf_trace_t *trace) {
  size_t n;
  if (!rec || !trace)
    return MDF_EINVAL;
  memset(rec, 0, sizeof(*rec));
  const uint8_t *atr = mdf_reader_atr(&n);
  if (!atr)
    return MDF_ESTATE; /* insert a card first */
  rec->trace = trace;
  mdf_err_t err = mdf_trace_set_atr(trace, atr, n);
  if (err)
    return err;
  mdf_reader_set_observer(record, rec);
  return MDF_OK;
}

void mdf_trace_recorder_label(mdf_trace_recorder_t *rec, const char *label) {
  if (rec)
    snprintf(rec->label, sizeof(rec->label), "%s", label ? label : "");
}

mdf_err_t mdf_trace_recorder_stop(mdf_trace_recorder_t *rec) {
  if (!rec)
    return MDF_EINVAL;
  mdf_reader_set_observer(NULL, NULL);
  return rec->err;
}
