/* Finding IDs that are not CMR IDs: the one table of classes an oracle,
 * the runtime or triage reports (common/finding_ids.c).  CMR IDs live in
 * the CMR table (include/mdfuzz/harness/cmr.h); sanitizer classes
 * ("heap-buffer-overflow", ...) are the sanitizers' own words.
 *
 * X(NAME, "id", "title") -- NAME gives MDF_FC_<NAME> and MDF_FINDING_ID(NAME). */
#ifndef MDFUZZ_COMMON_FINDING_IDS_H
#define MDFUZZ_COMMON_FINDING_IDS_H

#include <stddef.h>

#define MDF_FINDING_CLASSES(X)                                                                     \
  X(HARNESS, "harness",                                                                            \
    "mdfuzz itself could not go on (out of memory, a callback with no harness): not a driver bug") \
  X(TRANSACTION_LEAK, "transaction-leak",                                                          \
    "an export returned with a PC/SC transaction still open")                                      \
  X(BUFFER_OVERRUN, "buffer-overrun",                                                              \
    "a driver wrote past a caller's buffer, or declared more than its capacity")                   \
  X(STRUCT_VERSION, "struct-version",                                                              \
    "a driver wrote back a struct dwVersion the caller did not allow")                             \
  X(INVALID_PARAMETER, "invalid-parameter",                                                        \
    "an MSVC *_s C-runtime function got an invalid parameter (Windows ends the process)")          \
  X(HANG, "hang", "an input ran past the per-input time limit")                                    \
  X(CRASH, "crash", "the target died (signal or sanitizer) with no more precise class")            \
  X(LEAK, "leak", "LeakSanitizer found memory still allocated at the end of an input")             \
  X(OOM, "oom", "the target went past its memory limit")                                           \
  X(SLOW_UNIT, "slow-unit", "an input ran slower than libFuzzer's slow-unit limit")                \
  X(DOUBLE_FREE, "double-free", "memory freed twice (AddressSanitizer)")                           \
  X(BAD_FREE, "bad-free", "free of an address that malloc did not return (AddressSanitizer)")      \
  X(EXIT, "exit", "the target exited by itself in the middle of an input")

typedef enum mdf_finding_class {
#define MDF__FC_ENUM(name, id, title) MDF_FC_##name,
  MDF_FINDING_CLASSES(MDF__FC_ENUM)
#undef MDF__FC_ENUM
      MDF_FC_COUNT
} mdf_finding_class_t;

typedef struct mdf_finding_class_info {
  const char *id;
  const char *title;
} mdf_finding_class_info_t;

extern const mdf_finding_class_info_t mdf_finding_classes[MDF_FC_COUNT];

/* The ID string of class NAME, e.g. MDF_FINDING_ID(HANG) is "hang". */
#define MDF_FINDING_ID(name) (mdf_finding_classes[MDF_FC_##name].id)

/* The class row of an ID string, NULL when it is no class of this table. */
const mdf_finding_class_info_t *mdf_finding_class_find(const char *id);

#endif
