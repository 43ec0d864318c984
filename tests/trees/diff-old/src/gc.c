/* A file a rule skips. */
int gc_count (void) { return 42; }
int make_widget (int n) { return n + 1; }
