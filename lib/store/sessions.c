/* sessions.c — placeholder; being written. */
typedef int gk_placeholder_store_sessions;
