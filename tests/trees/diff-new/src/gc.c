/* A file a rule skips. */
int gc_count (void) { return 42; }
