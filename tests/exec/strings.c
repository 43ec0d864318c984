/* Byte walking: strlen-like loops, char * arithmetic, memcpy/memset/memcmp/memmove/memchr and
   the str* functions, signed and unsigned chars, in-place edits of the caller's buffer. */
#include <string.h>

long my_strlen (const char *s)
{
  const char *p = s;
  while (*p)
    p++;
  return p - s;
}

long lib_strlen (const char *s) { return strlen (s); }

unsigned long hash_bytes (const unsigned char *s, int n)
{
  unsigned long h = 5381;
  for (const unsigned char *p = s, *end = s + n; p != end; ++p)
    h = h * 33 + *p;
  return h;
}

int signed_sum (const char *s, int n)
{
  int sum = 0;
  for (int i = 0; i < n; i++)
    sum += s[i] * (i + 1);          /* char is signed */
  return sum;
}

int upcase (char *s)
{
  int changed = 0;
  for (char *p = s; *p; p++)
    if (*p >= 'a' && *p <= 'z')
      {
        *p -= 'a' - 'A';
        changed++;
      }
  return changed;
}

void reverse (char *s, int n)
{
  char *a = s, *b = s + n - 1;
  while (a < b)
    {
      char t = *a;
      *a++ = *b;
      *b-- = t;
    }
}

int count_char (const char *s, int c)
{
  int n = 0;
  const char *p = s;
  while ((p = strchr (p, c)) != NULL)
    {
      n++;
      if (!*p)
        break;
      p++;
    }
  return n;
}

long last_index (const char *s, int c)
{
  const char *p = strrchr (s, c);
  return p ? p - s : -1;
}

int compare (const char *a, const char *b)
{
  int r = strcmp (a, b);
  return r < 0 ? -1 : r > 0;
}

int ncompare (const char *a, const char *b, int n)
{
  int r = strncmp (a, b, n & 15);
  return r < 0 ? -1 : r > 0;
}

int mem_compare (const unsigned char *a, const unsigned char *b, int n)
{
  int r = memcmp (a, b, n & 15);
  return r < 0 ? -1 : r > 0;
}

void fill (unsigned char *buf, int c, int from, int n)
{
  from &= 7;
  n &= 7;
  memset (buf + from, c, n);
}

void copy_within (unsigned char *buf, int dst, int src, int n)
{
  dst &= 7;
  src &= 7;
  n &= 7;
  memmove (buf + dst, buf + src, n);
}

void copy_local (unsigned char *buf, int k)
{
  unsigned char tmp[16];
  memcpy (tmp, buf, 16);
  for (int i = 0; i < 16; i++)
    buf[i] = tmp[(i + k) & 15] ^ (unsigned char) i;
}

long find_byte (const unsigned char *buf, int c, int n)
{
  const unsigned char *p = memchr (buf, c, n & 15);
  return p ? p - buf : -1;
}

/* A local string built in a char array, with a literal. */
int literal_ops (int k)
{
  char buf[32] = "hello, world";
  const char *lit = "abcdefghij";
  buf[k & 7] = lit[(k >> 3) & 7];
  strcpy (buf + 13, lit + (k & 3));
  return (int) strlen (buf) * 100 + buf[k & 7] + buf[13] + (int) strlen (buf + 13);
}

/* Hex digits to a number, stopping at the first non-digit. */
long parse_hex (const char *s)
{
  long v = 0;
  for (;; s++)
    {
      int d;
      if (*s >= '0' && *s <= '9')
        d = *s - '0';
      else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
        d = (*s | 0x20) - 'a' + 10;
      else
        break;
      v = v * 16 + d;
    }
  return v;
}

/* Encode a number in decimal into the buffer, backwards, returning the length. */
int format_decimal (char *buf, long v)
{
  char tmp[24];
  char *p = tmp + sizeof tmp;
  unsigned long u = v < 0 ? -(unsigned long) v : (unsigned long) v;
  do
    *--p = '0' + u % 10;
  while ((u /= 10) != 0);
  if (v < 0)
    *--p = '-';
  int n = tmp + sizeof tmp - p;
  memcpy (buf, p, n);
  buf[n] = 0;
  return n;
}

/* Words: count and copy the longest. */
int longest_word (char *out, const char *s)
{
  const char *best = s, *start = s;
  long best_len = 0;
  for (const char *p = s;; p++)
    {
      if (*p == ' ' || *p == 0)
        {
          if (p - start > best_len)
            {
              best = start;
              best_len = p - start;
            }
          if (*p == 0)
            break;
          start = p + 1;
        }
    }
  memcpy (out, best, best_len);
  out[best_len] = 0;
  return best_len;
}

/* Reads of wider integers from a byte buffer. */
unsigned long read_u64 (const unsigned char *buf, int off)
{
  unsigned long v;
  memcpy (&v, buf + (off & 7), sizeof v);
  return v;
}

int read_s16 (const unsigned char *buf, int off)
{
  short v;
  memcpy (&v, buf + (off & 7), 2);
  return v;
}

void write_u32 (unsigned char *buf, int off, unsigned v)
{
  memcpy (buf + (off & 7), &v, sizeof v);
}

int read_through_cast (const unsigned char *buf, int off)
{
  const int *p = (const int *) (buf + (off & 3) * 4);
  return *p + p[1];
}

/* Part of a wider variable overwritten from bytes, then the bytes of a variable read in part. */
long partial_copy (const unsigned char *buf, long init, int k)
{
  long v = init;
  memcpy (&v, buf, 2);
  int w = (int) init;
  memcpy (&w, buf + 2, 1);
  unsigned short lo;
  memcpy (&lo, &v, 2);
  unsigned char b;
  memcpy (&b, &w, 1);
  return v * 7 + w * 3 + lo + b + k;
}

/* Bytes of a variable at an offset (constant or not: GCC computes the pointer either way). */
long byte_index (long init, int k, int x)
{
  long v = init;
  unsigned char *p = (unsigned char *) &v;
  p[k & 7] = (unsigned char) x;
  ((unsigned char *) &v)[1] = (unsigned char) k;
  return v + p[(k >> 3) & 7];
}

/* A byte walker called at each step of a caller that walks the same bytes: it takes its
   pointers as their parts (its parts entry), so that the caller makes no pointer per call.  */
static int utf8_length_at (const unsigned char *p, const unsigned char *end)
{
  int n = 1;
  if (*p >= 0xC0)
    while (p + n < end && (p[n] & 0xC0) == 0x80)
      n++;
  return n;
}

long count_utf8 (const unsigned char *s, int n)
{
  const unsigned char *p = s, *end = s + (n & 15);
  long count = 0, weighted = 0;
  while (p < end)
    {
      int len = utf8_length_at (p, end);
      weighted += len * (p - s + 1);
      p += len;
      count++;
    }
  return count * 1000 + weighted;
}

/* The same walker through a function pointer: the function of the C name, taking pointers.  */
long count_utf8_indirect (const unsigned char *s, int n)
{
  int (*length_at) (const unsigned char *, const unsigned char *) = utf8_length_at;
  const unsigned char *p = s + (n & 1), *end = s + (n & 15);
  long count = 0;
  for (; p < end; p += length_at (p, end))
    count++;
  return count;
}

/* Parts of NULL, and of a pointer made from an argument, passed on.  */
static long span (const char *from, const char *to)
{
  if (!from)
    return -1;
  return to - from;
}

long spans (const char *s, int n)
{
  return span (0, 0) * 100 + span (s + (n & 7), s + 8) * 10 + span (s, s);
}

/* Functions returning a byte pointer return its parts to a caller that walks the value, the
   pointer itself to one that keeps it whole (a function pointer, a store).  */
static const char *skip_blanks (const char *p)
{
  while (*p == ' ')
    p++;
  return p;
}

static const char *find_or_null (const char *p, int c)
{
  for (; *p; p++)
    if (*p == c)
      return p;
  return 0;
}

long word_starts (const char *s)
{
  long sum = 0;
  const char *p = skip_blanks (s);
  while (*p)
    {
      sum = sum * 3 + (p - s);
      while (*p && *p != ' ')
        p++;
      p = skip_blanks (p);
    }
  const char *(*f) (const char *, int) = find_or_null;
  const char *kept[2] = { find_or_null (s, 'b'), f (s, 'c') };
  const char *q = find_or_null (s, 'a');
  return sum * 1000 + (q ? q - s : -1) * 100 + (kept[0] ? *kept[0] : -1) + (kept[1] ? kept[1] - s : -7);
}
