/*
 * sheet.h — the generic spreadsheet readers the ledger reader (lib/work/ledger.c) is built on:
 * a CSV file (csv.c) or the first worksheet of an XLSX workbook (xlsx.c) becomes a sheet, rows
 * of cell strings, each row with where it is in the source (CSV: the line the record starts
 * on; XLSX: the row number Excel shows). The readers know nothing of ledgers: they hand each
 * row to a callback, and the caller decides what the cells mean. Rows, columns and cell sizes
 * have hard caps; a row past one is passed without its cells, saying which.
 */
#ifndef GK_SHEET_H
#define GK_SHEET_H

#include <gongkai/status.h>
#include <stddef.h>

#define SHEET_ROWS_MAX 1048576 /* rows of a sheet (Excel's own limit) */
#define SHEET_COLS_MAX 256     /* cells of a row; an XLSX cell further right is not read */
#define SHEET_CELL_MAX 131072  /* bytes of a cell: Excel's 32,767 characters fit in UTF-8 */

/* One cell as read: NUL-terminated text, and whether XLSX stored it as a number. */
typedef struct sheet_cell {
    const char *s;
    int num;
} sheet_cell;

/* Why a row comes without its cells. */
typedef enum sheet_limit {
    SHEET_WITHIN,        /* the row is read */
    SHEET_TOO_WIDE,      /* CSV: the record has more than SHEET_COLS_MAX fields */
    SHEET_CELL_TOO_LONG, /* a cell is longer than SHEET_CELL_MAX bytes */
    SHEET_TOO_MANY_ROWS, /* SHEET_ROWS_MAX rows were passed: the reading stops at this one */
} sheet_limit;

/* One row. The cells are the reader's, valid only during the callback. */
typedef struct sheet_row {
    int line;                /* CSV: the line the record starts on; XLSX: the row number */
    const sheet_cell *cells; /* cells[0..n); an XLSX cell not in the file is "" */
    size_t n;                /* 0 unless limit is SHEET_WITHIN */
    sheet_limit limit;
} sheet_row;

/* Called for each row in order, blank ones included; returns 0 to go on, 1 to stop reading. */
typedef int (*sheet_row_fn)(void *ctx, const sheet_row *row);

/* What the reader found out about the file; set before the first row is passed. */
typedef struct sheet_info {
    const char *encoding; /* CSV: the text encoding ("UTF-8", "GB18030", …); XLSX: NULL */
    int date1904;         /* XLSX: the workbook counts days from 1904-01-01 */
} sheet_info;

/*
 * Reads data[0..len) as CSV: decoded to UTF-8 (decode.h: a BOM, UTF-16, UTF-8, else a guess
 * such as GB18030), split into records with RFC 4180 quoting, comma- or tab-separated (or the
 * delimiter of an Excel "sep=X" first line), any line ending. Fails only with GK_ERR_ENCODING
 * when no supported encoding decodes the bytes.
 */
gk_status sheet_read_csv(const char *data, size_t len, sheet_row_fn fn, void *ctx, sheet_info *info,
                         gk_error *err);

/*
 * Reads data[0..len), a ZIP package, as XLSX: the first worksheet of the workbook (workbook.xml
 * and its relationships; xl/worksheets/sheet1.xml when they do not say), its cells resolved
 * through the shared strings, inline strings read, phonetic runs left out. A row number the
 * file gives outside 1..SHEET_ROWS_MAX is taken as absent (the row after the last). Fails with
 * GK_ERR_INVALID_ARG when the package or its XML is damaged or it has no worksheet, and with
 * GK_ERR_LIMIT when a part is larger than GK_MAX_UNZIPPED; damage after the callback stopped
 * the reading is not looked at.
 */
gk_status sheet_read_xlsx(const char *data, size_t len, sheet_row_fn fn, void *ctx,
                          sheet_info *info, gk_error *err);

#endif
