/* Floating point: arithmetic of float and double with IEEE results (infinities, NaNs, signed
   zeros), conversions to and from every integer width, float <-> double, every comparison
   code (ordered and unordered) as values and as conditions, constants, complex numbers. */
#include <math.h>

double dadd (double a, double b) { return a + b; }
double dsub (double a, double b) { return a - b; }
double dmul (double a, double b) { return a * b; }
double ddiv (double a, double b) { return a / b; }
double dneg (double a) { return -a; }
double dabs (double a) { return fabs (a); }
float fadd (float a, float b) { return a + b; }
float fsub (float a, float b) { return a - b; }
float fmul (float a, float b) { return a * b; }
float fdiv (float a, float b) { return a / b; }
float fneg (float a) { return -a; }
float fabs_ (float a) { return fabsf (a); }
double mixed (float a, double b) { return a * b + a; }
float narrow (double a) { return (float) a; }
double widen (float a) { return a; }
double dpoly (double x) { return ((2.5 * x - 0.1) * x + 1e-3) * x - 7.0; }
float fpoly (float x) { return (2.5f * x - 0.1f) * x + 3.0f; }
double dmin (double a, double b) { return a < b ? a : b; }
double dmax (double a, double b) { return a > b ? a : b; }

/* Integer to float, every width. */
double from_s8 (signed char x) { return x; }
double from_u8 (unsigned char x) { return x; }
double from_s16 (short x) { return x; }
double from_u16 (unsigned short x) { return x; }
double from_s32 (int x) { return x; }
double from_u32 (unsigned x) { return x; }
double from_s64 (long x) { return x; }
double from_u64 (unsigned long x) { return x; }
float ffrom_s32 (int x) { return x; }
float ffrom_u32 (unsigned x) { return x; }
float ffrom_s64 (long x) { return x; }
float ffrom_u64 (unsigned long x) { return x; }
double from_s128 (unsigned long lo, long hi) { return (__int128) (((unsigned __int128) hi << 64) | lo); }

/* Float to integer, every width, inside the range where C defines it. */
#define IN(x, lo, hi) ((x) > (lo) - 1.0 && (x) < (hi) + 1.0)
int to_s8 (double x) { return IN (x, -128.0, 127.0) ? (signed char) x : -999; }
int to_u8 (double x) { return IN (x, 0.0, 255.0) ? (unsigned char) x : -999; }
int to_s16 (double x) { return IN (x, -32768.0, 32767.0) ? (short) x : -999; }
int to_u16 (double x) { return IN (x, 0.0, 65535.0) ? (unsigned short) x : -999; }
int to_s32 (double x) { return IN (x, -2147483648.0, 2147483647.0) ? (int) x : -999; }
long to_u32 (double x) { return IN (x, 0.0, 4294967295.0) ? (unsigned) x : -999; }
long to_s64 (double x) { return x >= -9223372036854775808.0 && x < 9223372036854775808.0 ? (long) x : -999; }
unsigned long to_u64 (double x) { return x > -1.0 && x < 18446744073709551616.0 ? (unsigned long) x : 999; }
int fto_s32 (float x) { return x >= -2147483648.0f && x < 2147483648.0f ? (int) x : -999; }
long fto_s64 (float x) { return x >= -9223372036854775808.0f && x < 9223372036854775808.0f ? (long) x : -999; }

/* Comparisons as values, including the unordered ones. */
int dcompare (double a, double b)
{
  return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5
         | __builtin_isless (a, b) << 6 | __builtin_islessequal (a, b) << 7
         | __builtin_isgreater (a, b) << 8 | __builtin_isgreaterequal (a, b) << 9
         | __builtin_islessgreater (a, b) << 10 | __builtin_isunordered (a, b) << 11
         | !__builtin_isunordered (a, b) << 12 | !__builtin_isless (a, b) << 13
         | !__builtin_islessequal (a, b) << 14 | !__builtin_isgreater (a, b) << 15
         | !__builtin_isgreaterequal (a, b) << 16 | !__builtin_islessgreater (a, b) << 17;
}

int fcompare (float a, float b)
{
  return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5
         | __builtin_isunordered (a, b) << 6 | !__builtin_isgreaterequal (a, b) << 7;
}

/* Comparisons as conditions. */
int dbranch (double a, double b)
{
  int r = 0;
  if (a < b) r |= 1;
  if (a <= b) r |= 2;
  if (a > b) r |= 4;
  if (a >= b) r |= 8;
  if (a == b) r |= 16;
  if (a != b) r |= 32;
  if (!__builtin_isless (a, b)) r |= 64;
  if (!__builtin_islessequal (a, b)) r |= 128;
  if (!__builtin_isgreater (a, b)) r |= 256;
  if (!__builtin_isgreaterequal (a, b)) r |= 512;
  if (__builtin_isunordered (a, b)) r |= 1024;
  if (!__builtin_isunordered (a, b)) r |= 2048;
  if (__builtin_islessgreater (a, b)) r |= 4096;
  if (!__builtin_islessgreater (a, b)) r |= 8192;
  if (a) r |= 16384;
  if (!b) r |= 32768;
  return r;
}

int classify (double x)
{
  return isnan (x) * 1 + signbit (x) * 2 + isinf (x) * 4 + (x == 0) * 8 + __builtin_isfinite (x) * 16
         + (__builtin_isnormal (x) != 0) * 32;
}

/* Constants. */
double constants (int k)
{
  switch (k & 7)
    {
    case 0: return 0.1;
    case 1: return -2.75;
    case 2: return 1e300 * 10.0;
    case 3: return -0.0;
    case 4: return __builtin_inf ();
    case 5: return __builtin_nan ("");
    case 6: return 4.9406564584124654e-324;
    default: return 1.7976931348623157e308;
    }
}

float fconstants (int k)
{
  switch (k & 3)
    {
    case 0: return 0.1f;
    case 1: return 3.4028235e38f;
    case 2: return 1.4e-45f;
    default: return -__builtin_inff ();
    }
}

/* Complex numbers: parts and arithmetic. */
double complex_ops (double a, double b, double c, int k)
{
  _Complex double z = __builtin_complex (a, b);
  _Complex double w = __builtin_complex (c, a);
  _Complex double s = z + w, d = z - w, n = -z;
  switch (k % 3)
    {
    case 0: return __real__ s + __imag__ s;
    case 1: case -1: return __real__ d * 3 - __imag__ d;
    default: return __real__ n + 2 * __imag__ n;
    }
}

/* Multiplication: C's (Annex G, GCC's __muldc3) recovers infinities where the schoolbook
   formula gives NaNs; both agree on finite operands. */
double complex_mul (double a, double b, double c, double d, int imag)
{
  _Complex double z = __builtin_complex (a, b) * __builtin_complex (c, d);
  return imag & 1 ? __imag__ z : __real__ z;
}

double complex_mul_nonfinite (double a, double b, double c, double d, int imag)
{
  _Complex double z = __builtin_complex (a, b) * __builtin_complex (c, d);
  return imag & 1 ? __imag__ z : __real__ z;
}

/* Accumulation in a loop: rounding must match step by step. */
double harmonic (int n)
{
  double s = 0;
  n &= 1023;
  for (int i = 1; i <= n; i++)
    s += 1.0 / i;
  return s;
}

float fharmonic (int n)
{
  float s = 0;
  n &= 1023;
  for (int i = 1; i <= n; i++)
    s += 1.0f / i;
  return s;
}
