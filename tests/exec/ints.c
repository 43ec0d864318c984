/* Integer semantics at every width: arithmetic with wraparound, narrowing and widening
   conversions, C's truncating division and remainder with negative operands, shifts,
   rotates, comparisons, min/max/abs, the overflow builtins.  Every entry point takes and
   returns scalars (128-bit values travel as two 64-bit halves and come back as 16 bytes), so
   that the test drives the native and the translated function the same way.  Inputs that C
   leaves undefined (division by zero, the minimum divided by -1, shift counts outside the
   width) are kept out by the functions themselves. */

typedef signed char s8;
typedef unsigned char u8;
typedef short s16;
typedef unsigned short u16;
typedef int s32;
typedef unsigned int u32;
typedef long s64;
typedef unsigned long u64;
typedef __int128 s128;
typedef unsigned __int128 u128;

#define ARITH(T, W, MIN)                                                  \
  T add_##T (T a, T b) { return a + b; }                                  \
  T sub_##T (T a, T b) { return a - b; }                                  \
  T mul_##T (T a, T b) { return a * b; }                                  \
  T neg_##T (T a) { return -a; }                                          \
  T div_##T (T a, T b)                                                    \
  {                                                                       \
    if (b == 0 || (MIN != 0 && a == (T) MIN && b == (T) -1))              \
      return 0;                                                           \
    return a / b;                                                         \
  }                                                                       \
  T mod_##T (T a, T b)                                                    \
  {                                                                       \
    if (b == 0 || (MIN != 0 && a == (T) MIN && b == (T) -1))              \
      return 0;                                                           \
    return a % b;                                                         \
  }                                                                       \
  T and_##T (T a, T b) { return a & b; }                                  \
  T ior_##T (T a, T b) { return a | b; }                                  \
  T xor_##T (T a, T b) { return a ^ b; }                                  \
  T not_##T (T a) { return ~a; }                                          \
  T shl_##T (T a, int n) { return a << (n & (W - 1)); }                   \
  T shr_##T (T a, int n) { return a >> (n & (W - 1)); }                   \
  T shlc_##T (T a) { return a << 3; }                                     \
  T shrc_##T (T a) { return a >> (W - 1); }                               \
  int cmp_##T (T a, T b)                                                  \
  {                                                                       \
    return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3         \
           | (a == b) << 4 | (a != b) << 5;                               \
  }                                                                       \
  int branch_##T (T a, T b)                                               \
  {                                                                       \
    int r = 0;                                                            \
    if (a < b) r += 1;                                                    \
    if (a <= b) r += 2;                                                   \
    if (a > b) r += 4;                                                    \
    if (a >= b) r += 8;                                                   \
    if (a == b) r += 16;                                                  \
    if (a != b) r += 32;                                                  \
    if (a) r += 64;                                                       \
    if (!b) r += 128;                                                     \
    return r;                                                             \
  }                                                                       \
  T min_##T (T a, T b) { return a < b ? a : b; }                          \
  T max_##T (T a, T b) { return a > b ? a : b; }                          \
  T abs_##T (T a) { return a < 0 ? -a : a; }                              \
  T inc_##T (T a) { a++; return a; }                                      \
  T dec_##T (T a) { return --a; }                                         \
  T compound_##T (T a, T b)                                               \
  {                                                                       \
    T x = a;                                                              \
    x += b; x *= 3; x -= a; x ^= b; x |= 1; x &= ~(T) 6; x <<= 1;         \
    return x;                                                             \
  }                                                                       \
  T divc_##T (T a) { return a / 7; }                                      \
  T modc_##T (T a) { return a % 7; }                                      \
  T div8_##T (T a) { return a / 8; }                                      \
  T mod8_##T (T a) { return a % 8; }

ARITH (s8, 8, -128)
ARITH (u8, 8, 0)
ARITH (s16, 16, -32768)
ARITH (u16, 16, 0)
ARITH (s32, 32, (-2147483647 - 1))
ARITH (u32, 32, 0)
ARITH (s64, 64, (-9223372036854775807L - 1))
ARITH (u64, 64, 0)

/* Conversions between every pair of widths up to 64 bits. */
#define CONV(FROM, TO) TO FROM##_to_##TO (FROM x) { return (TO) x; }
#define CONVS(FROM) \
  CONV (FROM, s8) CONV (FROM, u8) CONV (FROM, s16) CONV (FROM, u16) \
  CONV (FROM, s32) CONV (FROM, u32) CONV (FROM, s64) CONV (FROM, u64) \
  _Bool FROM##_to_bool (FROM x) { return x; }
CONVS (s8) CONVS (u8) CONVS (s16) CONVS (u16) CONVS (s32) CONVS (u32) CONVS (s64) CONVS (u64)

/* Mixed-width expressions: the usual arithmetic conversions. */
long mixed1 (signed char a, unsigned short b, int c) { return a * b + c; }
unsigned mixed2 (int a, unsigned b) { return a < b ? a - b : b - a; }
int mixed3 (int a, unsigned b) { return a < b; }
long mixed4 (unsigned a, long b) { return a + b; }
unsigned long mixed5 (long a, unsigned long b) { return a / (b | 1); }
long mixed6 (long a, int b) { return a % ((b & 0xff) + 2) + a % -((b & 0x7f) + 3) + (a >> 5) - (b << 2); }
int mixed7 (unsigned char a, signed char b) { return (a ^ b) + (a == b) - (~a & b); }
unsigned short mixed8 (unsigned short a, unsigned short b) { return a * b; }
int mixed9 (unsigned short a, unsigned short b) { return (a * b) >> 3; }

/* Rotates GCC recognizes. */
u32 rotl_u32 (u32 x, int n) { n &= 31; return (x << n) | (x >> ((32 - n) & 31)); }
u32 rotr_u32 (u32 x, int n) { n &= 31; return (x >> n) | (x << ((32 - n) & 31)); }
u64 rotl_u64 (u64 x, int n) { n &= 63; return (x << n) | (x >> ((64 - n) & 63)); }
u64 rotr_u64 (u64 x, int n) { n &= 63; return (x >> n) | (x << ((64 - n) & 63)); }
u32 rotl7_u32 (u32 x) { return (x << 7) | (x >> 25); }
u64 rotr13_u64 (u64 x) { return (x >> 13) | (x << 51); }
u16 rotl3_u16 (u16 x) { return (u16) ((x << 3) | (x >> 13)); }
u8 rotr1_u8 (u8 x) { return (u8) ((x >> 1) | (x << 7)); }

/* __builtin_*_overflow into every width; the result and the flag come back packed. */
#define OVF(OP, T)                                                   \
  long OP##_ovf_##T (long a, long b)                                 \
  {                                                                  \
    T r;                                                             \
    int o = __builtin_##OP##_overflow (a, b, &r);                    \
    return (long) r * 2 + o;                                         \
  }
#define OVFS(T) OVF (add, T) OVF (sub, T) OVF (mul, T)
OVFS (s8) OVFS (u8) OVFS (s16) OVFS (u16) OVFS (s32) OVFS (u32) OVFS (s64)

int add_ovf_u64_flag (unsigned long a, unsigned long b) { unsigned long r; return __builtin_add_overflow (a, b, &r); }
unsigned long mul_ovf_u64 (unsigned long a, unsigned long b)
{
  unsigned long r;
  if (__builtin_mul_overflow (a, b, &r))
    return r ^ 1;
  return r;
}
long sub_ovf_mixed (unsigned long a, long b)
{
  int r;
  return __builtin_sub_overflow (a, b, &r) ? -1 - (long) r : r;
}

/* 128 bits: the operands come as halves, the result goes out as 16 little-endian bytes. */
static void put128 (unsigned char *out, u128 x)
{
  for (int i = 0; i < 16; i++)
    out[i] = (unsigned char) (x >> (8 * i));
}

#define MK(LO, HI) (((u128) (HI) << 64) | (LO))
#define S128_MIN ((s128) ((u128) 1 << 127))
#define W128(T)                                                                                  \
  void add_##T (unsigned char *out, u64 alo, u64 ahi, u64 blo, u64 bhi) { put128 (out, (T) MK (alo, ahi) + (T) MK (blo, bhi)); } \
  void sub_##T (unsigned char *out, u64 alo, u64 ahi, u64 blo, u64 bhi) { put128 (out, (T) MK (alo, ahi) - (T) MK (blo, bhi)); } \
  void mul_##T (unsigned char *out, u64 alo, u64 ahi, u64 blo, u64 bhi) { put128 (out, (T) MK (alo, ahi) * (T) MK (blo, bhi)); } \
  void div_##T (unsigned char *out, u64 alo, u64 ahi, u64 blo, u64 bhi)                         \
  {                                                                                              \
    T a = MK (alo, ahi), b = MK (blo, bhi);                                                     \
    put128 (out, b == 0 || (a == (T) S128_MIN && b == (T) -1) ? 0 : a / b);                     \
  }                                                                                              \
  void mod_##T (unsigned char *out, u64 alo, u64 ahi, u64 blo, u64 bhi)                         \
  {                                                                                              \
    T a = MK (alo, ahi), b = MK (blo, bhi);                                                     \
    put128 (out, b == 0 || (a == (T) S128_MIN && b == (T) -1) ? 0 : a % b);                     \
  }                                                                                              \
  void shl_##T (unsigned char *out, u64 alo, u64 ahi, int n) { put128 (out, (T) MK (alo, ahi) << (n & 127)); } \
  void shr_##T (unsigned char *out, u64 alo, u64 ahi, int n) { put128 (out, (T) MK (alo, ahi) >> (n & 127)); } \
  void neg_##T (unsigned char *out, u64 alo, u64 ahi) { put128 (out, -(T) MK (alo, ahi)); }     \
  void not_##T (unsigned char *out, u64 alo, u64 ahi) { put128 (out, ~(T) MK (alo, ahi)); }     \
  int cmp_##T (u64 alo, u64 ahi, u64 blo, u64 bhi)                                               \
  {                                                                                              \
    T a = MK (alo, ahi), b = MK (blo, bhi);                                                     \
    return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a == b) << 4;                               \
  }                                                                                              \
  long to_s64_##T (u64 alo, u64 ahi) { return (long) (T) MK (alo, ahi); }                       \
  int to_s32_##T (u64 alo, u64 ahi) { return (int) (T) MK (alo, ahi); }                         \
  void from_s64_##T (unsigned char *out, long x) { put128 (out, (T) x); }                       \
  void from_u64_##T (unsigned char *out, unsigned long x) { put128 (out, (T) x); }              \
  int add_ovf_##T (unsigned char *out, u64 alo, u64 ahi, u64 blo, u64 bhi)                      \
  {                                                                                              \
    T r;                                                                                         \
    int o = __builtin_add_overflow ((T) MK (alo, ahi), (T) MK (blo, bhi), &r);                  \
    put128 (out, r);                                                                             \
    return o;                                                                                    \
  }                                                                                              \
  int mul_ovf_##T (unsigned char *out, u64 alo, u64 ahi, u64 blo, u64 bhi)                      \
  {                                                                                              \
    T r;                                                                                         \
    int o = __builtin_mul_overflow ((T) MK (alo, ahi), (T) MK (blo, bhi), &r);                  \
    put128 (out, r);                                                                             \
    return o;                                                                                    \
  }
W128 (s128)
W128 (u128)

/* Bit-fields of odd widths: stores wrap to the field, reads sign- or zero-extend. */
struct bf
{
  unsigned a : 3;
  signed b : 5;
  unsigned c : 1;
  signed d : 1;
  unsigned long e : 37;
  signed long f : 23;
  unsigned g : 13;
  _Bool h : 1;
};

long bitfields (long x, long y)
{
  struct bf s = { 0 };
  s.a = x;
  s.b = x;
  s.c = x >> 1;
  s.d = x;
  s.e = y;
  s.f = y;
  s.g = x * y;
  s.h = y & 4;
  s.a += 5;
  s.b -= y;
  s.g++;
  long r = s.a + 10 * s.b + 1000 * s.c + 10000 * s.d;
  r ^= s.e + ((long) s.f << 7) + s.g + s.h;
  return r;
}

int bitfield_cond (int x)
{
  struct bf s = { 0 };
  s.a = x;
  s.c = x >> 3;
  s.d = x >> 4;
  if (s.a && s.c)
    return 1;
  if (s.a == 5 || s.d)
    return 2;
  return s.b;
}

/* Enums and _Bool. */
enum color { RED, GREEN = 5, BLUE, NEG = -3 };

int enum_next (int x)
{
  enum color c = (enum color) x;
  switch (c)
    {
    case RED: return GREEN;
    case GREEN: return BLUE;
    case BLUE: return NEG;
    case NEG: return RED;
    }
  return 100 + c;
}

int bools (int a, int b)
{
  _Bool x = a, y = b;
  _Bool z = x && !y;
  _Bool w = x || y;
  _Bool v = x ^ y;
  return z + 2 * w + 4 * v + 8 * (x == y) + 16 * (a && b) + 32 * (a || b) + 64 * !a;
}

/* Comparisons kept as values of their own (le_expr, ge_expr ... as assignments), and the
   COND_EXPR GCC folds `1 / x` into (no division is left, so x = 0 is fine). */
int compares (long x, long y)
{
  int e = x == y;
  int n = x != y;
  int l = x < y;
  int le = x <= y;
  int g = x > y;
  int ge = x >= y;
  return e + 2 * n + 4 * l + 8 * le + 16 * g + 32 * ge;
}

int ucompares (unsigned char x, unsigned char y)
{
  _Bool le = x <= y;
  _Bool ge = x >= y;
  return le + 2 * ge;
}

int reciprocal (int x) { return 1 / x; }
long lreciprocal (long x) { return x == 0 ? 7 : -1 / x; }
