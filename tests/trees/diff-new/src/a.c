/* The functions the diff test follows from one release to the next. */
#include "inl.h"

int gc_count (void);
int counter;

int added_fn (int x) { return x / 2; }
int changed_fn (int x) { return x + 2; }

/* moved_fn only moves down:
   its code is the same. */
int moved_fn (int x) { return x * 3; }
int calls_gc (int x) { return x + gc_count (); }
void *frame_user (void) { return 0; }
static int same_static (int x) { return inl_twice (x); }
int uses_static (int x) { return same_static (x); }
int read_counter (void) { return counter; }
