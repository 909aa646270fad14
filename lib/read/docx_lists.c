/*
 * docx_lists.c — placeholder; being written.
 */
typedef int gk_placeholder_docx_lists;
