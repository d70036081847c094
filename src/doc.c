/* doc — see doc.h. */
#include "doc.h"

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

int doc_kind_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(aliases[i].name, name) == 0)
			return (int)aliases[i].kind;
	for (int k = 1; k < DOC_NKINDS; k++)
		if (strcmp(doc_kind_name((doc_kind)k), name) == 0)
			return k;
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
	arena a = d->arena;
	arena_free(&a);
}

long doc_col(const doc *d, const doc_node *n)
{
	if (!n || !n->offset || n->offset - 1 >= d->srclen)
		return 0;
	size_t off = n->offset - 1, start = off;
	while (start > 0 && d->src[start - 1] != '\n')
		start--;
	long col = 1;
	for (size_t i = start; i < off; i++)
		if (((unsigned char)d->src[i] & 0xC0) != 0x80)
			col++;
	return col;
}
