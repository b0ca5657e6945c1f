/* Private to the seed generator (fuzzers/seeds/gen_seeds*.c, tool mdf-gen-seeds).
 * Seeds are mdf_case_t edits of an export's honest case, written through
 * the encoder so they stay valid when the input format grows. */
#ifndef MDF_FUZZERS_GEN_SEEDS_H
#define MDF_FUZZERS_GEN_SEEDS_H

#include <stdio.h>

#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/reader/fuzzcard.h"

/* The case being built (large: static storage, shared by the generators). */
extern mdf_case_t mdf__gen_case;

/* Start a seed: the honest case of ex (mdf_case_init). */
mdf_case_t *mdf__gen_begin(const mdf_export_t *ex);
/* Write the current case as <corpus>/<Export>/<name>; 0 or 1 (error shown). */
int mdf__gen_write(const char *name);

/* Per-export seeds (gen_seeds_honest.c): the honest sessions and the
 * export-specific edge cases, all through mdf__gen_begin / mdf__gen_write.
 * Returns the number of errors. */
int mdf__gen_export_seeds(const mdf_export_t *ex);
/* The honest case of ex as its honest seeds start from (the first honest
 * seed's edits): the generic edge seeds vary one thing of it. */
void mdf__gen_honest_base(const mdf_export_t *ex);

/* Dictionaries (gen_seeds_dict.c): writes <fuzzers>/<Export>.dict for
 * every row.  Returns the number of errors. */
int mdf__gen_dicts(const char *fuzzers_dir);

/* A card script that answers SW 9000 to the first n APDUs (a stand-in for
 * an earlier call of the session, e.g. the user's VERIFY). */
void mdf__gen_card_ok(mdf_case_t *c, unsigned n);

#endif
