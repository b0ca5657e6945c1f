/* Findings: how an oracle reports a bug.
 *
 * A finding prints exactly one line
 *     mdfuzz: <CMR id or class>: <what>
 * to stderr, then a stack trace, then aborts so that libFuzzer / AFL++ /
 * the standalone runner record the input as a crash.  Triage parses that
 * line; keep its shape. */
#ifndef MDFUZZ_FINDING_H
#define MDFUZZ_FINDING_H

#include <stdint.h>

/* Report and abort.  id: a CMR ID ("CMR.1.3.4") or a class ("hang"). */
void mdf_finding(const char *id, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* What the harness is doing now, printed with any crash (including
 * sanitizer reports, through the sanitizer death callback) as
 *     mdfuzz: context: export=<name> apdus=<n> fault=<desc>
 * so triage can name the export and an injected fault (CMR.1.4.1/1.4.3). */
typedef struct mdf_context {
  const char *export_name; /* Card* export being called, or NULL */
  const char *fault;       /* description of an injected fault, or NULL */
  uint32_t fault_call;     /* which allocator call the fault hit (1-based), 0 = none */
  /* The APDU counter printed as apdus=<n>, registered once by the layer
   * that owns the reader (the fuzz glue); NULL prints 0.  common/ knows no
   * reader, so the count comes in through here.  Kept by
   * mdf_context_reset; called from crash handlers, so it must only read. */
  uint32_t (*apdus)(void);
} mdf_context_t;

mdf_context_t *mdf_context(void);
/* Install the sanitizer death callback once (idempotent). */
void mdf_context_install(void);

/* A function run once just before the process dies of a finding, a
 * sanitizer report or a fatal signal (after the report lines): the
 * standalone runner writes its crash artifact there.  NULL removes it. */
void mdf_finding_set_death_hook(void (*hook)(void));
/* Forget the per-input context (export, fault); the apdus counter stays.
 * Called by the one per-input reset (fuzz glue) and mdf_harness_begin. */
void mdf_context_reset(void);

#endif
