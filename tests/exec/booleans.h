/* Header inlines returning a truth value, as Emacs's NILP and BUFFERP are: a test of a call
   of one takes the callee's test (translator/emit/booleans.py, truth_functions). */
#include <stdbool.h>

static inline bool
small_p (long x)
{
  return x < 10 && x > -10;
}

static inline bool
zero_p (long x)
{
  return x == 0;
}

static inline bool
small_nonzero_p (long x)
{
  return small_p (x) && !zero_p (x);
}
