/* Out parameters (translator/emit/outparams.py): static functions that only load and store
   through a pointer parameter, called with the addresses of locals (their out entries, the
   locals plain variables), and the same functions called where copying in and out would not
   be C: a pointer to a global the callee also reads, a pointer passed on, one local passed
   twice, a local whose address is also kept.  */

static long counter;

/* inc_both's shape: two results through pointers, a value read first.  */
static void
step_both (long *pos, long *bytepos, int width)
{
  *pos = *pos + 1;
  *bytepos += width > 0 ? width : 1;
}

/* A result and an out value; the out value written on one path only.  */
static int
div_rem (int a, int b, int *rem)
{
  if (b == 0)
    return 0;
  *rem = a % b;
  return a / b;
}

/* Reads a global after writing through P: called with &counter, the copy would be stale.  */
static long
bump_and_read (long *p)
{
  *p = *p + 10;
  return counter + *p;
}

/* Both pointers may be one variable.  */
static void
add_into (int *acc, int *other)
{
  *acc += 3;
  *other *= 2;
}

/* A byte pointer advanced through a pointer to it (STRING_CHAR_ADVANCE's `&p').  */
static int
next_byte (const unsigned char **pp)
{
  int c = **pp;
  *pp = *pp + 1;
  return c;
}

/* A byte pointer out parameter compared, advanced in place and set to NULL at the end (the
   matcher's `&p'): the caller's pointer is split, and the out entry returns it as its parts.  */
static int
skip_to (const unsigned char **pp, const unsigned char *end, int stop)
{
  while (*pp < end && **pp != stop)
    ++*pp;
  if (*pp == end)
    {
      *pp = 0;
      return -1;
    }
  return **pp;
}

static double
scale (double *x, double by)
{
  *x = *x * by;
  return *x + 1;
}

/* Recursion through its own out parameter.  */
static void
count_down (int n, int *steps)
{
  if (n <= 0)
    return;
  *steps += 1;
  int inner = 0;
  count_down (n / 2, &inner);
  *steps += inner;
}

/* Passes its pointer parameter on: the callee's C function, not its out entry.  */
static void
step_twice (long *pos, long *bytepos)
{
  step_both (pos, bytepos, 2);
  step_both (pos, bytepos, 3);
}

long
walk_positions (int n, int width)
{
  long pos = 0, bytepos = 0;
  for (int i = 0; i < (n & 63); i++)
    step_both (&pos, &bytepos, width);
  long pos2 = pos, bytepos2 = bytepos;
  step_twice (&pos2, &bytepos2);
  return pos * 1000 + bytepos + pos2 * 100000 + bytepos2 * 10;
}

int
quotient_and_rest (int a, int b)
{
  int rem = -7;
  int q = div_rem (a, b, &rem);
  return q * 31 + rem;
}

long
global_alias (long start)
{
  counter = start;
  long local = start;
  long through_local = bump_and_read (&local);
  long through_global = bump_and_read (&counter);
  return through_local * 3 + through_global + local;
}

int
same_variable_twice (int x)
{
  int a = x, b = x;
  add_into (&a, &b);
  add_into (&a, &a);
  return a * 7 + b;
}

int
kept_address (int x)
{
  int v = x;
  int *keep = &v;
  add_into (&v, keep);
  return v;
}

int
byte_sum (const unsigned char *buf, int len)
{
  const unsigned char *p = buf;
  int sum = 0;
  while (p < buf + len)
    sum = sum * 3 + next_byte (&p);
  return sum;
}

int
skip_count (const unsigned char *buf, int len, int stop)
{
  const unsigned char *p = buf;
  int n = 0, c;
  while (p && (c = skip_to (&p, buf + len, stop)) >= 0)
    {
      n = n * 7 + c + (int) (p - buf);
      p++;
    }
  return n * 2 + (p == 0);
}

double
scaled (double x, double by)
{
  double v = x;
  double r = scale (&v, by);
  return r + v;
}

int
recursive_steps (int n)
{
  int steps = 0;
  count_down (n & 0xffff, &steps);
  return steps;
}

/* validate_interval_range's shape: two pointer parameters tested against each other (in the
   out entry, which only the addresses of two distinct locals reach, never equal).  */
static int
order_pair (long *b, long *e)
{
  if (*b == *e && b != e)
    return 0;
  if (*b > *e)
    {
      long t = *b;
      *b = *e;
      *e = t;
    }
  if (b == e)
    *b += 100;
  return 1;
}

long
ordered_span (long x, long y)
{
  long lo = x, hi = y;
  int r = order_pair (&lo, &hi);
  long same = x;
  int r2 = order_pair (&same, &same);
  return (hi - lo) * 10 + r * 3 + r2 + same * 1000;
}
