/* layout_page — the page builder: cuts the vertical list into pages at
 * the last legal break that fits (glue after a box, or a penalty below
 * infinity), so headings stay with their text and paragraphs leave no
 * widow or orphan; places footnotes at the foot of the page of their
 * reference, repeats table header rows, draws tinted boxes behind their
 * lines, and adds running heads and page numbers. See layout_int.h. */
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Space between the figures at a page's top and its text. */
#define FLOAT_SEP(L) ((L)->s->body_leading * 0.5)

/* Lines [from, to) of footnote FNID. */
typedef struct note_part {
	int fnid;
	size_t from, to;
} note_part;

typedef struct page_meta {
	const char *head;
	int no_head, full, blank;
} page_meta;

typedef struct pager {
	lay *L;
	vec meta;                  /* page_meta */
	vec items;                 /* page_item: the page being built */
	vec under;                 /* page_item: tints, drawn first */
	vec pending;               /* lay_v *: anchors waiting for a box */
	vec floats;                /* lay_v *: figures for the next page top */
	vec notes;                 /* note_part: the notes of this page */
	vec carry;                 /* note_part: the rest of split notes */
	/* a note split by find_break: its box, note and lines kept */
	size_t split_j;
	int split_fnid, split_k, split_set;
	vec skip;                  /* size_t: floats skipped on this page */
	const char *chapter;
	int body_page;             /* index of body page 1, or -1 */
	int want_body;
	int last_table;            /* table of the last box placed */
	double tint_top[64], tint_bot[64];
	int tint_ids[64], ntints;
} pager;

static double text_x(const lay *L, size_t pageno)
{
	return pageno % 2 == 0 ? L->s->margin_inner : L->s->margin_outer;
}

static page *new_page(pager *P)
{
	page_doc *pd = P->L->pd;
	if (pd->npages == pd->cap) {
		pd->cap = pd->cap ? pd->cap * 2 : 64;
		pd->pages = xrealloc(pd->pages, pd->cap * sizeof *pd->pages);
	}
	page *pg = &pd->pages[pd->npages++];
	memset(pg, 0, sizeof *pg);
	page_meta *m = vec_push(&P->meta);
	m->head = P->chapter;
	return pg;
}

static void add_item(pager *P, vec *into, const page_item *it, double dx,
                     double dy)
{
	page_item *o = VEC_PUSH(into, page_item);
	*o = *it;
	o->x += dx;
	o->y += dy;
}

static void outline_add(lay *L, int level, const char *title, int pg,
                        double y)
{
	page_doc *pd = L->pd;
	if (pd->noutline == pd->outcap) {
		pd->outcap = pd->outcap ? pd->outcap * 2 : 64;
		pd->outline = xrealloc(pd->outline,
		                       pd->outcap * sizeof *pd->outline);
	}
	page_outline *o = &pd->outline[pd->noutline++];
	o->level = level;
	o->title = title;
	o->page = pg;
	o->y = y;
}

/* Gives the pending anchors their place: page PG at Y. */
static void resolve_anchors(pager *P, int pg, double y)
{
	lay *L = P->L;
	for (size_t i = 0; i < P->pending.len; i++) {
		lay_v *a = *VEC_AT(&P->pending, lay_v *, i);
		if (a->node) {
			L->page_of[a->node - 1] = pg;
			L->y_of[a->node - 1] = y;
		}
		if (a->level >= 0 && a->title)
			outline_add(L, a->level, a->title, pg, y);
		if (a->chapter) {
			P->chapter = a->chapter;
			page_meta *m = VEC_AT(&P->meta, page_meta, (size_t)pg);
			m->head = a->chapter;
		}
		if (a->no_head)
			VEC_AT(&P->meta, page_meta, (size_t)pg)->no_head = 1;
		if (a->body_start && P->body_page < 0)
			P->body_page = pg;
	}
	P->pending.len = 0;
}

static void tint_extend(pager *P, int tint, double top, double bot)
{
	if (!tint)
		return;
	for (int i = 0; i < P->ntints; i++)
		if (P->tint_ids[i] == tint) {
			if (top < P->tint_top[i])
				P->tint_top[i] = top;
			if (bot > P->tint_bot[i])
				P->tint_bot[i] = bot;
			return;
		}
	if (P->ntints < 64) {
		P->tint_ids[P->ntints] = tint;
		P->tint_top[P->ntints] = top;
		P->tint_bot[P->ntints] = bot;
		P->ntints++;
	}
}

/* Footnote height with the separator when it is the page's first. */
static double notes_height(lay *L, const lay_v *v, int first_on_page)
{
	if (v->kind != V_BOX || v->fn_n <= 0)
		return 0;
	double h = first_on_page ? L->s->footnote_leading : 0;
	for (int k = 0; k < v->fn_n; k++) {
		int id = v->fn_first + k;
		if (id >= 0 && (size_t)id < L->notes.len)
			h += VEC_AT(&L->notes, lay_footnote, (size_t)id)->h;
	}
	return h;
}

static double header_height(lay *L, int table)
{
	lay_table *t = VEC_AT(&L->tables, lay_table, (size_t)table);
	double h = 0;
	for (size_t i = 0; i < t->header.len; i++)
		h += VEC_AT(&t->header, lay_v, i)->h;
	return h;
}

/* The first box from I on, or NULL before a break. */
static lay_v *first_box(lay *L, size_t i)
{
	for (; i < L->v.len; i++) {
		lay_v *v = VEC_AT(&L->v, lay_v, i);
		if (v->kind == V_BOX)
			return v;
		if (v->kind == V_BREAK || v->kind == V_PAGE)
			return NULL;
	}
	return NULL;
}

static double part_height(const lay *L, const note_part *np)
{
	lay_footnote *fn = VEC_AT(&L->notes, lay_footnote, (size_t)np->fnid);
	double h = 0;
	for (size_t l = np->from; l < np->to && l < fn->n; l++)
		h += fn->lines[l].h;
	return h;
}

/* A page gives continued notes at most this much of its height. */
#define CARRY_MAX(L) ((L)->text_h * 0.6)

/* Height of the continued notes waiting for this page, with the rule. */
static double carry_height(const pager *P)
{
	if (!P->carry.len)
		return 0;
	double h = P->L->s->footnote_leading;
	for (size_t k = 0; k < P->carry.len; k++)
		h += part_height(P->L, VEC_AT(&P->carry, note_part, k));
	return h < CARRY_MAX(P->L) ? h : CARRY_MAX(P->L);
}

/* Height of the boxes and glue from item I to the next forced break,
 * stopping once it passes LIMIT. */
static double tail_height(const lay *L, size_t i, double limit)
{
	double h = 0;
	for (; i < L->v.len && h <= limit; i++) {
		const lay_v *v = VEC_AT(&L->v, lay_v, i);
		if (v->kind == V_BREAK || v->kind == V_PAGE)
			break;
		if (v->kind == V_BOX || v->kind == V_GLUE)
			h += v->h;
	}
	return h;
}

/* Where the page starting at item I ends (exclusive): the last legal
 * break that fits, or an earlier one when that leaves a chapter's last
 * page with fewer than three lines. *SLACK gets the space left on a page
 * that ends because it is full (0 on a page ended by a forced break). */
static size_t find_break(pager *P, size_t i, double y0, double *slack)
{
	lay *L = P->L;
	double y = y0, fnh = carry_height(P);
	int placed = y0 > 0, fn_any = P->carry.len > 0;
	P->split_set = 0;
	enum { MAXC = 256 };
	size_t cand[MAXC];
	double cand_y[MAXC], cand_fn[MAXC];
	int nc = 0;
	*slack = 0;
	for (size_t j = i; j < L->v.len; j++) {
		lay_v *v = VEC_AT(&L->v, lay_v, j);
		int legal = 0;
		switch (v->kind) {
		case V_BOX: {
			double need = notes_height(L, v, !fn_any);
			if (placed && v->is_float &&
			    y + v->h + fnh + need > L->text_h + 0.01) {
				/* the figure waits for the next page's top */
				*(size_t *)vec_push(&P->skip) = j;
				break;
			}
			double sep = fn_any ? 0 : L->s->footnote_leading;
			if (placed && !P->split_set && v->fn_n > 0 &&
			    y + v->h + fnh + need > L->text_h + 0.01 &&
			    y + v->h + fnh + sep + 2 * L->s->footnote_leading <=
			    L->text_h) {
				/* the line fits but not all its notes: the last
				 * note is cut after the lines that fit and goes on
				 * at the foot of the next page */
				double avail = L->text_h - y - v->h - fnh - sep;
				double used = sep;
				int k = 0, id = -1;
				for (int q = 0; q < v->fn_n; q++) {
					id = v->fn_first + q;
					lay_footnote *fn = VEC_AT(&L->notes, lay_footnote,
					                          (size_t)id);
					if (used - sep + fn->h <= avail) {
						used += fn->h;
						continue;
					}
					double hh = 0;
					for (k = 0; (size_t)k < fn->n &&
					     hh + fn->lines[k].h <= avail - (used - sep); k++)
						hh += fn->lines[k].h;
					used += hh;
					break;
				}
				if (k > 0) {
					P->split_set = 1;
					P->split_j = j;
					P->split_fnid = id;
					P->split_k = k;
					y += v->h;
					fnh += used;
					fn_any = 1;
					placed = 1;
					break;
				}
			}
			if (placed && y + v->h + fnh + need > L->text_h + 0.01) {
				if (!nc)
					return j;
				int c = nc - 1;
				double lead = L->s->body_leading;
				double tail = tail_height(L, cand[c], L->text_h);
				if (tail > 0 && tail < 2.5 * lead) {
					/* move a few lines over rather than end a
					 * chapter with a page of one or two */
					for (int k = c - 1; k >= 0; k--) {
						double moved = cand_y[c] - cand_y[k];
						if (cand_y[k] < 0.7 * L->text_h ||
						    moved > 4 * lead)
							break;
						if (tail + moved >= 2.9 * lead &&
						    tail + moved <= L->text_h) {
							c = k;
							break;
						}
					}
				}
				*slack = L->text_h - cand_y[c] - cand_fn[c];
				return cand[c];
			}
			y += v->h;
			fnh += need;
			if (v->fn_n > 0)
				fn_any = 1;
			placed = 1;
			break;
		}
		case V_GLUE:
			if (placed) {
				lay_v *prev = VEC_AT(&L->v, lay_v, j - 1);
				legal = prev->kind == V_BOX;
				if (legal && nc < MAXC) {
					cand[nc] = j;
					cand_y[nc] = y;
					cand_fn[nc] = fnh;
					nc++;
				}
				y += v->h;
			}
			break;
		case V_PENALTY:
			if (placed && v->penalty < LAY_INF && nc < MAXC) {
				cand[nc] = j;
				cand_y[nc] = y;
				cand_fn[nc] = fnh;
				nc++;
			}
			break;
		case V_BREAK:
		case V_PAGE:
			return j;
		case V_ANCHOR:
			break;
		}
		if (nc == MAXC) {
			/* keep the latest candidates */
			memmove(cand, cand + MAXC / 2, MAXC / 2 * sizeof *cand);
			memmove(cand_y, cand_y + MAXC / 2, MAXC / 2 * sizeof *cand_y);
			memmove(cand_fn, cand_fn + MAXC / 2,
			        MAXC / 2 * sizeof *cand_fn);
			nc = MAXC / 2;
		}
	}
	return L->v.len;
}

/* Sets the page's notes at its foot: first what continues from the last
 * page, then its own, the one find_break split cut short and its rest
 * carried to the next page. */
static void place_notes(pager *P, page *pg, size_t pageno)
{
	lay *L = P->L;
	(void)pg;
	vec parts = VEC_INIT(note_part);
	/* what continues from the last page, up to CARRY_MAX: a note longer
	 * than that goes on over more pages */
	vec later = VEC_INIT(note_part);
	double room = CARRY_MAX(L) - L->s->footnote_leading;
	for (size_t k = 0; k < P->carry.len; k++) {
		note_part np = *VEC_AT(&P->carry, note_part, k);
		lay_footnote *fn = VEC_AT(&L->notes, lay_footnote, (size_t)np.fnid);
		size_t l = np.from;
		while (l < np.to && l < fn->n && fn->lines[l].h <= room) {
			room -= fn->lines[l].h;
			l++;
		}
		if (l == np.from && !parts.len && l < np.to)
			l++; /* always some progress */
		if (l > np.from) {
			note_part now = np;
			now.to = l;
			*(note_part *)vec_push(&parts) = now;
		}
		if (l < np.to) {
			note_part rest = np;
			rest.from = l;
			*(note_part *)vec_push(&later) = rest;
			room = -1;
		}
	}
	P->carry.len = 0;
	for (size_t k = 0; k < later.len; k++)
		*(note_part *)vec_push(&P->carry) = *VEC_AT(&later, note_part, k);
	vec_free(&later);
	for (size_t k = 0; k < P->notes.len; k++) {
		note_part np = *VEC_AT(&P->notes, note_part, k);
		if (P->split_set && np.fnid == P->split_fnid &&
		    (size_t)P->split_k < np.to) {
			note_part rest = np;
			rest.from = (size_t)P->split_k;
			*(note_part *)vec_push(&P->carry) = rest;
			np.to = (size_t)P->split_k;
		}
		*(note_part *)vec_push(&parts) = np;
	}
	P->notes.len = 0;
	P->split_set = 0;
	if (!parts.len) {
		vec_free(&parts);
		return;
	}
	double h = L->s->footnote_leading;
	for (size_t k = 0; k < parts.len; k++)
		h += part_height(L, VEC_AT(&parts, note_part, k));
	double x0 = text_x(L, pageno);
	double y = L->s->margin_top + L->text_h - h;
	page_item rule = {0};
	rule.kind = ITEM_LINE;
	rule.x = x0;
	rule.y = y + L->s->footnote_leading * 0.45;
	rule.w = L->text_w * 0.3;
	rule.lw = 0.4;
	rule.color = &L->s->rule_color;
	add_item(P, &P->items, &rule, 0, 0);
	y += L->s->footnote_leading;
	for (size_t k = 0; k < parts.len; k++) {
		note_part *np = VEC_AT(&parts, note_part, k);
		lay_footnote *fn = VEC_AT(&L->notes, lay_footnote, (size_t)np->fnid);
		for (size_t l = np->from; l < np->to && l < fn->n; l++) {
			lay_v *v = &fn->lines[l];
			if (v->kind == V_BOX)
				for (size_t m = 0; m < v->nitems; m++)
					add_item(P, &P->items, &v->items[m], x0 + v->x, y);
			y += v->h;
		}
	}
	vec_free(&parts);
}

static void finish_page(pager *P, page *pg, size_t pageno);

/* Items a page keeps room for after its own: running_heads adds the
 * running head, its rule and the folio without moving the page. */
#define PAGE_DECOR_ROOM 16

/* Opens a page when none is open. */
static void open_page(pager *P, page **pg, size_t *pageno)
{
	if (!*pg) {
		*pg = new_page(P);
		*pageno = P->L->pd->npages - 1;
	}
}

/* Closes the open page: its notes at the foot, its items moved in. */
static void close_page(pager *P, page **pg, size_t pageno)
{
	place_notes(P, *pg, pageno);
	finish_page(P, *pg, pageno);
	*pg = NULL;
}

/* Moves the built items into page PG: tints first. */
static void finish_page(pager *P, page *pg, size_t pageno)
{
	lay *L = P->L;
	double x0 = text_x(L, pageno);
	P->under.len = 0;
	for (int i = 0; i < P->ntints; i++) {
		lay_tint *t = VEC_AT(&L->tints, lay_tint, (size_t)P->tint_ids[i]);
		page_item r = {0};
		r.kind = ITEM_RECT;
		r.x = x0 + t->x;
		r.y = L->s->margin_top + P->tint_top[i];
		r.w = t->w;
		r.h = P->tint_bot[i] - P->tint_top[i];
		r.color = t->color;
		add_item(P, &P->under, &r, 0, 0);
		if (t->rule_left) {
			r.w = 2.5;
			r.color = t->rule;
			add_item(P, &P->under, &r, 0, 0);
		}
	}
	P->ntints = 0;
	size_t n = P->under.len + P->items.len;
	if (!P->under.len && P->items.len) {
		/* the page takes the buffer itself, cut to its items and room
		 * for the running head and folio: a shrinking realloc moves
		 * nothing (a page holds hundreds of items) */
		size_t cap = P->items.cap;
		pg->items = xrealloc(P->items.data,
		                     (n + PAGE_DECOR_ROOM) * sizeof *pg->items);
		P->items.data = xmalloc(cap * sizeof *pg->items);
	} else {
		pg->items = xmalloc((n + PAGE_DECOR_ROOM) * sizeof *pg->items);
		if (P->under.len)
			memcpy(pg->items, P->under.data,
			       P->under.len * sizeof *pg->items);
		if (P->items.len)
			memcpy(pg->items + P->under.len, P->items.data,
			       P->items.len * sizeof *pg->items);
	}
	pg->nitems = n;
	pg->cap = n + PAGE_DECOR_ROOM;
	P->items.len = 0;
	P->under.len = 0;
}

/* Places the box V at Y on the page; returns the new y. */
static double place_box(pager *P, lay_v *v, size_t pageno, double y)
{
	lay *L = P->L;
	double x0 = text_x(L, pageno);
	double ty = L->s->margin_top + y;
	for (size_t m = 0; m < v->nitems; m++)
		add_item(P, &P->items, &v->items[m], x0 + v->x, ty);
	tint_extend(P, v->tint, y, y + v->h);
	if (v->node && v->kind == V_BOX) {
		L->page_of[v->node - 1] = (int)pageno;
		L->y_of[v->node - 1] = y;
	}
	for (int k = 0; k < v->fn_n; k++) {
		int id = v->fn_first + k;
		note_part *np = vec_push(&P->notes);
		np->fnid = id;
		np->to = id >= 0 && (size_t)id < L->notes.len
		         ? VEC_AT(&L->notes, lay_footnote, (size_t)id)->n : 0;
	}
	P->last_table = v->table;
	return y + v->h;
}

/* Sets the figures still waiting on a page of their own: after the open
 * page when it has content, else on it. */
static void flush_floats(pager *P, page **pg, size_t *pageno, int has_content)
{
	if (*pg && has_content)
		close_page(P, pg, *pageno);
	open_page(P, pg, pageno);
	double y = 0;
	for (size_t k = 0; k < P->floats.len; k++)
		y = place_box(P, *VEC_AT(&P->floats, lay_v *, k), *pageno, y);
	P->floats.len = 0;
}

static void running_heads(pager *P)
{
	lay *L = P->L;
	const style *s = L->s;
	page_doc *pd = L->pd;
	int body = P->body_page >= 0 ? P->body_page : 0;
	static const char *const roman[] = {
		"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
		"xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix",
		"xx"};
	for (size_t p = 0; p < pd->npages; p++) {
		page *pg = &pd->pages[p];
		page_meta *m = VEC_AT(&P->meta, page_meta, p);
		pg->front = (int)p < body;
		pg->number = pg->front ? (int)p + 1 : (int)p - body + 1;
		if (m->full || m->blank)
			continue;
		vec items = VEC_INIT(page_item); /* the head and the folio */
		int recto = p % 2 == 0;
		double x0 = text_x(L, p);
		char num[16];
		const char *label = num;
		if (pg->front && pg->number <= 20)
			label = roman[pg->number - 1];
		else
			snprintf(num, sizeof num, "%d", pg->number);
		double fs = s->small_size;
		double fw = lay_text_width(L, FONT_SANS, fs, label, strlen(label));
		double fy = s->page_height - s->margin_bottom * 0.55;
		double fx = recto ? x0 + L->text_w - fw : x0;
		lay_text_items(L, &items, FONT_SANS, fs, &s->text_color, fx, fy,
		               label, strlen(label));
		if (s->running_heads && m->head && !m->no_head) {
			double hy = s->margin_top * 0.62;
			const char *h = m->head;
			size_t len = strlen(h);
			double hw = lay_text_width(L, FONT_SANS_ITALIC, fs, h, len);
			while (hw > L->text_w * 0.9 && len > 4) {
				/* shorten to a word boundary */
				len--;
				while (len > 0 && (h[len] & 0xC0) == 0x80)
					len--;
				hw = lay_text_width(L, FONT_SANS_ITALIC, fs, h, len);
			}
			const char *txt = len < strlen(h)
			                  ? arena_printf(L->a, "%.*s…", (int)len, h)
			                  : h;
			hw = lay_text_width(L, FONT_SANS_ITALIC, fs, txt, strlen(txt));
			double hx = recto ? x0 + L->text_w - hw : x0;
			lay_text_items(L, &items, FONT_SANS_ITALIC, fs,
			               &s->accent_color, hx, hy, txt, strlen(txt));
			page_item *r = vec_push(&items);
			r->kind = ITEM_LINE;
			r->x = x0;
			r->y = hy + fs * 0.5;
			r->w = L->text_w;
			r->lw = 0.4;
			r->color = &s->rule_color;
		}
		if (pg->nitems + items.len > pg->cap) {
			pg->cap = pg->nitems + items.len;
			pg->items = xrealloc(pg->items, pg->cap * sizeof *pg->items);
		}
		memcpy(pg->items + pg->nitems, items.data,
		       items.len * sizeof *pg->items);
		pg->nitems += items.len;
		vec_free(&items);
	}
}

static void resolve_links(lay *L)
{
	page_doc *pd = L->pd;
	for (size_t p = 0; p < pd->npages; p++)
		for (size_t k = 0; k < pd->pages[p].nitems; k++) {
			page_item *it = &pd->pages[p].items[k];
			if (it->kind != ITEM_LINK)
				continue;
			if (!it->target) {
				it->dest_page = -1;
				continue;
			}
			int pg = L->page_of[it->target - 1];
			it->dest_page = pg >= 0 ? pg : -2;
			it->dest_y = pg >= 0 ? L->y_of[it->target - 1]
			                       + L->s->margin_top : 0;
		}
}

void lay_paginate(lay *L)
{
	pager P = {0};
	P.L = L;
	P.meta = VEC_INIT(page_meta);
	P.items = VEC_INIT(page_item);
	P.under = VEC_INIT(page_item);
	P.pending = VEC_INIT(lay_v *);
	P.floats = VEC_INIT(lay_v *);
	P.notes = VEC_INIT(note_part);
	P.carry = VEC_INIT(note_part);
	P.skip = VEC_INIT(size_t);
	P.body_page = -1;
	size_t i = 0, n = L->v.len;
	page *pg = NULL;
	size_t pageno = 0;
	int has_content = 0;
	while (i < n) {
		lay_v *v = VEC_AT(&L->v, lay_v, i);
		if (v->kind == V_ANCHOR) {
			*(lay_v **)vec_push(&P.pending) = v;
			i++;
			continue;
		}
		if ((v->kind == V_BREAK || v->kind == V_PAGE) && P.carry.len &&
		    !(pg && has_content)) {
			/* a note continued from the last page needs a page */
			open_page(&P, &pg, &pageno);
			has_content = 1;
		}
		if ((v->kind == V_BREAK || v->kind == V_PAGE) && P.floats.len) {
			/* figures still waiting go before the break */
			flush_floats(&P, &pg, &pageno, has_content);
			has_content = 1;
		}
		if (v->kind == V_BREAK) {
			if (pg && has_content) {
				close_page(&P, &pg, pageno);
				has_content = 0;
			}
			/* the index the next page gets (an open page is empty) */
			int want_recto = v->recto == 1, want_verso = v->recto == -1;
			size_t idx = pg ? pageno : L->pd->npages;
			if ((want_recto && idx % 2 == 1) ||
			    (want_verso && idx % 2 == 0)) {
				open_page(&P, &pg, &pageno);
				VEC_AT(&P.meta, page_meta, pageno)->blank = 1;
				close_page(&P, &pg, pageno);
			}
			i++;
			continue;
		}
		if (v->kind == V_PAGE) {
			if (pg && has_content) {
				close_page(&P, &pg, pageno);
				has_content = 0;
			}
			open_page(&P, &pg, &pageno);
			resolve_anchors(&P, (int)pageno, 0);
			for (size_t m = 0; m < v->nitems; m++)
				add_item(&P, &P.items, &v->items[m], 0, 0);
			VEC_AT(&P.meta, page_meta, pageno)->full = 1;
			finish_page(&P, pg, pageno); /* notes wait for a text page */
			pg = NULL;
			has_content = 0;
			i++;
			continue;
		}
		/* a page of flowing text */
		if (!pg)
			has_content = 0;
		open_page(&P, &pg, &pageno);
		double y = 0;
		lay_v *fb = first_box(L, i);
		int repeat = fb && fb->table && !fb->header &&
		             fb->table == P.last_table && !has_content &&
		             VEC_AT(&L->tables, lay_table,
		                    (size_t)fb->table)->header.len > 0;
		double y0 = repeat ? header_height(L, fb->table) : 0;
		for (size_t k = 0; k < P.floats.len; k++)
			y0 += (*VEC_AT(&P.floats, lay_v *, k))->h;
		if (P.floats.len)
			y0 += FLOAT_SEP(L);
		double slack;
		P.skip.len = 0;
		size_t end = find_break(&P, i, y0, &slack);
		if (end == i && repeat) {
			/* a row that does not fit under the repeated header on
			 * an empty page never would: set it without the header,
			 * or pages follow forever (a row taller than the page:
			 * 237,451 pages and out of memory; issue 7) */
			repeat = 0;
			y0 -= header_height(L, fb->table);
			P.skip.len = 0;
			end = find_break(&P, i, y0, &slack);
		}
		if (P.split_set && P.split_j >= end)
			P.split_set = 0; /* the split line went to the next page */
		/* a full page ends on the same baseline as its facing page:
		 * the space left is shared by the glue between blocks, when
		 * each gets at most one line's worth */
		int nglue = 0, boxed = 0;
		for (size_t j = i; j < end; j++) {
			lay_v *w = VEC_AT(&L->v, lay_v, j);
			if (w->kind == V_BOX)
				boxed = 1;
			else if (w->kind == V_GLUE && boxed && !w->tint)
				nglue++;
		}
		double extra = nglue && slack > 0.01 &&
		               slack <= nglue * L->s->body_leading
		               ? slack / nglue : 0;
		/* figures held over from the last page come first, a line
		 * apart from the text */
		for (size_t k = 0; k < P.floats.len; k++)
			y = place_box(&P, *VEC_AT(&P.floats, lay_v *, k), pageno, y);
		int placed = P.floats.len > 0;
		if (placed)
			y += FLOAT_SEP(L);
		P.floats.len = 0;
		if (repeat) {
			lay_table *t = VEC_AT(&L->tables, lay_table,
			                      (size_t)fb->table);
			for (size_t k = 0; k < t->header.len; k++)
				y = place_box(&P, VEC_AT(&t->header, lay_v, k), pageno,
				              y);
		}
		size_t next_skip = 0;
		for (size_t j = i; j < end; j++) {
			lay_v *w = VEC_AT(&L->v, lay_v, j);
			if (next_skip < P.skip.len &&
			    *VEC_AT(&P.skip, size_t, next_skip) == j) {
				next_skip++;
				*(lay_v **)vec_push(&P.floats) = w;
				continue;
			}
			if (w->kind == V_ANCHOR) {
				*(lay_v **)vec_push(&P.pending) = w;
			} else if (w->kind == V_BOX) {
				resolve_anchors(&P, (int)pageno, y);
				y = place_box(&P, w, pageno, y);
				placed = 1;
			} else if (w->kind == V_GLUE && placed) {
				double h = w->h + (w->tint ? 0 : extra);
				tint_extend(&P, w->tint, y, y + h);
				y += h;
			} else if (w->kind == V_GLUE && w->tint) {
				/* glue at the page top inside a box: keep the pad */
			}
		}
		has_content = has_content || placed;
		i = end;
		if (i < n) {
			lay_v *e = VEC_AT(&L->v, lay_v, i);
			if (e->kind == V_BREAK || e->kind == V_PAGE)
				continue; /* handled above, page still open */
			if (end == i && !placed) {
				/* nothing fits even alone: place one item anyway */
			}
			/* the page is full: close it; skip discardables */
			while (i < n) {
				e = VEC_AT(&L->v, lay_v, i);
				if (e->kind != V_GLUE && e->kind != V_PENALTY)
					break;
				i++;
			}
		}
		close_page(&P, &pg, pageno);
		has_content = 0;
	}
	if (P.carry.len)
		open_page(&P, &pg, &pageno);
	if (P.floats.len)
		flush_floats(&P, &pg, &pageno, has_content);
	if (pg) {
		if (P.pending.len)
			resolve_anchors(&P, (int)pageno, 0);
		close_page(&P, &pg, pageno);
	}
	if (P.pending.len && L->pd->npages)
		resolve_anchors(&P, (int)L->pd->npages - 1, 0);
	/* pad to a multiple of pad-to pages (print) with blank pages
	 * before the back cover, which stays last */
	int pad = L->s->pad_to > 1 ? L->s->pad_to : 1;
	size_t np = L->pd->npages;
	if (pad > 1 && np % (size_t)pad) {
		size_t add = (size_t)pad - np % (size_t)pad;
		int back = L->s->has_cover && np > 1 &&
		           VEC_AT(&P.meta, page_meta, np - 1)->full;
		size_t at = back ? np - 1 : np;
		for (size_t k = 0; k < add; k++) {
			new_page(&P);
			VEC_AT(&P.meta, page_meta, L->pd->npages - 1)->blank = 1;
		}
		if (back) {
			/* move the back cover (page and meta) to the end */
			page last = L->pd->pages[at];
			page_meta lm = *VEC_AT(&P.meta, page_meta, at);
			for (size_t k = at; k + 1 < L->pd->npages; k++) {
				L->pd->pages[k] = L->pd->pages[k + 1];
				*VEC_AT(&P.meta, page_meta, k) =
					*VEC_AT(&P.meta, page_meta, k + 1);
			}
			L->pd->pages[L->pd->npages - 1] = last;
			*VEC_AT(&P.meta, page_meta, L->pd->npages - 1) = lm;
		}
	}
	running_heads(&P);
	resolve_links(L);
	vec_free(&P.notes);
	vec_free(&P.carry);
	vec_free(&P.meta);
	vec_free(&P.items);
	vec_free(&P.under);
	vec_free(&P.pending);
	vec_free(&P.floats);
	vec_free(&P.skip);
}
