/*
 * pdf_rows.c — placeholder; being written.
 */
typedef int gk_placeholder_pdf_rows;
