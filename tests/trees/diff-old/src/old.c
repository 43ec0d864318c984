/* A file the new side no longer has. */
int old_only (int x) { return -x; }
