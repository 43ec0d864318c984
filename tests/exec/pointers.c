/* Pointer idioms: writes through pointers into arrays of structs, pointers to pointers,
   arrays of pointers to locals, pointers into arrays inside structs, NULL tests and pointer
   conditionals, pointer comparisons and differences, a static table of structs updated in
   place, VLAs and alloca, a lexer over a byte buffer, a struct read from bytes through a cast. */
#include <alloca.h>
#include <stddef.h>
#include <string.h>

struct cell { int key; long val; struct cell *left, *right; };
struct buffer { long size; int used; unsigned char data[24]; };

static void put (struct cell *c, int key, long val)
{
  c->key = key;
  c->val = val;
  c->left = c->right = NULL;
}

/* A binary search tree in an array of cells. */
long tree_sum (int seed, int n)
{
  struct cell cells[32];
  n = (n & 31) + 1;
  unsigned x = seed;
  int used = 0;
  struct cell *root = NULL;
  for (int i = 0; i < n; i++)
    {
      x = x * 1103515245 + 12345;
      int key = (x >> 16) & 255;
      struct cell **link = &root;
      while (*link && (*link)->key != key)
        link = key < (*link)->key ? &(*link)->left : &(*link)->right;
      if (*link)
        (*link)->val += i;
      else
        {
          struct cell *c = &cells[used++];
          put (c, key, i * 10);
          *link = c;
        }
    }
  /* In-order walk with an explicit stack of pointers. */
  struct cell *stack[32];
  int sp = 0;
  long acc = 0;
  struct cell *c = root;
  while (c || sp > 0)
    {
      while (c)
        {
          stack[sp++] = c;
          c = c->left;
        }
      c = stack[--sp];
      acc = acc * 7 + c->key + c->val;
      c = c->right;
    }
  return acc + used * 1000000L + (root - cells);
}

/* Bubble sort of an array of structs through pointers, swapping whole structs. */
long sort_cells (int seed)
{
  struct cell cells[8];
  unsigned x = seed;
  for (struct cell *p = cells; p < cells + 8; p++)
    {
      x = x * 69069 + 1;
      put (p, (int) (x >> 24), (long) x);
    }
  for (int i = 0; i < 8; i++)
    for (struct cell *p = cells; p < cells + 7 - i; p++)
      if (p->key > p[1].key)
        {
          struct cell t = *p;
          *p = p[1];
          p[1] = t;
        }
  long r = 0;
  for (const struct cell *p = &cells[7]; p >= cells; p--)
    r = r * 3 + p->key;
  return r;
}

/* Pointers to the local variables of the caller. */
static void minmax (const int *v, int n, int *lo, int *hi)
{
  *lo = *hi = v[0];
  for (int i = 1; i < n; i++)
    {
      if (v[i] < *lo)
        *lo = v[i];
      if (v[i] > *hi)
        *hi = v[i];
    }
}

long locals_by_pointer (int a, int b, int c)
{
  int v[3] = { a, b, c };
  int lo, hi;
  minmax (v, 3, &lo, &hi);
  int *ptrs[3] = { &lo, &hi, &v[1] };
  for (int i = 0; i < 3; i++)
    *ptrs[i] += i;
  int **pp = &ptrs[2];
  **pp *= 2;
  return (long) lo * 1000003 + hi * 31L + v[1];
}

/* An array inside a struct, reached through pointers. */
int buffer_ops (int k, int c)
{
  struct buffer b;
  memset (&b, 0, sizeof b);
  struct buffer *pb = &b;
  unsigned char *p = pb->data;
  unsigned char *end = p + sizeof pb->data;
  for (int i = 0; p < end; p++, i++)
    *p = (unsigned char) (c + i * k);
  pb->used = (int) (p - pb->data);
  pb->size = offsetof (struct buffer, data) + pb->used;
  unsigned char *q = &pb->data[k & 15];
  q[1] ^= 0xff;
  int s = 0;
  for (p = b.data; p != end; p++)
    s = s * 5 + *p;
  return s + (int) pb->size;
}

/* NULL and pointer conditionals. */
static const char *pick (const char *a, const char *b, int k)
{
  return k > 0 ? a : k < 0 ? b : NULL;
}

int null_tests (int k, int j)
{
  const char *s = pick ("left", "right", k);
  const char *t = pick (s, NULL, j);
  int r = 0;
  if (s)
    r += strlen (s);
  if (!t)
    r += 100;
  else if (t == s)
    r += 1000;
  if (s && t && *t == 'l')
    r += 10000;
  return r;
}

/* Pointer comparisons and differences within one array. */
long pointer_math (int i, int j)
{
  long a[16];
  for (int k = 0; k < 16; k++)
    a[k] = k * k;
  long *p = &a[i & 15], *q = a + (j & 15);
  long r = (p < q) + 2 * (p <= q) + 4 * (p > q) + 8 * (p >= q) + 16 * (p == q) + 32 * (p != q);
  r += (q - p) * 100;
  long *lo = p < q ? p : q;
  r += *lo * 10000;
  char *bp = (char *) p, *bq = (char *) q;
  r += (bq - bp) * 1000000;
  return r;
}

/* A static table of structs updated in place across calls. */
static struct { const char *name; int hits; } table[] = { { "alpha", 0 }, { "beta", 0 }, { "gamma", 5 } };

int table_hit (int k)
{
  int i = (unsigned) k % 3;
  table[i].hits += k & 7;
  int s = 0;
  for (size_t n = 0; n < sizeof table / sizeof table[0]; n++)
    s = s * 11 + table[n].hits + table[n].name[0];
  return s;
}

/* Variable-length arrays and alloca. */
long vla (int n, int seed)
{
  n = (n & 15) + 1;
  int v[n];
  char *w = alloca (n);
  for (int i = 0; i < n; i++)
    {
      v[i] = seed * i;
      w[i] = (char) (seed + i);
    }
  long s = 0;
  for (int i = n - 1; i >= 0; i--)
    s = s * 3 + v[i] + w[i];
  return s + (long) sizeof v;
}

/* A small lexer: numbers, identifiers, punctuation; the kinds and values fold into a hash. */
long lex (const unsigned char *s)
{
  long h = 0;
  const unsigned char *p = s;
  for (;;)
    {
      unsigned char c = *p;
      switch (c)
        {
        case 0:
          return h * 2 + (p - s);
        case ' ': case '\t': case '\n':
          p++;
          continue;
        case '0' ... '9':
          {
            long v = 0;
            while (*p >= '0' && *p <= '9')
              v = v * 10 + (*p++ - '0');
            h = h * 31 + v;
            break;
          }
        case 'a' ... 'z': case 'A' ... 'Z': case '_':
          {
            const unsigned char *start = p;
            do
              p++;
            while ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z');
            h = h * 37 + (p - start) * 1000 + start[0];
            break;
          }
        default:
          h = h * 41 + c;
          p++;
        }
    }
}

/* Reading a struct through a cast of a byte pointer. */
struct header { unsigned short kind; unsigned short len; int value; };

long header_through_cast (const unsigned char *buf)
{
  const struct header *h = (const struct header *) buf;
  return h->kind + 7 * h->len + 31L * h->value;
}

/* memset and memcpy over arrays of structs, whole and in part. */
struct pt { int x, y; };

long struct_array_copies (int k, int v)
{
  struct pt a[4], b[4];
  memset (a, 0, sizeof a);
  for (int i = 0; i < 4; i++)
    {
      b[i].x = v + i;
      b[i].y = -v * i;
    }
  a[k & 3].y = v;
  memcpy (b + 1, a + 2, 2 * sizeof *a);
  memcpy (&a[0], &b[3], sizeof a[0]);
  long r = 0;
  for (int i = 0; i < 4; i++)
    r = r * 7 + a[i].x + 3 * a[i].y + 5 * b[i].x + 11 * b[i].y;
  return r;
}

/* A char array field used as a string. */
struct named { int id; char name[12]; long tail; };

int named_strings (int k, int c)
{
  struct named n;
  memset (&n, 0, sizeof n);
  n.tail = -1;
  strcpy (n.name, "abcdef");
  n.name[k & 7] = (char) (c | 1);
  n.name[(k >> 3) & 7] = 0;
  struct named m = n;
  m.name[0] = 'z';
  return (int) strlen (n.name) * 1000 + (int) strlen (m.name) * 100 + strcmp (n.name, m.name) * 10
         + (n.tail == -1);
}

/* The bytes of an int array through a char pointer, read and written. */
long int_array_bytes (int a0, int a1, int k, int c)
{
  int a[4] = { a0, a1, a0 ^ a1, -1 };
  unsigned char *p = (unsigned char *) a;
  long before = p[k & 15] + 256 * p[(k >> 4) & 15];
  p[(k >> 8) & 15] = (unsigned char) c;
  signed char *s = (signed char *) &a[1];
  return before * 1000003 + a[0] + 3L * a[1] + 5L * a[2] + 7L * a[3] + s[k & 3];
}

/* Longs seen as two ints. */
long long_halves (long x, int k)
{
  long v[2] = { x, ~x };
  int *h = (int *) v;
  h[k & 3] += k;
  return v[0] ^ (v[1] << 1) ^ h[(k >> 2) & 3];
}

/* Small memcpys that GCC turns into one wide load or store spanning nested structs. */
struct two { struct pt a; struct pt b; short tail[4]; };

long spanning_fields (int x, int y, int k)
{
  struct two s, t;
  memset (&t, 0, sizeof t);
  s.a.x = x; s.a.y = y; s.b.x = ~x; s.b.y = k;
  for (int i = 0; i < 4; i++)
    s.tail[i] = (short) (x >> (i * 4));
  memcpy (&t.a.y, &s.a.y, 8);            /* a.y and b.x */
  memcpy (&t.b.y, &s.b.y, 8);            /* b.y and tail[0..1] */
  memcpy (t.tail + 2, &s.a, 4);
  long v;
  memcpy (&v, &s.b, sizeof v);
  return t.a.x + 3L * t.a.y + 5L * t.b.x + 7L * t.b.y + 11L * t.tail[0] + 13L * t.tail[1]
         + 17L * t.tail[2] + 19L * t.tail[3] + (v >> 7);
}

/* Byte pointers walked, compared, returned and passed on (the translation keeps a byte pointer
   variable as its base and offset): words of a buffer, a local array filled by *out++, a
   pointer into a struct's char array, NULL and equality across objects. */
static const unsigned char *skip_spaces (const unsigned char *p, const unsigned char *end)
{
  while (p < end && *p == ' ')
    p++;
  return p;
}

struct tagged_name { int tag; char name[12]; };

unsigned long split_walk (const unsigned char *buf, int n, int k)
{
  const unsigned char *end = buf + n, *p = buf, *mark = NULL;
  unsigned char local[16];
  unsigned char *out = local;
  struct tagged_name r = { 7, "hello world" };
  unsigned long acc = 0;
  while ((p = skip_spaces (p, end)) < end)
    {
      const unsigned char *word = p;
      while (p < end && *p != ' ')
        p++;
      if (!mark && p - word > 2)
        mark = word;
      if (out < local + sizeof local)
        *out++ = *word;
      acc = acc * 31 + (unsigned long) (p - word);
    }
  acc += mark == NULL ? 1000 : (unsigned long) (mark - buf) * 7 + mark[0] + mark[1];
  for (char *q = r.name + (k & 7); *q; q++)
    acc = acc * 5 + (unsigned char) *q;
  acc += (unsigned long) (out - local);
  acc += (out == local) + 2 * (p == end) + 4 * ((const unsigned char *) local == buf)
         + 8 * (mark != NULL && mark == buf);
  for (unsigned char *s = local; s < out; s++)
    acc = acc * 3 + *s;
  return acc;
}

/* Blocks from alloca that hold pointers (translated as words from the start: rt-alloca-words):
   filled, copied with memcpy, walked with a pointer, compared. */
static char alloca_text[64];

long alloca_pointers (int n, int k)
{
  char **slots, **copy, **p;
  long s = 0;
  int i;
  if (n < 1)
    n = 1;
  if (n > 64)
    n = 64;
  slots = __builtin_alloca (n * sizeof *slots);
  for (i = 0; i < n; i++)
    slots[i] = alloca_text + (unsigned) (i * 7 + k) % 64;
  copy = __builtin_alloca (n * sizeof *copy);
  memcpy (copy, slots, n * sizeof *slots);
  for (p = copy; p < copy + n; p++)
    s = s * 31 + (*p - alloca_text) + (p[0] == slots[p - copy]);
  return s;
}
