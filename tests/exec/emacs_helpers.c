/* Real Emacs 28.2 inline functions of lisp.h and character.h that only do integer and byte
   work, behind small exported wrappers taking and returning scalars and byte buffers.  Compiled
   with the 28.2 build's flags and translated with the Emacs rules. */
#include <config.h>
#include "lisp.h"
#include "character.h"

/* character.c's table for char_hexdigit. */
signed char const hexdigit[UCHAR_MAX + 1] =
  {
    ['0'] = 1 + 0, ['1'] = 1 + 1, ['2'] = 1 + 2, ['3'] = 1 + 3, ['4'] = 1 + 4,
    ['5'] = 1 + 5, ['6'] = 1 + 6, ['7'] = 1 + 7, ['8'] = 1 + 8, ['9'] = 1 + 9,
    ['A'] = 1 + 10, ['B'] = 1 + 11, ['C'] = 1 + 12,
    ['D'] = 1 + 13, ['E'] = 1 + 14, ['F'] = 1 + 15,
    ['a'] = 1 + 10, ['b'] = 1 + 11, ['c'] = 1 + 12,
    ['d'] = 1 + 13, ['e'] = 1 + 14, ['f'] = 1 + 15
  };

/* character.c's char_string, which CHAR_STRING calls for characters above MAX_3_BYTE_CHAR,
   without the branch for modifier bits (that needs char_resolve_modifier_mask and error):
   the tests pass characters up to MAX_CHAR only. */
int
char_string (unsigned int c, unsigned char *p)
{
  int bytes;

  if (c <= MAX_3_BYTE_CHAR)
    {
      bytes = CHAR_STRING (c, p);
    }
  else if (c <= MAX_4_BYTE_CHAR)
    {
      p[0] = (0xF0 | (c >> 18));
      p[1] = (0x80 | ((c >> 12) & 0x3F));
      p[2] = (0x80 | ((c >> 6) & 0x3F));
      p[3] = (0x80 | (c & 0x3F));
      bytes = 4;
    }
  else if (c <= MAX_5_BYTE_CHAR)
    {
      p[0] = 0xF8;
      p[1] = (0x80 | ((c >> 18) & 0x0F));
      p[2] = (0x80 | ((c >> 12) & 0x3F));
      p[3] = (0x80 | ((c >> 6) & 0x3F));
      p[4] = (0x80 | (c & 0x3F));
      bytes = 5;
    }
  else
    {
      c = CHAR_TO_BYTE8 (c);
      bytes = BYTE8_STRING (c, p);
    }

  return bytes;
}

/* lisp.h */
int h_ascii_char_p (long c) { return ASCII_CHAR_P (c); }
unsigned long h_sxhash_combine (unsigned long x, unsigned long y) { return sxhash_combine (x, y); }
unsigned long h_sxhash_reduce (unsigned long x) { return SXHASH_REDUCE (x); }
long h_clip_to_bounds (long lo, long x, long hi) { return clip_to_bounds (lo, x, hi); }
long h_bool_vector_words (long size) { return size < 0 || size > (1L << 60) ? -1 : bool_vector_words (size); }
long h_bool_vector_bytes (long size) { return size < 0 || size > (1L << 60) ? -1 : bool_vector_bytes (size); }

long
h_modiff_incr (long start, int times)
{
  modiff_count m = start & ((1L << 58) - 1);
  long s = 0;
  for (int i = 0; i < (times & 15); i++)
    s = s * 3 + modiff_incr (&m);
  return s ^ m;
}

void
h_memclear (unsigned char *buf, int from, int n)
{
  memclear (buf + (from & 7), n & 7);
}

/* A hash in the style of sxhash_string: sxhash_combine over bytes, then reduced. */
unsigned long
h_hash_bytes (const unsigned char *p, long n)
{
  EMACS_UINT hash = 0;
  for (long i = 0; i < n; i++)
    hash = sxhash_combine (hash, p[i]);
  return SXHASH_REDUCE (hash);
}

/* character.h: predicates and conversions of character codes. */
int h_single_byte_char_p (long c) { return SINGLE_BYTE_CHAR_P (c); }
int h_char_valid_p (long c) { return CHAR_VALID_P (c); }
int h_char_byte8_p (int c) { return CHAR_BYTE8_P (c); }
int h_byte8_to_char (int b) { return BYTE8_TO_CHAR (b & 0xff); }
int h_unibyte_to_char (int b) { return UNIBYTE_TO_CHAR (b & 0xff); }
int h_make_char_multibyte (int b) { return make_char_multibyte (b & 0xff); }
int h_char_to_byte8 (int c) { return CHAR_TO_BYTE8 (c); }
int h_char_to_byte_safe (int c) { return CHAR_TO_BYTE_SAFE (c); }
int h_char_byte8_head_p (int b) { return CHAR_BYTE8_HEAD_P (b); }
int h_char_bytes (int c) { return CHAR_BYTES (c); }
int h_char_leading_code (int c) { return CHAR_LEADING_CODE (c); }
int h_leading_code_p (int b) { return LEADING_CODE_P (b); }
int h_trailing_code_p (int b) { return TRAILING_CODE_P (b); }
int h_char_head_p (int b) { return CHAR_HEAD_P (b); }
int h_bytes_by_char_head (int b) { return BYTES_BY_CHAR_HEAD (b); }
int h_char_variation_selector_p (int c) { return CHAR_VARIATION_SELECTOR_P (c); }
int h_char_surrogate_p (int c) { return char_surrogate_p (c); }
int h_char_hexdigit (int c) { return char_hexdigit (c); }

/* Encoding: CHAR_STRING writes the multibyte form of C (0 <= C <= MAX_CHAR) into OUT. */
int
h_char_string (unsigned char *out, int c)
{
  if (c < 0 || c > MAX_CHAR)
    return -1;
  return CHAR_STRING (c, out);
}

int h_byte8_string (unsigned char *out, int b) { return BYTE8_STRING (b & 0xff, out); }

/* Decoding: the character at P and its length, as C * 8 + LENGTH. */
long
h_string_char_and_length (const unsigned char *p)
{
  int len;
  int c = string_char_and_length (p, &len);
  return (long) c * 8 + len;
}

int h_string_char (const unsigned char *p) { return STRING_CHAR (p); }

/* multibyte_length over the N bytes at P, in its four modes. */
int
h_multibyte_length (const unsigned char *p, int n, int mode)
{
  return multibyte_length (p, p + n, mode & 1, (mode & 2) != 0);
}

/* Walk a whole multibyte string: count characters and fold their codes; then walk it
   backwards with raw_prev_char_len. */
long
h_decode_all (const unsigned char *p, int n)
{
  const unsigned char *q = p, *end = p + n;
  long chars = 0, sum = 0;
  while (q < end)
    {
      int c = string_char_advance (&q);
      sum = sum * 31 + c;
      chars++;
    }
  long back = 0;
  for (const unsigned char *r = end; r > p; r -= raw_prev_char_len (r))
    back++;
  return (sum & 0xffffffff) * 1024 + chars * 32 + (back == chars);
}

/* Encode a sequence of characters into a buffer, then decode it again. */
long
h_roundtrip (unsigned char *out, int c1, int c2, int c3)
{
  int cs[3] = { c1 & MAX_CHAR, c2 & MAX_5_BYTE_CHAR, c3 & 0xFFFF };
  unsigned char *p = out;
  for (int i = 0; i < 3; i++)
    p += CHAR_STRING (cs[i], p);
  long n = p - out;
  const unsigned char *q = out;
  long ok = 0;
  for (int i = 0; i < 3; i++)
    ok = ok * 2 + (string_char_advance (&q) == cs[i]);
  return n * 16 + ok + (q == p) * 8;
}

/* Fixnums: the rules make make_fixnum, XFIXNUM, FIXNUMP and EQ operations on CL integers; C
   does them on the tagged word.  Both agree on every fixnum. */
long
h_fixnum_roundtrip (long n)
{
  n = clip_to_bounds (MOST_NEGATIVE_FIXNUM, n, MOST_POSITIVE_FIXNUM);
  Lisp_Object x = make_fixnum (n);
  return XFIXNUM (x) * 2 + FIXNUMP (x);
}

int
h_fixnum_eq (long a, long b)
{
  a = clip_to_bounds (MOST_NEGATIVE_FIXNUM, a, MOST_POSITIVE_FIXNUM);
  b = clip_to_bounds (MOST_NEGATIVE_FIXNUM, b, MOST_POSITIVE_FIXNUM);
  return EQ (make_fixnum (a), make_fixnum (b)) + 2 * (XFIXNUM (make_fixnum (a)) < XFIXNUM (make_fixnum (b)));
}
