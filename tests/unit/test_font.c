/* Unit tests of fonts (font.c): chains with fallback, coverage and
 * widths in the units libharu writes. */
#include "font.h"
#include "test.h"
#include "utf8.h"

#include <stdio.h>
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
	/* a fallback is made ready when a character first asks for it */
	int dv = fs.chain[FONT_SERIF][1];
	CHECK(fs.faces[serif].font != NULL && fs.faces[dv].font == NULL);
	/* PT Serif has Cyrillic but not U+045D; DejaVu Serif fills it */
	CHECK(font_pick(&fs, FONT_SERIF, 0x0436) == serif);
	CHECK(fs.faces[dv].font == NULL);
	int f = font_pick(&fs, FONT_SERIF, 0x045D);
	CHECK(f == dv && fs.faces[dv].font != NULL);
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
	/* kerning by pairs equals shaping each run whole, for every word
	 * of the report (English and Bulgarian, markup included) in the
	 * PT faces, which qualify; a combining accent is shaped whole */
	style_font roles[] = {FONT_SERIF, FONT_SERIF_ITALIC, FONT_SERIF_BOLD,
	                      FONT_SANS, FONT_SANS_BOLD};
	for (size_t r = 0; r < sizeof roles / sizeof *roles; r++)
		CHECK(fs.faces[fs.chain[roles[r]][0]].pairs == 1);
	FILE *fp = fopen(FOLIO_DATADIR "/report/report.xml", "rb");
	CHECK(fp != NULL);
	static char text[1 << 20];
	size_t tn = fp ? fread(text, 1, sizeof text - 1, fp) : 0;
	if (fp)
		fclose(fp);
	CHECK(tn > 100000);
	const char *extra = " AVATAR Ѐе́лка «Yes»,— T.V. “Wo’” ";
	memcpy(text + tn, extra, strlen(extra));
	tn += strlen(extra);
	size_t words = 0, kerned = 0, differ = 0;
	for (size_t i = 0; i < tn;) {
		while (i < tn && (text[i] == ' ' || text[i] == '\n'))
			i++;
		size_t j = i;
		while (j < tn && text[j] != ' ' && text[j] != '\n')
			j++;
		if (j - i >= 2 && j - i <= 64) {
			for (size_t r = 0; r < sizeof roles / sizeof *roles; r++) {
				font_face *fc = &fs.faces[fs.chain[roles[r]][0]];
				int face = (int)(fc - fs.faces);
				font_kern kp[64], kw[64];
				size_t np = font_kerns(&fs, face, text + i, j - i, kp, 64);
				fc->pairs = 0;
				size_t nw = font_kerns(&fs, face, text + i, j - i, kw, 64);
				fc->pairs = 1;
				int same = np == nw;
				for (size_t q = 0; same && q < np; q++)
					same = kp[q].at == kw[q].at && kp[q].adj == kw[q].adj;
				differ += !same;
				kerned += np > 0;
			}
			words++;
		}
		i = j;
	}
	CHECK(words > 10000);
	CHECK(kerned > 1000);
	CHECK(differ == 0);

	/* the kerning read from GPOS equals shaping the pair, for every
	 * pair of the report's characters (and a few more) in every face
	 * that reads it; nearly all pairs are read, not shaped */
	{
		static uint32_t cps[1024];
		size_t ncp = 0;
		static unsigned char have[0x10000 / 8];
		const char *p = text, *end = text + tn;
		while (p < end && ncp < 1024) {
			uint32_t cp = utf8_next(&p, end);
			if (cp < 0x20 || cp > 0xFFFF || have[cp >> 3] >> (cp & 7) & 1)
				continue;
			have[cp >> 3] |= (unsigned char)(1u << (cp & 7));
			cps[ncp++] = cp;
		}
		CHECK(ncp > 100);
		font_set shaped; /* the same faces, every pair shaped */
		CHECK(font_set_open(&shaped, s, &d) == 0);
		for (int i = 0; i < fs.nfaces; i++) {
			font_face_ready(&fs, i);
			font_face_ready(&shaped, i);
		}
		void *gks[FONT_NROLES * STYLE_MAX_FALLBACKS];
		for (int i = 0; i < shaped.nfaces; i++) {
			gks[i] = shaped.faces[i].gk;
			shaped.faces[i].gk = NULL;
		}
		size_t faces = 0, pairs = 0, read = 0, wrong = 0;
		for (int fi = 0; fi < fs.nfaces; fi++) {
			if (!fs.faces[fi].gk)
				continue;
			faces++;
			for (size_t i = 0; i < ncp; i++)
				for (size_t j2 = 0; j2 < ncp; j2++) {
					int v = font_gpos_kern(&fs, fi, cps[i], cps[j2]);
					pairs++;
					if (v == FONT_PAIR_SHAPED)
						continue;
					read++;
					char two[8];
					int na = utf8_put(two, cps[i]);
					int nb = utf8_put(two + na, cps[j2]);
					font_kern kk[2];
					size_t nkk = font_kerns(&shaped, fi, two,
					                        (size_t)(na + nb), kk, 2);
					int want = nkk ? kk[0].adj : 0;
					if (v != want && wrong++ < 5)
						printf("  gpos %d, shaped %d: U+%04X U+%04X in %s\n",
						       v, want, (unsigned)cps[i],
						       (unsigned)cps[j2], fs.faces[fi].path);
				}
		}
		printf("  GPOS kerning: %zu faces, %zu pairs, %zu read, %zu "
		       "differ\n", faces, pairs, read, wrong);
		CHECK(faces >= 5);
		CHECK(read > pairs * 8 / 10);
		CHECK(wrong == 0);
		for (int i = 0; i < shaped.nfaces; i++)
			shaped.faces[i].gk = gks[i];
		font_set_free(&shaped);
	}
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
