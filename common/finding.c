/* Findings: the one report line, the crash context, and the hooks that make
 * sanitizer reports and fatal signals carry that context too.
 *
 * Sanitizer entry points are declared weak so that this file links into
 * builds with or without a sanitizer runtime (gcc standalone, clang
 * libFuzzer, AFL++).  libFuzzer installs its own sanitizer death callback
 * after LLVMFuzzerInitialize, replacing ours; the ASan error-report callback
 * is separate and survives, so ASan reports still get their class line. */
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

#include <dlfcn.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void __sanitizer_print_stack_trace(void) __attribute__((weak));
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));
const char *__asan_get_report_description(void) __attribute__((weak));
void __asan_set_error_report_callback(void (*cb)(const char *)) __attribute__((weak));

static mdf_context_t g_ctx;
static void (*g_death_hook)(void);
static bool g_installed;
static bool g_class_printed; /* the class line of this death is out */
static struct sigaction g_old[4];
static const int g_signals[4] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

mdf_context_t *mdf_context(void) {
  return &g_ctx;
}

void mdf_context_reset(void) {
  uint32_t (*apdus)(void) = g_ctx.apdus; /* a registration, not per-input state */

  memset(&g_ctx, 0, sizeof(g_ctx));
  g_ctx.apdus = apdus;
}

void mdf_finding_set_death_hook(void (*hook)(void)) {
  g_death_hook = hook;
}

static void run_death_hook(void) {
  void (*hook)(void) = g_death_hook;

  g_death_hook = NULL; /* once, even if the hook itself crashes */
  if (hook != NULL)
    hook();
}

static void print_context(void) {
  unsigned apdus = g_ctx.apdus != NULL ? (unsigned)g_ctx.apdus() : 0;

  if (g_ctx.fault != NULL)
    fprintf(stderr, "mdfuzz: context: export=%s apdus=%u fault=%s#%u\n",
            g_ctx.export_name ? g_ctx.export_name : "-", apdus, g_ctx.fault,
            (unsigned)g_ctx.fault_call);
  else
    fprintf(stderr, "mdfuzz: context: export=%s apdus=%u fault=none\n",
            g_ctx.export_name ? g_ctx.export_name : "-", apdus);
}

void mdf_finding(const char *id, const char *fmt, ...) {
  va_list ap;

  fprintf(stderr, "mdfuzz: %s: ", id ? id : "finding");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  print_context();
  if (__sanitizer_print_stack_trace != NULL)
    __sanitizer_print_stack_trace();
  fflush(stderr);
  g_class_printed = true;
  run_death_hook();
  abort();
}

/* The class line after a crash: an injected allocator fault explains the
 * crash (CMR.1.4.1 / CMR.1.4.3); otherwise name the sanitizer's class. */
static void print_class(const char *cls) {
  const char *where = g_ctx.export_name ? g_ctx.export_name : "-";

  if (g_class_printed)
    return;
  g_class_printed = true;
  if (g_ctx.fault_call != 0 && g_ctx.fault != NULL) {
    bool re = strstr(g_ctx.fault, "ReAlloc") != NULL;
    fprintf(stderr, "mdfuzz: %s: crash after %s returned NULL (call #%u) in %s\n",
            re ? "CMR.1.4.3" : "CMR.1.4.1", g_ctx.fault, (unsigned)g_ctx.fault_call, where);
  } else {
    fprintf(stderr, "mdfuzz: %s: %s in %s\n", cls, "sanitizer report", where);
  }
  print_context();
  fflush(stderr);
}

/* "ERROR: AddressSanitizer: heap-buffer-overflow on ..." -> the class word. */
static void class_from_report(const char *report, char *buf, size_t cap) {
  const char *p = report ? strstr(report, "AddressSanitizer: ") : NULL;
  size_t n = 0;

  snprintf(buf, cap, "%s", MDF_FINDING_ID(CRASH));
  if (p == NULL)
    return;
  p += strlen("AddressSanitizer: ");
  while (p[n] != '\0' && p[n] != ' ' && p[n] != '\n' && n + 1 < cap)
    n++;
  if (n > 0) {
    memcpy(buf, p, n);
    buf[n] = '\0';
  }
}

static void on_asan_report(const char *report) {
  char cls[64];
  const char *d = __asan_get_report_description ? __asan_get_report_description() : NULL;

  if (d != NULL && d[0] != '\0')
    snprintf(cls, sizeof(cls), "%s", d);
  else
    class_from_report(report, cls, sizeof(cls));
  print_class(cls);
}

/* Every sanitizer (ASan, UBSan, LSan) ends its report with this weak
 * runtime function; defining it is the one hook libFuzzer does not take
 * over, so the class line follows UBSan reports under libFuzzer too.
 * "SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior f.c:9 in" */
void __sanitizer_report_error_summary(const char *summary);
void __sanitizer_report_error_summary(const char *summary) {
  char cls[64];
  const char *p = summary ? strstr(summary, "Sanitizer: ") : NULL;
  size_t n = 0;

  fprintf(stderr, "%s\n", summary ? summary : "");
  snprintf(cls, sizeof(cls), "%s", MDF_FINDING_ID(CRASH));
  if (p != NULL) {
    p += strlen("Sanitizer: ");
    while (p[n] != '\0' && p[n] != ' ' && n + 1 < sizeof(cls))
      n++;
    if (n > 0) {
      memcpy(cls, p, n);
      cls[n] = '\0';
    }
  }
  if (strstr(summary ? summary : "", "LeakSanitizer") != NULL && g_ctx.export_name == NULL)
    return; /* a leak seen at exit belongs to no input */
  print_class(cls);
}

static void on_sanitizer_death(void) {
  const char *d = __asan_get_report_description ? __asan_get_report_description() : NULL;

  print_class(d != NULL && d[0] != '\0' ? d : MDF_FINDING_ID(CRASH));
  run_death_hook();
}

static void on_signal(int sig, siginfo_t *info, void *uctx) {
  size_t i;

  print_class(sig == SIGSEGV  ? "SEGV"
              : sig == SIGBUS ? "BUS"
              : sig == SIGFPE ? "FPE"
                              : MDF_FINDING_ID(CRASH));
  run_death_hook();
  for (i = 0; i < sizeof(g_signals) / sizeof(g_signals[0]); i++) {
    if (g_signals[i] != sig)
      continue;
    /* Chain to whoever was there before (a runner's handler), else die. */
    if ((g_old[i].sa_flags & SA_SIGINFO) && g_old[i].sa_sigaction != NULL) {
      g_old[i].sa_sigaction(sig, info, uctx);
    } else if (g_old[i].sa_handler != SIG_DFL && g_old[i].sa_handler != SIG_IGN &&
               g_old[i].sa_handler != NULL) {
      g_old[i].sa_handler(sig);
    }
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

/* gcc links UBSan as its own runtime with its own copy of the sanitizer
 * death callback; the weak reference above binds to ASan's.  Reach UBSan's
 * copy by name so that UBSan deaths carry the context too. */
static void set_ubsan_death_callback(void) {
  void *lib = dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD);
  void (*set)(void (*)(void));
  void *sym;

  if (lib == NULL)
    return;
  sym = dlsym(lib, "__sanitizer_set_death_callback");
  memcpy(&set, &sym, sizeof(set));
  if (set != NULL && set != __sanitizer_set_death_callback)
    set(on_sanitizer_death);
  dlclose(lib);
}

void mdf_context_install(void) {
  size_t i;

  if (g_installed)
    return;
  g_installed = true;
  if (__asan_set_error_report_callback != NULL)
    __asan_set_error_report_callback(on_asan_report);
  if (__sanitizer_set_death_callback != NULL)
    __sanitizer_set_death_callback(on_sanitizer_death);
  set_ubsan_death_callback();
  /* ASan owns SIGSEGV & co. when present; without it we catch them. */
  if (__asan_set_error_report_callback != NULL)
    return;
  for (i = 0; i < sizeof(g_signals) / sizeof(g_signals[0]); i++) {
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(g_signals[i], &sa, &g_old[i]);
  }
}
