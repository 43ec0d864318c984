/* Control flow and calls: switches with ranges and fallthrough, loops with break and continue,
   goto-based loops, irreducible flow, recursion (plain and mutual), function pointers (as
   parameters, in tables, in structs, returned), varargs, static locals. */
#include <stdarg.h>

int classify (int c)
{
  switch (c)
    {
    case 'a' ... 'z':
      return 1;
    case 'A' ... 'Z':
      return 2;
    case '0' ... '9':
      return 3;
    case ' ':
    case '\t':
    case '\n':
      return 4;
    case -1000000 ... -1000:
      return 5;
    case 100000 ... 2000000000:
      return 6;
    default:
      return 0;
    }
}

int fallthrough (int k)
{
  int r = 0;
  switch (k & 7)
    {
    case 0:
      r += 1;
      /* fall through */
    case 1:
      r += 10;
    case 2:
      r += 100;
      break;
    case 5:
      r = -r - 5;
    case 6:
      r *= 3;
      break;
    default:
      r = k;
    }
  return r;
}

long switch_long (long v)
{
  switch (v)
    {
    case -9223372036854775807L - 1: return 1;
    case 9223372036854775807L: return 2;
    case 4294967296L ... 4294967306L: return 3;
    case -5: return 4;
    case 0: return 5;
    default: return v & 1 ? 6 : 7;
    }
}

unsigned switch_unsigned (unsigned char c)
{
  switch (c)
    {
    case 0x80 ... 0xbf: return 1;
    case 0xc0 ... 0xdf: return 2;
    case 0xe0 ... 0xef: return 3;
    case 0xf0 ... 0xf7: return 4;
    case 0xff: return 9;
    default: return 0;
    }
}

int loops (int n, int m)
{
  int s = 0;
  n &= 63;
  m = (m & 15) + 1;
  for (int i = 0; i < n; i++)
    {
      if (i % m == 0)
        continue;
      if (i * i > 900 + m)
        break;
      for (int j = i; j > 0; j /= 2)
        {
          if (j == 3)
            continue;
          s += j;
          if (s > 5000)
            goto out;
        }
    }
 out:
  return s;
}

int while_do (int n)
{
  int s = 0, i = 0;
  n &= 255;
  while (i < n)
    {
      i += 3;
      if (i & 1)
        continue;
      s += i;
    }
  do
    {
      s ^= n;
      n >>= 1;
    }
  while (n > 1);
  return s;
}

int goto_loop (int n)
{
  int a = 0, b = 1;
  n &= 63;
 again:
  if (n-- <= 0)
    goto done;
  {
    int t = a + b;
    a = b;
    b = t;
  }
  goto again;
 done:
  return a;
}

/* Two ways into one loop: an irreducible flow graph. */
int irreducible (int x, int n)
{
  int s = 0;
  n &= 31;
  if (x & 1)
    goto second;
 first:
  s += 3;
  if (--n <= 0)
    return s;
 second:
  s = s * 2 + 1;
  if (--n <= 0)
    return s;
  if (s & 4)
    goto first;
  goto second;
}

/* Recursion. */
long fact (int n)
{
  n &= 31;
  return n <= 1 ? 1 : n * fact (n - 1);
}

int fib (int n)
{
  n &= 15;
  return n < 2 ? n : fib (n - 1) + fib (n - 2);
}

static int is_odd (unsigned n);
static int is_even (unsigned n) { return n == 0 ? 1 : is_odd (n - 1); }
static int is_odd (unsigned n) { return n == 0 ? 0 : is_even (n - 1); }

int parity (int n) { return is_even (n & 511); }

int ackermann (int m, int n)
{
  m &= 1;
  n &= 7;
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ackermann (m - 1, 1);
  return ackermann (m - 1, ackermann (m, n - 1));
}

long gcd (long a, long b)
{
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  return b == 0 ? a : gcd (b, a % b);
}

/* Function pointers. */
typedef int (*binop) (int, int);
static int op_add (int a, int b) { return a + b; }
static int op_sub (int a, int b) { return a - b; }
static int op_mul (int a, int b) { return a * b; }
static int op_min (int a, int b) { return a < b ? a : b; }

static const binop ops[] = { op_add, op_sub, op_mul, op_min };

static int apply (binop f, int a, int b) { return f (a, b); }

int dispatch (int k, int a, int b)
{
  binop f = ops[k & 3];
  return apply (f, a, b) + (f == op_mul) * 1000;
}

struct handler { const char *name; binop fn; int bias; };

static binop pick (int k)
{
  return k < 0 ? op_sub : k == 0 ? 0 : op_add;
}

int via_struct (int k, int a, int b)
{
  struct handler hs[2] = { { "add", op_add, 1 }, { "mul", op_mul, 2 } };
  struct handler *h = &hs[k & 1];
  binop g = pick (k);
  int r = h->fn (a, b) + h->bias;
  if (g)
    r += g (b, a);
  else
    r = -r;
  return r;
}

int fold (int n, int k)
{
  binop f = ops[k & 3];
  int acc = k;
  n &= 15;
  for (int i = 1; i <= n; i++)
    acc = f (acc, i);
  return acc;
}

/* Varargs. */
static int sum_ints (int n, ...)
{
  va_list ap;
  va_start (ap, n);
  int s = 0;
  for (int i = 0; i < n; i++)
    s += va_arg (ap, int);
  va_end (ap);
  return s;
}

static long mixed_args (int n, ...)
{
  va_list ap;
  va_start (ap, n);
  long s = 0;
  for (int i = 0; i < n; i++)
    {
      if (i & 1)
        s = s * 3 + va_arg (ap, long);
      else
        s = s * 5 + (long) (va_arg (ap, double) * 2);
    }
  va_end (ap);
  return s;
}

static int vsum (int n, va_list ap)
{
  int s = 0;
  while (n-- > 0)
    s = s * 7 + va_arg (ap, int);
  return s;
}

static int sum_twice (int n, ...)
{
  va_list ap, aq;
  va_start (ap, n);
  va_copy (aq, ap);
  int a = vsum (n, ap);
  int b = vsum (n, aq);
  va_end (aq);
  va_end (ap);
  return a - b + a;
}

int varargs (int a, int b, int c)
{
  return sum_ints (3, a, b, c) + sum_ints (0) + sum_ints (1, a) * 3;
}

long varargs_mixed (int a, long b, double d)
{
  return mixed_args (4, d, b, d + 1, (long) a);
}

int varargs_copy (int a, int b) { return sum_twice (2, a, b) + sum_twice (1, b); }

/* Static locals keep their value between calls; the test calls in a fixed order. */
int counter (int step)
{
  static int count = 10;
  static long total;
  count += step & 7;
  total += count;
  return count * 1000 + (int) (total % 997);
}

int memo_fib (int n)
{
  static int memo[40];
  n &= 31;
  if (n < 2)
    return n;
  if (memo[n])
    return memo[n];
  return memo[n] = memo_fib (n - 1) + memo_fib (n - 2);
}

/* Conditional expressions and short circuits with side effects. */
int short_circuit (int a, int b)
{
  int calls = 0;
  if ((a > 0 && ++calls && b > 0) || (++calls, a == b))
    calls += 10;
  int c = a ? (b ? 1 : 2) : (b ? 3 : 4);
  return calls * 100 + c;
}
