/* setjmp and longjmp: a longjmp from several frames down, the value 0 (setjmp then returns 1),
   nested setjmps in one function, a setjmp in a loop and one re-entered many times, volatile
   locals changed between setjmp and longjmp, a longjmp through a frame with a setjmp of its own,
   to one activation of a recursive function, through a copy of a jmp_buf (memcpy, as Emacs's
   read_char saves and restores getcjmp), and sigsetjmp/siglongjmp with and without the mask. */
#include <setjmp.h>
#include <signal.h>
#include <string.h>

static jmp_buf outer_env, inner_env;
static int trace;

/* longjmp (ENV, VALUE) from DEPTH frames further down. */
static void thrower (int depth, int value, jmp_buf env)
{
  trace++;
  if (depth > 0)
    thrower (depth - 1, value, env);
  else
    longjmp (env, value);
  trace = -1000;                        /* never reached */
}

int jump_value (int v)
{
  int r = setjmp (outer_env);
  if (r == 0)
    {
      thrower (3, v, outer_env);
      return -1;
    }
  return r;
}

int nested (int which, int v)
{
  volatile int steps = 0;
  int r = setjmp (outer_env);
  if (r != 0)
    return steps * 1000 + r;
  steps++;
  int s = setjmp (inner_env);
  if (s != 0)
    {
      steps += 10;
      if (which & 2)
        thrower (2, v ^ 5, outer_env);
      return steps * 1000 + s * 7;
    }
  steps += 100;
  thrower (which & 4 ? 0 : 3, v, (which & 1) ? outer_env : inner_env);
  return -1;
}

int locals_survive (int n)
{
  volatile int count = 0;
  volatile long sum = 0;
  jmp_buf env;
  int r = setjmp (env);
  if (r < n && r < 50)
    {
      count++;
      sum += r * 3;
      thrower (r % 3, r + 1, env);
    }
  return count * 10000 + (int) sum + r;
}

int loop_setjmp (int n)
{
  jmp_buf env;
  volatile int total = 0;
  for (int i = 0; i < n && i < 20; i++)
    {
      int r = setjmp (env);
      if (r == 0)
        {
          total += i;
          if (i % 2)
            thrower (i % 4, i + 100, env);
        }
      else
        total += r * 2;
    }
  return total + trace % 7;
}

static int middle (int v)
{
  jmp_buf local;
  int r = setjmp (local);
  if (r != 0)
    return 500 + r;                     /* only a longjmp to LOCAL comes here */
  if (v < 0)
    thrower (1, 9, local);
  thrower (2, v, outer_env);
  return 0;
}

int through_frames (int v)
{
  int r = setjmp (outer_env);
  if (r != 0)
    return r;
  return middle (v) + 1;
}

static jmp_buf *levels[8];

static int recurse (int depth, int target, int v)
{
  jmp_buf env;
  levels[depth] = &env;
  int r = setjmp (env);
  if (r != 0)
    return depth * 1000 + r;
  if (depth == 7)
    longjmp (*levels[target], v);
  return recurse (depth + 1, target, v) + 1;
}

int recursive_target (int target, int v)
{
  return recurse (0, target & 7, v & 0xff);
}

int copied_env (int v)
{
  jmp_buf a, saved;
  volatile int phase = 0;
  int r = setjmp (a);
  if (r != 0)
    return phase * 100000 + r;
  phase = 1;
  memcpy (saved, a, sizeof a);
  memset (a, 0, sizeof a);
  phase = 2;
  thrower (1, v, saved);
  return -1;
}

int sig_jump (int v, int savemask)
{
  sigjmp_buf env;
  sigset_t block, before, after;
  sigemptyset (&block);
  sigaddset (&block, SIGUSR2);
  sigprocmask (SIG_BLOCK, NULL, &before);
  int r = sigsetjmp (env, savemask);
  if (r == 0)
    {
      sigprocmask (SIG_BLOCK, &block, NULL);
      siglongjmp (env, v);
    }
  sigprocmask (SIG_SETMASK, NULL, &after);
  int blocked = sigismember (&after, SIGUSR2);
  sigprocmask (SIG_SETMASK, &before, NULL);
  return (r & 0xffff) * 4 + blocked * 2 + sigismember (&before, SIGUSR2);
}
