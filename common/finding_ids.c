/* The finding classes table (include/mdfuzz/common/finding_ids.h). */
#include "mdfuzz/common/finding_ids.h"

#include <string.h>

const mdf_finding_class_info_t mdf_finding_classes[MDF_FC_COUNT] = {
#define MDF__FC_ROW(name, id, title) {id, title},
    MDF_FINDING_CLASSES(MDF__FC_ROW)
#undef MDF__FC_ROW
};

const mdf_finding_class_info_t *mdf_finding_class_find(const char *id) {
  size_t i;

  for (i = 0; id != NULL && i < MDF_FC_COUNT; i++)
    if (strcmp(mdf_finding_classes[i].id, id) == 0)
      return &mdf_finding_classes[i];
  return NULL;
}
