/* Structs and unions: nested structs, struct assignment and by-value passing and return,
   arrays of structs walked with pointer arithmetic, pointers to fields, unions punning integers
   and floats, structs built from byte buffers.  Entry points take scalars or byte buffers and
   build their structs inside. */
#include <string.h>

struct point { int x, y; };
struct rect { struct point lo, hi; unsigned char tag; };
struct item { short id; long weight; struct point at; char name[6]; };
struct node { int value; struct node *next; };
struct with_array { int n; int v[8]; struct point pts[3]; };

static struct point make_point (int x, int y)
{
  struct point p;
  p.x = x;
  p.y = y;
  return p;
}

static long area (struct rect r)       /* by value */
{
  return (long) (r.hi.x - r.lo.x) * (r.hi.y - r.lo.y);
}

static void grow (struct rect *r, int d)
{
  r->lo.x -= d;
  r->lo.y -= d;
  r->hi.x += d;
  r->hi.y += d;
}

long rect_area (int x0, int y0, int x1, int y1, int d)
{
  struct rect r;
  r.lo = make_point (x0, y0);
  r.hi = make_point (x1, y1);
  r.tag = (unsigned char) d;
  struct rect copy = r;                /* struct assignment */
  grow (&r, d & 15);
  copy.lo.x++;
  return area (r) * 3 + area (copy) + r.tag + copy.tag;
}

int point_swap (int x, int y)
{
  struct point a = make_point (x, y), b = make_point (y, x);
  struct point t = a;
  a = b;
  b = t;
  struct point *pa = &a, *pb = &b;
  int *px = &pa->x;
  *px += 1;
  pb->y -= 1;
  return a.x * 31 + a.y * 7 + b.x * 3 + b.y;
}

/* An array of structs walked with pointer arithmetic. */
long items_walk (int n, int seed)
{
  struct item items[10];
  n = (n & 0x7fffffff) % 10 + 1;
  for (int i = 0; i < n; i++)
    {
      items[i].id = (short) (seed * (i + 1));
      items[i].weight = (long) seed * 1000 + i;
      items[i].at = make_point (i, -i * seed);
      for (int k = 0; k < 6; k++)
        items[i].name[k] = (char) ('a' + (seed + i + k) % 26);
    }
  long total = 0;
  struct item *end = items + n;
  for (struct item *p = items; p < end; p++)
    total += p->id + p->weight + p->at.y + p->name[p->id & 3];
  struct item *last = &items[n - 1];
  total += (last - items) * 1000000;
  total += (end - 1)->at.x;
  struct item *q = end;
  while (--q != items)
    total ^= q->weight;
  return total;
}

/* Sum a field through a pointer to a field of the first element. */
long field_stride (int a, int b)
{
  struct point pts[5];
  for (int i = 0; i < 5; i++)
    pts[i] = make_point (a + i, b - i);
  int *py = &pts[0].y;
  long s = 0;
  for (int i = 0; i < 5; i++)
    {
      s = s * 3 + *py;
      py += 2;                           /* to the next element's y */
    }
  return s;
}

/* A linked list in an array. */
int list_sum (int n, int step)
{
  struct node nodes[16];
  n = (n & 15) + 1;
  for (int i = 0; i < n; i++)
    {
      nodes[i].value = i * step;
      nodes[i].next = i + 1 < n ? &nodes[i + 1] : 0;
    }
  int s = 0;
  for (struct node *p = nodes; p; p = p->next)
    s += p->value;
  return s;
}

int nested_array (int k, int x)
{
  struct with_array w;
  memset (&w, 0, sizeof w);
  w.n = (k & 7);
  for (int i = 0; i <= w.n; i++)
    w.v[i] = x * i;
  w.pts[k % 3 < 0 ? -(k % 3) : k % 3].y = x;
  struct with_array w2 = w;
  w2.v[0] = 5;
  int s = 0;
  for (int i = 0; i < 8; i++)
    s += w.v[i] - w2.v[i];
  return s + w2.pts[0].y + w2.pts[1].y * 2 + w2.pts[2].y * 3 + w2.n;
}

/* Unions: punning a long and a double, bytes of an integer. */
union pun { long l; unsigned long u; double d; unsigned char b[8]; int i[2]; float f[2]; };

long double_bits (double d)
{
  union pun p;
  p.d = d;
  return p.l;
}

double bits_double (long l)
{
  union pun p;
  p.l = l;
  return p.d;
}

int long_byte (long l, int k)
{
  union pun p;
  p.l = l;
  return p.b[k & 7];
}

int long_half (long l, int k)
{
  union pun p;
  p.l = l;
  return p.i[k & 1];
}

long bytes_long (int b0, int b3, int b7)
{
  union pun p;
  p.u = 0;
  p.b[0] = (unsigned char) b0;
  p.b[3] = (unsigned char) b3;
  p.b[7] = (unsigned char) b7;
  return p.l;
}

float float_half (long l, int k)
{
  union pun p;
  p.l = l;
  return p.f[k & 1];
}

/* A struct in a union. */
struct tagged { int kind; union { long n; double x; struct point pt; } u; };

double tagged_value (int kind, long n)
{
  struct tagged t;
  t.kind = kind & 3;
  switch (t.kind)
    {
    case 0: t.u.n = n; break;
    case 1: t.u.x = (double) n / 4; break;
    case 2: t.u.pt = make_point ((int) n, (int) (n >> 32)); break;
    default: t.u.n = -n; break;
    }
  struct tagged c = t;
  switch (c.kind)
    {
    case 0: case 3: return (double) c.u.n;
    case 1: return c.u.x;
    default: return c.u.pt.x + c.u.pt.y * 0.5;
    }
}

/* Structs read from and written to byte buffers with memcpy. */
struct rec { unsigned short a; unsigned char b; int c; long d; };

long rec_from_bytes (const unsigned char *buf)
{
  struct rec r;
  memcpy (&r, buf, sizeof r);
  return r.a + 7 * r.b + 31 * (long) r.c + r.d;
}

void rec_to_bytes (unsigned char *buf, int a, int b, int c, long d)
{
  struct rec r;
  memset (&r, 0, sizeof r);
  r.a = (unsigned short) a;
  r.b = (unsigned char) b;
  r.c = c;
  r.d = d;
  memcpy (buf, &r, sizeof r);
}

int struct_compare (int x, int y)
{
  struct point a = make_point (x, y), b = make_point (x, y & ~1);
  return memcmp (&a, &b, sizeof a) == 0;
}

/* A struct passed by value is the callee's own copy; one returned by value is the caller's. */
static struct with_array bump (struct with_array w, int d)
{
  w.n += d;
  w.v[d & 7] += d;
  w.pts[1].x = d;
  return w;
}

int by_value (int k, int d)
{
  struct with_array a;
  memset (&a, 0, sizeof a);
  a.n = k;
  a.v[3] = k * 2;
  struct with_array b = bump (a, d);
  struct with_array c = bump (b, d + 1);
  return a.n + a.v[d & 7] * 3 + a.pts[1].x * 5 + b.n * 7 + b.v[d & 7] * 11 + b.pts[1].x * 13
         + c.n * 17 + c.pts[1].x * 19;
}

/* A struct passed on by a function that does not change it to one that does, and a global
   passed by value to a function that changes the global: each callee sees C's copy. */
static struct point shared_point;

static int moved (struct point p, int d)
{
  p.x += d;
  return p.x * 3 + p.y;
}

static int pass_on (struct point p, int d)
{
  int r = moved (p, d);
  return r * 7 + p.x;
}

static int after_global_change (struct point p, int d)
{
  shared_point.x = d;
  return p.x - shared_point.x;
}

int by_value_chain (int x, int d)
{
  struct point a = make_point (x, d);
  int r = pass_on (a, d);
  shared_point = a;
  r = r * 5 + after_global_change (shared_point, d + 1);
  return r * 3 + a.x;
}

/* A struct local used only field by field (each field becomes a variable of its own), with a
   zeroing assignment in the loop. */
struct counters { unsigned short q; long n; _Bool seen; double avg; signed char last; };

int field_wise (const unsigned char *buf, int len)
{
  struct counters c = { 0 };
  for (int i = 0; i < len; i++)
    {
      c.q = c.q * 31 + buf[i];
      c.n += buf[i] > 100 ? 2 : -1;
      c.seen |= buf[i] == 'a';
      c.avg = c.avg * 0.5 + buf[i];
      c.last = buf[i];
      if (buf[i] == 0)
        c = (struct counters) { 0 };
    }
  return c.q + c.n * 3 + c.seen * 5 + (int) c.avg + c.last;
}

/* A struct returned as it was passed, then the caller's own changed: the result stays a copy. */
static struct point same (struct point p)
{
  return p;
}

int returned_param (int x, int y)
{
  struct point a = make_point (x, y);
  struct point b = same (a);
  a.x = y;
  struct point c = same (b);
  b.y = x;
  return b.x * 3 + a.x * 5 + c.y * 7 + b.y;
}

/* A large local array (taken from the runtime's pool and given back on exit): each call sees it
   as fresh as C's uninitialized-but-written-first buffer, a recursive call gets its own, and a
   pointer loop walks it (p < end). */
static int big_fill (int depth, int x)
{
  char buf[3000];
  int n = (x & 1023) + 1;
  for (int i = 0; i < n; i++)
    buf[i] = (char) ((unsigned) x + (unsigned) i * (unsigned) depth);
  unsigned inner = depth > 0 ? (unsigned) big_fill (depth - 1, (x & 0xffff) * 3 + 1) : 0;
  unsigned s = 0;
  for (const char *p = buf, *end = buf + n; p < end; p++)
    s = s * 31u + (unsigned char) *p;
  return (int) ((s + inner + (unsigned) (buf + n - buf)) & 0x7fffffff);
}

int big_local_array (int depth, int x)
{
  unsigned a = (unsigned) big_fill (depth & 3, x);
  unsigned b = (unsigned) big_fill (depth & 3, x ^ 5);
  return (int) ((a * 3u + b) & 0x7fffffff);
}

/* Loads repeated in one block, which the translation reads once while nothing between them can
   change the place (translator/emit/loads.py): each store below may or may not reach the place
   loaded next, by another pointer to the same struct, a pointer to the field, a call, a union
   member pointed to. */
struct halves { int lo, hi; };
struct cursor { long a, b; union { long w; struct halves h; } u; };
static struct cursor cursors[2];
static struct cursor *cur = &cursors[0];
static long counter;
static int *pinned_lo;

static void bump_counter (long d) { counter += d; }

long reused_loads (long x, long y, int alias)
{
  struct cursor *other = alias & 1 ? cur : &cursors[1];
  long *field = alias & 2 ? &cur->a : &cur->b;
  struct halves *halves;
  struct cursor *walk;
  long s;
  cur->a = x;
  cur->b = y;
  s = cur->a;
  other->a = y;                 /* the same field, maybe of the same struct */
  s += cur->a * 3;
  cur->b = x;                   /* another field */
  s += cur->a * 5 + cur->b;
  *field = x + 1;               /* through a pointer */
  s += cur->a * 7 + cur->b * 11;
  counter = y;
  s += counter;
  bump_counter (x);             /* a call */
  s += counter * 13;
  pinned_lo = &cur->u.h.lo;
  *pinned_lo = (int) x;
  s += *pinned_lo;
  cur->u.w = y;                 /* the union under the member pointed to */
  s += *pinned_lo * 17 + cur->u.h.hi;
  halves = &cur->u.h;
  halves->lo = (int) y;
  s += halves->lo;
  cur->u.w = x;                 /* the union under the member pointed to, again */
  s += halves->lo * 19;
  walk = cursors;               /* the old value of walk is read through after walk++ */
  cursors[1].a = y;
  s += (walk++)->a * 23;
  s += walk->a * 29;
  return s;
}

/* A pointer loaded once per iteration and followed several times (the translation keeps the
   struct it reaches until the pointer is set again): each iteration's own struct. */
struct pair { long a, b; };
struct link { struct link *next; struct pair *pr; };

long links_walk (int n, long k)
{
  struct pair pairs[8];
  struct link links[8];
  struct link *l;
  long s = 0;
  int i;
  n = n < 1 ? 1 : n > 8 ? 8 : n;
  for (i = 0; i < n; i++)
    {
      pairs[i].a = i * k;
      pairs[i].b = i - k;
      links[i].pr = &pairs[(i * 3) % n];
      links[i].next = i + 1 < n ? &links[i + 1] : 0;
    }
  for (l = links; l; l = l->next)
    {
      l->pr->a += k;
      l->pr->b += l->pr->a;
      s = s * 7 + l->pr->b;
    }
  return s;
}
