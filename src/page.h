/* page — the laid-out document: pages of positioned items.
 *
 * Owns: nothing; every item and string lives in the layout's arena. This
 * is the contract between layout and the PDF writer: coordinates are
 * points from the trim box's top-left corner, y growing downwards, text
 * positioned at its baseline. Only pdf.c turns it into libharu calls. */
#ifndef FOLIO_PAGE_H
#define FOLIO_PAGE_H
#include "style.h"
#include "svg.h"
#include <stddef.h>

typedef enum page_item_kind {
	ITEM_TEXT,   /* a run of one face: face, size, color, s/len at x,y */
	ITEM_RECT,   /* filled rectangle x,y,w,h in color */
	ITEM_LINE,   /* stroked line from x,y to x+w,y+h, width lw */
	ITEM_SVG,    /* vector art: svg scaled by scale, top-left at x,y */
	ITEM_IMAGE,  /* raster image file path at x,y size w,h */
	ITEM_LINK,   /* link area x,y,w,h to dest_page/dest_y or uri */
	ITEM_MARK,   /* a proof mark over x,y,w,h with a note */
} page_item_kind;

typedef struct page_item {
	page_item_kind kind;
	double x, y, w, h;
	style_color color;
	/* TEXT */
	int face;
	double size;
	const char *s;
	size_t len;
	/* LINE */
	double lw;
	/* SVG / IMAGE */
	const svg_image *svg;
	double scale;
	const char *path;
	/* LINK */
	unsigned target;         /* 1 + doc node index of an internal target */
	int dest_page;           /* resolved: page index, -1: external */
	double dest_y;
	const char *uri;
	/* MARK */
	const char *note;
	unsigned mark;           /* 1 + the mark's index */
	/* what the item is, for the preflight record */
	int tag;                 /* PAGE_TAG_* */
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
} page_doc;

#endif
