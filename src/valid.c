/* valid — see valid.h. */
#include "valid.h"
#include "valid_tab.h"

#include <libxml/tree.h>

#include <string.h>

/* A walk's memo of the last namespace looked up: a document declares its
 * namespaces once, so its elements share a few xmlNs records. */
typedef struct walk {
	const xmlNs *ns;
	int idx;
} walk;

/* The index in valid_ns of NS (NULL: no namespace), -1 if in none. */
static int ns_index(walk *w, const xmlNs *ns)
{
	if (ns && ns == w->ns)
		return w->idx;
	const char *href = ns ? (const char *)ns->href : "";
	int idx = -1;
	for (unsigned i = 0; i < valid_nns; i++)
		if (strcmp(valid_ns[i], href) == 0) {
			idx = (int)i;
			break;
		}
	if (ns) {
		w->ns = ns;
		w->idx = idx;
	}
	return idx;
}

/* The number of name (NS, LOCAL) in the hash table H over NAMES, -1 if
 * it is not there. */
static int lookup(const uint16_t *h, const valid_name *names, int ns,
                  const char *local)
{
	if (ns < 0)
		return -1;
	for (unsigned j = valid_hash(local) & (VALID_HASH - 1); h[j];
	     j = (j + 1) & (VALID_HASH - 1)) {
		const valid_name *v = &names[h[j] - 1];
		if (v->ns == ns && strcmp(v->local, local) == 0)
			return h[j] - 1;
	}
	return -1;
}

static unsigned step(unsigned state, unsigned token)
{
	return valid_next[state * valid_nclasses + valid_class[token]];
}

/* Whether the attributes of N, an element of token TOK, fill its slots. */
static int attributes_ok(walk *w, const xmlNode *n, unsigned tok)
{
	const valid_elem *e = &valid_elems[tok];
	const valid_slot *slots = &valid_slots[e->slot0];
	uint8_t count[256]; /* by slot: filled */
	memset(count, 0, e->nslots);
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		int ns = ns_index(w, a->ns);
		int id = lookup(valid_attr_hash, valid_attr_names, ns,
		                (const char *)a->name);
		unsigned s;
		if (id >= 0) {
			s = valid_slot_of[tok * valid_nattrs + (unsigned)id];
		} else {
			s = e->wild;
			if (!s)
				return 0;
			const valid_slot *wild = &slots[s - 1];
			int listed = 0;
			for (unsigned i = 0; i < wild->nexcl; i++)
				listed |= (int)valid_wild_ns[wild->excl + i] == ns;
			if (listed == wild->any)
				return 0;
		}
		if (!s || (count[s - 1] && slots[s - 1].max == 1))
			return 0;
		count[s - 1] = 1;
	}
	for (unsigned s = 0; s < e->nslots; s++)
		if (slots[s].min && !count[s])
			return 0;
	return 1;
}

static int blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Whether the children of N, run from automaton state STATE, end in an
 * accepting state. White-space-only text is left out and text on either
 * side of a comment or processing instruction is one text, as RelaxNG
 * sees a tree. The children's own content is not looked at here. */
static int children_ok(walk *w, const xmlNode *n, unsigned state)
{
	int text = 0; /* non-blank text since the last element */
	for (const xmlNode *c = n->children; c && state; c = c->next) {
		switch (c->type) {
		case XML_ELEMENT_NODE: {
			if (text)
				state = step(state, valid_ntokens);
			text = 0;
			int tok = lookup(valid_elem_hash, valid_elem_names,
			                 ns_index(w, c->ns),
			                 (const char *)c->name);
			if (tok < 0)
				return 0;
			state = step(state, (unsigned)tok);
			break;
		}
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			text = text || !blank(c->content);
			break;
		case XML_COMMENT_NODE:
		case XML_PI_NODE:
		case XML_DTD_NODE: /* the document's only */
			break;
		default: /* entity references, XInclude marks: libxml2's */
			return 0;
		}
	}
	if (text)
		state = step(state, valid_ntokens);
	return valid_accept[state];
}

int valid_doc(const struct _xmlDoc *x)
{
	walk w = {0};
	if (!x || !children_ok(&w, (const xmlNode *)x, valid_start))
		return 0;
	/* every element, in document order, without recursion */
	const xmlNode *n = xmlDocGetRootElement(x);
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			int tok = lookup(valid_elem_hash, valid_elem_names,
			                 ns_index(&w, n->ns),
			                 (const char *)n->name);
			if (tok < 0 || !attributes_ok(&w, n, (unsigned)tok) ||
			    !children_ok(&w, n, valid_elems[tok].start))
				return 0;
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		while (n && !n->next && n != (const xmlNode *)x)
			n = n->parent;
		if (!n || n == (const xmlNode *)x || n->type == XML_DOCUMENT_NODE)
			break;
		n = n->next;
	}
	return 1;
}
