/* Unit tests of fonts (font.c): chains with fallback, coverage and
 * widths in the units libharu writes. */
#include "font.h"
#include "test.h"

#include <string.h>

int main(void)
{
	arena a;
	arena_init(&a);
	diag d;
	diag_init(&d, stderr);
	style *s = style_load(&a, "plain", FOLIO_DATADIR, &d);
	CHECK(s != NULL);
	if (!s)
		TEST_END();
	font_set fs;
	CHECK(font_set_open(&fs, s, &d) == 0);
	int serif = fs.chain[FONT_SERIF][0];
	CHECK(strstr(fs.faces[serif].path, "PTF55F") != NULL);
	CHECK(fs.faces[serif].upem > 0);
	/* PT Serif has Cyrillic but not U+045D; DejaVu Serif fills it */
	CHECK(font_pick(&fs, FONT_SERIF, 0x0436) == serif);
	int f = font_pick(&fs, FONT_SERIF, 0x045D);
	CHECK(f >= 0 && f != serif);
	CHECK(f >= 0 && strstr(fs.faces[f].path, "DejaVuSerif") != NULL);
	CHECK(font_pick(&fs, FONT_SERIF, 0xE000) == -1);
	/* width of a word is the sum of its letters */
	double w = font_width(&fs, serif, "Norway", 6);
	double sum = 0;
	const char *letters = "Norway";
	for (int i = 0; i < 6; i++)
		sum += font_width(&fs, serif, letters + i, 1);
	CHECK(w > 2000 && w < 4000);
	CHECK(w == sum);
	/* kerning from the font: "AV" closes up, "no" has no pair */
	font_kern k[8];
	size_t nk = font_kerns(&fs, serif, "AVATAR", 6, k, 8);
	CHECK(nk >= 2);
	CHECK(nk >= 1 && k[0].at == 1 && k[0].adj < 0);
	CHECK(font_kerns(&fs, serif, "no", 2, k, 8) == 0);
	CHECK(font_kerns(&fs, serif, "x", 1, k, 8) == 0);
	/* shared faces are opened once */
	int chained = 0;
	for (int r = 0; r < FONT_NROLES; r++)
		chained += fs.nchain[r];
	CHECK(fs.nfaces == 20);
	CHECK(fs.nfaces < chained);
	CHECK(fs.chain[FONT_SERIF][1] == fs.chain[FONT_SERIF_ITALIC][2]);
	font_set_free(&fs);
	arena_free(&a);
	TEST_END();
}
