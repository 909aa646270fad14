/*
 * pdf_lines.c — placeholder; being written.
 */
typedef int gk_placeholder_pdf_lines;
