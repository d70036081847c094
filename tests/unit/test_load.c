/* Unit tests of the loader (load.c) and the tree (doc.c): valid input,
 * diagnostics with file:line:col, refused entities, folded unknown
 * elements, ids and cross-references. */
#include "load.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define NS "xmlns=\"http://docbook.org/ns/docbook\""

static char *msgs;
static size_t msglen;

/* Loads TEXT; diagnostics land in msgs. */
static doc *load(const char *text, diag *d)
{
	free(msgs);
	msgs = NULL;
	FILE *f = open_memstream(&msgs, &msglen);
	diag_init(d, f);
	doc *dc = load_memory("t.xml", ".", text, strlen(text), d);
	fclose(f);
	return dc;
}

int main(void)
{
	diag d;
	doc *dc = load("<article " NS " xml:lang=\"bg\"><title>T</title>\n"
	               "<para xml:id=\"p1\">Здравей, <emphasis>свят</emphasis>"
	               "!</para>\n<para xml:lang=\"en\">See <xref "
	               "linkend=\"p1\"/>.</para></article>", &d);
	CHECK(dc != NULL);
	if (dc) {
		CHECK(dc->root->kind == DOC_ARTICLE);
		doc_node *p1 = doc_by_id(dc, "p1");
		CHECK(p1 && p1->kind == DOC_PARA);
		CHECK(p1 && strcmp(p1->lang, "bg") == 0);
		CHECK(p1 && p1->line == 2);
		CHECK(p1 && doc_col(dc, p1) == 1);
		CHECK_STR(p1 ? doc_text(dc, p1) : NULL, "Здравей, свят!");
		doc_node *p2 = p1 ? p1->next : NULL;
		while (p2 && p2->kind == DOC_TEXT)
			p2 = p2->next;
		CHECK(p2 && strcmp(p2->lang, "en") == 0);
		doc_node *x = p2 ? doc_child(p2, DOC_XREF) : NULL;
		CHECK(x && x->line == 3 && doc_col(dc, x) == 25);
		doc_free(dc);
	}

	/* malformed: line and column of the error */
	dc = load("<article " NS ">\n<para>open\n</article>", &d);
	CHECK(dc == NULL);
	CHECK(d.errors >= 1);
	CHECK(msgs && strstr(msgs, "t.xml:3:") != NULL);

	/* an external entity is refused, its file never read */
	dc = load("<!DOCTYPE article [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	          "<article " NS "><para>&x;</para></article>", &d);
	CHECK(dc == NULL);
	CHECK(msgs && strstr(msgs, "refused") != NULL);
	CHECK(msgs && strstr(msgs, "root:") == NULL);

	/* billion laughs: refused at the first declaration */
	dc = load("<!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
	          "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><article " NS
	          "><para>&b;</para></article>", &d);
	CHECK(dc == NULL);
	CHECK(msgs && strstr(msgs, "t.xml:1:") != NULL);

	/* unknown elements warn and keep their text */
	dc = load("<article " NS "><para>a <blink>b</blink> c</para>"
	          "<widget>loose text</widget></article>", &d);
	CHECK(dc != NULL);
	CHECK(d.warnings == 2);
	CHECK(msgs && strstr(msgs, "t.xml:1:") != NULL);
	if (dc) {
		CHECK_STR(doc_text(dc, dc->root), "a b cloose text");
		doc_free(dc);
	}

	/* xref to a missing id: error at the xref */
	dc = load("<article " NS ">\n<para>x <xref linkend=\"nope\"/></para>"
	          "</article>", &d);
	CHECK(dc == NULL);
	CHECK(msgs && strstr(msgs, "t.xml:2:9: error") != NULL);
	CHECK(msgs && strstr(msgs, "nope") != NULL);

	/* duplicate xml:id */
	dc = load("<article " NS "><para xml:id=\"a\">x</para>\n"
	          "<para xml:id=\"a\">y</para></article>", &d);
	CHECK(dc == NULL);
	CHECK(msgs && strstr(msgs, "t.xml:2:") && strstr(msgs, "a already defined"));

	/* schema: a section inside a para is invalid */
	dc = load("<article " NS "><para><section><title>x</title></section>"
	          "</para></article>", &d);
	CHECK(dc == NULL);
	CHECK(d.errors >= 1);

	/* wrong root, empty input, invalid UTF-8 */
	dc = load("<html><body/></html>", &d);
	CHECK(dc == NULL && msgs && strstr(msgs, "root element"));
	dc = load("", &d);
	CHECK(dc == NULL && d.errors == 1);
	dc = load("<article " NS "><para>\xff\xfe</para></article>", &d);
	CHECK(dc == NULL && d.errors >= 1);

	/* DocBook 4 names fold onto the subset */
	dc = load("<article " NS "><sect1><title>S</title><para><ulink "
	          "url=\"https://x.org\">x</ulink></para></sect1></article>",
	          &d);
	CHECK(dc != NULL);
	if (dc) {
		doc_node *s = dc->root->first;
		CHECK(s && s->kind == DOC_SECTION);
		doc_free(dc);
	}
	free(msgs);
	TEST_END();
}
