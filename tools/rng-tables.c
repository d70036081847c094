/* rng-tables — writes the tables of src/valid_tab.h from a RelaxNG schema
 * (XML syntax), at build time: rng-tables SCHEMA.rng > out/valid-tables.c
 *
 * Each element's content becomes a deterministic automaton over its
 * children, built from Brzozowski derivatives of the content pattern
 * (the way James Clark's algorithm validates RelaxNG, done once here
 * instead of at every run); its attributes become slots. It takes the
 * schemas it can turn into tables exactly and fails, naming the
 * construct, on any other: an element name class other than a name, two
 * element patterns with one name, attributes under a choice or an
 * interleave or paired under a repeat, attribute values other than text,
 * data, value, list, externalRef, include, or overlapping attribute
 * name classes. */
#include "../src/valid_tab.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

static const char *schema_file;

static void die(xmlNodePtr at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%ld: rng-tables: ", schema_file,
	        at ? (long)xmlGetLineNo(at) : 0L);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "rng-tables: out of memory\n");
		exit(1);
	}
	return p;
}

#define GROW(arr, n, cap)                                                  \
	do {                                                               \
		if ((n) == (cap)) {                                        \
			(cap) = (cap) ? 2 * (cap) : 64;                    \
			(arr) = xrealloc((arr), (cap) * sizeof *(arr));    \
		}                                                          \
	} while (0)

/* ---- the schema's XML --------------------------------------------- */

static int is_rng(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       (!name || strcmp((const char *)n->name, name) == 0);
}

/* The first RelaxNG element child of N at or after C. */
static xmlNodePtr next_rng(xmlNodePtr c)
{
	while (c && !is_rng(c, NULL))
		c = c->next;
	return c;
}

static xmlNodePtr first_rng(xmlNodePtr n)
{
	return next_rng(n->children);
}

static char *attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* The inherited ns attribute of N (RelaxNG 4.8), "" if none. */
static char *inherited_ns(xmlNodePtr n)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		char *v = attr(n, "ns");
		if (v)
			return v;
	}
	return (char *)xmlStrdup((const xmlChar *)"");
}

/* ---- names --------------------------------------------------------- */

static char **nss;
static size_t nns, nscap;

static unsigned ns_index(const char *uri)
{
	for (size_t i = 0; i < nns; i++)
		if (strcmp(nss[i], uri) == 0)
			return (unsigned)i;
	GROW(nss, nns, nscap);
	nss[nns] = strdup(uri);
	return (unsigned)nns++;
}

typedef struct name {
	unsigned ns;
	char *local;
} name;

typedef struct names {
	name *v;
	size_t n, cap;
} names;

static int names_find(const names *t, unsigned ns, const char *local)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].ns == ns && strcmp(t->v[i].local, local) == 0)
			return (int)i;
	return -1;
}

static unsigned names_add(names *t, unsigned ns, const char *local)
{
	int i = names_find(t, ns, local);
	if (i >= 0)
		return (unsigned)i;
	GROW(t->v, t->n, t->cap);
	t->v[t->n] = (name){ns, strdup(local)};
	return (unsigned)t->n++;
}

/* The name of an element or attribute pattern given by a QName in its
 * name attribute (RelaxNG 4.10): an attribute's unprefixed name has no
 * namespace, an element's the inherited one. */
static name qname(xmlNodePtr n, const char *q, int is_attribute)
{
	const char *colon = strchr(q, ':');
	if (colon) {
		char prefix[64];
		size_t len = (size_t)(colon - q);
		if (len >= sizeof prefix)
			die(n, "prefix too long in '%s'", q);
		memcpy(prefix, q, len);
		prefix[len] = 0;
		xmlNsPtr ns = xmlSearchNs(n->doc, n, (const xmlChar *)prefix);
		if (!ns)
			die(n, "undeclared prefix in '%s'", q);
		return (name){ns_index((const char *)ns->href),
		              strdup(colon + 1)};
	}
	char *ns = is_attribute ? attr(n, "ns") : inherited_ns(n);
	name r = {ns_index(ns ? ns : ""), strdup(q)};
	xmlFree(ns);
	return r;
}

/* A <name> element's name. */
static name name_elem(xmlNodePtr n)
{
	xmlChar *text = xmlNodeGetContent(n);
	const char *s = (const char *)text;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	char *local = strdup(s);
	size_t len = strlen(local);
	while (len && strchr(" \t\r\n", local[len - 1]))
		local[--len] = 0;
	xmlFree(text);
	if (strchr(local, ':'))
		die(n, "a prefixed <name> is not supported");
	char *ns = inherited_ns(n);
	name r = {ns_index(ns), local};
	xmlFree(ns);
	return r;
}

/* ---- attribute name classes ---------------------------------------- */

static names attrs;            /* every attribute name a class names */

typedef struct nclass {
	int wild;              /* 0: the names in ids; 1: anyName, 2: nsName */
	unsigned ns;           /* nsName's namespace */
	unsigned *ids;         /* named ids, or the names excepted */
	size_t nids;
	unsigned *exns;        /* anyName: namespaces excepted */
	size_t nexns;
} nclass;

static void add_id(unsigned **v, size_t *n, unsigned id)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = id;
}

/* Adds the names of a choice of <name>s (or one) to V. */
static void class_names(xmlNodePtr n, unsigned **v, size_t *nv)
{
	if (is_rng(n, "name")) {
		name nm = name_elem(n);
		add_id(v, nv, names_add(&attrs, nm.ns, nm.local));
	} else if (is_rng(n, "choice")) {
		for (xmlNodePtr c = first_rng(n); c; c = next_rng(c->next))
			class_names(c, v, nv);
	} else {
		die(n, "attribute name class <%s> not supported here",
		    (const char *)n->name);
	}
}

static nclass attr_class(xmlNodePtr att)
{
	nclass k = {0};
	char *nm = attr(att, "name");
	if (nm) {
		name q = qname(att, nm, 1);
		add_id(&k.ids, &k.nids, names_add(&attrs, q.ns, q.local));
		xmlFree(nm);
		return k;
	}
	xmlNodePtr c = first_rng(att);
	if (!c)
		die(att, "attribute without a name");
	if (is_rng(c, "anyName") || is_rng(c, "nsName")) {
		k.wild = is_rng(c, "anyName") ? 1 : 2;
		if (k.wild == 2) {
			char *ns = inherited_ns(c);
			k.ns = ns_index(ns);
			xmlFree(ns);
		}
		xmlNodePtr ex = first_rng(c);
		if (ex && !is_rng(ex, "except"))
			die(ex, "unexpected <%s>", (const char *)ex->name);
		for (xmlNodePtr e = ex ? first_rng(ex) : NULL; e;
		     e = next_rng(e->next)) {
			if (is_rng(e, "nsName") && k.wild == 1) {
				char *ns = inherited_ns(e);
				add_id(&k.exns, &k.nexns, ns_index(ns));
				xmlFree(ns);
				if (first_rng(e))
					die(e, "nsName with except inside an "
					    "except is not supported");
			} else {
				class_names(e, &k.ids, &k.nids);
			}
		}
	} else {
		class_names(c, &k.ids, &k.nids);
	}
	return k;
}

/* Whether class K takes attribute ID. */
static int class_has(const nclass *k, unsigned id)
{
	for (size_t i = 0; i < k->nids; i++)
		if (k->ids[i] == id)
			return !k->wild;
	if (!k->wild)
		return 0;
	unsigned ns = attrs.v[id].ns;
	if (k->wild == 2)
		return ns == k->ns;
	for (size_t i = 0; i < k->nexns; i++)
		if (k->exns[i] == ns)
			return 0;
	return 1;
}

/* ---- patterns, hash-consed ------------------------------------------ */

enum { P_NA, P_EMPTY, P_TEXT, P_ELEM, P_CHOICE, P_GROUP, P_INTER, P_MORE };

typedef struct pat {
	int kind, a, b;
} pat;

static pat *pats;
static size_t npats, patcap;
static int *phash;
static size_t phcap;

static size_t pat_hash(int kind, int a, int b)
{
	return ((size_t)kind * 1000003u) ^ ((size_t)a * 7919u) ^
	       ((size_t)b * 104729u);
}

static void phash_grow(void)
{
	size_t cap = phcap ? 2 * phcap : 1024;
	int *h = xrealloc(NULL, cap * sizeof *h);
	for (size_t i = 0; i < cap; i++)
		h[i] = -1;
	for (size_t p = 0; p < npats; p++) {
		size_t j = pat_hash(pats[p].kind, pats[p].a, pats[p].b) &
		           (cap - 1);
		while (h[j] >= 0)
			j = (j + 1) & (cap - 1);
		h[j] = (int)p;
	}
	free(phash);
	phash = h;
	phcap = cap;
}

static int mk(int kind, int a, int b)
{
	if (2 * (npats + 1) > phcap)
		phash_grow();
	size_t j = pat_hash(kind, a, b) & (phcap - 1);
	for (; phash[j] >= 0; j = (j + 1) & (phcap - 1)) {
		pat *p = &pats[phash[j]];
		if (p->kind == kind && p->a == a && p->b == b)
			return phash[j];
	}
	GROW(pats, npats, patcap);
	pats[npats] = (pat){kind, a, b};
	phash[j] = (int)npats;
	return (int)npats++;
}

static int NA, EMPTY, TEXT;

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* The operands of a tree of KIND nodes, in order. */
static void flatten(int kind, int p, int **v, size_t *n, size_t *cap)
{
	if (pats[p].kind == kind) {
		flatten(kind, pats[p].a, v, n, cap);
		flatten(kind, pats[p].b, v, n, cap);
		return;
	}
	GROW(*v, *n, *cap);
	(*v)[(*n)++] = p;
}

/* choice and interleave are kept in one form, their operands sorted
 * (choice: once each), so that equal patterns are one pattern and the
 * derivatives of a pattern are finitely many. */
static int normal(int kind, int a, int b, int dedupe)
{
	int *v = NULL;
	size_t n = 0, cap = 0;
	flatten(kind, a, &v, &n, &cap);
	flatten(kind, b, &v, &n, &cap);
	qsort(v, n, sizeof *v, cmp_int);
	if (dedupe) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (!m || v[m - 1] != v[i])
				v[m++] = v[i];
		n = m;
	}
	int r = v[n - 1];
	for (size_t i = n - 1; i-- > 0;)
		r = mk(kind, v[i], r);
	free(v);
	return r;
}

static int choice(int a, int b)
{
	if (a == NA)
		return b;
	if (b == NA || a == b)
		return a;
	return normal(P_CHOICE, a, b, 1);
}

/* The laws group and interleave share: notAllowed absorbs, empty is the
 * unit. Returns 1 with *R set when one decides. */
static int unit(int a, int b, int *r)
{
	if (a == NA || b == NA)
		*r = NA;
	else if (a == EMPTY)
		*r = b;
	else if (b == EMPTY)
		*r = a;
	else
		return 0;
	return 1;
}

static int group(int a, int b)
{
	int r;
	if (unit(a, b, &r))
		return r;
	if (pats[a].kind == P_GROUP)
		return group(pats[a].a, group(pats[a].b, b));
	return mk(P_GROUP, a, b);
}

static int inter(int a, int b)
{
	int r;
	if (unit(a, b, &r))
		return r;
	return normal(P_INTER, a, b, 0);
}

static int more(int a)
{
	if (a == NA || a == EMPTY || pats[a].kind == P_MORE)
		return a;
	return mk(P_MORE, a, 0);
}

static int nullable(int p)
{
	switch (pats[p].kind) {
	case P_EMPTY:
	case P_TEXT:
		return 1;
	case P_CHOICE:
		return nullable(pats[p].a) || nullable(pats[p].b);
	case P_GROUP:
	case P_INTER:
		return nullable(pats[p].a) && nullable(pats[p].b);
	case P_MORE:
		return nullable(pats[p].a);
	default:
		return 0;
	}
}

static unsigned ntokens;       /* element tokens; text is ntokens */

/* The derivative of P by a child of token T (memoised in DMEMO). */
static int *dmemo;
static size_t dmemocap;

static int deriv(int p, unsigned t)
{
	size_t key = (size_t)p * (ntokens + 1) + t;
	if (key >= dmemocap) {
		size_t cap = dmemocap ? dmemocap : 4096;
		while (cap <= key)
			cap *= 2;
		dmemo = xrealloc(dmemo, cap * sizeof *dmemo);
		for (size_t i = dmemocap; i < cap; i++)
			dmemo[i] = -1;
		dmemocap = cap;
	}
	if (dmemo[key] >= 0)
		return dmemo[key];
	pat q = pats[p];
	int r;
	switch (q.kind) {
	case P_TEXT:
		r = t == ntokens ? p : NA;
		break;
	case P_ELEM:
		r = (unsigned)q.a == t ? EMPTY : NA;
		break;
	case P_CHOICE:
		r = choice(deriv(q.a, t), deriv(q.b, t));
		break;
	case P_GROUP:
		r = group(deriv(q.a, t), q.b);
		if (nullable(q.a))
			r = choice(r, deriv(q.b, t));
		break;
	case P_INTER:
		r = choice(inter(deriv(q.a, t), q.b), inter(q.a, deriv(q.b, t)));
		break;
	case P_MORE:
		r = group(deriv(q.a, t), choice(p, EMPTY));
		break;
	default:
		r = NA;
	}
	dmemo[key] = r;
	return r;
}

/* ---- from the schema to patterns ------------------------------------ */

typedef struct def {
	char *name;
	xmlNodePtr node;
	int busy;
} def;

static def *defs;
static size_t ndefs, defcap;

static void collect_defs(xmlNodePtr grammar)
{
	for (xmlNodePtr c = first_rng(grammar); c; c = next_rng(c->next)) {
		if (is_rng(c, "div")) {
			collect_defs(c);
		} else if (is_rng(c, "define")) {
			char *nm = attr(c, "name");
			char *comb = attr(c, "combine");
			if (comb)
				die(c, "define with combine is not supported");
			for (size_t i = 0; i < ndefs; i++)
				if (strcmp(defs[i].name, nm) == 0)
					die(c, "'%s' is defined twice", nm);
			GROW(defs, ndefs, defcap);
			defs[ndefs++] = (def){nm, c, 0};
		} else if (!is_rng(c, "start")) {
			die(c, "<%s> is not supported", (const char *)c->name);
		}
	}
}

static def *find_def(xmlNodePtr ref)
{
	char *nm = attr(ref, "name");
	for (size_t i = 0; i < ndefs; i++)
		if (strcmp(defs[i].name, nm) == 0) {
			xmlFree(nm);
			return &defs[i];
		}
	die(ref, "no define named '%s'", nm);
	return NULL;
}

/* The element patterns, one per name (its token). */
typedef struct elem {
	name nm;
	xmlNodePtr node;
	int content;           /* pattern, -1 until converted */
	struct slot *slots;
	size_t nslots, slotcap;
} elem;

#define MAX_ELEMS 4096 /* fixed: conversion holds pointers into it */
static elem elems[MAX_ELEMS];
static size_t nelems;

typedef struct slot {
	nclass k;
	int min, max;          /* max 0: any number */
	xmlNodePtr at;
} slot;

static unsigned elem_token(xmlNodePtr n)
{
	name nm;
	char *a = attr(n, "name");
	if (a) {
		nm = qname(n, a, 0);
		xmlFree(a);
	} else {
		xmlNodePtr c = first_rng(n);
		if (!is_rng(c, "name"))
			die(n, "an element name class other than a name is "
			    "not supported");
		nm = name_elem(c);
	}
	for (size_t i = 0; i < nelems; i++)
		if (elems[i].nm.ns == nm.ns &&
		    strcmp(elems[i].nm.local, nm.local) == 0) {
			if (elems[i].node != n)
				die(n, "element '%s' is defined twice (line "
				    "%ld)", nm.local,
				    (long)xmlGetLineNo(elems[i].node));
			return (unsigned)i;
		}
	if (nelems == MAX_ELEMS)
		die(n, "more than %d elements", MAX_ELEMS);
	elems[nelems] = (elem){.nm = nm, .node = n, .content = -1};
	return (unsigned)nelems++;
}

static int conv(xmlNodePtr n, elem *owner, int min, int max);

/* The group of N's RelaxNG children from C on. */
static int conv_seq(xmlNodePtr c, elem *owner, int min, int max)
{
	int r = EMPTY;
	int *v = NULL;
	size_t nv = 0, cap = 0;
	for (; c; c = next_rng(c->next)) {
		GROW(v, nv, cap);
		v[nv++] = conv(c, owner, min, max);
	}
	for (size_t i = nv; i-- > 0;)
		r = group(v[i], r);
	free(v);
	return r;
}

/* Whether N's pattern holds an attribute (through refs, not through
 * elements). */
static int has_attribute(xmlNodePtr n)
{
	if (is_rng(n, "attribute"))
		return 1;
	if (is_rng(n, "element"))
		return 0;
	if (is_rng(n, "ref")) {
		def *d = find_def(n);
		if (d->busy)
			return 0;
		d->busy = 1;
		int r = has_attribute(d->node);
		d->busy = 0;
		return r;
	}
	for (xmlNodePtr c = first_rng(n); c; c = next_rng(c->next))
		if (has_attribute(c))
			return 1;
	return 0;
}

/* The one attribute pattern of a repeat's content, or NULL. */
static xmlNodePtr lone_attribute(xmlNodePtr rep)
{
	xmlNodePtr c = first_rng(rep);
	while (c && is_rng(c, "ref") && !next_rng(c->next))
		c = first_rng(find_def(c)->node);
	if (c && is_rng(c, "attribute") && !next_rng(c->next) &&
	    first_rng(rep) && !next_rng(first_rng(rep)->next))
		return c;
	return NULL;
}

static void add_slot(elem *e, xmlNodePtr att, int min, int max)
{
	/* the value's pattern follows the name class, if any */
	char *nm = attr(att, "name");
	xmlNodePtr val = first_rng(att);
	if (!nm && val)
		val = next_rng(val->next);
	xmlFree(nm);
	if (val && (!is_rng(val, "text") || next_rng(val->next)))
		die(att, "an attribute value other than text is not "
		    "supported");
	GROW(e->slots, e->nslots, e->slotcap);
	e->slots[e->nslots++] = (slot){attr_class(att), min, max, att};
}

/* The content pattern of N within element OWNER; attributes become
 * OWNER's slots, taken MIN to MAX times (max 0: any). */
static int conv(xmlNodePtr n, elem *owner, int min, int max)
{
	const char *k = (const char *)n->name;
	if (!is_rng(n, NULL))
		return EMPTY;
	if (strcmp(k, "empty") == 0)
		return EMPTY;
	if (strcmp(k, "notAllowed") == 0)
		return NA;
	if (strcmp(k, "text") == 0)
		return TEXT;
	if (strcmp(k, "element") == 0)
		return mk(P_ELEM, (int)elem_token(n), 0);
	if (strcmp(k, "attribute") == 0) {
		add_slot(owner, n, min, max);
		return EMPTY;
	}
	if (strcmp(k, "ref") == 0) {
		def *d = find_def(n);
		if (d->busy)
			die(n, "'%s' refers to itself outside an element",
			    d->name);
		d->busy = 1;
		int r = conv_seq(first_rng(d->node), owner, min, max);
		d->busy = 0;
		return r;
	}
	if (strcmp(k, "group") == 0)
		return conv_seq(first_rng(n), owner, min, max);
	if (strcmp(k, "choice") == 0 || strcmp(k, "interleave") == 0 ||
	    strcmp(k, "mixed") == 0) {
		if (has_attribute(n))
			die(n, "attributes inside <%s> are not supported", k);
		if (strcmp(k, "mixed") == 0)
			return inter(TEXT, conv_seq(first_rng(n), owner, 0, 0));
		int r = strcmp(k, "choice") == 0 ? NA : EMPTY;
		for (xmlNodePtr c = first_rng(n); c; c = next_rng(c->next)) {
			int p = conv(c, owner, 0, 0);
			r = strcmp(k, "choice") == 0 ? choice(r, p)
			                             : inter(r, p);
		}
		return r;
	}
	if (strcmp(k, "optional") == 0 || strcmp(k, "zeroOrMore") == 0 ||
	    strcmp(k, "oneOrMore") == 0) {
		int opt = strcmp(k, "oneOrMore") != 0;
		int rep = strcmp(k, "optional") != 0;
		if (has_attribute(n)) {
			xmlNodePtr att = lone_attribute(n);
			if (!att)
				die(n, "a <%s> holding attributes must hold "
				    "one attribute only", k);
			add_slot(owner, att, opt ? 0 : min,
			         rep || max == 0 ? 0 : max);
			return EMPTY;
		}
		int p = conv_seq(first_rng(n), owner, 0, 0);
		if (rep)
			p = more(p);
		return opt ? choice(p, EMPTY) : p;
	}
	die(n, "<%s> is not supported", k);
	return NA;
}

/* ---- output ---------------------------------------------------------- */

/* Prints the table valid_KIND_names of the N names V, its count
 * valid_COUNT, and its hash table valid_KIND_hash (valid_tab.h). */
static void emit_names(const char *kind, const char *count, const name *v,
                       size_t n)
{
	if (n >= VALID_HASH / 2)
		die(NULL, "more than %d %s names: raise VALID_HASH",
		    VALID_HASH / 2, kind);
	printf("const valid_name valid_%s_names[] = {\n", kind);
	for (size_t i = 0; i < n; i++)
		printf("\t{%u, \"%s\"},\n", v[i].ns, v[i].local);
	printf("\t{0, 0}\n};\nconst unsigned valid_%s = %zu;\n", count, n);
	uint16_t hash[VALID_HASH] = {0};
	for (size_t i = 0; i < n; i++) {
		unsigned j = valid_hash(v[i].local) & (VALID_HASH - 1);
		while (hash[j])
			j = (j + 1) & (VALID_HASH - 1);
		hash[j] = (uint16_t)(i + 1);
	}
	printf("const uint16_t valid_%s_hash[VALID_HASH] = {", kind);
	for (unsigned j = 0; j < VALID_HASH; j++)
		printf("%s%u,", j % 16 ? "" : "\n\t", hash[j]);
	printf("\n};\n\n");
}

/* ---- the automaton -------------------------------------------------- */

static int *state_pat;         /* state -> pattern */
static size_t nstates, statecap;
static int *pat_state;         /* pattern -> state + 1, sized npats */
static size_t pscap;

static unsigned state_of(int p)
{
	if ((size_t)p >= pscap) {
		size_t cap = pscap ? pscap : 1024;
		while (cap <= (size_t)p)
			cap *= 2;
		pat_state = xrealloc(pat_state, cap * sizeof *pat_state);
		memset(pat_state + pscap, 0, (cap - pscap) * sizeof *pat_state);
		pscap = cap;
	}
	if (!pat_state[p]) {
		GROW(state_pat, nstates, statecap);
		state_pat[nstates] = p;
		pat_state[p] = (int)++nstates;
	}
	return (unsigned)pat_state[p] - 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: rng-tables SCHEMA.rng > tables.c\n");
		return 2;
	}
	schema_file = argv[1];
	xmlDocPtr doc = xmlReadFile(schema_file, NULL, XML_PARSE_NONET);
	if (!doc)
		die(NULL, "cannot parse the schema");
	xmlNodePtr g = xmlDocGetRootElement(doc);
	if (!is_rng(g, "grammar"))
		die(g, "the root must be a grammar");
	NA = mk(P_NA, 0, 0);
	EMPTY = mk(P_EMPTY, 0, 0);
	TEXT = mk(P_TEXT, 0, 0);
	ns_index("");
	collect_defs(g);
	xmlNodePtr start = NULL;
	for (xmlNodePtr c = first_rng(g); c; c = next_rng(c->next))
		if (is_rng(c, "start"))
			start = c;
	if (!start)
		die(g, "no start");

	/* every element reachable from start, and its content */
	elem root = {.nm = {0, "(document)"}, .node = start};
	int start_pat = conv_seq(first_rng(start), &root, 1, 1);
	if (root.nslots)
		die(start, "attributes at the top level");
	for (size_t i = 0; i < nelems; i++) {
		xmlNodePtr c = first_rng(elems[i].node);
		if (is_rng(c, "name"))
			c = next_rng(c->next);
		elems[i].content = conv_seq(c, &elems[i], 1, 1);
	}
	ntokens = (unsigned)nelems;
	if (ntokens >= 0xffff || attrs.n >= 0xffff || nns >= 0xffff)
		die(g, "too many names");

	/* the attribute slots: no name may fill two slots of an element */
	for (size_t i = 0; i < nelems; i++) {
		elem *e = &elems[i];
		int wilds = 0;
		for (size_t s = 0; s < e->nslots; s++) {
			wilds += e->slots[s].k.wild != 0;
			for (size_t t = s + 1; t < e->nslots; t++)
				for (size_t id = 0; id < attrs.n; id++)
					if (class_has(&e->slots[s].k, (unsigned)id) &&
					    class_has(&e->slots[t].k, (unsigned)id))
						die(e->slots[t].at, "attribute '%s' "
						    "fills two slots of <%s>",
						    attrs.v[id].local, e->nm.local);
		}
		if (wilds > 1)
			die(e->node, "<%s> has two attribute wildcards",
			    e->nm.local);
		if (e->nslots > 255)
			die(e->node, "<%s> has too many attribute slots",
			    e->nm.local);
	}

	/* the automaton: a state per distinct derivative */
	state_of(NA); /* state 0 */
	unsigned doc_start = state_of(start_pat);
	unsigned *estart = xrealloc(NULL, (nelems + 1) * sizeof *estart);
	for (size_t i = 0; i < nelems; i++)
		estart[i] = state_of(elems[i].content);
	unsigned *next = NULL;
	size_t ncols = ntokens + 1;
	for (size_t s = 0; s < nstates; s++) {
		next = xrealloc(next, (s + 1) * ncols * sizeof *next);
		for (unsigned t = 0; t <= ntokens; t++)
			next[s * ncols + t] = state_of(deriv(state_pat[s], t));
		if (nstates > 60000)
			die(g, "the automaton has too many states");
	}

	/* tokens with equal columns share a class */
	unsigned *cls = xrealloc(NULL, ncols * sizeof *cls);
	unsigned *rep = xrealloc(NULL, ncols * sizeof *rep);
	unsigned nclasses = 0;
	for (size_t t = 0; t < ncols; t++) {
		unsigned c = 0;
		for (; c < nclasses; c++) {
			size_t s = 0;
			while (s < nstates && next[s * ncols + t] ==
			                      next[s * ncols + rep[c]])
				s++;
			if (s == nstates)
				break;
		}
		if (c == nclasses)
			rep[nclasses++] = (unsigned)t;
		cls[t] = c;
	}

	/* ---- output ---- */
	printf("/* generated by tools/rng-tables from %s: %zu elements, "
	       "%zu attribute names, %zu states, %u classes */\n",
	       schema_file, nelems, attrs.n, nstates, nclasses);
	printf("#include \"../src/valid_tab.h\"\n\n");
	printf("const char *const valid_ns[] = {\n");
	for (size_t i = 0; i < nns; i++)
		printf("\t\"%s\",\n", nss[i]);
	printf("};\nconst unsigned valid_nns = %zu;\n\n", nns);

	name *en = xrealloc(NULL, (nelems + 1) * sizeof *en);
	for (size_t i = 0; i < nelems; i++)
		en[i] = elems[i].nm;
	emit_names("elem", "ntokens", en, nelems);
	emit_names("attr", "nattrs", attrs.v, attrs.n);
	free(en);

	/* slots and wildcard namespaces */
	size_t slot0 = 0, wild0 = 0;
	printf("const valid_elem valid_elems[] = {\n");
	for (size_t i = 0; i < nelems; i++) {
		unsigned wild = 0;
		for (size_t s = 0; s < elems[i].nslots; s++)
			if (elems[i].slots[s].k.wild)
				wild = (unsigned)s + 1;
		printf("\t{%u, %zu, %zu, %u}, /* %s */\n", estart[i], slot0,
		       elems[i].nslots, wild, elems[i].nm.local);
		slot0 += elems[i].nslots;
	}
	printf("};\n\nconst valid_slot valid_slots[] = {\n");
	for (size_t i = 0; i < nelems; i++)
		for (size_t s = 0; s < elems[i].nslots; s++) {
			slot *sl = &elems[i].slots[s];
			size_t n = sl->k.wild == 1 ? sl->k.nexns
			           : sl->k.wild == 2 ? 1 : 0;
			printf("\t{%d, %d, %d, %zu, %zu},\n", sl->min ? 1 : 0,
			       sl->max, sl->k.wild == 1, wild0, n);
			wild0 += n;
		}
	printf("\t{0, 0, 0, 0, 0}\n};\n\nconst uint16_t valid_wild_ns[] "
	       "= {");
	for (size_t i = 0; i < nelems; i++)
		for (size_t s = 0; s < elems[i].nslots; s++) {
			nclass *k = &elems[i].slots[s].k;
			if (k->wild == 1)
				for (size_t x = 0; x < k->nexns; x++)
					printf("%u, ", k->exns[x]);
			else if (k->wild == 2)
				printf("%u, ", k->ns);
		}
	printf("0};\n\nconst uint8_t valid_slot_of[] = {");
	for (size_t i = 0; i < nelems; i++) {
		printf("\n\t/* %s */", elems[i].nm.local);
		for (size_t id = 0; id < attrs.n; id++) {
			unsigned v = 0;
			for (size_t s = 0; s < elems[i].nslots; s++)
				if (class_has(&elems[i].slots[s].k,
				              (unsigned)id))
					v = (unsigned)s + 1;
			printf("%s%u,", id % 32 ? "" : "\n\t", v);
		}
	}
	printf("\n\t0\n};\n\n");

	printf("const uint16_t valid_class[] = {");
	for (size_t t = 0; t < ncols; t++)
		printf("%s%u,", t % 16 ? "" : "\n\t", cls[t]);
	printf("\n};\nconst unsigned valid_nclasses = %u;\n", nclasses);
	printf("const uint16_t valid_next[] = {");
	for (size_t s = 0; s < nstates; s++) {
		printf("\n\t");
		for (unsigned c = 0; c < nclasses; c++)
			printf("%u,", next[s * ncols + rep[c]]);
	}
	printf("\n};\nconst uint8_t valid_accept[] = {");
	for (size_t s = 0; s < nstates; s++)
		printf("%s%d,", s % 32 ? "" : "\n\t",
		       nullable(state_pat[s]));
	printf("\n};\nconst uint16_t valid_start = %u;\n", doc_start);
	xmlFreeDoc(doc);
	return 0;
}
