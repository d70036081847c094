/* font — see font.h. */
#include "font.h"
#include "utf8.h"
#include "arena.h"

#include <hb-ot.h>
#include <hb.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void *gk_new(hb_face_t *face);
static void gk_free(void *gk);

/* Whether the chained context substitution subtable at D[so..] sees at
 * most two glyphs (back, input and look-ahead together), so that its
 * effect shows when the pair alone is shaped. Only format 3 (coverage
 * per position) is read; other formats count as long. */
static int short_context(const unsigned char *d, size_t n, size_t so)
{
	if (so + 4 > n || be16(d + so) != 3)
		return 0;
	size_t back = be16(d + so + 2), at = so + 4 + 2 * back;
	if (at + 2 > n)
		return 0;
	size_t in = be16(d + at);
	at += 2 + 2 * in;
	if (at + 2 > n)
		return 0;
	return back + in + be16(d + at) <= 2;
}

/* Type of lookup LI of the layout table D[0..n) (GSUB or GPOS), seen
 * through extension subtables (type EXT) to the type they wrap; -1 when
 * the table is malformed, or (GPOS, EXT 9) for a pair adjustment that
 * may move the pair's second glyph: GPOS then skips that glyph as the
 * first of the next pair, which pairs taken one by one cannot know. */
static int lookup_type(const unsigned char *d, size_t n, unsigned li,
                       unsigned ext)
{
	if (n < 10)
		return -1;
	size_t ll = be16(d + 8);
	if (ll + 2 > n || li >= be16(d + ll) || ll + 4 + 2 * (size_t)li > n)
		return -1;
	size_t lo = ll + be16(d + ll + 2 + 2 * li);
	if (lo + 6 > n)
		return -1;
	unsigned type = be16(d + lo), nsub = be16(d + lo + 4);
	if (lo + 6 + 2 * (size_t)nsub > n)
		return -1;
	int wraps = -1;
	for (unsigned k = 0; k < nsub; k++) {
		size_t so = lo + be16(d + lo + 6 + 2 * k);
		unsigned t = type;
		if (type == ext) {
			if (so + 8 > n)
				return -1;
			t = be16(d + so + 2);
			so += (size_t)be16(d + so + 4) << 16 | be16(d + so + 6);
			if (wraps >= 0 && (unsigned)wraps != t)
				return -1;
			wraps = (int)t;
		}
		if (ext == 9 && t == 2 && (so + 8 > n || be16(d + so + 6) != 0))
			return -1;
		if (ext == 7 && t == 6 && !short_context(d, n, so))
			return -1;
	}
	return type == ext ? wraps : (int)type;
}

/* Whether every lookup of the features TAGS[0..ntags) of layout table
 * TABLE has a type in the bit set OK (EXT: the extension type). */
static int features_ok(hb_face_t *face, hb_tag_t table, const char *tags,
                       int ntags, unsigned ok, unsigned ext)
{
	hb_blob_t *b = hb_face_reference_table(face, table);
	unsigned n;
	const unsigned char *d =
		(const unsigned char *)hb_blob_get_data(b, &n);
	int good = 1;
	if (n >= 10) {
		size_t fl = be16(d + 6);
		unsigned nf = fl + 2 <= n ? be16(d + fl) : 0;
		for (unsigned i = 0; good && i < nf; i++) {
			size_t r = fl + 2 + 6 * (size_t)i;
			if (r + 6 > n) {
				good = 0;
				break;
			}
			int want = 0;
			for (int t = 0; t < ntags; t++)
				want |= memcmp(d + r, tags + 4 * t, 4) == 0;
			if (!want)
				continue;
			size_t fo = fl + be16(d + r + 4);
			unsigned nl = fo + 4 <= n ? be16(d + fo + 2) : 0;
			if (fo + 4 + 2 * (size_t)nl > n)
				good = 0;
			for (unsigned k = 0; good && k < nl; k++) {
				int type = lookup_type(d, n, be16(d + fo + 4 + 2 * k), ext);
				good = type > 0 && (ok >> type & 1);
			}
		}
	}
	hb_blob_destroy(b);
	return good;
}

/* Whether FACE kerns text by pairs of glyphs alone, so that a run's
 * kerning is the sum of its pairs' (see font_kerns): the positioning
 * features HarfBuzz applies to Latin and Cyrillic use pair adjustment
 * of the first glyph only (GPOS lookup type 2, no second value), and
 * the substitutions left on (ccmp, locl, rlig, rclt) take one glyph
 * (GSUB types 1 to 3) or a context of at most two (type 6, format 3),
 * which pair_kern sees. */
static int pairs_suffice(hb_face_t *face)
{
	return features_ok(face, HB_TAG('G', 'P', 'O', 'S'), "kerndistcurs", 3,
	                   1u << 2, 9) &&
	       features_ok(face, HB_TAG('G', 'S', 'U', 'B'), "ccmplocllrigrclt", 4,
	                   1u << 1 | 1u << 2 | 1u << 3 | 1u << 6, 7);
}

/* Opens PATH's face into F: its file and table directory, enough to
 * know it a TrueType font; face_finish makes the rest. */
static int open_face(font_face *f, const char *path, diag *d)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob) {
		diag_error(d, path, 0, 0, "cannot read font file");
		return -1;
	}
	hb_face_t *face = hb_face_create(blob, 0);
	hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	hb_blob_t *cmap = hb_face_reference_table(face, HB_TAG('c', 'm', 'a', 'p'));
	int ttf = hb_blob_get_length(glyf) > 0 && hb_blob_get_length(cmap) > 0;
	hb_blob_destroy(glyf);
	hb_blob_destroy(cmap);
	if (!ttf) {
		diag_error(d, path, 0, 0, "not a TrueType (glyf) font: libharu "
		           "2.3.0 embeds TrueType outlines only");
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		return -1;
	}
	f->path = path;
	f->blob = blob;
	f->face = face;
	return 0;
}

/* Makes opened face F ready to measure and kern: its HarfBuzz font,
 * metrics, kerning reader and advance cache. */
static void face_finish(font_face *f)
{
	hb_face_t *face = f->face;
	hb_font_t *font = hb_font_create(face);
	f->pairs = pairs_suffice(face);
	f->gk = f->pairs ? gk_new(face) : NULL;
	f->upem = hb_face_get_upem(face);
	hb_font_set_scale(font, (int)f->upem, (int)f->upem);
	hb_font_extents_t ext;
	hb_font_get_h_extents(font, &ext);
	f->ascender = (double)ext.ascender / f->upem;
	f->descender = (double)ext.descender / f->upem;
	hb_position_t cap = 0;
	if (hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap))
		f->cap_height = (double)cap / f->upem;
	else
		f->cap_height = 0.7;
	/* zeroed, not filled: pages of it never asked for are never
	 * touched (a style names 20 faces, a document uses a few blocks) */
	f->adv = xcalloc(65536, sizeof *f->adv);
	f->font = font;
}

void font_face_ready(font_set *fs, int f)
{
	if (!fs->faces[f].font)
		face_finish(&fs->faces[f]);
}

int font_set_open(font_set *fs, const style *s, diag *d)
{
	memset(fs, 0, sizeof *fs);
	int rc = 0;
	for (int r = 0; r < FONT_NROLES; r++) {
		for (int i = 0; i < s->fonts[r].n; i++) {
			const char *path = s->fonts[r].file[i];
			int found = -1;
			for (int j = 0; j < fs->nfaces; j++)
				if (strcmp(fs->faces[j].path, path) == 0)
					found = j;
			if (found < 0) {
				if (open_face(&fs->faces[fs->nfaces], path, d)) {
					rc = -1;
					continue;
				}
				found = fs->nfaces++;
			}
			fs->chain[r][fs->nchain[r]++] = found;
		}
		if (fs->nchain[r] == 0)
			rc = -1;
	}
	/* the first face of each role now; a fallback when a character
	 * first asks for it (font_has): a document needs few of them
	 * (plain names 10, the 50-page book uses one) */
	for (int r = 0; !rc && r < FONT_NROLES; r++)
		font_face_ready(fs, fs->chain[r][0]);
	if (rc)
		font_set_free(fs);
	return rc;
}

#define KC_PLANS 4

/* The kerning cache: open addressing on (face, text), the texts and
 * adjustments kept in two growing pools. */
typedef struct kc_entry {
	uint64_t hash;
	size_t text, len;           /* in the text pool */
	size_t kerns;               /* in the kern pool */
	unsigned short nkerns;
	short face;                 /* -1: empty */
} kc_entry;

struct font_kern_cache {
	kc_entry *slots;
	size_t cap, used;
	sbuf text;
	font_kern *kerns;
	size_t nk, kcap;
	/* kerning by pairs of characters: key (see pair_key), adjustment */
	uint64_t *pkeys;           /* 0: empty */
	int *pvals;                /* PAIR_COMPLEX: shape the whole run */
	size_t pcap, pused;
	/* HarfBuzz's shape plans, a few per face (by script and language:
	 * the segment properties shape() guesses), held so that a run's
	 * shaping need not look its plan up in the face's list */
	struct kc_plan {
		hb_segment_properties_t props;
		hb_shape_plan_t *plan;
	} plans[FONT_NROLES * STYLE_MAX_FALLBACKS][KC_PLANS];
};

#define PAIR_COMPLEX FONT_PAIR_SHAPED

static uint64_t kc_hash(int f, const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)f;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void kc_free(struct font_kern_cache *kc)
{
	if (!kc)
		return;
	free(kc->slots);
	sbuf_free(&kc->text);
	free(kc->kerns);
	free(kc->pkeys);
	free(kc->pvals);
	for (size_t f = 0; f < sizeof kc->plans / sizeof kc->plans[0]; f++)
		for (int k = 0; k < KC_PLANS; k++)
			hb_shape_plan_destroy(kc->plans[f][k].plan);
	free(kc);
}

static void kc_grow(struct font_kern_cache *kc)
{
	size_t cap = kc->cap ? kc->cap * 2 : 4096;
	kc_entry *slots = xmalloc(cap * sizeof *slots);
	for (size_t i = 0; i < cap; i++)
		slots[i].face = -1;
	for (size_t i = 0; i < kc->cap; i++) {
		kc_entry *e = &kc->slots[i];
		if (e->face < 0)
			continue;
		size_t j = e->hash & (cap - 1);
		while (slots[j].face >= 0)
			j = (j + 1) & (cap - 1);
		slots[j] = *e;
	}
	free(kc->slots);
	kc->slots = slots;
	kc->cap = cap;
}

void font_set_free(font_set *fs)
{
	kc_free(fs->kc);
	fs->kc = NULL;
	if (fs->buf)
		hb_buffer_destroy(fs->buf);
	fs->buf = NULL;
	for (int i = 0; i < fs->nfaces; i++) {
		font_face *f = &fs->faces[i];
		gk_free(f->gk);
		hb_font_destroy(f->font);
		hb_face_destroy(f->face);
		hb_blob_destroy(f->blob);
		free(f->adv);
	}
	fs->nfaces = 0;
}

/* Advance of CP in 1/1000 em as libharu computes it, or -1 if the face
 * has no glyph for it. */
static int advance(font_face *f, uint32_t cp)
{
	if (cp < 65536 && f->adv[cp])
		return f->adv[cp] - 2;
	hb_codepoint_t gid;
	int w = -1;
	if (hb_font_get_nominal_glyph(f->font, cp, &gid)) {
		hb_position_t a = hb_font_get_glyph_h_advance(f->font, gid);
		w = (int)((unsigned)a * 1000u / f->upem);
	}
	if (w > INT16_MAX - 2)
		w = INT16_MAX - 2; /* a glyph 32 em wide: what the table holds */
	if (cp < 65536)
		f->adv[cp] = (int16_t)(w + 2);
	return w;
}

int font_advance_new(font_set *fs, int f, uint32_t cp)
{
	return advance(&fs->faces[f], cp);
}

int font_has(font_set *fs, int f, uint32_t cp)
{
	font_face_ready(fs, f);
	return advance(&fs->faces[f], cp) >= 0;
}

int font_pick_any(font_set *fs, style_font role, uint32_t cp)
{
	for (int i = 0; i < fs->nchain[role]; i++)
		if (font_has(fs, fs->chain[role][i], cp))
			return fs->chain[role][i];
	return -1;
}

double font_width(font_set *fs, int f, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	long w = 0;
	while (p < end) {
		int a = advance(&fs->faces[f], utf8_next(&p, end));
		w += a > 0 ? a : 0;
	}
	return (double)w;
}

static size_t shape_kerns(font_set *fs, int f, const char *s, size_t len,
                          font_kern *out, size_t max);

/* Kerning on; ligatures off (libharu cannot show them). */
static const hb_feature_t shape_features[] = {
	{HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1},
	{HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
	{HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
	{HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1},
	{HB_TAG('d', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
};
#define SHAPE_NFEATURES (sizeof shape_features / sizeof *shape_features)

/* ---- pair kerning read from the GPOS table ----
 *
 * Shaping a pair of characters with HarfBuzz to learn its kerning cost
 * about 6,000 instructions, a seventh of the first layout pass of a short
 * book. For a face whose kerning is by pairs alone (pairs_suffice), the
 * kerning of two glyphs is what the pair adjustment lookups (GPOS type
 * 2) that HarfBuzz's plan applies give the first of them, and it is
 * read from the table here, as TeX reads a kern program: in each
 * lookup, the first subtable that covers the pair (format 1: the second
 * glyph listed in the first's pair set; format 2: both glyphs' classes
 * in range and the second's not 0, as HarfBuzz 6 has it), its first
 * value's x advance, summed over the lookups. Pairs it cannot vouch for
 * are shaped as before (gk_pair returns -1): a glyph a substitution of
 * the plan (GSUB) or another positioning lookup may touch, a mark, a
 * glyph the font lacks, a value that moves rather than advances, a
 * lookup flag other than right-to-left and ignore-marks, a script
 * other than Latin, Cyrillic or none. The plans are HarfBuzz's own, for
 * the segment properties shape() guesses, so the lookups are those
 * hb_shape applies; a test compares every pair of the report's
 * characters in every face with shaping. */
enum { GK_LATIN, GK_CYRILLIC, GK_NONE, GK_NSCRIPTS };

typedef struct gk_script {
	uint32_t *subs;          /* PairPos subtables' offsets, a lookup's
	                          * after another's, 0 between lookups */
	size_t nsubs, cap;
	hb_set_t *touched;       /* glyphs other lookups may change */
	int ok;
} gk_script;

typedef struct gpos_kern {
	hb_blob_t *blob;         /* GPOS */
	const unsigned char *d;
	unsigned n;
	hb_face_t *face;
	gk_script s[GK_NSCRIPTS];
} gpos_kern;

static void gk_free(void *p)
{
	gpos_kern *g = p;
	if (!g)
		return;
	for (int i = 0; i < GK_NSCRIPTS; i++) {
		free(g->s[i].subs);
		hb_set_destroy(g->s[i].touched);
	}
	hb_blob_destroy(g->blob);
	free(g);
}

static void gk_add(gk_script *s, uint32_t off)
{
	if (s->nsubs == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->subs = xrealloc(s->subs, s->cap * sizeof *s->subs);
	}
	s->subs[s->nsubs++] = off;
}

/* Adds the glyphs of the coverage table at D[at..] (N bytes) to SET. */
static void gk_cover(const unsigned char *d, size_t n, size_t at, hb_set_t *set)
{
	if (at + 4 > n)
		return;
	unsigned fmt = be16(d + at), count = be16(d + at + 2);
	for (unsigned i = 0; i < count; i++) {
		if (fmt == 1 && at + 6 + 2 * (size_t)i <= n) {
			hb_set_add(set, be16(d + at + 4 + 2 * i));
		} else if (fmt == 2 && at + 10 + 6 * (size_t)i <= n) {
			const unsigned char *r = d + at + 4 + 6 * i;
			if (be16(r) <= be16(r + 2))
				hb_set_add_range(set, be16(r), be16(r + 2));
		}
	}
}

/* Whether HarfBuzz kerns SCRIPT in FACE by GPOS's kern feature (else,
 * with a legacy kern table, by that table, which is not read here). */
static int gk_gpos_kerns(hb_face_t *face, hb_script_t script)
{
	hb_tag_t st[HB_OT_MAX_TAGS_PER_SCRIPT], lt[HB_OT_MAX_TAGS_PER_LANGUAGE];
	unsigned ns = HB_OT_MAX_TAGS_PER_SCRIPT, nl = HB_OT_MAX_TAGS_PER_LANGUAGE;
	hb_ot_tags_from_script_and_language(script, hb_language_get_default(),
	                                    &ns, st, &nl, lt);
	unsigned si, li, fi;
	hb_tag_t chosen;
	hb_ot_layout_table_select_script(face, HB_OT_TAG_GPOS, ns, st, &si,
	                                 &chosen);
	hb_ot_layout_script_select_language(face, HB_OT_TAG_GPOS, si, nl, lt,
	                                    &li);
	return hb_ot_layout_language_find_feature(face, HB_OT_TAG_GPOS, si, li,
	                                          HB_TAG('k', 'e', 'r', 'n'),
	                                          &fi);
}

/* Reads the lookups HarfBuzz applies for SCRIPT (left to right, the
 * default language, folio's features) into S. */
static void gk_script_read(gpos_kern *g, gk_script *s, hb_script_t script)
{
	s->touched = hb_set_create();
	hb_segment_properties_t props;
	memset(&props, 0, sizeof props);
	props.direction = HB_DIRECTION_LTR;
	props.script = script;
	props.language = hb_language_get_default();
	hb_shape_plan_t *plan = hb_shape_plan_create_cached2(g->face, &props,
		shape_features, SHAPE_NFEATURES, NULL, 0, NULL);
	hb_set_t *sub = hb_set_create(), *pos = hb_set_create();
	hb_ot_shape_plan_collect_lookups(plan, HB_OT_TAG_GSUB, sub);
	hb_ot_shape_plan_collect_lookups(plan, HB_OT_TAG_GPOS, pos);
	hb_shape_plan_destroy(plan);
	hb_codepoint_t li = HB_SET_VALUE_INVALID;
	while (hb_set_next(sub, &li))
		hb_ot_layout_lookup_collect_glyphs(g->face, HB_OT_TAG_GSUB, li,
		                                   NULL, s->touched, NULL, NULL);
	const unsigned char *d = g->d;
	size_t n = g->n;
	int ok = n >= 10 || hb_set_is_empty(pos); /* none: no kerning */
	if (!gk_gpos_kerns(g->face, script)) {
		hb_blob_t *kern = hb_face_reference_table(g->face,
		                                          HB_TAG('k', 'e', 'r', 'n'));
		if (hb_blob_get_length(kern))
			ok = 0;
		hb_blob_destroy(kern);
	}
	size_t ll = n >= 10 ? be16(d + 8) : 0;
	li = HB_SET_VALUE_INVALID;
	while (ok && hb_set_next(pos, &li)) {
		if (ll + 4 + 2 * (size_t)li > n || li >= be16(d + ll)) {
			ok = 0;
			break;
		}
		size_t lo = ll + be16(d + ll + 2 + 2 * li);
		if (lo + 6 > n) {
			ok = 0;
			break;
		}
		unsigned type = be16(d + lo), flag = be16(d + lo + 2);
		unsigned nsub = be16(d + lo + 4);
		if (lo + 6 + 2 * (size_t)nsub > n) {
			ok = 0;
			break;
		}
		/* each subtable, through extensions (type 9): pair
		 * adjustments are read; mark attachments (4 to 6) act on the
		 * glyphs of their first coverage only, when one follows
		 * another glyph; the glyphs any other lookup may act on are
		 * shaped */
		uint32_t first = (uint32_t)s->nsubs;
		int pairs = 1, other = 0;
		for (unsigned k = 0; k < nsub; k++) {
			size_t so = lo + be16(d + lo + 6 + 2 * k);
			unsigned t = type;
			if (type == 9) {
				if (so + 8 > n) {
					ok = 0;
					break;
				}
				t = be16(d + so + 2);
				so += (size_t)be16(d + so + 4) << 16 | be16(d + so + 6);
			}
			if (t == 2 && so + 10 <= n && so <= 0xffffffffu) {
				gk_add(s, (uint32_t)so);
			} else if (t >= 4 && t <= 6 && so + 4 <= n) {
				pairs = 0;
				gk_cover(d, n, so + be16(d + so + 2), s->touched);
			} else {
				pairs = 0;
				other = 1;
			}
		}
		if (!ok)
			break;
		if (!pairs) {
			s->nsubs = first; /* a lookup of pairs only, or none */
			if (other)
				hb_ot_layout_lookup_collect_glyphs(g->face,
					HB_OT_TAG_GPOS, li, NULL, s->touched, NULL,
					NULL);
			continue;
		}
		if (flag & ~0x0009u) /* more than right-to-left, ignore marks */
			ok = 0;
		gk_add(s, 0);
	}
	hb_set_destroy(sub);
	hb_set_destroy(pos);
	s->ok = ok;
}

static void *gk_new(hb_face_t *face)
{
	/* no AAT tables, which HarfBuzz would use instead */
	static const char other[][5] = {"morx", "kerx", "trak"};
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		hb_blob_t *b = hb_face_reference_table(face,
			hb_tag_from_string(other[i], 4));
		unsigned len = hb_blob_get_length(b);
		hb_blob_destroy(b);
		if (len)
			return NULL;
	}
	gpos_kern *g = xcalloc(1, sizeof *g);
	g->face = face;
	g->blob = hb_face_reference_table(face, HB_TAG('G', 'P', 'O', 'S'));
	g->d = (const unsigned char *)hb_blob_get_data(g->blob, &g->n);
	static const hb_script_t scripts[GK_NSCRIPTS] = {
		HB_SCRIPT_LATIN, HB_SCRIPT_CYRILLIC, HB_SCRIPT_INVALID};
	for (int i = 0; i < GK_NSCRIPTS; i++)
		gk_script_read(g, &g->s[i], scripts[i]);
	return g;
}

/* Index of glyph G in the coverage table at D[at..] (D has N bytes), or
 * -1. */
static long gk_coverage(const unsigned char *d, size_t n, size_t at,
                        hb_codepoint_t g)
{
	if (at + 4 > n)
		return -1;
	unsigned fmt = be16(d + at), count = be16(d + at + 2);
	size_t rec = fmt == 1 ? 2 : 6;
	if (fmt < 1 || fmt > 2 || at + 4 + rec * count > n)
		return -1;
	unsigned lo = 0, hi = count;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const unsigned char *r = d + at + 4 + rec * mid;
		unsigned start = be16(r), end = fmt == 1 ? start : be16(r + 2);
		if (g < start)
			hi = mid;
		else if (g > end)
			lo = mid + 1;
		else
			return fmt == 1 ? (long)mid : (long)be16(r + 4) + (long)(g - start);
	}
	return -1;
}

/* Class of glyph G in the class definition at D[at..], 0 when none. */
static unsigned gk_class(const unsigned char *d, size_t n, size_t at,
                         hb_codepoint_t g)
{
	if (at + 6 > n)
		return 0;
	unsigned fmt = be16(d + at);
	if (fmt == 1) {
		unsigned start = be16(d + at + 2), count = be16(d + at + 4);
		if (g < start || g - start >= count ||
		    at + 6 + 2 * (size_t)(g - start) + 2 > n)
			return 0;
		return be16(d + at + 6 + 2 * (g - start));
	}
	if (fmt != 2)
		return 0;
	unsigned count = be16(d + at + 2);
	if (at + 4 + 6 * (size_t)count > n)
		return 0;
	unsigned lo = 0, hi = count;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const unsigned char *r = d + at + 4 + 6 * mid;
		if (g < be16(r))
			hi = mid;
		else if (g > be16(r + 2))
			lo = mid + 1;
		else
			return be16(r + 4);
	}
	return 0;
}

/* Bytes of a value record of format VF. */
static unsigned gk_vsize(unsigned vf)
{
	unsigned k = 0;
	for (unsigned b = vf & 0xff; b; b >>= 1)
		k += b & 1;
	return 2 * k;
}

/* The x advance of the value record at V (format VF) in *ADV; -1 when
 * it also moves the glyph (placement or y advance). */
static int gk_value(const unsigned char *v, unsigned vf, hb_position_t *adv)
{
	*adv = 0;
	for (unsigned b = 1; b <= 0x80; b <<= 1) {
		if (!(vf & b))
			continue;
		int16_t x = (int16_t)be16(v);
		v += 2;
		if (b == 0x4)
			*adv = x;
		else if (b < 0x10 && x)
			return -1;
		/* device tables (0x10-0x80) apply at a set ppem only */
	}
	return 0;
}

/* The pair adjustment subtable at D[so..] for glyphs A, B: 1 and the
 * first glyph's x advance in *ADV when it applies, 0 when it does not,
 * -1 when it cannot be read here. */
static int gk_subtable(const unsigned char *d, size_t n, size_t so,
                       hb_codepoint_t a, hb_codepoint_t b,
                       hb_position_t *adv)
{
	unsigned fmt = be16(d + so), vf1 = be16(d + so + 4);
	unsigned vf2 = be16(d + so + 6);
	if (vf2)
		return -1; /* pairs_suffice refuses these */
	long ci = gk_coverage(d, n, so + be16(d + so + 2), a);
	if (ci < 0)
		return 0;
	unsigned v1 = gk_vsize(vf1);
	if (fmt == 1) {
		if (so + 10 + 2 * (size_t)ci + 2 > n)
			return -1;
		size_t ps = so + be16(d + so + 10 + 2 * ci);
		if (ps + 2 > n)
			return -1;
		unsigned count = be16(d + ps), rec = 2 + v1;
		if (ps + 2 + (size_t)rec * count > n)
			return -1;
		unsigned lo = 0, hi = count;
		while (lo < hi) {
			unsigned mid = (lo + hi) / 2;
			const unsigned char *r = d + ps + 2 + (size_t)rec * mid;
			unsigned g2 = be16(r);
			if (b < g2)
				hi = mid;
			else if (b > g2)
				lo = mid + 1;
			else
				return gk_value(r + 2, vf1, adv) < 0 ? -1 : 1;
		}
		return 0;
	}
	if (fmt != 2 || so + 16 > n)
		return -1;
	unsigned c1n = be16(d + so + 12), c2n = be16(d + so + 14);
	unsigned k2 = gk_class(d, n, so + be16(d + so + 10), b);
	if (!k2)
		return 0;
	unsigned k1 = gk_class(d, n, so + be16(d + so + 8), a);
	if (k1 >= c1n || k2 >= c2n)
		return 0;
	size_t at = so + 16 + ((size_t)k1 * c2n + k2) * v1;
	if (at + v1 > n)
		return -1;
	return gk_value(d + at, vf1, adv) < 0 ? -1 : 1;
}

/* The kerning of glyphs A, B (font units) in script slot SI of G in
 * *ADV, or -1 when the pair must be shaped. */
static int gk_pair(const gpos_kern *g, int si, hb_codepoint_t a,
                   hb_codepoint_t b, hb_position_t *adv)
{
	const gk_script *s = &g->s[si];
	if (!s->ok || hb_set_has(s->touched, a) || hb_set_has(s->touched, b) ||
	    hb_ot_layout_get_glyph_class(g->face, a) ==
	    HB_OT_LAYOUT_GLYPH_CLASS_MARK ||
	    hb_ot_layout_get_glyph_class(g->face, b) ==
	    HB_OT_LAYOUT_GLYPH_CLASS_MARK)
		return -1;
	hb_position_t sum = 0;
	int applied = 0; /* the lookup under way has applied */
	for (size_t i = 0; i < s->nsubs; i++) {
		if (!s->subs[i]) {
			applied = 0;
			continue;
		}
		if (applied)
			continue;
		hb_position_t v;
		int r = gk_subtable(g->d, g->n, s->subs[i], a, b, &v);
		if (r < 0)
			return -1;
		if (r) {
			sum += v;
			applied = 1;
		}
	}
	*adv = sum;
	return 0;
}

/* Shapes S[0..len) in face F into the set's reused buffer; returns the
 * glyph positions, their infos in *INFO and their count in *N (valid
 * until the next shaping). */
static hb_glyph_position_t *shape(font_set *fs, int f, const char *s,
                                  size_t len, hb_glyph_info_t **info,
                                  unsigned *n)
{
	if (!fs->buf)
		fs->buf = hb_buffer_create();
	hb_buffer_t *buf = fs->buf;
	hb_buffer_reset(buf);
	hb_buffer_add_utf8(buf, s, (int)len, 0, (int)len);
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	/* what hb_shape does, the plan held (a few a face) */
	if (!fs->kc)
		fs->kc = xcalloc(1, sizeof *fs->kc);
	hb_segment_properties_t props;
	hb_buffer_get_segment_properties(buf, &props);
	struct kc_plan *kp = fs->kc->plans[f];
	int k = 0;
	while (k < KC_PLANS && kp[k].plan &&
	       !hb_segment_properties_equal(&kp[k].props, &props))
		k++;
	if (k == KC_PLANS) { /* full: the last one goes */
		k = KC_PLANS - 1;
		hb_shape_plan_destroy(kp[k].plan);
		kp[k].plan = NULL;
	}
	if (!kp[k].plan) {
		kp[k].props = props;
		kp[k].plan = hb_shape_plan_create_cached2(
			hb_font_get_face(fs->faces[f].font), &props, shape_features,
			SHAPE_NFEATURES, NULL, 0, NULL);
	}
	hb_shape_plan_execute(kp[k].plan, fs->faces[f].font, buf, shape_features,
	                      SHAPE_NFEATURES);
	*info = hb_buffer_get_glyph_infos(buf, n);
	return hb_buffer_get_glyph_positions(buf, n);
}

/* Characters kerned by pairs: Latin, Greek and Cyrillic letters and
 * common punctuation, no combining marks (they attach, not kern). */
static int pairable(uint32_t cp)
{
	return (cp >= 0x20 && cp < 0x300) || (cp >= 0x370 && cp < 0x483) ||
	       (cp >= 0x48A && cp < 0x530) || (cp >= 0x2010 && cp < 0x2060);
}

/* The pair cache's slot for pair A, B of face F: the pair's, or the
 * empty one where it goes (*KEY gets the pair's key). Makes room first:
 * the table stays at most half full. */
static size_t pair_slot(struct font_kern_cache *kc, int f, uint32_t a,
                        uint32_t b, uint64_t *key)
{
	if (kc->pused * 2 >= kc->pcap) {
		size_t cap = kc->pcap ? kc->pcap * 2 : 4096;
		uint64_t *keys = xcalloc(cap, sizeof *keys);
		int *vals = xmalloc(cap * sizeof *vals);
		for (size_t i = 0; i < kc->pcap; i++)
			if (kc->pkeys[i]) {
				size_t j = (kc->pkeys[i] * 0x9E3779B97F4A7C15ULL) >> 40 &
				           (cap - 1);
				while (keys[j])
					j = (j + 1) & (cap - 1);
				keys[j] = kc->pkeys[i];
				vals[j] = kc->pvals[i];
			}
		free(kc->pkeys);
		free(kc->pvals);
		kc->pkeys = keys;
		kc->pvals = vals;
		kc->pcap = cap;
	}
	*key = ((uint64_t)f << 42 | (uint64_t)a << 21 | b) + 1;
	size_t j = (*key * 0x9E3779B97F4A7C15ULL) >> 40 & (kc->pcap - 1);
	while (kc->pkeys[j] && kc->pkeys[j] != *key)
		j = (j + 1) & (kc->pcap - 1);
	return j;
}

static void pair_put(struct font_kern_cache *kc, size_t j, uint64_t key,
                     int v)
{
	kc->pkeys[j] = key;
	kc->pvals[j] = v;
	kc->pused++;
}

static hb_script_t run_script(const uint32_t *cp, size_t n);

/* Kerning between A and B in FACE (1/1000 em) read from its GPOS table
 * (gk_pair), or PAIR_COMPLEX when the pair must be shaped: no table
 * read, a character HarfBuzz treats apart (a combining mark, the soft
 * hyphen and the other invisible format characters, the fraction
 * slash), a glyph the font lacks. */
static int gk_kern(const font_face *face, uint32_t a, uint32_t b)
{
	if (!face->gk || a == 0xAD || b == 0xAD || a == 0x2044 || b == 0x2044 ||
	    (a >= 0x2028 && a <= 0x202E) || (b >= 0x2028 && b <= 0x202E))
		return PAIR_COMPLEX;
	hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
	for (int k = 0; k < 2; k++) {
		hb_unicode_general_category_t gc =
			hb_unicode_general_category(u, k ? b : a);
		if (gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
		    gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
		    gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK)
			return PAIR_COMPLEX; /* HarfBuzz zeroes or attaches it */
	}
	uint32_t cp[2] = {a, b};
	hb_script_t sc = run_script(cp, 2);
	int si = sc == HB_SCRIPT_LATIN ? GK_LATIN
	         : sc == HB_SCRIPT_CYRILLIC ? GK_CYRILLIC
	         : sc == HB_SCRIPT_INVALID ? GK_NONE : -1;
	hb_codepoint_t ga, gb;
	hb_position_t d;
	if (si < 0 || !hb_font_get_nominal_glyph(face->font, a, &ga) ||
	    !hb_font_get_nominal_glyph(face->font, b, &gb) ||
	    gk_pair(face->gk, si, ga, gb, &d) != 0)
		return PAIR_COMPLEX;
	return d ? (int)lround((double)d * 1000.0 / face->upem) : 0;
}

int font_gpos_kern(const font_set *fs, int f, uint32_t a, uint32_t b)
{
	return gk_kern(&fs->faces[f], a, b); /* PAIR_COMPLEX: INT32_MIN */
}

/* Kerning between A and B in face F (1/1000 em, 0: none), shaped once
 * per document; PAIR_COMPLEX when shaping the pair does more than
 * change the first glyph's advance (a ligature, a second adjustment,
 * an offset), and the run must be shaped whole. */
static int pair_kern(font_set *fs, int f, uint32_t a, uint32_t b)
{
	struct font_kern_cache *kc = fs->kc;
	uint64_t key;
	size_t j = pair_slot(kc, f, a, b, &key);
	if (kc->pkeys[j])
		return kc->pvals[j];
	font_face *face = &fs->faces[f];
	int v = gk_kern(face, a, b);
	if (v != PAIR_COMPLEX) {
		pair_put(kc, j, key, v);
		return v;
	}
	char pair[8];
	int na = utf8_put(pair, a);
	int n = na + utf8_put(pair + na, b);
	unsigned ng;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos = shape(fs, f, pair, (size_t)n, &info, &ng);
	hb_codepoint_t ga = 0, gb = 0;
	hb_font_get_nominal_glyph(face->font, a, &ga);
	hb_font_get_nominal_glyph(face->font, b, &gb);
	if (ng == 2 && info[0].cluster == 0 && info[1].cluster == (unsigned)na &&
	    info[0].codepoint == ga && info[1].codepoint == gb &&
	    !pos[0].x_offset && !pos[0].y_offset && !pos[1].x_offset &&
	    !pos[1].y_offset &&
	    pos[1].x_advance ==
	    hb_font_get_glyph_h_advance(face->font, info[1].codepoint)) {
		hb_position_t d = pos[0].x_advance -
			hb_font_get_glyph_h_advance(face->font, info[0].codepoint);
		v = d ? (int)lround((double)d * 1000.0 / face->upem) : 0;
	}
	pair_put(kc, j, key, v);
	return v;
}

/* The script HarfBuzz shapes a run in (hb_buffer_guess_segment_properties):
 * its first character's that is not common to scripts (punctuation,
 * digits, marks), else none. */
static hb_script_t run_script(const uint32_t *cp, size_t n)
{
	hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
	for (size_t i = 0; i < n; i++) {
		hb_script_t sc = hb_unicode_script(u, cp[i]);
		if (sc != HB_SCRIPT_COMMON && sc != HB_SCRIPT_INHERITED &&
		    sc != HB_SCRIPT_UNKNOWN)
			return sc;
	}
	return HB_SCRIPT_INVALID;
}

/* Kerning of S[0..len) from its pairs, as shape_kerns would find it;
 * returns -1 when the run must be shaped whole. */
static long pair_kerns(font_set *fs, int f, const char *s, size_t len,
                       font_kern *out, size_t max)
{
	const char *p = s, *end = s + len;
	uint32_t a = utf8_next(&p, end);
	if (!pairable(a))
		return -1;
	size_t k = 0;
	while (p < end) {
		size_t at = (size_t)(p - s);
		uint32_t b = utf8_next(&p, end);
		if (!pairable(b))
			return -1;
		int v = pair_kern(fs, f, a, b);
		if (v == PAIR_COMPLEX)
			return -1;
		if (v && k < max) {
			out[k].at = at;
			out[k].adj = v;
			k++;
		}
		a = b;
	}
	return (long)k;
}

size_t font_kerns(font_set *fs, int f, const char *s, size_t len,
                  font_kern *out, size_t max)
{
	if (len < 2 || len > (1u << 20))
		return 0;
	if (len > 64 || max > 64) /* long runs are rare: shape them */
		return shape_kerns(fs, f, s, len, out, max);
	if (!fs->kc)
		fs->kc = xcalloc(1, sizeof *fs->kc);
	if (fs->faces[f].pairs) {
		long k = pair_kerns(fs, f, s, len, out, max);
		if (k >= 0)
			return (size_t)k;
	}
	struct font_kern_cache *kc = fs->kc;
	if (kc->used * 2 >= kc->cap)
		kc_grow(kc);
	uint64_t h = kc_hash(f, s, len);
	size_t j = h & (kc->cap - 1);
	for (; kc->slots[j].face >= 0; j = (j + 1) & (kc->cap - 1)) {
		kc_entry *e = &kc->slots[j];
		if (e->hash == h && e->face == f && e->len == len &&
		    memcmp(kc->text.s + e->text, s, len) == 0) {
			size_t n = e->nkerns < max ? e->nkerns : max;
			if (n) /* kc->kerns is NULL until a run has kerns */
				memcpy(out, kc->kerns + e->kerns, n * sizeof *out);
			return n;
		}
	}
	size_t n = shape_kerns(fs, f, s, len, out, max);
	kc_entry *e = &kc->slots[j];
	e->hash = h;
	e->face = (short)f;
	e->text = kc->text.len;
	e->len = len;
	sbuf_add(&kc->text, s, len);
	if (kc->nk + n > kc->kcap) {
		kc->kcap = (kc->kcap ? kc->kcap * 2 : 1024) + n;
		kc->kerns = xrealloc(kc->kerns, kc->kcap * sizeof *kc->kerns);
	}
	e->kerns = kc->nk;
	e->nkerns = (unsigned short)n;
	if (n)
		memcpy(kc->kerns + kc->nk, out, n * sizeof *out);
	kc->nk += n;
	kc->used++;
	return n;
}

static size_t shape_kerns(font_set *fs, int f, const char *s, size_t len,
                          font_kern *out, size_t max)
{
	font_face *face = &fs->faces[f];
	unsigned n;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos = shape(fs, f, s, len, &info, &n);
	size_t k = 0;
	for (unsigned i = 0; i + 1 < n && k < max; i++) {
		hb_position_t plain =
			hb_font_get_glyph_h_advance(face->font, info[i].codepoint);
		hb_position_t d = pos[i].x_advance - plain;
		if (!d)
			continue;
		int adj = (int)lround((double)d * 1000.0 / face->upem);
		if (!adj || info[i + 1].cluster <= info[i].cluster)
			continue;
		out[k].at = info[i + 1].cluster;
		out[k].adj = adj;
		k++;
	}
	return k;
}
