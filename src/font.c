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
	hb_font_t *font = hb_font_create(face);
	f->pairs = pairs_suffice(face);
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
	f->path = path;
	f->blob = blob;
	f->face = face;
	f->font = font;
	/* zeroed, not filled: pages of it never asked for are never
	 * touched (a style names 20 faces, a document uses a few blocks) */
	f->adv = xcalloc(65536, sizeof *f->adv);
	return 0;
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

#define PAIR_COMPLEX INT32_MIN

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
	char pair[8];
	int na = utf8_put(pair, a);
	int n = na + utf8_put(pair + na, b);
	font_face *face = &fs->faces[f];
	unsigned ng;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos = shape(fs, f, pair, (size_t)n, &info, &ng);
	int v = PAIR_COMPLEX;
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

/* Learns the pairs of the N characters CP (from bytes S[0..len)) in face
 * F from one shaping of the whole run instead of one per pair. Where
 * HarfBuzz kept each character's own glyph, one to one, moved none and
 * changed only advances (the last glyph's not at all), the change of a
 * glyph's advance is the kerning of it and the next: F kerns by pairs
 * alone (pairs_suffice), the first glyph of each. That is what shaping
 * the pair alone gives (pair_kern) when the pair is shaped in the run's
 * script, so only those pairs are kept; others are shaped alone. */
static void learn_pairs(font_set *fs, int f, const char *s, size_t len,
                        const uint32_t *cp, const size_t *at, size_t n)
{
	font_face *face = &fs->faces[f];
	unsigned ng;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos = shape(fs, f, s, len, &info, &ng);
	if (ng != n)
		return;
	for (size_t i = 0; i < n; i++) {
		hb_codepoint_t g = 0;
		hb_font_get_nominal_glyph(face->font, cp[i], &g);
		if (info[i].cluster != at[i] || info[i].codepoint != g ||
		    pos[i].x_offset || pos[i].y_offset || pos[i].y_advance)
			return;
	}
	if (pos[n - 1].x_advance !=
	    hb_font_get_glyph_h_advance(face->font, info[n - 1].codepoint))
		return;
	hb_script_t sc = run_script(cp, n);
	for (size_t i = 0; i + 1 < n; i++) {
		if (run_script(cp + i, 2) != sc)
			continue;
		uint64_t key;
		size_t j = pair_slot(fs->kc, f, cp[i], cp[i + 1], &key);
		if (fs->kc->pkeys[j])
			continue;
		hb_position_t d = pos[i].x_advance -
			hb_font_get_glyph_h_advance(face->font, info[i].codepoint);
		pair_put(fs->kc, j, key,
		         d ? (int)lround((double)d * 1000.0 / face->upem) : 0);
	}
}

/* Kerning of S[0..len) from its pairs, as shape_kerns would find it;
 * returns -1 when the run must be shaped whole. A run of several pairs
 * not met before is shaped once to learn them (learn_pairs). */
static long pair_kerns(font_set *fs, int f, const char *s, size_t len,
                       font_kern *out, size_t max)
{
	uint32_t cp[64];
	size_t at[64], n = 0, unknown = 0;
	for (const char *p = s, *end = s + len; p < end && n < 64; n++) {
		at[n] = (size_t)(p - s);
		cp[n] = utf8_next(&p, end);
		if (!pairable(cp[n]))
			return -1;
		if (n > 0) {
			uint64_t key;
			size_t j = pair_slot(fs->kc, f, cp[n - 1], cp[n], &key);
			unknown += !fs->kc->pkeys[j];
		}
	}
	if (unknown > 1)
		learn_pairs(fs, f, s, len, cp, at, n);
	size_t k = 0;
	for (size_t i = 1; i < n; i++) {
		int v = pair_kern(fs, f, cp[i - 1], cp[i]);
		if (v == PAIR_COMPLEX)
			return -1;
		if (v && k < max) {
			out[k].at = at[i];
			out[k].adj = v;
			k++;
		}
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
