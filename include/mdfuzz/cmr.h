/* CMR error-handling rules as data, and the walker that turns them into the
 * set of return codes allowed for one call.
 *
 * The requirements list, per export, the errors "in the following order of
 * their occurrence".  Each rule is (ID, export, condition, allowed codes);
 * the rows live in harness/cmr_rules.def in document order.  For one call a
 * classifier answers every condition with NO, MAYBE (depends on the card or
 * the driver: e.g. "directory does not exist") or YES (surely holds, e.g.
 * "dwFlags != 0").  Walking the rules in order, the first YES rule decides:
 * its codes, plus those of every MAYBE rule before it, are allowed; a call
 * with no YES rule is not judged. */
#ifndef MDFUZZ_CMR_H
#define MDFUZZ_CMR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "mdf_wintypes.h"

/* Every condition a rule may name. */
#define MDF_CMR_CONDITIONS(X)                                                   \
  X(NULL_CARD_DATA)  /* pCardData is NULL */                                   \
  X(BAD_FLAGS)       /* dwFlags not allowed */                                 \
  X(BAD_VERSION)     /* CARD_DATA version below the driver's minimum */        \
  X(NULL_ATR)        /* pbAtr NULL */                                          \
  X(BAD_CBATR)       /* cbAtr invalid */                                       \
  X(NULL_NAME)       /* pwszCardName NULL */                                   \
  X(UNKNOWN_ATR)     /* pbAtr not a card the driver supports */                \
  X(NULL_ALLOCATOR)  /* pfnCspAlloc/ReAlloc/Free NULL */                       \
  X(BAD_CONTEXT)     /* hSCardCtx invalid */                                   \
  X(BAD_HANDLE)      /* hScard invalid */                                      \
  X(BAD_FILE_NAME)   /* pszFileName NULL or empty */                           \
  X(NULL_DATA_OUT)   /* data output pointer NULL */                            \
  X(NULL_LEN_OUT)    /* length output pointer NULL */                          \
  X(BAD_DIR_LEN)     /* directory name not 1..8 characters */                  \
  X(BAD_DIR_CHARS)   /* directory name has forbidden characters */             \
  X(NO_DIR)          /* directory does not exist */                            \
  X(BAD_FILE_LEN)    /* file name not 1..8 characters */                       \
  X(BAD_FILE_CHARS)  /* file name has forbidden characters */                  \
  X(NO_FILE)         /* file does not exist */                                 \
  X(NO_ACCESS)       /* principal may not read the file */

typedef enum mdf_cmr_cond {
#define MDF__COND_ENUM(name) MDF_COND_##name,
  MDF_CMR_CONDITIONS(MDF__COND_ENUM)
#undef MDF__COND_ENUM
  MDF_COND_COUNT
} mdf_cmr_cond_t;

typedef enum mdf_tri { MDF_NO = 0, MDF_MAYBE = 1, MDF_YES = 2 } mdf_tri_t;

#define MDF_CMR_MAX_CODES 4

typedef struct mdf_cmr_rule {
  const char *id;          /* "CMR.3.4.3.E11" */
  const char *export_name; /* "CardReadFile" */
  mdf_cmr_cond_t cond;
  DWORD codes[MDF_CMR_MAX_CODES];
  size_t ncodes;
} mdf_cmr_rule_t;

/* Answer one condition for the call described by arg.  When why is not
 * NULL, also write a short description of why into it (e.g. "dwFlags=0x4");
 * the walker asks for it only for the deciding rule, so the per-input path
 * formats nothing. */
#define MDF_CMR_WHY(why, cap, ...) \
  ((why) != NULL ? (void)snprintf((why), (cap), __VA_ARGS__) : (void)0)
typedef mdf_tri_t (*mdf_cmr_classify_cb)(mdf_cmr_cond_t cond, const void *arg, char *why,
                                         size_t cap);

/* All rules in document order; *n gets the count. */
const mdf_cmr_rule_t *mdf_cmr_rules(size_t *n);
/* Condition name, e.g. "BAD_FLAGS". */
const char *mdf_cmr_cond_name(mdf_cmr_cond_t cond);

#define MDF_CMR_MAX_ALLOWED 32

typedef struct mdf_cmr_verdict {
  const mdf_cmr_rule_t *rule;          /* first YES rule, NULL: not judged */
  DWORD allowed[MDF_CMR_MAX_ALLOWED];  /* its codes and earlier MAYBE codes */
  size_t nallowed;
  char why[128];                       /* the classifier's reason for rule */
  bool after_maybe;                    /* a MAYBE rule came before rule */
} mdf_cmr_verdict_t;

/* Walk export_name's rules.  Returns true when a rule decides (v->rule set). */
bool mdf_cmr_walk(const char *export_name, mdf_cmr_classify_cb classify, const void *arg,
                  mdf_cmr_verdict_t *v);
/* Add a code to the allowed set (e.g. out-of-memory after a fault). */
void mdf_cmr_allow(mdf_cmr_verdict_t *v, DWORD code);
bool mdf_cmr_allowed(const mdf_cmr_verdict_t *v, DWORD code);
/* "SCARD_E_INVALID_PARAMETER or ERROR_REVISION_MISMATCH" of the rule's own
 * codes (not the MAYBE ones), into buf. */
const char *mdf_cmr_expected(const mdf_cmr_verdict_t *v, char *buf, size_t cap);

/* Name of a Windows status code from MDF_WIN_CODES, or NULL if unknown. */
const char *mdf_win_code_name(DWORD code);

#endif
