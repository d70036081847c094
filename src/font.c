/* font — see font.h. */
#include "font.h"
#include "utf8.h"
#include "arena.h"

#include <hb-ot.h>
#include <hb.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
	f->adv = xmalloc(65536 * sizeof *f->adv);
	memset(f->adv, 0xFF, 65536 * sizeof *f->adv);
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
};

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
	if (cp < 65536 && f->adv[cp] != -1)
		return f->adv[cp];
	hb_codepoint_t gid;
	int w = -1;
	if (hb_font_get_nominal_glyph(f->font, cp, &gid)) {
		hb_position_t a = hb_font_get_glyph_h_advance(f->font, gid);
		w = (int)((unsigned)a * 1000u / f->upem);
	}
	if (cp < 65536)
		f->adv[cp] = (int16_t)w;
	return w;
}

int font_advance(font_set *fs, int f, uint32_t cp)
{
	return advance(&fs->faces[f], cp);
}

int font_has(font_set *fs, int f, uint32_t cp)
{
	return advance(&fs->faces[f], cp) >= 0;
}

int font_pick(font_set *fs, style_font role, uint32_t cp)
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

size_t font_kerns(font_set *fs, int f, const char *s, size_t len,
                  font_kern *out, size_t max)
{
	if (len < 2 || len > (1u << 20))
		return 0;
	if (len > 64 || max > 64) /* long runs are rare: shape them */
		return shape_kerns(fs, f, s, len, out, max);
	if (!fs->kc)
		fs->kc = xcalloc(1, sizeof *fs->kc);
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
	static const hb_feature_t features[] = {
		{HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1},
		{HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
		{HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
		{HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1},
		{HB_TAG('d', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
	};
	font_face *face = &fs->faces[f];
	if (!fs->buf)
		fs->buf = hb_buffer_create();
	hb_buffer_t *buf = fs->buf;
	hb_buffer_reset(buf);
	hb_buffer_add_utf8(buf, s, (int)len, 0, (int)len);
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_shape(face->font, buf, features,
	         sizeof features / sizeof *features);
	unsigned n;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
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
