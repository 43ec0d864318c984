/* A new file no rule names. */
#include "inl.h"
int fresh_fn (int x) { return inl_twice (x) + 1; }
