/* A header inline that units share. */
static inline int inl_twice (int x) { return 2 * x; }
