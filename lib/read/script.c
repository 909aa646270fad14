/*
 * script.c — traditional-character reports (a Big5 or traditional copy of a report) are matched
 * against the schema's simplified labels: the matching form of every text is converted with
 * OpenCC's t2s configuration. Detection is a count of characters that exist only in
 * traditional script and are common in these reports, so simplified text is never converted.
 */
#include "script.h"

#include <opencc/opencc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SCAN_BYTES  2048 /* of matching text examined for traditional characters */
#define TRAD_ENOUGH 8    /* traditional-only characters that make a text traditional */
#define OPENCC_T2S  "t2s.json"
#define OPENCC_DIR  "/usr/share/opencc/"

/* Traditional-only forms of characters frequent in the reports. */
static const unsigned trad_only[] = {
    0x500B, /* 個 */ 0x5340, /* 區 */ 0x5831, /* 報 */ 0x5BE6, /* 實 */ 0x5BE9, /* 審 */
    0x5C6C, /* 屬 */ 0x6578, /* 數 */ 0x6703, /* 會 */ 0x69CB, /* 構 */ 0x6A5F, /* 機 */
    0x70BA, /* 為 */ 0x7D00, /* 紀 */ 0x7D44, /* 組 */ 0x7D50, /* 結 */ 0x7D71, /* 統 */
    0x7E3D, /* 總 */ 0x7E54, /* 織 */ 0x8207, /* 與 */ 0x8655, /* 處 */ 0x898F, /* 規 */
    0x8A08, /* 計 */ 0x8A0A, /* 訊 */ 0x8A1F, /* 訟 */ 0x8ACB, /* 請 */ 0x8B70, /* 議 */
    0x8B77, /* 護 */ 0x8CC7, /* 資 */ 0x8F49, /* 轉 */ 0x9032, /* 進 */ 0x9577, /* 長 */
    0x9580, /* 門 */ 0x958B, /* 開 */ 0x95DC, /* 關 */ 0x9801, /* 頁 */ 0x985E, /* 類 */
};

/* trad_only as a bit set over the CJK block U+4E00–U+9FFF, built once. */
#define CJK_FIRST 0x4E00u
#define CJK_LAST  0x9FFFu
static uint64_t trad_bits[(CJK_LAST - CJK_FIRST + 64) / 64];
static pthread_once_t bits_once = PTHREAD_ONCE_INIT;

static void build_bits(void)
{
    for (size_t i = 0; i < sizeof trad_only / sizeof trad_only[0]; i++) {
        unsigned k = trad_only[i] - CJK_FIRST;
        trad_bits[k / 64] |= (uint64_t)1 << (k % 64);
    }
}

static int is_trad_only(unsigned cp)
{
    if (cp < CJK_FIRST || cp > CJK_LAST)
        return 0;
    unsigned k = cp - CJK_FIRST;
    return (int)(trad_bits[k / 64] >> (k % 64) & 1);
}

/* Counts traditional-only characters in a matching form (3-byte UTF-8 sequences only). */
static size_t count_trad(const char *s, size_t len)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i + 2 < len; i++)
        if ((p[i] & 0xF0) == 0xE0) {
            unsigned cp = (unsigned)(p[i] & 0x0F) << 12 | (unsigned)(p[i + 1] & 0x3F) << 6 |
                          (p[i + 2] & 0x3F);
            n += is_trad_only(cp);
            i += 2;
        }
    return n;
}

static int is_traditional(const gk_blocks *b)
{
    pthread_once(&bits_once, build_bits);
    size_t seen = 0, trad = 0;
    for (size_t i = 0; i < b->n && seen < SCAN_BYTES; i++) {
        seen += b->v[i].text.norm_len;
        trad += count_trad(b->v[i].text.norm, b->v[i].text.norm_len);
        if (trad >= TRAD_ENOUGH)
            return 1;
    }
    return 0;
}

static pthread_once_t t2s_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t t2s_lock = PTHREAD_MUTEX_INITIALIZER;
static opencc_t t2s = (opencc_t)-1;

/* The installed table first: OpenCC resolves a bare name against the current directory
 * before its data directory, so a t2s.json where the program runs would change results. */
static void t2s_open(void)
{
    t2s = opencc_open(OPENCC_DIR OPENCC_T2S);
    if (t2s == (opencc_t)-1)
        t2s = opencc_open(OPENCC_T2S);
}

static void fold_text(gk_blocks *b, gk_text *t)
{
    if (t->norm_len == 0)
        return;
    char *s = opencc_convert_utf8(t2s, t->norm, t->norm_len);
    if (!s)
        return;
    size_t n = strlen(s);
    t->norm = arena_strndup(&b->mem, s, n);
    t->norm_len = (uint32_t)n;
    opencc_convert_utf8_free(s);
}

/* A row's matching form is its cells' joined. */
static void join_row(gk_blocks *b, gk_block *row)
{
    size_t total = 0;
    for (uint32_t c = 0; c < row->ncells; c++)
        total += row->cells[c].norm_len;
    char *w = arena_alloc_raw(&b->mem, total + 1);
    row->text.norm = w;
    row->text.norm_len = (uint32_t)total;
    for (uint32_t c = 0; c < row->ncells; c++) {
        memcpy(w, row->cells[c].norm, row->cells[c].norm_len);
        w += row->cells[c].norm_len;
    }
    *w = '\0';
}

void script_fold(gk_blocks *b)
{
    if (!is_traditional(b))
        return;
    b->traditional = 1;
    pthread_once(&t2s_once, t2s_open);
    if (t2s == (opencc_t)-1) {
        blocks_note_add(b, 1, "GK-TRADITIONAL", 1, "繁体字文本，但无法加载 OpenCC 转换表",
                        "traditional-character text, but OpenCC's t2s table could not be loaded");
        return;
    }
    pthread_mutex_lock(&t2s_lock);
    for (size_t i = 0; i < b->n; i++) {
        gk_block *blk = &b->v[i];
        if (blk->kind == GK_BLOCK_PARA) {
            fold_text(b, &blk->text);
            continue;
        }
        for (uint32_t c = 0; c < blk->ncells; c++)
            fold_text(b, (gk_text *)&blk->cells[c]);
        join_row(b, blk);
    }
    pthread_mutex_unlock(&t2s_lock);
    blocks_note_add(b, 0, "GK-TRADITIONAL", 1, "繁体字文本：按简体字匹配，原文保留",
                    "traditional-character text: matched as simplified, original text kept");
}
