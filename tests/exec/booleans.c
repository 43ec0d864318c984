/* C truth values: `!`, `&&`, `||`, `^` of bools and of comparisons, bools stored and reloaded,
   bools returned by functions (plain and header inlines), and tests of them.  Compiled at -O2
   too, where GCC folds `a && b` of bools into `a & b` and `!b` into `b ^ 1`. */
#include "booleans.h"

bool not_bool (bool b) { return !b; }
bool and_bools (bool a, bool b) { return a && b; }
bool or_bools (bool a, bool b) { return a || b; }
bool xor_bools (bool a, bool b) { return a ^ b; }
bool bitand_bools (bool a, bool b) { return a & b; }
int not_int (int x) { return !x; }
int not_not_int (int x) { return !!x; }

int
compares (int x, int y)
{
  bool lt = x < y, nz = y != 0;
  int r = 0;
  if (lt && nz)
    r |= 1;
  if (!lt || x == 5)
    r |= 2;
  if (lt ^ nz)
    r |= 4;
  if (!(x >= y) && !(y == 0))
    r |= 8;
  if ((x & 3) && !(y & 1))
    r |= 16;
  return r + (lt + nz) * 100;
}

static bool saved;
static bool saved_pair[2];

int
store_reload (int x, int y)
{
  saved = x > y;
  saved_pair[x & 1] = !saved;
  volatile bool v = saved && y > 3;
  bool w = v;
  int r = 0;
  if (!w)
    r += 1;
  if (saved_pair[x & 1] || v)
    r += 2;
  if (saved != saved_pair[x & 1])
    r += 4;
  return r * 10 + saved + v;
}

struct flags { unsigned a : 1; unsigned b : 1; bool c; };

int
bit_fields (int x, int y)
{
  struct flags f = { x > 0, y > 0, x == y };
  volatile struct flags g = f;
  return (g.a && !g.b) + 2 * (!g.c || g.a) + 4 * (g.a ^ g.c) + 8 * !g.b;
}

__attribute__ ((noinline)) static bool
between (long x, long lo, long hi)
{
  return lo <= x && x < hi;
}

int
bools_from_functions (long x, long y)
{
  int r = 0;
  if (!between (x, -5, 5) && between (y, 0, 100))
    r += 1;
  if (between (x, 0, 10) ^ between (y, 0, 10))
    r += 2;
  if (!small_p (x))
    r += 4;
  if (small_nonzero_p (y) || zero_p (x))
    r += 8;
  bool s = small_p (x) && !zero_p (y);
  return r * 10 + s + small_p (y) + !zero_p (x) * 2;
}

long
count_small (long from, long to)
{
  long n = 0;
  for (long i = from; i < to && !(i > 1000); i++)
    if (small_nonzero_p (i) || !small_p (i - 50))
      n++;
  return n;
}
