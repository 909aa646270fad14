/* generate_store.c — placeholder; being written. */
typedef int gk_placeholder_work_generate_store;
