/* font — the fonts of one build, opened with HarfBuzz.
 *
 * Owns: the font_set and every face in it (font_set_free). A style names
 * each role (serif, sans-bold, mono, ...) as a chain of TrueType files;
 * the first file that has a character sets it, so a letter the main font
 * lacks (PT Serif has no U+045D) comes from a fallback instead of being
 * lost. Widths are in thousandths of an em, truncated exactly as libharu
 * writes them into the PDF's /W array, so what layout measures is what
 * the PDF shows. Knows nothing of PDF or layout. */
#ifndef FOLIO_FONT_H
#define FOLIO_FONT_H
#include "diag.h"
#include "style.h"
#include <stddef.h>
#include <stdint.h>

typedef struct font_face {
	const char *path;
	void *blob, *face, *font;   /* HarfBuzz objects */
	unsigned upem;
	double ascender, descender; /* in ems; descender negative */
	double cap_height;
	int16_t *adv;               /* BMP advance cache: advance + 2
	                             * (1: no glyph), 0: not yet */
	int pairs;                  /* kerning is by pairs (font_kerns) */
	void *gk;                   /* pairs' kerning read from the GPOS
	                             * table (font.c), or NULL: shaped */
} font_face;

struct font_kern_cache;

typedef struct font_set {
	font_face faces[FONT_NROLES * STYLE_MAX_FALLBACKS];
	void *buf;                  /* HarfBuzz buffer, reused */
	struct font_kern_cache *kc; /* kerning of runs already shaped */
	int nfaces;
	int chain[FONT_NROLES][STYLE_MAX_FALLBACKS];
	int nchain[FONT_NROLES];
} font_set;

/* Opens every font of style S, sharing faces named twice. Returns 0, or
 * -1 after reporting (a missing or non-TrueType file) through D. The
 * first face of each role is made ready at once; a fallback, whose file
 * is checked here too, when font_pick first asks it for a character. */
int font_set_open(font_set *fs, const style *s, diag *d);
void font_set_free(font_set *fs);
/* Makes face F ready (its font, metrics and caches) if it is not: a face
 * of FS is read only through an index font_pick gave, or after this. */
void font_face_ready(font_set *fs, int f);

/* Returns the face of ROLE that has code point CP, or -1 if none does.
 * Inline when the role's first face is known to have it. */
int font_pick_any(font_set *fs, style_font role, uint32_t cp);
static inline int font_pick(font_set *fs, style_font role, uint32_t cp)
{
	int f = fs->chain[role][0]; /* every role has a face (font_set_open) */
	if (cp < 65536 && fs->faces[f].adv[cp] >= 2) /* advance + 2 */
		return f;
	return font_pick_any(fs, role, cp);
}
/* Whether face F maps CP to a glyph. */
int font_has(font_set *fs, int f, uint32_t cp);
/* Advance of CP in face F in 1/1000 em, truncated as libharu's /W has
 * it, or -1 when F has no glyph for CP. Inline for the characters met
 * before (the layout and the PDF writer ask for every character). */
int font_advance_new(font_set *fs, int f, uint32_t cp);
static inline int font_advance(font_set *fs, int f, uint32_t cp)
{
	const int16_t *adv = fs->faces[f].adv;
	if (cp < 65536 && adv[cp])
		return adv[cp] - 2;
	return font_advance_new(fs, f, cp);
}
/* Width of the UTF-8 text S[0..len) in face F, in 1/1000 em, without
 * kerning: what the PDF's /W array gives the run (the sum of the
 * advances, a missing glyph counting 0). */
double font_width(font_set *fs, int f, const char *s, size_t len);

/* A kerning adjustment: after the character that ends before byte AT,
 * move by ADJ thousandths of an em (negative: closer). */
typedef struct font_kern {
	size_t at;
	int adj;
} font_kern;
/* Shapes S[0..len) in face F with HarfBuzz (kerning on, ligatures off:
 * libharu cannot show them) and stores up to MAX adjustments in OUT.
 * Returns their count. Where the face's pairs suffice (font_face.pairs)
 * and the run is Latin, Greek, Cyrillic or punctuation, the result is
 * summed from pairs of characters, each found once per document (the
 * same result, far fewer calls): read from the face's GPOS table where
 * font.c can vouch for it, else shaped; other runs are shaped once,
 * cached by face and text. */
size_t font_kerns(font_set *fs, int f, const char *s, size_t len,
                  font_kern *out, size_t max);
/* The kerning of characters A, B in face F (1/1000 em) as read from its
 * GPOS table, or FONT_PAIR_SHAPED when that pair is shaped instead: for
 * the tests. */
#define FONT_PAIR_SHAPED INT32_MIN
int font_gpos_kern(const font_set *fs, int f, uint32_t a, uint32_t b);

#endif
