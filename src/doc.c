/* doc — see doc.h. */
#include "doc.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[DOC_NKINDS] = {
	"#text",
#define X(k, c) #k,
	DOC_KINDS(X)
#undef X
};

static const doc_class kind_classes[DOC_NKINDS] = {
	DOC_CLASS_TEXT,
#define X(k, c) DOC_CLASS_##c,
	DOC_KINDS(X)
#undef X
};

/* DocBook names that fold onto a kind of the subset. */
static const struct { const char *name; doc_kind kind; } aliases[] = {
	{"sect1", DOC_SECTION}, {"sect2", DOC_SECTION},
	{"sect3", DOC_SECTION}, {"sect4", DOC_SECTION},
	{"sect5", DOC_SECTION}, {"ulink", DOC_LINK},
	{"date", DOC_PUBDATE}, {"procedure", DOC_ORDEREDLIST},
	{"step", DOC_LISTITEM},
};

const char *doc_kind_name(doc_kind kind)
{
	static char lower[DOC_NKINDS][24];
	if ((unsigned)kind >= DOC_NKINDS)
		return "?";
	if (!lower[kind][0]) {
		const char *s = kind_names[kind];
		size_t i;
		for (i = 0; s[i] && i + 1 < sizeof lower[kind]; i++)
			lower[kind][i] = (char)(s[i] >= 'A' && s[i] <= 'Z'
			                        ? s[i] - 'A' + 'a' : s[i]);
		lower[kind][i] = 0;
	}
	return lower[kind];
}

doc_class doc_kind_class(doc_kind kind)
{
	return (unsigned)kind < DOC_NKINDS ? kind_classes[kind]
	                                   : DOC_CLASS_IGNORE;
}

/* Names to kinds: an open-addressed table of every element name and
 * alias, filled on first use (the loader asks once an element). */
#define NAME_SLOTS 512

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int doc_kind_from_name(const char *name)
{
	static struct { const char *name; int kind; } slots[NAME_SLOTS];
	static int filled;
	if (!filled) {
		/* aliases first: a name found twice means the first */
		size_t na = sizeof aliases / sizeof *aliases;
		for (size_t i = 0; i < na + DOC_NKINDS; i++) {
			int alias = i < na;
			if (i == na)
				continue; /* kind 0, "#text", is no element */
			const char *n = alias ? aliases[i].name
			                      : doc_kind_name((doc_kind)(i - na));
			int k = alias ? (int)aliases[i].kind : (int)(i - na);
			uint32_t j = name_hash(n) & (NAME_SLOTS - 1);
			while (slots[j].name)
				j = (j + 1) & (NAME_SLOTS - 1);
			slots[j].name = n;
			slots[j].kind = k;
		}
		filled = 1;
	}
	for (uint32_t j = name_hash(name) & (NAME_SLOTS - 1); slots[j].name;
	     j = (j + 1) & (NAME_SLOTS - 1))
		if (strcmp(slots[j].name, name) == 0)
			return slots[j].kind;
	return -1;
}

const char *doc_attr_get(const doc_node *n, const char *name)
{
	for (const doc_attr *a = n->attrs; a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a->value;
	return NULL;
}

doc_node *doc_child(const doc_node *n, doc_kind kind)
{
	for (doc_node *c = n->first; c; c = c->next)
		if (c->kind == kind)
			return c;
	return NULL;
}

static int id_cmp(const void *a, const void *b)
{
	const doc_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->node->idx < y->node->idx ? -1 : x->node->idx > y->node->idx;
}

doc_id *doc_sort_ids(doc *d)
{
	if (d->nids > 1)
		qsort(d->ids, d->nids, sizeof *d->ids, id_cmp);
	for (size_t i = 1; i < d->nids; i++)
		if (strcmp(d->ids[i - 1].id, d->ids[i].id) == 0)
			return &d->ids[i];
	return NULL;
}

doc_node *doc_by_id(const doc *d, const char *id)
{
	size_t lo = 0, hi = d->nids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, d->ids[mid].id);
		if (c == 0)
			return d->ids[mid].node;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

doc_node *doc_next(const doc_node *root, const doc_node *n)
{
	if (n->first)
		return n->first;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static void text_into(sbuf *b, const doc_node *n)
{
	for (const doc_node *c = n->first; c; c = c->next) {
		if (c->kind == DOC_TEXT)
			sbuf_add(b, c->text, c->textlen);
		else if (c->kind != DOC_FOOTNOTE &&
		         doc_kind_class(c->kind) != DOC_CLASS_IGNORE)
			text_into(b, c);
	}
}

char *doc_text(doc *d, const doc_node *n)
{
	sbuf b = {0};
	if (n->kind == DOC_TEXT)
		sbuf_add(&b, n->text, n->textlen);
	else
		text_into(&b, n);
	char *s = arena_strndup(&d->arena, b.s ? b.s : "", b.len);
	sbuf_free(&b);
	return s;
}

doc_node *doc_division(const doc_node *n)
{
	for (; n; n = n->parent)
		if (doc_kind_class(n->kind) == DOC_CLASS_DIV)
			return (doc_node *)n;
	return NULL;
}

void doc_free(doc *d)
{
	if (!d)
		return;
	free(d->colmap);
	arena a = d->arena;
	arena_free(&a);
}

#define COLSTEP 4096

long doc_src_col(const char *src, size_t len, size_t off, long **map)
{
	if (off > len)
		return 0;
	if (!*map) {
		/* (*map)[k]: the column of byte k * COLSTEP */
		long *m = xmalloc((len / COLSTEP + 1) * sizeof *m);
		long col = 1;
		for (size_t i = 0; i <= len; i++) {
			if (i % COLSTEP == 0)
				m[i / COLSTEP] = col;
			if (i == len)
				break;
			if (src[i] == '\n')
				col = 1;
			else if (((unsigned char)src[i] & 0xC0) != 0x80)
				col++;
		}
		*map = m;
	}
	size_t k = off / COLSTEP;
	long col = (*map)[k];
	for (size_t i = k * COLSTEP; i < off; i++)
		if (src[i] == '\n')
			col = 1;
		else if (((unsigned char)src[i] & 0xC0) != 0x80)
			col++;
	return col;
}

long doc_col(const doc *d, const doc_node *n)
{
	if (!n || !n->offset || n->offset - 1 >= d->srclen)
		return 0;
	/* the map is a cache: a doc is never const where it is made */
	return doc_src_col(d->src, d->srclen, n->offset - 1,
	                   &((doc *)d)->colmap);
}

/* doc_text_pos's walk over the source: where it stands, on which line
 * and column. */
typedef struct src_walk {
	const char *p, *end;
	long line, col;
} src_walk;

static int starts(const src_walk *w, const char *lit, size_t n)
{
	return (size_t)(w->end - w->p) >= n && memcmp(w->p, lit, n) == 0;
}

/* Moves to TO, counting lines and columns (characters: a UTF-8
 * continuation byte or the \r of \r\n is no column). */
static void walk_to(src_walk *w, const char *to)
{
	for (; w->p < to; w->p++) {
		unsigned char b = (unsigned char)*w->p;
		if (b == '\n') {
			w->line++;
			w->col = 1;
		} else if ((b & 0xC0) != 0x80 && b != '\r') {
			w->col++;
		}
	}
}

/* Skips past the first TERM (length N) at or after the cursor; to the
 * end when there is none. */
static void walk_past(src_walk *w, const char *term, size_t n)
{
	const char *q = w->p;
	while ((size_t)(w->end - q) >= n && memcmp(q, term, n) != 0)
		q++;
	walk_to(w, (size_t)(w->end - q) >= n ? q + n : w->end);
}

/* Skips one piece of markup at the cursor (comment, processing
 * instruction, CDATA opening, tag); returns 0 when there is none. Sets
 * *CDATA when a CDATA section opens. */
static int skip_markup(src_walk *w, int *cdata)
{
	if (*cdata) {
		if (!starts(w, "]]>", 3))
			return 0;
		walk_to(w, w->p + 3);
		*cdata = 0;
		return 1;
	}
	if (w->p >= w->end || *w->p != '<')
		return 0;
	if (starts(w, "<!--", 4)) {
		walk_to(w, w->p + 4);
		walk_past(w, "-->", 3);
	} else if (starts(w, "<![CDATA[", 9)) {
		walk_to(w, w->p + 9);
		*cdata = 1;
	} else if (starts(w, "<?", 2)) {
		walk_past(w, "?>", 2);
	} else {
		const char *q = w->p + 1;
		char quote = 0;
		for (; q < w->end; q++) {
			if (quote) {
				if (*q == quote)
					quote = 0;
			} else if (*q == '"' || *q == '\'') {
				quote = *q;
			} else if (*q == '>') {
				break;
			}
		}
		walk_to(w, q < w->end ? q + 1 : w->end);
	}
	return 1;
}

/* Decodes the reference at P (just past it on success) into OUT;
 * returns its UTF-8 length, or 0 when it is not one. */
static int decode_ref(const char *p, const char *end, char out[4],
                      const char **after)
{
	static const struct { const char *name; char c; } named[] = {
		{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'},
		{"quot;", '"'}, {"apos;", '\''},
	};
	p++;
	if (p < end && *p == '#') {
		p++;
		int hex = p < end && *p == 'x';
		p += hex;
		unsigned long v = 0;
		int digits = 0;
		for (; p < end && *p != ';' && digits < 8; p++, digits++) {
			int dv;
			if (*p >= '0' && *p <= '9')
				dv = *p - '0';
			else if (hex && *p >= 'a' && *p <= 'f')
				dv = *p - 'a' + 10;
			else if (hex && *p >= 'A' && *p <= 'F')
				dv = *p - 'A' + 10;
			else
				return 0;
			v = v * (hex ? 16 : 10) + (unsigned long)dv;
		}
		if (!digits || p >= end || *p != ';' || v > 0x10FFFF)
			return 0;
		*after = p + 1;
		return utf8_put(out, (uint32_t)v);
	}
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		size_t n = strlen(named[i].name);
		if ((size_t)(end - p) >= n && memcmp(p, named[i].name, n) == 0) {
			out[0] = named[i].c;
			*after = p + n;
			return 1;
		}
	}
	return 0;
}

/* Sets W at the start of text node T: from CUR when it stands on or
 * before it, else from T's line and the start of that line. */
static void walk_start(const doc *d, const doc_pos_cursor *cur,
                       const doc_node *t, src_walk *w)
{
	const char *start = d->src + t->offset - 1;
	w->end = d->src + d->srclen;
	if (cur && cur->valid && cur->off <= t->offset - 1) {
		w->p = d->src + cur->off;
		w->line = cur->line;
		w->col = cur->col;
		walk_to(w, start);
		return;
	}
	const char *ls = start;
	while (ls > d->src && ls[-1] != '\n')
		ls--;
	if (ls == d->src && d->srclen >= 3 &&
	    memcmp(d->src, "\xEF\xBB\xBF", 3) == 0)
		ls += 3; /* a byte order mark is no column */
	w->p = ls;
	w->line = t->line; /* the line of T's start */
	w->col = 1;
	walk_to(w, start);
}

int doc_text_pos_at(const doc *d, doc_pos_cursor *cur, const doc_node *t,
                    size_t byte, long *line, long *col)
{
	*line = t ? t->line : 0;
	*col = 0;
	if (!t || t->kind != DOC_TEXT || !t->offset ||
	    t->offset - 1 >= d->srclen || byte > t->textlen || t->line <= 0)
		return -1;
	src_walk w;
	size_t k = 0;
	int cdata = 0;
	if (cur && cur->valid && cur->node == t && cur->byte <= byte) {
		/* on along the same text */
		w.p = d->src + cur->off;
		w.end = d->src + d->srclen;
		w.line = cur->line;
		w.col = cur->col;
		k = cur->byte;
		cdata = cur->cdata;
	} else {
		walk_start(d, cur, t, &w);
	}
	const char *text = t->text;
	for (;;) {
		/* markup inside the text (never after its end) counts for
		 * nothing: the place of a byte is that of its character */
		while (k < t->textlen && skip_markup(&w, &cdata))
			;
		if (k >= byte)
			break;
		if (w.p >= w.end)
			return -1;
		char ref[4];
		const char *after;
		int n;
		if (!cdata && *w.p == '&' &&
		    (n = decode_ref(w.p, w.end, ref, &after)) > 0) {
			if (k + (size_t)n > t->textlen ||
			    memcmp(text + k, ref, (size_t)n) != 0)
				return -1;
			k += (size_t)n;
			walk_to(&w, after);
			continue;
		}
		if (*w.p == '\r') {
			if (w.p + 1 < w.end && w.p[1] == '\n') {
				walk_to(&w, w.p + 1); /* \r\n is the text's \n */
				continue;
			}
			if (text[k] != '\n')
				return -1;
			k++;
			walk_to(&w, w.p + 1);
			continue;
		}
		const char *q = w.p;
		utf8_next(&q, w.end);
		size_t n2 = (size_t)(q - w.p);
		if (k + n2 > t->textlen || memcmp(text + k, w.p, n2) != 0)
			return -1;
		k += n2;
		walk_to(&w, q);
	}
	if (k != byte)
		return -1; /* BYTE is inside a character */
	*line = w.line;
	*col = w.col;
	if (cur) {
		cur->valid = 1;
		cur->node = t;
		cur->byte = k;
		cur->off = (size_t)(w.p - d->src);
		cur->line = w.line;
		cur->col = w.col;
		cur->cdata = cdata;
	}
	return 0;
}

int doc_text_pos(const doc *d, const doc_node *t, size_t byte, long *line,
                 long *col)
{
	return doc_text_pos_at(d, NULL, t, byte, line, col);
}
