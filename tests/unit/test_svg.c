/* test_svg — the SVG subset reader: geometry, paint, text, and the
 * documents it must refuse without crashing or leaking. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#endif
#include "svg.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NS "xmlns=\"http://www.w3.org/2000/svg\""
#define EPS 1e-6
#define K 0.5522847498307936

static char err[512];
static char warnings[4096];
static int nwarn;

/* Collects warnings, one a line. */
static void on_warn(void *ctx, const char *msg)
{
	size_t n = strlen(warnings);

	(void)ctx;
	nwarn++;
	snprintf(warnings + n, sizeof warnings - n, "%s\n", msg);
}

/* Loads SRC as NAME; NULL on failure (message in err). */
static svg_image *load_named(const char *name, const char *src)
{
	svg_image *img = (svg_image *)&err; /* must be reset on failure */

	nwarn = 0;
	warnings[0] = '\0';
	err[0] = '\0';
	if (svg_load_memory(name, src, strlen(src), &img, err, sizeof err,
	                    on_warn, NULL) < 0) {
		if (img != NULL || !err[0])
			printf("  failure left img set or err empty\n");
		return NULL;
	}
	return img;
}

/* Loads SRC as t.svg. */
static svg_image *load(const char *src)
{
	return load_named("t.svg", src);
}

/* Whether SRC is refused with an error message containing WANT. */
static int refused(const char *src, const char *want)
{
	svg_image *img = load(src);

	if (img) {
		svg_free(img);
		return 0;
	}
	if (!strstr(err, want)) {
		printf("  err \"%s\" lacks \"%s\"\n", err, want);
		return 0;
	}
	return 1;
}

/* Whether segment S is KIND ending at (X, Y). */
static int seg_is(const svg_seg *s, svg_seg_kind kind, double x, double y)
{
	int i = kind == SVG_CUBIC ? 2 : 0;
	int ok = s->kind == kind &&
	         (kind == SVG_CLOSE ||
	          (fabs(s->x[i] - x) < EPS && fabs(s->y[i] - y) < EPS));

	if (!ok)
		printf("  seg kind %d ends (%g, %g), want kind %d (%g, %g)\n",
		       s->kind, s->x[i], s->y[i], kind, x, y);
	return ok;
}

/* Whether cubic S has control points (X1, Y1) and (X2, Y2). */
static int ctrl_is(const svg_seg *s, double x1, double y1, double x2,
                   double y2)
{
	int ok = s->kind == SVG_CUBIC && fabs(s->x[0] - x1) < EPS &&
	         fabs(s->y[0] - y1) < EPS && fabs(s->x[1] - x2) < EPS &&
	         fabs(s->y[1] - y2) < EPS;

	if (!ok)
		printf("  ctrl (%g, %g) (%g, %g), want (%g, %g) (%g, %g)\n",
		       s->x[0], s->y[0], s->x[1], s->y[1], x1, y1, x2, y2);
	return ok;
}

static void test_rect(void)
{
	svg_image *img = load("<svg " NS " viewBox=\"0 0 100 50\" "
	                      "width=\"200pt\" height=\"100pt\">\n"
	                      "<rect x=\"10\" y=\"5\" width=\"20\" "
	                      "height=\"10\"/>\n</svg>");

	if (!CHECK(img != NULL))
		return;
	CHECK_NEAR(img->width, 200, EPS);
	CHECK_NEAR(img->height, 100, EPS);
	if (CHECK(img->nops == 1)) {
		svg_op *op = &img->ops[0];

		CHECK(op->kind == SVG_OP_PATH);
		CHECK(op->line == 2);
		CHECK(op->fill.set && op->fill.r == 0 && op->fill.g == 0 &&
		      op->fill.b == 0);
		CHECK(!op->stroke.set);
		CHECK_NEAR(op->stroke_width, 2, EPS);
		if (CHECK(op->nsegs == 5)) {
			CHECK(seg_is(&op->segs[0], SVG_MOVE, 20, 10));
			CHECK(seg_is(&op->segs[1], SVG_LINE, 60, 10));
			CHECK(seg_is(&op->segs[2], SVG_LINE, 60, 30));
			CHECK(seg_is(&op->segs[3], SVG_LINE, 20, 30));
			CHECK(seg_is(&op->segs[4], SVG_CLOSE, 0, 0));
		}
	}
	svg_free(img);
}

static void test_rect_rounded(void)
{
	svg_image *img = load("<svg " NS " viewBox=\"0 0 100 100\">"
	                      "<rect width=\"40\" height=\"20\" rx=\"5\"/>"
	                      "<rect width=\"40\" height=\"20\" ry=\"30\"/>"
	                      "</svg>");
	svg_seg *s;

	if (!CHECK(img != NULL) || !CHECK(img->nops == 2))
		goto out;
	CHECK_NEAR(img->width, 100, EPS);
	s = img->ops[0].segs;
	if (CHECK(img->ops[0].nsegs == 10)) {
		CHECK(seg_is(&s[0], SVG_MOVE, 5, 0));
		CHECK(seg_is(&s[1], SVG_LINE, 35, 0));
		CHECK(seg_is(&s[2], SVG_CUBIC, 40, 5));
		CHECK(ctrl_is(&s[2], 35 + 5 * K, 0, 40, 5 - 5 * K));
		CHECK(seg_is(&s[3], SVG_LINE, 40, 15));
		CHECK(seg_is(&s[4], SVG_CUBIC, 35, 20));
		CHECK(seg_is(&s[6], SVG_CUBIC, 0, 15));
		CHECK(seg_is(&s[8], SVG_CUBIC, 5, 0));
		CHECK(seg_is(&s[9], SVG_CLOSE, 0, 0));
	}
	/* ry alone stands for rx too; both are cut to half the side */
	s = img->ops[1].segs;
	if (CHECK(img->ops[1].nsegs == 10)) {
		CHECK(seg_is(&s[0], SVG_MOVE, 20, 0));
		CHECK(seg_is(&s[2], SVG_CUBIC, 40, 10));
	}
out:
	svg_free(img);
}

static void test_viewport(void)
{
	svg_image *img;

	/* meet: uniform scale 1, centred horizontally */
	img = load("<svg " NS " viewBox=\"0 0 100 100\" width=\"200\" "
	           "height=\"100\"><rect width=\"100\" height=\"100\"/>"
	           "</svg>");
	if (CHECK(img != NULL) && CHECK(img->nops == 1)) {
		CHECK(seg_is(&img->ops[0].segs[0], SVG_MOVE, 50, 0));
		CHECK(seg_is(&img->ops[0].segs[2], SVG_LINE, 150, 100));
	}
	svg_free(img);
	/* a viewBox origin moves the picture */
	img = load("<svg " NS " viewBox=\"10,20,100,100\">"
	           "<rect x=\"10\" y=\"20\" width=\"5\" height=\"5\"/></svg>");
	if (CHECK(img != NULL) && CHECK(img->nops == 1))
		CHECK(seg_is(&img->ops[0].segs[0], SVG_MOVE, 0, 0));
	svg_free(img);
	/* units */
	img = load("<svg " NS " viewBox=\"0 0 100 50\" width=\"100mm\">"
	           "<rect x=\"1\" width=\"1\" height=\"1\"/></svg>");
	if (CHECK(img != NULL)) {
		CHECK_NEAR(img->width, 283.464567, 1e-5);
		CHECK_NEAR(img->height, 141.732283, 1e-5);
		CHECK_NEAR(img->ops[0].segs[0].x[0], 2.834646, 1e-5);
	}
	svg_free(img);
	img = load("<svg " NS " viewBox=\"0 0 10 5\" height=\"1in\"/>");
	if (CHECK(img != NULL)) {
		CHECK_NEAR(img->width, 144, EPS);
		CHECK_NEAR(img->height, 72, EPS);
	}
	svg_free(img);
	img = load("<svg " NS " viewBox=\"0 0 10 10\" width=\"2cm\" "
	           "height=\"40px\"/>");
	if (CHECK(img != NULL)) {
		CHECK_NEAR(img->width, 56.692913, 1e-5);
		CHECK_NEAR(img->height, 30, EPS);
	}
	svg_free(img);
	/* no viewBox: user space 1:1 in the width's unit */
	img = load("<svg " NS " width=\"100px\" height=\"40px\">"
	           "<rect x=\"10\" width=\"1\" height=\"1\"/></svg>");
	if (CHECK(img != NULL)) {
		CHECK_NEAR(img->width, 75, EPS);
		CHECK_NEAR(img->height, 30, EPS);
		CHECK_NEAR(img->ops[0].segs[0].x[0], 7.5, EPS);
	}
	svg_free(img);
	CHECK(refused("<svg " NS "/>", "t.svg:1: <svg> needs a viewBox"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 0 10\"/>", "positive"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 10\"/>", "viewBox"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\" width=\"50%\"/>",
	              "'width'"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\" width=\"-5\"/>",
	              "positive"));
}

static void test_circle(void)
{
	svg_image *img = load("<svg " NS " width=\"100\" height=\"100\">"
	                      "<circle cx=\"50\" cy=\"50\" r=\"10\"/>"
	                      "<ellipse cx=\"50\" cy=\"50\" rx=\"20\" "
	                      "ry=\"10\"/></svg>");
	double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
	svg_seg *s;
	size_t i;
	int j;

	if (!CHECK(img != NULL) || !CHECK(img->nops == 2))
		goto out;
	s = img->ops[0].segs;
	if (CHECK(img->ops[0].nsegs == 6)) {
		CHECK(seg_is(&s[0], SVG_MOVE, 60, 50));
		CHECK(seg_is(&s[1], SVG_CUBIC, 50, 60));
		CHECK(ctrl_is(&s[1], 60, 50 + 10 * K, 50 + 10 * K, 60));
		CHECK(seg_is(&s[2], SVG_CUBIC, 40, 50));
		CHECK(seg_is(&s[3], SVG_CUBIC, 50, 40));
		CHECK(seg_is(&s[4], SVG_CUBIC, 60, 50));
		CHECK(seg_is(&s[5], SVG_CLOSE, 0, 0));
		for (i = 0; i < 5; i++) {
			for (j = 0; j < (s[i].kind == SVG_CUBIC ? 3 : 1); j++) {
				minx = fmin(minx, s[i].x[j]);
				maxx = fmax(maxx, s[i].x[j]);
				miny = fmin(miny, s[i].y[j]);
				maxy = fmax(maxy, s[i].y[j]);
			}
		}
		CHECK_NEAR(minx, 40, EPS);
		CHECK_NEAR(maxx, 60, EPS);
		CHECK_NEAR(miny, 40, EPS);
		CHECK_NEAR(maxy, 60, EPS);
	}
	s = img->ops[1].segs;
	if (CHECK(img->ops[1].nsegs == 6)) {
		CHECK(seg_is(&s[0], SVG_MOVE, 70, 50));
		CHECK(seg_is(&s[1], SVG_CUBIC, 50, 60));
		CHECK(seg_is(&s[2], SVG_CUBIC, 30, 50));
		CHECK(seg_is(&s[3], SVG_CUBIC, 50, 40));
	}
out:
	svg_free(img);
}

static void test_lines_and_polys(void)
{
	svg_image *img = load("<svg " NS " width=\"100\" height=\"100\">"
	                      "<line x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\" "
	                      "fill=\"#f00\" stroke=\"#000\"/>"
	                      "<polyline points=\"0,0 10,0 10,10\"/>"
	                      "<polygon points=\"0 0,10 0 , 10 10\"/></svg>");

	if (!CHECK(img != NULL) || !CHECK(img->nops == 3))
		goto out;
	CHECK(!img->ops[0].fill.set);
	CHECK(img->ops[0].stroke.set);
	if (CHECK(img->ops[0].nsegs == 2)) {
		CHECK(seg_is(&img->ops[0].segs[0], SVG_MOVE, 1, 2));
		CHECK(seg_is(&img->ops[0].segs[1], SVG_LINE, 3, 4));
	}
	if (CHECK(img->ops[1].nsegs == 3))
		CHECK(seg_is(&img->ops[1].segs[2], SVG_LINE, 10, 10));
	if (CHECK(img->ops[2].nsegs == 4))
		CHECK(seg_is(&img->ops[2].segs[3], SVG_CLOSE, 0, 0));
out:
	svg_free(img);
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">\n"
	              "<polygon points=\"0 0 1\"/></svg>",
	              "t.svg:2: odd number of coordinates"));
}

/* Loads one path D in an identity viewport; NULL on failure. */
static svg_image *load_path(const char *d)
{
	char src[1024];

	snprintf(src, sizeof src, "<svg " NS " width=\"1000\" "
	         "height=\"1000\">\n<path d=\"%s\"/>\n</svg>", d);
	return load(src);
}

static void test_path_relative(void)
{
	svg_image *img = load_path("m10 10 h20 v10 l-5 5 z m5 0 l1 1");
	svg_seg *s;

	if (CHECK(img != NULL) && CHECK(img->nops == 1) &&
	    CHECK(img->ops[0].nsegs == 7)) {
		s = img->ops[0].segs;
		CHECK(seg_is(&s[0], SVG_MOVE, 10, 10));
		CHECK(seg_is(&s[1], SVG_LINE, 30, 10));
		CHECK(seg_is(&s[2], SVG_LINE, 30, 20));
		CHECK(seg_is(&s[3], SVG_LINE, 25, 25));
		CHECK(seg_is(&s[4], SVG_CLOSE, 0, 0));
		CHECK(seg_is(&s[5], SVG_MOVE, 15, 10)); /* from subpath start */
		CHECK(seg_is(&s[6], SVG_LINE, 16, 11));
	}
	svg_free(img);

	img = load_path("M0 0 H10 V10 H0 Z");
	if (CHECK(img != NULL) && CHECK(img->ops[0].nsegs == 5)) {
		s = img->ops[0].segs;
		CHECK(seg_is(&s[1], SVG_LINE, 10, 0));
		CHECK(seg_is(&s[2], SVG_LINE, 10, 10));
		CHECK(seg_is(&s[3], SVG_LINE, 0, 10));
	}
	svg_free(img);

	/* implicit repeats: after M they are L, after m they are l */
	img = load_path("M0 0 10 0 10 10 m1 1 2 2 h1 2");
	if (CHECK(img != NULL) && CHECK(img->ops[0].nsegs == 7)) {
		s = img->ops[0].segs;
		CHECK(seg_is(&s[1], SVG_LINE, 10, 0));
		CHECK(seg_is(&s[2], SVG_LINE, 10, 10));
		CHECK(seg_is(&s[3], SVG_MOVE, 11, 11));
		CHECK(seg_is(&s[4], SVG_LINE, 13, 13));
		CHECK(seg_is(&s[6], SVG_LINE, 16, 13));
	}
	svg_free(img);

	/* number syntax: signs and dots split numbers, exponents */
	img = load_path("M-.5.5L1e1-2E-1,3.,+4e+0");
	if (CHECK(img != NULL) && CHECK(img->ops[0].nsegs == 3)) {
		s = img->ops[0].segs;
		CHECK(seg_is(&s[0], SVG_MOVE, -0.5, 0.5));
		CHECK(seg_is(&s[1], SVG_LINE, 10, -0.2));
		CHECK(seg_is(&s[2], SVG_LINE, 3, 4));
	}
	svg_free(img);

	/* a drawing command after Z starts at the closed subpath's start */
	img = load_path("M10 10 l5 0 z l1 1");
	if (CHECK(img != NULL) && CHECK(img->ops[0].nsegs == 5)) {
		s = img->ops[0].segs;
		CHECK(seg_is(&s[2], SVG_CLOSE, 0, 0));
		CHECK(seg_is(&s[3], SVG_MOVE, 10, 10));
		CHECK(seg_is(&s[4], SVG_LINE, 11, 11));
	}
	svg_free(img);

	img = load_path("");
	if (CHECK(img != NULL))
		CHECK(img->nops == 0);
	svg_free(img);
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\"><path d=\"L1 1\"/>"
	              "</svg>", "must start with M"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\"><path d=\"M1 1 L2\"/>"
	              "</svg>", "ends too early"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\"><path d=\"M1 1 Z 3\"/>"
	              "</svg>", "bad path data near '3'"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\"><path d=\"M1 1 X\"/>"
	              "</svg>", "unknown path command 'X'"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\"><path d=\"M1,,1\"/>"
	              "</svg>", "bad path data"));
}

static void test_curves(void)
{
	svg_image *img = load_path("M0 0 Q30 60 60 0 T120 0");
	svg_seg *s;

	if (CHECK(img != NULL) && CHECK(img->ops[0].nsegs == 3)) {
		s = img->ops[0].segs;
		CHECK(seg_is(&s[1], SVG_CUBIC, 60, 0));
		CHECK(ctrl_is(&s[1], 20, 40, 40, 40));
		/* T reflects the control point (30, 60) to (90, -60) */
		CHECK(seg_is(&s[2], SVG_CUBIC, 120, 0));
		CHECK(ctrl_is(&s[2], 80, -40, 100, -40));
	}
	svg_free(img);

	img = load_path("M10 10 q10 10 20 0 t20 0");
	if (CHECK(img != NULL) && CHECK(img->ops[0].nsegs == 3)) {
		s = img->ops[0].segs;
		CHECK(seg_is(&s[1], SVG_CUBIC, 30, 10));
		CHECK(ctrl_is(&s[1], 10 + 20.0 / 3, 10 + 20.0 / 3,
		              30 - 20.0 / 3, 10 + 20.0 / 3));
		CHECK(seg_is(&s[2], SVG_CUBIC, 50, 10));
		CHECK(ctrl_is(&s[2], 30 + 20.0 / 3, 10 - 20.0 / 3,
		              50 - 20.0 / 3, 10 - 20.0 / 3));
	}
	svg_free(img);

	img = load_path("M0 0 C0 10 10 10 10 0 S20 -10 20 0 c1 1 2 2 3 3");
	if (CHECK(img != NULL) && CHECK(img->ops[0].nsegs == 4)) {
		s = img->ops[0].segs;
		CHECK(ctrl_is(&s[1], 0, 10, 10, 10));
		CHECK(seg_is(&s[2], SVG_CUBIC, 20, 0));
		CHECK(ctrl_is(&s[2], 10, -10, 20, -10));
		CHECK(seg_is(&s[3], SVG_CUBIC, 23, 3));
		CHECK(ctrl_is(&s[3], 21, 1, 22, 2));
	}
	svg_free(img);

	/* S and T after a line take the current point as first control */
	img = load_path("M0 0 S10 10 20 0 L30 0 T40 0");
	if (CHECK(img != NULL) && CHECK(img->ops[0].nsegs == 4)) {
		s = img->ops[0].segs;
		CHECK(ctrl_is(&s[1], 0, 0, 10, 10));
		CHECK(ctrl_is(&s[3], 30, 0, 40 - 20.0 / 3, 0));
	}
	svg_free(img);
}

static void test_transform(void)
{
	svg_image *img = load(
		"<svg " NS " width=\"100\" height=\"100\">"
		"<g transform=\"translate(10,20) scale(2)\">"
		"<rect x=\"1\" y=\"1\" width=\"2\" height=\"3\" "
		"stroke=\"#f00\"/>"
		"</g>"
		"<g transform=\"translate(10 20)\"><g transform=\"scale(2)\">"
		"<rect x=\"1\" y=\"1\" width=\"2\" height=\"3\"/></g></g>"
		"<line x2=\"10\" transform=\"rotate(90)\"/>"
		"<line x1=\"10\" y1=\"5\" transform=\"rotate(90, 5 5)\"/>"
		"<line x1=\"1\" transform=\"matrix(1 0 0 1 3 4)\"/>"
		"<line y1=\"10\" transform=\"skewX(45)\"/>"
		"<rect width=\"1\" height=\"1\" transform=\"scale(2,8)\"/>"
		"</svg>");
	svg_seg *s;

	if (!CHECK(img != NULL) || !CHECK(img->nops == 7))
		goto out;
	s = img->ops[0].segs;
	CHECK(seg_is(&s[0], SVG_MOVE, 12, 22));
	CHECK(seg_is(&s[1], SVG_LINE, 16, 22));
	CHECK(seg_is(&s[2], SVG_LINE, 16, 28));
	CHECK(img->ops[0].stroke.set && img->ops[0].stroke.r == 1);
	CHECK_NEAR(img->ops[0].stroke_width, 2, EPS);
	s = img->ops[1].segs;
	CHECK(seg_is(&s[0], SVG_MOVE, 12, 22));
	CHECK(seg_is(&s[2], SVG_LINE, 16, 28));
	CHECK(seg_is(&img->ops[2].segs[1], SVG_LINE, 0, 10));
	CHECK(seg_is(&img->ops[3].segs[0], SVG_MOVE, 5, 10));
	CHECK(seg_is(&img->ops[4].segs[0], SVG_MOVE, 4, 4));
	CHECK(seg_is(&img->ops[5].segs[0], SVG_MOVE, 10, 10));
	CHECK_NEAR(img->ops[6].stroke_width, 4, EPS);
out:
	svg_free(img);
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">\n"
	              "<g transform=\"spin(3)\"/></svg>",
	              "t.svg:2: bad transform"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">"
	              "<g transform=\"rotate(1,2)\"/></svg>", "bad transform"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">"
	              "<g transform=\"scale(1e6) scale(1e6)\">"
	              "<rect width=\"1\" height=\"1\"/></g></svg>",
	              "out of range"));
}

static void test_inherit(void)
{
	svg_image *img = load(
		"<svg " NS " viewBox=\"0 0 10 10\">"
		"<g fill=\"#ff0000\" stroke=\"#00f\" stroke-width=\"3\">"
		"<rect width=\"1\" height=\"1\"/>"
		"<g><circle r=\"1\" fill=\"none\"/></g>"
		"<rect width=\"1\" height=\"1\" fill=\"#0f8\" "
		"stroke=\"inherit\""
		" stroke-width=\"0\"/>"
		"</g>"
		"<rect width=\"1\" height=\"1\"/></svg>");
	svg_op *op;

	if (!CHECK(img != NULL) || !CHECK(img->nops == 4))
		goto out;
	op = &img->ops[0];
	CHECK(op->fill.set && op->fill.r == 1 && op->fill.g == 0 &&
	      op->fill.b == 0);
	CHECK(op->stroke.set && op->stroke.b == 1 && op->stroke.r == 0);
	CHECK_NEAR(op->stroke_width, 3, EPS);
	op = &img->ops[1];
	CHECK(!op->fill.set);
	CHECK(op->stroke.set && op->stroke.b == 1);
	op = &img->ops[2];
	CHECK(op->fill.set && op->fill.r == 0 && op->fill.g == 1);
	CHECK_NEAR(op->fill.b, 0x88 / 255.0, EPS);
	CHECK(!op->stroke.set); /* zero width: no stroke */
	op = &img->ops[3];
	CHECK(op->fill.set && op->fill.r == 0);
	CHECK(!op->stroke.set);
	CHECK_NEAR(op->stroke_width, 1, EPS);
out:
	svg_free(img);
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\" fill=\"red\"/>",
	              "bad value 'red' for attribute 'fill'"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\" stroke=\"#12345\"/>",
	              "'stroke'"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\" stroke-width=\"-1\"/>",
	              "negative"));
}

static void test_text(void)
{
	svg_image *img = load(
		"<svg " NS " viewBox=\"0 0 100 100\" width=\"200\" "
		"height=\"200\">\n"
		"<g font-weight=\"bold\" text-anchor=\"end\" "
		"font-size=\"12\">\n"
		"<text x=\"10 20 30\" y=\"15\" fill=\"#336699\" "
		"font-family=\"PT Sans\">  Hello \n\t  wor<![CDATA[ld]]> &amp;"
		" co  </text>\n"
		"<text font-weight=\"500\" text-anchor=\"middle\" "
		"font-size=\"16px\">\xd0\x9f\xd1\x80\xd0\xb8</text>\n"
		"<text font-weight=\"700\"> </text>\n"
		"</g>\n"
		"<text x=\"1\" y=\"1\">plain<title>tip</title></text>\n"
		"</svg>");
	svg_op *op;

	if (!CHECK(img != NULL) || !CHECK(img->nops == 3))
		goto out;
	CHECK(nwarn == 0);
	op = &img->ops[0];
	CHECK(op->kind == SVG_OP_TEXT);
	CHECK_STR(op->text, "Hello world & co");
	CHECK_NEAR(op->x, 20, EPS);
	CHECK_NEAR(op->y, 30, EPS);
	CHECK_NEAR(op->font_size, 24, EPS);
	CHECK(op->bold);
	CHECK(op->anchor == SVG_ANCHOR_END);
	CHECK(op->fill.set && fabs(op->fill.r - 0x33 / 255.0) < EPS);
	CHECK(op->line == 3);
	op = &img->ops[1];
	CHECK_STR(op->text, "\xd0\x9f\xd1\x80\xd0\xb8");
	CHECK(!op->bold);
	CHECK(op->anchor == SVG_ANCHOR_MIDDLE);
	CHECK_NEAR(op->font_size, 32, EPS);
	CHECK_NEAR(op->x, 0, EPS);
	op = &img->ops[2];
	CHECK_STR(op->text, "plain");
	CHECK(!op->bold);
	CHECK(op->anchor == SVG_ANCHOR_START);
	CHECK_NEAR(op->font_size, 32, EPS); /* default 16, scaled by 2 */
	CHECK_NEAR(op->x, 2, EPS);
out:
	svg_free(img);

	img = load("<svg " NS " viewBox=\"0 0 100 100\">\n"
	           "<text x=\"10\" transform=\"rotate(30)\">r</text></svg>");
	if (CHECK(img != NULL) && CHECK(img->nops == 1)) {
		CHECK_NEAR(img->ops[0].x, 5 * sqrt(3), EPS);
		CHECK_NEAR(img->ops[0].y, 5, EPS);
		CHECK(nwarn == 1);
		CHECK(strstr(warnings, "t.svg:2: text rotation ignored") !=
		      NULL);
	}
	svg_free(img);
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">\n"
	              "<text>a<tspan>b</tspan></text></svg>",
	              "t.svg:2: unsupported element <tspan>"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">"
	              "<text text-anchor=\"left\">a</text></svg>",
	              "'text-anchor'"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">"
	              "<text font-size=\"0\">a</text></svg>", "positive"));
}

static void test_arc(void)
{
	CHECK(refused("<svg " NS " viewBox=\"0 0 10 10\">\n<g>\n"
	              "<path d=\"M0 0 A 5 5 0 0 1 10 10\"/>\n</g></svg>",
	              "t.svg:3: path arcs"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 10 10\">\n\n\n\n"
	              "<path d=\"M0 0 l1 1 a5 5 0 0 1 1 1\"/></svg>",
	              "t.svg:5:"));
}

static void test_malformed(void)
{
	svg_image *img = load_named("bad.svg", "<svg " NS
	                            " viewBox=\"0 0 1 1\">\n<rect>\n</svg>\n");
	int line = 0, col = 0;
	char c = 0;

	CHECK(img == NULL);
	CHECK(sscanf(err, "bad.svg:%d:%d: %c", &line, &col, &c) == 3);
	CHECK(line == 3);
	CHECK(col > 0);
	printf("  (%s)\n", err);
	CHECK(refused("<svg " NS " viewBox='0 0 1 1' a='1' a='2'/>",
	              "t.svg:1:"));
	CHECK(refused("not xml at all", "t.svg:1:"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">&nope;</svg>",
	              "t.svg:1:"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\"><x:r/></svg>",
	              "t.svg:1:"));
	CHECK(refused("<html/>", "root element must be <svg>"));
	CHECK(refused("<svg viewBox=\"0 0 1 1\"/>", "root element"));
	img = NULL;
	CHECK(svg_load_memory("e.svg", "", 0, &img, err, sizeof err, NULL,
	                      NULL) == -1);
	CHECK(img == NULL);
	CHECK_STR(err, "e.svg: empty document");
	CHECK(svg_load_memory("e.svg", "<", 1, &img, NULL, 0, NULL, NULL) ==
	      -1);
}

static void test_entities(void)
{
	svg_image *img;

	CHECK(refused("<!DOCTYPE svg [<!ENTITY x \"boom\">]>\n"
	              "<svg " NS " viewBox=\"0 0 1 1\"><text>&x;</text></svg>",
	              "entity declarations are not allowed"));
	CHECK(refused("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n"
	              " <!ENTITY a \"aaaaaaaaaa\">\n"
	              " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	              " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
	              "<svg " NS " viewBox=\"0 0 1 1\"><text>&c;</text></svg>",
	              "t.svg:3:"));
	CHECK(refused("<!DOCTYPE svg [<!ENTITY x SYSTEM "
	              "\"file:///etc/passwd\">]>\n<svg " NS
	              " viewBox=\"0 0 1 1\"><text>&x;</text></svg>",
	              "entity declarations"));
	CHECK(refused("<!DOCTYPE svg [<!ENTITY % p SYSTEM "
	              "\"http://example.invalid/p.dtd\"> %p;]>\n<svg " NS
	              " viewBox=\"0 0 1 1\"/>", "entity declarations"));
	CHECK(refused("<!DOCTYPE svg [<!ATTLIST rect k (a|b) \"a\">]>\n"
	              "<svg " NS " viewBox=\"0 0 1 1\"/>",
	              "attribute list declarations"));
	CHECK(refused("<!DOCTYPE svg [<!ELEMENT svg ANY>]>\n"
	              "<svg " NS " viewBox=\"0 0 1 1\"/>",
	              "element declarations"));
	/* the usual DOCTYPE with an external id is fine: it is not loaded */
	img = load("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
	           "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
	           "<svg " NS " viewBox=\"0 0 1 1\"><rect width=\"1\" "
	           "height=\"1\"/></svg>");
	CHECK(img != NULL && img->nops == 1);
	svg_free(img);
}

static void test_elements_and_attributes(void)
{
	svg_image *img;

	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">\n\n"
	              "<image href=\"x.png\"/></svg>",
	              "t.svg:3: unsupported element <image>"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">\n"
	              "<foo:bar xmlns:foo=\"urn:x\"/></svg>",
	              "t.svg:2: unsupported element <foo:bar>"));
	CHECK(refused("<svg " NS " viewBox=\"0 0 1 1\">"
	              "<rect><animate/></rect></svg>", "<animate>"));
	img = load("<svg " NS " viewBox=\"0 0 1 1\"><title>T</title>"
	           "<desc>D<b/></desc><metadata><rdf:RDF xmlns:rdf=\"urn:r\">"
	           "<x/></rdf:RDF></metadata>"
	           "<rect width=\"1\" height=\"1\"><title>t</title></rect>"
	           "</svg>");
	CHECK(img != NULL && img->nops == 1 && nwarn == 0);
	svg_free(img);
	img = load("<svg " NS " xmlns:ink=\"urn:i\" viewBox=\"0 0 1 1\" "
	           "version=\"1.1\">\n"
	           "<rect id=\"a\" class=\"b\" font-family=\"c\" opacity=\".5\""
	           " width=\"1\" height=\"1\" ink:label=\"l\"/></svg>");
	if (CHECK(img != NULL)) {
		CHECK(img->nops == 1);
		CHECK(nwarn == 3);
		CHECK(strstr(warnings, "t.svg:1: attribute 'version' ignored\n")
		      != NULL);
		CHECK(strstr(warnings, "t.svg:2: attribute 'opacity' ignored\n")
		      != NULL);
		CHECK(strstr(warnings, "t.svg:2: attribute 'ink:label' "
		                       "ignored\n") != NULL);
	}
	svg_free(img);
	/* attributes read by one element are unknown to another */
	img = load("<svg " NS " viewBox=\"0 0 1 1\">"
	           "<circle r=\"1\" width=\"3\"/></svg>");
	CHECK(img != NULL && nwarn == 1 && strstr(warnings, "'width'"));
	svg_free(img);
}

static void test_missing_attributes(void)
{
	svg_image *img = load("<svg " NS " viewBox=\"0 0 10 10\">"
	                      "<rect/><circle/><ellipse rx=\"1\"/><path/>"
	                      "<polygon/><line/><circle r=\"2\"/>"
	                      "<text>hi</text></svg>");

	if (CHECK(img != NULL) && CHECK(img->nops == 3)) {
		CHECK(img->ops[0].nsegs == 2);                 /* the line */
		CHECK(seg_is(&img->ops[1].segs[0], SVG_MOVE, 2, 0));
		CHECK(img->ops[2].kind == SVG_OP_TEXT);
		CHECK_NEAR(img->ops[2].x, 0, EPS);
	}
	svg_free(img);
}

static void test_bad_numbers(void)
{
	static const char *const bad[] = {
		"<rect width=\"inf\" height=\"1\"/>",
		"<rect width=\"NaN\" height=\"1\"/>",
		"<rect width=\"1e999\" height=\"1\"/>",
		"<rect width=\"1e10\" height=\"1\"/>",
		"<rect x=\"0x10\" width=\"1\" height=\"1\"/>",
		"<rect x=\"\" width=\"1\" height=\"1\"/>",
		"<rect x=\"1 2\" width=\"1\" height=\"1\"/>",
		"<rect width=\"-1\" height=\"1\"/>",
		"<circle r=\"1e308\"/>",
		"<path d=\"M 1e308 0\"/>",
		"<path d=\"M 0 0 L 1e99999999999999999 0\"/>",
		"<path d=\"M 0 0 L nan 0\"/>",
		"<polyline points=\"0 0 inf 1\"/>",
		"<g transform=\"scale(1e300)\"/>",
		"<g transform=\"skewX(90)\"><rect width=\"1\" "
		"height=\"1\"/></g>",
		"<g stroke-width=\"1e9\" transform=\"scale(10)\">"
		"<rect width=\"1\" height=\"1\"/></g>",
		"<text x=\"1e9\" transform=\"translate(1e9)\">a</text>",
	};
	char src[512];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(src, sizeof src, "<svg " NS " viewBox=\"0 0 1 1\">\n"
		         "%s</svg>", bad[i]);
		if (!CHECK(refused(src, "t.svg:2:")))
			printf("  for %s\n", bad[i]);
	}
	/* tiny and zero-padded numbers are fine */
	svg_free(load("<svg " NS " viewBox=\"0 0 1 1\"><path d=\"M1e-400 "
	              "0000000000000000000000000000001.5e0\"/></svg>"));
	CHECK(err[0] == '\0');
}

/* Builds N nested groups around a rect. */
static char *nested(int n)
{
	static const char head[] = "<svg " NS " viewBox=\"0 0 1 1\">\n";
	static const char body[] = "<rect width=\"1\" height=\"1\"/>";
	char *s = malloc(sizeof head + sizeof body + (size_t)n * 7 + 8);
	size_t k;
	int i;

	if (!s)
		abort();
	memcpy(s, head, sizeof head - 1);
	k = sizeof head - 1;
	for (i = 0; i < n; i++, k += 3)
		memcpy(s + k, "<g>", 3);
	memcpy(s + k, body, sizeof body - 1);
	k += sizeof body - 1;
	for (i = 0; i < n; i++, k += 4)
		memcpy(s + k, "</g>", 4);
	memcpy(s + k, "</svg>", 7);
	return s;
}

static void test_limits(void)
{
	char *src;
	size_t n = 1000000, i;
	svg_image *img;

	src = nested(64);
	img = load(src);
	CHECK(img != NULL && img->nops == 1);
	svg_free(img);
	free(src);
	src = nested(65);
	CHECK(refused(src, "t.svg:2: groups nested more than 64 deep"));
	free(src);
	src = nested(300); /* past libxml2's own limit */
	CHECK(refused(src, "t.svg:"));
	free(src);

	/* 1,000,000 segments in all are fine, one more is not */
	src = malloc(64 + 4 * n + 64);
	if (!src)
		abort();
	strcpy(src, "<svg " NS " viewBox=\"0 0 1 1\">\n<path d=\"M0 0");
	for (i = strlen(src); i < strlen("<svg " NS " viewBox=\"0 0 1 1\">\n"
	                                 "<path d=\"M0 0") + 4 * (n - 1);
	     i += 4)
		memcpy(src + i, " 1 1", 4);
	strcpy(src + i, "\"/></svg>");
	img = load(src);
	CHECK(img != NULL && img->nops == 1 && img->ops[0].nsegs == n);
	svg_free(img);
	strcpy(src + i, " 1 1\"/></svg>");
	CHECK(refused(src, "t.svg:2: more than 1000000 path segments"));
	free(src);
}

/* Every prefix and many one-byte changes of a rich document either load
 * or fail with a message; ASan and UBSan watch for the rest. */
static void test_hostile(void)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n<svg " NS " viewBox=\"0 0 50 50\" "
		"width=\"10mm\" fill=\"#abc\">\n"
		"<g transform=\"rotate(10 5 5) skewY(3)\" stroke=\"#123456\">\n"
		"<rect x=\"1\" y=\"2\" width=\"30\" height=\"20\" rx=\"3\"/>\n"
		"<path d=\"M1 1c1 2 3 4 5 6s1 1 2 2Q1 2 3 4t5 5h1v1z\"/>\n"
		"<polygon points=\"1,2 3,4 5,6\"/>\n"
		"<text x=\"3\" y=\"4\" font-size=\"7\">Hi &lt;x&gt;</text>\n"
		"</g><circle cx=\"1\" cy=\"1\" r=\"1\"/></svg>\n";
	static const char subst[] = "<>\"'&;-.e9 /#(,\x80";
	char buf[sizeof doc];
	size_t len = sizeof doc - 1, i, j;
	int bad = 0, loaded = 0, rc;
	svg_image *img;

	for (i = 0; i <= len; i++) {
		img = NULL;
		rc = svg_load_memory("f.svg", doc, i, &img, err, sizeof err,
		                     NULL, NULL);
		if (rc == 0 ? img == NULL : img != NULL || !err[0])
			bad++;
		loaded += rc == 0;
		svg_free(img);
	}
	CHECK(loaded == 2); /* the whole document, with or without its \n */
	for (i = 0; i < len; i++) {
		for (j = 0; j < sizeof subst - 1; j++) {
			memcpy(buf, doc, sizeof doc);
			buf[i] = subst[j];
			img = NULL;
			rc = svg_load_memory("f.svg", buf, len, &img, err,
			                     sizeof err, on_warn, NULL);
			if (rc == 0 ? img == NULL : img != NULL || !err[0])
				bad++;
			svg_free(img);
		}
	}
	CHECK(bad == 0);
}

static void test_file(void)
{
	static const char doc[] = "<svg " NS " viewBox=\"0 0 20 10\">"
	                          "<rect width=\"1\" height=\"1\"/></svg>";
	char path[] = "/tmp/test_svg_XXXXXX";
	svg_image *img = NULL;
	int fd = mkstemp(path);

	if (!CHECK(fd >= 0))
		return;
	CHECK(write(fd, doc, sizeof doc - 1) == (ssize_t)(sizeof doc - 1));
	close(fd);
	CHECK(svg_load(path, &img, err, sizeof err, NULL, NULL) == 0);
	CHECK(img != NULL && img->width == 20 && img->nops == 1);
	svg_free(img);
	unlink(path);
	img = (svg_image *)&err;
	CHECK(svg_load("/nonexistent/x.svg", &img, err, sizeof err, NULL,
	               NULL) == -1);
	CHECK(img == NULL);
	CHECK(strncmp(err, "/nonexistent/x.svg: ", 20) == 0);
}

int main(void)
{
	test_rect();
	test_rect_rounded();
	test_viewport();
	test_circle();
	test_lines_and_polys();
	test_path_relative();
	test_curves();
	test_transform();
	test_inherit();
	test_text();
	test_arc();
	test_malformed();
	test_entities();
	test_elements_and_attributes();
	test_missing_attributes();
	test_bad_numbers();
	test_limits();
	test_hostile();
	test_file();
	TEST_END();
}
