/* The mdfuzz command's reusable parts: engine output parsing, finding
 * reports and the CMR title table.
 *
 * The parsers read what fuzz targets print (libFuzzer status and stat::
 * lines, `mdfuzz:` finding lines, sanitizer headlines and stack frames,
 * artifact paths) and AFL++'s fuzzer_stats file.  They never allocate:
 * every record is a fixed-size struct the caller owns, and text that does
 * not fit is truncated. */
#ifndef MDFUZZ_TRIAGE_H
#define MDFUZZ_TRIAGE_H

#include <stdint.h>
#include <stdio.h>

#include "mdfuzz/common/err.h"
#include "mdfuzz/harness/cmr.h"

#define MDF_TRIAGE_MAX_FRAMES 6
#define MDF_TRIAGE_PATH 1024

/* Fuzzing progress, from libFuzzer status/stat:: lines or AFL++ fuzzer_stats.
 * Fields are 0 when unknown. */
typedef struct mdf_triage_status {
  uint64_t execs;        /* total executions */
  uint64_t exec_per_sec; /* as reported by the engine (0: unknown) */
  uint32_t cov;          /* libFuzzer cov: */
  uint32_t ft;           /* libFuzzer ft: */
  uint32_t corp_units;   /* corpus entries */
  uint64_t corp_bytes;   /* corpus size in bytes (libFuzzer; 0 in fork mode) */
  uint32_t rss_mb;
  uint32_t crashes; /* fork-mode crash count or AFL++ saved_crashes */
  char bitmap[16];  /* AFL++ bitmap_cvg, e.g. "66.67%"; "" for libFuzzer */
  int seen;         /* 1 once any status field was parsed */
} mdf_triage_status_t;

/* One stack frame: "#N 0xADDR in FUNC FILE:LINE[:COL]". */
typedef struct mdf_triage_frame {
  unsigned index;
  char func[160];
  char file[256]; /* "" when the frame has no source location */
  unsigned line;
  unsigned col;
} mdf_triage_frame_t;

/* What one crashing run printed. */
typedef struct mdf_triage_finding {
  char id[64];          /* CMR id or class: from `mdfuzz: ID:`, else the sanitizer class */
  char what[256];       /* text after `mdfuzz: ID: `, else the sanitizer headline */
  char sanitizer[48];   /* "AddressSanitizer", "libFuzzer", ... ("" if none) */
  char san_class[64];   /* "heap-buffer-overflow", "leak", "crash", "hang", ... */
  char export_name[64]; /* from `mdfuzz: context: export=` ("" if absent or "-") */
  unsigned apdus;
  char fault[96];                                   /* "" when none */
  char artifact[MDF_TRIAGE_PATH];                   /* from "Test unit written to", "" if none */
  mdf_triage_frame_t frames[MDF_TRIAGE_MAX_FRAMES]; /* top user frames, runtime skipped */
  unsigned nframes;
  int found;                /* 1 when a finding line or sanitizer error was seen */
  int in_stack, stack_done; /* parser state: inside / past the first stack */
} mdf_triage_finding_t;

typedef enum mdf_triage_line_kind {
  MDF_TRIAGE_LINE_OTHER = 0,
  MDF_TRIAGE_LINE_STATUS,    /* "#123\tNEW cov: ..." or fork-mode "#123: cov: ..." */
  MDF_TRIAGE_LINE_STAT,      /* "stat::name: value" */
  MDF_TRIAGE_LINE_FINDING,   /* "mdfuzz: ID: what" */
  MDF_TRIAGE_LINE_CONTEXT,   /* "mdfuzz: context: export=..." */
  MDF_TRIAGE_LINE_SANITIZER, /* "==PID==ERROR: X: class ..." or "file:l:c: runtime error: ..." */
  MDF_TRIAGE_LINE_FRAME,     /* "#N 0x... in ..." */
  MDF_TRIAGE_LINE_ARTIFACT   /* "... Test unit written to PATH" */
} mdf_triage_line_kind_t;

/* Classify one line (no trailing newline needed) without changing state. */
mdf_triage_line_kind_t mdf_triage_line_kind(const char *line);

/* Parse a libFuzzer status line ("#N\tKIND cov: ..." or fork mode "#N: cov: ...")
 * or a stat:: line into st (fields present in the line overwrite older ones).
 * Returns MDF_OK, or MDF_EPARSE when the line is neither. */
mdf_err_t mdf_triage_parse_status(const char *line, mdf_triage_status_t *st);

/* Parse a frame line into fr (zeroed first). MDF_EPARSE if not a frame. */
mdf_err_t mdf_triage_parse_frame(const char *line, mdf_triage_frame_t *fr);

/* 1 if a frame belongs to a sanitizer/libFuzzer/libc runtime or has no
 * source location (such frames are left out of reports). */
int mdf_triage_frame_is_runtime(const mdf_triage_frame_t *fr);

/* Feed one output line of a run into f.  Keeps the first finding line, the
 * first sanitizer headline and the first stack block after them. */
void mdf_triage_finding_feed(mdf_triage_finding_t *f, const char *line);

/* Finish a finding fed line by line: the id falls back to the sanitizer class. */
void mdf_triage_finding_end(mdf_triage_finding_t *f);

/* Parse a whole text (several lines) into f (zeroed first) and st (may be
 * NULL; not zeroed, so it accumulates).  For tests and saved logs. */
void mdf_triage_parse_text(const char *text, mdf_triage_finding_t *f, mdf_triage_status_t *st);

/* Parse AFL++'s fuzzer_stats text ("key : value" lines) into st.
 * MDF_EPARSE when no known key is present. */
mdf_err_t mdf_triage_parse_afl_stats(const char *text, mdf_triage_status_t *st);

/* What the report needs besides the parsed finding. */
typedef struct mdf_triage_report_ctx {
  const char *target;    /* "refmd-CardReadFile" */
  const char *input;     /* absolute path of the crashing input, or NULL */
  const char *build_dir; /* printed in the replay command when non-NULL */
  unsigned index;        /* 1-based finding number, 0 = no numbering */
  unsigned total;
  unsigned duplicates; /* other inputs with the same signature */
  const char *self;    /* the mdfuzz executable for the replay command; NULL: "mdfuzz" */
} mdf_triage_report_ctx_t;

/* Print the finding report block for f to out. */
void mdf_triage_report(FILE *out, const mdf_triage_report_ctx_t *ctx,
                       const mdf_triage_finding_t *f);

/* Signature for de-duplication: id + first user frame (function file:line). */
void mdf_triage_signature(const mdf_triage_finding_t *f, char *buf, size_t cap);

/* Split "NAME-EXPORT" at its last '-' into driver and export (export is ""
 * for a target without '-', such as "empty").  MDF_EINVAL on bad names. */
mdf_err_t mdf_triage_split_target(const char *target, char *driver, size_t dcap, char *export_name,
                                  size_t ecap);

/* Collected findings of one fuzz run (triage/findings.c). */
#define MDF_TRIAGE_MAX_FINDINGS 64
typedef struct mdf_triage_findings {
  unsigned n;
  struct {
    mdf_triage_finding_t f;
    char input[MDF_TRIAGE_PATH];
    unsigned dups;
  } e[MDF_TRIAGE_MAX_FINDINGS];
  unsigned dropped;    /* distinct findings past MDF_TRIAGE_MAX_FINDINGS */
  unsigned unreplayed; /* artifacts left unanalysed (too many) */
  char unreplayed_dir[MDF_TRIAGE_PATH];
} mdf_triage_findings_t;

/* The file name part of a path. */
const char *mdf_triage_base_name(const char *path);
/* Class of an artifact from its file name: "crash", "leak", "hang", "oom", ... */
void mdf_triage_class_from_name(const char *path, char *buf, size_t cap);
/* Add f (input may be ""), merging same-signature findings. */
void mdf_triage_findings_add(mdf_triage_findings_t *fs, const mdf_triage_finding_t *f,
                             const char *input);
/* Print every finding's report to out; base gives target, build dir and the
 * replay command (input, index, total and duplicates are filled per finding). */
void mdf_triage_findings_print(FILE *out, const mdf_triage_findings_t *fs,
                               const mdf_triage_report_ctx_t *base);

#endif
