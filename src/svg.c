/* svg — see svg.h.
 *
 * The document is parsed by libxml2 into a tree (no network, no external
 * DTD, and no declarations in an internal DTD subset at all, so no entity
 * can be defined), then walked once: each element either adds drawing
 * operations to the image, is skipped (title, desc, metadata) or stops
 * the load with an error. Geometry is mapped through the current
 * transformation matrix as it is read, so the image holds final points.
 *
 * Every number read must be finite and at most SVG_MAX_COORD in size, and
 * so must every number produced; the whole image holds at most
 * SVG_MAX_ITEMS path segments (a text op counts as one); groups nest at
 * most SVG_MAX_DEPTH deep. Numbers are read by hand, not with strtod, so
 * the C locale does not matter and "inf", "nan" or hex floats are not
 * numbers. */
#include "svg.h"
#include "regfile.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>

#define SVG_NS "http://www.w3.org/2000/svg"
#define SVG_MAX_DEPTH 64          /* nested g elements */
#define SVG_MAX_ITEMS 1000000     /* path segments plus text ops */
#define SVG_MAX_BYTES (64L << 20) /* document size */
#define SVG_MAX_COORD 1e9         /* any number read or produced */
#define SVG_KAPPA 0.5522847498307936 /* 4/3 (sqrt 2 - 1): quarter circle */
#define SVG_PI 3.14159265358979323846
#define SVG_MM (72.0 / 25.4)      /* points per millimetre */

typedef struct svg_mat {
	double a, b, c, d, e, f; /* x' = a x + c y + e; y' = b x + d y + f */
} svg_mat;

typedef struct svg_style {
	svg_paint fill, stroke;
	double stroke_width, font_size; /* user units */
	int bold;
	svg_anchor anchor;
} svg_style;

typedef struct svg_segbuf {
	svg_seg *v;
	size_t n, cap;
} svg_segbuf;

typedef struct svg_parser {
	const char *name;
	char *err;
	size_t errlen;
	int failed;
	svg_warn_fn warn;
	void *warn_ctx;
	svg_image *img;
	size_t ops_cap;
	size_t items; /* segments and text ops so far */
	long line;    /* line of the element being read */
} svg_parser;

static const svg_mat mat_identity = { 1, 0, 0, 1, 0, 0 };

/* ---- messages ---- */

/* Writes "NAME:LINE:COL: " and FMT into BUF (LINE, COL left out when 0). */
__attribute__((format(printf, 6, 0)))
static void format_msg(char *buf, size_t len, const char *name, long line,
                       long col, const char *fmt, va_list ap)
{
	int k;

	if (!buf || !len)
		return;
	if (line > 0 && col > 0)
		k = snprintf(buf, len, "%s:%ld:%ld: ", name, line, col);
	else if (line > 0)
		k = snprintf(buf, len, "%s:%ld: ", name, line);
	else
		k = snprintf(buf, len, "%s: ", name);
	if (k < 0)
		buf[0] = '\0';
	else if ((size_t)k < len)
		vsnprintf(buf + k, len - (size_t)k, fmt, ap);
}

/* Records the first error of a load, at LINE:COL; always returns -1. */
__attribute__((format(printf, 4, 0)))
static int vfail(svg_parser *p, long line, long col, const char *fmt,
                 va_list ap)
{
	if (p->failed)
		return -1;
	p->failed = 1;
	format_msg(p->err, p->errlen, p->name, line, col, fmt, ap);
	return -1;
}

/* As vfail, with the arguments given directly. */
__attribute__((format(printf, 4, 5)))
static int fail_at(svg_parser *p, long line, long col, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(p, line, col, fmt, ap);
	va_end(ap);
	return rc;
}

/* As fail_at, at the line of the element being read. */
__attribute__((format(printf, 2, 3)))
static int fail(svg_parser *p, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(p, p->line, 0, fmt, ap);
	va_end(ap);
	return rc;
}

/* Records running out of memory; -1. */
static int oom(svg_parser *p)
{
	return fail_at(p, 0, 0, "out of memory");
}

/* Hands a warning at LINE:COL to the caller's callback, if any. */
__attribute__((format(printf, 4, 5)))
static void warn_at(svg_parser *p, long line, long col, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (!p->warn)
		return;
	va_start(ap, fmt);
	format_msg(buf, sizeof buf, p->name, line, col, fmt, ap);
	va_end(ap);
	p->warn(p->warn_ctx, buf);
}

/* Copies the start of S into BUF (32 bytes) for quoting in a message:
 * printable ASCII only, "..." when cut; returns BUF. */
static const char *snip(const char *s, char *buf)
{
	size_t i;

	for (i = 0; s[i] && i < 24; i++)
		buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	if (s[i])
		memcpy(buf + i, "...", 4);
	else
		buf[i] = '\0';
	return buf;
}

/* ---- scanning numbers and lists ---- */

/* Whether C is an ASCII digit. */
static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Whether C is an ASCII letter. */
static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether C is white space as SVG attribute grammars know it. */
static int is_wsp(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Returns S past any white space. */
static const char *skip_wsp(const char *s)
{
	while (is_wsp(*s))
		s++;
	return s;
}

/* Returns S past white space with at most one comma in it. */
static const char *skip_comma_wsp(const char *s)
{
	s = skip_wsp(s);
	if (*s == ',')
		s = skip_wsp(s + 1);
	return s;
}

/* Returns M times ten to the E, exactly rounded while M < 2^53, |E| <= 22. */
static double scale10(double m, long e)
{
	static const double p10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
		1e22,
	};

	if (m == 0 || e == 0)
		return m;
	if (e > 0)
		return e <= 22 ? m * p10[e] : e > 400 ? HUGE_VAL
		                                      : m * pow(10, (double)e);
	return -e <= 22 ? m / p10[-e] : e < -400 ? 0 : m / pow(10, (double)-e);
}

/* Reads an SVG number at *S (no blanks before it). Returns 1 with the
 * value in *V and *S moved past it; 0 when there is no number there;
 * -1 when it is not finite or beyond SVG_MAX_COORD. *S moves only on 1. */
static int scan_number(const char **s, double *v)
{
	const char *q = *s;
	double m = 0;
	long e10 = 0, ex;
	int neg = 0, eneg, digits = 0;

	if (*q == '+' || *q == '-')
		neg = *q++ == '-';
	for (; is_digit(*q); q++, digits++) {
		if (m < 9e14) /* keeps m below 2^53, so exact */
			m = m * 10 + (*q - '0');
		else
			e10++;
	}
	if (*q == '.') {
		for (q++; is_digit(*q); q++, digits++) {
			if (m < 9e14) {
				m = m * 10 + (*q - '0');
				e10--;
			}
		}
	}
	if (!digits)
		return 0;
	if (*q == 'e' || *q == 'E') {
		const char *t = q + 1;

		eneg = 0;
		ex = 0;
		if (*t == '+' || *t == '-')
			eneg = *t++ == '-';
		if (is_digit(*t)) {
			for (; is_digit(*t); t++)
				if (ex < 100000)
					ex = ex * 10 + (*t - '0');
			e10 += eneg ? -ex : ex;
			q = t;
		}
	}
	m = scale10(m, e10);
	if (!isfinite(m) || m > SVG_MAX_COORD)
		return -1;
	*v = neg ? -m : m;
	*s = q;
	return 1;
}

/* Skips blanks and at most one comma, then reads a number as scan_number
 * does; *S moves only when a number was read. */
static int read_num(const char **s, double *v)
{
	const char *q = skip_comma_wsp(*s);
	int r = scan_number(&q, v);

	if (r == 1)
		*s = q;
	return r;
}

/* Whether VAL, less surrounding blanks, is the keyword WORD. */
static int is_keyword(const char *val, const char *word)
{
	size_t n = strlen(word);

	val = skip_wsp(val);
	return strncmp(val, word, n) == 0 && *skip_wsp(val + n) == '\0';
}

/* Reports VAL as a bad (R == 0) or out-of-range (R < 0) value of
 * attribute NAME; -1. */
static int bad_value(svg_parser *p, const char *name, const char *val, int r)
{
	char sb[32];

	if (r < 0)
		return fail(p, "value '%s' of attribute '%s' is out of range",
		            snip(val, sb), name);
	return fail(p, "bad value '%s' for attribute '%s'", snip(val, sb),
	            name);
}

/* Parses VAL as one number with an optional "px" (a user unit): 1 with
 * the number in *V, else 0 (not a number) or -1 (out of range). */
static int parse_length(const char *val, double *v)
{
	const char *s = skip_wsp(val);
	int r = scan_number(&s, v);

	if (r != 1)
		return r;
	if (s[0] == 'p' && s[1] == 'x')
		s += 2;
	return *skip_wsp(s) ? 0 : 1;
}

/* ---- matrices ---- */

/* Returns M x N: the map that applies N first, then M. */
static svg_mat mat_mul(const svg_mat *m, const svg_mat *n)
{
	svg_mat r;

	r.a = m->a * n->a + m->c * n->b;
	r.b = m->b * n->a + m->d * n->b;
	r.c = m->a * n->c + m->c * n->d;
	r.d = m->b * n->c + m->d * n->d;
	r.e = m->a * n->e + m->c * n->f + m->e;
	r.f = m->b * n->e + m->d * n->f + m->f;
	return r;
}

/* Maps (X, Y) through M into (*OX, *OY). */
static void mat_apply(const svg_mat *m, double x, double y, double *ox,
                      double *oy)
{
	*ox = m->a * x + m->c * y + m->e;
	*oy = m->b * x + m->d * y + m->f;
}

/* Returns the factor by which M scales lengths: sqrt |det M|. */
static double mat_scale(const svg_mat *m)
{
	return sqrt(fabs(m->a * m->d - m->b * m->c));
}

/* Whether M rotates, skews or mirrors, which text cannot follow. */
static int mat_turns(const svg_mat *m)
{
	double eps = 1e-9 * (fabs(m->a) + fabs(m->b) + fabs(m->c) +
	                     fabs(m->d));

	return fabs(m->b) > eps || fabs(m->c) > eps || m->a < 0 || m->d < 0;
}

/* Stores sine and cosine of DEG degrees, exact at multiples of 90. */
static void sincos_deg(double deg, double *s, double *c)
{
	static const double qs[] = { 0, 1, 0, -1 }, qc[] = { 1, 0, -1, 0 };
	double r = fmod(deg, 360);

	if (fmod(r, 90) == 0) {
		int q = ((int)(r / 90) + 4) % 4;

		*s = qs[q];
		*c = qc[q];
		return;
	}
	*s = sin(r * SVG_PI / 180);
	*c = cos(r * SVG_PI / 180);
}

/* Whether the LEN characters at S spell WORD. */
static int name_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && strncmp(s, word, len) == 0;
}

/* Builds in *T the transform function NAME (LEN chars) applied to the N
 * arguments A; -1 when the name is unknown or N is wrong for it. */
static int make_transform(const char *name, size_t len, const double *a,
                          int n, svg_mat *t)
{
	double s, c;

	*t = mat_identity;
	if (name_is(name, len, "matrix") && n == 6) {
		t->a = a[0];
		t->b = a[1];
		t->c = a[2];
		t->d = a[3];
		t->e = a[4];
		t->f = a[5];
	} else if (name_is(name, len, "translate") && (n == 1 || n == 2)) {
		t->e = a[0];
		t->f = n == 2 ? a[1] : 0;
	} else if (name_is(name, len, "scale") && (n == 1 || n == 2)) {
		t->a = a[0];
		t->d = n == 2 ? a[1] : a[0];
	} else if (name_is(name, len, "rotate") && (n == 1 || n == 3)) {
		sincos_deg(a[0], &s, &c);
		t->a = c;
		t->b = s;
		t->c = -s;
		t->d = c;
		if (n == 3) { /* about (cx, cy): p -> R (p - c) + c */
			t->e = a[1] - c * a[1] + s * a[2];
			t->f = a[2] - s * a[1] - c * a[2];
		}
	} else if (name_is(name, len, "skewX") && n == 1) {
		sincos_deg(a[0], &s, &c);
		t->c = s / c;
	} else if (name_is(name, len, "skewY") && n == 1) {
		sincos_deg(a[0], &s, &c);
		t->b = s / c;
	} else {
		return -1;
	}
	return 0;
}

/* Parses the transform list VAL and appends it to *M (the list's last
 * function applies first); 0 or -1. */
static int parse_transform(svg_parser *p, const char *val, svg_mat *m)
{
	const char *s = skip_wsp(val), *name;
	char sb[32];
	double a[6];
	size_t len;
	svg_mat t;
	int n, r;

	while (*s) {
		for (name = s; is_alpha(*s); s++)
			;
		len = (size_t)(s - name);
		s = skip_wsp(s);
		if (!len || *s != '(')
			goto bad;
		for (n = 0, s++;; n++) {
			s = skip_wsp(s);
			if (*s == ')')
				break;
			if (n == 6)
				goto bad;
			r = read_num(&s, &a[n]);
			if (r < 0)
				return bad_value(p, "transform", val, -1);
			if (r == 0)
				goto bad;
		}
		if (make_transform(name, len, a, n, &t) < 0)
			goto bad;
		*m = mat_mul(m, &t);
		s = skip_comma_wsp(s + 1);
	}
	return 0;
bad:
	return fail(p, "bad transform '%s' (want translate, scale, rotate, "
	            "matrix, skewX or skewY)", snip(val, sb));
}

/* ---- paint ---- */

/* Returns the value of hex digit C, or -1. */
static int hex_value(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses paint VAL ("none", "#rgb" or "#rrggbb") into *OUT; 0 or -1. */
static int parse_paint(const char *val, svg_paint *out)
{
	const char *s = skip_wsp(val), *e = s;
	double rgb[3];
	size_t len, step, i;
	int hi, lo;

	while (*e && !is_wsp(*e))
		e++;
	len = (size_t)(e - s);
	if (*skip_wsp(e))
		return -1;
	if (name_is(s, len, "none")) {
		memset(out, 0, sizeof *out);
		return 0;
	}
	if (s[0] != '#' || (len != 4 && len != 7))
		return -1;
	step = len == 4 ? 1 : 2;
	for (i = 0; i < 3; i++) {
		hi = hex_value(s[1 + i * step]);
		lo = step == 2 ? hex_value(s[2 + i * step]) : hi;
		if (hi < 0 || lo < 0)
			return -1;
		rgb[i] = (hi * 16 + lo) / 255.0;
	}
	out->set = 1;
	out->r = rgb[0];
	out->g = rgb[1];
	out->b = rgb[2];
	return 0;
}

/* Parses font-weight VAL into *BOLD (bold, bolder or >= 600); 0 or -1. */
static int parse_weight(const char *val, int *bold)
{
	const char *s = skip_wsp(val);
	double w;

	if (is_keyword(val, "bold") || is_keyword(val, "bolder")) {
		*bold = 1;
	} else if (is_keyword(val, "normal") || is_keyword(val, "lighter")) {
		*bold = 0;
	} else {
		if (scan_number(&s, &w) != 1 || *skip_wsp(s) || w < 1 ||
		    w > 1000)
			return -1;
		*bold = w >= 600;
	}
	return 0;
}

/* Parses text-anchor VAL into *A; 0 or -1. */
static int parse_anchor(const char *val, svg_anchor *a)
{
	if (is_keyword(val, "start"))
		*a = SVG_ANCHOR_START;
	else if (is_keyword(val, "middle"))
		*a = SVG_ANCHOR_MIDDLE;
	else if (is_keyword(val, "end"))
		*a = SVG_ANCHOR_END;
	else
		return -1;
	return 0;
}

/* Applies presentation attribute NAME = VAL to *ST ("inherit" keeps the
 * parent's value); 0 or -1. */
static int set_presentation(svg_parser *p, const char *name, const char *val,
                            svg_style *st)
{
	double v;
	int r = 0;

	if (is_keyword(val, "inherit"))
		return 0;
	if (!strcmp(name, "fill")) {
		r = parse_paint(val, &st->fill) == 0;
	} else if (!strcmp(name, "stroke")) {
		r = parse_paint(val, &st->stroke) == 0;
	} else if (!strcmp(name, "stroke-width")) {
		r = parse_length(val, &v);
		if (r == 1 && v < 0)
			return fail(p, "stroke-width must not be negative");
		if (r == 1)
			st->stroke_width = v;
	} else if (!strcmp(name, "font-size")) {
		r = parse_length(val, &v);
		if (r == 1 && v <= 0)
			return fail(p, "font-size must be positive");
		if (r == 1)
			st->font_size = v;
	} else if (!strcmp(name, "font-weight")) {
		r = parse_weight(val, &st->bold) == 0;
	} else if (!strcmp(name, "text-anchor")) {
		r = parse_anchor(val, &st->anchor) == 0;
	}
	return r == 1 ? 0 : bad_value(p, name, val, r);
}

/* ---- attributes ---- */

/* Whether NAME is one of the NULL-ended LIST. */
static int in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcmp(*list, name))
			return 1;
	return 0;
}

/* Reads the attributes of N: presentation ones into *ST, a transform into
 * *M (when ALLOW_TF); the names in GEOM are left to the caller, id, class
 * and font-family are ignored, and any other is ignored with a warning.
 * 0 or -1. */
static int read_attrs(svg_parser *p, xmlNode *n, const char *const *geom,
                      int allow_tf, svg_style *st, svg_mat *m)
{
	static const char *const paint[] = {
		"fill", "stroke", "stroke-width", "font-size", "font-weight",
		"text-anchor", NULL,
	};
	static const char *const silent[] = {
		"id", "class", "font-family", NULL,
	};
	const char *name;
	xmlChar *val;
	xmlAttr *a;
	int rc;

	for (a = n->properties; a; a = a->next) {
		name = (const char *)a->name;
		if (a->ns) {
			warn_at(p, p->line, 0,
			        "attribute '%.32s:%.64s' ignored",
			        a->ns->prefix ? (const char *)a->ns->prefix
			                      : "", name);
			continue;
		}
		if (in_list(geom, name) || in_list(silent, name))
			continue;
		if (!(allow_tf && !strcmp(name, "transform")) &&
		    !in_list(paint, name)) {
			warn_at(p, p->line, 0, "attribute '%.64s' ignored",
			        name);
			continue;
		}
		val = xmlNodeListGetString(n->doc, a->children, 1);
		if (!strcmp(name, "transform"))
			rc = parse_transform(p, val ? (char *)val : "", m);
		else
			rc = set_presentation(p, name, val ? (char *)val : "",
			                      st);
		xmlFree(val);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Reads number attribute NAME of N (optional "px") into *V, 0 when
 * absent; returns 1 if present, 0 if absent, -1 on a bad value. */
static int get_num(svg_parser *p, xmlNode *n, const char *name, double *v)
{
	xmlChar *val = xmlGetNoNsProp(n, (const xmlChar *)name);
	int r;

	*v = 0;
	if (!val)
		return 0;
	r = parse_length((const char *)val, v);
	if (r != 1)
		bad_value(p, name, (const char *)val, r);
	xmlFree(val);
	return r == 1 ? 1 : -1;
}

/* As get_num, but a negative value is an error too. */
static int get_size(svg_parser *p, xmlNode *n, const char *name, double *v)
{
	int r = get_num(p, n, name, v);

	if (r == 1 && *v < 0)
		return fail(p, "attribute '%s' must not be negative", name);
	return r;
}

/* Reads the first number of list attribute NAME of N into *V (0 when
 * absent); 0 or -1. */
static int get_first(svg_parser *p, xmlNode *n, const char *name, double *v)
{
	xmlChar *val = xmlGetNoNsProp(n, (const xmlChar *)name);
	const char *s;
	int r;

	*v = 0;
	if (!val)
		return 0;
	s = skip_wsp((const char *)val);
	r = scan_number(&s, v);
	if (r != 1)
		bad_value(p, name, (const char *)val, r);
	xmlFree(val);
	return r == 1 ? 0 : -1;
}

/* ---- segments and ops ---- */

/* Appends a segment of KIND with NPTS user-space points PT (x, y pairs)
 * mapped through M to B; 0 or -1 (budget, range or memory). */
static int seg_add(svg_parser *p, svg_segbuf *b, const svg_mat *m,
                   svg_seg_kind kind, int npts, const double *pt)
{
	svg_seg *s;
	int i;

	if (p->items >= SVG_MAX_ITEMS)
		return fail(p, "more than %d path segments in the image",
		            SVG_MAX_ITEMS);
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		svg_seg *v = realloc(b->v, cap * sizeof *v);

		if (!v)
			return oom(p);
		b->v = v;
		b->cap = cap;
	}
	s = &b->v[b->n];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	for (i = 0; i < npts; i++) {
		mat_apply(m, pt[2 * i], pt[2 * i + 1], &s->x[i], &s->y[i]);
		if (!(fabs(s->x[i]) <= SVG_MAX_COORD) ||
		    !(fabs(s->y[i]) <= SVG_MAX_COORD))
			return fail(p, "coordinates out of range");
	}
	b->n++;
	p->items++;
	return 0;
}

/* Appends a MOVE to user-space (X, Y) to B. */
static int seg_move(svg_parser *p, svg_segbuf *b, const svg_mat *m,
                    double x, double y)
{
	double pt[2] = { x, y };

	return seg_add(p, b, m, SVG_MOVE, 1, pt);
}

/* Appends a LINE to user-space (X, Y) to B. */
static int seg_line(svg_parser *p, svg_segbuf *b, const svg_mat *m,
                    double x, double y)
{
	double pt[2] = { x, y };

	return seg_add(p, b, m, SVG_LINE, 1, pt);
}

/* Appends a CUBIC with controls (X1, Y1), (X2, Y2) ending at (X, Y). */
static int seg_cubic(svg_parser *p, svg_segbuf *b, const svg_mat *m,
                     double x1, double y1, double x2, double y2, double x,
                     double y)
{
	double pt[6] = { x1, y1, x2, y2, x, y };

	return seg_add(p, b, m, SVG_CUBIC, 3, pt);
}

/* Appends a CLOSE to B. */
static int seg_close(svg_parser *p, svg_segbuf *b, const svg_mat *m)
{
	return seg_add(p, b, m, SVG_CLOSE, 0, NULL);
}

/* Appends a zeroed op of KIND painted with ST under M to the image;
 * NULL (error recorded) on failure. */
static svg_op *new_op(svg_parser *p, svg_op_kind kind, const svg_style *st,
                      const svg_mat *m)
{
	svg_image *img = p->img;
	double sw = st->stroke_width * mat_scale(m);
	svg_op *op;

	if (!(sw <= SVG_MAX_COORD)) {
		fail(p, "stroke width out of range after transforms");
		return NULL;
	}
	if (img->nops == p->ops_cap) {
		size_t cap = p->ops_cap ? p->ops_cap * 2 : 16;
		svg_op *v = realloc(img->ops, cap * sizeof *v);

		if (!v) {
			oom(p);
			return NULL;
		}
		img->ops = v;
		p->ops_cap = cap;
	}
	op = &img->ops[img->nops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	op->fill = st->fill;
	op->stroke = st->stroke;
	op->stroke_width = sw;
	if (sw == 0)
		op->stroke.set = 0;
	op->line = p->line > INT_MAX ? INT_MAX : (int)p->line;
	return op;
}

/* Moves the segments of B into a new path op (an empty B adds none),
 * without fill when NO_FILL; 0, or -1 with B freed. */
static int emit_path(svg_parser *p, svg_segbuf *b, const svg_style *st,
                     const svg_mat *m, int no_fill)
{
	svg_op *op;

	if (!b->n) {
		free(b->v);
		return 0;
	}
	op = new_op(p, SVG_OP_PATH, st, m);
	if (!op) {
		free(b->v);
		return -1;
	}
	op->segs = b->v;
	op->nsegs = b->n;
	if (no_fill)
		memset(&op->fill, 0, sizeof op->fill);
	b->v = NULL;
	return 0;
}

/* ---- shapes ---- */

/* Adds rectangle X, Y, W, H with corner radii RX, RY (0: square) to B. */
static int build_rect(svg_parser *p, svg_segbuf *b, const svg_mat *m,
                      double x, double y, double w, double h, double rx,
                      double ry)
{
	double kx = SVG_KAPPA * rx, ky = SVG_KAPPA * ry;
	double r = x + w, btm = y + h;

	if (rx == 0 || ry == 0)
		return (seg_move(p, b, m, x, y) || seg_line(p, b, m, r, y) ||
		        seg_line(p, b, m, r, btm) ||
		        seg_line(p, b, m, x, btm) ||
		        seg_close(p, b, m)) ? -1 : 0;
	return (seg_move(p, b, m, x + rx, y) ||
	       seg_line(p, b, m, r - rx, y) ||
	       seg_cubic(p, b, m, r - rx + kx, y, r, y + ry - ky, r, y + ry) ||
	       seg_line(p, b, m, r, btm - ry) ||
	       seg_cubic(p, b, m, r, btm - ry + ky, r - rx + kx, btm, r - rx,
	                 btm) ||
	       seg_line(p, b, m, x + rx, btm) ||
	       seg_cubic(p, b, m, x + rx - kx, btm, x, btm - ry + ky, x,
	                 btm - ry) ||
	       seg_line(p, b, m, x, y + ry) ||
	       seg_cubic(p, b, m, x, y + ry - ky, x + rx - kx, y, x + rx, y) ||
	       seg_close(p, b, m)) ? -1 : 0;
}

/* Adds the ellipse about (CX, CY) with radii RX, RY as four cubics to B,
 * starting at (CX + RX, CY) and turning towards +y, as SVG does. */
static int build_ellipse(svg_parser *p, svg_segbuf *b, const svg_mat *m,
                         double cx, double cy, double rx, double ry)
{
	double kx = SVG_KAPPA * rx, ky = SVG_KAPPA * ry;

	return (seg_move(p, b, m, cx + rx, cy) ||
	       seg_cubic(p, b, m, cx + rx, cy + ky, cx + kx, cy + ry, cx,
	                 cy + ry) ||
	       seg_cubic(p, b, m, cx - kx, cy + ry, cx - rx, cy + ky, cx - rx,
	                 cy) ||
	       seg_cubic(p, b, m, cx - rx, cy - ky, cx - kx, cy - ry, cx,
	                 cy - ry) ||
	       seg_cubic(p, b, m, cx + kx, cy - ry, cx + rx, cy - ky, cx + rx,
	                 cy) ||
	       seg_close(p, b, m)) ? -1 : 0;
}

/* Reports path data that breaks the grammar at S; -1. */
static int bad_path(svg_parser *p, const char *s)
{
	char sb[32];

	if (!*s)
		return fail(p, "path data ends too early");
	return fail(p, "bad path data near '%s'", snip(s, sb));
}

/* Reads N numbers of path data at *S into A; 0, or -1 (error recorded). */
static int read_args(svg_parser *p, const char **s, double *a, int n)
{
	char sb[32];
	int i, r;

	for (i = 0; i < n; i++) {
		r = read_num(s, &a[i]);
		if (r < 0)
			return fail(p, "number out of range in path data near "
			            "'%s'", snip(skip_comma_wsp(*s), sb));
		if (r == 0)
			return bad_path(p, skip_comma_wsp(*s));
	}
	return 0;
}

/* Parses path data D (SVG 1.1 without arcs) under M into B; 0 or -1. */
static int parse_path(svg_parser *p, const char *d, const svg_mat *m,
                      svg_segbuf *b)
{
	const char *s = skip_wsp(d);
	double cx = 0, cy = 0;  /* current point */
	double sx = 0, sy = 0;  /* start of the subpath */
	double kx = 0, ky = 0;  /* last control point, for S and T */
	double a[6], ox, oy, x1, y1, x2, y2, x, y;
	char cmd = 0, prev = 0, op;
	int need_move = 0;      /* a command after Z starts a new subpath */

	while (*s) {
		if (is_alpha(*s)) {
			cmd = *s++;
			if (cmd == 'A' || cmd == 'a')
				return fail(p, "path arcs ('%c') are not "
				            "supported; convert them to curves",
				            cmd);
			if (!strchr("MmZzLlHhVvCcSsQqTt", cmd))
				return fail(p, "unknown path command '%c'",
				            cmd);
			if (!prev && cmd != 'M' && cmd != 'm')
				return fail(p, "path data must start with M");
		} else if (!cmd || cmd == 'Z' || cmd == 'z') {
			return bad_path(p, s);
		}
		op = cmd;
		ox = op >= 'a' ? cx : 0;
		oy = op >= 'a' ? cy : 0;
		x = cx;
		y = cy;
		if ((op | 32) == 'z') {
			if (!need_move && seg_close(p, b, m) < 0)
				return -1;
			cx = sx;
			cy = sy;
			need_move = 1;
			prev = op;
			s = skip_wsp(s);
			continue;
		}
		if ((op | 32) == 'm') {
			if (read_args(p, &s, a, 2) < 0 ||
			    seg_move(p, b, m, ox + a[0], oy + a[1]) < 0)
				return -1;
			cx = sx = ox + a[0];
			cy = sy = oy + a[1];
			need_move = 0;
			cmd = op == 'm' ? 'l' : 'L';
			prev = op;
			s = skip_wsp(s);
			continue;
		}
		if (need_move && seg_move(p, b, m, sx, sy) < 0)
			return -1;
		need_move = 0;
		switch (op | 32) {
		case 'l':
			if (read_args(p, &s, a, 2) < 0)
				return -1;
			x = ox + a[0];
			y = oy + a[1];
			if (seg_line(p, b, m, x, y) < 0)
				return -1;
			break;
		case 'h':
			if (read_args(p, &s, a, 1) < 0)
				return -1;
			x = ox + a[0];
			if (seg_line(p, b, m, x, y) < 0)
				return -1;
			break;
		case 'v':
			if (read_args(p, &s, a, 1) < 0)
				return -1;
			y = oy + a[0];
			if (seg_line(p, b, m, x, y) < 0)
				return -1;
			break;
		case 'c':
		case 's':
			if (read_args(p, &s, a, (op | 32) == 'c' ? 6 : 4) < 0)
				return -1;
			if ((op | 32) == 'c') {
				x1 = ox + a[0];
				y1 = oy + a[1];
				memmove(a, a + 2, 4 * sizeof *a);
			} else if ((prev | 32) == 'c' || (prev | 32) == 's') {
				x1 = 2 * cx - kx;
				y1 = 2 * cy - ky;
			} else {
				x1 = cx;
				y1 = cy;
			}
			kx = ox + a[0];
			ky = oy + a[1];
			x = ox + a[2];
			y = oy + a[3];
			if (seg_cubic(p, b, m, x1, y1, kx, ky, x, y) < 0)
				return -1;
			break;
		case 'q':
		case 't':
			if (read_args(p, &s, a, (op | 32) == 'q' ? 4 : 2) < 0)
				return -1;
			if ((op | 32) == 'q') {
				kx = ox + a[0];
				ky = oy + a[1];
				memmove(a, a + 2, 2 * sizeof *a);
			} else if ((prev | 32) == 'q' || (prev | 32) == 't') {
				kx = 2 * cx - kx;
				ky = 2 * cy - ky;
			} else {
				kx = cx;
				ky = cy;
			}
			x = ox + a[0];
			y = oy + a[1];
			/* the cubic with the quadratic's shape */
			x1 = cx + 2.0 / 3 * (kx - cx);
			y1 = cy + 2.0 / 3 * (ky - cy);
			x2 = x + 2.0 / 3 * (kx - x);
			y2 = y + 2.0 / 3 * (ky - y);
			if (seg_cubic(p, b, m, x1, y1, x2, y2, x, y) < 0)
				return -1;
			break;
		}
		cx = x;
		cy = y;
		prev = op;
		s = skip_wsp(s);
	}
	return 0;
}

/* Parses the points list VAL under M into B, closed when CLOSE; 0 or -1. */
static int parse_points(svg_parser *p, const char *val, const svg_mat *m,
                        int close, svg_segbuf *b)
{
	const char *s = skip_wsp(val);
	char sb[32];
	double x, y = 0;
	int first = 1, r;

	while (*s) {
		r = read_num(&s, &x);
		if (r == 1) {
			r = read_num(&s, &y);
			if (r == 0 && !*skip_comma_wsp(s))
				return fail(p, "odd number of coordinates in "
				            "points");
		}
		if (r < 0)
			return bad_value(p, "points", val, -1);
		if (r == 0)
			return fail(p, "bad points near '%s'",
			            snip(skip_comma_wsp(s), sb));
		if ((first ? seg_move : seg_line)(p, b, m, x, y) < 0)
			return -1;
		first = 0;
		s = skip_wsp(s);
	}
	return close && !first ? seg_close(p, b, m) : 0;
}

/* ---- elements ---- */

typedef int (*svg_elem_fn)(svg_parser *p, xmlNode *n, const svg_style *st,
                           const svg_mat *m, int depth);

static int walk(svg_parser *p, xmlNode *parent, const svg_style *st,
                const svg_mat *m, int depth);

/* Returns the source line of N, 0 if unknown. */
static long line_of(xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 ? l : 0;
}

/* Whether element N is in the SVG namespace and called NAME. */
static int is_svg(xmlNode *n, const char *name)
{
	return n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, SVG_NS) &&
	       !strcmp((const char *)n->name, name);
}

/* Whether element N is one that is skipped with all it holds. */
static int is_skipped(xmlNode *n)
{
	return is_svg(n, "title") || is_svg(n, "desc") ||
	       is_svg(n, "metadata");
}

/* Reports element N as outside the subset; -1. */
static int unsupported(svg_parser *p, xmlNode *n)
{
	const char *pre = n->ns && n->ns->prefix ? (const char *)n->ns->prefix
	                                         : "";

	p->line = line_of(n);
	return fail(p, "unsupported element <%.32s%s%.64s>", pre,
	            *pre ? ":" : "", (const char *)n->name);
}

/* Checks that shape N holds no elements but skipped ones; 0 or -1. */
static int no_children(svg_parser *p, xmlNode *n)
{
	xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !is_skipped(c))
			return unsupported(p, c);
	return 0;
}

/* g: reads the children one group deeper. */
static int do_g(svg_parser *p, xmlNode *n, const svg_style *st,
                const svg_mat *m, int depth)
{
	if (depth >= SVG_MAX_DEPTH)
		return fail(p, "groups nested more than %d deep",
		            SVG_MAX_DEPTH);
	return walk(p, n, st, m, depth + 1);
}

/* rect: x, y, width, height, rx, ry (one radius given stands for both,
 * each is cut to half the side); an empty rect adds nothing. */
static int do_rect(svg_parser *p, xmlNode *n, const svg_style *st,
                   const svg_mat *m, int depth)
{
	svg_segbuf b = { 0 };
	double x, y, w, h, rx, ry;
	int hrx, hry;

	(void)depth;
	if (no_children(p, n) < 0 || get_num(p, n, "x", &x) < 0 ||
	    get_num(p, n, "y", &y) < 0 || get_size(p, n, "width", &w) < 0 ||
	    get_size(p, n, "height", &h) < 0 ||
	    (hrx = get_size(p, n, "rx", &rx)) < 0 ||
	    (hry = get_size(p, n, "ry", &ry)) < 0)
		return -1;
	if (w == 0 || h == 0)
		return 0;
	if (!hrx)
		rx = ry;
	if (!hry)
		ry = rx;
	rx = fmin(rx, w / 2);
	ry = fmin(ry, h / 2);
	if (build_rect(p, &b, m, x, y, w, h, rx, ry) < 0) {
		free(b.v);
		return -1;
	}
	return emit_path(p, &b, st, m, 0);
}

/* circle: cx, cy, r; a zero radius adds nothing. */
static int do_circle(svg_parser *p, xmlNode *n, const svg_style *st,
                     const svg_mat *m, int depth)
{
	svg_segbuf b = { 0 };
	double cx, cy, r;

	(void)depth;
	if (no_children(p, n) < 0 || get_num(p, n, "cx", &cx) < 0 ||
	    get_num(p, n, "cy", &cy) < 0 || get_size(p, n, "r", &r) < 0)
		return -1;
	if (r == 0)
		return 0;
	if (build_ellipse(p, &b, m, cx, cy, r, r) < 0) {
		free(b.v);
		return -1;
	}
	return emit_path(p, &b, st, m, 0);
}

/* ellipse: cx, cy, rx, ry; a zero radius adds nothing. */
static int do_ellipse(svg_parser *p, xmlNode *n, const svg_style *st,
                      const svg_mat *m, int depth)
{
	svg_segbuf b = { 0 };
	double cx, cy, rx, ry;

	(void)depth;
	if (no_children(p, n) < 0 || get_num(p, n, "cx", &cx) < 0 ||
	    get_num(p, n, "cy", &cy) < 0 || get_size(p, n, "rx", &rx) < 0 ||
	    get_size(p, n, "ry", &ry) < 0)
		return -1;
	if (rx == 0 || ry == 0)
		return 0;
	if (build_ellipse(p, &b, m, cx, cy, rx, ry) < 0) {
		free(b.v);
		return -1;
	}
	return emit_path(p, &b, st, m, 0);
}

/* line: x1, y1, x2, y2; stroked only, never filled. */
static int do_line(svg_parser *p, xmlNode *n, const svg_style *st,
                   const svg_mat *m, int depth)
{
	svg_segbuf b = { 0 };
	double x1, y1, x2, y2;

	(void)depth;
	if (no_children(p, n) < 0 || get_num(p, n, "x1", &x1) < 0 ||
	    get_num(p, n, "y1", &y1) < 0 || get_num(p, n, "x2", &x2) < 0 ||
	    get_num(p, n, "y2", &y2) < 0)
		return -1;
	if (seg_move(p, &b, m, x1, y1) < 0 || seg_line(p, &b, m, x2, y2) < 0) {
		free(b.v);
		return -1;
	}
	return emit_path(p, &b, st, m, 1);
}

/* polyline and polygon: points, the polygon closed. */
static int do_poly(svg_parser *p, xmlNode *n, const svg_style *st,
                   const svg_mat *m, int depth)
{
	xmlChar *val;
	svg_segbuf b = { 0 };
	int rc;

	(void)depth;
	if (no_children(p, n) < 0)
		return -1;
	val = xmlGetNoNsProp(n, (const xmlChar *)"points");
	if (!val)
		return 0;
	rc = parse_points(p, (const char *)val, m, is_svg(n, "polygon"), &b);
	xmlFree(val);
	if (rc < 0) {
		free(b.v);
		return -1;
	}
	return emit_path(p, &b, st, m, 0);
}

/* path: d. */
static int do_path(svg_parser *p, xmlNode *n, const svg_style *st,
                   const svg_mat *m, int depth)
{
	xmlChar *val;
	svg_segbuf b = { 0 };
	int rc;

	(void)depth;
	if (no_children(p, n) < 0)
		return -1;
	val = xmlGetNoNsProp(n, (const xmlChar *)"d");
	if (!val)
		return 0;
	rc = parse_path(p, (const char *)val, m, &b);
	xmlFree(val);
	if (rc < 0) {
		free(b.v);
		return -1;
	}
	return emit_path(p, &b, st, m, 0);
}

/* Collects the character content of text element N, trimmed and with
 * blank runs made one space, into a new string in *OUT; 0 or -1. */
static int text_content(svg_parser *p, xmlNode *n, char **out)
{
	const char *s;
	size_t len = 0;
	xmlNode *c;
	char *t, *w;
	int gap = 0;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				len += strlen((const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE && !is_skipped(c)) {
			return unsupported(p, c);
		}
	}
	t = malloc(len + 1);
	if (!t)
		return oom(p);
	w = t;
	for (c = n->children; c; c = c->next) {
		if ((c->type != XML_TEXT_NODE &&
		     c->type != XML_CDATA_SECTION_NODE) || !c->content)
			continue;
		for (s = (const char *)c->content; *s; s++) {
			if (is_wsp(*s)) {
				gap = w != t;
				continue;
			}
			if (gap)
				*w++ = ' ';
			gap = 0;
			*w++ = *s;
		}
	}
	*w = '\0';
	*out = t;
	return 0;
}

/* text: x, y (first of a list) and the content; an empty text adds
 * nothing. Rotation, skew and mirroring are dropped with a warning. */
static int do_text(svg_parser *p, xmlNode *n, const svg_style *st,
                   const svg_mat *m, int depth)
{
	double x, y, fs = st->font_size * mat_scale(m);
	svg_op *op;
	char *t = NULL;

	(void)depth;
	if (get_first(p, n, "x", &x) < 0 || get_first(p, n, "y", &y) < 0)
		return -1;
	mat_apply(m, x, y, &x, &y);
	if (!(fabs(x) <= SVG_MAX_COORD) || !(fabs(y) <= SVG_MAX_COORD) ||
	    !(fs <= SVG_MAX_COORD))
		return fail(p, "text position or size out of range");
	if (text_content(p, n, &t) < 0)
		return -1;
	if (!*t || fs == 0) {
		free(t);
		return 0;
	}
	if (p->items >= SVG_MAX_ITEMS) {
		free(t);
		return fail(p, "more than %d path segments in the image",
		            SVG_MAX_ITEMS);
	}
	op = new_op(p, SVG_OP_TEXT, st, m);
	if (!op) {
		free(t);
		return -1;
	}
	p->items++;
	op->x = x;
	op->y = y;
	op->font_size = fs;
	op->bold = st->bold;
	op->anchor = st->anchor;
	op->text = t;
	if (mat_turns(m))
		warn_at(p, p->line, 0, "text rotation ignored");
	return 0;
}

static const struct svg_kind {
	const char *name;
	const char *geom[7]; /* attributes read by FN */
	svg_elem_fn fn;
} svg_kinds[] = {
	{ "g", { NULL }, do_g },
	{ "rect", { "x", "y", "width", "height", "rx", "ry", NULL }, do_rect },
	{ "circle", { "cx", "cy", "r", NULL }, do_circle },
	{ "ellipse", { "cx", "cy", "rx", "ry", NULL }, do_ellipse },
	{ "line", { "x1", "y1", "x2", "y2", NULL }, do_line },
	{ "polyline", { "points", NULL }, do_poly },
	{ "polygon", { "points", NULL }, do_poly },
	{ "path", { "d", NULL }, do_path },
	{ "text", { "x", "y", NULL }, do_text },
};

/* Returns the kind of element N, NULL if it is outside the subset. */
static const struct svg_kind *find_kind(xmlNode *n)
{
	size_t i;

	for (i = 0; i < sizeof svg_kinds / sizeof *svg_kinds; i++)
		if (is_svg(n, svg_kinds[i].name))
			return &svg_kinds[i];
	return NULL;
}

/* Reads the element children of PARENT under style ST and map M, at
 * group depth DEPTH; 0 or -1. */
static int walk(svg_parser *p, xmlNode *parent, const svg_style *st,
                const svg_mat *m, int depth)
{
	const struct svg_kind *k;
	svg_style cst;
	svg_mat cm;
	xmlNode *c;

	for (c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_skipped(c))
			continue;
		p->line = line_of(c);
		k = find_kind(c);
		if (!k)
			return unsupported(p, c);
		cst = *st;
		cm = *m;
		if (read_attrs(p, c, k->geom, 1, &cst, &cm) < 0 ||
		    k->fn(p, c, &cst, &cm, depth) < 0)
			return -1;
	}
	return 0;
}

/* ---- the root ---- */

/* Reads size attribute NAME of N (number, optional unit pt, px, mm, cm,
 * in) as *NUM units of *UNIT points each; 1 if present, 0 if absent (or
 * "auto"), -1 on error. */
static int get_dim(svg_parser *p, xmlNode *n, const char *name, double *num,
                   double *unit)
{
	static const struct {
		const char *name;
		double pt;
	} units[] = {
		{ "", 1 }, { "pt", 1 }, { "px", 0.75 }, { "mm", SVG_MM },
		{ "cm", 10 * SVG_MM }, { "in", 72 },
	};
	xmlChar *val = xmlGetNoNsProp(n, (const xmlChar *)name);
	const char *s, *u;
	size_t i, len;
	int r;

	*num = 0;
	*unit = 1;
	if (!val)
		return 0;
	s = skip_wsp((const char *)val);
	if (is_keyword(s, "auto")) {
		xmlFree(val);
		return 0;
	}
	r = scan_number(&s, num);
	for (u = s; is_alpha(*s) || *s == '%'; s++)
		;
	len = (size_t)(s - u);
	if (r == 1 && *skip_wsp(s))
		r = 0;
	for (i = 0; r == 1 && i < sizeof units / sizeof *units; i++)
		if (name_is(u, len, units[i].name))
			break;
	if (r == 1 && i == sizeof units / sizeof *units)
		r = 0;
	if (r != 1) {
		bad_value(p, name, (const char *)val, r);
		xmlFree(val);
		return -1;
	}
	xmlFree(val);
	*unit = units[i].pt;
	if (*num <= 0)
		return fail(p, "attribute '%s' must be positive", name);
	return 1;
}

/* Reads the viewBox of N into VB (min-x, min-y, width, height); 1 if
 * present, 0 if absent, -1 on error. */
static int get_viewbox(svg_parser *p, xmlNode *n, double *vb)
{
	xmlChar *val = xmlGetNoNsProp(n, (const xmlChar *)"viewBox");
	const char *s;
	int i, r = 1;

	if (!val)
		return 0;
	s = skip_wsp((const char *)val);
	for (i = 0; i < 4 && r == 1; i++)
		r = i ? read_num(&s, &vb[i]) : scan_number(&s, &vb[i]);
	if (r == 1 && *skip_wsp(s))
		r = 0;
	if (r != 1) {
		bad_value(p, "viewBox", (const char *)val, r);
		xmlFree(val);
		return -1;
	}
	xmlFree(val);
	if (vb[2] <= 0 || vb[3] <= 0)
		return fail(p, "viewBox width and height must be positive");
	return 1;
}

/* Sets the image size from root N and stores in *M the map from user
 * space to points (viewBox fitted as xMidYMid meet); 0 or -1. */
static int viewport(svg_parser *p, xmlNode *n, svg_mat *m)
{
	double wn, wu, hn, hu, w, h, s, vb[4];
	int hw, hh, hv;

	hw = get_dim(p, n, "width", &wn, &wu);
	hh = get_dim(p, n, "height", &hn, &hu);
	hv = get_viewbox(p, n, vb);
	if (hw < 0 || hh < 0 || hv < 0)
		return -1;
	w = wn * wu;
	h = hn * hu;
	*m = mat_identity;
	if (hv) {
		if (!hw && !hh) {
			w = vb[2];
			h = vb[3];
		} else if (!hh) {
			h = w * vb[3] / vb[2];
		} else if (!hw) {
			w = h * vb[2] / vb[3];
		}
		s = fmin(w / vb[2], h / vb[3]);
		m->a = m->d = s;
		m->e = (w - vb[2] * s) / 2 - vb[0] * s;
		m->f = (h - vb[3] * s) / 2 - vb[1] * s;
	} else {
		if (!hw || !hh)
			return fail(p, "<svg> needs a viewBox or both width "
			            "and height");
		m->a = wu;
		m->d = hu;
	}
	if (!(w <= SVG_MAX_COORD) || !(h <= SVG_MAX_COORD) ||
	    !(fabs(m->e) <= SVG_MAX_COORD) || !(fabs(m->f) <= SVG_MAX_COORD) ||
	    !(m->a > 0) || !(m->d > 0))
		return fail(p, "image size out of range");
	p->img->width = w;
	p->img->height = h;
	return 0;
}

/* Reads root element N: the svg element with its size, viewBox, paint
 * and children; 0 or -1. */
static int read_root(svg_parser *p, xmlNode *n)
{
	static const char *const geom[] = {
		"viewBox", "width", "height", NULL,
	};
	svg_style st = {
		.fill = { 1, 0, 0, 0 },
		.stroke_width = 1,
		.font_size = 16,
		.anchor = SVG_ANCHOR_START,
	};
	svg_mat m = mat_identity;

	if (!n)
		return fail_at(p, 0, 0, "no root element");
	p->line = line_of(n);
	if (!is_svg(n, "svg"))
		return fail(p, "root element must be <svg> in namespace "
		            SVG_NS);
	if (read_attrs(p, n, geom, 0, &st, &m) < 0 || viewport(p, n, &m) < 0)
		return -1;
	return walk(p, n, &st, &m, 0);
}

/* ---- XML ---- */

/* libxml2 structured error handler: keeps the first error, passes
 * warnings on. */
static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	svg_parser *p = ctxt ? ctxt->_private : NULL;
	char msg[256];
	size_t n;

	if (!p || !e)
		return;
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (e->level == XML_ERR_WARNING)
		warn_at(p, e->line, e->int2, "%s", msg);
	else
		fail_at(p, e->line, e->int2, "%s", msg);
}

/* Stops the parse at a DTD declaration (WHAT) in the internal subset. */
static void refuse_decl(void *ctx, const char *what)
{
	xmlParserCtxtPtr ctxt = ctx;
	svg_parser *p = ctxt->_private;
	long line = ctxt->input ? ctxt->input->line : 0;
	long col = ctxt->input ? ctxt->input->col : 0;

	fail_at(p, line, col, "%s declarations are not allowed (no DTD "
	        "internal subset)", what);
	xmlStopParser(ctxt);
}

/* SAX entityDecl: refused. */
static void on_entity_decl(void *ctx, const xmlChar *name, int type,
                           const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id;
	(void)content;
	refuse_decl(ctx, "entity");
}

/* SAX unparsedEntityDecl: refused. */
static void on_unparsed_entity_decl(void *ctx, const xmlChar *name,
                                    const xmlChar *public_id,
                                    const xmlChar *system_id,
                                    const xmlChar *notation)
{
	(void)name, (void)public_id, (void)system_id, (void)notation;
	refuse_decl(ctx, "entity");
}

/* SAX elementDecl: refused. */
static void on_element_decl(void *ctx, const xmlChar *name, int type,
                            xmlElementContentPtr content)
{
	(void)name, (void)type, (void)content;
	refuse_decl(ctx, "element");
}

/* SAX attributeDecl: refused; frees TREE, which the callee owns. */
static void on_attribute_decl(void *ctx, const xmlChar *elem,
                              const xmlChar *name, int type, int def,
                              const xmlChar *dflt, xmlEnumerationPtr tree)
{
	(void)elem, (void)name, (void)type, (void)def, (void)dflt;
	if (tree)
		xmlFreeEnumeration(tree);
	refuse_decl(ctx, "attribute list");
}

/* SAX notationDecl: refused. */
static void on_notation_decl(void *ctx, const xmlChar *name,
                             const xmlChar *public_id,
                             const xmlChar *system_id)
{
	(void)name, (void)public_id, (void)system_id;
	refuse_decl(ctx, "notation");
}

/* Parses DATA (LEN bytes) into *DOC without network, external DTDs or
 * any internal-subset declaration; 0, or -1 with the first problem
 * recorded as NAME:LINE:COL. */
static int parse_xml(svg_parser *p, const char *data, size_t len,
                     xmlDoc **doc)
{
	xmlParserCtxtPtr ctxt;
	int ok;

	*doc = NULL;
	xmlInitParser();
	ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	if (!ctxt || !ctxt->sax) {
		xmlFreeParserCtxt(ctxt);
		return oom(p);
	}
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	/* whatever libxml2's global defaults say: no DTD is loaded, no
	 * entity is substituted, nothing is validated */
	ctxt->loadsubset = 0;
	ctxt->replaceEntities = 0;
	ctxt->validate = 0;
	ctxt->sax->externalSubset = NULL;
	ctxt->_private = p;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
	ctxt->sax->elementDecl = on_element_decl;
	ctxt->sax->attributeDecl = on_attribute_decl;
	ctxt->sax->notationDecl = on_notation_decl;
	xmlParseDocument(ctxt);
	ok = ctxt->wellFormed && ctxt->myDoc && !p->failed;
	if (ok)
		*doc = ctxt->myDoc;
	else
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);
	if (!ok)
		return fail_at(p, 0, 0, "not well-formed XML");
	return 0;
}

/* ---- public ---- */

int svg_load_memory(const char *name, const char *data, size_t len,
                    svg_image **out, char *err, size_t errlen,
                    svg_warn_fn warn_cb, void *warn_ctx)
{
	svg_parser p = { 0 };
	xmlDoc *doc;
	int rc;

	p.name = name ? name : "<memory>";
	p.err = err;
	p.errlen = errlen;
	p.warn = warn_cb;
	p.warn_ctx = warn_ctx;
	if (err && errlen)
		err[0] = '\0';
	if (!out)
		return fail_at(&p, 0, 0, "no place for the image");
	*out = NULL;
	if (!data || !len)
		return fail_at(&p, 0, 0, "empty document");
	if (len > (size_t)SVG_MAX_BYTES)
		return fail_at(&p, 0, 0, "document larger than %ld bytes",
		               SVG_MAX_BYTES);
	if (parse_xml(&p, data, len, &doc) < 0)
		return -1;
	p.img = calloc(1, sizeof *p.img);
	rc = p.img ? read_root(&p, xmlDocGetRootElement(doc)) : oom(&p);
	xmlFreeDoc(doc);
	if (rc < 0) {
		svg_free(p.img);
		return -1;
	}
	*out = p.img;
	return 0;
}

int svg_load(const char *file, svg_image **out, char *err, size_t errlen,
             svg_warn_fn warn_cb, void *warn_ctx)
{
	svg_parser p = { 0 };
	size_t n = 0, cap = 0, got;
	char *buf = NULL, *nb;
	FILE *f;
	int rc;

	p.name = file ? file : "<null>";
	p.err = err;
	p.errlen = errlen;
	if (out)
		*out = NULL;
	if (!file)
		return fail_at(&p, 0, 0, "no file name");
	f = regfile_open(file); /* never a FIFO or device: issue 7 */
	if (!f)
		return fail_at(&p, 0, 0, "%s", errno == EINVAL
		               ? "not a regular file" : strerror(errno));
	for (;;) {
		if (n == cap) {
			if (cap > (size_t)SVG_MAX_BYTES) {
				rc = fail_at(&p, 0, 0, "file larger than %ld "
				             "bytes", SVG_MAX_BYTES);
				goto out;
			}
			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				rc = oom(&p);
				goto out;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		rc = fail_at(&p, 0, 0, "read error");
		goto out;
	}
	rc = svg_load_memory(file, buf, n, out, err, errlen, warn_cb,
	                     warn_ctx);
out:
	fclose(f);
	free(buf);
	return rc;
}

void svg_free(svg_image *img)
{
	size_t i;

	if (!img)
		return;
	for (i = 0; i < img->nops; i++) {
		free(img->ops[i].segs);
		free(img->ops[i].text);
	}
	free(img->ops);
	free(img);
}
