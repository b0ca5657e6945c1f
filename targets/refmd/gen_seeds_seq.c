/* Seed generator for the Sequence and HostileCard targets:
 *   mdf-gen-seeds-seq CORPUSDIR
 *   mdf-gen-seeds-seq --dict FUZZERSDIR   (Sequence.dict, HostileCard.dict)
 * writes CORPUSDIR/Sequence/<name> (the honest sessions of seq_honest.c,
 * through the encoder) and CORPUSDIR/HostileCard/<name> (the same sessions
 * recorded from the simulated card through the linked minidriver, refmd:
 * every answer a REPLACE directive, the card's ATR explicit).  Each
 * session is run and its calls' return codes printed; a recorded session
 * is replayed from its HostileCard input and must give the same codes. */
#include <stdio.h>
#include <string.h>

#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/fuzzers/fuzz.h"
#include "mdfuzz/reader/fuzzcard.h"

#define REC_MAX (1u << 16)

/* A card source in front of another that writes each answer as a REPLACE
 * directive (the fuzz card's script format). */
typedef struct recorder {
  const mdf_card_t *inner;
  uint8_t atr[MDF_ATR_MAX];
  size_t atr_len;
  uint8_t script[REC_MAX];
  size_t len;
  bool overflow;
} recorder_t;

static mdf_err_t rec_power_on(void *ctx, uint8_t *atr, size_t *atr_len) {
  recorder_t *r = ctx;
  mdf_err_t err = r->inner->ops->power_on(r->inner->ctx, atr, atr_len);

  if (err == MDF_OK && *atr_len <= MDF_ATR_MAX) {
    memcpy(r->atr, atr, *atr_len);
    r->atr_len = *atr_len;
  }
  return err;
}

static mdf_err_t rec_transmit(void *ctx, const uint8_t *capdu, size_t clen, uint8_t *rapdu,
                              size_t *rlen) {
  recorder_t *r = ctx;
  mdf_err_t err = r->inner->ops->transmit(r->inner->ctx, capdu, clen, rapdu, rlen);

  if (err != MDF_OK || *rlen > MDF_FZ_REPLACE_MAX || r->len + 3 + *rlen > REC_MAX) {
    r->overflow = true; /* not expressible as a REPLACE answer */
    return err;
  }
  r->script[r->len++] = MDF_FZ_REPLACE;
  r->script[r->len++] = (uint8_t)(*rlen & 0xFF);
  r->script[r->len++] = (uint8_t)(*rlen >> 8);
  memcpy(r->script + r->len, rapdu, *rlen);
  r->len += *rlen;
  return MDF_OK;
}

/* A new recording starts over the inner card reset; the recorder is the
 * caller's (static), so free releases nothing. */
static void rec_reset(void *ctx) {
  recorder_t *r = ctx;

  r->inner->ops->reset(r->inner->ctx);
}
static void rec_free(void *ctx) {
  (void)ctx;
}

static const mdf_card_ops_t rec_ops = {"recorder", rec_power_on, rec_transmit, rec_reset, rec_free};

static int write_file(const char *dir, const char *sub, const char *name, const uint8_t *buf,
                      size_t len) {
  char path[1024];
  FILE *f;

  snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
  f = fopen(path, "wb");
  if (f == NULL || fwrite(buf, 1, len, f) != len) {
    perror(path);
    if (f != NULL)
      fclose(f);
    return 1;
  }
  return fclose(f) == 0 ? 0 : 1;
}

static void print_rcs(const char *what, const mdf_case_t *c, DWORD acquire, const DWORD *rcs) {
  size_t i;

  printf("%-28s acquire=%X", what, (unsigned)acquire);
  for (i = 0; i < c->ncalls; i++)
    printf(" %s=%X", c->calls[i].ex->name + (c->calls[i].ex->name[0] == 'C' ? 4 : 0),
           (unsigned)rcs[i]);
  printf("\n");
}

/* ---- dictionaries ---------------------------------------------------------- */

static void put(FILE *f, const char *name, const uint8_t *p, size_t n) {
  size_t i;

  fprintf(f, "%s=\"", name);
  for (i = 0; i < n; i++)
    fprintf(f, "\\x%02X", p[i]);
  fprintf(f, "\"\n");
}

/* Answers a hostile card gives, as REPLACE directives (op, u16le k, bytes):
 * bare status words, and a few data + 9000 shapes. */
static void hostile_entries(FILE *f) {
  static const uint16_t sws[] = {0x9000, 0x6100, 0x6110, 0x6C08, 0x6C00, 0x6282, 0x63C0, 0x63C2,
                                 0x6300, 0x6700, 0x6982, 0x6983, 0x6985, 0x6986, 0x6A80, 0x6A82,
                                 0x6A84, 0x6A86, 0x6A88, 0x6B00, 0x6D00, 0x6E00, 0x6F00};
  static const uint8_t fcp_ef[] = {MDF_FZ_REPLACE, 12,   0,    0x62, 0x08, 0x82, 0x01, 0x01,
                                   0x80,           0x02, 0xFF, 0xFF, 0x83, 0x90, 0x00};
  static const uint8_t empty_9000[] = {MDF_FZ_REPLACE, 0, 0};
  uint8_t d[5] = {MDF_FZ_REPLACE, 2, 0, 0, 0};
  char name[32];
  size_t i;

  for (i = 0; i < sizeof(sws) / sizeof(sws[0]); i++) {
    d[3] = (uint8_t)(sws[i] >> 8);
    d[4] = (uint8_t)sws[i];
    snprintf(name, sizeof(name), "answer_%04X", (unsigned)sws[i]);
    put(f, name, d, sizeof(d));
    snprintf(name, sizeof(name), "sw_%04X", (unsigned)sws[i]);
    put(f, name, d + 3, 2);
  }
  put(f, "answer_fcp_ef_ffff", fcp_ef, sizeof(fcp_ef));
  put(f, "answer_empty", empty_9000, sizeof(empty_9000));
}

/* Sequence: the call selector of every export (b % n picks it), the end of
 * the calls, and the directive ops of the card script. */
static void sequence_entries(FILE *f) {
  const mdf_export_t *const *seq;
  size_t i, n;
  uint8_t b;
  char name[64];

  seq = mdf_fuzz_seq_exports(&n);
  for (i = 0; i < n; i++) {
    b = (uint8_t)i;
    snprintf(name, sizeof(name), "call_%s", seq[i]->name);
    put(f, name, &b, 1);
  }
  b = 0xFF;
  put(f, "calls_end", &b, 1);
  for (b = 0; b < MDF_FZ_NOPS; b++) {
    snprintf(name, sizeof(name), "directive_%u", (unsigned)b);
    put(f, name, &b, 1);
  }
}

static int write_dicts(const char *dir) {
  char path[1024];
  FILE *f;
  int bad = 0, i;

  for (i = 0; i < 2; i++) {
    snprintf(path, sizeof(path), "%s/%s.dict", dir, i == 0 ? "Sequence" : "HostileCard");
    f = fopen(path, "w");
    if (f == NULL) {
      perror(path);
      bad = 1;
      continue;
    }
    fprintf(f, "# %s: written by mdf-gen-seeds-seq --dict (targets/refmd/gen_seeds_seq.c)\n",
            i == 0 ? "Sequence" : "HostileCard");
    if (i == 0)
      sequence_entries(f);
    hostile_entries(f);
    bad |= fclose(f) != 0;
  }
  return bad;
}

int main(int argc, char **argv) {
  static uint8_t buf[REC_MAX + 64];
  static recorder_t rec;
  static mdf_case_t c, h;
  const char *dir = argc > 1 ? argv[1] : ".";
  DWORD rcs[MDF_MAX_CALLS], rcs2[MDF_MAX_CALLS], acq, acq2;
  mdf_fuzz_env_t *env;
  mdf_fuzzcard_t fc;
  mdf_card_t card;
  size_t i, len;
  int bad = 0;
  char what[64];

  if (argc > 2 && strcmp(argv[1], "--dict") == 0)
    return write_dicts(argv[2]);
  if (mdf_fuzz_env_new(CardAcquireContext, &env) != MDF_OK)
    return 2;
  for (i = 0; i < mdf_seq_honest_count(); i++) {
    const char *name = mdf_seq_honest_name(i);

    if (mdf_seq_honest_case(i, &c) != MDF_OK || mdf_encode(&c, buf, sizeof(buf), &len) != MDF_OK) {
      fprintf(stderr, "gen-seeds-seq: %s: cannot encode\n", name);
      bad = 1;
      continue;
    }
    bad |= write_file(dir, "Sequence", name, buf, len);

    /* Record: the driver over the simulated card, answers captured. */
    memset(&rec, 0, sizeof(rec));
    rec.inner = mdf_fuzz_env_inner(env);
    card.ops = &rec_ops;
    card.ctx = &rec;
    acq = mdf_fuzz_run(env, &c, &card, rcs);
    snprintf(what, sizeof(what), "Sequence/%s", name);
    print_rcs(what, &c, acq, rcs);
    if (rec.overflow || mdf_hostile_encode(i, rec.atr, rec.atr_len, rec.script, rec.len, buf,
                                           sizeof(buf), &len) != MDF_OK) {
      fprintf(stderr, "gen-seeds-seq: %s: cannot record the session\n", name);
      bad = 1;
      continue;
    }
    bad |= write_file(dir, "HostileCard", name, buf, len);

    /* Replay the recording as the HostileCard target does. */
    mdf_hostile_decode(buf, len, &h);
    mdf_fuzzcard_init(&fc, NULL, h.script, h.script_len);
    mdf_fuzzcard_set_atr(&fc, h.atr, h.atr_len);
    card = mdf_fuzzcard_card(&fc);
    acq2 = mdf_fuzz_run(env, &h, &card, rcs2);
    snprintf(what, sizeof(what), "HostileCard/%s", name);
    print_rcs(what, &h, acq2, rcs2);
    if (acq2 != acq || memcmp(rcs, rcs2, sizeof(rcs)) != 0) {
      fprintf(stderr, "gen-seeds-seq: %s: the recording does not replay\n", name);
      bad = 1;
    }
  }
  mdf_fuzz_env_free(env);
  return bad;
}
