/* pdf — see pdf.h. */
#include "pdf.h"
#include "atomic.h"
#include "pdfx.h"
#include "utf8.h"
#include "zqueue.h"
#include "regfile.h"
#include "task.h"

#include <hpdf.h>

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

typedef struct out_buf out_buf;

/* The fonts' subsets, made on a thread of their own while the pages are
 * drawn (pdfx_font_subset uses HarfBuzz only, no libharu); the writer,
 * done drawing, takes the faces the thread has not reached instead of
 * waiting for them. */
typedef struct subsets {
	font_set *fs;
	unsigned char *const *seen;   /* the characters each face shows */
	pdfx_font_streams st[FONT_NROLES * STYLE_MAX_FALLBACKS]; /* by face */
	atomic_int next;              /* the next face either side takes */
	task t;
} subsets;

typedef struct pdf_ctx {
	jmp_buf jb;
	HPDF_STATUS err, detail;
	HPDF_Doc pdf;
	arena hpdf_mem;          /* libharu's small blocks (hpdf_alloc) */
	font_set *fs;
	const style *s;
	HPDF_Font fonts[FONT_NROLES * STYLE_MAX_FALLBACKS];
	HPDF_Dict tounicode;      /* the fonts' shared ToUnicode CMap */
	unsigned char *seen[FONT_NROLES * STYLE_MAX_FALLBACKS]; /* heap: the BMP
	                          * characters each font shows (its subset) */
	subsets sub;             /* the fonts' subsets, being made */
	HPDF_Page *pages;
	double ph;               /* page height, for flipping y */
	struct pdf_img { const char *path; HPDF_Image img; } *images; /* heap */
	size_t nimages;
	size_t image_bytes;      /* what the images hold in libharu */
	unsigned char *pending;  /* an image file being loaded (heap) */
	zqueue *zq;              /* compresses finished pages' contents */
	sbuf ops;                /* the page being drawn's content, kept here
	                          * so that ctx_free frees it after a longjmp */
	diag *d;
	int reported;            /* the error that jumped is reported */
	out_buf *ob;             /* the file's buffer while saving */
	int warned_size;         /* text of a size libharu refuses, skipped */
	atomic_file out;         /* the temporary file, once made */
	style_color fill;        /* the current page's fill colour */
	int fill_valid;
	unsigned char *marked;   /* proof marks annotated already */
	size_t nmarked;
	int have_out;
	double m;                /* media margin around the trim (print) */
	pdf_record *rec;         /* or NULL */
	pdf_record scratch;
} pdf_ctx;

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
	pdf_ctx *c = data;
	c->err = err;
	c->detail = detail;
	longjmp(c->jb, 1);
}

static HPDF_Font font(pdf_ctx *c, int face)
{
	if (!c->fonts[face])
		c->fonts[face] = pdfx_font_new(c->pdf, c->fs->faces[face].font,
		                               &c->tounicode);
	return c->fonts[face];
}

/* Appends the operator "V[0] ... V[N-1] OP" and a newline to the page's
 * content (c->ops), the numbers as libharu wrote them (pdfx_put_real).
 * folio writes every content operator itself: libharu's page functions
 * cost thousands of instructions each, and their checks of the graphics
 * state are replaced by draw_page's order (path operators only outside
 * BT/ET, q and Q in pairs). */
static void put_op(pdf_ctx *c, const double *v, int n, const char *op)
{
	for (int k = 0; k < n; k++) {
		pdfx_put_real(&c->ops, v[k]);
		sbuf_add(&c->ops, " ", 1);
	}
	sbuf_adds(&c->ops, op);
	sbuf_add(&c->ops, "\n", 1);
}

/* Appends colour COL's operator, OPS[0] for RGB ("rg"/"RG") or OPS[1]
 * for CMYK ("k"/"K"): CMYK when the colour or the style (print,
 * archive) is, so a CMYK style's content has no RGB operator. The
 * components are kept within 0..1, as PDF wants them. */
static void put_color(pdf_ctx *c, const style_color *col,
                      const char *const ops[2])
{
	double v[4];
	int n = 4;
	if (col->cmyk)
		memcpy(v, col->v, sizeof v);
	else if (c->s->cmyk) {
		double k = 1 - fmax(col->v[0], fmax(col->v[1], col->v[2]));
		double d = k < 1 ? 1 - k : 1;
		for (int i = 0; i < 3; i++)
			v[i] = (1 - col->v[i] - k) / d;
		v[3] = k;
	} else {
		memcpy(v, col->v, 3 * sizeof *v);
		n = 3;
	}
	for (int i = 0; i < n; i++)
		v[i] = v[i] > 0 ? fmin(v[i], 1) : 0;
	if (n == 4)
		c->rec->cmyk_ops++;
	else
		c->rec->rgb_ops++;
	put_op(c, v, n, ops[n == 4]);
}

/* Sets the page's fill colour to COL (see put_color) unless it is
 * already: it stays until changed (c->fill, reset for each page). */
static void fill_color(pdf_ctx *c, const style_color *col)
{
	if (c->fill_valid && c->fill.cmyk == col->cmyk &&
	    c->fill.v[0] == col->v[0] && c->fill.v[1] == col->v[1] &&
	    c->fill.v[2] == col->v[2] && c->fill.v[3] == col->v[3])
		return;
	c->fill = *col;
	c->fill_valid = 1;
	static const char *const ops[2] = {"rg", "k"};
	put_color(c, col, ops);
}

/* Sets the page's stroke colour to COL (see put_color). */
static void stroke_color(pdf_ctx *c, const style_color *col)
{
	static const char *const ops[2] = {"RG", "K"};
	put_color(c, col, ops);
}

static style_color svg_color(const svg_paint *p)
{
	style_color c = {0};
	c.v[0] = p->r;
	c.v[1] = p->g;
	c.v[2] = p->b;
	return c;
}

/* Draws vector art IT (its paths; its text comes as text items) offset
 * by (OX, OY). Outside a text object, as path operators must be. */
static void draw_svg(pdf_ctx *c, const page_item *it, double ox, double oy)
{
	const svg_image *img = it->svg;
	double sc = it->scale;
	for (size_t i = 0; i < img->nops; i++) {
		const svg_op *op = &img->ops[i];
		if (op->kind != SVG_OP_PATH || op->nsegs == 0)
			continue;
		if (!op->fill.set && !op->stroke.set)
			continue;
		/* a path starts with a MOVE (svg.c makes them so; libharu
		 * refused the whole PDF otherwise) */
		if (op->segs[0].kind != SVG_MOVE)
			continue;
		if (op->fill.set) {
			style_color f = svg_color(&op->fill);
			fill_color(c, &f);
		}
		if (op->stroke.set) {
			style_color s = svg_color(&op->stroke);
			stroke_color(c, &s);
			double w = fmax(op->stroke_width * sc, 0.1);
			put_op(c, &w, 1, "w");
		}
		for (size_t k = 0; k < op->nsegs; k++) {
			const svg_seg *s = &op->segs[k];
			double v[6];
			int n = s->kind == SVG_CUBIC ? 3
			        : s->kind == SVG_CLOSE ? 0 : 1; /* points */
			for (int j = 0; j < n; j++) {
				v[2 * j] = ox + it->x + s->x[j] * sc;
				v[2 * j + 1] = c->ph - (oy + it->y + s->y[j] * sc);
			}
			put_op(c, v, 2 * n, s->kind == SVG_MOVE ? "m"
			       : s->kind == SVG_LINE ? "l"
			       : s->kind == SVG_CUBIC ? "c" : "h");
		}
		put_op(c, NULL, 0, op->fill.set && op->stroke.set ? "B"
		       : op->fill.set ? "f" : "S");
	}
}

/* Raster images reach libharu only here (issue 7). libharu 2.3.0 loads
 * a PNG whole into memory (about 4 bytes a pixel kept until the PDF is
 * saved, 8 while loading) and lets libpng abort() the whole process on a
 * damaged or truncated one: it sets no longjmp target for libpng's
 * errors. So the file is read once (a regular file, at most
 * IMAGE_MAX_FILE), a PNG's size checked against RASTER_MAX_PIXELS (as
 * layout does; the file may have changed since) and all images against
 * IMAGE_BUDGET, and the bytes are given to libharu first in a child
 * process: only if the child survives does this process load them. */
#define IMAGE_MAX_FILE (64L << 20)
#define IMAGE_BUDGET (320UL << 20)

static _Noreturn void image_fail(pdf_ctx *c, const char *path,
                                 const char *why)
{
	diag_error(c->d, path, 0, 0, "cannot embed the image: %s", why);
	c->reported = 1;
	longjmp(c->jb, 1);
}

/* Whether libharu loads BUF[0..LEN) without dying, in a child process.
 * The child says so through a pipe, not its exit status, which a
 * checker such as valgrind may set. The compression worker is idle at
 * the fork: a child forked while it was in malloc could find the
 * allocator locked (AddressSanitizer's is not fork-safe) and hang. */
static int survives(pdf_ctx *c, const unsigned char *buf, size_t len,
                    int png)
{
	int fd[2];
	if (pipe(fd) != 0)
		return 0;
	zq_idle(c->zq);
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return 0;
	}
	if (pid == 0) {
		close(fd[0]);
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 2); /* libpng's message: the parent says it */
		HPDF_Doc p = HPDF_New(NULL, NULL);
		HPDF_Image img = !p ? NULL
		                 : png ? HPDF_LoadPngImageFromMem(p, buf,
		                                                  (HPDF_UINT)len)
		                 : HPDF_LoadJpegImageFromMem(p, buf,
		                                             (HPDF_UINT)len);
		int ok = img != NULL;
		if (p)
			HPDF_Free(p);
		if (ok && write(fd[1], "y", 1) != 1)
			ok = 0;
		_exit(0);
	}
	close(fd[1]);
	char answer = 0;
	ssize_t r;
	while ((r = read(fd[0], &answer, 1)) < 0 && errno == EINTR)
		;
	close(fd[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return r == 1 && answer == 'y';
}

static HPDF_Image image(pdf_ctx *c, const char *path)
{
	for (size_t i = 0; i < c->nimages; i++)
		if (strcmp(c->images[i].path, path) == 0)
			return c->images[i].img;
	size_t n = strlen(path);
	int jpeg = (n > 4 && strcmp(path + n - 4, ".jpg") == 0) ||
	           (n > 5 && strcmp(path + n - 5, ".jpeg") == 0);
	unsigned char *buf;
	size_t len;
	if (regfile_read(path, IMAGE_MAX_FILE, &buf, &len) != 0)
		image_fail(c, path, errno == EFBIG ? "the file is larger than "
		           "64 MB" : errno == EINVAL ? "not a regular file"
		           : strerror(errno));
	size_t cost = len;
	if (!jpeg) {
		long long w = 0, h = 0;
		if (len >= 24 && memcmp(buf + 12, "IHDR", 4) == 0) {
			w = (long long)buf[16] << 24 | buf[17] << 16 |
			    buf[18] << 8 | buf[19];
			h = (long long)buf[20] << 24 | buf[21] << 16 |
			    buf[22] << 8 | buf[23];
		}
		if (w <= 0 || h <= 0 || w * h > RASTER_MAX_PIXELS) {
			free(buf);
			image_fail(c, path, "not a PNG of at most 25 million "
			           "pixels");
		}
		cost = (size_t)(w * h * 4);
	}
	if (c->image_bytes + cost > IMAGE_BUDGET) {
		free(buf);
		image_fail(c, path, "the document's images together need more "
		           "than 320 MB in the PDF writer; reduce their pixel "
		           "size");
	}
	if (!survives(c, buf, len, !jpeg)) {
		free(buf);
		image_fail(c, path, jpeg ? "the JPEG file is damaged or "
		           "truncated" : "the PNG file is damaged or truncated");
	}
	c->image_bytes += cost;
	c->pending = buf; /* ctx_free frees it if libharu jumps out */
	HPDF_Image img = jpeg
		? HPDF_LoadJpegImageFromMem(c->pdf, buf, (HPDF_UINT)len)
		: HPDF_LoadPngImageFromMem(c->pdf, buf, (HPDF_UINT)len);
	free(buf);
	c->pending = NULL;
	c->images = xrealloc(c->images, (c->nimages + 1) * sizeof *c->images);
	c->images[c->nimages].path = path;
	c->images[c->nimages].img = img;
	c->nimages++;
	return img;
}

/* Whether text item B continues A's TJ: same face, size, colour and
 * baseline. */
static int same_run(const page_item *a, const page_item *b)
{
	return b->kind == ITEM_TEXT && b->len && b->face == a->face &&
	       b->size == a->size && b->y == a->y && b->tz == a->tz &&
	       style_color_eq(a->color, b->color);
}

/* Appends V with at most three decimals, as PDF content wants it
 * (printf's %f is the writer's hottest spot otherwise). */
static void put_num(sbuf *b, double v)
{
	char tmp[32], *q = tmp + sizeof tmp;
	/* a NaN or a number past llround's range gave LLONG_MIN, whose
	 * negation below is undefined (UBSan, issue 7): clamped */
	if (isnan(v))
		v = 0;
	else if (v > 1e12)
		v = 1e12;
	else if (v < -1e12)
		v = -1e12;
	long long m = llround(v * 1000);
	int neg = m < 0;
	unsigned long long u = neg ? (unsigned long long)-m : (unsigned long long)m;
	unsigned frac = (unsigned)(u % 1000);
	u /= 1000;
	if (frac) {
		/* up to three decimals, trailing zeros left out */
		unsigned d1 = frac / 100, d2 = frac / 10 % 10, d3 = frac % 10;
		if (d3)
			*--q = (char)('0' + d3);
		if (d3 || d2)
			*--q = (char)('0' + d2);
		*--q = (char)('0' + d1);
		*--q = '.';
	}
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		*--q = '-';
	sbuf_add(b, q, (size_t)(tmp + sizeof tmp - q));
}

/* Appends item IT's text to B as a PDF literal string of the 2-byte
 * codes folio's fonts use (the character's Unicode value, high byte
 * first: half the bytes of a hex string; backslash and parentheses
 * escaped, and CR, which a reader would turn into LF) and returns the
 * text's width in 1/1000 em, as font_width gives it. One pass over the
 * text for both. (The characters were marked before: prepare.) */
static long put_item(pdf_ctx *c, const page_item *it, sbuf *b)
{
	int face = it->face;
	char buf[256 + 8];
	size_t bl = 0;
	long w = 0;
	buf[bl++] = '(';
	const char *p = it->s, *end = it->s + it->len;
	while (p < end) {
		uint32_t cp = utf8_next(&p, end);
		int a = font_advance(c->fs, face, cp);
		w += a > 0 ? a : 0;
		if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD; /* 2-byte codes only */
		for (int k = 0; k < 2; k++) {
			unsigned char byte = (unsigned char)(k ? cp : cp >> 8);
			if (byte == '(' || byte == ')' || byte == '\\') {
				buf[bl++] = '\\';
				buf[bl++] = (char)byte;
			} else if (byte == '\r') {
				buf[bl++] = '\\';
				buf[bl++] = 'r';
			} else {
				buf[bl++] = (char)byte;
			}
		}
		if (bl > sizeof buf - 8) {
			sbuf_add(b, buf, bl);
			bl = 0;
		}
	}
	buf[bl++] = ')';
	sbuf_add(b, buf, bl);
	return w;
}

/* Shows N text items on one baseline as one TJ: each item's text as a
 * string of 2-byte codes, the gap to the next item as a TJ adjustment
 * computed from the widths the PDF's /W array gives, scaled by the
 * items' font expansion (Tz, set when it changes; CUR_TZ is the page's
 * current value). */
static void text_run(pdf_ctx *c, const page_item *items,
                     size_t n, double ox, double oy, int *cur_tz)
{
	sbuf *tj = &c->ops;
	const page_item *first = &items[0];
	/* font expansion: Tz scales the glyphs and the TJ adjustments
	 * alike; it stays in force (graphics state) until changed */
	double hs = 1 + first->tz / 10000.0;
	if (first->tz != *cur_tz) {
		put_num(tj, 100 * hs);
		sbuf_adds(tj, " Tz\n");
		*cur_tz = first->tz;
	}
	sbuf_adds(tj, "1 0 0 1 ");
	put_num(tj, ox + first->x);
	sbuf_adds(tj, " ");
	put_num(tj, c->ph - (oy + first->y));
	sbuf_adds(tj, " Tm\n[");
	double pen = first->x; /* where the PDF's current point stands */
	for (size_t k = 0; k < n; k++) {
		const page_item *it = &items[k];
		if (k) {
			double adj = -(it->x - pen) * 1000.0 / (it->size * hs);
			if (adj > 0.0005 || adj < -0.0005)
				put_num(tj, adj);
		}
		double w = (double)put_item(c, it, tj);
		pen = it->x + w * it->size / 1000 * hs;
	}
	sbuf_adds(tj, "] TJ\n");
}

/* R clipped to the page. libharu fails the whole PDF on an annotation
 * corner past +-32767 (HPDF_REAL_OUT_OF_RANGE): content set far off the
 * page (a row taller than it) had links there (issue 7). */
static HPDF_Rect on_page(const pdf_ctx *c, HPDF_Rect r)
{
	double w = c->rec->media_w, h = c->ph;
	r.left = (HPDF_REAL)fmin(fmax(r.left, 0), w);
	r.right = (HPDF_REAL)fmin(fmax(r.right, 0), w);
	r.bottom = (HPDF_REAL)fmin(fmax(r.bottom, 0), h);
	r.top = (HPDF_REAL)fmin(fmax(r.top, 0), h);
	return r;
}

/* Whether draw_page sets text item IT (a size libharu takes). */
static int text_set(const page_item *it)
{
	return it->kind == ITEM_TEXT && it->len && it->size > 0.01 &&
	       it->size <= HPDF_MAX_FONTSIZE;
}

/* Draws the items of one page, offset by (OX, OY), into c->ops: text
 * inside BT/ET, everything else outside, and the text state at its
 * defaults again at the end (no text object open, Tz 100). */
static void draw_page(pdf_ctx *c, const page_doc *pd, size_t p, double ox,
                      double oy)
{
	HPDF_Page pg = c->pages[p];
	const page *pp = &pd->pages[p];
	c->fill_valid = 0;
	int in_text = 0; /* inside BT/ET: no path operator may come */
	int cur_tz = 0; /* the page's horizontal scaling, less 100 %: none */
	HPDF_Font cur_font = NULL;
	double cur_size = -1;
	int tagged[4] = {0};
	for (size_t i = 0; i < pp->nitems; i++) {
		const page_item *it = &pp->items[i];
		if (it->tag > 0 && it->tag < 4 && !tagged[it->tag]) {
			tagged[it->tag] = 1;
			pdf_record *r = c->rec;
			int **list = it->tag == PAGE_TAG_DISCLAIMER
			             ? &r->disclaimer_pages : &r->logo_pages;
			size_t *n = it->tag == PAGE_TAG_DISCLAIMER ? &r->ndisclaimer
			                                           : &r->nlogo;
			if (!*n || (*list)[*n - 1] != (int)p) {
				*list = xrealloc(*list, (*n + 1) * sizeof **list);
				(*list)[(*n)++] = (int)p;
			}
		}
		if (it->kind != ITEM_TEXT && in_text) {
			sbuf_adds(&c->ops, "ET\n");
			in_text = 0;
			cur_font = NULL;
		}
		switch (it->kind) {
		case ITEM_TEXT: {
			if (!it->len)
				break;
			if (!text_set(it)) {
				/* libharu failed the whole PDF on such a size and
				 * it is still not set: only the text of vector art
				 * scaled to (almost) nothing or past any page gets
				 * it (issue 7) */
				if (!c->warned_size++)
					diag_warn(c->d, NULL, 0, 0, "text of "
					          "%.3g pt is not set (0.01 to %d pt "
					          "can be)", it->size, HPDF_MAX_FONTSIZE);
				break;
			}
			if (!in_text) {
				sbuf_adds(&c->ops, "BT\n");
				in_text = 1;
			}
			HPDF_Font f = font(c, it->face);
			if (f != cur_font || it->size != cur_size) {
				const char *name = pdfx_font_name(pg, f);
				if (!name)
					break;
				sbuf_add(&c->ops, "/", 1);
				sbuf_adds(&c->ops, name);
				sbuf_add(&c->ops, " ", 1);
				put_op(c, &it->size, 1, "Tf");
				cur_font = f;
				cur_size = it->size;
			}
			fill_color(c, it->color);
			/* the items that follow on the same baseline in the same
			 * font and colour go into one TJ */
			size_t j = i + 1;
			while (j < pp->nitems && same_run(it, &pp->items[j]) &&
			       pp->items[j].x >= pp->items[j - 1].x)
				j++;
			text_run(c, pp->items + i, j - i, ox, oy, &cur_tz);
			i = j - 1;
			break;
		}
		case ITEM_RECT: {
			fill_color(c, it->color);
			double v[4] = {ox + it->x, c->ph - (oy + it->y + it->h),
			               it->w, it->h};
			put_op(c, v, 4, "re");
			put_op(c, NULL, 0, "f");
			break;
		}
		case ITEM_LINE: {
			stroke_color(c, it->color);
			double w = fmax(it->lw, 0);
			put_op(c, &w, 1, "w");
			double a[2] = {ox + it->x, c->ph - (oy + it->y)};
			double b[2] = {ox + it->x + it->w,
			               c->ph - (oy + it->y + it->h)};
			put_op(c, a, 2, "m");
			put_op(c, b, 2, "l");
			put_op(c, NULL, 0, "S");
			break;
		}
		case ITEM_SVG:
			draw_svg(c, it, ox, oy);
			c->rec->vector_art++;
			break;
		case ITEM_IMAGE: {
			HPDF_Image img = image(c, it->path);
			pdf_record *r = c->rec;
			r->images = xrealloc(r->images,
			                     (r->nimages + 1) * sizeof *r->images);
			pdf_image_rec *ir = &r->images[r->nimages++];
			HPDF_Point sz = HPDF_Image_GetSize(img);
			ir->path = it->path;
			ir->page = (int)p;
			ir->px_w = (int)sz.x;
			ir->px_h = (int)sz.y;
			ir->w = it->w;
			ir->h = it->h;
			snprintf(ir->colorspace, sizeof ir->colorspace, "%s",
			         HPDF_Image_GetColorSpace(img));
			/* the unit square scaled to the image's place, in a
			 * q/Q pair of its own */
			const char *name = pdfx_image_name(pg, img);
			if (!name)
				break;
			double m[6] = {it->w, 0, 0, it->h, ox + it->x,
			               c->ph - (oy + it->y + it->h)};
			sbuf_adds(&c->ops, "q\n");
			put_op(c, m, 6, "cm");
			sbuf_add(&c->ops, "/", 1);
			sbuf_adds(&c->ops, name);
			sbuf_adds(&c->ops, " Do\nQ\n");
			break;
		}
		case ITEM_LINK: {
			HPDF_Rect r;
			r.left = (HPDF_REAL)(ox + it->x);
			r.right = (HPDF_REAL)(ox + it->x + it->w);
			r.top = (HPDF_REAL)(c->ph - (oy + it->y));
			r.bottom = (HPDF_REAL)(c->ph - (oy + it->y + it->h));
			HPDF_Annotation a = NULL;
			r = on_page(c, r);
			if (!(r.right > r.left && r.top > r.bottom))
				break; /* nothing of it on the page */
			if (it->dest_page >= 0 &&
			    (size_t)it->dest_page < pd->npages) {
				HPDF_Destination d = HPDF_Page_CreateDestination(
					c->pages[it->dest_page]);
				HPDF_Destination_SetFitH(d, (HPDF_REAL)fmin(c->ph,
					c->ph - (oy + it->dest_y) + 12));
				a = HPDF_Page_CreateLinkAnnot(pg, r, d);
			} else if (it->dest_page == -1 && it->uri && *it->uri &&
			           strlen(it->uri) < HPDF_LIMIT_MAX_STRING_LEN) {
				/* libharu fails the whole PDF on an empty or
				 * over-long URI: such a link is not made */
				a = HPDF_Page_CreateURILinkAnnot(pg, r, it->uri);
			}
			if (a) {
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
				pdfx_annot_flags(a, 4); /* print: PDF/A wants it */
			}
			break;
		}
		case ITEM_MARK: {
			/* one squiggly annotation per mark, at its first place */
			if (it->mark && it->mark <= c->nmarked &&
			    c->marked[it->mark - 1])
				break;
			if (it->mark) {
				if (it->mark > c->nmarked) {
					size_t n = it->mark * 2;
					c->marked = xrealloc(c->marked, n);
					memset(c->marked + c->nmarked, 0,
					       n - c->nmarked);
					c->nmarked = n;
				}
				c->marked[it->mark - 1] = 1;
			}
			HPDF_Rect r;
			r.left = (HPDF_REAL)(ox + it->x);
			r.right = (HPDF_REAL)(ox + it->x + it->w);
			r.top = (HPDF_REAL)(c->ph - (oy + it->y));
			r.bottom = (HPDF_REAL)(c->ph - (oy + it->y + it->h));
			r = on_page(c, r);
			HPDF_Annotation a = HPDF_Page_CreateSquigglyAnnot(
				pg, r, "-", NULL);
			HPDF_Point lb = {r.left, r.bottom}, rb = {r.right, r.bottom};
			HPDF_Point rt = {r.right, r.top}, lt = {r.left, r.top};
			/* written in the order viewers read: top left, top
			 * right, bottom left, bottom right */
			HPDF_TextMarkupAnnot_SetQuadPoints(a, lt, rt, lb, rb);
			HPDF_RGBColor red = {0.85f, 0.05f, 0.1f};
			HPDF_Annot_SetRGBColor(a, red);
			pdfx_set_text(c->pdf, a, "Contents",
			              it->note ? it->note : "");
			pdfx_annot_flags(a, 4);
			c->rec->marks++;
			break;
		}
		}
	}
	if (cur_tz) /* whatever is drawn on the page later is not scaled */
		sbuf_adds(&c->ops, "100 Tz\n");
	if (in_text)
		sbuf_adds(&c->ops, "ET\n");
}

/* A date string for the info dictionary from the epoch or the pubdate. */
static int doc_date(const page_doc *pd, const pdf_opts *o, HPDF_Date *out)
{
	memset(out, 0, sizeof *out);
	out->ind = 'Z';
	if (o && o->epoch >= 0) {
		time_t t = (time_t)o->epoch;
		struct tm tm;
		if (!gmtime_r(&t, &tm))
			return -1;
		out->year = tm.tm_year + 1900;
		out->month = tm.tm_mon + 1;
		out->day = tm.tm_mday;
		out->hour = tm.tm_hour;
		out->minutes = tm.tm_min;
		out->seconds = tm.tm_sec;
		return 0;
	}
	const char *d = pd->date;
	if (!d)
		return -1;
	int y = 0, m = 1, day = 1;
	if (sscanf(d, "%d-%d-%d", &y, &m, &day) < 1 || y < 1000 || y > 9999)
		return -1;
	if (m < 1 || m > 12)
		m = 1;
	if (day < 1 || day > 31)
		day = 1;
	out->year = y;
	out->month = m;
	out->day = day;
	return 0;
}

/* FNV-1a over what identifies the document: a stable /ID. */
static void doc_id(const page_doc *pd, unsigned char id[16])
{
	uint64_t h1 = 1469598103934665603ULL, h2 = 1099511628211ULL * 31;
	const char *parts[] = {pd->title, pd->author, pd->date, pd->lang};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++) {
			h1 = (h1 ^ (unsigned char)*p) * 1099511628211ULL;
			h2 = (h2 ^ (unsigned char)*p) * 1099511628211ULL + 7;
		}
	h1 ^= pd->npages;
	for (int i = 0; i < 8; i++) {
		id[i] = (unsigned char)(h1 >> (8 * i));
		id[8 + i] = (unsigned char)(h2 >> (8 * i));
	}
}

static void outline(pdf_ctx *c, const page_doc *pd)
{
	HPDF_Outline parents[8] = {0};
	for (size_t i = 0; i < pd->noutline; i++) {
		const page_outline *o = &pd->outline[i];
		int lv = o->level < 0 ? 0 : o->level > 7 ? 7 : o->level;
		HPDF_Outline parent = NULL;
		for (int k = lv - 1; k >= 0 && !parent; k--)
			parent = parents[k];
		HPDF_Outline ol = HPDF_CreateOutline(c->pdf, parent, "-", NULL);
		pdfx_set_outline_title(c->pdf, ol, o->title);
		if (o->page >= 0 && (size_t)o->page < pd->npages) {
			HPDF_Destination d =
				HPDF_Page_CreateDestination(c->pages[o->page]);
			HPDF_Destination_SetFitH(d, (HPDF_REAL)fmin(c->ph,
				c->ph - (c->m + o->y) + 20));
			HPDF_Outline_SetDestination(ol, d);
		}
		HPDF_Outline_SetOpened(ol, lv == 0 ? HPDF_TRUE : HPDF_FALSE);
		parents[lv] = ol;
		for (int k = lv + 1; k < 8; k++)
			parents[k] = NULL;
	}
}

/* Crop marks at the four corners of the trim, outside the bleed, in
 * registration colour (all inks), appended to c->ops after draw_page
 * (outside a text object). */
static void crop_marks(pdf_ctx *c, const page_doc *pd)
{
	double m = c->m, W = pd->width, H = pd->height;
	double off = c->s->bleed + 3, len = 15;
	sbuf_adds(&c->ops, c->s->cmyk ? "0.25 w\n1 1 1 1 K\n"
	                              : "0.25 w\n0 G\n");
	c->rec->cmyk_ops += c->s->cmyk;
	double xs[2] = {m, m + W}, ys[2] = {m, m + H};
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double x = xs[i], y = ys[j];
			double dx = i ? 1 : -1, dy = j ? 1 : -1;
			double h[4] = {x + dx * off, y, x + dx * (off + len), y};
			double v[4] = {x, y + dy * off, x, y + dy * (off + len)};
			put_op(c, h, 2, "m");
			put_op(c, h + 2, 2, "l");
			put_op(c, v, 2, "m");
			put_op(c, v + 2, 2, "l");
		}
	put_op(c, NULL, 0, "S");
}

void pdf_record_free(pdf_record *rec)
{
	if (!rec)
		return;
	free(rec->images);
	free(rec->disclaimer_pages);
	free(rec->logo_pages);
	memset(rec, 0, sizeof *rec);
}

/* libharu's memory. libharu allocates each name, number and dictionary
 * entry on its own and frees them one by one with the document (13 M
 * instructions of 426 M for the PDF of 250 pages). Its small blocks come
 * from an arena of the writer's instead, freed at once after the
 * document; large ones (lists and stream buffers, which it grows and
 * frees as it goes: in an arena they would pile up) from malloc. A
 * header before each block says which. libharu's hooks take no context:
 * the arena is the thread's, set while pdf_write_record runs. */
static _Thread_local arena *hpdf_small;
#define HPDF_SMALL 256   /* bytes: from the arena up to this size */
#define HPDF_HEAD 16     /* keeps the blocks aligned */

static void *hpdf_alloc(HPDF_UINT size)
{
	unsigned char *p;
	if (size <= HPDF_SMALL && hpdf_small) {
		p = arena_alloc(hpdf_small, size + HPDF_HEAD);
		p[0] = 1;
	} else {
		p = malloc((size_t)size + HPDF_HEAD);
		if (!p)
			return NULL;
		p[0] = 0;
	}
	return p + HPDF_HEAD;
}

static void hpdf_free(void *block)
{
	unsigned char *p = (unsigned char *)block - HPDF_HEAD;
	if (!p[0])
		free(p);
}

/* libdeflate's levels. Page contents are most of the compression work
 * and the writer waits for the last of them: at level 1 they take half
 * the time of level 6 (zlib's default ratio) and come out about 5 %
 * larger (2,000 pages: 9.50 MB instead of 9.04; 0.86 s instead of
 * 0.93). The fonts' streams are made after the last page, so the writer
 * waits for all of their compression: at level 1 it takes 43 % of level
 * 6's time, for 4 % more bytes (50 pages: seven subsets, 209 KB, pack
 * into 130 KB in 1.9 ms instead of 125 KB in 4.5 ms). */
#define PAGE_LEVEL 1
#define FONT_LEVEL 1

/* The file being written, through a buffer: libharu hands the PDF over
 * in small pieces (pdfx_save). A failed write is reported here and stops
 * the save. */
struct out_buf {
	pdf_ctx *c;
	size_t n;
	int failed;
	unsigned char b[65536];
};

static int out_add(void *arg, const void *p, size_t n)
{
	out_buf *o = arg;
	while (n && !o->failed) {
		size_t k = sizeof o->b - o->n < n ? sizeof o->b - o->n : n;
		memcpy(o->b + o->n, p, k);
		o->n += k;
		p = (const unsigned char *)p + k;
		n -= k;
		if (o->n == sizeof o->b) {
			if (atomic_write(&o->c->out, o->b, o->n) != 0) {
				diag_error(o->c->d, o->c->out.path, 0, 0,
				           "cannot write: %s", strerror(errno));
				o->failed = 1;
			}
			o->n = 0;
		}
	}
	return o->failed ? -1 : 0;
}

/* Frees the writer's state; the caller's record survives unless the
 * write failed (FAILED), the writer's own scratch record never does. */
/* Before the pages are drawn: the characters each face shows, marked in
 * c->seen (a bit per BMP code point: the font's /W, CIDToGIDMap and
 * subset are made of them), and the images, loaded in the order the
 * pages show them: their check forks a child (survives), which no thread
 * but the idle compression worker may see, and the subsets' thread runs
 * while the pages are drawn. */
static void prepare(pdf_ctx *c, const page_doc *pd)
{
	for (size_t p = 0; p < pd->npages; p++) {
		const page *pp = &pd->pages[p];
		for (size_t i = 0; i < pp->nitems; i++) {
			const page_item *it = &pp->items[i];
			if (it->kind == ITEM_IMAGE) {
				image(c, it->path);
				continue;
			}
			if (!text_set(it))
				continue;
			if (!c->seen[it->face])
				c->seen[it->face] = xcalloc(0x10000 / 8, 1);
			unsigned char *seen = c->seen[it->face];
			const char *q = it->s, *end = it->s + it->len;
			while (q < end) {
				uint32_t cp = utf8_next(&q, end);
				if (cp <= 0xFFFF)
					seen[cp >> 3] |= (unsigned char)(1u << (cp & 7));
			}
		}
	}
}

/* Makes the subsets of S's faces that neither side has taken yet. */
static void subsets_take(subsets *s)
{
	for (;;) {
		int f = atomic_fetch_add_explicit(&s->next, 1,
		                                  memory_order_relaxed);
		if (f >= s->fs->nfaces)
			return;
		if (s->seen[f])
			pdfx_font_subset(s->fs->faces[f].font, s->seen[f], &s->st[f]);
	}
}

static void *subsets_main(void *arg)
{
	subsets_take(arg);
	return NULL;
}

/* Starts making the subsets of FS's faces for the characters in SEEN. */
static void subsets_start(subsets *s, font_set *fs,
                          unsigned char *const *seen)
{
	s->fs = fs;
	s->seen = seen;
	atomic_init(&s->next, 0);
	task_start(&s->t, subsets_main, s);
}

/* Ends S: makes the subsets the thread has not taken, then waits for the
 * one it is making (50 pages: the writer had waited 1 ms for them). */
static void subsets_end(subsets *s)
{
	subsets_take(s);
	task_join(&s->t);
}

static void ctx_free(pdf_ctx *c, int failed)
{
	task_join(&c->sub.t);
	for (size_t f = 0; f < sizeof c->sub.st / sizeof c->sub.st[0]; f++)
		pdfx_font_streams_free(&c->sub.st[f]);
	if (c->pdf)
		HPDF_Free(c->pdf);
	hpdf_small = NULL;
	arena_free(&c->hpdf_mem);
	free(c->ob);
	zq_free(c->zq);
	free(c->pages);
	for (size_t f = 0; f < sizeof c->seen / sizeof c->seen[0]; f++)
		free(c->seen[f]);
	free(c->marked);
	free(c->images);
	free(c->pending);
	sbuf_free(&c->ops);
	if (c->rec == &c->scratch || failed)
		pdf_record_free(c->rec);
	if (c->have_out && failed)
		atomic_abort(&c->out);
	free(c);
}

int pdf_write(const page_doc *pd, font_set *fs, const style *s,
              const char *path, const pdf_opts *o, diag *d)
{
	return pdf_write_record(pd, fs, s, path, o, NULL, d);
}

int pdf_write_record(const page_doc *pd, font_set *fs, const style *s,
                     const char *path, const pdf_opts *o, pdf_record *rec,
                     diag *d)
{
	pdf_ctx *c = xcalloc(1, sizeof *c);
	c->fs = fs;
	c->s = s;
	c->d = d;
	c->rec = rec ? rec : &c->scratch;
	memset(c->rec, 0, sizeof *c->rec);
	c->m = s->bleed > 0 || s->crop_marks ? s->bleed + 24 : 0;
	c->ph = pd->height + 2 * c->m;
	arena_init(&c->hpdf_mem);
	hpdf_small = &c->hpdf_mem;
	c->pdf = HPDF_NewEx(on_error, hpdf_alloc, hpdf_free, 0, c);
	if (!c->pdf) {
		diag_error(d, path, 0, 0, "cannot start the PDF writer");
		hpdf_small = NULL;
		arena_free(&c->hpdf_mem);
		free(c);
		return -1;
	}
	if (setjmp(c->jb)) {
		if (!c->reported)
			diag_error(d, path, 0, 0, "PDF writer error 0x%04lX "
			           "(detail %lu)", (unsigned long)c->err,
			           (unsigned long)c->detail);
		ctx_free(c, 1);
		return -1;
	}
	/* libharu compresses images and metadata with zlib; folio
	 * compresses the page contents and font files itself
	 * (pdfx_put_content): on a worker thread while the next pages are
	 * drawn, with libdeflate (see PAGE_LEVEL and FONT_LEVEL) */
	HPDF_SetCompressionMode(c->pdf, HPDF_COMP_IMAGE | HPDF_COMP_METADATA);
	c->zq = zq_new();
	HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	c->pages = xcalloc(pd->npages + 1, sizeof *c->pages);
	pdf_record *r = c->rec;
	r->media_w = pd->width + 2 * c->m;
	r->media_h = c->ph;
	r->trim[0] = c->m;
	r->trim[1] = c->m;
	r->trim[2] = c->m + pd->width;
	r->trim[3] = c->m + pd->height;
	for (int k = 0; k < 4; k++)
		r->bleed[k] = r->trim[k] + (k < 2 ? -s->bleed : s->bleed);
	r->boxes = c->m > 0;
	r->crop_marks = s->crop_marks;
	r->npages = pd->npages;
	for (size_t p = 0; p < pd->npages; p++) {
		c->pages[p] = HPDF_AddPage(c->pdf);
		HPDF_Page_SetWidth(c->pages[p], (HPDF_REAL)r->media_w);
		HPDF_Page_SetHeight(c->pages[p], (HPDF_REAL)r->media_h);
		if (r->boxes) {
			pdfx_set_box(c->pdf, c->pages[p], "TrimBox", r->trim[0],
			             r->trim[1], r->trim[2], r->trim[3]);
			pdfx_set_box(c->pdf, c->pages[p], "BleedBox", r->bleed[0],
			             r->bleed[1], r->bleed[2], r->bleed[3]);
		}
	}
	prepare(c, pd);
	subsets_start(&c->sub, fs, c->seen);
	for (size_t p = 0; p < pd->npages; p++) {
		draw_page(c, pd, p, c->m, c->m);
		if (s->crop_marks)
			crop_marks(c, pd);
		/* the page's content, handed over to be compressed */
		zq_push(c->zq, PAGE_LEVEL, (unsigned char *)c->ops.s,
		        c->ops.len); /* job p */
		/* the next page's starts as large as this one's grew */
		size_t cap = c->ops.cap;
		c->ops = (sbuf){0};
		if (p + 1 < pd->npages && cap > 1)
			sbuf_room(&c->ops, cap - 1);
	}
	/* the fonts: their widths and maps of the characters used, and their
	 * subset files, compressed with the pages (jobs after the pages') */
	subsets_end(&c->sub);
	size_t font_job[FONT_NROLES * STYLE_MAX_FALLBACKS][PDFX_FONT_NSTREAMS];
	for (int f = 0; f < fs->nfaces; f++) {
		font_job[f][0] = (size_t)-1;
		if (!c->fonts[f])
			continue;
		pdfx_font_streams *st = &c->sub.st[f];
		pdfx_font_finish(c->fonts[f], fs->faces[f].font, c->seen[f],
		                 (unsigned)f, st);
		for (int k = 0; k < PDFX_FONT_NSTREAMS; k++) {
			font_job[f][k] = zq_push(c->zq, FONT_LEVEL, st->data[k],
			                         st->len[k]);
			st->data[k] = NULL; /* the queue's */
		}
	}
	for (size_t p = 0; p < pd->npages; p++) {
		size_t len;
		const unsigned char *z = zq_get(c->zq, p, &len);
		pdfx_put_content(c->pages[p], z, len);
	}
	for (int f = 0; f < fs->nfaces; f++)
		for (int k = 0; k < PDFX_FONT_NSTREAMS &&
		                font_job[f][0] != (size_t)-1; k++) {
			size_t len;
			const unsigned char *z = zq_get(c->zq, font_job[f][k], &len);
			pdfx_put_font_stream(c->fonts[f], k, z, len);
		}
	/* the queue keeps the compressed bytes, which libharu reads where
	 * they are when it saves (pdfx_put_content): freed after it */
	for (int f = 0; f < fs->nfaces; f++)
		if (c->fonts[f]) {
			r->fonts[r->nfonts] = fs->faces[f].path;
			snprintf(r->font_names[r->nfonts], sizeof r->font_names[0],
			         "%s", pdfx_font_basename(c->fonts[f]));
			r->nfonts++;
		}
	/* page labels: roman front matter, arabic body */
	int body = -1;
	for (size_t p = 0; p < pd->npages; p++)
		if (!pd->pages[p].front) {
			body = (int)p;
			break;
		}
	if (body != 0 && pd->npages)
		HPDF_AddPageLabel(c->pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1,
		                  NULL);
	if (body >= 0)
		HPDF_AddPageLabel(c->pdf, (HPDF_UINT)body,
		                  HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
	outline(c, pd);
	/* document information */
	if (pd->title)
		pdfx_set_info(c->pdf, "Title", pd->title);
	if (pd->author) {
		sbuf a = {0};
		for (const char *q = pd->author; *q; q++)
			if (*q == '\n')
				sbuf_adds(&a, "; ");
			else
				sbuf_add(&a, q, 1);
		pdfx_set_info(c->pdf, "Author", a.s);
		sbuf_free(&a);
	}
	if (pd->subject)
		pdfx_set_info(c->pdf, "Subject", pd->subject);
	if (pd->keywords)
		pdfx_set_info(c->pdf, "Keywords", pd->keywords);
	pdfx_set_info(c->pdf, "Creator", "folio");
	HPDF_Date date;
	if (doc_date(pd, o, &date) == 0) {
		HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
	}
	if (pd->lang)
		pdfx_set_lang(c->pdf, pd->lang);
	if (s->pdfa) {
		char iso[32] = "";
		if (doc_date(pd, o, &date) == 0)
			snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ",
			         date.year, date.month, date.day, date.hour,
			         date.minutes, date.seconds);
		pdfx_xmp x = {pd->title, pd->author, pd->subject, pd->keywords,
		              pd->lang, iso[0] ? iso : NULL,
		              "Haru Free PDF Library 2.3.0"};
		if (pdfx_pdfa1b(c->pdf, &x, s->icc_profile)) {
			diag_error(d, s->icc_profile, 0, 0, "cannot read the ICC "
			           "profile of the output intent");
			ctx_free(c, 1);
			return -1;
		}
	}
	unsigned char id[16];
	doc_id(pd, id);
	pdfx_set_id(c->pdf, id);

	/* write beside the target, then rename into place. libharu hands
	 * the bytes over (pdfx_save) and folio writes them itself:
	 * HPDF_SaveToFile does not check the fclose that flushes its last
	 * buffer, so a full disk there gave a truncated PDF and success
	 * (issue 7). */
	if (atomic_open(&c->out, path, d) != 0) {
		ctx_free(c, 1);
		return -1;
	}
	c->have_out = 1;
	c->ob = xmalloc(sizeof *c->ob);
	c->ob->c = c;
	c->ob->n = 0;
	c->ob->failed = 0;
	/* libharu's errors longjmp above; a failed write returns here,
	 * reported (out_add) */
	HPDF_STATUS saved = pdfx_save(c->pdf, out_add, c->ob);
	if (saved != HPDF_OK) {
		if (!c->ob->failed)
			diag_error(d, path, 0, 0, "PDF writer error 0x%04lX",
			           (unsigned long)saved);
		ctx_free(c, 1);
		return -1;
	}
	if (atomic_write(&c->out, c->ob->b, c->ob->n) != 0) {
		diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		ctx_free(c, 1);
		return -1;
	}
	HPDF_Free(c->pdf);
	c->pdf = NULL;
	if (atomic_commit(&c->out, d) != 0) {
		c->have_out = 0; /* the commit removed it */
		ctx_free(c, 1);
		return -1;
	}
	c->have_out = 0;
	ctx_free(c, 0);
	return 0;
}
