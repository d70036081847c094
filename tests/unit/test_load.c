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

/* Starts D writing to a fresh msgs; the caller closes the stream. */
static FILE *capture(diag *d)
{
	free(msgs);
	msgs = NULL;
	FILE *f = open_memstream(&msgs, &msglen);
	diag_init(d, f);
	return f;
}

/* Loads TEXT; diagnostics land in msgs. */
static doc *load(const char *text, diag *d)
{
	FILE *f = capture(d);
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

	/* the document's own errors (ids, links) are said when the schema
	 * passes it, and only then: the schema's are the ones to fix first */
	dc = load("<article " NS "><para xml:id=\"a\">x</para>\n"
	          "<para id=\"a\">y <xref linkend=\"b\"/></para></article>",
	          &d);
	CHECK(dc == NULL && d.errors == 2);
	CHECK(msgs && strstr(msgs, "t.xml:2:1: error: xml:id 'a' is used twice"));
	CHECK(msgs && strstr(msgs, "points to id 'b'"));
	dc = load("<article " NS "><para xml:id=\"a\">x</para>\n"
	          "<para id=\"a\"><section/><xref linkend=\"b\"/></para>"
	          "</article>", &d);
	{
		int lines = 0;
		for (const char *q = msgs; q && *q; q++)
			lines += *q == '\n';
		CHECK(dc == NULL && d.errors >= 1 && d.errors == lines);
	}
	CHECK(msgs && strstr(msgs, "t.xml:2:") && !strstr(msgs, "twice") &&
	      !strstr(msgs, "points to"));

	/* the check beside the caller's work: the tree comes first, the
	 * verdict at load_check_wait, with the places of the errors */
	{
		FILE *f = capture(&d);
		const char *bad = "<article " NS "><title>T</title>\n"
		                  "  <para>x<section/></para></article>";
		load_check *k = NULL;
		dc = load_memory_checking("t.xml", ".", bad, strlen(bad), &d,
		                          &k);
		CHECK(dc != NULL && k != NULL && d.errors == 0);
		CHECK(load_check_flag(k) != NULL);
		fflush(f);
		CHECK(msglen == 0); /* nothing said before the wait */
		CHECK(load_check_wait(k, &d) == -1);
		fflush(f);
		CHECK(d.errors >= 1 && msgs && strstr(msgs, "t.xml:2:10: error:"));
		doc_free(dc);
		const char *good = "<article " NS "><para>x</para></article>";
		size_t before = msglen;
		int errors = d.errors;
		dc = load_memory_checking("t.xml", ".", good, strlen(good), &d,
		                          &k);
		CHECK(dc != NULL && load_check_wait(k, &d) == 0);
		fflush(f);
		CHECK(d.errors == errors && msglen == before);
		doc_free(dc);
		CHECK(load_check_wait(NULL, &d) == 0);
		CHECK(load_check_flag(NULL) == NULL);
		fclose(f);
	}

	/* held messages: released in order with their counts, or dropped */
	{
		FILE *f = capture(&d);
		diag_warn(&d, "a.xml", 1, 0, "first");
		diag held;
		diag_hold(&held, &d);
		diag_error(&held, "a.xml", 2, 3, "second");
		diag_warn(&held, "a.xml", 4, 0, "third");
		fflush(f);
		CHECK(msgs && !strstr(msgs, "second") && d.errors == 0);
		diag_release(&held, &d, 1);
		fflush(f);
		CHECK(d.errors == 1 && d.warnings == 2);
		CHECK_STR(msgs, "a.xml:1: warning: first\n"
		                "a.xml:2:3: error: second\n"
		                "a.xml:4: warning: third\n");
		diag_hold(&held, &d);
		diag_error(&held, "a.xml", 5, 0, "void");
		diag_release(&held, &d, 0);
		fflush(f);
		CHECK(d.errors == 1 && d.warnings == 2 && !strstr(msgs, "void"));
		fclose(f);
	}

	/* more than 256 attributes on one element are refused before the
	 * parse, at the element's line; '=' in comments, CDATA, processing
	 * instructions and quoted values are no attributes */
	{
		sbuf t = {0};
		sbuf_adds(&t, "<?xml version=\"1.0\"?>\n<?pi a=1 b=2?><!-- ");
		for (int i = 0; i < 400; i++)
			sbuf_adds(&t, "x= ");
		sbuf_adds(&t, "-->\n<article " NS "><para role=\"");
		for (int i = 0; i < 400; i++)
			sbuf_adds(&t, "=");
		sbuf_adds(&t, "\"><![CDATA[");
		for (int i = 0; i < 400; i++)
			sbuf_adds(&t, "a=");
		sbuf_adds(&t, "]]></para>\n<para");
		for (int i = 0; i < 255; i++)
			sbuf_printf(&t, " xmlns:n%d=\"urn:%d\"", i, i);
		sbuf_adds(&t, ">x</para>\n");
		sbuf ok = {0};
		sbuf_printf(&ok, "%s</article>\n", t.s);
		dc = load(ok.s, &d);
		CHECK(dc != NULL);
		if (!dc)
			fputs(msgs ? msgs : "", stderr);
		doc_free(dc);
		sbuf_free(&ok);
		sbuf_adds(&t, "<para");
		for (int i = 0; i < 257; i++)
			sbuf_printf(&t, " xmlns:n%d=\"urn:%d\"", i, i);
		sbuf_adds(&t, ">y</para></article>\n");
		dc = load(t.s, &d);
		CHECK(dc == NULL && msgs &&
		      strstr(msgs, "t.xml:5: error: an element with more than "
		                   "256 attributes"));
		sbuf_free(&t);
	}

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
