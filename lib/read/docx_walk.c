/*
 * docx_walk.c — placeholder; being written.
 */
typedef int gk_placeholder_docx_walk;
