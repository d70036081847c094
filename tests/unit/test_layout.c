/* Unit tests of layout (layout*.c) on small documents in the plain
 * style: pages, lines within the measure, footnotes on the page of their
 * reference, repeated table headers, contents page numbers. */
#define _GNU_SOURCE
#include "layout.h"
#include "load.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NS "xmlns=\"http://docbook.org/ns/docbook\""

static arena a;
static style *st;
static font_set fs;

static page_doc *lay_text(const char *xml, doc **out)
{
	diag d;
	diag_init(&d, stderr);
	doc *dc = load_memory("t.xml", ".", xml, strlen(xml), &d);
	*out = dc;
	if (!dc)
		return NULL;
	page_doc *pd = NULL;
	if (layout_document(&a, dc, st, &fs, &d, &pd))
		return NULL;
	return pd;
}

/* Whether page P shows text containing S (the page's text items joined:
 * kerning cuts words into several items). */
static int page_has(const page_doc *pd, size_t p, const char *s)
{
	sbuf b = {0};
	for (size_t i = 0; i < pd->pages[p].nitems; i++) {
		const page_item *it = &pd->pages[p].items[i];
		if (it->kind == ITEM_TEXT)
			sbuf_add(&b, it->s, it->len);
	}
	int found = b.s && strstr(b.s, s) != NULL;
	sbuf_free(&b);
	return found;
}

static void page_dump(const page_doc *pd, size_t p)
{
	for (size_t i = 0; i < pd->pages[p].nitems; i++) {
		const page_item *it = &pd->pages[p].items[i];
		if (it->kind == ITEM_TEXT)
			fprintf(stderr, "[%.*s]", (int)it->len, it->s);
	}
	fputc('\n', stderr);
}

static double right_edge(const page_doc *pd, size_t p)
{
	double r = 0;
	for (size_t i = 0; i < pd->pages[p].nitems; i++) {
		const page_item *it = &pd->pages[p].items[i];
		if (it->kind == ITEM_TEXT && it->x + it->w > r)
			r = it->x + it->w;
	}
	return r;
}

int main(void)
{
	arena_init(&a);
	diag d;
	diag_init(&d, stderr);
	st = style_load(&a, "plain", FOLIO_DATADIR, &d);
	if (!st || font_set_open(&fs, st, &d)) {
		CHECK(0);
		TEST_END();
	}
	double limit = st->page_width - st->margin_outer + 0.01;
	sbuf x = {0};
	doc *dc;

	/* a 200-character token never makes an overfull line */
	sbuf_adds(&x, "<article " NS "><para>Before ");
	for (int i = 0; i < 200; i++)
		sbuf_adds(&x, "x");
	sbuf_adds(&x, " after, and some more words to fill the line.</para>"
	              "</article>");
	page_doc *pd = lay_text(x.s, &dc);
	CHECK(pd != NULL);
	if (pd) {
		CHECK(pd->npages == 1);
		CHECK(right_edge(pd, 0) <= limit);
		CHECK(page_has(pd, 0, "after"));
		layout_free(pd);
	}
	doc_free(dc);

	/* no line starts with a dash or the second group of 10 000, and no
	 * line ends with a one-letter Bulgarian word */
	x.len = 0;
	sbuf_adds(&x, "<article " NS "><para>");
	for (int i = 0; i < 40; i++)
		sbuf_adds(&x, "Some 10 000 people – a crowd – crossed 25 km in "
		              "a day; ");
	sbuf_adds(&x, "</para><para xml:lang=\"bg\">");
	for (int i = 0; i < 40; i++)
		sbuf_adds(&x, "Хората вървяха с часове и в студа, а после у дома ");
	sbuf_adds(&x, "</para></article>");
	pd = lay_text(x.s, &dc);
	CHECK(pd != NULL);
	if (pd) {
		int bad = 0, lines = 0;
		for (size_t p = 0; p < pd->npages; p++) {
			const page *pg = &pd->pages[p];
			for (size_t i = 0; i < pg->nitems; i++) {
				const page_item *it = &pg->items[i];
				if (it->kind != ITEM_TEXT)
					continue;
				/* the first and last item of each baseline */
				const page_item *first = it, *lastit = it;
				for (size_t j = 0; j < pg->nitems; j++) {
					const page_item *o = &pg->items[j];
					if (o->kind == ITEM_TEXT && o->y == it->y) {
						if (o->x < first->x)
							first = o;
						if (o->x > lastit->x)
							lastit = o;
					}
				}
				if (first != it)
					continue;
				lines++;
				if ((first->len >= 3 && !memcmp(first->s, "000", 3)) ||
				    (first->len >= 3 && !memcmp(first->s, "–", 3)) ||
				    (first->len >= 2 && !memcmp(first->s, "km", 2)))
					bad++;
				if (lastit->len == 2 && (!memcmp(lastit->s, "с", 2) ||
				                         !memcmp(lastit->s, "и", 2) ||
				                         !memcmp(lastit->s, "в", 2) ||
				                         !memcmp(lastit->s, "а", 2) ||
				                         !memcmp(lastit->s, "у", 2)))
					bad++;
			}
		}
		CHECK(lines > 20);
		CHECK(bad == 0);
		layout_free(pd);
	}
	doc_free(dc);

	/* footnotes stand on the page of their reference, however long
	 * the text before them */
	x.len = 0;
	sbuf_adds(&x, "<article " NS ">");
	for (int i = 0; i < 60; i++) {
		sbuf_printf(&x, "<para>Paragraph P%dQ says what it has to say "
		            "in a sentence long enough to fill two lines of the "
		            "measure, more or less, and then it stops.", i);
		if (i % 7 == 3)
			sbuf_printf(&x, " R%dQ<footnote><para>Note N%dQ of the "
			            "paragraph.</para></footnote>", i, i);
		sbuf_adds(&x, "</para>");
	}
	sbuf_adds(&x, "</article>");
	pd = lay_text(x.s, &dc);
	CHECK(pd && pd->npages >= 3);
	if (pd) {
		int all = 1, seen = 0;
		for (int i = 3; i < 60; i += 7) {
			char note[64], para[64];
			snprintf(note, sizeof note, "N%dQ", i);
			snprintf(para, sizeof para, "R%dQ", i);
			for (size_t p = 0; p < pd->npages; p++)
				if (page_has(pd, p, note)) {
					seen++;
					/* the referencing paragraph is on that page */
					if (!page_has(pd, p, para))
						all = 0;
				}
		}
		CHECK(seen == 9);
		CHECK(all);
		layout_free(pd);
	}
	doc_free(dc);

	/* a long table repeats its header row on every page it spans */
	x.len = 0;
	sbuf_adds(&x, "<article " NS "><table><title>Long</title><tgroup "
	              "cols=\"2\"><thead><row><entry>HeadA</entry><entry>"
	              "HeadB</entry></row></thead><tbody>");
	for (int i = 0; i < 150; i++)
		sbuf_printf(&x, "<row><entry>r%d</entry><entry>value</entry>"
		            "</row>", i);
	sbuf_adds(&x, "</tbody></tgroup></table></article>");
	pd = lay_text(x.s, &dc);
	CHECK(pd && pd->npages >= 3);
	if (pd) {
		int all = 1;
		for (size_t p = 0; p < pd->npages; p++)
			if (!page_has(pd, p, "HeadA"))
				all = 0;
		CHECK(all);
		CHECK(page_has(pd, pd->npages - 1, "r149"));
		layout_free(pd);
	}
	doc_free(dc);

	/* a book: contents entries print the page where the chapter is */
	x.len = 0;
	sbuf_adds(&x, "<book " NS "><info><title>B</title></info>");
	for (int c = 1; c <= 3; c++) {
		sbuf_printf(&x, "<chapter xml:id=\"c%d\"><title>Chapter title "
		            "%d</title>", c, c);
		for (int i = 0; i < 25 * c; i++)
			sbuf_adds(&x, "<para>Some text that runs on for a while "
			              "so that chapters have different "
			              "lengths.</para>");
		sbuf_adds(&x, "<para>See <xref linkend=\"c1\"/>.</para>"
		              "</chapter>");
	}
	sbuf_adds(&x, "</book>");
	pd = lay_text(x.s, &dc);
	CHECK(pd != NULL);
	if (pd) {
		/* find chapter 3's page and its printed number */
		int found = 0;
		for (size_t p = 0; p < pd->npages; p++)
			if (page_has(pd, p, "Chapter 3")) {
				char num[16];
				snprintf(num, sizeof num, "%d", pd->pages[p].number);
				CHECK(!pd->pages[p].front);
				CHECK(p % 2 == 0); /* a right-hand page */
				found = 1;
				/* the contents (page index 1..) list that number */
				int listed = 0;
				for (size_t q = 0; q < p; q++)
					if (pd->pages[q].front && page_has(pd, q, num))
						listed = 1;
				CHECK(listed);
			}
		CHECK(found);
		CHECK(pd->noutline == 3);
		layout_free(pd);
	}
	doc_free(dc);

	/* a second pass repeats the first pass's lines of paragraphs that
	 * cannot change (the memo) and sets again those that can: list
	 * markers, footnote numbers and xref page numbers come out right
	 * (under ASan, a marker kept past its pass is a use after free) */
	x.len = 0;
	sbuf_adds(&x, "<book " NS "><info><title>B</title></info>"
	              "<chapter xml:id=\"c1\"><title>One</title>");
	for (int i = 0; i < 60; i++)
		sbuf_adds(&x, "<para>Filler text long enough to need a line or "
		              "two of its own on the page.</para>");
	sbuf_adds(&x, "<itemizedlist><listitem><para>Bullet item text"
	              "</para></listitem></itemizedlist>"
	              "<orderedlist><listitem><para>First</para></listitem>"
	              "<listitem><para>Second</para></listitem></orderedlist>"
	              "<para>Noted<footnote><para>The note text.</para>"
	              "</footnote> here.</para>"
	              "<para xml:id=\"far\">Target paragraph.</para>"
	              "</chapter><chapter><title>Two</title>"
	              "<para>Back to <xref linkend=\"far\"/> now.</para>"
	              "</chapter></book>");
	pd = lay_text(x.s, &dc);
	CHECK(pd != NULL);
	if (pd) {
		int bullet = 0, two = 0, note = 0, xref = 0;
		size_t far = 0;
		for (size_t p = 0; p < pd->npages; p++) {
			if (page_has(pd, p, "\xe2\x80\xa2" "Bullet") ||
			    page_has(pd, p, "\xe2\x80\xa2" " Bullet"))
				bullet = 1;
			if (page_has(pd, p, "2.Second") ||
			    page_has(pd, p, "2. Second"))
				two = 1;
			if (page_has(pd, p, "Thenotetext"))
				note = 1;
			if (page_has(pd, p, "Targetparagraph"))
				far = p;
		}
		char want[32];
		snprintf(want, sizeof want, "page\xc2\xa0%dnow",
		         pd->pages[far].number);
		for (size_t p = 0; p < pd->npages; p++)
			if (page_has(pd, p, "Backto")) {
				xref = page_has(pd, p, want);
				if (!xref)
					page_dump(pd, p);
			}
		CHECK(bullet);
		CHECK(two);
		CHECK(note);
		CHECK(xref);
		layout_free(pd);
	}
	doc_free(dc);

	/* a reference to a footnote that comes later shows its number (the
	 * first pass does not know it yet: such a paragraph is set again) */
	pd = lay_text("<book " NS "><info><title>F</title></info><chapter>"
	              "<title>One</title><para>Forward to the note"
	              "<footnoteref linkend=\"n1\"/> here.</para>"
	              "<para>The note<footnote xml:id=\"n1\"><para>Text of "
	              "it.</para></footnote> itself.</para></chapter></book>",
	              &dc);
	CHECK(pd != NULL);
	if (pd) {
		int fwd = 0;
		for (size_t p = 0; p < pd->npages; p++)
			fwd |= page_has(pd, p, "Forwardtothenote1here.");
		CHECK(fwd);
		layout_free(pd);
	}
	doc_free(dc);

	/* font expansion (2 %): lines' glyphs scaled within the limit, and
	 * the justified lines still end on the margin */
	st->expansion = 2;
	x.len = 0;
	sbuf_adds(&x, "<article " NS "><title>E</title>");
	for (int i = 0; i < 4; i++)
		sbuf_adds(&x, "<para>The recommendations below follow from the "
		              "analysis of the smuggling market, the institutional "
		              "gaps identified in the previous chapters and the "
		              "practices presented there. They are addressed in turn "
		              "to the authorities of each country and to both "
		              "together with their European partners.</para>");
	/* words that cannot break make loose lines: the glyphs stop at
	 * the limit and the spaces take the rest */
	sbuf_adds(&x, "<para>");
	for (int i = 0; i < 12; i++)
		sbuf_adds(&x, "<literal>abcdefghijklmnopqrstuvwxyzab</literal> ");
	sbuf_adds(&x, "</para></article>");
	pd = lay_text(x.s, &dc);
	CHECK(pd != NULL);
	if (pd) {
		int scaled = 0, over = 0, at_limit = 0, on_edge = 0;
		double edge = st->page_width - st->margin_outer;
		for (size_t p = 0; p < pd->npages; p++) {
			const page *pg = &pd->pages[p];
			for (size_t i = 0; i < pg->nitems; i++) {
				const page_item *it = &pg->items[i];
				if (it->kind != ITEM_TEXT || !it->len)
					continue;
				scaled += it->tz != 0;
				over += it->tz > 200 || it->tz < -200;
				at_limit += it->tz == 200;
				if (fabs(it->x + it->w - edge) < 1e-6)
					on_edge++;
			}
			CHECK(right_edge(pd, p) <= limit);
		}
		CHECK(scaled > 10);
		CHECK(over == 0);
		CHECK(at_limit > 0);
		CHECK(on_edge >= 8);
		layout_free(pd);
	}
	st->expansion = 0;
	doc_free(dc);

	/* told to stop (the schema check failed meanwhile): -1, no pages,
	 * nothing said; not told: the same document lays out */
	{
		const char *t = "<article " NS "><info><title>T</title><cover>"
		                "<mediaobject role=\"logo\"><imageobject>"
		                "<imagedata fileref=\"x.svg\"/></imageobject>"
		                "</mediaobject></cover></info><section><title>A"
		                "</title><para>Words.</para></section></article>";
		diag dg;
		diag_init(&dg, stderr);
		dc = load_memory("t.xml", ".", t, strlen(t), &dg);
		CHECK(dc != NULL);
		atomic_int stop = 1;
		layout_opts o = {.stop = &stop};
		pd = NULL;
		CHECK(dc && layout_document_opts(&a, dc, st, &fs, &dg, &o, &pd)
		            == -1);
		CHECK(pd == NULL && dg.errors == 0 && dg.warnings == 0);
		atomic_store(&stop, 0);
		CHECK(dc && layout_document_opts(&a, dc, st, &fs, &dg, &o, &pd)
		            == 0);
		CHECK(pd && pd->npages >= 1 && page_has(pd, 0, "Words."));
		if (pd)
			layout_free(pd);
		doc_free(dc);
	}
	/* references far ahead: the first pass, which has no pages yet,
	 * guesses their numbers from the source; a guess of the right digits
	 * gives the second pass the first's pages, which ends the passes
	 * ("00" for all made 3-digit numbers move lines and needed three) */
	{
		static const char *const lorem =
			"Cross-border organised crime moves people, drugs and "
			"money between jurisdictions faster than the agencies "
			"that pursue it can share what they know, and the "
			"partners set out to change that with joint training, "
			"common procedures and a shared picture of the threat. ";
		sbuf t = {0};
		sbuf_adds(&t, "<article " NS "><title>Far</title><section>"
		              "<title>S0</title><para>See");
		for (int i = 100; i < 160; i++)
			sbuf_printf(&t, " <xref linkend=\"s%d\"/>,", i);
		sbuf_adds(&t, " and more.</para></section>\n");
		for (int i = 1; i < 160; i++) {
			sbuf_printf(&t, "<section xml:id=\"s%d\"><title>S%d"
			            "</title>", i, i);
			for (int p = 0; p < 3; p++) {
				sbuf_adds(&t, "<para>");
				for (int k = 0; k < 2 + (i + p) % 3; k++)
					sbuf_adds(&t, lorem);
				sbuf_adds(&t, "</para>\n");
			}
			sbuf_adds(&t, "</section>\n");
		}
		sbuf_adds(&t, "</article>\n");
		pd = lay_text(t.s, &dc);
		CHECK(pd != NULL);
		if (pd) {
			CHECK(pd->npages > 100 && pd->npages < 1000);
			CHECK(pd->passes == 2);
			fprintf(stderr, "  far references: %zu pages, %d passes\n",
			        pd->npages, pd->passes);
			layout_free(pd);
		}
		doc_free(dc);
		sbuf_free(&t);
	}
	sbuf_free(&x);
	font_set_free(&fs);
	arena_free(&a);
	TEST_END();
}
