/* records.c — placeholder; being written. */
typedef int gk_placeholder_work_records;
