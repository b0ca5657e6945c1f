/* Private to the text form: the line lexer the parser reads with. */
#ifndef MDF_FUZZERS_TEXT_INT_H
#define MDF_FUZZERS_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode_int.h"

typedef struct parser {
  const char *text, *end;
  const char *next;    /* start of the next unread line */
  unsigned next_no;    /* its number */
  const char *ln, *le; /* current line (comment and trailing blanks cut) */
  const char *q;       /* read position in it */
  unsigned no;         /* its number */
  mdf_case_t *c;
  mdf_diag_t *diag;
} parser_t;

mdf_err_t mdf__t_fail(parser_t *p, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool mdf__t_next_line(parser_t *p);
void mdf__t_skip_ws(parser_t *p);
const char *mdf__t_word(parser_t *p, size_t *n);
bool mdf__t_is_word(const char *s, size_t n, const char *w);
mdf_err_t mdf__t_end_of_line(parser_t *p);
bool mdf__t_parse_u32(const char *s, size_t n, uint32_t *v);
mdf_err_t mdf__t_number(parser_t *p, uint32_t *v);
mdf_err_t mdf__t_named(parser_t *p, const mdf_arg_spec_t *s, uint32_t *v);
int mdf__t_hexval(char ch);
mdf_err_t mdf__t_hex_bytes(parser_t *p, uint8_t *out, size_t cap, size_t *n);
mdf_err_t mdf__t_quoted(parser_t *p, bool wide, void *out, size_t cap, size_t *n);
mdf_err_t mdf__t_expect_key(parser_t *p, const char *name);
bool mdf__t_take_word(parser_t *p, const char *w);

#endif
