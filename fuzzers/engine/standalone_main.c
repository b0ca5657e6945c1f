/* The `standalone` engine: a main() for any LLVMFuzzerTestOneInput, built
 * with any compiler (gcc included).  It is a regression runner first:
 *
 *   target [options] FILE|DIR...    run every file (directories: every
 *                                   regular file in name order)
 *   -runs=N -seed=S                 then N inputs made by mutating those
 *                                   files with a deterministic PRNG
 *   -timeout=S                      per-input limit (alarm): a "hang" finding
 *   -artifact_prefix=P              where a crashing input is written
 *                                   (P + crash-<hash>) before the process dies
 *
 * Other libFuzzer-style options are accepted and ignored with a note, so one
 * command line serves both engines.  An unreadable file is one line
 * "standalone: <path>: <reason>" and exit 2. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
void mdf_finding_set_death_hook(void (*hook)(void)) __attribute__((weak));
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

#define MAX_LEN 4096
#define MAX_SEEDS 4096

static const uint8_t *g_cur; /* the input running now (NULL between inputs) */
static size_t g_cur_len;
static const char *g_prefix; /* NULL: keep no artifacts */
static unsigned g_timeout;
static volatile sig_atomic_t g_saved;

/* ---- crash artifacts (async-signal-safe) -------------------------------- */

static uint64_t fnv1a(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i;

  for (i = 0; i < n; i++)
    h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

static void put_str(int fd, const char *s) {
  ssize_t r = write(fd, s, strlen(s));

  (void)r;
}

static void save_artifact(const char *kind) {
  char path[4096];
  uint64_t h;
  size_t n = 0, k;
  int fd, i;

  if (g_saved || g_cur == NULL || g_prefix == NULL)
    return;
  g_saved = 1;
  h = fnv1a(g_cur, g_cur_len);
  for (k = 0; g_prefix[k] && n < sizeof(path) - 64; k++)
    path[n++] = g_prefix[k];
  for (k = 0; kind[k]; k++)
    path[n++] = kind[k];
  for (i = 60; i >= 0; i -= 4)
    path[n++] = "0123456789abcdef"[(h >> i) & 15];
  path[n] = '\0';
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    put_str(2, "standalone: cannot write the crash input to ");
  } else {
    size_t off = 0;

    while (off < g_cur_len) {
      ssize_t w = write(fd, g_cur + off, g_cur_len - off);
      if (w <= 0)
        break;
      off += (size_t)w;
    }
    close(fd);
    put_str(2, "standalone: crash input written to ");
  }
  put_str(2, path);
  put_str(2, "\n");
}

static void on_death(void) {
  save_artifact("crash-");
}

static const int g_fatal[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
static struct sigaction g_fatal_old[sizeof(g_fatal) / sizeof(g_fatal[0])];

/* Save the input, then chain to the handler that was there before (the
 * sanitizer's: with gcc's ASan a SEGV is reported only by its handler, and
 * mdfuzz's finding line follows from that report), else die. */
static void on_fatal(int sig, siginfo_t *info, void *uctx) {
  size_t i;

  save_artifact("crash-");
  for (i = 0; i < sizeof(g_fatal) / sizeof(g_fatal[0]); i++) {
    const struct sigaction *o = &g_fatal_old[i];

    if (g_fatal[i] != sig)
      continue;
    if ((o->sa_flags & SA_SIGINFO) && o->sa_sigaction != NULL)
      o->sa_sigaction(sig, info, uctx);
    else if (o->sa_handler != SIG_DFL && o->sa_handler != SIG_IGN && o->sa_handler != NULL)
      o->sa_handler(sig);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

static void on_alarm(int sig) {
  char line[96];

  (void)sig;
  snprintf(line, sizeof(line), "mdfuzz: hang: input ran longer than %u s\n", g_timeout);
  put_str(2, line);
  save_artifact("timeout-");
  _exit(70);
}

static void install_handlers(void) {
  size_t i;

  for (i = 0; i < sizeof(g_fatal) / sizeof(g_fatal[0]); i++) {
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fatal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(g_fatal[i], &sa, &g_fatal_old[i]);
  }
  signal(SIGALRM, on_alarm);
  if (__sanitizer_set_death_callback != NULL)
    __sanitizer_set_death_callback(on_death);
  if (mdf_finding_set_death_hook != NULL) /* mdfuzz replaces the callback */
    mdf_finding_set_death_hook(on_death);
}

/* ---- running inputs -------------------------------------------------------- */

static void run_one(const uint8_t *data, size_t len) {
  g_cur = data;
  g_cur_len = len;
  g_saved = 0;
  if (g_timeout)
    alarm(g_timeout);
  LLVMFuzzerTestOneInput(data, len);
  if (g_timeout)
    alarm(0);
  g_cur = NULL;
}

typedef struct seed {
  uint8_t *data;
  size_t len;
} seed_t;

static seed_t g_seeds[MAX_SEEDS];
static size_t g_nseeds;

static void read_file(const char *path, seed_t *out) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf = NULL;
  size_t len = 0, cap = 0, n;
  uint8_t chunk[8192];

  if (f == NULL)
    goto fail;
  while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
    if (len + n > cap) {
      uint8_t *q = realloc(buf, len + n);
      if (q == NULL)
        goto fail;
      buf = q;
      cap = len + n;
    }
    memcpy(buf + len, chunk, n);
    len += n;
  }
  if (ferror(f))
    goto fail;
  fclose(f);
  if (buf == NULL)
    buf = malloc(1); /* an empty input is valid */
  out->data = buf;
  out->len = len;
  return;
fail:
  fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno ? errno : EIO));
  exit(2);
}

static void run_file(const char *path, int keep) {
  seed_t s;

  read_file(path, &s);
  printf("Running: %s (%zu bytes)\n", path, s.len);
  fflush(stdout);
  run_one(s.data, s.len);
  if (keep && g_nseeds < MAX_SEEDS)
    g_seeds[g_nseeds++] = s;
  else
    free(s.data);
}

static int name_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t run_path(const char *path, int keep) {
  struct stat st;
  DIR *d;
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, i, ran = 0;

  if (stat(path, &st) != 0) {
    fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
    exit(2);
  }
  if (!S_ISDIR(st.st_mode)) {
    run_file(path, keep);
    return 1;
  }
  d = opendir(path);
  if (d == NULL) {
    fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
    exit(2);
  }
  while ((e = readdir(d)) != NULL) {
    char **q;

    if (e->d_name[0] == '.')
      continue;
    q = realloc(names, (n + 1) * sizeof(*names));
    if (q == NULL)
      break;
    names = q;
    names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
    if (names[n] == NULL)
      break;
    sprintf(names[n], "%s/%s", path, e->d_name);
    n++;
  }
  closedir(d);
  qsort(names, n, sizeof(*names), name_cmp);
  for (i = 0; i < n; i++) {
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
      run_file(names[i], keep);
      ran++;
    }
    free(names[i]);
  }
  free(names);
  return ran;
}

/* ---- deterministic mutation ----------------------------------------------- */

static uint64_t g_rng;

static uint64_t rnd(void) {
  g_rng ^= g_rng >> 12;
  g_rng ^= g_rng << 25;
  g_rng ^= g_rng >> 27;
  return g_rng * 0x2545F4914F6CDD1Dull;
}

static size_t below(size_t n) {
  return n ? (size_t)(rnd() % n) : 0;
}

static const uint8_t interesting[] = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0xC0, 0xE0, 0xF0,
                                      0xF8, 0xFE, 0x90, 0x61, 0x6C, 0x6A, 0x69, 0x10};

static size_t mutate(uint8_t *buf, size_t len) {
  int steps = 1 + (int)below(4);

  while (steps-- > 0) {
    size_t pos = below(len), n;
    const seed_t *other;

    switch (below(6)) {
    case 0: /* bit flip */
      if (len)
        buf[pos] ^= (uint8_t)(1u << below(8));
      break;
    case 1: /* random byte */
      if (len)
        buf[pos] = (uint8_t)rnd();
      break;
    case 2: /* insert */
      if (len < MAX_LEN) {
        memmove(buf + pos + 1, buf + pos, len - pos);
        buf[pos] = (uint8_t)rnd();
        len++;
      }
      break;
    case 3: /* erase */
      if (len) {
        n = 1 + below(len - pos < 8 ? len - pos : 8);
        memmove(buf + pos, buf + pos + n, len - pos - n);
        len -= n;
      }
      break;
    case 4: /* splice the tail of another seed */
      if (g_nseeds) {
        other = &g_seeds[below(g_nseeds)];
        n = other->len - below(other->len + 1);
        if (pos + n > MAX_LEN)
          n = MAX_LEN - pos;
        memcpy(buf + pos, other->data + (other->len - n), n);
        if (pos + n > len)
          len = pos + n;
      }
      break;
    default: /* interesting value */
      if (len)
        buf[pos] = interesting[below(sizeof(interesting))];
      break;
    }
  }
  return len;
}

static void generate(unsigned long runs) {
  static uint8_t buf[MAX_LEN];
  unsigned long i;

  for (i = 0; i < runs; i++) {
    size_t len = 0;
    uint8_t *in;

    if (g_nseeds) {
      const seed_t *s = &g_seeds[below(g_nseeds)];
      len = s->len < MAX_LEN ? s->len : MAX_LEN;
      memcpy(buf, s->data, len);
    }
    len = mutate(buf, len);
    /* An exact-size copy, so reads past the end are caught. */
    in = malloc(len ? len : 1);
    if (in == NULL)
      exit(2);
    memcpy(in, buf, len);
    run_one(in, len);
    free(in);
  }
}

int main(int argc, char **argv) {
  unsigned long runs = 0, seed = 0;
  size_t files = 0, i;
  int a;

  setvbuf(stdout, NULL, _IOLBF, 0);
  for (a = 1; a < argc; a++) {
    const char *s = argv[a];

    if (strncmp(s, "-runs=", 6) == 0)
      runs = strtoul(s + 6, NULL, 10);
    else if (strncmp(s, "-seed=", 6) == 0)
      seed = strtoul(s + 6, NULL, 10);
    else if (strncmp(s, "-timeout=", 9) == 0)
      g_timeout = (unsigned)strtoul(s + 9, NULL, 10);
    else if (strncmp(s, "-artifact_prefix=", 17) == 0)
      g_prefix = s + 17;
    else if (s[0] == '-')
      fprintf(stderr, "standalone: ignoring option %s\n", s);
  }
  if (runs && g_prefix == NULL)
    g_prefix = "./"; /* generated inputs exist nowhere else */
  install_handlers();
  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize(&argc, &argv);
  for (a = 1; a < argc; a++)
    if (argv[a][0] != '-')
      files += run_path(argv[a], runs != 0);
  g_rng = 0x9E3779B97F4A7C15ull ^ ((uint64_t)seed * 0xD1B54A32D192ED03ull);
  if (g_rng == 0)
    g_rng = 1;
  generate(runs);
  printf("Executed %zu file(s) and %lu generated input(s) (seed %lu): no crash\n", files, runs,
         seed);
  for (i = 0; i < g_nseeds; i++)
    free(g_seeds[i].data);
  return 0;
}
