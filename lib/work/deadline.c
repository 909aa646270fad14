/* deadline.c — placeholder; being written. */
typedef int gk_deadline_placeholder;
