/* style — a house style: page geometry, fonts by role, sizes, colours,
 * running heads, numbering and the mandatory content a funder requires.
 *
 * Owns: the style struct and its strings, allocated in the arena given to
 * style_load. A style file is an INI-like text (documented in README.md):
 * "[section]" lines, "key = value" lines, "#" comments; a value may go on
 * over following lines that start with whitespace. "extends = NAME" first
 * in a file loads NAME and overrides it. Unknown keys and wrong values are
 * errors naming file:line:col. Lengths take pt, mm, cm, in or em units. */
#ifndef FOLIO_STYLE_H
#define FOLIO_STYLE_H
#include "arena.h"
#include "diag.h"

typedef struct style_color {
	int cmyk;          /* 0: rgb in v[0..2]; 1: cmyk in v[0..3] */
	double v[4];
} style_color;

typedef enum style_font {
	FONT_SERIF, FONT_SERIF_ITALIC, FONT_SERIF_BOLD, FONT_SERIF_BOLD_ITALIC,
	FONT_SANS, FONT_SANS_ITALIC, FONT_SANS_BOLD, FONT_SANS_BOLD_ITALIC,
	FONT_MONO, FONT_MONO_BOLD, FONT_NROLES
} style_font;

#define STYLE_MAX_FALLBACKS 4

typedef struct style_font_files {
	const char *file[STYLE_MAX_FALLBACKS]; /* resolved paths */
	int n;
} style_font_files;

typedef struct style {
	const char *name, *path;
	/* page: trim size and margins (points) */
	double page_width, page_height;
	double margin_top, margin_bottom, margin_inner, margin_outer;
	double bleed;            /* print edition: bleed around the trim */
	int crop_marks;
	int cmyk;                /* print edition: every colour in CMYK */
	int pad_to;              /* pad page count to a multiple (1: none) */
	int pdfa;                /* PDF/A-1b: XMP and an output intent */
	const char *icc_profile; /* the output intent's ICC profile */
	/* fonts */
	style_font_files fonts[FONT_NROLES];
	/* text */
	double body_size, body_leading, parindent, parskip;
	double small_size, small_leading;       /* captions, tables */
	double footnote_size, footnote_leading;
	double heading_size[4];  /* chapter, section, subsection, deeper */
	double heading_leading[4];
	double heading_before[4], heading_after[4];
	int heading_numbers;
	int chapter_recto;       /* chapters open on a right-hand page */
	int hyphenate;
	int hyphen_left, hyphen_right;
	double expansion;        /* font expansion of justified lines: the
	                          * most, in percent, a line's glyphs may be
	                          * scaled horizontally (0: none) */
	int xref_pages;          /* xref prints "on page N" */
	int nbsp_single_letter;  /* Bulgarian: no break after в, с, и, ... */
	int print_urls;          /* external links print their URL */
	int running_heads;
	/* colours */
	style_color text_color, accent_color, rule_color, tint_color,
	            link_color, cover_color, cover_text_color;
	/* mandatory content */
	const char *disclaimer;  /* NULL: none required */
	const char *funder_logo; /* resolved path, or NULL */
	const char *funder_name;
	int min_partner_logos;
	int has_cover;
} style;

/* Loads style NAME_OR_PATH: a path (containing '/' or ending in
 * ".style") or a name looked up as DATADIR/styles/NAME.style. Returns
 * NULL after reporting errors through D. */
style *style_load(arena *a, const char *name_or_path, const char *datadir,
                  diag *d);

/* Whether colours A and B are the same (same space, same values). */
static inline int style_color_eq(const style_color *a, const style_color *b)
{
	return a == b || (a->cmyk == b->cmyk && a->v[0] == b->v[0] &&
	                  a->v[1] == b->v[1] && a->v[2] == b->v[2] &&
	                  a->v[3] == b->v[3]);
}

/* Parses a length such as "12pt", "20mm", "1.5em" (em relative to EM);
 * returns 0 on success. */
int style_parse_length(const char *s, double em, double *out);
/* Parses "#rrggbb", "#rgb" or "cmyk(c,m,y,k)" (0..1 or 0..100%). */
int style_parse_color(const char *s, style_color *out);

#endif
