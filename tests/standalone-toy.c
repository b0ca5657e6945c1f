/* A toy target for the standalone runner's tests: "CRASH" aborts, "HANG"
 * sleeps, anything else is logged (one hash per input) to $TOY_LOG. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *log = getenv("TOY_LOG");
  uint32_t h = 2166136261u;
  size_t i;

  if (size >= 5 && memcmp(data, "CRASH", 5) == 0)
    abort();
  if (size >= 4 && memcmp(data, "HANG", 4) == 0)
    sleep(30);
  for (i = 0; i < size; i++)
    h = (h ^ data[i]) * 16777619u;
  if (log != NULL) {
    FILE *f = fopen(log, "a");
    if (f != NULL) {
      fprintf(f, "%zu %08x\n", size, (unsigned)h);
      fclose(f);
    }
  }
  return 0;
}
