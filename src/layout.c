/* layout — see layout.h. This file walks the tree: numbering, blocks,
 * inlines, tables, figures, the covers and the contents; layout_para.c
 * sets paragraphs and layout_page.c cuts pages. */
#include "layout_int.h"
#include "regfile.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PASSES 5

/* A block's frame: where its lines go and how they are set. */
typedef struct blk {
	double x, w;
	double size, leading;
	style_font role;
	const style_color *color;
	lay_align align;
	int noindent;      /* the next paragraph starts flush */
	int level;         /* list nesting */
	int div_depth;     /* heading level of the enclosing division */
} blk;

static void blocks(lay *L, const doc_node *n, blk *b);
static void block(lay *L, const doc_node *n, blk *b);

lay_v *lay_push(lay *L)
{
	return VEC_PUSH(L->out, lay_v);
}

/* Where blocks go while a note, a cell or a caption is set apart. */
typedef struct lay_redirect {
	vec *out;
	int tint;
} lay_redirect;

static lay_redirect redirect(lay *L, vec *to)
{
	lay_redirect r = {L->out, L->cur_tint};
	L->out = to;
	L->cur_tint = 0;
	return r;
}

static void restore(lay *L, lay_redirect r)
{
	L->out = r.out;
	L->cur_tint = r.tint;
}

static void vspace(lay *L, double h)
{
	if (h <= 0)
		return;
	lay_v *v = lay_push(L);
	v->kind = V_GLUE;
	v->h = h;
	v->tint = L->cur_tint;
}

static void vpenalty(lay *L, int value)
{
	lay_v *v = lay_push(L);
	v->kind = V_PENALTY;
	v->penalty = value;
	v->tint = L->cur_tint;
}

static void vbreak(lay *L, int recto)
{
	lay_v *v = lay_push(L);
	v->kind = V_BREAK;
	v->recto = recto;
}

static lay_v *vanchor(lay *L, const doc_node *n)
{
	lay_v *v = lay_push(L);
	v->kind = V_ANCHOR;
	v->node = n ? n->idx + 1 : 0;
	v->level = -1;
	return v;
}

static int is_bg(const char *lang)
{
	return strncmp(lang, "bg", 2) == 0;
}

/* ---- words that depend on the language ---- */

typedef enum { W_CHAPTER, W_APPENDIX, W_SECTION, W_TABLE, W_FIGURE,
               W_ONPAGE, W_CONTENTS, W_TABLES, W_FIGURES, W_EXAMPLE,
               W_NOTE, W_TIP, W_IMPORTANT, W_WARNING, W_CAUTION,
               W_BESTPRACTICE, W_NWORDS } word_id;

static const char *const words_en[W_NWORDS] = {
	"Chapter", "Appendix", "Section", "Table", "Figure", "on page",
	"Contents", "List of tables", "List of figures", "Example", "Note",
	"Tip", "Important", "Warning", "Caution", "Best practice"};
static const char *const words_bg[W_NWORDS] = {
	"Глава", "Приложение", "Раздел", "Таблица", "Фигура", "на с.",
	"Съдържание", "Таблици", "Фигури", "Пример", "Бележка", "Съвет",
	"Важно", "Предупреждение", "Внимание", "Добра практика"};

static const char *word(const char *lang, word_id w)
{
	return is_bg(lang) ? words_bg[w] : words_en[w];
}

/* ---- numbering ---- */

static const doc_node *title_of(const doc_node *n)
{
	const doc_node *t = doc_child(n, DOC_TITLE);
	if (!t) {
		const doc_node *info = doc_child(n, DOC_INFO);
		if (info)
			t = doc_child(info, DOC_TITLE);
	}
	return t;
}

static char *title_text(lay *L, const doc_node *n)
{
	const doc_node *t = title_of(n);
	if (!t)
		return NULL;
	char *s = doc_text(L->d, t);
	/* collapse white space */
	char *o = s;
	int sp = 1;
	for (char *p = s; *p; p++) {
		int ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
		if (ws) {
			if (!sp)
				*o++ = ' ';
			sp = 1;
		} else {
			*o++ = *p;
			sp = 0;
		}
	}
	if (o > s && o[-1] == ' ')
		o--;
	*o = 0;
	return s;
}

/* Assigns labels: chapters 1.., appendices A.., sections 1.2.3, tables
 * and figures per chapter. */
static void number(lay *L)
{
	int chapter = 0, appendix = 0, tables = 0, figures = 0, examples = 0;
	const char *chap_label = NULL;
	doc *d = L->d;
	for (doc_node *n = d->root; n; n = doc_next(d->root, n)) {
		switch (n->kind) {
		case DOC_CHAPTER:
			chap_label = arena_printf(L->a, "%d", ++chapter);
			L->label[n->idx] = chap_label;
			tables = figures = examples = 0;
			break;
		case DOC_APPENDIX: {
			int k = appendix++;
			chap_label = k < 26 ? arena_printf(L->a, "%c", 'A' + k)
			                    : arena_printf(L->a, "A%d", k);
			L->label[n->idx] = chap_label;
			tables = figures = examples = 0;
			break;
		}
		case DOC_PREFACE:
		case DOC_BIBLIOGRAPHY:
		case DOC_GLOSSARY:
			if (n->parent == d->root)
				chap_label = NULL;
			break;
		case DOC_SECTION: {
			const doc_node *p = n->parent;
			const char *pl = p ? L->label[p->idx] : NULL;
			if (!pl && !(p && (p->kind == DOC_ARTICLE ||
			                   p->kind == DOC_PART)))
				break;
			int k = 1;
			for (const doc_node *s = n->prev; s; s = s->prev)
				if (s->kind == DOC_SECTION)
					k++;
			L->label[n->idx] = pl ? arena_printf(L->a, "%s.%d", pl, k)
			                      : arena_printf(L->a, "%d", k);
			break;
		}
		case DOC_TABLE:
			L->label[n->idx] = chap_label
				? arena_printf(L->a, "%s.%d", chap_label, ++tables)
				: arena_printf(L->a, "%d", ++tables);
			break;
		case DOC_FIGURE:
			L->label[n->idx] = chap_label
				? arena_printf(L->a, "%s.%d", chap_label, ++figures)
				: arena_printf(L->a, "%d", ++figures);
			break;
		case DOC_EXAMPLE:
			L->label[n->idx] = chap_label
				? arena_printf(L->a, "%s.%d", chap_label, ++examples)
				: arena_printf(L->a, "%d", ++examples);
			break;
		default:
			break;
		}
	}
	/* bibliography labels: abbrev, else a running number */
	int bib = 0;
	for (doc_node *n = d->root; n; n = doc_next(d->root, n)) {
		if (n->kind != DOC_BIBLIOENTRY && n->kind != DOC_BIBLIOMIXED)
			continue;
		bib++;
		const doc_node *ab = doc_child(n, DOC_ABBREV);
		L->label[n->idx] = ab ? doc_text(d, ab)
		                      : arena_printf(L->a, "%d", bib);
	}
}

/* ---- inlines ---- */

static style_font styled(style_font role, int bold, int italic)
{
	int sans = role >= FONT_SANS && role <= FONT_SANS_BOLD_ITALIC;
	int mono = role >= FONT_MONO;
	if (mono)
		return bold ? FONT_MONO_BOLD : FONT_MONO;
	style_font base = sans ? FONT_SANS : FONT_SERIF;
	return (style_font)(base + (bold ? 2 : 0) + (italic ? 1 : 0));
}

static int is_bold(style_font r)
{
	return r == FONT_SERIF_BOLD || r == FONT_SERIF_BOLD_ITALIC ||
	       r == FONT_SANS_BOLD || r == FONT_SANS_BOLD_ITALIC ||
	       r == FONT_MONO_BOLD;
}

static int is_italic(style_font r)
{
	return r == FONT_SERIF_ITALIC || r == FONT_SERIF_BOLD_ITALIC ||
	       r == FONT_SANS_ITALIC || r == FONT_SANS_BOLD_ITALIC;
}

static void inlines(lay *L, lay_para *p, const doc_node *n,
                    lay_font_state fst);

/* Sets S, which may be transient: the items keep an arena copy. */
static void text_str(lay *L, lay_para *p, const lay_font_state *fst,
                     const char *s)
{
	s = arena_strdup(L->a, s);
	lay_para_text(L, p, fst, s, strlen(s), NULL);
}

/* Source bytes a page holds, about (3,000 in the generated books with
 * --style plain, 2,500 in the report with bg13): page_label_of's guess. */
#define SOURCE_PER_PAGE 3000

/* The label of T's page. The first pass, which makes the pages, can only
 * guess it, from T's place in the source. What the layout takes from a
 * label is its width, hence its digits, and the guess mostly has them
 * right: the second pass then mostly repeats the first's pages, which
 * ends the passes (a 2,000-page book took three passes with "00" for
 * every label, two with the guess; any guess within about half to twice
 * the true page did). */
static const char *page_label_of(lay *L, const doc_node *t)
{
	if (L->page_label) {
		const char *pl = L->page_label[t->idx];
		return pl ? pl : "00";
	}
	return arena_printf(L->a, "%zu", 1 + t->offset / SOURCE_PER_PAGE);
}

/* The text an xref prints for target T, in LANG. */
static const char *xref_text(lay *L, const doc_node *t, const char *lang,
                             int *with_page)
{
	const char *label = L->label[t->idx];
	*with_page = 0;
	switch (t->kind) {
	case DOC_CHAPTER:
		if (label)
			return arena_printf(L->a, "%s %s", word(lang, W_CHAPTER),
			                    label);
		break;
	case DOC_APPENDIX:
		if (label)
			return arena_printf(L->a, "%s %s", word(lang, W_APPENDIX),
			                    label);
		break;
	case DOC_SECTION:
		if (label) {
			*with_page = 1;
			return arena_printf(L->a, "%s %s", word(lang, W_SECTION),
			                    label);
		}
		break;
	case DOC_TABLE:
		*with_page = 1;
		return arena_printf(L->a, "%s %s", word(lang, W_TABLE), label);
	case DOC_FIGURE:
		*with_page = 1;
		return arena_printf(L->a, "%s %s", word(lang, W_FIGURE), label);
	case DOC_EXAMPLE:
		*with_page = 1;
		return arena_printf(L->a, "%s %s", word(lang, W_EXAMPLE), label);
	case DOC_BIBLIOENTRY:
	case DOC_BIBLIOMIXED:
		return arena_printf(L->a, "[%s]", label ? label : "?");
	case DOC_GLOSSENTRY: {
		const doc_node *g = doc_child(t, DOC_GLOSSTERM);
		if (g)
			return doc_text(L->d, g);
		break;
	}
	default:
		break;
	}
	char *title = title_text(L, t);
	*with_page = 1;
	if (title)
		return arena_printf(L->a, is_bg(lang) ? "„%s“" : "“%s”", title);
	return arena_strdup(L->a, is_bg(lang) ? "вж." : "see");
}

static void footnote_body(lay *L, const doc_node *fn, int num);

static void inline_elem(lay *L, lay_para *p, const doc_node *c,
                        lay_font_state fst)
{
	const style *s = L->s;
	switch (c->kind) {
	case DOC_EMPHASIS:
		if (c->role && (strcmp(c->role, "bold") == 0 ||
		                strcmp(c->role, "strong") == 0))
			fst.role = styled(fst.role, 1, is_italic(fst.role));
		else
			fst.role = styled(fst.role, is_bold(fst.role),
			                  !is_italic(fst.role));
		inlines(L, p, c, fst);
		return;
	case DOC_CITETITLE:
	case DOC_FIRSTTERM:
	case DOC_FOREIGNPHRASE:
	case DOC_REPLACEABLE:
	case DOC_GLOSSTERM:
		fst.role = styled(fst.role, is_bold(fst.role),
		                  !is_italic(fst.role));
		fst.lang = c->lang;
		inlines(L, p, c, fst);
		return;
	case DOC_LITERAL:
	case DOC_CODE:
	case DOC_COMMAND:
	case DOC_FILENAME:
	case DOC_OPTION:
	case DOC_PARAMETER:
	case DOC_TAG:
	case DOC_VARNAME:
	case DOC_FUNCTION:
	case DOC_ENVAR:
	case DOC_SYSTEMITEM:
		fst.role = FONT_MONO;
		fst.size *= 0.92;
		fst.nobreak = 1;
		inlines(L, p, c, fst);
		return;
	case DOC_URI:
	case DOC_EMAIL: {
		fst.nobreak = 1;
		if (!fst.uri && !fst.target) {
			char *t = doc_text(L->d, c);
			fst.uri = c->kind == DOC_EMAIL
			          ? arena_printf(L->a, "mailto:%s", t) : t;
			fst.color = &s->link_color;
		}
		inlines(L, p, c, fst);
		return;
	}
	case DOC_LINK: {
		const char *href = doc_attr_get(c, "xlink:href");
		if (!href)
			href = doc_attr_get(c, "url");
		const char *end = doc_attr_get(c, "linkend");
		if (end) {
			const doc_node *t = doc_by_id(L->d, end);
			if (t)
				fst.target = t->idx + 1;
		} else if (href) {
			fst.uri = href;
		}
		fst.color = &s->link_color;
		if (c->first) {
			inlines(L, p, c, fst);
			if (href && s->print_urls) {
				lay_font_state u = fst;
				u.nobreak = 1;
				text_str(L, p, &u, " (");
				text_str(L, p, &u, href);
				text_str(L, p, &u, ")");
			}
		} else if (href) {
			fst.nobreak = 1;
			text_str(L, p, &fst, href);
		}
		return;
	}
	case DOC_XREF: {
		const char *end = doc_attr_get(c, "linkend");
		const doc_node *t = end ? doc_by_id(L->d, end) : NULL;
		if (!t)
			return;
		int with_page;
		const char *txt = xref_text(L, t, c->lang, &with_page);
		fst.target = t->idx + 1;
		fst.color = &s->link_color;
		lay_para_text(L, p, &fst, txt, strlen(txt), c);
		if (with_page && s->xref_pages) {
			const char *on = word(c->lang, W_ONPAGE);
			char buf[96];
			snprintf(buf, sizeof buf, "%s\xc2\xa0%s", on,
			         page_label_of(L, t));
			text_str(L, p, &fst, " ");
			text_str(L, p, &fst, buf);
		}
		return;
	}
	case DOC_QUOTE: {
		int bg = is_bg(c->lang);
		int inner = L->quote_depth % 2;
		const char *open = bg ? (inner ? "‚" : "„")
		                      : (inner ? "‘" : "“");
		const char *close = bg ? (inner ? "‘" : "“")
		                       : (inner ? "’" : "”");
		fst.lang = c->lang;
		/* marks glue to the words they stand by */
		size_t before = p->items.len;
		lay_para_box(L, p, &fst, open, strlen(open), -1, -1);
		(void)before;
		L->quote_depth++;
		inlines(L, p, c, fst);
		L->quote_depth--;
		lay_para_box(L, p, &fst, close, strlen(close), -1, -1);
		return;
	}
	case DOC_SUPERSCRIPT:
	case DOC_SUBSCRIPT:
		fst.rise = c->kind == DOC_SUPERSCRIPT ? fst.size * 0.35
		                                      : -fst.size * 0.15;
		fst.size *= 0.7;
		inlines(L, p, c, fst);
		return;
	case DOC_TRADEMARK:
		inlines(L, p, c, fst);
		text_str(L, p, &fst, "™");
		return;
	case DOC_FOOTNOTE: {
		int num = ++L->fn_counter;
		L->fn_num[c->idx] = num;
		int fnid = (int)L->notes.len;
		footnote_body(L, c, num);
		char buf[16];
		snprintf(buf, sizeof buf, "%d", num);
		lay_font_state m = fst;
		m.rise = fst.size * 0.33;
		m.size = fst.size * 0.62;
		m.role = styled(fst.role, 0, 0);
		lay_para_box(L, p, &m, buf, strlen(buf), fnid, num);
		return;
	}
	case DOC_FOOTNOTEREF: {
		const char *end = doc_attr_get(c, "linkend");
		const doc_node *t = end ? doc_by_id(L->d, end) : NULL;
		int num = t ? L->fn_num[t->idx] : 0;
		char buf[16];
		snprintf(buf, sizeof buf, "%d", num);
		lay_font_state m = fst;
		m.rise = fst.size * 0.33;
		m.size = fst.size * 0.62;
		lay_para_box(L, p, &m, buf, strlen(buf), -1, -1);
		return;
	}
	case DOC_INLINEMEDIAOBJECT: {
		const doc_node *to = doc_child(c, DOC_TEXTOBJECT);
		if (to) {
			char *t = doc_text(L->d, to);
			text_str(L, p, &fst, t);
		}
		return;
	}
	case DOC_INDEXTERM:
	case DOC_REMARK:
	case DOC_ANCHOR:
		return;
	default:
		inlines(L, p, c, fst);
		return;
	}
}

static void inlines(lay *L, lay_para *p, const doc_node *n,
                    lay_font_state fst)
{
	for (const doc_node *c = n->first; c; c = c->next) {
		if (c->kind == DOC_TEXT) {
			lay_para_text(L, p, &fst, c->text, c->textlen, c);
			continue;
		}
		doc_class cl = doc_kind_class(c->kind);
		if (cl == DOC_CLASS_BLOCK || cl == DOC_CLASS_DIV)
			continue; /* handled by the block walker */
		fst.lang = c->lang;
		inline_elem(L, p, c, fst);
	}
}

static lay_font_state font_state(const blk *b, const doc_node *n)
{
	lay_font_state f = {0};
	f.role = b->role;
	f.size = b->size;
	f.color = b->color;
	f.lang = n ? n->lang : "en";
	return f;
}

/* Anchors for N and for every inline descendant with an id. */
static void anchors_for(lay *L, const doc_node *n)
{
	if (n->id)
		vanchor(L, n);
	for (const doc_node *c = n->first; c; c = c->next) {
		doc_class cl = doc_kind_class(c->kind);
		if (cl == DOC_CLASS_INLINE || c->kind == DOC_ANCHOR) {
			if (c->id)
				vanchor(L, c);
			anchors_for(L, c);
		}
	}
}

/* ---- paragraphs set once for all passes ----
 *
 * A later pass changes only what depends on page numbers: a paragraph
 * with no cross-reference, no footnote (or reference to one) and no
 * block inside comes out of every pass the same, given the same frame.
 * The first pass keeps its
 * lines (the vertical-list entries para pushed, with their items and
 * strings in L->memo_a); later passes push copies of those entries. */
typedef struct lay_memo {
	blk b;                     /* the frame it was set in */
	const char *marker;        /* in L->memo_a, or NULL */
	style_font mrole;
	double msize;
	const style_color *mcolor;
	int tint, quote_depth;
	lay_v *v;
	size_t nv;
} lay_memo;

/* Whether N's lines cannot depend on the pass. */
static int memo_inline_ok(const doc_node *n)
{
	for (const doc_node *c = n->first; c; c = c->next) {
		/* a footnote reference's number is known in the first pass
		 * only when its note came before */
		if (c->kind == DOC_XREF || c->kind == DOC_FOOTNOTE ||
		    c->kind == DOC_FOOTNOTEREF)
			return 0;
		if (c->kind != DOC_TEXT && !memo_inline_ok(c))
			return 0;
	}
	return 1;
}

static int memo_ok(const lay *L, const doc_node *n)
{
	if (!L->memo || L->mark_first)
		return 0;
	for (const doc_node *c = n->first; c; c = c->next) {
		if (c->kind == DOC_TEXT)
			continue;
		doc_class cl = doc_kind_class(c->kind);
		if (cl == DOC_CLASS_BLOCK || cl == DOC_CLASS_DIV)
			return 0;
	}
	return memo_inline_ok(n);
}

static int same_blk(const blk *a, const blk *b)
{
	return a->x == b->x && a->w == b->w && a->size == b->size &&
	       a->leading == b->leading && a->role == b->role &&
	       a->color == b->color && a->align == b->align &&
	       a->noindent == b->noindent && a->level == b->level &&
	       a->div_depth == b->div_depth;
}

/* The memo of N set in frame B with MARKER, or NULL. */
static const lay_memo *memo_find(const lay *L, const doc_node *n,
                                 const blk *b, const char *marker,
                                 const lay_font_state *mfst)
{
	const lay_memo *m = L->memo ? L->memo[n->idx] : NULL;
	if (!m || !same_blk(&m->b, b) || m->tint != L->cur_tint ||
	    m->quote_depth != L->quote_depth || !m->marker != !marker)
		return NULL;
	if (marker && (strcmp(m->marker, marker) != 0 ||
	               m->mrole != mfst->role || m->msize != mfst->size ||
	               m->mcolor != mfst->color))
		return NULL;
	return m;
}

/* Keeps the entries L->out[v0..] para pushed for N. */
static void memo_keep(lay *L, const doc_node *n, const blk *b,
                      const char *marker, const lay_font_state *mfst,
                      int tint, int quote_depth, size_t v0)
{
	lay_memo *m = arena_alloc(L->memo_a, sizeof *m);
	m->b = *b;
	m->tint = tint;
	m->quote_depth = quote_depth;
	if (marker) {
		m->marker = arena_strdup(L->memo_a, marker);
		m->mrole = mfst->role;
		m->msize = mfst->size;
		m->mcolor = mfst->color;
	}
	m->nv = L->out->len - v0;
	m->v = arena_alloc(L->memo_a, (m->nv ? m->nv : 1) * sizeof *m->v);
	if (m->nv) /* an empty paragraph pushed nothing: L->out may be empty */
		memcpy(m->v, VEC_AT(L->out, lay_v, v0), m->nv * sizeof *m->v);
	L->memo[n->idx] = m;
}

static void para_set(lay *L, const doc_node *n, blk *b, const char *marker,
                     const lay_font_state *mfst);

/* Sets the inline content of N as one paragraph (blocks inside are set
 * in between, as their own blocks), or repeats the first pass's lines
 * when they cannot have changed. */
static void para(lay *L, const doc_node *n, blk *b, const char *marker,
                 const lay_font_state *mfst)
{
	const lay_memo *m = L->pass > 0 ? memo_find(L, n, b, marker, mfst)
	                                : NULL;
	if (m) {
		for (size_t i = 0; i < m->nv; i++)
			*lay_push(L) = m->v[i];
		b->noindent = 0;
		return;
	}
	if (L->pass > 0 || !memo_ok(L, n) || L->memo[n->idx]) {
		para_set(L, n, b, marker, mfst);
		return;
	}
	blk b0 = *b;
	int tint = L->cur_tint, qd = L->quote_depth;
	size_t v0 = L->out->len;
	arena *a = L->a, *ia = L->ia;
	L->a = L->ia = L->memo_a;
	/* the marker item points to the marker: keep it as long */
	para_set(L, n, b, marker ? arena_strdup(L->memo_a, marker) : NULL,
	         mfst);
	L->a = a;
	L->ia = ia;
	memo_keep(L, n, &b0, marker, mfst, tint, qd, v0);
}

static void para_set(lay *L, const doc_node *n, blk *b, const char *marker,
                     const lay_font_state *mfst)
{
	lay_para p;
	lay_para_init(L, &p, b->w, b->size, b->leading);
	p.align = b->align;
	p.src = n;
	p.indent = b->noindent || marker ? 0 : L->s->parindent;
	if (marker) {
		p.marker = marker;
		p.marker_face = font_pick(L->fs, mfst->role, '1');
		if (p.marker_face < 0)
			p.marker_face = L->fs->chain[mfst->role][0];
		p.marker_size = mfst->size;
		p.marker_color = mfst->color;
		p.marker_w = lay_text_width(L, mfst->role, mfst->size, marker,
		                            strlen(marker));
	}
	anchors_for(L, n);
	lay_font_state fst = font_state(b, n);
	/* walk children: inline runs make paragraphs, blocks interrupt */
	int any = 0;
	for (const doc_node *c = n->first; c; c = c->next) {
		doc_class cl = c->kind == DOC_TEXT ? DOC_CLASS_TEXT
		                                   : doc_kind_class(c->kind);
		if (cl == DOC_CLASS_BLOCK || cl == DOC_CLASS_DIV) {
			if (p.items.len) {
				lay_para_emit(L, &p, b->x);
				any = 1;
			}
			p.items.len = 0;
			p.marker = NULL;
			p.indent = 0;
			blk inner = *b;
			inner.noindent = 1;
			vspace(L, b->leading * 0.3);
			block(L, c, &inner);
			vspace(L, b->leading * 0.3);
			continue;
		}
		if (c->kind == DOC_TEXT) {
			lay_para_text(L, &p, &fst, c->text, c->textlen, c);
		} else {
			lay_font_state f2 = fst;
			f2.lang = c->lang;
			inline_elem(L, &p, c, f2);
		}
	}
	if (p.items.len)
		lay_para_emit(L, &p, b->x), any = 1;
	(void)any;
	lay_para_free(&p);
	b->noindent = 0;
}

/* ---- footnotes ---- */

static void footnote_body(lay *L, const doc_node *fn, int num)
{
	/* by index: a footnote inside this one pushes onto L->notes and
	 * may move it (a pointer kept here was written after free) */
	size_t ni = L->notes.len;
	vec_push(&L->notes);
	vec lines = VEC_INIT(lay_v);
	lay_redirect saved = redirect(L, &lines);
	blk b = {0};
	b.w = L->text_w - L->s->footnote_size * 1.6;
	b.x = L->s->footnote_size * 1.6;
	b.size = L->s->footnote_size;
	b.leading = L->s->footnote_leading;
	b.role = FONT_SERIF;
	b.color = &L->s->text_color;
	b.align = ALIGN_JUSTIFY;
	b.noindent = 1;
	char *mark = arena_printf(L->a, "%d", num);
	lay_font_state m = font_state(&b, fn);
	int first = 1;
	for (const doc_node *c = fn->first; c; c = c->next) {
		if (c->kind == DOC_TEXT)
			continue;
		if (c->kind == DOC_PARA || c->kind == DOC_SIMPARA) {
			b.noindent = 1;
			para(L, c, &b, first ? mark : NULL, &m);
			first = 0;
		} else {
			block(L, c, &b);
		}
	}
	restore(L, saved);
	/* the note's lines: boxes only, footnotes inside notes are not
	 * supported and would be lost, so they stay as plain numbers */
	lay_footnote *note = VEC_AT(&L->notes, lay_footnote, ni);
	size_t nbox = 0;
	double h = 0;
	for (size_t i = 0; i < lines.len; i++)
		if (VEC_AT(&lines, lay_v, i)->kind == V_BOX ||
		    VEC_AT(&lines, lay_v, i)->kind == V_GLUE)
			nbox++;
	note->lines = arena_alloc(L->ia, (nbox + 1) * sizeof(lay_v));
	for (size_t i = 0; i < lines.len; i++) {
		lay_v *v = VEC_AT(&lines, lay_v, i);
		if (v->kind == V_BOX || v->kind == V_GLUE) {
			v->fn_first = -1;
			v->fn_n = 0;
			note->lines[note->n++] = *v;
			h += v->h;
		}
	}
	note->h = h;
	vec_free(&lines);
}

/* ---- headings ---- */

static void heading(lay *L, const doc_node *div, int level, blk *b)
{
	const style *s = L->s;
	int lv = level > 3 ? 3 : level;
	char *title = title_text(L, div);
	if (!title)
		title = arena_strdup(L->a, "");
	const char *label = L->label[div->idx];
	const doc_node *tnode = title_of(div);
	double size = s->heading_size[lv];
	double leading = s->heading_leading[lv];

	if (level > 0)
		vspace(L, s->heading_before[lv]);
	lay_v *a = vanchor(L, div);
	a->level = level;
	a->title = label && s->heading_numbers
	           ? arena_printf(L->a, "%s %s", label, title) : title;
	if (level == 0) {
		a->chapter = a->title;
		a->no_head = 1;
		L->chapter_title = a->title;
	}
	if (level == 0) {
		vspace(L, s->heading_before[0]);
		if (label && s->heading_numbers) {
			/* chapter number on its own line, large and light */
			vec items = VEC_INIT(page_item);
			const char *w = div->kind == DOC_APPENDIX
			                ? word(div->lang, W_APPENDIX)
			                : word(div->lang, W_CHAPTER);
			char *t = arena_printf(L->a, "%s %s", w, label);
			lay_text_items(L, &items, FONT_SANS, size * 0.6,
			               &s->accent_color, 0, size * 0.6, t,
			               strlen(t));
			lay_v *v = lay_push(L);
			v->kind = V_BOX;
			v->h = size * 1.1;
			v->x = b->x;
			v->items = lay_items_copy(L, &items, &v->nitems);
			vec_free(&items);
			vpenalty(L, LAY_INF);
		}
	}
	lay_para p;
	lay_para_init(L, &p, b->w, size, leading);
	p.align = ALIGN_LEFT;
	p.nohyph = 1;
	p.src = div;
	lay_font_state f = {0};
	f.role = FONT_SANS_BOLD;
	f.size = size;
	f.color = &s->accent_color;
	f.lang = div->lang;
	if (level > 0 && label && s->heading_numbers) {
		lay_para_box(L, &p, &f, label, strlen(label), -1, -1);
		lay_inl *g = vec_push(&p.items);
		g->kind = INL_GLUE;
		g->w = size * 0.6;
		g->fn = g->fnid = -1;
	}
	if (tnode)
		inlines(L, &p, tnode, f);
	size_t first = L->out->len;
	lay_para_emit(L, &p, b->x);
	lay_para_free(&p);
	/* a heading never breaks inside and stays with what follows */
	for (size_t i = first; i < L->out->len; i++) {
		lay_v *v = VEC_AT(L->out, lay_v, i);
		if (v->kind == V_PENALTY)
			v->penalty = LAY_INF;
	}
	if (level == 0) {
		/* a rule under the chapter title */
		lay_v *v = lay_push(L);
		v->kind = V_BOX;
		v->h = 6;
		v->x = b->x;
		v->items = arena_alloc(L->ia, sizeof(page_item));
		v->nitems = 1;
		v->items[0].kind = ITEM_RECT;
		v->items[0].y = 4;
		v->items[0].w = b->w * 0.25;
		v->items[0].h = 1.5;
		v->items[0].color = &s->accent_color;
		vpenalty(L, LAY_INF);
	}
	vpenalty(L, LAY_INF);
	vspace(L, s->heading_after[lv]);
	vpenalty(L, LAY_INF);
	b->noindent = 1;
}

/* ---- images ---- */

static svg_image *load_svg(lay *L, const char *path, const doc_node *src,
                           int required)
{
	page_doc *pd = L->pd;
	/* loaded once for all passes: the pages of the last one keep them */
	for (size_t i = 0; i < pd->nsvgs; i++)
		if (strcmp(L->svg_path[i], path) == 0)
			return pd->svgs[i];
	char err[512];
	svg_image *img = NULL;
	if (svg_load(path, &img, err, sizeof err, NULL, NULL)) {
		if (required)
			diag_error(L->dg, L->d->file, src ? src->line : 0,
			           src ? doc_col(L->d, src) : 0, "image: %s", err);
		else if (L->pass == 0)
			diag_warn(L->dg, L->d->file, src ? src->line : 0,
			          src ? doc_col(L->d, src) : 0, "image: %s; a "
			          "placeholder stands in its place", err);
		return NULL;
	}
	pd->svgs = xrealloc(pd->svgs, (pd->nsvgs + 1) * sizeof *pd->svgs);
	pd->svgs[pd->nsvgs++] = img;
	L->svg_path = xrealloc(L->svg_path, pd->nsvgs * sizeof *L->svg_path);
	L->svg_path[pd->nsvgs - 1] = xstrdup(path);
	return img;
}

/* Reads a PNG's or JPEG's pixel size; returns 0 on success. A PNG over
 * RASTER_MAX_PIXELS (page.h) is refused: libharu decodes it whole into
 * memory, about 8 bytes a pixel while loading (issue 7). Only regular
 * files are read: fileref="/dev/stdin" must not hang the build. */
static int raster_size(const char *path, int *w, int *h)
{
	FILE *f = regfile_open(path);
	if (!f)
		return -1;
	unsigned char hd[32];
	size_t n = fread(hd, 1, sizeof hd, f);
	int rc = -1;
	if (n >= 24 && memcmp(hd, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(hd + 12, "IHDR", 4) == 0) {
		*w = (int)((unsigned)hd[16] << 24 | hd[17] << 16 | hd[18] << 8 | hd[19]);
		*h = (int)((unsigned)hd[20] << 24 | hd[21] << 16 | hd[22] << 8 | hd[23]);
		rc = *w > 0 && *h > 0 && *w <= 30000 && *h <= 30000 &&
		     (long long)*w * *h <= RASTER_MAX_PIXELS ? 0 : -1;
	} else if (n >= 4 && hd[0] == 0xFF && hd[1] == 0xD8) {
		fseek(f, 2, SEEK_SET);
		for (int guard = 0; guard < 1000; guard++) {
			int c = fgetc(f);
			if (c != 0xFF)
				break;
			int m = fgetc(f);
			while (m == 0xFF)
				m = fgetc(f);
			int hi = fgetc(f), lo = fgetc(f);
			if (m == EOF || hi == EOF || lo == EOF)
				break;
			long len = hi << 8 | lo;
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 &&
			    m != 0xCC) {
				unsigned char sof[5];
				if (fread(sof, 1, 5, f) == 5) {
					*h = sof[1] << 8 | sof[2];
					*w = sof[3] << 8 | sof[4];
					rc = *w > 0 && *h > 0 ? 0 : -1;
				}
				break;
			}
			if (len < 2 || fseek(f, len - 2, SEEK_CUR))
				break;
		}
	}
	fclose(f);
	return rc;
}

/* Sets the image of MEDIAOBJECT M at most MAXW wide; appends its items
 * into ITEMS at (x, y) and returns its height, or -1. */
/* Sets the text of vector art SVG, placed at (X, Y) at SCALE, as text
 * items in the sans font, anchored as the art says. */
static void svg_text(lay *L, vec *items, const svg_image *svg, double scale,
                     double x, double y)
{
	for (size_t i = 0; i < svg->nops; i++) {
		const svg_op *op = &svg->ops[i];
		if (op->kind != SVG_OP_TEXT || !op->text)
			continue;
		style_font r = op->bold ? FONT_SANS_BOLD : FONT_SANS;
		double size = op->font_size * scale;
		size_t len = strlen(op->text);
		double tx = x + op->x * scale;
		double tw = lay_text_width(L, r, size, op->text, len);
		if (op->anchor == SVG_ANCHOR_MIDDLE)
			tx -= tw / 2;
		else if (op->anchor == SVG_ANCHOR_END)
			tx -= tw;
		style_color *c = arena_alloc(L->a, sizeof *c);
		c->v[0] = op->fill.r;
		c->v[1] = op->fill.g;
		c->v[2] = op->fill.b;
		lay_text_items(L, items, r, size, c, tx, y + op->y * scale,
		               op->text, len);
	}
}

/* A framed box naming a missing image; returns its height. */
static double placeholder(lay *L, const char *ref, double w, double x,
                          double y, vec *items)
{
	double h = w * 0.3;
	static const double sides[4][4] = {{0, 0, 1, 0}, {0, 1, 1, 0},
	                                   {0, 0, 0, 1}, {1, 0, 0, 1}};
	for (int i = 0; i < 4; i++) {
		page_item *r = vec_push(items);
		r->kind = ITEM_LINE;
		r->x = x + sides[i][0] * w;
		r->y = y + sides[i][1] * h;
		r->w = sides[i][2] * w;
		r->h = sides[i][3] * h;
		r->lw = 0.5;
		r->color = &L->s->rule_color;
	}
	char *t = arena_printf(L->a, "[missing image: %s]", ref);
	double tw = lay_text_width(L, FONT_SANS, L->s->small_size, t, strlen(t));
	lay_text_items(L, items, FONT_SANS, L->s->small_size,
	               &L->s->rule_color, x + (w - tw) / 2, y + h / 2, t,
	               strlen(t));
	return h;
}

static double image(lay *L, const doc_node *m, double maxw, double maxh,
                    double x, double y, vec *items, int center,
                    int required)
{
	const doc_node *io = doc_child(m, DOC_IMAGEOBJECT);
	const doc_node *id = io ? doc_child(io, DOC_IMAGEDATA) : NULL;
	if (m->kind == DOC_IMAGEDATA)
		id = m;
	const char *ref = id ? doc_attr_get(id, "fileref") : NULL;
	if (!ref) {
		diag_warn(L->dg, L->d->file, m->line, doc_col(L->d, m),
		          "media object without imagedata fileref");
		return -1;
	}
	const char *path = ref[0] == '/' ? ref
	                   : arena_printf(L->a, "%s/%s", L->d->dir, ref);
	double nw, nh;
	svg_image *svg = NULL;
	size_t rl = strlen(ref);
	if (rl > 4 && strcmp(ref + rl - 4, ".svg") == 0) {
		svg = load_svg(L, path, id, required);
		if (!svg)
			return required ? -1 : placeholder(L, ref, maxw, x, y, items);
		nw = svg->width;
		nh = svg->height;
	} else {
		int pw, ph;
		if (raster_size(path, &pw, &ph)) {
			if (required) {
				diag_error(L->dg, L->d->file, id->line,
				           doc_col(L->d, id), "cannot read image "
				           "'%s' (PNG, JPEG or SVG)", ref);
				return -1;
			}
			if (L->pass == 0)
				diag_warn(L->dg, L->d->file, id->line,
				          doc_col(L->d, id), "cannot read image "
				          "'%s' (PNG, JPEG or SVG); a placeholder "
				          "stands in its place", ref);
			return placeholder(L, ref, maxw, x, y, items);
		}
		/* raster images default to 300 dpi */
		nw = pw * 72.0 / 300;
		nh = ph * 72.0 / 300;
	}
	double w = nw;
	const char *wa = doc_attr_get(id, "width");
	if (!wa)
		wa = doc_attr_get(id, "contentwidth");
	const char *sc = doc_attr_get(id, "scale");
	if (wa) {
		size_t n = strlen(wa);
		double v;
		if (n && wa[n - 1] == '%')
			w = maxw * atof(wa) / 100;
		else if (!style_parse_length(wa, L->s->body_size, &v) && v > 0)
			w = v;
		else if (atof(wa) > 0)
			w = atof(wa) * 0.75; /* pixels */
	} else if (sc && atof(sc) > 0) {
		w = nw * atof(sc) / 100;
	}
	if (!(w > 0) || !isfinite(w))
		w = nw; /* "0%", "-50%", "nan%": a width of zero or less made
		         * the PDF writer fail (issue 7); natural size */
	if (w > maxw)
		w = maxw;
	double h = nh * w / nw;
	if (h > maxh) {
		h = maxh;
		w = nw * h / nh;
	}
	if (center)
		x += (maxw - w) / 2;
	page_item *it = vec_push(items);
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	if (svg) {
		double scale = w / nw;
		it->kind = ITEM_SVG;
		it->svg = svg;
		it->scale = scale;
		it = NULL; /* svg_text may move the items */
		svg_text(L, items, svg, scale, x, y);
	} else {
		it->kind = ITEM_IMAGE;
		it->path = path;
		double dpi = nw * 300 / 72 / (w / 72);
		if (dpi < 150 && L->pass == 0)
			diag_warn(L->dg, L->d->file, id->line, doc_col(L->d, id),
			          "image '%s' is %.0f dpi at its placed size "
			          "(under 150 dpi)", ref, dpi);
	}
	return h;
}

static void box_from_items(lay *L, vec *items, double h, double x)
{
	lay_v *v = lay_push(L);
	v->kind = V_BOX;
	v->h = h;
	v->x = x;
	v->tint = L->cur_tint;
	v->items = lay_items_copy(L, items, &v->nitems);
}

/* A caption line "Figure 2.1  Title" (or Table), small sans. */
static void caption(lay *L, const doc_node *n, word_id w, blk *b)
{
	const style *s = L->s;
	lay_para p;
	lay_para_init(L, &p, b->w, s->small_size, s->small_leading);
	p.align = ALIGN_LEFT;
	p.nohyph = 1;
	lay_font_state f = {0};
	f.role = FONT_SANS_BOLD;
	f.size = s->small_size;
	f.color = &s->accent_color;
	f.lang = n->lang;
	const char *label = L->label[n->idx];
	if (label) {
		char *t = arena_printf(L->a, "%s %s", word(n->lang, w), label);
		lay_para_text(L, &p, &f, t, strlen(t), n);
		lay_inl *g = vec_push(&p.items);
		g->kind = INL_GLUE;
		g->w = s->small_size * 0.8;
		g->fn = g->fnid = -1;
	}
	f.role = FONT_SANS;
	f.color = &s->text_color;
	const doc_node *t = title_of(n);
	if (t)
		inlines(L, &p, t, f);
	size_t first = L->out->len;
	lay_para_emit(L, &p, b->x);
	lay_para_free(&p);
	for (size_t i = first; i < L->out->len; i++)
		if (VEC_AT(L->out, lay_v, i)->kind == V_PENALTY)
			VEC_AT(L->out, lay_v, i)->penalty = LAY_INF;
}

/* A figure is one floating box: image(s), then the numbered caption. */
static void figure(lay *L, const doc_node *n, blk *b)
{
	vec items = VEC_INIT(page_item);
	double y = b->leading * 0.5;
	for (const doc_node *c = n->first; c; c = c->next) {
		if (c->kind != DOC_MEDIAOBJECT)
			continue;
		double h = image(L, c, b->w, L->text_h * 0.7, 0, y, &items, 1, 0);
		if (h > 0)
			y += h + 4;
	}
	if (n->kind == DOC_FIGURE) {
		vec lines = VEC_INIT(lay_v);
		lay_redirect saved = redirect(L, &lines);
		caption(L, n, W_FIGURE, b);
		restore(L, saved);
		for (size_t i = 0; i < lines.len; i++) {
			lay_v *v = VEC_AT(&lines, lay_v, i);
			if (v->kind != V_BOX)
				continue;
			for (size_t j = 0; j < v->nitems; j++) {
				page_item *it = vec_push(&items);
				*it = v->items[j];
				it->x += v->x - b->x;
				it->y += y;
			}
			y += v->h;
		}
		vec_free(&lines);
	}
	y += b->leading * 0.5;
	lay_v *v = lay_push(L);
	v->kind = V_BOX;
	v->h = y;
	v->x = b->x;
	v->tint = L->cur_tint;
	v->is_float = L->out == &L->v && !L->cur_tint;
	v->node = n->idx + 1;
	v->items = lay_items_copy(L, &items, &v->nitems);
	vec_free(&items);
}

/* ---- tables ---- */

/* One cell laid out: its place in the grid and its content. */
typedef struct tcell {
	int row, c0, c1, rows;
	page_item *items;
	size_t nitems;
	double h;
	int fn_first, fn_n;
	const char *valign;
} tcell;

typedef struct trow {
	const doc_node *node;
	int header;
	double h;
} trow;

static int col_index(const char **names, int ncols, const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < ncols; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

/* Lays out the content of entry E at width W into cell C. */
static void cell_content(lay *L, const doc_node *e, double w, int header,
                         const char *align, tcell *c)
{
	const style *s = L->s;
	vec cell = VEC_INIT(lay_v);
	lay_redirect saved = redirect(L, &cell);
	blk b = {0};
	b.w = w;
	b.size = s->small_size;
	b.leading = s->small_leading;
	b.role = header ? FONT_SANS_BOLD : FONT_SANS;
	b.color = &s->text_color;
	b.align = align && strcmp(align, "right") == 0 ? ALIGN_RIGHT
	          : align && strcmp(align, "center") == 0 ? ALIGN_CENTER
	          : align && strcmp(align, "justify") == 0 ? ALIGN_JUSTIFY
	          : ALIGN_LEFT;
	b.noindent = 1;
	int has_block = 0;
	for (const doc_node *k = e->first; k; k = k->next)
		if (k->kind != DOC_TEXT && doc_kind_class(k->kind) == DOC_CLASS_BLOCK)
			has_block = 1;
	if (has_block)
		blocks(L, e, &b);
	else
		para(L, e, &b, NULL, NULL);
	restore(L, saved);
	vec items = VEC_INIT(page_item);
	double y = 0;
	c->fn_first = -1;
	int fn_last = -1;
	for (size_t i = 0; i < cell.len; i++) {
		lay_v *v = VEC_AT(&cell, lay_v, i);
		if (v->kind == V_BOX) {
			for (size_t j = 0; j < v->nitems; j++) {
				page_item *it = vec_push(&items);
				*it = v->items[j];
				it->x += v->x;
				it->y += y;
			}
			if (v->fn_n > 0) {
				if (c->fn_first < 0)
					c->fn_first = v->fn_first;
				fn_last = v->fn_first + v->fn_n - 1;
			}
			y += v->h;
		} else if (v->kind == V_GLUE && y > 0) {
			y += v->h;
		}
	}
	vec_free(&cell);
	c->fn_n = c->fn_first >= 0 ? fn_last - c->fn_first + 1 : 0;
	c->h = y;
	c->items = lay_items_copy(L, &items, &c->nitems);
	vec_free(&items);
}

static void rule(vec *items, double x, double y, double w, double lw,
                 const style_color *color)
{
	page_item *r = vec_push(items);
	r->kind = ITEM_LINE;
	r->x = x;
	r->y = y;
	r->w = w;
	r->lw = lw;
	r->color = color;
}

/* A CALS table: column widths from colspec (proportional and absolute),
 * cells set with the paragraph breaker, horizontal (namest/nameend) and
 * vertical (morerows) spans, align and valign, header rows repeated on
 * every page, footer rows at the end, booktabs-like rules. */
static void table(lay *L, const doc_node *n, blk *b)
{
	const style *s = L->s;
	const doc_node *tg = doc_child(n, DOC_TGROUP);
	if (!tg)
		return;
	const char *ca = doc_attr_get(tg, "cols");
	int ncols = ca ? atoi(ca) : 0;
	if (ncols <= 0 || ncols > 1000) {
		diag_warn(L->dg, L->d->file, tg->line, doc_col(L->d, tg),
		          "tgroup cols='%s' is not a column count from 1 to "
		          "1000; the table is set as plain text", ca ? ca : "");
		para(L, tg, b, NULL, NULL);
		return;
	}
	const char **names = xcalloc((size_t)ncols, sizeof *names);
	const char **calign = xcalloc((size_t)ncols, sizeof *calign);
	double *prop = xcalloc((size_t)ncols, sizeof *prop);
	double *absw = xcalloc((size_t)ncols, sizeof *absw);
	double *cx = xcalloc((size_t)ncols, sizeof *cx);
	double *cw = xcalloc((size_t)ncols, sizeof *cw);
	int k = 0;
	for (const doc_node *c = tg->first; c; c = c->next) {
		if (c->kind != DOC_COLSPEC)
			continue;
		const char *cn = doc_attr_get(c, "colnum");
		int idx = cn ? atoi(cn) - 1 : k;
		if (idx < 0 || idx >= ncols)
			idx = k < ncols ? k : ncols - 1;
		names[idx] = doc_attr_get(c, "colname");
		calign[idx] = doc_attr_get(c, "align");
		const char *cwid = doc_attr_get(c, "colwidth");
		prop[idx] = 1;
		if (cwid) {
			const char *star = strchr(cwid, '*');
			double v;
			if (star)
				prop[idx] = star == cwid ? 1 : atof(cwid);
			else if (!style_parse_length(cwid, s->body_size, &v)) {
				absw[idx] = v;
				prop[idx] = 0;
			}
			if (!(prop[idx] >= 0) || prop[idx] > 1000)
				prop[idx] = 1;
		}
		k = idx + 1;
	}
	double abs_sum = 0, prop_sum = 0;
	for (int i = 0; i < ncols; i++) {
		if (!prop[i] && !absw[i])
			prop[i] = 1;
		abs_sum += absw[i];
		prop_sum += prop[i];
	}
	double width = b->w;
	double minw = s->small_size * 2;
	double rest = width - abs_sum;
	if (rest < prop_sum * minw || ncols * minw > width) {
		if (L->pass == 0)
			diag_warn(L->dg, L->d->file, n->line, doc_col(L->d, n),
			          "the table's %d columns are too wide for the "
			          "measure; it is scaled down", ncols);
		double scale = abs_sum > 0 ? (width - prop_sum * minw) / abs_sum : 1;
		if (scale < 0)
			scale = 0;
		for (int i = 0; i < ncols; i++)
			absw[i] *= scale;
		rest = width - abs_sum * scale;
	}
	double x = 0;
	for (int i = 0; i < ncols; i++) {
		cw[i] = absw[i] + (prop_sum > 0 ? rest * prop[i] / prop_sum : 0);
		cx[i] = x;
		x += cw[i];
	}

	/* the rows, in reading order: head, body, foot */
	vec rows = VEC_INIT(trow);
	static const doc_kind parts[] = {DOC_THEAD, DOC_TBODY, DOC_TFOOT};
	for (int pi = 0; pi < 3; pi++)
		for (const doc_node *part = tg->first; part; part = part->next)
			if (part->kind == parts[pi])
				for (const doc_node *r = part->first; r; r = r->next)
					if (r->kind == DOC_ROW) {
						trow *t = vec_push(&rows);
						t->node = r;
						t->header = pi == 0;
					}
	int nrows = (int)rows.len;
	/* cells, with the grid positions spans take */
	vec cells = VEC_INIT(tcell);
	int *busy = xcalloc((size_t)ncols, sizeof *busy);
	double pad = 3;
	for (int r = 0; r < nrows; r++) {
		trow *t = VEC_AT(&rows, trow, (size_t)r);
		int col = 0;
		for (const doc_node *e = t->node->first; e; e = e->next) {
			if (e->kind != DOC_ENTRY)
				continue;
			while (col < ncols && busy[col] > 0)
				col++;
			int c0 = col_index(names, ncols, doc_attr_get(e, "namest"));
			if (c0 < 0)
				c0 = col_index(names, ncols, doc_attr_get(e, "colname"));
			if (c0 < 0)
				c0 = col;
			if (c0 >= ncols) {
				if (L->pass == 0)
					diag_warn(L->dg, L->d->file, e->line,
					          doc_col(L->d, e), "more entries than "
					          "columns; the entry is set after the "
					          "table");
				break;
			}
			int c1 = col_index(names, ncols, doc_attr_get(e, "nameend"));
			if (c1 < c0)
				c1 = c0;
			const char *mr = doc_attr_get(e, "morerows");
			int more = mr ? atoi(mr) : 0;
			if (more < 0)
				more = 0;
			if (r + more >= nrows)
				more = nrows - 1 - r;
			tcell *c = vec_push(&cells);
			c->row = r;
			c->c0 = c0;
			c->c1 = c1;
			c->rows = more + 1;
			c->valign = doc_attr_get(e, "valign");
			const char *al = doc_attr_get(e, "align");
			double w = cx[c1] + cw[c1] - cx[c0] - 2 * pad;
			cell_content(L, e, w > 10 ? w : 10, t->header,
			             al ? al : calign[c0], c);
			for (int q = c0; q <= c1; q++)
				busy[q] = more + 1;
			col = c1 + 1;
		}
		for (int q = 0; q < ncols; q++)
			if (busy[q] > 0)
				busy[q]--;
	}
	/* row heights: single-row cells first, then spans stretch their
	 * last row when they need more */
	for (int r = 0; r < nrows; r++)
		VEC_AT(&rows, trow, (size_t)r)->h = s->small_leading + 2 * pad;
	for (size_t i = 0; i < cells.len; i++) {
		tcell *c = VEC_AT(&cells, tcell, i);
		trow *t = VEC_AT(&rows, trow, (size_t)c->row);
		if (c->rows == 1 && c->h + 2 * pad > t->h)
			t->h = c->h + 2 * pad;
	}
	for (size_t i = 0; i < cells.len; i++) {
		tcell *c = VEC_AT(&cells, tcell, i);
		if (c->rows == 1)
			continue;
		double have = 0;
		for (int r = c->row; r < c->row + c->rows; r++)
			have += VEC_AT(&rows, trow, (size_t)r)->h;
		if (c->h + 2 * pad > have)
			VEC_AT(&rows, trow, (size_t)(c->row + c->rows - 1))->h +=
				c->h + 2 * pad - have;
	}

	vspace(L, b->leading * 0.5);
	vanchor(L, n);
	if (n->kind == DOC_TABLE) {
		caption(L, n, W_TABLE, b);
		vspace(L, 3);
		vpenalty(L, LAY_INF);
	}
	lay_table *lt = vec_push(&L->tables);
	int tid = (int)L->tables.len - 1;
	lt->header = VEC_INIT(lay_v);
	int body_rows = 0, span_to = -1;
	for (int r = 0; r < nrows; r++) {
		trow *t = VEC_AT(&rows, trow, (size_t)r);
		vec items = VEC_INIT(page_item);
		double top = r == 0 ? 1 : 0;
		double rowh = t->h + top;
		if (rowh > L->text_h && L->pass == 0 && t->node)
			/* rows are not split across pages: what does not fit
			 * is cut off at the foot; say so (issue 7) */
			diag_warn(L->dg, L->d->file, t->node->line,
			          doc_col(L->d, t->node), "a table row %.0f pt "
			          "tall does not fit on a page (%.0f pt); its "
			          "end is cut off", rowh, L->text_h);
		if (t->header) {
			page_item *bg = vec_push(&items);
			bg->kind = ITEM_RECT;
			bg->x = b->x;
			bg->y = top;
			bg->w = width;
			bg->h = t->h;
			bg->color = &s->tint_color;
		}
		int fn_first = -1, fn_last = -1;
		/* columns whose cell goes on below this row: no rule there */
		char *open = xcalloc((size_t)ncols, 1);
		for (size_t i = 0; i < cells.len; i++) {
			tcell *c = VEC_AT(&cells, tcell, i);
			if (c->row <= r && c->row + c->rows - 1 > r)
				for (int q = c->c0; q <= c->c1; q++)
					open[q] = 1;
			if (c->row + c->rows - 1 > span_to && c->row == r)
				span_to = c->row + c->rows - 1;
			/* a cell is drawn with the last row it spans, over the
			 * tints of all its rows */
			if (c->row + c->rows - 1 != r)
				continue;
			double span_h = 0, above = 0;
			for (int q = c->row; q < c->row + c->rows; q++)
				span_h += VEC_AT(&rows, trow, (size_t)q)->h;
			for (int q = c->row; q < r; q++)
				above += VEC_AT(&rows, trow, (size_t)q)->h +
				         (q == 0 ? 1 : 0);
			double dy = 0;
			if (c->valign && strcmp(c->valign, "middle") == 0)
				dy = (span_h - 2 * pad - c->h) / 2;
			else if (c->valign && strcmp(c->valign, "bottom") == 0)
				dy = span_h - 2 * pad - c->h;
			double y0 = (c->row == 0 ? 1 : 0) - above;
			for (size_t j = 0; j < c->nitems; j++) {
				page_item *it = vec_push(&items);
				*it = c->items[j];
				it->x += b->x + cx[c->c0] + pad;
				it->y += y0 + pad + dy;
			}
			if (c->fn_n > 0) {
				if (fn_first < 0)
					fn_first = c->fn_first;
				fn_last = c->fn_first + c->fn_n - 1;
			}
		}
		if (r == 0)
			rule(&items, b->x, 0.5, width, 1, &s->accent_color);
		int last = r == nrows - 1;
		int below_header = t->header && (last ||
		                   !VEC_AT(&rows, trow, (size_t)r + 1)->header);
		double lw = last ? 1 : below_header ? 0.6 : 0.25;
		const style_color *rc = last || below_header ? &s->accent_color
		                                             : &s->rule_color;
		for (int q = 0; q < ncols;) {
			if (open[q] && !last) {
				q++;
				continue;
			}
			int q1 = q;
			while (q1 + 1 < ncols && !(open[q1 + 1] && !last))
				q1++;
			rule(&items, b->x + cx[q], rowh, cx[q1] + cw[q1] - cx[q], lw, rc);
			q = q1 + 1;
		}
		free(open);
		lay_v *v = lay_push(L);
		v->kind = V_BOX;
		v->h = rowh;
		v->x = 0;
		v->table = tid;
		v->header = t->header;
		v->tint = L->cur_tint;
		v->fn_first = fn_first;
		v->fn_n = fn_first >= 0 ? fn_last - fn_first + 1 : 0;
		v->items = lay_items_copy(L, &items, &v->nitems);
		vec_free(&items);
		if (t->header) {
			lt = VEC_AT(&L->tables, lay_table, (size_t)tid);
			*(lay_v *)vec_push(&lt->header) = *v;
		}
		body_rows += !t->header;
		if (!last)
			/* caption and header stay with two body rows, the last
			 * two rows together, and a vertical span whole */
			vpenalty(L, t->header || body_rows < 2 ||
			            r == nrows - 2 || span_to > r ? LAY_INF : 0);
	}
	vspace(L, b->leading * 0.6);
	b->noindent = 1;
	vec_free(&rows);
	vec_free(&cells);
	free(busy);
	free(names);
	free(calign);
	free(prop);
	free(absw);
	free(cx);
	free(cw);
}

/* ---- boxes: sidebars and admonitions ---- */

static void tinted(lay *L, const doc_node *n, blk *b, const char *label,
                   int accent_rule)
{
	const style *s = L->s;
	double pad = s->body_size * 0.9;
	lay_tint *t = vec_push(&L->tints);
	t->x = b->x;
	t->w = b->w;
	t->color = &s->tint_color;
	t->rule = &s->accent_color;
	t->rule_left = accent_rule;
	int saved = L->cur_tint;
	int tint_id = (int)L->tints.len - 1;
	L->cur_tint = tint_id;
	size_t start = L->out->len;
	vspace(L, b->leading * 0.5);
	vpenalty(L, LAY_INF);
	vanchor(L, n);
	vspace(L, pad * 0.6);
	blk inner = *b;
	inner.x = b->x + pad;
	inner.w = b->w - 2 * pad;
	inner.noindent = 1;
	if (label) {
		vec items = VEC_INIT(page_item);
		lay_text_items(L, &items, FONT_SANS_BOLD, s->small_size,
		               &s->accent_color, 0, s->small_size, label,
		               strlen(label));
		box_from_items(L, &items, s->small_leading, inner.x);
		vec_free(&items);
		vpenalty(L, LAY_INF);
	}
	const doc_node *t_node = title_of(n);
	if (t_node) {
		lay_para p;
		lay_para_init(L, &p, inner.w, s->body_size * 1.05,
		              s->body_leading);
		p.align = ALIGN_LEFT;
		p.nohyph = 1;
		lay_font_state f = {0};
		f.role = FONT_SANS_BOLD;
		f.size = s->body_size * 1.05;
		f.color = &s->accent_color;
		f.lang = n->lang;
		inlines(L, &p, t_node, f);
		size_t first = L->out->len;
		lay_para_emit(L, &p, inner.x);
		lay_para_free(&p);
		for (size_t i = first; i < L->out->len; i++)
			if (VEC_AT(L->out, lay_v, i)->kind == V_PENALTY)
				VEC_AT(L->out, lay_v, i)->penalty = LAY_INF;
		vpenalty(L, LAY_INF);
		vspace(L, 3);
		vpenalty(L, LAY_INF);
	}
	blocks(L, n, &inner);
	vspace(L, pad * 0.6);
	/* kept on one page when it fits in half a page: in the main flow
	 * it becomes one floating box (the text flows on when it must wait
	 * for the next page); elsewhere its breaks are forbidden */
	double h = 0;
	for (size_t i = start; i < L->out->len; i++) {
		lay_v *v = VEC_AT(L->out, lay_v, i);
		if (v->kind == V_BOX || v->kind == V_GLUE)
			h += v->h;
	}
	t = VEC_AT(&L->tints, lay_tint, (size_t)tint_id); /* may have moved */
	if (h < L->text_h * 0.5 && L->out == &L->v && !saved) {
		vec items = VEC_INIT(page_item);
		page_item *bg = vec_push(&items);
		bg->kind = ITEM_RECT;
		bg->x = t->x;
		bg->w = t->w;
		bg->color = t->color;
		if (accent_rule) {
			page_item *r = vec_push(&items);
			r->kind = ITEM_RECT;
			r->x = t->x;
			r->w = 2.5;
			r->color = t->rule;
		}
		double y = 0, top = -1;
		int fn_first = -1, fn_last = -1;
		for (size_t i = start; i < L->out->len; i++) {
			lay_v *v = VEC_AT(L->out, lay_v, i);
			if (v->kind == V_GLUE) {
				if (top < 0 && i > start)
					top = y; /* the tint starts after the outer space */
				y += v->h;
			} else if (v->kind == V_BOX) {
				if (top < 0)
					top = y;
				for (size_t j = 0; j < v->nitems; j++) {
					page_item *it = vec_push(&items);
					*it = v->items[j];
					it->x += v->x;
					it->y += y;
				}
				if (v->fn_n > 0) {
					if (fn_first < 0)
						fn_first = v->fn_first;
					fn_last = v->fn_first + v->fn_n - 1;
				}
				y += v->h;
			}
		}
		page_item *it0 = VEC_AT(&items, page_item, 0);
		it0->y = top;
		it0->h = y - top;
		if (accent_rule) {
			VEC_AT(&items, page_item, 1)->y = top;
			VEC_AT(&items, page_item, 1)->h = y - top;
		}
		L->out->len = start; /* the box draws its own tint */
		lay_v *v = lay_push(L);
		v->kind = V_BOX;
		v->h = y;
		v->x = 0;
		v->is_float = 1;
		v->node = n->idx + 1;
		v->fn_first = fn_first;
		v->fn_n = fn_first >= 0 ? fn_last - fn_first + 1 : 0;
		v->items = lay_items_copy(L, &items, &v->nitems);
		vec_free(&items);
	} else if (h < L->text_h * 0.5) {
		vec keep = VEC_INIT(lay_v);
		for (size_t i = start; i < L->out->len; i++) {
			lay_v *v = VEC_AT(L->out, lay_v, i);
			if (v->kind == V_PENALTY)
				v->penalty = LAY_INF;
			if (v->kind == V_GLUE && i > start) {
				/* glue after a box is a break too: shield it */
				lay_v *pen = vec_push(&keep);
				pen->kind = V_PENALTY;
				pen->penalty = LAY_INF;
				pen->tint = v->tint;
			}
			*(lay_v *)vec_push(&keep) = *v;
		}
		L->out->len = start;
		for (size_t i = 0; i < keep.len; i++)
			*(lay_v *)vec_push(L->out) = *VEC_AT(&keep, lay_v, i);
		vec_free(&keep);
	}
	L->cur_tint = saved;
	vspace(L, b->leading * 0.5);
	b->noindent = 1;
}

/* ---- verbatim ---- */

static void verbatim(lay *L, const doc_node *n, blk *b)
{
	const style *s = L->s;
	style_font role = n->kind == DOC_LITERALLAYOUT ? b->role : FONT_MONO;
	double size = n->kind == DOC_LITERALLAYOUT ? b->size
	                                           : s->small_size;
	double leading = n->kind == DOC_LITERALLAYOUT ? b->leading
	                                              : s->small_leading;
	char *raw = doc_text(L->d, n);
	/* tabs to spaces, stops every 8 columns */
	sbuf tb = {0};
	int column = 0;
	for (const char *c = raw; *c; c++) {
		if (*c == '\t') {
			do
				sbuf_add(&tb, " ", 1);
			while (++column % 8);
			continue;
		}
		sbuf_add(&tb, c, 1);
		if (*c == '\n')
			column = 0;
		else if (((unsigned char)*c & 0xC0) != 0x80)
			column++;
	}
	char *text = arena_strdup(L->a, tb.s ? tb.s : "");
	sbuf_free(&tb);
	vspace(L, b->leading * 0.4);
	anchors_for(L, n);
	const char *p = text;
	if (*p == '\n')
		p++;
	size_t len = strlen(p);
	while (len && (p[len - 1] == '\n' || p[len - 1] == ' '))
		len--;
	const char *end = p + len;
	double indent = n->kind == DOC_LITERALLAYOUT ? 0 : s->body_size;
	double maxw = b->w - indent;
	while (p <= end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		/* wrap at characters, with a marker on continued lines */
		const char *q = p;
		int cont = 0;
		do {
			const char *r = q, *fit = q;
			double w = 0;
			double avail = maxw - (cont ? size : 0);
			while (r < le) {
				const char *r0 = r;
				utf8_next(&r, le);
				double cw = lay_text_width(L, role, size, r0,
				                           (size_t)(r - r0));
				if (w + cw > avail && fit > q)
					break;
				w += cw;
				fit = r;
			}
			vec items = VEC_INIT(page_item);
			double base = (leading - size) / 2 + 0.78 * size;
			double x = indent;
			if (cont) {
				lay_text_items(L, &items, FONT_MONO, size,
				               &s->rule_color, x, base, "↪", 3);
				x += size;
			}
			/* spaces are kept: the run is set as written */
			char *line = arena_strndup(L->a, q, (size_t)(fit - q));
			lay_text_items(L, &items, role, size, &s->text_color, x,
			               base, line, strlen(line));
			box_from_items(L, &items, leading, b->x);
			vec_free(&items);
			vpenalty(L, 0);
			q = fit;
			cont = 1;
		} while (q < le);
		if (!nl)
			break;
		p = nl + 1;
	}
	vspace(L, b->leading * 0.4);
	b->noindent = 1;
}

/* ---- lists ---- */

static const char *bullet(int level)
{
	static const char *const marks[] = {"•", "–", "◦"};
	return marks[level % 3];
}

static void list(lay *L, const doc_node *n, blk *b)
{
	const style *s = L->s;
	int ordered = n->kind == DOC_ORDEREDLIST;
	const char *start = doc_attr_get(n, "startingnumber");
	/* bounded: atoi of "99999999999" is undefined, and k++ from
	 * INT_MAX overflowed (UBSan, issue 7) */
	long sn = start ? strtol(start, NULL, 10) : 1;
	int k = sn < 0 ? 0 : sn > 1000000 ? 1000000 : (int)sn;
	const char *numeration = doc_attr_get(n, "numeration");
	double indent = s->body_size * (ordered ? 1.8 : 1.4);
	vspace(L, b->leading * 0.3);
	anchors_for(L, n);
	for (const doc_node *c = n->first; c; c = c->next) {
		if (c->kind == DOC_TITLE) {
			caption(L, n, W_NWORDS, b);
			continue;
		}
		if (c->kind != DOC_LISTITEM)
			continue;
		char *marker;
		if (ordered) {
			if (numeration && strcmp(numeration, "loweralpha") == 0)
				marker = arena_printf(L->a, "%c.",
				                      'a' + (k + 25) % 26);
			else
				marker = arena_printf(L->a, "%d.", k);
			k++;
		} else {
			marker = arena_strdup(L->a, bullet(b->level));
		}
		blk inner = *b;
		inner.x = b->x + indent;
		inner.w = b->w - indent;
		inner.level = b->level + 1;
		inner.noindent = 1;
		lay_font_state mf = font_state(b, c);
		int first = 1;
		anchors_for(L, c);
		for (const doc_node *e = c->first; e; e = e->next) {
			if (e->kind == DOC_TEXT)
				continue;
			if (first && (e->kind == DOC_PARA || e->kind == DOC_SIMPARA)) {
				inner.noindent = 1;
				para(L, e, &inner, marker, &mf);
			} else {
				inner.noindent = 1;
				block(L, e, &inner);
			}
			first = 0;
		}
		vspace(L, b->leading * 0.15);
	}
	vspace(L, b->leading * 0.2);
	b->noindent = 1;
}

static void varlist(lay *L, const doc_node *n, blk *b)
{
	vspace(L, b->leading * 0.3);
	anchors_for(L, n);
	for (const doc_node *e = n->first; e; e = e->next) {
		if (e->kind != DOC_VARLISTENTRY)
			continue;
		for (const doc_node *t = e->first; t; t = t->next) {
			if (t->kind == DOC_TERM) {
				blk tb = *b;
				tb.role = styled(b->role, 1, 0);
				tb.noindent = 1;
				tb.align = ALIGN_LEFT;
				size_t first = L->out->len;
				para(L, t, &tb, NULL, NULL);
				for (size_t i = first; i < L->out->len; i++)
					if (VEC_AT(L->out, lay_v, i)->kind == V_PENALTY)
						VEC_AT(L->out, lay_v, i)->penalty = LAY_INF;
				vpenalty(L, LAY_INF);
			} else if (t->kind == DOC_LISTITEM) {
				blk inner = *b;
				inner.x += L->s->body_size * 1.8;
				inner.w -= L->s->body_size * 1.8;
				inner.noindent = 1;
				blocks(L, t, &inner);
			}
		}
		vspace(L, b->leading * 0.3);
	}
	b->noindent = 1;
}

/* ---- bibliography and glossary ---- */

static void biblio_entry(lay *L, const doc_node *n, blk *b, double gutter)
{
	lay_para p;
	lay_para_init(L, &p, b->w - gutter, b->size, b->leading);
	p.align = ALIGN_LEFT;
	p.src = n;
	const char *label = L->label[n->idx];
	lay_font_state mf = font_state(b, n);
	mf.role = FONT_SANS_BOLD;
	mf.size = b->size * 0.9;
	mf.color = &L->s->accent_color;
	if (label) {
		char *m = arena_printf(L->a, "[%s]", label);
		p.marker = m;
		p.marker_face = L->fs->chain[FONT_SANS_BOLD][0];
		p.marker_size = mf.size;
		p.marker_color = mf.color;
		p.marker_w = gutter - b->size * 0.5;
	}
	anchors_for(L, n);
	lay_font_state f = font_state(b, n);
	int sep = 0;
	for (const doc_node *c = n->first; c; c = c->next) {
		if (c->kind == DOC_ABBREV)
			continue;
		if (n->kind == DOC_BIBLIOENTRY && c->kind != DOC_TEXT) {
			/* structured entry: parts joined by full stops */
			if (sep)
				lay_para_text(L, &p, &f, ". ", 2, NULL);
			lay_font_state f2 = f;
			if (c->kind == DOC_TITLE || c->kind == DOC_CITETITLE)
				f2.role = FONT_SERIF_ITALIC;
			if (doc_kind_class(c->kind) == DOC_CLASS_INLINE)
				inline_elem(L, &p, c, f2);
			else
				inlines(L, &p, c, f2);
			sep = 1;
			continue;
		}
		if (n->kind == DOC_BIBLIOENTRY)
			continue;
		if (c->kind == DOC_TEXT)
			lay_para_text(L, &p, &f, c->text, c->textlen, c);
		else if (c->kind == DOC_TITLE)
			inlines(L, &p, c, f);
		else if (doc_kind_class(c->kind) == DOC_CLASS_INLINE)
			inline_elem(L, &p, c, f);
		else
			inlines(L, &p, c, f);
	}
	if (n->kind == DOC_BIBLIOENTRY && sep)
		lay_para_text(L, &p, &f, ".", 1, NULL);
	/* the marker hangs in the gutter: shift it to the gutter's left */
	size_t first = L->out->len;
	lay_para_emit(L, &p, b->x + gutter);
	if (label && L->out->len > first) {
		lay_v *v = VEC_AT(L->out, lay_v, first);
		if (v->nitems && v->items[0].kind == ITEM_TEXT)
			v->items[0].x = -gutter;
	}
	lay_para_free(&p);
	vspace(L, b->leading * 0.25);
}

static void bibliography_entries(lay *L, const doc_node *n, blk *b)
{
	double gutter = 0;
	for (const doc_node *c = n->first; c; c = c->next)
		if ((c->kind == DOC_BIBLIOENTRY || c->kind == DOC_BIBLIOMIXED) &&
		    L->label[c->idx]) {
			char *m = arena_printf(L->a, "[%s]", L->label[c->idx]);
			double w = lay_text_width(L, FONT_SANS_BOLD, b->size * 0.9,
			                          m, strlen(m));
			if (w > gutter)
				gutter = w;
		}
	gutter += b->size;
	if (gutter > b->w * 0.35)
		gutter = b->w * 0.35;
	for (const doc_node *c = n->first; c; c = c->next) {
		if (c->kind == DOC_BIBLIOENTRY || c->kind == DOC_BIBLIOMIXED)
			biblio_entry(L, c, b, gutter);
		else if (c->kind != DOC_TITLE && c->kind != DOC_INFO &&
		         c->kind != DOC_TEXT)
			block(L, c, b);
	}
}

static void glossary_entries(lay *L, const doc_node *n, blk *b)
{
	double gutter = 0;
	for (const doc_node *e = n->first; e; e = e->next) {
		const doc_node *t = e->kind == DOC_GLOSSENTRY
		                    ? doc_child(e, DOC_GLOSSTERM) : NULL;
		if (!t)
			continue;
		char *s = doc_text(L->d, t);
		double w = lay_text_width(L, FONT_SANS_BOLD, b->size * 0.95, s,
		                          strlen(s));
		if (w > gutter)
			gutter = w;
	}
	gutter += b->size * 1.2;
	if (gutter > b->w * 0.3)
		gutter = b->w * 0.3;
	for (const doc_node *e = n->first; e; e = e->next) {
		if (e->kind != DOC_GLOSSENTRY) {
			if (e->kind != DOC_TITLE && e->kind != DOC_INFO &&
			    e->kind != DOC_TEXT)
				block(L, e, b);
			continue;
		}
		anchors_for(L, e);
		const doc_node *t = doc_child(e, DOC_GLOSSTERM);
		char *term = t ? doc_text(L->d, t) : arena_strdup(L->a, "");
		blk inner = *b;
		inner.x = b->x + gutter;
		inner.w = b->w - gutter;
		inner.noindent = 1;
		inner.align = ALIGN_LEFT;
		lay_font_state mf = font_state(b, e);
		mf.role = FONT_SANS_BOLD;
		mf.size = b->size * 0.95;
		mf.color = &L->s->accent_color;
		int first = 1;
		for (const doc_node *gd = e->first; gd; gd = gd->next) {
			if (gd->kind != DOC_GLOSSDEF)
				continue;
			for (const doc_node *c = gd->first; c; c = c->next) {
				if (c->kind == DOC_TEXT)
					continue;
				size_t at = L->out->len;
				if (first && (c->kind == DOC_PARA ||
				              c->kind == DOC_SIMPARA)) {
					para(L, c, &inner, term, &mf);
					if (L->out->len > at) {
						lay_v *v = VEC_AT(L->out, lay_v, at);
						while (v->kind != V_BOX &&
						       at + 1 < L->out->len)
							v = VEC_AT(L->out, lay_v, ++at);
						if (v->kind == V_BOX && v->nitems &&
						    v->items[0].kind == ITEM_TEXT)
							v->items[0].x = -gutter;
					}
				} else {
					block(L, c, &inner);
				}
				first = 0;
			}
		}
		vspace(L, b->leading * 0.1);
	}
}

/* ---- divisions ---- */

static int div_level(const doc_node *n)
{
	int level = 0;
	for (const doc_node *p = n->parent; p; p = p->parent)
		if (p->kind == DOC_SECTION || p->kind == DOC_SIMPLESECT)
			level++;
	if (n->kind == DOC_SECTION || n->kind == DOC_SIMPLESECT)
		level++;
	return level;
}

static void division(lay *L, const doc_node *n, blk *b)
{
	int level = div_level(n);
	int top = level == 0 && (n->parent == L->d->root ||
	                         (n->parent && n->parent->kind == DOC_PART));
	if (L->book && top) {
		if (n->kind == DOC_CHAPTER || n->kind == DOC_PREFACE ||
		    n->kind == DOC_APPENDIX || n->kind == DOC_BIBLIOGRAPHY ||
		    n->kind == DOC_GLOSSARY) {
			vbreak(L, L->s->chapter_recto);
			L->fn_counter = 0;
			if (n->kind == DOC_CHAPTER || n->kind == DOC_APPENDIX ||
			    n->kind == DOC_BIBLIOGRAPHY || n->kind == DOC_GLOSSARY) {
				/* the body starts at the first chapter */
				lay_v *a = vanchor(L, NULL);
				a->body_start = 1;
			}
		}
	}
	if (!L->book && level == 0)
		level = 1;
	heading(L, n, level, b);
	blk inner = *b;
	inner.noindent = 1;
	if (n->kind == DOC_BIBLIOGRAPHY) {
		bibliography_entries(L, n, &inner);
		return;
	}
	if (n->kind == DOC_GLOSSARY) {
		glossary_entries(L, n, &inner);
		return;
	}
	blocks(L, n, &inner);
}

static void block(lay *L, const doc_node *n, blk *b)
{
	const style *s = L->s;
	switch (n->kind) {
	case DOC_TEXT: {
		/* stray text at block level is still laid out */
		int blank = 1;
		for (size_t i = 0; i < n->textlen; i++)
			if (!strchr(" \t\r\n", n->text[i]))
				blank = 0;
		if (blank)
			return;
		lay_para p;
		lay_para_init(L, &p, b->w, b->size, b->leading);
		lay_font_state f = font_state(b, n);
		lay_para_text(L, &p, &f, n->text, n->textlen, n);
		lay_para_emit(L, &p, b->x);
		lay_para_free(&p);
		return;
	}
	case DOC_TITLE:
	case DOC_SUBTITLE:
	case DOC_TITLEABBREV:
	case DOC_INFO:
	case DOC_INDEXTERM:
	case DOC_ATTRIBUTION:
	case DOC_COLSPEC:
		return;
	case DOC_REMARK:
		return;
	case DOC_PREFACE:
	case DOC_CHAPTER:
	case DOC_APPENDIX:
	case DOC_SECTION:
	case DOC_SIMPLESECT:
	case DOC_BIBLIOGRAPHY:
	case DOC_GLOSSARY:
	case DOC_PART:
	case DOC_ARTICLE:
		division(L, n, b);
		return;
	case DOC_PARA:
	case DOC_SIMPARA:
		para(L, n, b, NULL, NULL);
		if (s->parskip > 0)
			vspace(L, s->parskip);
		return;
	case DOC_FORMALPARA: {
		const doc_node *t = doc_child(n, DOC_TITLE);
		const doc_node *pa = doc_child(n, DOC_PARA);
		if (t) {
			blk tb = *b;
			tb.role = styled(b->role, 1, 0);
			tb.align = ALIGN_LEFT;
			size_t first = L->out->len;
			para(L, t, &tb, NULL, NULL);
			for (size_t i = first; i < L->out->len; i++)
				if (VEC_AT(L->out, lay_v, i)->kind == V_PENALTY)
					VEC_AT(L->out, lay_v, i)->penalty = LAY_INF;
			vpenalty(L, LAY_INF);
			b->noindent = 1;
		}
		if (pa)
			para(L, pa, b, NULL, NULL);
		return;
	}
	case DOC_ITEMIZEDLIST:
	case DOC_ORDEREDLIST:
		list(L, n, b);
		return;
	case DOC_VARIABLELIST:
		varlist(L, n, b);
		return;
	case DOC_BLOCKQUOTE: {
		blk inner = *b;
		double ind = s->body_size * 2;
		inner.x += ind;
		inner.w -= 2 * ind;
		inner.size = b->size * 0.95;
		inner.noindent = 1;
		vspace(L, b->leading * 0.4);
		anchors_for(L, n);
		blocks(L, n, &inner);
		const doc_node *at = doc_child(n, DOC_ATTRIBUTION);
		if (at) {
			blk ab = inner;
			ab.align = ALIGN_RIGHT;
			ab.role = styled(b->role, 0, 1);
			lay_para p;
			lay_para_init(L, &p, ab.w, ab.size, ab.leading);
			p.align = ALIGN_RIGHT;
			lay_font_state f = font_state(&ab, at);
			lay_para_text(L, &p, &f, "— ", 4, at);
			inlines(L, &p, at, f);
			lay_para_emit(L, &p, ab.x);
			lay_para_free(&p);
		}
		vspace(L, b->leading * 0.4);
		b->noindent = 1;
		return;
	}
	case DOC_NOTE:
	case DOC_TIP:
	case DOC_IMPORTANT:
	case DOC_WARNING:
	case DOC_CAUTION: {
		word_id w = n->kind == DOC_NOTE ? W_NOTE
		            : n->kind == DOC_TIP ? W_TIP
		            : n->kind == DOC_IMPORTANT ? W_IMPORTANT
		            : n->kind == DOC_WARNING ? W_WARNING : W_CAUTION;
		tinted(L, n, b, title_of(n) ? NULL : word(n->lang, w), 1);
		return;
	}
	case DOC_SIDEBAR: {
		const char *label = NULL;
		if (n->role && strcmp(n->role, "best-practice") == 0)
			label = word(n->lang, W_BESTPRACTICE);
		tinted(L, n, b, label, n->role != NULL);
		return;
	}
	case DOC_EXAMPLE:
		vspace(L, b->leading * 0.4);
		caption(L, n, W_EXAMPLE, b);
		vpenalty(L, LAY_INF);
		blocks(L, n, b);
		return;
	case DOC_PROGRAMLISTING:
	case DOC_SCREEN:
	case DOC_LITERALLAYOUT:
		verbatim(L, n, b);
		return;
	case DOC_FIGURE:
	case DOC_INFORMALFIGURE:
		figure(L, n, b);
		return;
	case DOC_MEDIAOBJECT: {
		vec items = VEC_INIT(page_item);
		vanchor(L, n);
		double h = image(L, n, b->w, L->text_h * 0.75, 0, 0, &items, 1, 0);
		if (h > 0)
			box_from_items(L, &items, h + 4, b->x);
		vec_free(&items);
		const doc_node *cap = doc_child(n, DOC_CAPTION);
		if (cap) {
			blk cb = *b;
			cb.size = s->small_size;
			cb.leading = s->small_leading;
			cb.noindent = 1;
			blocks(L, cap, &cb);
		}
		return;
	}
	case DOC_TABLE:
	case DOC_INFORMALTABLE:
		table(L, n, b);
		return;
	case DOC_BIBLIOLIST:
		bibliography_entries(L, n, b);
		return;
	case DOC_BIBLIOENTRY:
	case DOC_BIBLIOMIXED:
		biblio_entry(L, n, b, b->size * 3);
		return;
	case DOC_GLOSSENTRY:
		return;
	case DOC_CAPTION:
	case DOC_LISTITEM:
	case DOC_GLOSSDEF:
	case DOC_TEXTOBJECT:
		blocks(L, n, b);
		return;
	case DOC_ANCHOR:
		vanchor(L, n);
		return;
	default:
		/* an inline at block level: a paragraph of its own */
		if (doc_kind_class(n->kind) == DOC_CLASS_INLINE) {
			lay_para p;
			lay_para_init(L, &p, b->w, b->size, b->leading);
			lay_font_state f = font_state(b, n);
			inline_elem(L, &p, n, f);
			lay_para_emit(L, &p, b->x);
			lay_para_free(&p);
			return;
		}
		blocks(L, n, b);
		return;
	}
}

static void blocks(lay *L, const doc_node *n, blk *b)
{
	for (const doc_node *c = n->first; c; c = c->next)
		block(L, c, b);
}

/* ---- front matter: cover, imprint, contents ---- */

typedef struct meta {
	const char *title, *subtitle, *publisher, *city, *year, *holder,
	           *isbn, *pubdate;
	const char *authors, *keywords, *subject, *abstract;
	vec logos;                 /* const doc_node * (mediaobject) */
} meta;

static const char *meta_text(lay *L, const doc_node *info, doc_kind k)
{
	if (!info)
		return NULL;
	for (doc_node *n = info->first; n; n = doc_next(info, n))
		if (n->kind == k) {
			char *t = doc_text(L->d, n);
			/* trim */
			while (*t == ' ' || *t == '\n' || *t == '\t')
				t++;
			size_t len = strlen(t);
			while (len && strchr(" \n\t\r", t[len - 1]))
				t[--len] = 0;
			return t;
		}
	return NULL;
}

static void read_meta(lay *L, meta *m)
{
	const doc_node *info = L->d->info;
	memset(m, 0, sizeof *m);
	m->logos = VEC_INIT(const doc_node *);
	m->title = meta_text(L, info, DOC_TITLE);
	if (!m->title) {
		const doc_node *t = doc_child(L->d->root, DOC_TITLE);
		m->title = t ? doc_text(L->d, t) : "Untitled";
	}
	m->subtitle = meta_text(L, info, DOC_SUBTITLE);
	m->publisher = meta_text(L, info, DOC_PUBLISHERNAME);
	m->city = meta_text(L, info, DOC_CITY);
	m->year = meta_text(L, info, DOC_YEAR);
	m->holder = meta_text(L, info, DOC_HOLDER);
	m->pubdate = meta_text(L, info, DOC_PUBDATE);
	if (info)
		for (doc_node *n = info->first; n; n = doc_next(info, n))
			if (n->kind == DOC_BIBLIOID) {
				const char *cl = doc_attr_get(n, "class");
				if (cl && strcmp(cl, "isbn") == 0)
					m->isbn = doc_text(L->d, n);
			}
	sbuf a = {0};
	if (info)
		for (doc_node *n = info->first; n; n = doc_next(info, n)) {
			if (n->kind != DOC_AUTHOR && n->kind != DOC_EDITOR)
				continue;
			const doc_node *on = doc_child(n, DOC_ORGNAME);
			const doc_node *pn = doc_child(n, DOC_PERSONNAME);
			char *t = NULL;
			if (pn) {
				const doc_node *fnm = doc_child(pn, DOC_FIRSTNAME);
				const doc_node *sn = doc_child(pn, DOC_SURNAME);
				t = fnm && sn ? arena_printf(L->a, "%s %s",
				                             doc_text(L->d, fnm),
				                             doc_text(L->d, sn))
				              : doc_text(L->d, pn);
			} else if (on) {
				t = doc_text(L->d, on);
			} else {
				t = doc_text(L->d, n);
			}
			if (a.len)
				sbuf_adds(&a, "\n");
			sbuf_adds(&a, t);
		}
	m->authors = a.s ? arena_strdup(L->a, a.s) : NULL;
	sbuf_free(&a);
	/* keywords joined, the subject from the subtitle or the abstract */
	sbuf kw = {0};
	if (info)
		for (doc_node *n = info->first; n; n = doc_next(info, n))
			if (n->kind == DOC_KEYWORD) {
				if (kw.len)
					sbuf_adds(&kw, ", ");
				sbuf_adds(&kw, doc_text(L->d, n));
			}
	m->keywords = kw.s ? arena_strdup(L->a, kw.s) : NULL;
	sbuf_free(&kw);
	m->abstract = meta_text(L, info, DOC_ABSTRACT);
	m->subject = m->subtitle ? m->subtitle : m->abstract;
	const doc_node *cover = info ? doc_child(info, DOC_COVER) : NULL;
	if (cover)
		for (const doc_node *c = cover->first; c; c = c->next)
			if (c->kind == DOC_MEDIAOBJECT && c->role &&
			    strcmp(c->role, "logo") == 0)
				*(const doc_node **)vec_push(&m->logos) = c;
}

/* Marks the items from FIRST on as TAG, for the preflight record. */
static void tag_items(vec *items, size_t first, int tag)
{
	for (size_t i = first; i < items->len; i++)
		VEC_AT(items, page_item, i)->tag = tag;
}

/* Sets TEXT as ragged lines at (x, y) into ITEMS; returns the y below. */
static double text_block(lay *L, vec *items, const char *text,
                         style_font role, double size, double leading,
                         const style_color *color, double x, double y,
                         double w, lay_align align)
{
	/* each \n is a new paragraph; the items keep an arena copy */
	const char *p = arena_strdup(L->a, text);
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lay_para para;
		lay_para_init(L, &para, w, size, leading);
		para.align = align;
		para.nohyph = 1;
		lay_font_state f = {0};
		f.role = role;
		f.size = size;
		f.color = color;
		f.lang = "en";
		lay_para_text(L, &para, &f, p, len, NULL);
		vec lines = VEC_INIT(lay_v);
		lay_para_emit_to(L, &para, 0, &lines);
		lay_para_free(&para);
		for (size_t i = 0; i < lines.len; i++) {
			lay_v *v = VEC_AT(&lines, lay_v, i);
			if (v->kind != V_BOX)
				continue;
			for (size_t j = 0; j < v->nitems; j++) {
				page_item *it = vec_push(items);
				*it = v->items[j];
				it->x += x;
				it->y += y;
			}
			y += v->h;
		}
		vec_free(&lines);
		p = nl ? nl + 1 : NULL;
	}
	return y;
}

static void full_page(lay *L, vec *items)
{
	lay_v *v = lay_push(L);
	v->kind = V_PAGE;
	v->items = lay_items_copy(L, items, &v->nitems);
}

/* The row of partner logos (and the funder's) at height H, centred in
 * [x, x+w] at y. Returns 0, or -1 when a logo cannot be loaded. */
static int logo_row(lay *L, vec *items, const meta *m, double x, double y,
                    double w, double h, int funder)
{
	size_t n = m->logos.len + (funder ? 1 : 0);
	if (!n)
		return 0;
	double gap = 10;
	double slot = (w - gap * (double)(n - 1)) / (double)n;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		double sx = x + (double)i * (slot + gap);
		double got;
		size_t first = items->len;
		if (i < m->logos.len) {
			const doc_node *lg = *VEC_AT(&m->logos, const doc_node *, i);
			got = image(L, lg, slot, h, sx, y, items, 1, 1);
		} else {
			svg_image *svg = load_svg(L, L->s->funder_logo, NULL, 1);
			if (!svg) {
				rc = -1;
				continue;
			}
			double sc = fmin(slot / svg->width, h / svg->height);
			double wd = svg->width * sc;
			page_item *it = vec_push(items);
			double ix = sx + (slot - wd) / 2;
			it->kind = ITEM_SVG;
			it->svg = svg;
			it->scale = sc;
			it->x = ix;
			it->y = y;
			it->w = wd;
			it->h = svg->height * sc;
			got = it->h;
			it = NULL; /* svg_text may move the items */
			svg_text(L, items, svg, sc, ix, y);
		}
		if (got < 0)
			rc = -1;
		tag_items(items, first, i < m->logos.len ? PAGE_TAG_PARTNER_LOGO
		                                         : PAGE_TAG_FUNDER_LOGO);
	}
	return rc;
}

static int cover(lay *L, const meta *m)
{
	const style *s = L->s;
	vec items = VEC_INIT(page_item);
	double W = s->page_width, H = s->page_height;
	double bl = s->bleed;
	double band = H * 0.62;
	page_item *r = vec_push(&items);
	r->kind = ITEM_RECT;
	r->x = -bl;
	r->y = -bl;
	r->w = W + 2 * bl;
	r->h = band + bl;
	r->color = &s->cover_color;
	double x = s->margin_outer + 6, w = W - 2 * x;
	double y = H * 0.16;
	if (m->authors) {
		/* partners, small capitals-like sans above the title */
		y = text_block(L, &items, m->authors, FONT_SANS, 9, 12,
		               &s->cover_text_color, x, y, w, ALIGN_LEFT);
	}
	y += 28;
	y = text_block(L, &items, m->title, FONT_SANS_BOLD, 26, 31,
	               &s->cover_text_color, x, y, w, ALIGN_LEFT);
	y += 12;
	page_item *rule = vec_push(&items);
	rule->kind = ITEM_RECT;
	rule->x = x;
	rule->y = y;
	rule->w = 60;
	rule->h = 2.5;
	rule->color = &s->cover_text_color;
	y += 18;
	if (m->subtitle)
		y = text_block(L, &items, m->subtitle, FONT_SANS, 13, 17,
		               &s->cover_text_color, x, y, w, ALIGN_LEFT);
	const char *place = m->city && m->year
	                    ? arena_printf(L->a, "%s · %s", m->city, m->year)
	                    : m->year;
	if (place)
		text_block(L, &items, place, FONT_SANS, 10, 12,
		           &s->cover_text_color, x, band - 30, w, ALIGN_LEFT);
	int rc = 0;
	if (s->min_partner_logos > 0 &&
	    (int)m->logos.len < s->min_partner_logos) {
		diag_error(L->dg, L->d->file, L->d->info ? L->d->info->line : 0,
		           0, "style '%s' requires %d partner logos "
		           "(mediaobject role=\"logo\" in info/cover); the "
		           "document has %zu", s->name, s->min_partner_logos,
		           m->logos.len);
		rc = -1;
	}
	double ly = band + (H - band) * 0.18;
	if (m->logos.len)
		if (logo_row(L, &items, m, x, ly, w, 44, 0))
			rc = -1;
	if (s->funder_logo) {
		double fy = H - s->margin_bottom - 40;
		text_block(L, &items, s->funder_name ? s->funder_name : "",
		           FONT_SANS, 7.5, 9, &s->rule_color, x, fy - 8, w,
		           ALIGN_LEFT);
		meta none = {0};
		none.logos = VEC_INIT(const doc_node *);
		if (logo_row(L, &items, &none, x, fy, w * 0.4, 38, 1))
			rc = -1;
	}
	full_page(L, &items);
	vec_free(&items);
	return rc;
}

static void imprint(lay *L, const meta *m, int back)
{
	const style *s = L->s;
	vec items = VEC_INIT(page_item);
	double W = s->page_width, H = s->page_height;
	double x = s->margin_outer; /* both are left-hand pages */
	double w = W - s->margin_inner - s->margin_outer;
	const style_color *tc = &s->text_color;
	sbuf t = {0};
	if (!back) {
		sbuf_printf(&t, "%s", m->title);
		if (m->subtitle)
			sbuf_printf(&t, ": %s", m->subtitle);
		sbuf_adds(&t, "\n");
		if (m->publisher)
			sbuf_printf(&t, "%s%s%s\n", m->publisher,
			            m->city ? ", " : "", m->city ? m->city : "");
		if (m->year || m->holder)
			sbuf_printf(&t, "© %s %s. All rights reserved.\n",
			            m->year ? m->year : "",
			            m->holder ? m->holder : "");
		if (m->isbn)
			sbuf_printf(&t, "ISBN %s\n", m->isbn);
	}
	double y = back ? H * 0.45 : H * 0.55;
	if (back && s->has_cover) {
		/* the back cover repeats the front's colour: title and abstract
		 * on it, the disclaimer and the logos below */
		double bl = s->bleed;
		page_item *band = vec_push(&items);
		band->kind = ITEM_RECT;
		band->x = -bl;
		band->y = -bl;
		band->w = W + 2 * bl;
		band->h = H * 0.40 + bl;
		band->color = &s->cover_color;
		double by = text_block(L, &items, m->title, FONT_SANS_BOLD, 15, 19,
		                       &s->cover_text_color, x, H * 0.08, w,
		                       ALIGN_LEFT) + 10;
		if (m->abstract)
			text_block(L, &items, m->abstract, FONT_SANS, 9, 12.5,
			           &s->cover_text_color, x, by, w, ALIGN_LEFT);
	}
	if (t.s)
		y = text_block(L, &items, t.s, FONT_SANS, 8.5, 12, tc, x, y, w,
		               ALIGN_LEFT) + 14;
	sbuf_free(&t);
	/* other legal notices of the source */
	if (!back && L->d->info)
		for (const doc_node *n = L->d->info->first; n; n = n->next) {
			if (n->kind != DOC_LEGALNOTICE ||
			    (n->role && strcmp(n->role, "funding") == 0 &&
			     s->disclaimer))
				continue;
			char *lt = doc_text(L->d, n);
			y = text_block(L, &items, lt, FONT_SANS, 8, 11, tc, x, y, w,
			               ALIGN_LEFT) + 8;
		}
	if (s->disclaimer) {
		page_item *rule = vec_push(&items);
		rule->kind = ITEM_LINE;
		rule->x = x;
		rule->y = y;
		rule->w = w;
		rule->lw = 0.5;
		rule->color = &s->rule_color;
		y += 10;
		size_t first = items.len;
		y = text_block(L, &items, s->disclaimer, FONT_SANS, 8, 11, tc, x,
		               y, w, ALIGN_LEFT) + 14;
		tag_items(&items, first, PAGE_TAG_DISCLAIMER);
	}
	if (back) {
		meta none = *m;
		logo_row(L, &items, &none, x, y + 10, w, 36, 0);
		if (s->funder_logo) {
			meta f = {0};
			f.logos = VEC_INIT(const doc_node *);
			logo_row(L, &items, &f, x, y + 64, w * 0.4, 34, 1);
		}
		if (m->isbn)
			text_block(L, &items, arena_printf(L->a, "ISBN %s", m->isbn),
			           FONT_SANS, 8, 10, tc, x,
			           H - s->margin_bottom, w, ALIGN_LEFT);
	}
	full_page(L, &items);
	vec_free(&items);
}

/* A line of the contents: TITLE (with LABEL) and PAGE at the right. */
static void toc_line(lay *L, const doc_node *target, const char *label,
                     const char *title, int level, blk *b)
{
	const style *s = L->s;
	double ind = level * s->body_size * 1.6;
	double numw = s->body_size * 2.4;
	double labelw = label ? s->body_size * (level == 0 ? 1.6 : 2.6) : 0;
	int bold = level == 0;
	style_font role = bold ? FONT_SANS_BOLD : FONT_SERIF;
	double size = bold ? s->body_size : s->body_size * 0.95;
	lay_para p;
	lay_para_init(L, &p, b->w - ind - labelw - numw, size, s->body_leading);
	p.align = ALIGN_LEFT;
	p.nohyph = 1;
	lay_font_state f = {0};
	f.role = role;
	f.size = size;
	f.color = &s->text_color;
	f.lang = target->lang;
	f.target = target->idx + 1;
	lay_para_text(L, &p, &f, title, strlen(title), target);
	if (level == 0)
		vspace(L, s->body_leading * 0.4);
	size_t first = L->out->len;
	lay_para_emit(L, &p, b->x + ind + labelw);
	lay_para_free(&p);
	if (L->out->len == first)
		return;
	/* label in the gutter of the first line, page number on the last */
	lay_v *fl = NULL, *ll = NULL;
	for (size_t i = first; i < L->out->len; i++) {
		lay_v *v = VEC_AT(L->out, lay_v, i);
		if (v->kind == V_BOX) {
			if (!fl)
				fl = v;
			ll = v;
		} else if (v->kind == V_PENALTY) {
			v->penalty = LAY_INF;
		}
	}
	double base = (s->body_leading - size) / 2 + 0.78 * size;
	vec items = VEC_INIT(page_item);
	for (size_t j = 0; j < ll->nitems; j++)
		*(page_item *)vec_push(&items) = ll->items[j];
	const char *pg = page_label_of(L, target);
	double pw = lay_text_width(L, role, size, pg, strlen(pg));
	double right = b->w - ind - labelw;
	/* dot leaders from the end of the text to the number */
	double endx = 0;
	for (size_t j = 0; j < ll->nitems; j++)
		if (ll->items[j].kind == ITEM_TEXT &&
		    ll->items[j].x + ll->items[j].w > endx)
			endx = ll->items[j].x + ll->items[j].w;
	if (!bold) {
		double dotw = lay_text_width(L, FONT_SERIF, size, ".", 1) * 2.2;
		double dx = ceil((endx + size * 0.6) / dotw) * dotw;
		int count = 0;
		while (dx + (count + 1) * dotw < right - pw - size * 0.6 &&
		       count < 200)
			count++;
		/* the first dot set, the others copies of its items moved */
		size_t d0 = items.len;
		if (count > 0)
			lay_text_items(L, &items, FONT_SERIF, size, &s->rule_color,
			               dx, base, ".", 1);
		size_t d1 = items.len;
		for (int i = 1; i < count; i++)
			for (size_t j = d0; j < d1; j++) {
				page_item *it = vec_push(&items);
				*it = *VEC_AT(&items, page_item, j);
				it->x += i * dotw;
			}
	}
	lay_text_items(L, &items, role, size, &s->text_color, right - pw, base,
	               pg, strlen(pg));
	page_item *lk = vec_push(&items);
	lk->kind = ITEM_LINK;
	lk->x = 0;
	lk->y = base - size;
	lk->w = right;
	lk->h = size * 1.3;
	lk->target = target->idx + 1;
	ll->items = lay_items_copy(L, &items, &ll->nitems);
	vec_free(&items);
	if (label) {
		vec li = VEC_INIT(page_item);
		for (size_t j = 0; j < fl->nitems; j++)
			*(page_item *)vec_push(&li) = fl->items[j];
		lay_text_items(L, &li, role, size, &s->text_color, -labelw, base,
		               label, strlen(label));
		fl->items = lay_items_copy(L, &li, &fl->nitems);
		vec_free(&li);
	}
}

static void list_heading(lay *L, const char *title, blk *b)
{
	const style *s = L->s;
	vspace(L, s->heading_before[0]);
	lay_v *a = vanchor(L, NULL);
	a->level = -1;
	a->no_head = 1;
	a->chapter = title;
	vec items = VEC_INIT(page_item);
	lay_text_items(L, &items, FONT_SANS_BOLD, s->heading_size[0],
	               &s->accent_color, 0, s->heading_size[0], title,
	               strlen(title));
	box_from_items(L, &items, s->heading_leading[0] + 4, b->x);
	vec_free(&items);
	vpenalty(L, LAY_INF);
	vspace(L, s->heading_after[0]);
	vpenalty(L, LAY_INF);
}

static void contents(lay *L, blk *b)
{
	doc *d = L->d;
	const char *lang = d->root->lang;
	vbreak(L, 1);
	list_heading(L, word(lang, W_CONTENTS), b);
	int any_tables = 0, any_figures = 0;
	for (doc_node *n = d->root; n; n = doc_next(d->root, n)) {
		if (n->kind == DOC_TABLE)
			any_tables = 1;
		if (n->kind == DOC_FIGURE)
			any_figures = 1;
		if (doc_kind_class(n->kind) != DOC_CLASS_DIV || n == d->root)
			continue;
		int level = div_level(n);
		if (level > 2 || n->kind == DOC_PART)
			continue;
		char *title = title_text(L, n);
		if (!title)
			continue;
		const char *label = L->s->heading_numbers ? L->label[n->idx]
		                                          : NULL;
		if (level == 0 && n->kind == DOC_APPENDIX && label)
			label = arena_printf(L->a, "%s", label);
		toc_line(L, n, label, title, level, b);
	}
	for (int pass = 0; pass < 2; pass++) {
		if ((pass == 0 && !any_tables) || (pass == 1 && !any_figures))
			continue;
		vbreak(L, 0);
		list_heading(L, word(lang, pass ? W_FIGURES : W_TABLES), b);
		for (doc_node *n = d->root; n; n = doc_next(d->root, n)) {
			if (n->kind != (pass ? DOC_FIGURE : DOC_TABLE))
				continue;
			char *title = title_text(L, n);
			toc_line(L, n, L->label[n->idx], title ? title : "", 1, b);
		}
	}
}

/* ---- the document ---- */

static blk body_frame(lay *L)
{
	blk b = {0};
	b.x = 0;
	b.w = L->text_w;
	b.size = L->s->body_size;
	b.leading = L->s->body_leading;
	b.role = FONT_SERIF;
	b.color = &L->s->text_color;
	b.align = ALIGN_JUSTIFY;
	b.noindent = 1;
	return b;
}

static void article_title(lay *L, const meta *m, blk *b)
{
	const style *s = L->s;
	vec items = VEC_INIT(page_item);
	double y = text_block(L, &items, m->title, FONT_SANS_BOLD,
	                      s->heading_size[0], s->heading_leading[0],
	                      &s->accent_color, 0, 0, b->w, ALIGN_LEFT);
	if (m->subtitle)
		y = text_block(L, &items, m->subtitle, FONT_SANS,
		               s->heading_size[1], s->heading_leading[1],
		               &s->text_color, 0, y + 4, b->w, ALIGN_LEFT);
	if (m->authors)
		y = text_block(L, &items, m->authors, FONT_SANS, s->body_size,
		               s->body_leading, &s->text_color, 0, y + 8, b->w,
		               ALIGN_LEFT);
	box_from_items(L, &items, y + s->body_leading, b->x);
	vec_free(&items);
	vpenalty(L, LAY_INF);
}

/* A plain book's title page (no cover, no mandatory content). */
static void title_page(lay *L, const meta *m)
{
	const style *s = L->s;
	vec items = VEC_INIT(page_item);
	double y = text_block(L, &items, m->title, FONT_SANS_BOLD,
	                      24, 29, &s->accent_color,
	                      s->margin_inner, s->page_height * 0.3,
	                      L->text_w, ALIGN_LEFT);
	if (m->subtitle)
		y = text_block(L, &items, m->subtitle, FONT_SANS, 13,
		               17, &s->text_color, s->margin_inner,
		               y + 10, L->text_w, ALIGN_LEFT);
	if (m->authors)
		text_block(L, &items, m->authors, FONT_SANS, 11, 14,
		           &s->text_color, s->margin_inner, y + 30,
		           L->text_w, ALIGN_LEFT);
	full_page(L, &items);
	vec_free(&items);
}

/* 1 if the caller no longer wants the result (layout_opts.stop). */
static int stopped(const lay *L)
{
	return L->opts && L->opts->stop && atomic_load(L->opts->stop);
}

static int flow(lay *L)
{
	doc *d = L->d;
	const style *s = L->s;
	meta m;
	read_meta(L, &m);
	L->pd->title = m.title;
	L->pd->author = m.authors;
	L->pd->date = m.pubdate;
	L->pd->keywords = m.keywords;
	L->pd->subject = m.subject;
	int rc = 0;
	blk b = body_frame(L);
	if (s->disclaimer && !s->has_cover) {
		diag_error(L->dg, s->path, 0, 0, "a style with a disclaimer "
		           "needs 'cover = yes': the disclaimer stands on the "
		           "imprint page and the back cover");
		rc = -1;
	}
	if (s->has_cover) {
		if (cover(L, &m))
			rc = -1;
		imprint(L, &m, 0);
		if (L->book)
			contents(L, &b);
		else {
			vbreak(L, 1);
			article_title(L, &m, &b);
		}
	} else if (L->book) {
		title_page(L, &m);
		contents(L, &b);
	} else {
		article_title(L, &m, &b);
	}
	for (const doc_node *c = d->root->first; c && !stopped(L); c = c->next)
		block(L, c, &b);
	if (stopped(L)) {
		vec_free(&m.logos);
		return -1;
	}
	if (s->has_cover) {
		/* the back cover is the last, left-hand page */
		lay_v *v = lay_push(L);
		v->kind = V_BREAK;
		v->recto = -1;
		imprint(L, &m, 1);
	}
	vec_free(&m.logos);
	return rc;
}

static void reset_pass(lay *L)
{
	vec_free(&L->v);
	for (size_t i = 1; i < L->tables.len; i++)
		vec_free(&VEC_AT(&L->tables, lay_table, i)->header);
	vec_free(&L->tables);
	vec_free(&L->notes);
	vec_free(&L->tints);
	L->v = VEC_INIT(lay_v);
	L->out = &L->v;
	L->notes = VEC_INIT(lay_footnote);
	L->tints = VEC_INIT(lay_tint);
	vec_push(&L->tints);
	L->tables = VEC_INIT(lay_table);
	vec_push(&L->tables);
	L->cur_tint = 0;
	L->fn_counter = 0;
	L->quote_depth = 0;
	L->chapter_title = NULL;
	page_doc *pd = L->pd;
	for (size_t i = 0; i < pd->npages; i++)
		free(pd->pages[i].items);
	free(pd->pages);
	pd->pages = NULL;
	pd->npages = pd->cap = 0;
	free(pd->outline);
	pd->outline = NULL;
	pd->noutline = pd->outcap = 0;
}

int layout_document(arena *a, doc *d, const style *s, font_set *fs,
                    diag *dg, page_doc **out)
{
	return layout_document_opts(a, d, s, fs, dg, NULL, out);
}

/* Stamps the proof banner at the top of the first page. */
static void banner(lay *L, const char *text)
{
	page_doc *pd = L->pd;
	if (!pd->npages || !text)
		return;
	vec items = VEC_INIT(page_item);
	double size = 9, w = lay_text_width(L, FONT_SANS_BOLD, size, text,
	                                    strlen(text));
	page_item *r = vec_push(&items);
	r->kind = ITEM_RECT;
	r->x = 12;
	r->y = 10;
	r->w = w + 12;
	r->h = size + 8;
	style_color *yellow = arena_alloc(L->a, sizeof *yellow);
	style_parse_color("#fff3b0", yellow);
	r->color = yellow;
	style_color *red = arena_alloc(L->a, sizeof *red);
	style_parse_color("#b00020", red);
	lay_text_items(L, &items, FONT_SANS_BOLD, size, red, 18, 10 + size + 1,
	               text, strlen(text));
	page *pg = &pd->pages[0];
	pg->items = xrealloc(pg->items, (pg->nitems + items.len) *
	                     sizeof *pg->items);
	memcpy(pg->items + pg->nitems, items.data, items.len * sizeof *pg->items);
	pg->nitems += items.len;
	pg->cap = pg->nitems;
	vec_free(&items);
}

int layout_document_opts(arena *a, doc *d, const style *s, font_set *fs,
                         diag *dg, const layout_opts *o, page_doc **out)
{
	lay L = {0};
	L.opts = o;
	if (o && o->nmarks) {
		L.mark_first = arena_alloc(a, d->nnodes * sizeof *L.mark_first);
		for (unsigned i = 0; i < d->nnodes; i++)
			L.mark_first[i] = -1;
		for (size_t m = o->nmarks; m-- > 0;)
			if (o->marks[m].node < d->nnodes)
				L.mark_first[o->marks[m].node] = (int)m;
	}
	L.a = a;
	L.d = d;
	L.s = s;
	L.fs = fs;
	L.dg = dg;
	L.pd = xcalloc(1, sizeof *L.pd);
	L.pd->width = s->page_width;
	L.pd->height = s->page_height;
	L.pd->lang = d->root->lang;
	L.pd->creator = "folio";
	L.text_w = s->page_width - s->margin_inner - s->margin_outer;
	L.text_h = s->page_height - s->margin_top - s->margin_bottom;
	L.book = d->root->kind == DOC_BOOK;
	hyph_set *own_hy = s->hyphenate && !(o && o->hyph) ? hyph_new(NULL)
	                                                    : NULL;
	L.hy = !s->hyphenate ? NULL : own_hy ? own_hy : o->hyph;
	arena memo_a;
	arena_init(&memo_a);
	L.memo_a = &memo_a;
	L.memo = xcalloc(d->nnodes + 1, sizeof *L.memo);
	L.label = arena_alloc(a, d->nnodes * sizeof *L.label);
	L.fn_num = arena_alloc(a, d->nnodes * sizeof *L.fn_num);
	L.page_of = arena_alloc(a, d->nnodes * sizeof *L.page_of);
	L.y_of = arena_alloc(a, d->nnodes * sizeof *L.y_of);
	int *prev = xcalloc(d->nnodes + 1, sizeof *prev);
	number(&L);
	int rc = 0;
	int errors0 = dg->errors;
	/* each pass lays out into an arena of its own; the last one's is
	 * kept with the pages, the others are freed as soon as replaced */
	arena *pass = NULL;
	for (L.pass = 0; L.pass < MAX_PASSES; L.pass++) {
		reset_pass(&L);
		if (pass) {
			arena_free(pass);
			free(pass);
		}
		pass = xmalloc(sizeof *pass);
		arena_init(pass);
		L.a = pass;
		arena items;
		arena_init(&items);
		L.ia = &items;
		for (unsigned i = 0; i < d->nnodes; i++)
			L.page_of[i] = -1;
		if (flow(&L))
			rc = -1;
		if (!rc && dg->errors == errors0)
			lay_paginate(&L);
		arena_free(&items); /* the pages hold copies */
		L.ia = NULL;
		if (rc || dg->errors > errors0)
			break;
		/* page labels for the next pass */
		const char **labels = arena_alloc(a, d->nnodes * sizeof *labels);
		int same = L.page_label != NULL;
		for (unsigned i = 0; i < d->nnodes; i++) {
			int pg = L.page_of[i];
			if (pg >= 0 && (size_t)pg < L.pd->npages) {
				page *p = &L.pd->pages[pg];
				labels[i] = p->front ? NULL : arena_printf(a, "%d",
				                                           p->number);
				if (p->front) {
					static const char *const r[] = {
						"i", "ii", "iii", "iv", "v", "vi", "vii",
						"viii", "ix", "x", "xi", "xii", "xiii",
						"xiv", "xv", "xvi", "xvii", "xviii", "xix",
						"xx"};
					labels[i] = p->number >= 1 && p->number <= 20
					            ? r[p->number - 1]
					            : arena_printf(a, "%d", p->number);
				}
			}
			if (same && (pg != prev[i] ||
			             (labels[i] && !L.page_label[i])))
				same = 0;
			prev[i] = pg;
		}
		L.page_label = labels;
		if (same)
			break;
	}
	L.pd->passes = L.pass + (L.pass < MAX_PASSES);
	free(prev);
	hyph_free(own_hy);
	lay_brk_cache_free(L.brk);
	lay_word_cache_free(L.wc);
	free(L.memo);
	L.memo = NULL;
	vec_free(&L.spare_inl);
	vec_free(&L.line_items);
	for (size_t i = 0; i < L.pd->nsvgs; i++)
		free(L.svg_path[i]);
	free(L.svg_path);
	if (rc || dg->errors > errors0) {
		reset_pass(&L);
		for (size_t i = 0; i < L.pd->nsvgs; i++)
			svg_free(L.pd->svgs[i]);
		free(L.pd->svgs);
		arena_free(&memo_a);
		if (pass) {
			arena_free(pass);
			free(pass);
		}
		free(L.pd);
		vec_free(&L.v);
		vec_free(&L.tints);
		vec_free(&L.tables);
		vec_free(&L.notes);
		return -1;
	}
	if (o)
		banner(&L, o->banner);
	for (size_t i = 1; i < L.tables.len; i++)
		vec_free(&VEC_AT(&L.tables, lay_table, i)->header);
	vec_free(&L.tables);
	vec_free(&L.v);
	vec_free(&L.tints);
	vec_free(&L.notes);
	arena_adopt(pass, &memo_a); /* the pages point into both */
	L.pd->strings = pass;
	*out = L.pd;
	return 0;
}

void layout_free(page_doc *pd)
{
	if (!pd)
		return;
	for (size_t i = 0; i < pd->nsvgs; i++)
		svg_free(pd->svgs[i]);
	free(pd->svgs);
	for (size_t i = 0; i < pd->npages; i++)
		free(pd->pages[i].items);
	free(pd->pages);
	free(pd->outline);
	if (pd->strings) {
		arena_free(pd->strings);
		free(pd->strings);
	}
	free(pd);
}
