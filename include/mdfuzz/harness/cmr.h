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

/* Every condition a rule may name: X(NAME, "text").  The text is the
 * condition in a few words; a rule's title is "<Export>: <text>", so the
 * rule rows carry no second description that could drift from them. */
#define MDF_CMR_CONDITIONS(X)                                                                      \
  X(NULL_CARD_DATA, "pCardData is NULL")                                                           \
  X(BAD_FLAGS, "non-zero dwFlags, or flags the call does not allow")                               \
  X(BAD_VERSION, "CARD_DATA dwVersion below the lowest the driver supports")                       \
  X(NULL_ATR, "pbAtr is NULL")                                                                     \
  X(BAD_CBATR, "cbAtr is not a valid ATR length")                                                  \
  X(NULL_NAME, "pwszCardName is NULL")                                                             \
  X(UNKNOWN_ATR, "pbAtr is not the ATR of a card the driver supports")                             \
  X(NULL_ALLOCATOR, "pfnCspAlloc, pfnCspReAlloc or pfnCspFree is NULL")                            \
  X(BAD_CONTEXT, "hSCardCtx is non-zero but not a valid context (zero is no error)")               \
  X(BAD_HANDLE, "hScard is zero or not a valid card handle")                                       \
  /* files and directories */                                                                      \
  X(BAD_FILE_NAME, "pszFileName is NULL or empty")                                                 \
  X(NULL_DATA_OUT, "the data output pointer is NULL")                                              \
  X(NULL_LEN_OUT, "the length output pointer is NULL")                                             \
  X(BAD_DIR_NAME, "pszDirectoryName is NULL or empty where a name is needed")                      \
  X(BAD_DIR_LEN, "the directory name is not 1 to 8 characters long")                               \
  X(BAD_DIR_CHARS, "the directory name has a forbidden character")                                 \
  X(NO_DIR, "the directory does not exist")                                                        \
  X(BAD_FILE_LEN, "the file name is not 1 to 8 characters long")                                   \
  X(BAD_FILE_CHARS, "the file name has a forbidden character")                                     \
  X(NO_FILE, "the file does not exist")                                                            \
  X(NO_ACCESS, "the caller's role may not do this to the file or directory")                       \
  X(NOT_AUTHENTICATED, "no role is authenticated to the card")                                     \
  X(BAD_ACCESS_COND, "the access condition is not one of the allowed values")                      \
  X(DIR_EXISTS, "the directory already exists")                                                    \
  X(NAME_IS_FILE, "the directory name is the name of an existing file")                            \
  X(FILE_EXISTS, "the file already exists")                                                        \
  X(DIR_NOT_EMPTY, "the directory still holds files")                                              \
  X(DIR_EMPTY, "the directory holds no files")                                                     \
  X(NO_SPACE, "the card has no room left")                                                         \
  X(NULL_DATA_IN, "the input data pointer is NULL")                                                \
  X(ZERO_LEN, "the input length is 0")                                                             \
  /* authentication */                                                                             \
  X(NULL_USER_ID, "pwszUserId is NULL")                                                            \
  X(BAD_USER_ID, "pwszUserId is not a user the call accepts")                                      \
  X(NULL_PIN, "the PIN data pointer is NULL")                                                      \
  X(BAD_PIN_LEN, "the PIN length is inconsistent (e.g. 0xFFFFFFFF)")                               \
  X(WRONG_PIN, "the PIN is wrong or missing")                                                      \
  X(NULL_AUTH_DATA, "the current authenticator or response pointer is NULL")                       \
  X(NULL_NEW_PIN, "the new PIN or target data pointer is NULL")                                    \
  X(ZERO_AUTH_LEN, "the authenticator length is 0")                                                \
  X(ZERO_NEW_PIN_LEN, "the new PIN length is 0")                                                   \
  X(BAD_RETRY_COUNT, "cRetryCount is non-zero (not supported)")                                    \
  X(NO_CHALLENGE, "the previous card command was no challenge")                                    \
  X(WRONG_RESPONSE, "the challenge response is wrong")                                             \
  X(REUSED_RESPONSE, "the challenge response is used a second time")                               \
  X(SHORT_RESPONSE, "the challenge response is too short")                                         \
  X(BAD_PIN_ID, "the PIN_ID is out of range")                                                      \
  X(NULL_SESSION_OUT, "a session PIN is asked for with NULL output pointers")                      \
  /* structs, containers, crypto */                                                                \
  X(NULL_STRUCT, "the struct pointer is NULL")                                                     \
  X(BAD_STRUCT_VERSION, "the struct dwVersion is not supported")                                   \
  X(NO_CONTAINER, "the container index is invalid or the container empty")                         \
  X(NULL_KEY_DATA, "a key import has no key data")                                                 \
  X(BAD_KEYSPEC, "dwKeySpec is not an AT_* value allowed here")                                    \
  X(BAD_KEYSIZE, "the key size is not valid for the key spec")                                     \
  X(UNSUPPORTED, "a valid request the card does not support")                                      \
  X(BAD_DATA_LEN, "the data length does not fit the key")                                          \
  X(BAD_HASH_ALG, "aiHashAlg is not a hash algorithm")                                             \
  X(NULL_KDF, "pwszKDF is NULL")                                                                   \
  X(BAD_KDF, "pwszKDF names no known KDF")                                                         \
  X(BAD_AGREEMENT_INDEX, "no DH agreement has this index")                                         \
  X(BAD_PARAMS, "the KDF parameter list is invalid")                                               \
  /* properties and v7 key injection */                                                            \
  X(UNKNOWN_PROPERTY, "the property is unknown, or not readable or writable here")                 \
  X(SHORT_BUFFER, "the output buffer is smaller than the value")                                   \
  X(NULL_ALG, "the algorithm name is NULL")                                                        \
  X(NULL_BLOB_TYPE, "the blob type is NULL")                                                       \
  X(NULL_KEY_OUT, "the key handle output pointer is NULL")                                         \
  X(NULL_SECURE_FUNCTION, "the secure function name is NULL")                                      \
  X(BAD_KEY_HANDLE, "the key handle does not belong to this session")                              \
  X(NOT_IMPLEMENTED, "the driver may lack this optional feature")

typedef enum mdf_cmr_cond {
#define MDF__COND_ENUM(name, text) MDF_COND_##name,
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
#define MDF_CMR_WHY(why, cap, ...)                                                                 \
  ((why) != NULL ? (void)snprintf((why), (cap), __VA_ARGS__) : (void)0)
typedef mdf_tri_t (*mdf_cmr_classify_cb)(mdf_cmr_cond_t cond, const void *arg, char *why,
                                         size_t cap);

/* All rules in document order; *n gets the count. */
const mdf_cmr_rule_t *mdf_cmr_rules(size_t *n);
/* Condition name, e.g. "BAD_FLAGS". */
const char *mdf_cmr_cond_name(mdf_cmr_cond_t cond);
/* Condition text, e.g. "pCardData is NULL"; "?" when cond is out of range. */
const char *mdf_cmr_cond_text(mdf_cmr_cond_t cond);

/* One row of the finding-ID table (harness/cmr_rules.def, which includes
 * cmr_rules_spec.def), in file order: either a requirement that an oracle
 * checks by other means (MDF_CMR_REQ: ID, area, title) or an error rule
 * (MDF_CMR_RULE: ID, export, condition, codes).  Every CMR.* and SPEC.*
 * ID mdfuzz reports is one row. */
typedef struct mdf_cmr_row {
  const char *id;
  const char *area;  /* the export, or what a general requirement covers */
  const char *title; /* requirement rows; NULL for rules (mdf_cmr_title makes it) */
  bool is_rule;
  mdf_cmr_rule_t rule; /* is_rule: the same values as its mdf_cmr_rules() entry */
} mdf_cmr_row_t;

/* All rows in file order; *n gets the count. */
const mdf_cmr_row_t *mdf_cmr_rows(size_t *n);
/* The row of an exact ID, NULL when the table has none. */
const mdf_cmr_row_t *mdf_cmr_find(const char *id);

#define MDF_CMR_MAX_ALLOWED 32

typedef struct mdf_cmr_verdict {
  const mdf_cmr_rule_t *rule;         /* first YES rule, NULL: not judged */
  DWORD allowed[MDF_CMR_MAX_ALLOWED]; /* its codes and earlier MAYBE codes */
  size_t nallowed;
  char why[128];    /* the classifier's reason for rule */
  bool after_maybe; /* a MAYBE rule came before rule */
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

/* One-line title of a finding ID, for every ID mdfuzz reports:
 * - a requirement row: its title ("CMR.1.3.4" -> "memory must be allocated
 *   and freed through the CSP callbacks");
 * - a rule row: "<Export>: <condition text>", written into buf;
 * - a finding class of include/mdfuzz/common/finding_ids.h ("hang"): its title;
 * - an ID with no row whose section has rules (CMR.4.3.5.E99): a title made
 *   from the section's export, written into buf.
 * NULL when the ID is unknown, or id or buf is NULL, or cap is 0.  A title
 * written into buf is cut to cap - 1 characters (MDF_CMR_TITLE_MAX fits all). */
#define MDF_CMR_TITLE_MAX 192
const char *mdf_cmr_title(const char *id, char *buf, size_t cap);

#endif
