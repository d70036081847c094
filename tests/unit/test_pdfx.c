/* Unit tests of the embedded fonts (pdfx.c): the subset hb-subset makes
 * holds every glyph the codes used show, byte for byte (outline and
 * hinting instructions) where the glyph is simple, with the same
 * advance and extents; .notdef keeps its outline; the CIDToGIDMap leads
 * each code to its glyph; /W has the widths font.c measures; the names
 * carry a six-letter tag, the same for the same input. */
#include "font.h"
#include "pdfx.h"
#include "test.h"
#include "utf8.h"

#include <hb.h>
#include <hb-ot.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
	(void)data;
	printf("FAIL libharu error 0x%04X (detail %u)\n", (unsigned)err,
	       (unsigned)detail);
	exit(1);
}

/* Glyph GID's bytes in FACE's glyf table (*LEN of them), or NULL. */
static const unsigned char *glyph(hb_face_t *face, hb_blob_t **glyf,
                                  hb_blob_t **loca, unsigned gid,
                                  unsigned *len)
{
	hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hn;
	const unsigned char *h = (const unsigned char *)hb_blob_get_data(head, &hn);
	int longfmt = hn >= 52 && (h[50] << 8 | h[51]) == 1;
	hb_blob_destroy(head);
	if (!*glyf) {
		*glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
		*loca = hb_face_reference_table(face, HB_TAG('l', 'o', 'c', 'a'));
	}
	unsigned gn, ln;
	const unsigned char *g = (const unsigned char *)hb_blob_get_data(*glyf, &gn);
	const unsigned char *l = (const unsigned char *)hb_blob_get_data(*loca, &ln);
	unsigned a, b;
	if (longfmt) {
		if (4 * gid + 8 > ln)
			return NULL;
		const unsigned char *p = l + 4 * gid;
		a = (unsigned)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
		b = (unsigned)p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7];
	} else {
		if (2 * gid + 4 > ln)
			return NULL;
		const unsigned char *p = l + 2 * gid;
		a = 2u * (p[0] << 8 | p[1]);
		b = 2u * (p[2] << 8 | p[3]);
	}
	if (b < a || b > gn)
		return NULL;
	*len = b - a;
	return g + a;
}

static HPDF_Dict cid_font(HPDF_Font font)
{
	HPDF_Array a = HPDF_Dict_GetItem(font, "DescendantFonts",
	                                 HPDF_OCLASS_ARRAY);
	return a ? HPDF_Array_GetItem(a, 0, HPDF_OCLASS_DICT) : NULL;
}

/* Checks face F of FS subset to the characters of TEXT. */
static void check_subset(font_set *fs, int f, const char *text)
{
	font_face *ff = &fs->faces[f];
	hb_font_t *hb = ff->font;
	hb_face_t *face = ff->face;
	unsigned char *used = calloc(0x10000 / 8, 1);
	for (const char *p = text, *end = text + strlen(text); p < end;) {
		uint32_t cp = utf8_next(&p, end);
		used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	}
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_Dict tounicode = NULL;
	HPDF_Font font = pdfx_font_new(pdf, hb, &tounicode);
	CHECK(font != NULL);
	CHECK(tounicode != NULL);
	pdfx_font_streams fst;
	CHECK(pdfx_font_subset(hb, used, &fst) == 0);
	CHECK(pdfx_font_finish(font, hb, used, 3, &fst) == 0);
	unsigned char *file = fst.data[PDFX_FONT_FILE];
	size_t len = fst.len[PDFX_FONT_FILE];
	CHECK(file != NULL && len > 1000);
	if (!file) {
		HPDF_Free(pdf);
		free(used);
		return;
	}
	/* the names: a tag, "+", the PostScript name; the same again */
	const char *name = pdfx_font_basename(font);
	CHECK(strlen(name) > 8 && name[6] == '+');
	int caps = 1;
	for (int k = 0; k < 6; k++)
		caps &= name[k] >= 'A' && name[k] <= 'Z';
	CHECK(caps);
	HPDF_Dict cid = cid_font(font);
	HPDF_Array w = cid ? HPDF_Dict_GetItem(cid, "W", HPDF_OCLASS_ARRAY)
	                   : NULL;
	/* the CIDToGIDMap and the CIDSet, for the caller to compress */
	const unsigned char *m = fst.data[PDFX_FONT_MAP];
	size_t mlen = fst.len[PDFX_FONT_MAP];
	const unsigned char *set = fst.data[PDFX_FONT_SET];
	size_t setlen = fst.len[PDFX_FONT_SET];
	CHECK(m != NULL && mlen >= 2);
	CHECK(set != NULL && setlen == mlen / 2 / 8 + 1 && set[0] & 0x80);
	CHECK(w != NULL);

	hb_blob_t *blob = hb_blob_create((const char *)file, (unsigned)len,
	                                 HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *sub = hb_face_create(blob, 0);
	hb_font_t *subf = hb_font_create(sub);
	CHECK(hb_face_get_upem(sub) == hb_face_get_upem(face));
	/* hinting kept */
	hb_tag_t hint[] = {HB_TAG('f', 'p', 'g', 'm'), HB_TAG('p', 'r', 'e', 'p'),
	                   HB_TAG('c', 'v', 't', ' ')};
	for (size_t k = 0; k < 3; k++) {
		hb_blob_t *a = hb_face_reference_table(face, hint[k]);
		hb_blob_t *b = hb_face_reference_table(sub, hint[k]);
		unsigned an, bn;
		const char *ap = hb_blob_get_data(a, &an);
		const char *bp = hb_blob_get_data(b, &bn);
		CHECK(an == bn && (!an || memcmp(ap, bp, an) == 0));
		hb_blob_destroy(a);
		hb_blob_destroy(b);
	}
	hb_blob_t *og = NULL, *ol = NULL, *sg = NULL, *sl = NULL;
	/* .notdef keeps its outline */
	unsigned on = 0, sn = 0;
	const unsigned char *o = glyph(face, &og, &ol, 0, &on);
	const unsigned char *s = glyph(sub, &sg, &sl, 0, &sn);
	CHECK(o && s && on > 0 && sn > 0 && sn <= on && memcmp(o, s, sn) == 0);

	int missing = 0, differ = 0, wrong_map = 0, wrong_w = 0, n = 0;
	/* the codes used, in order, each with its /W entry */
	size_t wi = 0, ri = 0;
	HPDF_Array run = NULL;
	int next = -1;
	for (unsigned cp = 0; cp < 0x10000; cp++) {
		if (!(used[cp >> 3] >> (cp & 7) & 1))
			continue;
		n++;
		/* /W: "first [w w ...]" runs */
		if ((int)cp != next || !run || ri >= run->list->count) {
			HPDF_Number first = HPDF_Array_GetItem(w, (HPDF_UINT)wi++,
			                                       HPDF_OCLASS_NUMBER);
			run = HPDF_Array_GetItem(w, (HPDF_UINT)wi++, HPDF_OCLASS_ARRAY);
			ri = 0;
			if (!first || (unsigned)first->value != cp)
				wrong_w++;
		}
		HPDF_Number wn = run ? HPDF_Array_GetItem(run, (HPDF_UINT)ri++,
		                                          HPDF_OCLASS_NUMBER) : NULL;
		next = (int)cp + 1;
		/* what layout measured; a code the font lacks shows .notdef,
		 * and /W has its width, as libharu's had */
		int adv = font_advance(fs, f, cp);
		if (adv < 0)
			adv = (int)((unsigned)hb_font_get_glyph_h_advance(hb, 0) *
			            1000u / ff->upem);
		if (!wn || wn->value != adv)
			wrong_w++;
		hb_codepoint_t g;
		if (!hb_font_get_nominal_glyph(hb, cp, &g)) {
			missing++;
			continue;
		}
		unsigned ng = 2 * cp + 1 < mlen ? (unsigned)m[2 * cp] << 8 |
		                                  m[2 * cp + 1] : 0;
		hb_codepoint_t sgid;
		if (!ng || !hb_font_get_nominal_glyph(subf, cp, &sgid) ||
		    sgid != ng || cp / 8 >= setlen ||
		    !(set[cp / 8] & 0x80u >> cp % 8))
			wrong_map++;
		if (hb_font_get_glyph_h_advance(hb, g) !=
		    hb_font_get_glyph_h_advance(subf, ng))
			differ++;
		hb_glyph_extents_t e1, e2;
		int x1 = hb_font_get_glyph_extents(hb, g, &e1);
		int x2 = hb_font_get_glyph_extents(subf, ng, &e2);
		if (x1 != x2 || (x1 && memcmp(&e1, &e2, sizeof e1) != 0))
			differ++;
		/* a simple glyph's bytes (outline, instructions) kept, at
		 * most its padding trimmed */
		o = glyph(face, &og, &ol, g, &on);
		s = glyph(sub, &sg, &sl, ng, &sn);
		if (!o || !s || (on > 0 && sn == 0) || sn > on) {
			differ++;
			continue;
		}
		int composite = on >= 2 && o[0] == 0xFF && o[1] == 0xFF;
		if (!composite && memcmp(o, s, sn) != 0)
			differ++;
		for (unsigned k = sn; !composite && k < on; k++)
			if (o[k])
				differ++;
	}
	printf("  %s: %d codes, %d the font lacks\n", name, n, missing);
	CHECK(n > 0);
	CHECK(wrong_map == 0);
	CHECK(differ == 0);
	CHECK(wrong_w == 0);
	CHECK(wi == w->list->count);
	/* the subset has the glyphs used (and their components), no more
	 * than a few beyond them */
	CHECK(hb_face_get_glyph_count(sub) <= (unsigned)n + 1 + 16);
	hb_blob_destroy(og);
	hb_blob_destroy(ol);
	hb_blob_destroy(sg);
	hb_blob_destroy(sl);

	/* the same input, the same tag; another serial, another tag */
	char first[64];
	snprintf(first, sizeof first, "%s", name);
	HPDF_Font again = pdfx_font_new(pdf, hb, &tounicode);
	pdfx_font_streams fst2;
	CHECK(pdfx_font_subset(hb, used, &fst2) == 0);
	CHECK(pdfx_font_finish(again, hb, used, 3, &fst2) == 0);
	CHECK_STR(pdfx_font_basename(again), first);
	for (int k = 0; k < PDFX_FONT_NSTREAMS; k++)
		CHECK(fst2.data[k] && fst2.len[k] == fst.len[k] &&
		      memcmp(fst.data[k], fst2.data[k], fst.len[k]) == 0);
	pdfx_font_streams_free(&fst2);
	HPDF_Font other = pdfx_font_new(pdf, hb, &tounicode);
	CHECK(pdfx_font_subset(hb, used, &fst2) == 0);
	CHECK(pdfx_font_finish(other, hb, used, 4, &fst2) == 0);
	pdfx_font_streams_free(&fst2);
	CHECK(strcmp(pdfx_font_basename(other), first) != 0);
	CHECK(strcmp(pdfx_font_basename(other) + 6, first + 6) == 0);

	hb_font_destroy(subf);
	hb_face_destroy(sub);
	hb_blob_destroy(blob);
	pdfx_font_streams_free(&fst);
	HPDF_Free(pdf);
	free(used);
}

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
	/* Latin, Cyrillic, punctuation, ligature and composite letters
	 * (accented: made of components), a character PT Serif lacks */
	check_subset(&fs, fs.chain[FONT_SERIF][0],
	             "Hello, Norway! fi ffl \xc3\xa9\xc3\xa8\xc3\xb6\xc3\xa7 "
	             "\xc3\x85\xc3\xb8 \xd0\x96\xd0\xb8\xd0\xb2\xd0\xbe\xd1\x82 "
	             "\xd0\x99 \xd1\x97 \xe2\x80\x9e\xe2\x80\x9c \xe2\x80\x94 "
	             "\xe2\x82\xac \xe2\x84\x96 \xe2\x80\xb0 \xd1\x9d");
	check_subset(&fs, fs.chain[FONT_SANS_BOLD][0],
	             "ABC xyz 0123456789 \xd0\xae\xd0\xbd\xd0\xb8\xd0\xba\xd0\xbe\xd0\xb4");
	/* the fallback: ѝ from DejaVu Serif */
	int dv = font_pick(&fs, FONT_SERIF, 0x045D);
	CHECK(dv >= 0);
	if (dv >= 0)
		check_subset(&fs, dv, "\xd1\x9d \xe2\x86\x92");
	font_set_free(&fs);
	arena_free(&a);
	TEST_END();
}
