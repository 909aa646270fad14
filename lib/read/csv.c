/* csv.c — placeholder; being written. */
typedef int gk_placeholder_read_csv;
