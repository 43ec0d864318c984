/* A new file: its function moved here from gc.c, and a rule replaces it. */
int make_widget (int n) { return n + 1; }
