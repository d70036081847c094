/* page — the laid-out document: pages of positioned items.
 *
 * Owns: nothing; every item and string lives in the layout's arena. This
 * is the contract between layout and the PDF writer: coordinates are
 * points from the trim box's top-left corner, y growing downwards, text
 * positioned at its baseline. Only pdf.c turns it into libharu calls.
 * An item is 64 bytes: a 2,000-page report holds about a million. */
#ifndef FOLIO_PAGE_H
#define FOLIO_PAGE_H
#include "style.h"
#include "svg.h"
#include <stddef.h>

/* The largest raster image (pixels) layout places and the PDF writer
 * embeds: libharu 2.3.0 decodes a PNG whole into memory. 25 million is
 * 5000 x 5000, beyond a full page at 300 dpi (A4: 2480 x 3508). */
#define RASTER_MAX_PIXELS 25000000LL

typedef enum page_item_kind {
	ITEM_TEXT,   /* a run of one face: face, size, color, s/len at x,y,
	              * its glyphs scaled horizontally by 1 + tz/10000 */
	ITEM_RECT,   /* filled rectangle x,y,w,h in color */
	ITEM_LINE,   /* stroked line from x,y to x+w,y+h, width lw */
	ITEM_SVG,    /* vector art: svg scaled by scale, top-left at x,y */
	ITEM_IMAGE,  /* raster image file path at x,y size w,h */
	ITEM_LINK,   /* link area x,y,w,h to dest_page/dest_y or uri */
	ITEM_MARK,   /* a proof mark over x,y,w,h with a note */
} page_item_kind;

typedef struct page_item {
	unsigned kind : 4;       /* page_item_kind */
	unsigned tag : 4;        /* PAGE_TAG_*: what it is, for preflight */
	signed char face;        /* TEXT */
	short tz;                /* TEXT: horizontal scale of the glyphs
	                          * (font expansion) less 1, in 1/10000:
	                          * 150 is 101.5 %; 0 for most text. W is
	                          * the scaled width */
	union {
		unsigned len;    /* TEXT: bytes at s */
		unsigned target; /* LINK: 1 + node index of an internal target */
	};
	double x, y, w, h;
	const style_color *color; /* in the style or the pages' arena */
	union {                  /* by kind; only the kind's fields are set */
		struct {         /* TEXT */
			double size;
			const char *s;
		};
		double lw;       /* LINE */
		struct {         /* SVG */
			const svg_image *svg;
			double scale;
		};
		const char *path; /* IMAGE */
		struct {         /* LINK */
			const char *uri;
			int dest_page;   /* resolved: page index, -1: external */
			float dest_y;
		};
		struct {         /* MARK */
			const char *note;
			unsigned mark;   /* 1 + the mark's index */
		};
	};
} page_item;

enum { PAGE_TAG_NONE, PAGE_TAG_DISCLAIMER, PAGE_TAG_PARTNER_LOGO,
       PAGE_TAG_FUNDER_LOGO };

typedef struct page {
	page_item *items;
	size_t nitems, cap;
	int front;               /* front matter: roman numbers */
	int number;              /* printed page number (1-based per part) */
} page;

typedef struct page_outline {
	int level;               /* 0: chapter, 1: section, ... */
	const char *title;
	int page;
	double y;
} page_outline;

typedef struct page_doc {
	page *pages;
	size_t npages, cap;
	page_outline *outline;
	size_t noutline, outcap;
	double width, height;    /* trim size */
	/* metadata */
	const char *title, *author, *subject, *keywords, *lang, *date;
	const char *creator;
	/* vector art loaded for the pages (heap, freed by layout_free) */
	svg_image **svgs;
	size_t nsvgs;
	struct arena *strings;   /* the strings the items point to */
	int passes;              /* layout passes it took (page numbers) */
} page_doc;

#endif
