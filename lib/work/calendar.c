/* calendar.c — placeholder; being written. */
typedef int gk_calendar_placeholder;
