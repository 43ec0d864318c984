/* Global and static data with initializers: tables of integers of each width, of strings, of
   structs (designated initializers, nested), two-dimensional arrays, pointers into other
   globals, globals that calls modify. */
#include <string.h>

static const int primes[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, -41, 0x7fffffff };
static const unsigned char bytes[8] = { 0, 1, 0x7f, 0x80, 0xfe, 0xff };
static const signed char sbytes[] = { -128, -1, 0, 1, 127 };
static const short shorts[] = { -32768, -1, 0, 1, 32767, 12345 };
static const unsigned long longs[] = { 0, 1, 0xffffffffffffffffUL, 0x8000000000000000UL, 42 };
static const long slongs[] = { -9223372036854775807L - 1, -1, 9223372036854775807L };
static const double doubles[] = { 0.5, -1.25, 1e100, 3.0 };

static const char *const names[] = { "zero", "one", "two", "three", "", "fifty-five" };
static const char greeting[] = "hello, world";
static char scratch[16] = "abc";

struct entry { const char *name; short min, max; unsigned char flags; const int *data; };

static const struct entry entries[] = {
  { "car", 1, 1, 0x01, primes },
  [2] = { .name = "cons", .max = 2, .min = 2, .data = primes + 3 },
  { .flags = 0xff, .name = "list", .min = 0, .max = -1 },
};

static const int grid[3][4] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 9, 10, 11, 12 } };
static unsigned char matrix[4][4];

struct config { int width; struct { short lo, hi; } range; const char *title; double scale; };
static struct config config = { 80, { -5, 5 }, "title", 0.25 };

int public_counter = 42;
long public_table[5] = { 10, 20, 30 };
const int *prime_ptr = &primes[4];
const char *greeting_tail = greeting + 7;

int prime (int i) { return primes[(unsigned) i % (sizeof primes / sizeof primes[0])]; }
int byte_at (int i) { return bytes[i & 7] + sbytes[(unsigned) i % 5] * 1000; }
int short_at (int i) { return shorts[(unsigned) i % 6]; }
unsigned long long_at (int i) { return longs[(unsigned) i % 5] + slongs[(unsigned) i % 3]; }
double double_at (int i) { return doubles[i & 3]; }

long name_len (int i)
{
  const char *s = names[(unsigned) i % 6];
  return (long) strlen (s) * 10 + (s[0] ? s[0] : '#');
}

int name_char (int i, int k)
{
  const char *s = names[(unsigned) i % 6];
  long n = strlen (s);
  return n ? s[(unsigned) k % n] : -1;
}

int entry_field (int i, int which)
{
  const struct entry *e = &entries[(unsigned) i % 4];
  switch (which & 7)
    {
    case 0: return e->name ? (int) strlen (e->name) : -1;
    case 1: return e->min;
    case 2: return e->max;
    case 3: return e->flags;
    case 4: return e->data ? *e->data : -999;
    case 5: return e->data ? e->data[1] : -999;
    case 6: return e->name ? e->name[1] : 0;
    default: return (int) (e - entries);
    }
}

int grid_at (int r, int c) { return grid[(unsigned) r % 3][(unsigned) c % 4]; }

int grid_sum (int r)
{
  const int *row = grid[(unsigned) r % 3];
  int s = 0;
  for (const int *p = row; p < row + 4; p++)
    s = s * 10 + *p;
  const int *flat = &grid[0][0];
  return s + flat[(unsigned) r % 12];
}

int matrix_update (int r, int c, int v)
{
  matrix[r & 3][c & 3] += (unsigned char) v;
  int s = 0;
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      s = s * 3 + matrix[i][j];
  return s;
}

int counter_update (int d)
{
  public_counter += d;
  public_table[(unsigned) d % 5] += public_counter;
  return public_counter + (int) public_table[0] + (int) public_table[4];
}

int scratch_update (int k, int c)
{
  scratch[(unsigned) k % 15] = (char) (c | 1);
  return (int) strlen (scratch) * 1000 + scratch[0] + scratch[14];
}

int pointers_to_globals (int k)
{
  return prime_ptr[k & 3] + greeting_tail[(unsigned) k % 5] * 100;
}

double config_value (int k)
{
  switch (k & 3)
    {
    case 0: return config.width;
    case 1: return config.range.lo * 10 + config.range.hi;
    case 2: return strlen (config.title);
    default: return config.scale * k;
    }
}

int config_update (int w)
{
  config.width += w;
  config.range.hi = (short) (config.range.hi + w);
  struct config copy = config;
  copy.range.lo = 1;
  return copy.width + copy.range.lo + config.range.lo + config.range.hi;
}

int greeting_cmp (int k)
{
  char buf[16];
  memcpy (buf, greeting, sizeof greeting);
  buf[(unsigned) k % 12] = (char) k;
  return memcmp (buf, greeting, sizeof greeting) + strncmp (buf, greeting, 5) * 1000;
}
