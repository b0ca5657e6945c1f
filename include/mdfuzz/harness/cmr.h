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
  /* CardAcquireContext */                                                     \
  X(NULL_CARD_DATA)  /* pCardData is NULL */                                   \
  X(BAD_FLAGS)       /* dwFlags (or a struct's flags) not allowed */           \
  X(BAD_VERSION)     /* CARD_DATA version below the driver's minimum */        \
  X(NULL_ATR)        /* pbAtr NULL */                                          \
  X(BAD_CBATR)       /* cbAtr invalid */                                       \
  X(NULL_NAME)       /* pwszCardName NULL */                                   \
  X(UNKNOWN_ATR)     /* pbAtr not a card the driver supports */                \
  X(NULL_ALLOCATOR)  /* pfnCspAlloc/ReAlloc/Free NULL */                       \
  X(BAD_CONTEXT)     /* hSCardCtx invalid */                                   \
  X(BAD_HANDLE)      /* hScard invalid */                                      \
  /* files and directories */                                                  \
  X(BAD_FILE_NAME)   /* pszFileName NULL or empty */                           \
  X(NULL_DATA_OUT)   /* data output pointer NULL */                            \
  X(NULL_LEN_OUT)    /* length output pointer NULL */                          \
  X(BAD_DIR_NAME)    /* pszDirectoryName NULL or empty (where required) */     \
  X(BAD_DIR_LEN)     /* directory name not 1..8 characters */                  \
  X(BAD_DIR_CHARS)   /* directory name has forbidden characters */             \
  X(NO_DIR)          /* directory does not exist */                            \
  X(BAD_FILE_LEN)    /* file name not 1..8 characters */                       \
  X(BAD_FILE_CHARS)  /* file name has forbidden characters */                  \
  X(NO_FILE)         /* file does not exist */                                 \
  X(NO_ACCESS)       /* principal may not do this to the file/directory */     \
  X(NOT_AUTHENTICATED) /* nobody authenticated to the card */                  \
  X(BAD_ACCESS_COND) /* access condition not in the allowed set */             \
  X(DIR_EXISTS)      /* directory already exists */                            \
  X(NAME_IS_FILE)    /* directory name is an existing file */                  \
  X(FILE_EXISTS)     /* file already exists */                                 \
  X(DIR_NOT_EMPTY)   /* directory not empty */                                 \
  X(DIR_EMPTY)       /* directory has no files */                              \
  X(NO_SPACE)        /* card out of space */                                   \
  X(NULL_DATA_IN)    /* input data pointer NULL */                             \
  X(ZERO_LEN)        /* input length 0 */                                      \
  /* authentication */                                                         \
  X(NULL_USER_ID)    /* pwszUserId NULL */                                     \
  X(BAD_USER_ID)     /* pwszUserId not an allowed user */                      \
  X(NULL_PIN)        /* PIN data pointer NULL */                               \
  X(BAD_PIN_LEN)     /* PIN length inconsistent (0xFFFFFFFF, ...) */           \
  X(WRONG_PIN)       /* PIN wrong or not presented */                          \
  X(NULL_AUTH_DATA)  /* current authenticator / response NULL */               \
  X(NULL_NEW_PIN)    /* new PIN / target data NULL */                          \
  X(ZERO_AUTH_LEN)   /* authenticator length 0 */                              \
  X(ZERO_NEW_PIN_LEN) /* new PIN length 0 */                                   \
  X(BAD_RETRY_COUNT) /* cRetryCount non-zero (unsupported) */                  \
  X(NO_CHALLENGE)    /* previous card command was not a challenge */           \
  X(WRONG_RESPONSE)  /* challenge response wrong */                            \
  X(REUSED_RESPONSE) /* challenge response used a second time */               \
  X(SHORT_RESPONSE)  /* challenge response too short */                        \
  X(BAD_PIN_ID)      /* PIN_ID out of range */                                 \
  X(NULL_SESSION_OUT) /* session PIN asked for, output pointers NULL */        \
  /* structs, containers, crypto */                                            \
  X(NULL_STRUCT)     /* struct pointer NULL */                                 \
  X(BAD_STRUCT_VERSION) /* struct dwVersion not supported */                   \
  X(NO_CONTAINER)    /* container index invalid or empty */                    \
  X(NULL_KEY_DATA)   /* key import without key data */                         \
  X(BAD_KEYSPEC)     /* dwKeySpec not an AT_* value allowed here */            \
  X(BAD_KEYSIZE)     /* key size not valid for the key spec */                 \
  X(UNSUPPORTED)     /* valid but unsupported request */                       \
  X(BAD_DATA_LEN)    /* data length not fitting the key */                     \
  X(BAD_HASH_ALG)    /* aiHashAlg not a hash algorithm */                      \
  X(NULL_KDF)        /* pwszKDF NULL */                                        \
  X(BAD_KDF)         /* pwszKDF unknown */                                     \
  X(BAD_AGREEMENT_INDEX) /* no such DH agreement */                            \
  X(BAD_PARAMS)      /* KDF parameter list invalid */                          \
  /* properties and v7 key injection */                                        \
  X(UNKNOWN_PROPERTY) /* property unknown, or not readable/writable here */    \
  X(SHORT_BUFFER)    /* output buffer smaller than the value */                \
  X(NULL_ALG)        /* algorithm id NULL */                                   \
  X(NULL_BLOB_TYPE)  /* blob type NULL */                                      \
  X(NULL_KEY_OUT)    /* key handle output NULL */                              \
  X(NULL_SECURE_FUNCTION) /* secure function name NULL */                      \
  X(BAD_KEY_HANDLE)  /* key handle not from this session */                    \
  X(NOT_IMPLEMENTED) /* an optional feature the driver may not support */

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

/* One-line title of a CMR id (exact ID or its section), NULL if unknown.
 * E.g. "CMR.1.3.4" -> "memory must be allocated and freed through the CSP
 * callbacks".  buf holds a title made from the section. */
const char *mdf_cmr_title(const char *id, char *buf, size_t cap);

#endif
