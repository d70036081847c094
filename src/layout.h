/* layout — turns the document tree and a style into pages.
 *
 * Owns: the page_doc it returns and everything it points to; items and
 * strings live in the arena given to layout_document, loaded vector art
 * on the heap until layout_free. Pure computation over the tree and the
 * style: it writes no file. The flow is run again until every page number
 * it prints (contents, cross-references) is the page where the target
 * really stands. Paragraphs become boxes, glue and penalties, broken
 * into lines by total-fit (Knuth–Plass); lines and blocks become a
 * vertical list that the page builder cuts into pages, keeping headings
 * with what follows, footnotes with their reference, and table headers
 * repeated. */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H
#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "page.h"
#include "style.h"

#include <stdatomic.h>

/* A proof mark: the bytes [byte, byte+len) of the text node with index
 * NODE, to be marked where they stand on the page, with a note. Marks
 * are given in document order (node, then byte). */
typedef struct layout_mark {
	unsigned node;
	size_t byte, len;
	const char *note;
} layout_mark;

typedef struct layout_opts {
	const layout_mark *marks;
	size_t nmarks;
	const char *banner;      /* a line stamped on the first page, or NULL */
	struct hyph_set *hyph;   /* hyphenation patterns to use (perhaps being
	                          * loaded: hyph_prefetch), the caller's; NULL:
	                          * layout opens its own */
	const atomic_int *stop;  /* set (by another thread): the result is not
	                          * wanted; layout returns -1 soon, silently */
} layout_opts;

/* Lays out D in style S with fonts FS. Returns 0 and the pages in *OUT,
 * or -1 after reporting errors (missing mandatory content, unreadable
 * images) through DG, or when told to stop. */
int layout_document(arena *a, doc *d, const style *s, font_set *fs,
                    diag *dg, page_doc **out);
/* The same with proof marks and a banner (O may be NULL). Each mark
 * becomes ITEM_MARK items over the words it covers (item.mark = 1 +
 * its index). */
int layout_document_opts(arena *a, doc *d, const style *s, font_set *fs,
                         diag *dg, const layout_opts *o, page_doc **out);
void layout_free(page_doc *pd);

#endif
