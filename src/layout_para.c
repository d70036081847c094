/* layout_para — paragraphs: text into boxes, glue and penalties, total-fit
 * line breaking (Knuth and Plass, "Breaking Paragraphs into Lines", 1981)
 * and lines rendered into boxes of the vertical list. See layout_int.h. */
#include "layout_int.h"
#include "utf8.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FITNESS_DEMERITS 10000.0
#define FLAGGED_DEMERITS 10000.0
#define LINE_PENALTY 10.0
#define EXHYPHEN_PENALTY 50
#define HYPHEN_PENALTY 50
#define FINAL_HYPHEN_DEMERITS 5000.0

void lay_para_init(lay *L, lay_para *p, double width, double size,
                   double leading)
{
	memset(p, 0, sizeof *p);
	p->items = VEC_INIT(lay_inl);
	p->L = L;
	if (L && L->spare_inl.data) {
		/* the storage of a paragraph set before: no regrowing */
		p->items = L->spare_inl;
		p->items.len = 0;
		L->spare_inl = VEC_INIT(lay_inl);
	}
	p->expand = L && L->s ? L->s->expansion / 100 : 0;
	p->width = width;
	p->size = size;
	p->leading = leading;
	p->align = ALIGN_JUSTIFY;
}

void lay_para_free(lay_para *p)
{
	lay *L = p->L;
	if (L && p->items.cap > L->spare_inl.cap) {
		vec_free(&L->spare_inl);
		L->spare_inl = p->items; /* kept for the next paragraph */
		p->items = VEC_INIT(lay_inl);
	}
	vec_free(&p->items);
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Face for CP in ROLE; warns once per character it cannot set. */
static int pick(lay *L, style_font role, uint32_t cp, const doc_node *src)
{
	int f = font_pick(L->fs, role, cp);
	if (f >= 0)
		return f;
	if (L->pass == 0 && L->warned_missing_glyph < 20) {
		L->warned_missing_glyph++;
		diag_warn(L->dg, L->d->file, src ? src->line : 0,
		          src ? doc_col(L->d, src) : 0,
		          "character U+%04X is in none of the fonts of this "
		          "role (%s and its fallbacks)", (unsigned)cp,
		          L->fs->faces[L->fs->chain[role][0]].path);
	}
	return L->fs->chain[role][0];
}

double lay_text_width(lay *L, style_font role, double size, const char *s,
                      size_t len)
{
	const char *p = s, *end = s + len;
	double w = 0;
	while (p < end) {
		const char *q = p;
		uint32_t cp = utf8_next(&p, end);
		int f = pick(L, role, cp, NULL);
		w += font_width(L->fs, f, q, (size_t)(p - q));
	}
	return w * size / 1000;
}

double lay_text_items(lay *L, vec *items, style_font role, double size,
                      const style_color *color, double x, double y,
                      const char *s, size_t len)
{
	s = arena_strndup(L->a, s, len); /* items outlive the caller's text */
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *run = p;
		int f = pick(L, role, utf8_next(&p, end), NULL);
		const char *q = p;
		while (q < end) {
			const char *r = q;
			if (pick(L, role, utf8_next(&r, end), NULL) != f)
				break;
			q = r;
		}
		p = q;
		page_item *it = VEC_PUSH(items, page_item);
		it->kind = ITEM_TEXT;
		it->x = x;
		it->y = y;
		it->face = f;
		it->size = size;
		it->color = color;
		it->s = run;
		it->len = (size_t)(q - run);
		it->w = font_width(L->fs, f, run, it->len) * size / 1000;
		x += it->w;
	}
	return x;
}

static lay_inl *push(lay_para *p, lay_inl_kind kind)
{
	lay_inl *it = VEC_PUSH(&p->items, lay_inl);
	it->kind = kind;
	it->fn = -1;
	it->fnid = -1;
	return it;
}

static lay_inl *last(lay_para *p)
{
	return p->items.len ? VEC_AT(&p->items, lay_inl, p->items.len - 1)
	                    : NULL;
}

static void add_glue(lay *L, lay_para *p, const lay_font_state *fst)
{
	lay_inl *l = last(p);
	if (!l || l->kind == INL_GLUE)
		return;
	if (!L->space_known[fst->role]) {
		L->space[fst->role] =
			font_width(L->fs, pick(L, fst->role, ' ', NULL), " ", 1);
		L->space_known[fst->role] = 1;
	}
	double w = L->space[fst->role] * fst->size / 1000;
	lay_inl *g = push(p, INL_GLUE);
	g->w = w;
	if (p->align == ALIGN_JUSTIFY) {
		/* TeX's proportions for a text face: stretch by half the
		 * space, shrink by a third */
		g->stretch = w / 2;
		g->shrink = w / 3;
	}
	g->target = fst->target;
	g->uri = fst->uri;
}

static void add_box1(lay *L, lay_para *p, const lay_font_state *fst,
                     int face, const char *s, size_t len, double w,
                     const doc_node *src)
{
	lay_inl *b = push(p, INL_BOX);
	b->face = face;
	b->size = fst->size;
	b->rise = fst->rise;
	b->color = fst->color;
	b->s = s;
	b->len = len;
	b->w = w;
	b->target = fst->target;
	b->uri = fst->uri;
	b->src = src;
}

/* Appends one run of a single face as boxes: one per stretch between
 * kerning pairs, each as wide as the PDF shows it plus the kern after
 * it, so the breaker's widths are the printed ones. */
static void add_box(lay *L, lay_para *p, const lay_font_state *fst, int face,
                    const char *s, size_t len, const doc_node *src)
{
	font_kern kern[64];
	size_t nk = font_kerns(L->fs, face, s, len, kern, 64);
	size_t from = 0;
	for (size_t i = 0; i < nk; i++) {
		size_t at = kern[i].at;
		if (at <= from || at >= len)
			continue;
		double w = (font_width(L->fs, face, s + from, at - from) +
		            kern[i].adj) * fst->size / 1000;
		add_box1(L, p, fst, face, s + from, at - from, w, src);
		last(p)->kerned = 1;
		from = at;
	}
	add_box1(L, p, fst, face, s + from, len - from,
	         font_width(L->fs, face, s + from, len - from) * fst->size /
	         1000, src);
}

static void add_penalty(lay_para *p, int value, int flagged, double w)
{
	lay_inl *pe = push(p, INL_PENALTY);
	pe->penalty = value;
	pe->flagged = flagged;
	pe->w = w;
}

/* Appends word S[0..len) (no spaces) as boxes split by face, with break
 * chances after explicit hyphens and dashes, at soft hyphens (U+00AD,
 * not shown unless the line breaks there), at hyphenation points of the
 * word's language, and at every character when the word cannot fit the
 * measure (with a warning). */
/* ---- words set once ----
 * What add_word appends depends only on the word's bytes, its face role
 * and size, its language and whether it may hyphenate (the style, fonts
 * and patterns are fixed for a document), so each distinct word is
 * measured, kerned and hyphenated once per document: the cache keeps
 * the boxes and penalties it made, as offsets into the word, and later
 * occurrences copy them. Words wider than the measure (set between
 * characters) and words that warned are always set afresh. */
typedef struct wc_item {
	double w;
	unsigned off, len;         /* BOX: its text in the word */
	int penalty;
	short face;
	unsigned char kind, flag;  /* BOX: kerned; PENALTY: flagged */
} wc_item;

typedef struct wc_entry {
	uint64_t hash;
	double size, total;
	size_t text, items;        /* offsets in the cache's pools */
	unsigned len, n;
	unsigned char role, lang, flags, used;
} wc_entry;

#define WC_MAX_LEN 64              /* longer words are set afresh */
#define WC_MAX_LANGS 32

struct lay_word_cache {
	wc_entry *slots;
	size_t cap, count;
	sbuf text;
	wc_item *items;
	size_t nitems, itemcap;
	const char *langs[WC_MAX_LANGS]; /* interned by content */
	int nlangs;
	const char *last_lang;     /* the last asked, and its index */
	int last_id;
};

void lay_word_cache_free(struct lay_word_cache *c)
{
	if (!c)
		return;
	free(c->slots);
	sbuf_free(&c->text);
	free(c->items);
	free(c);
}

/* FNV-1a over the bytes, 8 at a time, then the key's other fields. */
static uint64_t wc_hash(const char *s, size_t len, int role, double size,
                        int lang, int flags)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		h = (h ^ v) * 0x100000001B3ULL;
		h ^= h >> 32;
	}
	uint64_t t = 0;
	memcpy(&t, s + i, len - i);
	h = (h ^ t ^ (uint64_t)len << 56) * 0x100000001B3ULL;
	uint64_t z;
	memcpy(&z, &size, sizeof z);
	h = (h ^ z) * 0x9E3779B97F4A7C15ULL;
	h ^= (uint64_t)(role | lang << 8 | flags << 16);
	h *= 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

/* Index of LANG among the cache's languages (0: none), or -1 when the
 * table is full. */
static int wc_lang(struct lay_word_cache *c, const char *lang)
{
	if (!lang)
		return 0;
	if (lang == c->last_lang)
		return c->last_id;
	int id = -1;
	for (int i = 0; i < c->nlangs && id < 0; i++)
		if (strcmp(c->langs[i], lang) == 0)
			id = i + 1;
	if (id < 0 && c->nlangs < WC_MAX_LANGS) {
		c->langs[c->nlangs++] = lang; /* document strings outlive layout */
		id = c->nlangs;
	}
	c->last_lang = lang;
	c->last_id = id;
	return id;
}

static void wc_grow(struct lay_word_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 4096;
	wc_entry *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].used) {
			size_t j = c->slots[i].hash & (cap - 1);
			while (slots[j].used)
				j = (j + 1) & (cap - 1);
			slots[j] = c->slots[i];
		}
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
}

static double set_word(lay *L, lay_para *p, const lay_font_state *fst,
                       const char *s, size_t len, const doc_node *src);

static void add_word(lay *L, lay_para *p, const lay_font_state *fst,
                     const char *s, size_t len, const doc_node *src)
{
	struct lay_word_cache *c = L->wc;
	if (!c)
		c = L->wc = xcalloc(1, sizeof *c);
	int lang = wc_lang(c, fst->lang);
	if (len > WC_MAX_LEN || lang < 0) {
		set_word(L, p, fst, s, len, src);
		return;
	}
	int flags = (fst->nobreak ? 1 : 0) | (p->nohyph ? 2 : 0);
	uint64_t h = wc_hash(s, len, (int)fst->role, fst->size, lang, flags);
	if (c->count * 2 >= c->cap)
		wc_grow(c);
	size_t j = h & (c->cap - 1);
	for (; c->slots[j].used; j = (j + 1) & (c->cap - 1)) {
		const wc_entry *e = &c->slots[j];
		if (e->hash != h || e->len != len || e->size != fst->size ||
		    e->role != fst->role || e->lang != lang ||
		    e->flags != flags || memcmp(c->text.s + e->text, s, len))
			continue;
		if (e->total > p->width)
			break; /* set between characters, with its warning */
		const wc_item *it = c->items + e->items;
		for (unsigned k = 0; k < e->n; k++, it++) {
			if (it->kind == INL_BOX) {
				add_box1(L, p, fst, it->face, s + it->off, it->len,
				         it->w, src);
				last(p)->kerned = it->flag;
			} else {
				add_penalty(p, it->penalty, it->flag, it->w);
			}
		}
		return;
	}
	size_t first = p->items.len;
	int warned = L->warned_missing_glyph;
	double total = set_word(L, p, fst, s, len, src);
	if (c->slots[j].used || warned != L->warned_missing_glyph ||
	    total > p->width)
		return;
	size_t n = p->items.len - first;
	if (c->nitems + n > c->itemcap) {
		c->itemcap = (c->itemcap ? c->itemcap * 2 : 8192) + n;
		c->items = xrealloc(c->items, c->itemcap * sizeof *c->items);
	}
	wc_entry *e = &c->slots[j];
	*e = (wc_entry){.hash = h, .size = fst->size, .total = total,
	                .text = c->text.len, .items = c->nitems,
	                .len = (unsigned)len, .n = (unsigned)n,
	                .role = (unsigned char)fst->role,
	                .lang = (unsigned char)lang,
	                .flags = (unsigned char)flags, .used = 1};
	sbuf_add(&c->text, s, len);
	for (size_t k = first; k < p->items.len; k++) {
		const lay_inl *in = VEC_AT(&p->items, lay_inl, k);
		wc_item *it = &c->items[c->nitems++];
		*it = (wc_item){.w = in->w, .kind = (unsigned char)in->kind};
		if (in->kind == INL_BOX) {
			it->face = (short)in->face;
			it->off = (unsigned)(in->s - s);
			it->len = (unsigned)in->len;
			it->flag = (unsigned char)in->kerned;
		} else {
			it->penalty = in->penalty;
			it->flag = (unsigned char)in->flagged;
		}
	}
	c->count++;
}

static double set_boxes(lay *L, lay_para *p, const lay_font_state *fst,
                        const char *s, size_t len, const doc_node *src,
                        const unsigned char *hyph, int emergency);

/* Appends word S[0..len) (no spaces) as add_word says, measuring,
 * kerning and hyphenating it; returns its natural width (without
 * kerning, as lay_text_width gives it). */
static double set_word(lay *L, lay_para *p, const lay_font_state *fst,
                       const char *s, size_t len, const doc_node *src)
{
	unsigned char hbuf[128], *hyph = NULL;
	int soft = 0;
	for (size_t i = 0; i + 1 < len; i++)
		if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xAD)
			soft = 1;
	if (!soft && !fst->nobreak && !p->nohyph && L->s->hyphenate && L->hy &&
	    len < sizeof hbuf) {
		/* each part of a compound (non-conviction-based) on its own */
		int points = 0;
		size_t from = 0;
		memset(hbuf, 0, len);
		for (size_t i = 0; i <= len; i++) {
			if (i < len && s[i] != '-')
				continue;
			if (i > from)
				points += hyph_points(L->hy, fst->lang ? fst->lang : "en",
				                      s + from, i - from,
				                      L->s->hyphen_left,
				                      L->s->hyphen_right, hbuf + from);
			from = i + 1;
		}
		if (points)
			hyph = hbuf;
	}
	size_t first = p->items.len;
	double total = set_boxes(L, p, fst, s, len, src, hyph, 0);
	if (total > p->width) {
		/* too wide for any line: set again with a break chance
		 * between any two characters (the fonts' warnings said once) */
		if (L->pass == 0)
			diag_warn(L->dg, L->d->file, src ? src->line : 0,
			          src ? doc_col(L->d, src) : 0,
			          "a word of %zu bytes is wider than the measure "
			          "and is broken between characters", len);
		p->items.len = first;
		int warned = L->warned_missing_glyph;
		L->warned_missing_glyph = INT_MAX;
		set_boxes(L, p, fst, s, len, src, hyph, 1);
		L->warned_missing_glyph = warned;
	}
	return total;
}

/* set_word's boxes and penalties for S[0..len) with hyphenation points
 * HYPH (NULL: none), and a break chance between any two characters if
 * EMERGENCY; returns the natural width. Measures each character once,
 * in the face it is picked in, as lay_text_width does. */
static double set_boxes(lay *L, lay_para *p, const lay_font_state *fst,
                        const char *s, size_t len, const doc_node *src,
                        const unsigned char *hyph, int emergency)
{
	const char *end = s + len;
	const char *run = s, *q = s;
	int face = -1;
	double w = 0;
	while (q < end) {
		const char *c0 = q;
		uint32_t cp = utf8_next(&q, end);
		int f = pick(L, fst->role, cp, src);
		int a = font_advance(L->fs, f, cp);
		w += a > 0 ? a : 0;
		if (cp == 0xAD) {
			/* a soft hyphen: a break showing "-", nothing else */
			if (face >= 0 && c0 > run)
				add_box(L, p, fst, face, run, (size_t)(c0 - run), src);
			if (face >= 0)
				add_penalty(p, EXHYPHEN_PENALTY, 1,
				            font_width(L->fs, face, "-", 1) *
				            fst->size / 1000);
			run = q;
			continue;
		}
		if (face >= 0 && f != face) {
			add_box(L, p, fst, face, run, (size_t)(c0 - run), src);
			run = c0;
		}
		face = f;
		int brk = 0, flagged = 0, value = EXHYPHEN_PENALTY;
		double hw = 0;
		if (q < end) {
			if ((cp == '-' && c0 > s) || cp == 0x2014 || cp == 0x2013)
				brk = 1, flagged = cp == '-';
			else if (cp == '/' && fst->nobreak)
				brk = 1;
			else if (hyph && hyph[q - s - 1]) {
				brk = 1, flagged = 1, value = HYPHEN_PENALTY;
				hw = font_width(L->fs, face, "-", 1) * fst->size / 1000;
			} else if (emergency)
				brk = 1, value = 100;
		}
		if (brk) {
			add_box(L, p, fst, face, run, (size_t)(q - run), src);
			add_penalty(p, value, flagged, hw);
			run = q;
			face = -1;
		}
	}
	if (q > run && face >= 0)
		add_box(L, p, fst, face, run, (size_t)(q - run), src);
	return w * fst->size / 1000;
}

static int all_digits(const char *s, size_t len, int seps)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!(s[i] >= '0' && s[i] <= '9') &&
		    !(seps && i > 0 && i + 1 < len && (s[i] == ',' || s[i] == '.')))
			return 0;
	return 1;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0;
}

/* Whether the space between the previous word PREV and the word W must
 * not break: before a dash, inside "10 000", between a number and its
 * unit, after a one-letter Bulgarian word (when the style asks). */
static int keep_space(const lay *L, const char *prev, size_t plen,
                      const char *w, size_t len, const char *lang)
{
	if (!prev || !plen)
		return 0;
	if (starts_with(w, len, "–") || starts_with(w, len, "—"))
		return 1;
	size_t core = len;
	while (core && strchr(".,;:)]»”“'’", w[core - 1]))
		core--;
	if (all_digits(prev, plen, 1)) {
		if (core == 3 && all_digits(w, 3, 0))
			return 1;
		static const char *const units[] = {
			"%", "‰", "km", "m", "cm", "mm", "kg", "g", "t", "h",
			"min", "EUR", "€", "BGN", "NOK", "USD", "per", "лв",
			"км", "кг", "м", "ч", "г", "хил", "млн", "млрд",
			"million", "billion", "thousand"};
		for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
			size_t n = strlen(units[i]);
			if (len >= n && memcmp(w, units[i], n) == 0 &&
			    (len == n || strchr(".,;:)²³", w[n])))
				return 1;
		}
	}
	if (L->s->nbsp_single_letter && lang && strncmp(lang, "bg", 2) == 0 &&
	    plen == 2) {
		static const char *const one[] = {"в", "с", "и", "а", "о", "у",
		                                  "к", "В", "С", "И", "А", "О",
		                                  "У", "К"};
		for (size_t i = 0; i < sizeof one / sizeof *one; i++)
			if (memcmp(prev, one[i], 2) == 0)
				return 1;
	}
	return 0;
}

void lay_para_text(lay *L, lay_para *p, const lay_font_state *fst,
                   const char *s, size_t len, const doc_node *src)
{
	const char *end = s + len, *q = s;
	while (q < end) {
		const char *c0 = q;
		uint32_t cp = utf8_next(&q, end);
		if (is_space(cp)) {
			add_glue(L, p, fst);
			continue;
		}
		const char *w = c0;
		while (q < end) {
			const char *r = q;
			if (is_space(utf8_next(&r, end)))
				break;
			q = r;
		}
		lay_inl *g = last(p);
		if (g && g->kind == INL_GLUE &&
		    keep_space(L, p->prev_word, p->prev_len, w, (size_t)(q - w),
		               fst->lang)) {
			/* a penalty before the glue makes it no break */
			lay_inl glue = *g;
			*g = (lay_inl){.kind = INL_PENALTY, .penalty = LAY_INF,
			               .fn = -1, .fnid = -1};
			*push(p, INL_GLUE) = glue;
		}
		add_word(L, p, fst, w, (size_t)(q - w), src);
		p->prev_word = w;
		p->prev_len = (size_t)(q - w);
	}
}

void lay_para_box(lay *L, lay_para *p, const lay_font_state *fst,
                  const char *s, size_t len, int fnid, int fn)
{
	s = arena_strndup(L->a, s, len);
	const char *end = s + len, *q = s;
	while (q < end) {
		const char *run = q;
		int face = pick(L, fst->role, utf8_next(&q, end), NULL);
		while (q < end) {
			const char *r = q;
			if (pick(L, fst->role, utf8_next(&r, end), NULL) != face)
				break;
			q = r;
		}
		add_box(L, p, fst, face, run, (size_t)(q - run), NULL);
		last(p)->fnid = fnid;
		last(p)->fn = fn;
	}
}

void lay_para_newline(lay *L, lay_para *p)
{
	(void)L;
	lay_inl *l = last(p);
	if (l && l->kind == INL_GLUE)
		p->items.len--;
	lay_inl *g = push(p, INL_GLUE);
	g->stretch = LAY_INF * 100.0; /* fills the line */
	add_penalty(p, -LAY_INF, 0, 0);
}

/* ---- Knuth–Plass total-fit breaking ---- */

/* The adjustment ratio of a line that is EXCESS short of the measure
 * (negative: too wide), whose glue stretches by Y and shrinks by Z and
 * whose glyphs font expansion may scale by EX either way (the limit
 * times the line's text width; 0 without expansion). As in pdfTeX, glue
 * and glyphs share one ratio; the glyphs stop at their limit and the
 * glue takes the rest, so beyond 1 the ratio is the glue's own (what the
 * reader sees in the spaces). Below -1 the line cannot shrink enough;
 * INFINITY: nothing stretches. */
static double fit_ratio(double excess, double Y, double Z, double EX)
{
	if (excess > 1e-9) {
		if (excess <= Y + EX)
			return excess / (Y + EX);
		return Y > 0 ? (excess - EX) / Y : INFINITY;
	}
	if (excess < -1e-9)
		return Z + EX > 0 ? excess / (Z + EX) : -INFINITY;
	return 0;
}

typedef struct kp_node {
	int pos;        /* break item index (n: paragraph end) */
	int line;       /* lines before this break */
	int fitness;
	double w, y, z, inf;   /* sums after the break */
	double x;              /* glyph width after the break (expansion) */
	double demerits;
	int prev;       /* node index, -1 */
	int next;       /* next active, -1 */
	int flagged;
	int hrun;       /* hyphenated lines in a row ending here */
} kp_node;

typedef struct kp {
	const lay_inl *it;
	int n;
	double *sw, *sy, *sz, *sinf;   /* prefix sums, n+1 entries */
	double *sx;                    /* glyph (text box) widths, n+1 */
	double expand;                 /* font expansion limit, a fraction */
	vec nodes;                     /* kp_node */
} kp;

static int legal_break(const kp *k, int i)
{
	const lay_inl *x = &k->it[i];
	if (x->kind == INL_PENALTY)
		return x->penalty < LAY_INF;
	if (x->kind == INL_GLUE)
		return i > 0 && k->it[i - 1].kind == INL_BOX;
	return 0;
}

/* Sums after a break at B: skip the glue and penalties that vanish at a
 * line start. */
static void after_break(const kp *k, int b, kp_node *nd)
{
	double w = k->sw[b], y = k->sy[b], z = k->sz[b], inf = k->sinf[b];
	int i;
	for (i = b; i < k->n; i++) {
		const lay_inl *x = &k->it[i];
		if (x->kind == INL_BOX)
			break;
		if (x->kind == INL_PENALTY && x->penalty <= -LAY_INF && i > b)
			break;
		if (x->kind == INL_GLUE) {
			w += x->w;
			if (x->stretch >= LAY_INF)
				inf += 1;
			else
				y += x->stretch;
			z += x->shrink;
		}
	}
	nd->w = w;
	nd->x = k->sx[b];
	nd->y = y;
	nd->z = z;
	nd->inf = inf;
}

int lay_break_exhaustive;

/* Lower bounds of the sums after the active nodes' breaks. */
typedef struct kp_sums {
	double w, y, x, inf;
} kp_sums;

static inline void sums_least(kp_sums *s, const kp_node *nd)
{
	s->w = nd->w < s->w ? nd->w : s->w;
	s->y = nd->y < s->y ? nd->y : s->y;
	s->x = nd->x < s->x ? nd->x : s->x;
	s->inf = nd->inf < s->inf ? nd->inf : s->inf;
}

/* Whether every line from an active node to break B (its penalty's
 * width PW) would be looser than TOLERANCE allows: then the break is
 * not weighed against each node. A line from an earlier break is
 * longer and stretches more, and its ratio (fit_ratio) only falls as
 * the line grows and its stretch does, so the line from LEAST's sums,
 * longer and more elastic than any, bounds them all from below. Most
 * breaks of a paragraph end a line too short for any active node; a
 * margin keeps rounding from deciding a break at the limit. */
static int too_loose(const kp *k, int b, double pw, const kp_sums *least,
                     double width, double ragged, double tolerance)
{
	if (tolerance >= LAY_INF || k->sinf[b] - least->inf > 0)
		return 0;
	double excess = width - (k->sw[b] - least->w + pw);
	if (excess <= 1e-9)
		return 0;
	double r = fit_ratio(excess, k->sy[b] - least->y + ragged, 0,
	                     (k->sx[b] - least->x + pw) * k->expand);
	return 100.0 * r * r * r > tolerance * (1 + 1e-6);
}

/* Whether the way to this break in fitness class F with H hyphenated
 * lines before is worse than another way to it by more than the most
 * its class can save later (FITNESS_DEMERITS on the next line, nothing
 * in the same class) and allows no more (no fewer hyphenated lines in a
 * row): then no path through it can be the best, and its node is not
 * made. Without this
 * the last pass, which rejects no line, kept all twelve ways to every
 * break (23 paragraphs of the 250-page book took 25 M instructions). */
static int dominated(const double best[4][3], const int best_from[4][3],
                     int f, int h)
{
	for (int g = 0; g < 4; g++)
		for (int i = 0; i <= h; i++)
			if (best_from[g][i] >= 0 && (g != f || i != h) &&
			    best[g][i] + (g == f ? 0 : FITNESS_DEMERITS) <
			    best[f][h])
				return 1;
	return 0;
}

/* Runs one pass with TOLERANCE (badness); FINAL accepts any badness.
 * Returns the best final node index or -1. */
static int kp_pass(kp *k, double width, double ragged, double tolerance,
                   int final, int hyphenate)
{
	k->nodes.len = 0;
	kp_node *start = vec_push(&k->nodes);
	start->pos = -1;
	start->prev = -1;
	start->next = -1;
	start->fitness = 1;
	int active = 0;
	/* the least of each sum after the active nodes' breaks: the longest
	 * line that ends at a break, and its most stretch, start from them */
	kp_sums least = {start->w, start->y, start->x, start->inf};
	for (int b = 0; b < k->n; b++) {
		if (!legal_break(k, b))
			continue;
		const lay_inl *x = &k->it[b];
		if (!hyphenate && x->kind == INL_PENALTY && x->w > 0)
			continue;
		double pw = x->kind == INL_PENALTY ? x->w : 0;
		int pen = x->kind == INL_PENALTY ? x->penalty : 0;
		int flagged = x->kind == INL_PENALTY && x->flagged;
		if (!final && pen > -LAY_INF && !lay_break_exhaustive &&
		    too_loose(k, b, pw, &least, width, ragged, tolerance))
			continue;
		/* the best way to each fitness class, kept apart by how many
		 * hyphenated lines in a row it ends with (0, 1, 2) */
		double best[4][3];
		int best_from[4][3];
		for (int f = 0; f < 4; f++)
			for (int h = 0; h < 3; h++) {
				best[f][h] = INFINITY;
				best_from[f][h] = -1;
			}
		int prev_a = -1;
		least = (kp_sums){INFINITY, INFINITY, INFINITY, INFINITY};
		for (int a = active; a >= 0;) {
			kp_node *nd = VEC_AT(&k->nodes, kp_node, a);
			int next = nd->next;
			double L = k->sw[b] - nd->w + pw;
			/* the hyphen a break shows is a glyph too */
			double EX = (k->sx[b] - nd->x + pw) * k->expand;
			double r;
			if (L < width - 1e-9 && k->sinf[b] - nd->inf > 0)
				r = 0;
			else
				r = fit_ratio(width - L, k->sy[b] - nd->y + ragged,
				              k->sz[b] - nd->z, EX);
			int deactivate = r < -1 || pen <= -LAY_INF;
			/* never three hyphenated lines in a row */
			int third = flagged && nd->hrun >= 2;
			if (r >= -1 && !third) {
				double bad = isinf(r) ? LAY_INF
				             : 100.0 * fabs(r * r * r);
				bad = bad < LAY_INF ? bad : LAY_INF;
				if (bad <= tolerance || final) {
					double d = LINE_PENALTY + bad;
					d = d * d;
					if (pen > 0)
						d += (double)pen * pen;
					else if (pen > -LAY_INF)
						d -= (double)pen * pen;
					if (flagged && nd->flagged)
						d += FLAGGED_DEMERITS;
					if (pen <= -LAY_INF && nd->flagged)
						d += FINAL_HYPHEN_DEMERITS;
					int fit = r < -0.5 ? 0 : r <= 0.5 ? 1
					          : r <= 1 ? 2 : 3;
					if (abs(fit - nd->fitness) > 1)
						d += FITNESS_DEMERITS;
					d += nd->demerits;
					int hr = flagged ? nd->hrun + 1 : 0;
					if (d < best[fit][hr]) {
						best[fit][hr] = d;
						best_from[fit][hr] = a;
					}
				}
			}
			if (deactivate) {
				if (prev_a < 0)
					active = next;
				else
					VEC_AT(&k->nodes, kp_node, prev_a)->next = next;
			} else {
				prev_a = a;
				sums_least(&least, nd);
			}
			a = next;
		}
		for (int f = 0; f < 4; f++)
		for (int h = 0; h < 3; h++) {
			if (best_from[f][h] < 0 ||
			    dominated(best, best_from, f, h))
				continue;
			int from = best_from[f][h];
			kp_node *nn = VEC_PUSH(&k->nodes, kp_node);
			kp_node *fromn = VEC_AT(&k->nodes, kp_node, from);
			nn->pos = b;
			nn->line = fromn->line + 1;
			nn->fitness = f;
			nn->demerits = best[f][h];
			nn->prev = from;
			nn->flagged = flagged;
			nn->hrun = flagged ? fromn->hrun + 1 : 0;
			after_break(k, b, nn);
			int idx = (int)k->nodes.len - 1;
			nn->next = active;
			active = idx;
			sums_least(&least, nn);
		}
		if (active < 0 && !final)
			return -1;
	}
	int best = -1;
	double bd = INFINITY;
	for (int a = active; a >= 0; a = VEC_AT(&k->nodes, kp_node, a)->next) {
		kp_node *nd = VEC_AT(&k->nodes, kp_node, a);
		if (nd->pos == k->n - 1 && nd->demerits < bd) {
			bd = nd->demerits;
			best = a;
		}
	}
	return best;
}

int lay_break(const lay_inl *items, int n, double width, double ragged,
              double expand, int **breaks)
{
	kp k = {0};
	k.it = items;
	k.n = n;
	k.expand = expand > 0 ? expand : 0;
	/* the five prefix sums in one block, each written in full below (a
	 * zeroed block per sum cost 2 M instructions at 50 pages) */
	size_t m = (size_t)k.n + 1;
	k.sx = xmalloc(5 * m * sizeof(double));
	k.sw = k.sx + m;
	k.sy = k.sw + m;
	k.sz = k.sy + m;
	k.sinf = k.sz + m;
	k.sx[0] = k.sw[0] = k.sy[0] = k.sz[0] = k.sinf[0] = 0;
	for (int i = 0; i < k.n; i++) {
		const lay_inl *x = &k.it[i];
		k.sw[i + 1] = k.sw[i];
		k.sy[i + 1] = k.sy[i];
		k.sz[i + 1] = k.sz[i];
		k.sinf[i + 1] = k.sinf[i];
		k.sx[i + 1] = k.sx[i];
		if (x->kind == INL_BOX) {
			k.sw[i + 1] += x->w;
			if (x->len > 0) /* text, not the indent */
				k.sx[i + 1] += x->w;
		} else if (x->kind == INL_GLUE) {
			k.sw[i + 1] += x->w;
			if (x->stretch >= LAY_INF)
				k.sinf[i + 1] += 1;
			else
				k.sy[i + 1] += x->stretch;
			k.sz[i + 1] += x->shrink;
		}
	}
	k.nodes = VEC_INIT(kp_node);
	/* TeX's passes: without hyphenation first, then with it, then
	 * looser, then anything that is not overfull */
	int best = kp_pass(&k, width, ragged, 100, 0, 0);
	if (best < 0)
		best = kp_pass(&k, width, ragged, 200, 0, 1);
	if (best < 0)
		best = kp_pass(&k, width, ragged, 1000, 0, 1);
	if (best < 0)
		best = kp_pass(&k, width, ragged, LAY_INF, 1, 1);
	int count = 0;
	for (int a = best; a >= 0; a = VEC_AT(&k.nodes, kp_node, a)->prev)
		if (VEC_AT(&k.nodes, kp_node, a)->pos >= 0)
			count++;
	*breaks = xcalloc((size_t)count + 1, sizeof(int));
	int i = count;
	for (int a = best; a >= 0; a = VEC_AT(&k.nodes, kp_node, a)->prev) {
		kp_node *nd = VEC_AT(&k.nodes, kp_node, a);
		if (nd->pos >= 0)
			(*breaks)[--i] = nd->pos;
	}
	vec_free(&k.nodes);
	free(k.sx); /* and the other sums, in its block */
	return count;
}

/* The breaks of paragraphs already set: the layout runs again for page
 * numbers, and most paragraphs come back unchanged. Keyed by a hash of
 * what the breaker sees (items' widths, stretch, shrink, penalties, the
 * measure); the breaks are kept in one pool. */
typedef struct brk_entry {
	uint64_t hash;
	size_t at;                 /* in the pool */
	int n, items, used;
} brk_entry;

struct lay_brk_cache {
	brk_entry *slots;
	size_t cap, count;
	int *pool;
	size_t npool, poolcap;
};

void lay_brk_cache_free(struct lay_brk_cache *c)
{
	if (!c)
		return;
	free(c->slots);
	free(c->pool);
	free(c);
}

/* Mixes the 8 bytes of a double, or an int widened, into hash H: a
 * word at a time (a paragraph hashes thousands of values). */
static uint64_t mix64(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

static uint64_t mixd(uint64_t h, double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof v);
	return mix64(h, v);
}

static int cached_break(lay *L, lay_para *p, int **breaks)
{
	const lay_inl *it = p->items.data;
	int n = (int)p->items.len;
	double ragged = p->align == ALIGN_JUSTIFY ? 0 : p->size * 3;
	double expand = p->align == ALIGN_JUSTIFY ? p->expand : 0;
	uint64_t h = 1469598103934665603ULL;
	h = mixd(h, p->width);
	h = mixd(h, ragged);
	h = mixd(h, expand);
	for (int i = 0; i < n; i++) {
		int kind = it[i].kind;
		h = mix64(h, (uint64_t)kind);
		h = mixd(h, it[i].w);
		if (kind == INL_BOX) {
			h = mix64(h, it[i].len > 0); /* text expands */
		} else if (kind == INL_GLUE) {
			h = mixd(h, it[i].stretch);
			h = mixd(h, it[i].shrink);
		} else if (kind == INL_PENALTY) {
			h = mix64(h, (uint64_t)(int64_t)it[i].penalty);
			h = mix64(h, (uint64_t)it[i].flagged);
		}
	}
	struct lay_brk_cache *c = L->brk;
	if (!c)
		c = L->brk = xcalloc(1, sizeof *c);
	if (c->count * 2 >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		brk_entry *slots = xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < c->cap; i++)
			if (c->slots[i].used) {
				size_t j = c->slots[i].hash & (cap - 1);
				while (slots[j].used)
					j = (j + 1) & (cap - 1);
				slots[j] = c->slots[i];
			}
		free(c->slots);
		c->slots = slots;
		c->cap = cap;
	}
	size_t j = h & (c->cap - 1);
	for (; c->slots[j].used; j = (j + 1) & (c->cap - 1))
		if (c->slots[j].hash == h && c->slots[j].items == n) {
			brk_entry *e = &c->slots[j];
			*breaks = xmalloc(((size_t)e->n + 1) * sizeof **breaks);
			if (e->n > 0)
				memcpy(*breaks, c->pool + e->at,
				       (size_t)e->n * sizeof **breaks);
			return e->n;
		}
	int nb = lay_break(it, n, p->width, ragged, expand, breaks);
	if (c->npool + (size_t)nb > c->poolcap) {
		c->poolcap = (c->poolcap ? c->poolcap * 2 : 4096) + (size_t)nb;
		c->pool = xrealloc(c->pool, c->poolcap * sizeof *c->pool);
	}
	brk_entry *e = &c->slots[j];
	e->hash = h;
	e->at = c->npool;
	e->n = nb;
	e->items = n;
	e->used = 1;
	if (nb > 0) /* the pool and *breaks may be NULL: UBSan (issue 7) */
		memcpy(c->pool + c->npool, *breaks,
		       (size_t)nb * sizeof **breaks);
	c->npool += (size_t)nb;
	c->count++;
	return nb;
}

page_item *lay_items_copy(lay *L, vec *items, size_t *n)
{
	*n = items->len;
	if (!items->len)
		return NULL;
	page_item *out = arena_alloc(L->ia, items->len * sizeof *out);
	memcpy(out, items->data, items->len * sizeof *out);
	items->len = 0;
	return out;
}

/* Adds proof marks over box B (at X, BW wide as set, on baseline BASE)
 * for the marks of its text node that it overlaps, merging with the
 * line's last mark when it continues the same one. */
static void mark_box(lay *L, vec *items, const lay_inl *b, double x,
                     double bw, double base, double size)
{
	const doc_node *src = b->src;
	if (!src || src->kind != DOC_TEXT || b->s < src->text ||
	    b->s >= src->text + src->textlen)
		return;
	int m = L->mark_first[src->idx];
	if (m < 0)
		return;
	size_t b0 = (size_t)(b->s - src->text), b1 = b0 + b->len;
	const layout_opts *o = L->opts;
	for (; (size_t)m < o->nmarks && o->marks[m].node == src->idx; m++) {
		const layout_mark *mk = &o->marks[m];
		if (mk->byte >= b1 || mk->byte + mk->len <= b0)
			continue;
		page_item *last = items->len ? VEC_AT(items, page_item,
		                                      items->len - 1) : NULL;
		for (size_t j = items->len; j-- > 0;) {
			page_item *it = VEC_AT(items, page_item, j);
			if (it->kind == ITEM_MARK) {
				last = it;
				break;
			}
		}
		if (last && last->kind == ITEM_MARK && last->mark == (unsigned)m + 1) {
			last->w = x + bw - last->x;
			continue;
		}
		page_item *it = VEC_PUSH(items, page_item);
		it->kind = ITEM_MARK;
		it->x = x;
		it->y = base - size * 0.8;
		it->w = bw;
		it->h = size * 1.05;
		it->mark = (unsigned)m + 1;
		it->note = mk->note;
	}
}

/* Renders items [from, to) as one line; BRK is the break item. */
static void render_line(lay *L, lay_para *p, int from, int to, int brk,
                        int first, double x0, vec *out)
{
	const lay_inl *it = p->items.data;
	double nat = 0, Y = 0, Z = 0, X = 0;
	int inf = 0;
	for (int i = from; i < to; i++) {
		if (it[i].kind == INL_PENALTY)
			continue; /* a penalty has width only where it breaks */
		nat += it[i].w;
		if (it[i].kind == INL_BOX && it[i].len > 0)
			X += it[i].w;
		if (it[i].kind == INL_GLUE) {
			if (it[i].stretch >= LAY_INF)
				inf = 1;
			else
				Y += it[i].stretch;
			Z += it[i].shrink;
		}
	}
	int hyphen = brk < (int)p->items.len && it[brk].kind == INL_PENALTY &&
	             it[brk].w > 0;
	if (hyphen) {
		nat += it[brk].w;
		X += it[brk].w;
	}
	/* font expansion: the glyphs take their share of the adjustment
	 * ratio the breaker rated the line by (up to the limit), rounded
	 * down to 1/10000 so the glue closes the line exactly; a line with
	 * fill glue (a paragraph's last) only shrinks */
	double scale = 1;
	int tz = 0;
	if (p->align == ALIGN_JUSTIFY && p->expand > 0 && X > 0 &&
	    (!inf || nat > p->width)) {
		double re = fit_ratio(p->width - nat, Y, Z, p->expand * X);
		re = fmax(-1, fmin(1, re));
		int lim = (int)floor(p->expand * 10000 + 1e-6);
		tz = (int)floor(re * p->expand * 10000 + 1e-6);
		tz = tz < -lim ? -lim : tz > lim ? lim : tz;
		scale = 1 + tz / 10000.0;
		nat += (scale - 1) * X;
	}
	double r = 0;
	if (nat < p->width && !inf && Y > 0 && p->align == ALIGN_JUSTIFY)
		r = (p->width - nat) / Y;
	else if (nat > p->width && Z > 0)
		r = fmax(-1, (p->width - nat) / Z);
	double x = 0;
	if (r == 0 && p->align == ALIGN_CENTER)
		x = (p->width - nat) / 2;
	else if (r == 0 && p->align == ALIGN_RIGHT)
		x = p->width - nat;
	double base = (p->leading - p->size) / 2 + 0.78 * p->size;
	/* the line's items are gathered in storage kept between lines, then
	 * copied to the item arena */
	if (!L->line_items.size)
		L->line_items = VEC_INIT(page_item);
	vec items = L->line_items;
	items.len = 0;
	int fn_first = -1, fn_n = 0;
	if (first && p->marker) {
		page_item *m = VEC_PUSH(&items, page_item);
		m->kind = ITEM_TEXT;
		m->face = p->marker_face;
		m->size = p->marker_size;
		m->color = p->marker_color;
		m->s = p->marker;
		m->len = strlen(p->marker);
		m->w = p->marker_w;
		m->x = -p->marker_w - p->size * 0.5;
		m->y = base;
	}
	/* link areas: merged over consecutive items with the same target;
	 * LINK indexes the open area (items move as the vec grows) */
	long link = -1;
	int prev_kern_free = 0;
	for (int i = from; i < to; i++) {
		const lay_inl *x0i = &it[i];
		double w = x0i->kind == INL_PENALTY ? 0 : x0i->w;
		int text = x0i->kind == INL_BOX && x0i->len > 0;
		if (text)
			w *= scale;
		if (x0i->kind == INL_GLUE)
			w += r > 0 ? r * (x0i->stretch >= LAY_INF ? 0 : x0i->stretch)
			           : r * x0i->shrink;
		/* a box that continues the last text run (a word cut at a
		 * hyphenation point that did not break) joins it: fewer runs
		 * for the PDF */
		page_item *prev_t = items.len ? VEC_AT(&items, page_item,
		                                       items.len - 1) : NULL;
		if (x0i->kind == INL_BOX && prev_t && prev_kern_free &&
		    prev_t->kind == ITEM_TEXT && prev_t->face == x0i->face &&
		    prev_t->size == x0i->size && prev_t->s + prev_t->len == x0i->s &&
		    prev_t->y == base - x0i->rise &&
		    fabs(prev_t->x + prev_t->w - x) < 1e-9 &&
		    style_color_eq(prev_t->color, x0i->color) &&
		    x0i->fnid < 0 && !L->mark_first) {
			prev_t->len += x0i->len;
			prev_t->w += w;
			prev_kern_free = !x0i->kerned;
		} else if (x0i->kind == INL_BOX) {
			prev_kern_free = !x0i->kerned && x0i->len > 0;
			page_item *t = VEC_PUSH(&items, page_item);
			t->kind = ITEM_TEXT;
			t->x = x;
			t->y = base - x0i->rise;
			t->face = x0i->face;
			t->size = x0i->size;
			t->color = x0i->color;
			t->s = x0i->s;
			t->len = x0i->len;
			t->w = w;
			t->tz = (short)(text ? tz : 0);
			if (x0i->fnid >= 0) {
				if (fn_first < 0)
					fn_first = x0i->fnid;
				fn_n = x0i->fnid - fn_first + 1;
			}
			if (L->mark_first)
				mark_box(L, &items, x0i, x, w, base, p->size);
		}
		page_item *lk = link >= 0 ? VEC_AT(&items, page_item, link) : NULL;
		if ((x0i->target || x0i->uri) && x0i->kind != INL_PENALTY) {
			int same = lk && lk->target == x0i->target &&
			           lk->uri == x0i->uri;
			if (same) {
				lk->w = x + w - lk->x;
			} else if (x0i->kind == INL_BOX) {
				page_item *l = VEC_PUSH(&items, page_item);
				l->kind = ITEM_LINK;
				l->x = x;
				l->y = base - p->size * 0.85;
				l->h = p->size * 1.1;
				l->target = x0i->target;
				l->uri = x0i->uri;
				l->w = w;
				link = (long)items.len - 1;
			}
		} else if (x0i->kind == INL_BOX) {
			link = -1;
		}
		x += w;
	}
	/* the hyphen is set in the face of the box before it; the item
	 * before the break may be another penalty (two soft hyphens in a
	 * row) or glue, whose colour is NULL: look back for the box */
	int hb = to - 1;
	while (hyphen && hb >= from && it[hb].kind != INL_BOX)
		hb--;
	if (hyphen && hb >= from) {
		const lay_inl *pb = &it[brk];
		page_item *t = VEC_PUSH(&items, page_item);
		const lay_inl *prev = &it[hb];
		t->kind = ITEM_TEXT;
		t->x = x;
		t->y = base - prev->rise;
		t->face = prev->face;
		t->size = prev->size;
		t->color = prev->color;
		t->s = "-";
		t->len = 1;
		t->w = pb->w * scale;
		t->tz = (short)tz;
	}
	lay_v *v = VEC_PUSH(out, lay_v);
	v->kind = V_BOX;
	v->h = p->leading;
	v->x = x0;
	v->tint = L->cur_tint;
	v->fn_first = fn_first;
	v->fn_n = fn_n;
	v->items = lay_items_copy(L, &items, &v->nitems);
	L->line_items = items;
}

int lay_para_emit_to(lay *L, lay_para *p, double x, vec *out)
{
	/* drop trailing glue, then close with fill glue and a forced break */
	while (p->items.len && last(p)->kind == INL_GLUE)
		p->items.len--;
	if (!p->items.len)
		return 0;
	lay_inl *l = last(p);
	if (!(l->kind == INL_PENALTY && l->penalty <= -LAY_INF)) {
		lay_inl *g = push(p, INL_GLUE);
		g->stretch = LAY_INF * 100.0;
		add_penalty(p, -LAY_INF, 0, 0);
	}
	if (p->indent > 0) {
		/* the indent is a box before everything */
		lay_inl *tmp = vec_push(&p->items);
		memmove((lay_inl *)p->items.data + 1, p->items.data,
		        (p->items.len - 1) * sizeof(lay_inl));
		tmp = p->items.data;
		memset(tmp, 0, sizeof *tmp);
		tmp->kind = INL_BOX;
		tmp->w = p->indent;
		tmp->fn = tmp->fnid = -1;
		tmp->len = 0;
		tmp->color = &L->s->text_color;
	}
	int *breaks = NULL;
	int nb = cached_break(L, p, &breaks);
	int start = 0, lines = 0;
	size_t first_v = out->len;
	for (int i = 0; i < nb; i++) {
		int b = breaks[i];
		/* skip discardables at line start */
		while (start < b && p->items.data &&
		       ((lay_inl *)p->items.data)[start].kind != INL_BOX)
			start++;
		render_line(L, p, start, b, b, lines == 0, x, out);
		lines++;
		start = b + 1;
	}
	free(breaks);
	/* empty boxes (the indent) produce no text item */
	for (size_t i = first_v; i < out->len; i++) {
		lay_v *v = VEC_AT(out, lay_v, i);
		size_t k = 0;
		for (size_t j = 0; j < v->nitems; j++)
			if (!(v->items[j].kind == ITEM_TEXT && v->items[j].len == 0))
				v->items[k++] = v->items[j];
		v->nitems = k;
	}
	/* widow and orphan control: penalties between the lines */
	if (lines > 1) {
		vec tmp = VEC_INIT(lay_v);
		for (size_t i = first_v; i < out->len; i++) {
			*(lay_v *)vec_push(&tmp) = *VEC_AT(out, lay_v, i);
			size_t li = i - first_v + 1; /* lines so far */
			if ((int)li < lines) {
				lay_v *pen = vec_push(&tmp);
				pen->kind = V_PENALTY;
				pen->penalty = (li == 1 || (int)li == lines - 1)
				               ? LAY_INF : 0;
				pen->tint = L->cur_tint;
			}
		}
		out->len = first_v;
		for (size_t i = 0; i < tmp.len; i++)
			*(lay_v *)vec_push(out) = *VEC_AT(&tmp, lay_v, i);
		vec_free(&tmp);
	}
	return lines;
}

int lay_para_emit(lay *L, lay_para *p, double x)
{
	return lay_para_emit_to(L, p, x, L->out);
}
