/* ledger.c — placeholder; being written. */
typedef int gk_placeholder_ledger;
