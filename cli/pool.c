/* placeholder; being written. */
typedef int gk_cli_placeholder_a;
