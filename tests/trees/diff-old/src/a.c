/* The functions the diff test follows from one release to the next. */
#include "inl.h"

int gc_count (void);
static int counter;

int removed_fn (int x) { return x - 1; }
int changed_fn (int x) { return x + 1; }
int moved_fn (int x) { return x * 3; }
int calls_gc (int x) { return x; }
void *frame_user (void) { return __builtin_frame_address (0); }
static int same_static (int x) { return inl_twice (x); }
int uses_static (int x) { return same_static (x); }
int read_counter (void) { return counter; }
