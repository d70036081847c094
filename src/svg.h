/* svg — reads the small SVG subset folio uses for vector art (partner
 * logos, schematic figures) into a flat list of drawing operations.
 *
 * Owns: the svg_image returned by svg_load and everything it points to;
 * release it with svg_free. Coordinates are in points with the origin at
 * the image's top-left corner and y growing downwards (SVG's convention);
 * every transform, the viewBox and the width/height scaling are already
 * applied, so a consumer only flips y when it draws. Knows nothing of
 * fonts or PDF: text is handed on as text with its anchor point. */
#ifndef FOLIO_SVG_H
#define FOLIO_SVG_H
#include <stddef.h>

typedef struct svg_paint {
	int set;         /* 0: none (no fill / no stroke) */
	double r, g, b;  /* 0..1 */
} svg_paint;

typedef enum svg_seg_kind { SVG_MOVE, SVG_LINE, SVG_CUBIC, SVG_CLOSE } svg_seg_kind;

/* One path segment. MOVE and LINE use pt[0]; CUBIC uses pt[0] and pt[1]
 * as control points and pt[2] as the end point; CLOSE uses none. */
typedef struct svg_seg {
	svg_seg_kind kind;
	double x[3], y[3];
} svg_seg;

typedef enum svg_op_kind { SVG_OP_PATH, SVG_OP_TEXT } svg_op_kind;
typedef enum svg_anchor { SVG_ANCHOR_START, SVG_ANCHOR_MIDDLE, SVG_ANCHOR_END } svg_anchor;

typedef struct svg_op {
	svg_op_kind kind;
	svg_paint fill, stroke;
	double stroke_width;      /* points, after transforms */
	/* SVG_OP_PATH */
	svg_seg *segs;
	size_t nsegs;
	/* SVG_OP_TEXT: baseline anchor point, size in points, UTF-8 text */
	double x, y, font_size;
	int bold;
	svg_anchor anchor;
	char *text;
	int line;                 /* source line of the element */
} svg_op;

typedef struct svg_image {
	double width, height;     /* points */
	svg_op *ops;
	size_t nops;
} svg_image;

/* Loads FILE. On success stores a new image in *out and returns 0. On
 * failure returns -1 and writes "FILE:LINE:COL: message" (or "FILE:
 * message" where no position applies) into err. Warnings (ignored
 * attributes) are written to *warn_cb when it is non-NULL. The parser
 * never loads external entities, DTDs or network resources. */
typedef void (*svg_warn_fn)(void *ctx, const char *message);
int svg_load(const char *file, svg_image **out, char *err, size_t errlen,
             svg_warn_fn warn_cb, void *warn_ctx);

/* Parses from memory; NAME is used in messages. */
int svg_load_memory(const char *name, const char *data, size_t len,
                    svg_image **out, char *err, size_t errlen,
                    svg_warn_fn warn_cb, void *warn_ctx);

void svg_free(svg_image *img);

#endif
