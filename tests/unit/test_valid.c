/* Unit tests of the schema's tables (valid.c): valid_doc must pass
 * exactly the trees libxml2's RelaxNG validator passes with the same
 * schema. A tree valid_doc passes and libxml2 fails would let an invalid
 * document through; the reverse only costs a compile, but says the
 * tables are wrong. Compared on every XML file of the tests and on
 * thousands of random mutations of the valid ones. */
#include "load.h"
#include "test.h"
#include "valid.h"
#include "valid_tab.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include <glob.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DB "http://docbook.org/ns/docbook"

static xmlRelaxNGPtr rng;

static void quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static int libxml2_valid(xmlDocPtr x)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(vc, quiet, NULL);
	int ok = xmlRelaxNGValidateDoc(vc, x) == 0;
	xmlRelaxNGFreeValidCtxt(vc);
	return ok;
}

static xmlDocPtr parse(const char *text, size_t len)
{
	return xmlReadMemory(text, (int)len, "t.xml", "UTF-8",
	                     XML_PARSE_NONET | XML_PARSE_BIG_LINES |
	                     XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
	                     XML_PARSE_NOWARNING);
}

static xmlDocPtr parse_str(const char *text)
{
	return parse(text, strlen(text));
}

/* Both validators on X: 1 if they agree (and says how, when not). */
static long passed_both, failed_both, unsound, incomplete, entities;

/* Whether the tree under N holds an entity reference, which valid_doc
 * leaves to libxml2. */
static int has_entity_ref(xmlNodePtr n)
{
	for (; n; n = n->next)
		if (n->type == XML_ENTITY_REF_NODE || has_entity_ref(n->children))
			return 1;
	return 0;
}

static int agree(xmlDocPtr x, const char *what)
{
	int fast = valid_doc(x);
	int slow = libxml2_valid(x);
	if (fast && !slow) {
		unsound++;
		printf("  %s: valid_doc passes what libxml2 fails\n", what);
	} else if (!fast && slow && has_entity_ref(x->children)) {
		entities++;
	} else if (!fast && slow) {
		incomplete++;
		printf("  %s: valid_doc fails what libxml2 passes\n", what);
	} else if (fast) {
		passed_both++;
	} else {
		failed_both++;
	}
	return fast == slow;
}

static int fast_str(const char *text)
{
	xmlDocPtr x = parse_str(text);
	int r = x ? valid_doc(x) : -1;
	xmlFreeDoc(x);
	return r;
}

/* ---- mutations ------------------------------------------------------ */

static uint64_t rnd_state;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((rnd_state >> 33) % n);
}

/* The elements of X in document order (the caller frees the array). */
static xmlNodePtr *elements(xmlNodePtr n, xmlNodePtr *v, size_t *len,
                            size_t *cap)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (*len == *cap) {
			*cap = *cap ? 2 * *cap : 256;
			v = realloc(v, *cap * sizeof *v);
		}
		v[(*len)++] = n;
		v = elements(n->children, v, len, cap);
	}
	return v;
}

static int inside(xmlNodePtr n, xmlNodePtr anc)
{
	for (; n; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

/* The child of P at a random place (NULL: the end). */
static xmlNodePtr some_child(xmlNodePtr p)
{
	size_t n = 0;
	for (xmlNodePtr c = p->children; c; c = c->next)
		n++;
	unsigned k = rnd((unsigned)n + 1);
	xmlNodePtr c = p->children;
	while (k-- && c)
		c = c->next;
	return c;
}

/* Nodes a mutation took out, freed once the tree is checked: a node may
 * hold a namespace declaration that nodes left in the tree still use. */
static xmlNodePtr graveyard[64];
static size_t ngraves;

static void bury(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	if (ngraves < sizeof graveyard / sizeof *graveyard)
		graveyard[ngraves++] = n;
	else
		xmlAddChild(xmlDocGetRootElement(n->doc), n); /* kept in */
}

static void graves_free(void)
{
	while (ngraves)
		xmlFreeNode(graveyard[--ngraves]);
}

static void put(xmlNodePtr p, xmlNodePtr n)
{
	xmlNodePtr at = some_child(p);
	if (at)
		xmlAddPrevSibling(at, n);
	else
		xmlAddChild(p, n);
}

/* Attributes a mutation adds: schema names on the wrong elements and the
 * right ones, foreign namespaces, DocBook's namespace, no namespace. */
static void add_attribute(xmlDocPtr x, xmlNodePtr e)
{
	static const char *const foreign[][2] = {
		{"http://www.w3.org/1999/xlink", "href"},
		{"http://www.w3.org/1999/xlink", "arcrole"},
		{"http://www.w3.org/XML/1998/namespace", "space"},
		{"http://www.w3.org/XML/1998/namespace", "id"},
		{"urn:x-test", "any"},
		{DB, "role"},
		{"", "bogus"},
		{"", "url"},
	};
	const char *ns, *local;
	if (rnd(3)) {
		const valid_name *a = &valid_attr_names[rnd(valid_nattrs)];
		ns = valid_ns[a->ns];
		local = a->local;
	} else {
		unsigned k = rnd(sizeof foreign / sizeof *foreign);
		ns = foreign[k][0];
		local = foreign[k][1];
	}
	if (!*ns) {
		xmlSetProp(e, (const xmlChar *)local, (const xmlChar *)"v");
		return;
	}
	xmlNsPtr n = xmlSearchNsByHref(x, e, (const xmlChar *)ns);
	if (!n || !n->prefix)
		n = xmlNewNs(xmlDocGetRootElement(x), (const xmlChar *)ns,
		             (const xmlChar *)
		             (strcmp(ns, "http://www.w3.org/XML/1998/namespace")
		              ? (rnd(2) ? "p1" : "p2") : "xml"));
	if (!n)
		n = xmlSearchNsByHref(x, e, (const xmlChar *)ns);
	if (n)
		xmlSetNsProp(e, n, (const xmlChar *)local,
		             (const xmlChar *)"v");
}

static void mutate(xmlDocPtr x)
{
	size_t len = 0, cap = 0;
	xmlNodePtr *v = elements(xmlDocGetRootElement(x), NULL, &len, &cap);
	if (len < 2) {
		free(v);
		return;
	}
	xmlNodePtr e = v[1 + rnd((unsigned)len - 1)];
	xmlNodePtr p = v[rnd((unsigned)len)];
	switch (rnd(12)) {
	case 0: /* delete */
		bury(e);
		break;
	case 1: /* move */
		if (!inside(p, e)) {
			xmlUnlinkNode(e);
			put(p, e);
		}
		break;
	case 2: /* copy */
		put(p, xmlDocCopyNode(e, x, 1));
		break;
	case 3: /* copy beside itself */
		xmlAddNextSibling(e, xmlDocCopyNode(e, x, 1));
		break;
	case 4: { /* rename to another element of the schema */
		const valid_name *nm = &valid_elem_names[rnd(valid_ntokens)];
		xmlNodeSetName(e, (const xmlChar *)nm->local);
		if (!*valid_ns[nm->ns]) {
			xmlSetNs(e, NULL);
		} else {
			xmlNsPtr ns = xmlSearchNsByHref(x, e, (const xmlChar *)
			                                valid_ns[nm->ns]);
			if (!ns)
				ns = xmlNewNs(xmlDocGetRootElement(x),
				              (const xmlChar *)valid_ns[nm->ns],
				              (const xmlChar *)"n");
			if (ns)
				xmlSetNs(e, ns);
		}
		break;
	}
	case 5: /* rename to a name of no schema */
		xmlNodeSetName(e, (const xmlChar *)"bogus");
		break;
	case 6: /* one attribute fewer */
		if (e->properties)
			xmlRemoveProp(e->properties);
		break;
	case 7:
		add_attribute(x, e);
		break;
	case 8: /* text */
		put(p, xmlNewDocText(x, (const xmlChar *)(rnd(2) ? "words"
		                                                 : " \n\t")));
		break;
	case 9: /* a comment, maybe between text */
		put(p, xmlNewDocComment(x, (const xmlChar *)"c"));
		break;
	case 10: /* children to text */
		while (e->children)
			bury(e->children);
		if (rnd(2))
			xmlAddChild(e, xmlNewDocText(x, (const xmlChar *)"x"));
		break;
	case 11: /* unwrap */
		while (e->children) {
			xmlNodePtr c = e->children;
			xmlUnlinkNode(c);
			xmlAddPrevSibling(e, c);
		}
		bury(e);
		break;
	}
	free(v);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (cap - *len < 65536)
			buf = realloc(buf, cap = 2 * cap + 65536);
		size_t got = fread(buf + *len, 1, cap - *len, f);
		if (!got)
			break;
		*len += got;
	}
	fclose(f);
	return buf;
}

int main(void)
{
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, quiet);
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
		load_schema_rng, (int)load_schema_rng_len);
	rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	CHECK(rng != NULL);
	if (!rng)
		TEST_END();

	/* the tables' answers on small cases */
	CHECK(fast_str("<article xmlns='" DB "'><para>x</para></article>")
	      == 1);
	CHECK(fast_str("<article xmlns='" DB "'><para>x</para>"
	               "<section><title>T</title></section></article>") == 1);
	/* the header's four elements in any order, each at most once */
	CHECK(fast_str("<article xmlns='" DB "'><info/><title>T</title>"
	               "<para/></article>") == 1);
	CHECK(fast_str("<article xmlns='" DB "'><title>T</title><title>T"
	               "</title></article>") == 0);
	CHECK(fast_str("<article xmlns='" DB "'>text</article>") == 0);
	CHECK(fast_str("<article xmlns='" DB "'> \n\t<!--c-->\n</article>")
	      == 1);
	CHECK(fast_str("<article xmlns='" DB "'><para>a<!--c-->b<emphasis>"
	               "e</emphasis></para></article>") == 1);
	CHECK(fast_str("<article><para/></article>") == 0);
	CHECK(fast_str("<article xmlns='" DB "'><ulink url='u'>x</ulink>"
	               "</article>") == 0);
	CHECK(fast_str("<article xmlns='" DB "'><para><ulink>x</ulink>"
	               "</para></article>") == 0);
	CHECK(fast_str("<article xmlns='" DB "'><para><ulink url='u'>x"
	               "</ulink></para></article>") == 1);
	/* attributes: common, foreign, unknown, DocBook's namespace */
	CHECK(fast_str("<article xmlns='" DB "' xmlns:x='urn:x' x:y='1' "
	               "xml:lang='bg' role='r' xml:space='preserve'><para/>"
	               "</article>") == 1);
	CHECK(fast_str("<article xmlns='" DB "' bogus='1'/>") == 0);
	CHECK(fast_str("<article xmlns='" DB "' xmlns:d='" DB "' d:role="
	               "'1'/>") == 0);
	/* two prefixes for xlink: two xlink:href */
	CHECK(fast_str("<article xmlns='" DB "' xmlns:a='http://www.w3.org/"
	               "1999/xlink' xmlns:b='http://www.w3.org/1999/xlink' "
	               "a:href='1' b:href='2'/>") == 0);
	/* the schema's never-matching element */
	CHECK(fast_str("<compile-only xmlns='urn:x-folio:never'/>") == 0);

	/* every XML file of the tests, as it is */
	static const char *const dirs[] = {
		"tests/schema/*.xml", "tests/hostile/*.xml",
		"tests/e2e/fixtures/*.xml", "tests/fuzz/seed/*.xml",
		"tests/fuzz/regress/*", "report/report.xml",
	};
	xmlDocPtr bases[64];
	size_t nbases = 0, files = 0, unsound0 = 0, incomplete0 = 0;
	for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
		glob_t g;
		if (glob(dirs[d], 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			size_t len;
			char *text = slurp(g.gl_pathv[i], &len);
			xmlDocPtr x = text ? parse(text, len) : NULL;
			free(text);
			if (!x)
				continue;
			files++;
			if (!agree(x, g.gl_pathv[i]))
				(void)0;
			if (valid_doc(x) && nbases < 64)
				bases[nbases++] = x;
			else
				xmlFreeDoc(x);
		}
		globfree(&g);
	}
	unsound0 = (size_t)unsound;
	incomplete0 = (size_t)incomplete;
	printf("  %zu files: %ld valid, %ld invalid, %ld left to libxml2 "
	       "(entity references)\n", files, passed_both, failed_both,
	       entities);
	CHECK(files >= 40);
	CHECK(unsound0 == 0);
	CHECK(incomplete0 == 0);
	CHECK(nbases >= 8);

	/* mutations of the valid ones: the small files many times, the
	 * report (the last base) a few hundred */
	long before_pass = passed_both, before_fail = failed_both;
	for (size_t b = 0; b < nbases; b++) {
		int big = xmlDocGetRootElement(bases[b]) &&
		          b == nbases - 1;
		int runs = big ? 150 : 400;
		for (int k = 0; k < runs; k++) {
			rnd_state = (uint64_t)b * 1000003u + (uint64_t)k;
			xmlDocPtr x = xmlCopyDoc(bases[b], 1);
			int nmut = 1 + (int)rnd(3);
			for (int m = 0; m < nmut; m++)
				mutate(x);
			char what[64];
			snprintf(what, sizeof what, "base %zu mutation %d", b, k);
			agree(x, what);
			graves_free(); /* before their document */
			xmlFreeDoc(x);
		}
		xmlFreeDoc(bases[b]);
	}
	printf("  mutations: %ld valid, %ld invalid\n",
	       passed_both - before_pass, failed_both - before_fail);
	CHECK(unsound == 0);
	CHECK(incomplete == 0);
	/* the mutations reach both answers, many times */
	CHECK(passed_both - before_pass > 500);
	CHECK(failed_both - before_fail > 500);
	xmlRelaxNGFree(rng);
	TEST_END();
}
