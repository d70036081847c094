/* layout_int — what layout's files share; not for other modules.
 *
 * The flow builds a vertical list (lay_v) of boxes, glue, penalties,
 * forced breaks and anchors; paragraphs become lay_inl items broken into
 * lines by lay_break (Knuth–Plass) and rendered into boxes by
 * lay_para_lines. lay_paginate cuts the vertical list into pages. */
#ifndef FOLIO_LAYOUT_INT_H
#define FOLIO_LAYOUT_INT_H
#include "hyph.h"
#include "layout.h"

#define LAY_INF 10000

typedef enum { INL_BOX, INL_GLUE, INL_PENALTY } lay_inl_kind;

/* One item of a paragraph: box (text run), glue (space) or penalty. */
typedef struct lay_inl {
	double w, stretch, shrink;
	double size, rise;
	const style_color *color;
	const char *s;
	const char *uri;           /* external link */
	const doc_node *src;
	unsigned len;              /* bytes of s */
	unsigned target;           /* 1 + node idx of an internal link */
	int penalty;
	int fn;                    /* footnote number shown here, or -1 */
	int fnid;                  /* footnote store index, or -1 */
	short face;
	unsigned char kind;        /* lay_inl_kind */
	unsigned char flagged;     /* a penalty with w > 0 is a hyphenation */
	unsigned char kerned;      /* BOX: w includes a kern after the text */
} lay_inl;                     /* 104 bytes: paragraphs hold thousands */

typedef enum { ALIGN_JUSTIFY, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } lay_align;

/* A paragraph being built: items plus how to set it. */
typedef struct lay_para {
	struct lay *L;             /* whose spare storage items may reuse */
	vec items;                 /* lay_inl */
	double width;              /* measure */
	double expand;             /* font expansion limit (fraction of the
	                            * glyphs' width), justified lines only */
	double indent;             /* first-line indent */
	double leading, size;
	lay_align align;
	int nohyph;                /* headings, captions: never hyphenated */
	const char *prev_word;     /* the last word set, for no-break rules */
	size_t prev_len;
	const char *marker;        /* list bullet/number hung left of line 1 */
	int marker_face;
	double marker_size, marker_w;
	const style_color *marker_color;
	const doc_node *src;
} lay_para;

typedef enum { V_BOX, V_GLUE, V_PENALTY, V_BREAK, V_ANCHOR, V_PAGE } lay_v_kind;

/* One item of the vertical list. */
typedef struct lay_v {
	lay_v_kind kind;
	double h;                  /* BOX, GLUE: height */
	double x;                  /* BOX: left offset inside the text area */
	page_item *items;          /* BOX, PAGE: items relative to the box */
	size_t nitems;
	int penalty;               /* PENALTY */
	int recto;                 /* BREAK: the next page is a right page */
	int tint;                  /* tinted box group (0: none) */
	int fn_first, fn_n;        /* footnotes referenced in this line */
	int table, header;         /* table id (0: none), header row */
	/* ANCHOR: an element's place; outline entry if level >= 0 */
	unsigned node;             /* 1 + node idx */
	int level;
	const char *title;
	const char *chapter;       /* running head from here on */
	int body_start;            /* first page of the arabic-numbered body */
	int no_head;               /* this page carries no running head */
	int is_float;              /* BOX: may move to the next page's top,
	                            * the text flowing on (figures); NODE is
	                            * the element it places */
} lay_v;

typedef struct lay_tint {
	double x, w;
	const style_color *color, *rule; /* in the style */
	int rule_left;
} lay_tint;

typedef struct lay_footnote {
	lay_v *lines;              /* rendered lines of the note */
	size_t n;
	double h;
} lay_footnote;

typedef struct lay_table {
	vec header;                /* lay_v rows repeated on each page */
} lay_table;

/* The state of one layout pass. */
typedef struct lay {
	arena *a;                  /* this pass: strings the pages point to */
	arena *ia;                 /* this pass: the vertical list's items,
	                            * freed once the pages have copies */
	doc *d;
	const style *s;
	font_set *fs;
	diag *dg;
	page_doc *pd;
	vec v;                     /* lay_v: the vertical list */
	vec *out;                  /* where blocks go now: &v, or a cell's */
	vec notes;                 /* lay_footnote */
	vec tints;                 /* lay_tint, index 0 unused */
	vec tables;                /* lay_table, index 0 unused */
	/* per node (by idx) */
	const char **label;        /* "2.3", "A", "4.1"... or NULL */
	int *page_of;              /* previous pass: page index, -1 unknown */
	double *y_of;
	const char **page_label;   /* previous pass: printed page label */
	int pass;
	/* geometry */
	double text_w, text_h;
	/* state while flowing */
	int cur_tint;
	int fn_counter;            /* per chapter */
	int *fn_num;               /* per node: footnote number this pass */
	int quote_depth;
	const char *chapter_title; /* running head */
	int warned_missing_glyph;
	int book;
	hyph_set *hy;
	const layout_opts *opts;
	int *mark_first;           /* per node: its first mark, or -1 */
	struct lay_brk_cache *brk; /* paragraphs' breaks, across passes */
	struct lay_word_cache *wc; /* words' boxes, across passes */
	double space[FONT_NROLES]; /* width of a space per role, 1/1000 em */
	char space_known[FONT_NROLES];
	/* paragraphs whose lines cannot change from pass to pass (no page
	 * numbers, no footnotes) are set once: their lines, items and
	 * strings live in memo_a, handed to the pages at the end */
	char **svg_path;           /* heap: the file of each pd->svgs */
	vec spare_inl;             /* lay_inl storage between paragraphs */
	vec line_items;            /* page_item: the line render_line sets */
	arena *memo_a;
	struct lay_memo **memo;    /* per node, or NULL */
} lay;

/* layout_para.c */
void lay_para_init(lay *L, lay_para *p, double width, double size,
                   double leading);
void lay_para_free(lay_para *p);
/* Appends the text S[0..len) in FACE ROLE at SIZE as boxes and glue,
 * collapsing white space unless PRESERVE (then breaks only at spaces). */
typedef struct lay_font_state {
	style_font role;
	double size, rise;
	const style_color *color;
	unsigned target;
	const char *uri;
	const char *lang;
	int nobreak;               /* code, literal: no hyphenation */
} lay_font_state;
void lay_para_text(lay *L, lay_para *p, const lay_font_state *fst,
                   const char *s, size_t len, const doc_node *src);
/* Appends a box of text that never breaks (a footnote mark, a number). */
void lay_para_box(lay *L, lay_para *p, const lay_font_state *fst,
                  const char *s, size_t len, int fnid, int fn);
/* Appends a forced line break. */
void lay_para_newline(lay *L, lay_para *p);
/* Breaks P into lines and appends them to the vertical list at offset X,
 * with widow and orphan penalties. Returns the number of lines. */
int lay_para_emit(lay *L, lay_para *p, double x);
/* As lay_para_emit, into the vec OUT (lay_v) instead of L->v. */
int lay_para_emit_to(lay *L, lay_para *p, double x, vec *out);
/* Total-fit breaking of ITEMS[0..n) (ending in a forced break) at
 * WIDTH; RAGGED adds that much stretch to every line (ragged setting);
 * EXPAND (a fraction, 0: none) lets the glyphs of a line's text boxes
 * (len > 0) stretch and shrink by that much of their width, with the
 * glue by one shared ratio (pdfTeX's font expansion).
 * Passes as TeX's: tolerance 100 without hyphenation, 200 and 1000 with
 * it, then any badness; never three hyphenated lines in a row, and no
 * line wider than WIDTH unless one box is. Stores the break item indices
 * in *BREAKS (heap, caller frees) and returns their count. */
int lay_break(const lay_inl *items, int n, double width, double ragged,
              double expand, int **breaks);
/* Nonzero: lay_break weighs every legal break against every active node,
 * even one too loose for all of them (tests compare the two ways). */
extern int lay_break_exhaustive;
/* Width of UTF-8 text in a role and size, with font fallback. */
double lay_text_width(lay *L, style_font role, double size, const char *s,
                      size_t len);
/* Adds a text item with font fallback into ITEMS (vec of page_item). */
double lay_text_items(lay *L, vec *items, style_font role, double size,
                      const style_color *color, double x, double y,
                      const char *s, size_t len);

void lay_brk_cache_free(struct lay_brk_cache *c);
void lay_word_cache_free(struct lay_word_cache *c);

/* layout_page.c */
void lay_paginate(lay *L);

/* helpers */
page_item *lay_items_copy(lay *L, vec *items, size_t *n);
lay_v *lay_push(lay *L);

#endif
