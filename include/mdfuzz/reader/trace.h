/* Card traces: a recorded session between a minidriver and a card, as text.
 *
 * Format (documented with an example in corpus/README.md, "## Traces"):
 *
 *   # comment (also after data on any line)
 *   mdfuzz-trace 1                 header: first non-comment line, version 1
 *   atr 3B 8C 80 01 ...            exactly one, before the first exchange
 *   label select MF                optional: names the next exchange
 *   > 00 A4 00 0C 02 3F 00         command APDU (hex, spaces optional between bytes)
 *   < 90 00                        its response (data + SW1 SW2, at least 2 bytes)
 *   reset                          the card was reset at this point
 *   atr 3B ...                     optional right after reset: the new ATR
 *   removed                        the card was removed at this point
 *
 * Parsing reports the first error only, with file, line and column. */
#ifndef MDFUZZ_TRACE_H
#define MDFUZZ_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mdfuzz/reader/card.h"
#include "mdfuzz/common/err.h"

#define MDF_TRACE_VERSION 1
#define MDF_TRACE_LABEL_MAX 64 /* bytes, including the NUL */
/* Longest accepted line: a maximal response written with spaces, plus slack. */
#define MDF_TRACE_LINE_MAX (3 * MDF_RAPDU_MAX + 256)

typedef enum mdf_trace_kind {
  MDF_TRACE_EXCHANGE,
  MDF_TRACE_RESET, /* atr_len > 0 when a new ATR follows */
  MDF_TRACE_REMOVED
} mdf_trace_kind_t;

/* One item.  Byte strings are offsets into trace->bytes (stable while the
 * trace grows); use mdf_trace_cmd() / _rsp() / _atr() to get pointers. */
typedef struct mdf_trace_item {
  mdf_trace_kind_t kind;
  unsigned line; /* line of the command (or event) in the source file, 0 if built */
  size_t cmd_off, cmd_len;
  size_t rsp_off, rsp_len;
  size_t atr_off, atr_len; /* RESET only */
  char label[MDF_TRACE_LABEL_MAX];
} mdf_trace_item_t;

/* Caller-owned struct; contents allocated.  Zero-initialise or
 * mdf_trace_init(), release with mdf_trace_clear(). */
typedef struct mdf_trace {
  char file[256]; /* source name for diagnostics ("" if built in memory) */
  uint8_t atr[MDF_ATR_MAX];
  size_t atr_len;
  mdf_trace_item_t *items;
  size_t n_items, items_cap;
  uint8_t *bytes;
  size_t bytes_len, bytes_cap;
} mdf_trace_t;

void mdf_trace_init(mdf_trace_t *t);
/* Free the contents and reinitialise (NULL ok). */
void mdf_trace_clear(mdf_trace_t *t);

static inline const uint8_t *mdf_trace_cmd(const mdf_trace_t *t, const mdf_trace_item_t *it) {
  return t->bytes + it->cmd_off;
}
static inline const uint8_t *mdf_trace_rsp(const mdf_trace_t *t, const mdf_trace_item_t *it) {
  return t->bytes + it->rsp_off;
}
static inline const uint8_t *mdf_trace_event_atr(const mdf_trace_t *t, const mdf_trace_item_t *it) {
  return t->bytes + it->atr_off;
}

/* Parse text[0..len) (need not be NUL-terminated).  filename (may be NULL)
 * is used in diagnostics.  trace: out, initialised here (any previous
 * contents are not freed).  On error the trace is left empty and diag (may
 * be NULL) holds file:line:col and the message.  Returns MDF_OK, MDF_EPARSE,
 * MDF_ETRUNC (file ends inside an exchange), MDF_ENOMEM. */
mdf_err_t mdf_trace_parse(const char *text, size_t len, const char *filename, mdf_trace_t *trace,
                          mdf_diag_t *diag);
/* Read and parse a file.  Also MDF_EIO (diag names the file). */
mdf_err_t mdf_trace_load(const char *path, mdf_trace_t *trace, mdf_diag_t *diag);

/* Building (parser and recorder use these).  label may be NULL. */
mdf_err_t mdf_trace_set_atr(mdf_trace_t *t, const uint8_t *atr, size_t len);
mdf_err_t mdf_trace_add_exchange(mdf_trace_t *t, const uint8_t *cmd, size_t clen,
                                 const uint8_t *rsp, size_t rlen, const char *label, unsigned line);
/* kind RESET (atr may be NULL/0: unchanged) or REMOVED. */
mdf_err_t mdf_trace_add_event(mdf_trace_t *t, mdf_trace_kind_t kind, const uint8_t *atr,
                              size_t atr_len, unsigned line);

/* Write in the text format; parse(write(t)) gives t back (line numbers aside). */
mdf_err_t mdf_trace_write(FILE *out, const mdf_trace_t *t);
/* Same content (ATR, items, bytes, labels), line numbers ignored. */
int mdf_trace_equal(const mdf_trace_t *a, const mdf_trace_t *b);

/* Recorder: appends every exchange and event that passes through the mock
 * reader to a trace (the `mdfuzz record` path).  Start after
 * mdf_reader_insert (it takes the ATR from the reader).  The recorder struct
 * and trace must outlive the recording. */
typedef struct mdf_trace_recorder {
  mdf_trace_t *trace;
  mdf_err_t err; /* first failure (ENOMEM), reported by stop */
  char label[MDF_TRACE_LABEL_MAX];
} mdf_trace_recorder_t;

mdf_err_t mdf_trace_recorder_start(mdf_trace_recorder_t *rec, mdf_trace_t *trace);
/* Label for the next recorded exchange. */
void mdf_trace_recorder_label(mdf_trace_recorder_t *rec, const char *label);
mdf_err_t mdf_trace_recorder_stop(mdf_trace_recorder_t *rec);

#endif
