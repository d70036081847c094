/* Unit tests of the total-fit line breaker (layout_para.c, lay_break) on
 * synthetic boxes with known optimal breaks. */
#include "layout_int.h"
#include "test.h"

#include <stdlib.h>

static lay_inl items[256];
static int n;

static void box(double w)
{
	items[n] = (lay_inl){.kind = INL_BOX, .w = w, .fn = -1, .fnid = -1};
	n++;
}

/* A box of text: its glyphs may expand (a box of no text, the indent,
 * may not). */
static void tbox(double w)
{
	items[n] = (lay_inl){.kind = INL_BOX, .w = w, .s = "x", .len = 1,
	                     .fn = -1, .fnid = -1};
	n++;
}

static void glue(double w, double y, double z)
{
	items[n] = (lay_inl){.kind = INL_GLUE, .w = w, .stretch = y,
	                     .shrink = z, .fn = -1, .fnid = -1};
	n++;
}

static void finish(void)
{
	glue(0, LAY_INF * 100.0, 0);
	items[n] = (lay_inl){.kind = INL_PENALTY, .penalty = -LAY_INF,
	                     .fn = -1, .fnid = -1};
	n++;
}

/* Words of the given widths separated by ragged glue of width 1. */
static void words(const double *w, int count, double y, double z)
{
	n = 0;
	for (int i = 0; i < count; i++) {
		if (i)
			glue(1, y, z);
		box(w[i]);
	}
	finish();
}

/* A paragraph of random words (some with hyphenation points, some text
 * of no width, kerns that narrow a box) for SEED. */
static void random_paragraph(unsigned *seed)
{
	n = 0;
	int words = 5 + (int)(rand_r(seed) % 60);
	for (int i = 0; i < words && n < 240; i++) {
		if (i)
			glue(2.4 + (rand_r(seed) % 3) * 0.2, 1.2, 0.8);
		int parts = 1 + (int)(rand_r(seed) % 3);
		for (int k = 0; k < parts; k++) {
			if (k) {
				items[n] = (lay_inl){.kind = INL_PENALTY,
				                     .w = 4.2, .penalty = 50,
				                     .flagged = 1, .fn = -1,
				                     .fnid = -1};
				n++;
			}
			double w = 3 + (rand_r(seed) % 250) / 10.0;
			if (rand_r(seed) % 20 == 0)
				box(-0.5); /* a kern of no text */
			tbox(w);
		}
	}
	finish();
}

int main(void)
{
	int *br = NULL, nb;

	/* "aaa bb cc ddddd" at measure 6: first fit would set "aaa bb" /
	 * "cc" / "ddddd"; total fit balances "aaa" / "bb cc" / "ddddd". */
	static const double w1[] = {3, 2, 2, 5};
	words(w1, 4, 0, 0);
	nb = lay_break(items, n, 6, 3, 0, &br);
	CHECK(nb == 3);
	CHECK(nb == 3 && br[0] == 1);   /* after "aaa" */
	CHECK(nb == 3 && br[1] == 5);   /* after "bb cc" */
	CHECK(nb == 3 && br[2] == n - 1);
	free(br);

	/* Justified: ten words of 10 with stretchable glue at measure 54
	 * fit five a line (50 + 4 spaces of 1 stretched). */
	static const double w2[] = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
	words(w2, 10, 1, 0.3);
	nb = lay_break(items, n, 54, 0, 0, &br);
	CHECK(nb == 2);
	CHECK(nb == 2 && br[0] == 9);
	free(br);

	/* Shrink: five words of 10 with four spaces of 2 (shrink 1) make
	 * 58, set on one line of 55 by shrinking. */
	static const double w3[] = {10, 10, 10, 10, 10};
	words(w3, 5, 1, 1);
	for (int i = 0; i < n; i++)
		if (items[i].kind == INL_GLUE && items[i].stretch < LAY_INF)
			items[i].w = 2;
	nb = lay_break(items, n, 55, 0, 0, &br);
	CHECK(nb == 1);
	free(br);

	/* Never overfull: a line can hold one box only when nothing
	 * stretches; every line's natural width stays within the measure. */
	static const double w4[] = {9, 9, 9, 9, 9, 9};
	words(w4, 6, 0, 0);
	nb = lay_break(items, n, 10, 0, 0, &br);
	CHECK(nb == 6);
	int ok = 1, start = 0;
	for (int i = 0; i < nb; i++) {
		double w = 0;
		for (int j = start; j < br[i]; j++)
			if (items[j].kind != INL_PENALTY)
				w += items[j].stretch >= LAY_INF ? 0 : items[j].w;
		if (w > 10 + 1e-9 && br[i] != n - 1)
			ok = 0;
		start = br[i] + 1;
		while (start < n && items[start].kind == INL_GLUE)
			start++;
	}
	CHECK(ok);
	free(br);

	/* A forced break inside the paragraph is honoured. */
	n = 0;
	box(5);
	glue(1, 1, 0);
	box(5);
	glue(0, LAY_INF * 100.0, 0);
	items[n++] = (lay_inl){.kind = INL_PENALTY, .penalty = -LAY_INF,
	                       .fn = -1, .fnid = -1};
	box(5);
	finish();
	nb = lay_break(items, n, 100, 0, 0, &br);
	CHECK(nb == 2);
	CHECK(nb == 2 && br[0] == 4);
	free(br);

	/* A hyphenation penalty is taken when it avoids a loose line, and
	 * a flagged break pays its hyphen width. */
	n = 0;
	box(20);
	glue(2, 1, 0.5);
	box(6);
	items[n++] = (lay_inl){.kind = INL_PENALTY, .penalty = 50, .flagged = 1,
	                       .w = 1, .fn = -1, .fnid = -1};
	box(14);
	glue(2, 1, 0.5);
	box(10);
	finish();
	nb = lay_break(items, n, 29, 0, 0, &br);
	CHECK(nb == 2);
	CHECK(nb == 2 && br[0] == 3);
	free(br);
	/* hyphenation everywhere attractive: never three hyphenated lines
	 * in a row */
	n = 0;
	for (int i = 0; i < 30; i++) {
		if (i)
			glue(2, 1, 0.6);
		box(7);
		items[n++] = (lay_inl){.kind = INL_PENALTY, .penalty = 50,
		                       .flagged = 1, .w = 1, .fn = -1, .fnid = -1};
		box(7);
	}
	finish();
	nb = lay_break(items, n, 24, 0, 0, &br);
	int run = 0, worst = 0, hyphens = 0;
	for (int i = 0; i < nb; i++) {
		int flagged = items[br[i]].kind == INL_PENALTY && items[br[i]].flagged;
		hyphens += flagged;
		run = flagged ? run + 1 : 0;
		if (run > worst)
			worst = run;
	}
	CHECK(hyphens >= 2);
	CHECK(worst <= 2);
	free(br);

	/* Font expansion: "A B" alone is very loose (7 short, the glue
	 * stretches 1.5), "A B C" too wide by 4 for the glue's shrink of 3;
	 * glyphs that may shrink by 2 % (1.96 here) make it fit, and the
	 * loose line is gone. */
	n = 0;
	tbox(45);
	glue(3, 0.75, 1.5);
	tbox(45);
	glue(3, 0.75, 1.5);
	tbox(8);
	glue(3, 0.75, 1.5);
	tbox(30);
	finish();
	nb = lay_break(items, n, 100, 0, 0, &br);
	CHECK(nb == 2 && br[0] == 3);   /* without: "A B" / "C D" */
	free(br);
	nb = lay_break(items, n, 100, 0, 0.02, &br);
	CHECK(nb == 2 && br[0] == 5);   /* with: "A B C" / "D" */
	free(br);
	/* only text expands: the same widths as boxes of no text (an
	 * indent) give the glue nothing more */
	for (int i = 0; i < n; i++)
		if (items[i].kind == INL_BOX)
			items[i].len = 0;
	nb = lay_break(items, n, 100, 0, 0.02, &br);
	CHECK(nb == 2 && br[0] == 3);
	free(br);
	/* 1 % is not enough: the limit holds (0.98 + 3 < 4) */
	for (int i = 0; i < n; i++)
		if (items[i].kind == INL_BOX)
			items[i].len = 1;
	nb = lay_break(items, n, 100, 0, 0.01, &br);
	CHECK(nb == 2 && br[0] == 3);
	free(br);
	/* and at 2 % a line needing more than glue and glyphs together
	 * can shrink stays unset: 104 - 98.9 = 5.1 > 3 + 1.96 */
	nb = lay_break(items, n, 98.9, 0, 0.02, &br);
	CHECK(nb == 2 && br[0] == 3);
	free(br);

	/* A break too loose for every active node is not weighed against
	 * each (too_loose): the same breaks as weighing all, over random
	 * paragraphs, measures, ragged stretch and glyph expansion. */
	unsigned seed = 13;
	int differ = 0, tried = 0;
	for (int t = 0; t < 3000; t++) {
		random_paragraph(&seed);
		double width = 60 + rand_r(&seed) % 340;
		double ragged = rand_r(&seed) % 4 == 0 ? 12 : 0;
		double expand = rand_r(&seed) % 3 == 0 ? 0.02 : 0;
		int *fast = NULL, *all = NULL;
		int nf = lay_break(items, n, width, ragged, expand, &fast);
		lay_break_exhaustive = 1;
		int na = lay_break(items, n, width, ragged, expand, &all);
		lay_break_exhaustive = 0;
		if (nf != na || memcmp(fast, all, (size_t)nf * sizeof *fast))
			differ++;
		tried++;
		free(fast);
		free(all);
	}
	CHECK(tried == 3000 && differ == 0);
	TEST_END();
}
