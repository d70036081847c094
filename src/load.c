/* load — see load.h. */
#include "load.h"
#include "task.h"
#include "valid.h"
#include "xmlscan.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOCBOOK_NS "http://docbook.org/ns/docbook"
#define XLINK_NS "http://www.w3.org/1999/xlink"
/* What a document may hold. Layout keeps the positioned items of every
 * line and a line of dot leaders in the contents for each division,
 * table and figure, so its memory follows the text and those counts.
 * The parse adds up an estimate of it and stops a document that would
 * take a build past about 1 GB (issue 7: no input exhausts memory). The
 * costs are measured, with a margin: a generated 2,000-page report (2.4
 * MB of text, 16,686 elements, 859 divisions, tables and figures) peaks
 * at 308 MB and is estimated at 280 MB of the budget; the report needs
 * under 20 MB. MAX_CHILDREN bounds the schema check, whose time grows
 * with the square of an element's child count in libxml2's RelaxNG
 * validator. */
#define MAX_SOURCE (32UL << 20)
#define BUDGET (800UL << 20)    /* estimated bytes of layout memory */
#define COST_TEXT 100UL         /* per byte of text, attribute, comment */
#define COST_ELEMENT 1000UL     /* per element */
#define COST_LISTED 25000UL     /* per division, table or figure */
#define MAX_CHILDREN 20000
#define MAX_ATTRIBUTES 256      /* per element: libxml2 checks them for
                                 * duplicates in quadratic time */

typedef struct load_ctx {
	diag *d;
	const char *name;
	const char *src;
	size_t srclen;
	xmlParserCtxtPtr ctxt;
	int refused;
	doc *doc;
	doc_id *ids;
	size_t nids, idcap;
	size_t bias;           /* source bytes before libxml2's input (BOM) */
	size_t mark;           /* 1 + byte offset where the last markup ended */
	size_t line_off;       /* build's line cursor: byte offset ... */
	long line_no;          /* ... and the line it is on */
	long *colmap;          /* col_at's checkpoints (doc_src_col) */
	size_t text, elements, listed; /* what the document holds so far */
} load_ctx;

/* Column (from 1, in characters) of byte OFF of the source. */
static long col_at(load_ctx *c, size_t off)
{
	return doc_src_col(c->src, c->srclen, off, &c->colmap);
}

static long node_col(load_ctx *c, xmlNodePtr n)
{
	uintptr_t off = (uintptr_t)n->_private;
	return off ? col_at(c, off - 1) : 0;
}

/* Copies libxml2's message without its trailing newline. */
static void report_xml_error(load_ctx *c, const xmlError *e, long col)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = 0;
	diag_report(c->d, e->level == XML_ERR_WARNING ? DIAG_WARNING
	                                              : DIAG_ERROR,
	            c->name, e->line, col, "%s", msg);
}

static void on_parse_error(void *ctx, xmlErrorPtr e)
{
	load_ctx *c = ctx;
	if (c->refused)
		return; /* the refusal said it already */
	if (e->message && strstr(e->message, "Excessive depth in document")) {
		/* libxml2's own advice (XML_PARSE_HUGE) is no option here */
		diag_error(c->d, c->name, e->line, e->int2, "elements nested "
		           "more than 256 levels deep (folio's limit)");
		return;
	}
	report_xml_error(c, e, e->int2);
}

static void on_valid_error(void *ctx, xmlErrorPtr e)
{
	load_ctx *c = ctx;
	long col = e->node ? node_col(c, (xmlNodePtr)e->node) : 0;
	long line = e->line;
	if (e->node && !line)
		line = xmlGetLineNo((xmlNodePtr)e->node);
	xmlError copy = *e;
	copy.line = (int)line;
	report_xml_error(c, &copy, col);
}

static load_ctx *c_of(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

/* Counts TEXT more bytes of content and ELEMENTS, LISTED more elements
 * against the budget; past it, reports once and refuses the document:
 * the hooks below then build nothing more while libxml2 reads on to the
 * end (at most MAX_SOURCE). Not xmlStopParser: called from a characters
 * callback it frees the input that libxml2 and the callback still
 * read (a crash on a large document). */
static void spend(xmlParserCtxtPtr p, size_t text, size_t elements,
                  size_t listed)
{
	load_ctx *c = p->_private;
	c->text += text;
	c->elements += elements;
	c->listed += listed;
	if (c->refused)
		return;
	size_t cost = c->text * COST_TEXT + c->elements * COST_ELEMENT +
	              c->listed * COST_LISTED;
	if (cost <= BUDGET)
		return;
	diag_error(c->d, c->name, p->input ? p->input->line : 0,
	           p->input ? p->input->col : 0,
	           "the document is too large to lay out: %zu KB of text, "
	           "%zu elements and %zu divisions, tables and figures "
	           "so far would take folio past its memory budget of "
	           "%lu MB; split the document", c->text >> 10, c->elements,
	           c->listed, BUDGET >> 20);
	c->refused = 1;
}

/* SAX hook: any entity declaration refuses the document. */
static void on_entity_decl(void *ctx, const xmlChar *name, int type,
                           const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
	(void)type; (void)public_id; (void)content;
	xmlParserCtxtPtr p = ctx;
	load_ctx *c = p->_private;
	if (!c->refused)
		diag_error(c->d, c->name, p->input ? p->input->line : 0,
		           p->input ? p->input->col : 0,
		           "entity declaration '%s'%s refused: folio reads no "
		           "external files and expands no entities",
		           (const char *)name,
		           system_id ? " (external)" : "");
	c->refused = 1;
	xmlStopParser(p);
}

/* 1 + the source offset of Q, a pointer into the current input. A
 * UTF-8 byte order mark is not in libxml2's input: the first start tag
 * measures the bias. */
static size_t src_off(xmlParserCtxtPtr p, const xmlChar *q)
{
	load_ctx *c = c_of(p);
	xmlParserInputPtr in = p->input;
	size_t off = in->consumed + (size_t)(q - in->base) + c->bias;
	if (!c->bias && *q == '<' && off + 3 < c->srclen &&
	    c->src[off] != '<' && c->src[off + 3] == '<' &&
	    memcmp(c->src, "\xEF\xBB\xBF", 3) == 0) {
		c->bias = 3;
		off += 3;
	}
	return off + 1;
}

/* SAX hook: records the byte offset of each start tag. */
static void on_start(void *ctx, const xmlChar *localname,
                     const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes)
{
	xmlParserCtxtPtr p = ctx;
	size_t attr_bytes = 0;
	for (int i = 0; attributes && i < nb_attributes; i++)
		attr_bytes += (size_t)(attributes[5 * i + 4] -
		                       attributes[5 * i + 3]);
	int k = doc_kind_from_name((const char *)localname);
	spend(p, attr_bytes, 1, (k >= 0 && (doc_kind_class((doc_kind)k) ==
	                                    DOC_CLASS_DIV ||
	                                    k == DOC_TABLE || k == DOC_FIGURE))
	                        ? 1 : 0);
	if (c_of(p)->refused)
		return;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	                      namespaces, nb_attributes, nb_defaulted,
	                      attributes);
	xmlParserInputPtr in = p->input;
	if (!p->node || !in || !in->base || !in->cur)
		return;
	const xmlChar *q = in->cur;
	while (q > in->base && *q != '<')
		q--;
	if (*q == '<')
		p->node->_private =
			(void *)(uintptr_t)src_off(p, q);
	/* libxml2 calls this with the input at the tag's '>' (or "/>",
	 * whose end on_end records): text after it starts past the '>'. */
	if (*in->cur == '>')
		c_of(p)->mark = src_off(p, in->cur) + 1;
}

/* Where the input stands now, as 1 + byte offset of the source. */
static size_t input_mark(xmlParserCtxtPtr p)
{
	xmlParserInputPtr in = p->input;
	if (!in || !in->base || !in->cur)
		return 0;
	return src_off(p, in->cur);
}

/* SAX hooks: end tags, comments and processing instructions are read
 * up to their last '>' when libxml2 reports them, so text that follows
 * starts at the input's current position. */
static void on_end(void *ctx, const xmlChar *localname,
                   const xmlChar *prefix, const xmlChar *uri)
{
	if (c_of(ctx)->refused)
		return;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	c_of(ctx)->mark = input_mark(ctx);
}

static void on_comment(void *ctx, const xmlChar *value)
{
	spend(ctx, value ? strlen((const char *)value) : 0, 0, 0);
	if (c_of(ctx)->refused)
		return;
	xmlSAX2Comment(ctx, value);
	c_of(ctx)->mark = input_mark(ctx);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	spend(ctx, data ? strlen((const char *)data) : 0, 0, 0);
	if (c_of(ctx)->refused)
		return;
	xmlSAX2ProcessingInstruction(ctx, target, data);
	c_of(ctx)->mark = input_mark(ctx);
}

/* SAX hook: records where in the source each text node starts.
 * libxml2 hands text over in chunks and appends them to the last text
 * node, so only the chunk that creates a node counts. A chunk read in
 * place points into the input buffer: its offset is exact. Entity and
 * character references, CDATA and text that libxml2 copied while
 * decoding point elsewhere; such a chunk starts a node only right after
 * markup, where the mark stands. */
static void on_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr p = ctx;
	spend(p, (size_t)len, 0, 0);
	if (c_of(p)->refused)
		return;
	xmlNodePtr before = p->node ? p->node->last : NULL;
	xmlSAX2Characters(ctx, ch, len);
	if (!p->node)
		return;
	xmlNodePtr t = p->node->last;
	if (!t || t == before || t->type != XML_TEXT_NODE || t->_private)
		return;
	xmlParserInputPtr in = p->input;
	size_t off = 0;
	if (in && in->base && in->end && ch >= in->base && ch < in->end)
		off = src_off(p, ch);
	else
		off = c_of(ctx)->mark;
	t->_private = (void *)(uintptr_t)off;
}

static int is_docbook(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, DOCBOOK_NS) == 0;
}

static int known(xmlNodePtr n)
{
	return is_docbook(n) && doc_kind_from_name((const char *)n->name) >= 0;
}

/* Whether N's content model mixes text with inlines. */
static int mixed_context(xmlNodePtr n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c))
			return 1;
	if (!known(n))
		return 0;
	int k = doc_kind_from_name((const char *)n->name);
	doc_class cl = doc_kind_class((doc_kind)k);
	return cl == DOC_CLASS_INLINE || k == DOC_PARA || k == DOC_SIMPARA ||
	       k == DOC_TITLE || k == DOC_SUBTITLE || k == DOC_TERM ||
	       k == DOC_ATTRIBUTION || k == DOC_LITERALLAYOUT ||
	       k == DOC_PROGRAMLISTING || k == DOC_SCREEN ||
	       k == DOC_BIBLIOMIXED || k == DOC_GLOSSTERM;
}

static int has_block_children(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!known(c))
			return has_block_children(c);
		doc_class cl = doc_kind_class(
			(doc_kind)doc_kind_from_name((const char *)c->name));
		if (cl == DOC_CLASS_BLOCK || cl == DOC_CLASS_DIV)
			return 1;
	}
	return 0;
}

static void rename_docbook(xmlNodePtr n, const char *name, xmlNsPtr ns)
{
	xmlNodeSetName(n, (const xmlChar *)name);
	xmlSetNs(n, ns);
	/* Keep xml:id and xml:lang only; an unknown element's own
	 * attributes mean nothing to the subset. */
	xmlAttrPtr a = n->properties;
	while (a) {
		xmlAttrPtr next = a->next;
		int keep = a->ns && a->ns->href &&
		           strcmp((const char *)a->ns->href,
		                  (const char *)XML_XML_NAMESPACE) == 0;
		if (!keep)
			xmlRemoveProp(a);
		a = next;
	}
}

/* Folds elements outside the subset into the flow: inside text they
 * become phrases, holding blocks they are unwrapped, elsewhere they
 * become paragraphs. Each gets one warning. Iterative: no recursion on
 * the document's depth. */
static void fold_unknown(load_ctx *c, xmlNodePtr root, xmlNsPtr ns)
{
	xmlNodePtr n = root;
	/* mixed_context(parent) reads all of parent's children: remembered
	 * for the siblings that follow (10,000 unknown siblings would
	 * otherwise cost 10,000 walks over them); unwrapping forgets it. */
	xmlNodePtr mixed_of = NULL;
	int mixed = 0;
	while (n) {
		xmlNodePtr next_after = NULL;
		if (n->type == XML_ELEMENT_NODE && n != root && !known(n)) {
			diag_warn(c->d, c->name, xmlGetLineNo(n), node_col(c, n),
			          "element <%s> is not in folio's DocBook subset;"
			          " its text is laid out as ordinary flow",
			          (const char *)n->name);
			if (n->parent != mixed_of) {
				mixed_of = n->parent;
				mixed = mixed_context(n->parent);
			}
			if (mixed) {
				rename_docbook(n, "phrase", ns);
			} else if (has_block_children(n)) {
				xmlNodePtr first = n->children;
				for (xmlNodePtr ch = n->children; ch;) {
					xmlNodePtr nx = ch->next;
					xmlUnlinkNode(ch);
					xmlAddPrevSibling(n, ch);
					ch = nx;
				}
				next_after = first ? first : n->next;
				mixed_of = NULL;
				xmlNodePtr parent = n->parent;
				xmlUnlinkNode(n);
				xmlFreeNode(n);
				n = next_after ? next_after : parent;
				if (!next_after) {
					/* empty: continue after parent's children */
					while (n && n != root && !n->next)
						n = n->parent;
					n = (n && n != root) ? n->next : NULL;
				}
				continue;
			} else {
				rename_docbook(n, "para", ns);
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		n = (n && n != root) ? n->next : NULL;
	}
}

/* The line of the first tag of SRC[0..LEN) with more than MAX_ATTRIBUTES
 * attributes (namespace declarations count), or 0. libxml2 compares each
 * attribute of a tag with all before it: 40,000 of them took 3 s, the
 * 4 million a 32 MB tag can hold would take hours. A scan of the source
 * before the parse: comments, CDATA, processing instructions and quoted
 * values are skipped, each '=' left in a tag is an attribute. */
static long crowded_tag(const char *src, size_t len)
{
	const char *p = src, *end = src + len;
	/* text and markup without '=' are skipped a '<' at a time (memchr:
	 * the byte loop was 10 M instructions at 250 pages) */
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *tag = p;
		const char *skip = xmlscan_markup_end(p, end, 0);
		if (skip) { /* a comment, CDATA, a processing instruction */
			p = skip;
			continue;
		}
		p++;
		int n = 0;
		char quote = 0;
		for (; p < end; p++) {
			char ch = *p;
			if (quote) {
				if (ch == quote)
					quote = 0;
			} else if (ch == '"' || ch == '\'') {
				quote = ch;
			} else if (ch == '=') {
				if (++n > MAX_ATTRIBUTES) {
					long line = 1;
					for (const char *q = src; q < tag; q++)
						line += *q == '\n';
					return line;
				}
			} else if (ch == '>') {
				break;
			}
		}
	}
	return 0;
}

/* Reports the first element with more than MAX_CHILDREN child elements;
 * returns 1 if there is one. Iterative, as fold_unknown. */
static int too_many_children(load_ctx *c, xmlNodePtr root)
{
	xmlNodePtr n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			size_t k = xmlChildElementCount(n);
			if (k > MAX_CHILDREN) {
				diag_error(c->d, c->name, xmlGetLineNo(n),
				           node_col(c, n), "<%s> has %zu child "
				           "elements, more than folio's limit of %d;"
				           " split it", (const char *)n->name, k,
				           MAX_CHILDREN);
				return 1;
			}
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		while (n && n != root && !n->next)
			n = n->parent;
		n = (n && n != root) ? n->next : NULL;
	}
	return 0;
}

static const char *intern_lang(load_ctx *c, const char *lang)
{
	static const char *const common[] = {"en", "en-GB", "en-US", "bg"};
	for (size_t i = 0; i < 4; i++)
		if (strcmp(common[i], lang) == 0)
			return common[i];
	return arena_strdup(&c->doc->arena, lang);
}

static void add_id(load_ctx *c, const char *id, doc_node *n)
{
	if (c->nids == c->idcap) {
		c->idcap = c->idcap ? c->idcap * 2 : 64;
		c->ids = xrealloc(c->ids, c->idcap * sizeof *c->ids);
	}
	c->ids[c->nids].id = id;
	c->ids[c->nids].node = n;
	c->nids++;
}

static doc_node *new_node(load_ctx *c, doc_node *parent, doc_kind kind)
{
	doc_node *n = arena_alloc(&c->doc->arena, sizeof *n);
	n->kind = kind;
	n->idx = c->doc->nnodes++;
	n->parent = parent;
	n->lang = parent ? parent->lang : "en";
	if (parent) {
		n->prev = parent->last;
		if (parent->last)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

/* Line (from 1) of byte OFF of the source. build asks in document
 * order, so a cursor makes the whole walk linear. */
static long line_at(load_ctx *c, size_t off)
{
	if (off > c->srclen)
		off = c->srclen;
	if (off < c->line_off || !c->line_no) {
		c->line_off = 0;
		c->line_no = 1;
	}
	const char *p = c->src + c->line_off, *end = c->src + off;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		c->line_no++;
		p++;
	}
	c->line_off = off;
	return c->line_no;
}

/* Builds the doc subtree of element X under PARENT. Depth is bounded by
 * libxml2's own nesting limit (256 without XML_PARSE_HUGE). */
static doc_node *build(load_ctx *c, xmlNodePtr x, doc_node *parent)
{
	doc *d = c->doc;
	doc_node *n = new_node(c, parent,
	                       (doc_kind)doc_kind_from_name((const char *)x->name));
	n->line = xmlGetLineNo(x);
	n->offset = (size_t)(uintptr_t)x->_private;
	doc_attr **tail = &n->attrs;
	for (xmlAttrPtr a = x->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(x->doc, a->children, 1);
		const char *value = arena_strdup(&d->arena, v ? (char *)v : "");
		xmlFree(v);
		const char *href = a->ns ? (const char *)a->ns->href : NULL;
		const char *name = (const char *)a->name;
		if (href && strcmp(href, (const char *)XML_XML_NAMESPACE) == 0) {
			if (strcmp(name, "id") == 0) {
				n->id = value;
				add_id(c, value, n);
			} else if (strcmp(name, "lang") == 0 && *value) {
				n->lang = intern_lang(c, value);
			}
			continue;
		}
		if (!href && strcmp(name, "role") == 0) {
			n->role = value;
			continue;
		}
		if (!href && strcmp(name, "id") == 0 &&
		    !xmlHasNsProp(x, (const xmlChar *)"id", XML_XML_NAMESPACE)) {
			/* DocBook 4 and pandoc write id= for xml:id */
			n->id = value;
			add_id(c, value, n);
			continue;
		}
		doc_attr *at = arena_alloc(&d->arena, sizeof *at);
		at->name = href && strcmp(href, XLINK_NS) == 0
		           ? arena_printf(&d->arena, "xlink:%s", name)
		           : arena_strdup(&d->arena, name);
		at->value = value;
		*tail = at;
		tail = &at->next;
	}
	for (xmlNodePtr ch = x->children; ch; ch = ch->next) {
		if (ch->type == XML_ELEMENT_NODE) {
			build(c, ch, n);
		} else if (ch->type == XML_TEXT_NODE ||
		           ch->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)ch->content;
			size_t len = s ? strlen(s) : 0;
			if (!len)
				continue;
			doc_node *last = n->last;
			if (last && last->kind == DOC_TEXT) {
				/* Adjacent text and CDATA are one text. */
				char *t = arena_alloc(&d->arena,
				                      last->textlen + len + 1);
				memcpy(t, last->text, last->textlen);
				memcpy(t + last->textlen, s, len);
				last->text = t;
				last->textlen += len;
				continue;
			}
			doc_node *t = new_node(c, n, DOC_TEXT);
			t->text = arena_strndup(&d->arena, s, len);
			t->textlen = len;
			t->offset = (size_t)(uintptr_t)ch->_private;
			t->line = t->offset ? line_at(c, t->offset - 1)
			                    : xmlGetLineNo(ch);
		}
	}
	return n;
}

/* Reports through DG each link of D to an id no element has; returns 1
 * if there is none. */
static int check_refs(doc *d, diag *dg)
{
	int ok = 1;
	for (unsigned i = 0; i < d->nnodes; i++) {
		doc_node *n = d->by_idx[i];
		if (n->kind != DOC_XREF && n->kind != DOC_FOOTNOTEREF &&
		    n->kind != DOC_LINK)
			continue;
		const char *target = doc_attr_get(n, "linkend");
		if (!target)
			continue;
		if (!doc_by_id(d, target)) {
			diag_error(dg, d->file, n->line, doc_col(d, n),
			           "<%s> points to id '%s', which no element has",
			           doc_kind_name(n->kind), target);
			ok = 0;
		}
	}
	return ok;
}

static void index_nodes(doc *d)
{
	d->by_idx = arena_alloc(&d->arena, (d->nnodes + 1) * sizeof *d->by_idx);
	for (doc_node *n = d->root; n; n = doc_next(d->root, n))
		d->by_idx[n->idx] = n;
}

static doc *load_file_(const char *file, diag *d, load_check **check);

/* libxml2's compiled schema, made once per process (never freed), the
 * first time a document fails the tables (valid.h): only libxml2 says
 * why. */
static xmlRelaxNGPtr schema_rng;
static pthread_once_t schema_once = PTHREAD_ONCE_INIT;

static void compile_schema(void)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
		load_schema_rng, (int)load_schema_rng_len);
	schema_rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
}

/* The compiled schema, or NULL if it does not compile. */
static xmlRelaxNGPtr schema(void)
{
	pthread_once(&schema_once, compile_schema);
	return schema_rng;
}

/* The schema check of one document: libxml2's tree of it, which the
 * check frees, and the parse's context for the places in its messages. */
struct load_check {
	load_ctx c;            /* c.d is &held; c.src the doc's copy */
	xmlDocPtr x;
	diag held;             /* the check's messages until load_check_wait */
	int invalid;           /* the result, once joined */
	atomic_int failed;     /* 1 as soon as the thread knows it invalid */
	task t;
};

/* Validates K's tree against the schema, reporting into K->held, frees
 * the tree and returns 1 if it is invalid. The tables pass a valid tree
 * in one walk; libxml2 sees the others, and reports why they fail. */
static int check_run(load_check *k)
{
	int invalid = 0;
	if (!valid_doc(k->x)) {
		xmlRelaxNGPtr rng = schema();
		if (!rng) {
			invalid = 1;
			diag_error(&k->held, k->c.name, 0, 0, "internal error: "
			           "the embedded schema does not compile");
		} else {
			xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
			xmlRelaxNGSetValidStructuredErrors(vc, on_valid_error,
			                                   &k->c);
			invalid = xmlRelaxNGValidateDoc(vc, k->x) != 0;
			xmlRelaxNGFreeValidCtxt(vc);
			if (invalid && k->held.errors == k->held.errors0)
				diag_error(&k->held, k->c.name, 0, 0, "the document "
				           "does not follow folio's DocBook subset");
		}
	}
	xmlFreeDoc(k->x);
	k->x = NULL;
	k->invalid = invalid;
	atomic_store(&k->failed, invalid);
	return invalid;
}

static void *check_main(void *arg)
{
	check_run(arg);
	return NULL;
}


/* Ends K: its thread and the schema's joined, its messages given to D,
 * its memory freed. Returns 1 if the document was found invalid. */
static int check_end(load_check *k, diag *d)
{
	task_join(&k->t);
	diag_release(&k->held, d, 1);
	int invalid = k->invalid;
	free(k->c.colmap);
	free(k->c.ids);
	free(k);
	return invalid;
}

const atomic_int *load_check_flag(const load_check *k)
{
	return k ? &k->failed : NULL;
}

int load_check_wait(load_check *k, diag *d)
{
	return k && check_end(k, d) ? -1 : 0;
}

/* load_memory's work, with K's context. When it returns a tree, K is
 * checking it; otherwise K's check, if it started, has been joined.
 * Either way K is check_end's to free. */
static doc *load(load_check *k, const char *name, const char *dir,
                 const char *data, size_t len, diag *d)
{
	load_ctx *c = &k->c;
	*c = (load_ctx){.d = d, .name = name, .src = data, .srclen = len};
	int errors0 = d->errors;
	if (len == 0) {
		diag_error(d, name, 0, 0, "the file is empty");
		return NULL;
	}
	if (len > INT_MAX) {
		diag_error(d, name, 0, 0, "the file is too large");
		return NULL;
	}
	long crowded = crowded_tag(data, len);
	if (crowded) {
		diag_error(d, name, crowded, 0, "an element with more than %d "
		           "attributes (folio's limit)", MAX_ATTRIBUTES);
		return NULL;
	}
	xmlParserCtxtPtr p = xmlNewParserCtxt();
	if (!p || !p->sax) {
		diag_error(d, name, 0, 0, "cannot create the XML parser");
		xmlFreeParserCtxt(p);
		return NULL;
	}
	p->sax->entityDecl = on_entity_decl;
	p->sax->startElementNs = on_start;
	p->sax->endElementNs = on_end;
	p->sax->comment = on_comment;
	p->sax->processingInstruction = on_pi;
	p->sax->characters = on_characters;
	p->sax->ignorableWhitespace = on_characters;
	c->ctxt = p;
	p->_private = c;
	xmlSetStructuredErrorFunc(c, on_parse_error);
	xmlDocPtr x = xmlCtxtReadMemory(p, data, (int)len, name, "UTF-8",
	                                XML_PARSE_NONET | XML_PARSE_BIG_LINES |
	                                XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	int wellformed = p->wellFormed && !c->refused;
	xmlFreeParserCtxt(p);
	c->ctxt = NULL;
	if (!x || !wellformed || d->errors > errors0) {
		if (d->errors == errors0)
			diag_error(d, name, 0, 0, "not a well-formed XML file");
		xmlFreeDoc(x);
		return NULL;
	}
	xmlNodePtr root = xmlDocGetRootElement(x);
	if (!root || !is_docbook(root) ||
	    (strcmp((const char *)root->name, "book") != 0 &&
	     strcmp((const char *)root->name, "article") != 0)) {
		diag_error(d, name, root ? xmlGetLineNo(root) : 0,
		           root ? node_col(c, root) : 0,
		           "the root element must be a DocBook 5 <book> or "
		           "<article> in namespace " DOCBOOK_NS);
		xmlFreeDoc(x);
		return NULL;
	}
	if (too_many_children(c, root)) {
		xmlFreeDoc(x);
		return NULL;
	}
	fold_unknown(c, root, root->ns);

	/* the tree is built before the schema check, which then runs on a
	 * thread of its own while the caller goes on (it changes libxml2's
	 * tree as it goes: interleave cuts sibling links for a while) */
	arena a;
	arena_init(&a);
	doc *out = arena_alloc(&a, sizeof *out);
	out->arena = a;
	c->doc = out;
	out->file = arena_strdup(&out->arena, name);
	out->dir = arena_strdup(&out->arena, dir ? dir : ".");
	out->src = arena_strndup(&out->arena, data, len);
	out->srclen = len;
	out->root = build(c, root, NULL);
	out->info = doc_child(out->root, DOC_INFO);
	index_nodes(out);
	out->ids = arena_alloc(&out->arena, (c->nids + 1) * sizeof *out->ids);
	if (c->nids)
		memcpy(out->ids, c->ids, c->nids * sizeof *c->ids);
	out->nids = c->nids;
	free(c->ids);
	c->ids = NULL;

	/* from here on the check owns K->c */
	c->src = out->src; /* the caller's DATA may go */
	c->name = out->file;
	c->d = &k->held;
	diag_hold(&k->held, &(diag){.out = d->out,
	                            .max_warnings = d->max_warnings});
	k->x = x;
	task_start(&k->t, check_main, k);

	/* the document's own errors are said only if the schema passes it */
	diag mine;
	diag_hold(&mine, d);
	doc_id *dup = doc_sort_ids(out);
	if (dup) {
		doc_node *first = doc_by_id(out, dup->id);
		for (size_t i = 0; i < out->nids; i++)
			if (strcmp(out->ids[i].id, dup->id) == 0) {
				first = out->ids[i].node;
				break;
			}
		diag_error(&mine, name, dup->node->line, doc_col(out, dup->node),
		           "xml:id '%s' is used twice (first at line %ld)",
		           dup->id, first->line);
	}
	int refs_ok = check_refs(out, &mine);
	if (!refs_ok || dup) {
		task_join(&k->t);
		diag_release(&k->held, d, 1);
		diag_release(&mine, d, !k->invalid);
		doc_free(out);
		return NULL;
	}
	diag_release(&mine, d, 1);
	return out;
}

doc *load_memory_checking(const char *name, const char *dir,
                          const char *data, size_t len, diag *d,
                          load_check **check)
{
	load_check *k = xcalloc(1, sizeof *k);
	doc *out = load(k, name, dir, data, len, d);
	if (!out) {
		check_end(k, d);
		k = NULL;
	}
	*check = k;
	return out;
}

doc *load_memory(const char *name, const char *dir, const char *data,
                 size_t len, diag *d)
{
	load_check *k;
	doc *out = load_memory_checking(name, dir, data, len, d, &k);
	if (out && load_check_wait(k, d)) {
		doc_free(out);
		out = NULL;
	}
	return out;
}

doc *load_file(const char *file, diag *d)
{
	load_check *k;
	doc *out = load_file_checking(file, d, &k);
	if (out && load_check_wait(k, d)) {
		doc_free(out);
		out = NULL;
	}
	return out;
}

doc *load_file_checking(const char *file, diag *d, load_check **check)
{
	*check = NULL;
	return load_file_(file, d, check);
}

static doc *load_file_(const char *file, diag *d, load_check **check)
{
	FILE *f = fopen(file, "rb");
	if (!f) {
		diag_error(d, file, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	sbuf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > MAX_SOURCE) {
			diag_error(d, file, 0, 0, "the file is larger than "
			           "%lu MB", MAX_SOURCE >> 20);
			fclose(f);
			sbuf_free(&b);
			return NULL;
		}
		sbuf_add(&b, chunk, n);
	}
	int rerr = ferror(f);
	fclose(f);
	if (rerr) {
		diag_error(d, file, 0, 0, "cannot read: %s", strerror(errno));
		sbuf_free(&b);
		return NULL;
	}
	char *dir = xstrdup(file);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	doc *out = load_memory_checking(file, dir, b.s ? b.s : "", b.len, d,
	                                check);
	free(dir);
	sbuf_free(&b);
	return out;
}
