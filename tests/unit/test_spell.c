/* Unit tests of the spelling check (spell.c) and of source positions of
 * text (doc_text_pos in doc.c, fed by load.c): exact line and column of
 * words after references, comments, CDATA and line breaks; findings in
 * English and Bulgarian; what is never checked; mixed scripts; the
 * project word lists; the hunspell call counts; the reports. */
#include "load.h"
#include "spell.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NS "xmlns=\"http://docbook.org/ns/docbook\""
#define XL "xmlns:xlink=\"http://www.w3.org/1999/xlink\""

static char *msgs;
static size_t msglen;

static doc *load(const char *name, const char *text, diag *d)
{
	free(msgs);
	msgs = NULL;
	FILE *f = open_memstream(&msgs, &msglen);
	diag_init(d, f);
	doc *dc = load_memory(name, ".", text, strlen(text), d);
	fclose(f);
	return dc;
}

/* The first text node of D holding S. */
static const doc_node *text_with(const doc *d, const char *s)
{
	for (unsigned i = 0; i < d->nnodes; i++)
		if (d->by_idx[i]->kind == DOC_TEXT &&
		    strstr(d->by_idx[i]->text, s))
			return d->by_idx[i];
	return NULL;
}

/* Line and column of the first occurrence of WORD in text node T. */
static int pos_of(const doc *d, const doc_node *t, const char *word,
                  long *line, long *col)
{
	*line = *col = -1;
	if (!t)
		return -1;
	const char *s = strstr(t->text, word);
	if (!s)
		return -1;
	return doc_text_pos(d, t, (size_t)(s - t->text), line, col);
}

static void test_positions(void)
{
	diag d;
	/* entities, character references, a comment across lines, CDATA,
	 * \r\n, a Cyrillic line */
	doc *dc = load("t.xml",
		"<article " NS ">\n"
		"<para>Smith &amp; Jones &#x44;ata &#1078;x\n"
		"  two<!-- a\r\nb -->three <![CDATA[<four>]]> five\r\n"
		"шест седем</para></article>\n", &d);
	CHECK(dc != NULL);
	if (!dc)
		return;
	const doc_node *t = text_with(dc, "Smith");
	CHECK(t && t->line == 2);
	CHECK(t && doc_col(dc, t) == 7);
	CHECK_STR(t ? t->text : NULL, "Smith & Jones Data жx\n  twothree "
	          "<four> five\nшест седем");
	long line, col;
	CHECK(pos_of(dc, t, "Smith", &line, &col) == 0 && line == 2 &&
	      col == 7);
	/* "Jones" after &amp;: 4 columns further than in the text */
	CHECK(pos_of(dc, t, "Jones", &line, &col) == 0 && line == 2 &&
	      col == 19);
	CHECK(pos_of(dc, t, "Data", &line, &col) == 0 && line == 2 &&
	      col == 25);
	CHECK(pos_of(dc, t, "ata", &line, &col) == 0 && line == 2 &&
	      col == 31);
	CHECK(pos_of(dc, t, "жx", &line, &col) == 0 && line == 2 &&
	      col == 35);
	CHECK(pos_of(dc, t, "x\n", &line, &col) == 0 && line == 2 &&
	      col == 42);
	CHECK(pos_of(dc, t, "two", &line, &col) == 0 && line == 3 &&
	      col == 3);
	/* after a comment that spans a \r\n */
	CHECK(pos_of(dc, t, "three", &line, &col) == 0 && line == 4 &&
	      col == 6);
	CHECK(pos_of(dc, t, "<four>", &line, &col) == 0 && line == 4 &&
	      col == 21);
	CHECK(pos_of(dc, t, "five", &line, &col) == 0 && line == 4 &&
	      col == 31);
	/* columns count characters, not bytes */
	CHECK(pos_of(dc, t, "седем", &line, &col) == 0 && line == 5 &&
	      col == 6);
	/* the end of the text, and out of range */
	CHECK(t && doc_text_pos(dc, t, t->textlen, &line, &col) == 0 &&
	      line == 5 && col == 11);
	CHECK(t && doc_text_pos(dc, t, t->textlen + 1, &line, &col) == -1);
	/* with a cursor, in order: the same places */
	doc_pos_cursor cur;
	memset(&cur, 0, sizeof cur);
	int same = 1;
	for (size_t b = 0; t && b <= t->textlen; b++) {
		long l1, c1, l2, c2;
		int r1 = doc_text_pos(dc, t, b, &l1, &c1);
		int r2 = doc_text_pos_at(dc, &cur, t, b, &l2, &c2);
		same &= r1 == r2 && l1 == l2 && c1 == c2;
	}
	CHECK(same);
	/* and backwards from it */
	CHECK(pos_of(dc, t, "Jones", &line, &col) == 0 && line == 2 &&
	      col == 19);
	const char *jo = t ? strstr(t->text, "Jones") : NULL;
	CHECK(jo && doc_text_pos_at(dc, &cur, t, (size_t)(jo - t->text),
	                            &line, &col) == 0 && line == 2 && col == 19);
	/* inside a character: refused, the node's line kept */
	const char *zh = t ? strstr(t->text, "жx") : NULL;
	CHECK(zh && doc_text_pos(dc, t, (size_t)(zh - t->text) + 1, &line,
	                         &col) == -1 && line == 2 && col == 0);
	doc_free(dc);

	/* text that starts with a reference, with CDATA, after an empty
	 * element and after a comment; a byte order mark is no column */
	dc = load("t.xml",
		"\xEF\xBB\xBF<article " NS "><para>&lt;a&gt;</para>"
		"<para><![CDATA[b]]>c</para>\n"
		"<para>d<emphasis/>e<!-- x -->f</para>\n"
		"<para>\n  &#233;g</para></article>", &d);
	CHECK(dc != NULL);
	if (!dc)
		return;
	CHECK(pos_of(dc, text_with(dc, "<a>"), "<a>", &line, &col) == 0 &&
	      line == 1 && col == 54);
	CHECK(pos_of(dc, text_with(dc, "<a>"), "a>", &line, &col) == 0 &&
	      line == 1 && col == 58);
	CHECK(pos_of(dc, text_with(dc, "bc"), "b", &line, &col) == 0 &&
	      line == 1 && col == 85);
	CHECK(pos_of(dc, text_with(dc, "bc"), "c", &line, &col) == 0 &&
	      line == 1 && col == 89);
	CHECK(pos_of(dc, text_with(dc, "d"), "d", &line, &col) == 0 &&
	      line == 2 && col == 7);
	CHECK(pos_of(dc, text_with(dc, "ef"), "e", &line, &col) == 0 &&
	      line == 2 && col == 19);
	CHECK(pos_of(dc, text_with(dc, "ef"), "f", &line, &col) == 0 &&
	      line == 2 && col == 30);
	const doc_node *g = text_with(dc, "g");
	CHECK(g && g->line == 3);
	CHECK(pos_of(dc, g, "\xC3\xA9g", &line, &col) == 0 && line == 4 &&
	      col == 3);
	CHECK(pos_of(dc, g, "g", &line, &col) == 0 && line == 4 && col == 9);
	doc_free(dc);
}

/* A folder with the project word lists. */
static char words_dir[64];

static void make_word_lists(void)
{
	strcpy(words_dir, "/tmp/folio-spell-XXXXXX");
	if (!mkdtemp(words_dir)) {
		words_dir[0] = 0;
		return;
	}
	char path[128];
	snprintf(path, sizeof path, "%s/en.dic", words_dir);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("# project words\nZorbitex\n  Kwazulex   # a name\n"
		      "two words\n\ngadgetron/gadget\n", f);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/bg.dic", words_dir);
	f = fopen(path, "w");
	if (f) {
		fputs("# Bulgarian\nмигрант/емигрант\nЩъркелово\nг.\n", f);
		fclose(f);
	}
}

static void remove_word_lists(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/en.dic", words_dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/bg.dic", words_dir);
	unlink(path);
	rmdir(words_dir);
}

/* The finding of WORD in R, or NULL. */
static const spell_finding *finding(const spell_result *r, const char *word)
{
	for (size_t i = 0; r && i < r->nfindings; i++)
		if (strcmp(r->findings[i].word, word) == 0)
			return &r->findings[i];
	return NULL;
}

static int has_sugg(const spell_finding *f, const char *s)
{
	for (int i = 0; f && i < f->nsugg; i++)
		if (strcmp(f->sugg[i], s) == 0)
			return 1;
	return 0;
}

static spell_result *check(spell_checker *sc, const char *text, doc **dcp)
{
	diag d;
	*dcp = load("t.xml", text, &d);
	if (!*dcp)
		return NULL;
	spell_result *r = NULL;
	free(msgs);
	msgs = NULL;
	FILE *f = open_memstream(&msgs, &msglen);
	diag_init(&d, f);
	int rc = spell_check(sc, *dcp, &d, &r);
	fclose(f);
	return rc == 0 ? r : NULL;
}

static void test_findings(void)
{
	spell_opts o;
	spell_opts_init(&o);
	o.words_dir = words_dir;
	spell_checker *sc = spell_open(&o);
	doc *dc;
	spell_result *r = check(sc,
		"<article " NS " " XL " xml:lang=\"en-GB\">\n"
		"<title>A tset</title>\n"
		"<para>Smith &amp; Jnoes recieve the un<emphasis>likly</emphasis>"
		" parcel.</para>\n"
		"<para>See https://exmaple.org/pth?q=zzq, www.exmple.com, "
		"mail nobdy@exmple.org, csd.bg or <link xlink:href=\"https://"
		"qqxq.org\">qqxq.org</link>, <uri>http://zzq.example</uri>, "
		"<email>zzq@zzq.org</email>, <literal>fooo_bar</literal>, "
		"<code>xyzzy</code>, <filename>/etc/qqq</filename>, <command>"
		"lsblkq</command>, <varname>qvar</varname>"
		"<indexterm><primary>zzqterm</primary></indexterm>"
		"<remark>remrk</remark>.</para>\n"
		"<para>NATO, QWXZ, QWXZQW, NGOs, CSD’s and BG13, 2015–2016, "
		"12abc, Zorbitex, Kwazulex, gadgetrons, look-alike, "
		"cross-border, cross-bordre.</para>\n"
		"<para>Bulgarian <foreignphrase xml:lang=\"bg\">Министерсвто на "
		"вътрешните работи</foreignphrase>, грешкка and вoдa, "
		"мигрантите.</para>\n"
		"<para xml:lang=\"bg\">Тест с думмa, Englsh и Sofia, "
		"Щъркелово, ЕС, т.е. 2017 г.</para>\n"
		"<para xml:lang=\"en-US\">color colour recieve</para>\n"
		"<para xml:lang=\"nb\">Politiets utlendingsenhet</para>\n"
		"<para>recieve recieve Recieve <quote>good</quote>wrld</para>\n"
		"</article>\n", &dc);
	CHECK(r != NULL);
	if (!r) {
		spell_close(sc);
		doc_free(dc);
		return;
	}
	for (size_t i = 0; i < r->nfindings; i++)
		printf("  finding %ld:%ld %s %s\n", r->findings[i].line,
		       r->findings[i].col, r->findings[i].lang,
		       r->findings[i].word);

	/* typos at their exact place, with suggestions */
	const spell_finding *f = finding(r, "tset");
	CHECK(f && f->line == 2 && f->col == 10 && strcmp(f->lang, "en-GB") == 0);
	CHECK(has_sugg(f, "test"));
	f = finding(r, "Jnoes");
	CHECK(f && f->line == 3 && f->col == 19);
	CHECK(f && f->kind == SPELL_UNKNOWN && has_sugg(f, "Jones"));
	CHECK(f && f->node && f->node->kind == DOC_TEXT && f->len == 5 &&
	      memcmp(f->node->text + f->byte, "Jnoes", 5) == 0);
	CHECK(f && f->node_idx == f->node->idx);
	f = finding(r, "recieve");
	CHECK(f && f->line == 3 && f->col == 25);
	CHECK_STR(f ? f->suggest : NULL, "receive, relieve, reverie");
	/* a word across inline markup is one word, placed at its start */
	f = finding(r, "unlikly");
	CHECK(f && f->line == 3 && f->col == 37 && f->len == 2);

	/* URLs, e-mail addresses, code-like elements, indexterm, remark */
	const char *never[] = {"exmaple", "pth", "zzq", "exmple", "nobdy",
		"qqxq", "fooo_bar", "fooo", "xyzzy", "qqq", "lsblkq", "qvar",
		"zzqterm", "remrk", "csd"};
	int clean = 1;
	for (size_t i = 0; i < sizeof never / sizeof *never; i++)
		if (finding(r, never[i])) {
			printf("  reported: %s\n", never[i]);
			clean = 0;
		}
	CHECK(clean);
	/* acronyms (plural, possessive), numbers, the word list */
	const char *pass[] = {"NATO", "QWXZ", "QWXZQW", "NGOs", "CSD’s",
		"BG13", "12abc", "Zorbitex", "Kwazulex", "gadgetrons", "look",
		"alike", "cross", "border", "мигрантите", "Щъркелово", "ЕС", "г",
		"Sofia", "color", "Politiets", "utlendingsenhet"};
	clean = 1;
	for (size_t i = 0; i < sizeof pass / sizeof *pass; i++)
		if (finding(r, pass[i])) {
			printf("  reported: %s\n", pass[i]);
			clean = 0;
		}
	CHECK(clean);
	/* a compound the dictionary lacks: its parts one by one */
	f = finding(r, "bordre");
	CHECK(f && f->line == 5);
	/* an abbreviation passes with its full stop only when listed */
	f = finding(r, "т");
	CHECK(f && f->line == 7 && strcmp(f->lang, "bg") == 0);
	CHECK(finding(r, "Zorbitexx") == NULL);
	/* a Bulgarian phrase in English text is checked in Bulgarian */
	f = finding(r, "Министерсвто");
	CHECK(f && f->line == 6 && f->col == 46 && strcmp(f->lang, "bg") == 0);
	CHECK(has_sugg(f, "Министерство"));
	f = finding(r, "грешкка");
	CHECK(f && strcmp(f->lang, "bg") == 0 && has_sugg(f, "грешка"));
	/* a mixed-script word: the fixed word as suggestion */
	f = finding(r, "вoдa");
	CHECK(f && f->kind == SPELL_MIXED_SCRIPT && f->line == 6 &&
	      f->col == 109);
	CHECK(f && strcmp(f->lang, "bg") == 0);
	CHECK_STR(f ? f->suggest : NULL, "вода");
	f = finding(r, "думмa");
	CHECK(f && f->kind == SPELL_MIXED_SCRIPT);
	CHECK_STR(f ? f->suggest : NULL, "думма");
	/* an English word in Bulgarian text is checked in English */
	f = finding(r, "Englsh");
	CHECK(f && f->line == 7 && strcmp(f->lang, "en-GB") == 0);
	/* en-US: color passes, colour does not */
	CHECK(finding(r, "color") == NULL);
	f = finding(r, "colour");
	CHECK(f && f->line == 8 && strcmp(f->lang, "en-US") == 0);
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		n += strcmp(r->findings[i].word, "recieve") == 0;
	CHECK(n == 4);
	/* a language without a dictionary: warned once, not checked */
	CHECK(msgs && strstr(msgs, "t.xml:9:1: warning: no spelling "
	                     "dictionary for xml:lang 'nb'") != NULL);
	CHECK(msgs && strstr(msgs, "two words") != NULL);
	/* the summary: by count, then first place; languages joined */
	CHECK(r->nwords >= 1 && strcmp(r->words[0].word, "recieve") == 0 &&
	      r->words[0].count == 4);
	CHECK_STR(r->nwords ? r->words[0].langs : NULL, "en-GB, en-US");
	CHECK(r->nwords >= 1 &&
	      r->findings[r->words[0].first].line == 3);
	/* quotation marks set a word apart */
	CHECK(finding(r, "wrld") != NULL && finding(r, "goodwrld") == NULL);
	/* Recieve is its own word, with its own suggestions */
	CHECK(finding(r, "Recieve") != NULL);

	/* hunspell: each distinct word once; suggest once per misspelt */
	size_t spells, suggests, distinct;
	spell_stats(sc, &spells, &suggests, &distinct);
	printf("  spell %zu, suggest %zu, distinct %zu, words %zu\n", spells,
	       suggests, distinct, r->nchecked);
	CHECK(distinct < r->nchecked);
	/* one per distinct (dictionary, word): recieve in en-GB and in
	 * en-US; the two mixed-script words need none */
	CHECK(suggests == r->nwords - 2 + 1);
	CHECK(spells == distinct);

	/* the text report */
	char *out = NULL;
	size_t outlen = 0;
	FILE *mf = open_memstream(&out, &outlen);
	CHECK(spell_write_text(r, mf) == 0);
	fclose(mf);
	CHECK(out && strstr(out, "t.xml:3:25: en-GB: recieve -> receive, "
	                    "relieve, reverie\n") != NULL);
	CHECK(out && strstr(out, "t.xml:6:109") && strstr(out,
	      ": bg: mixed-script: вoдa -> вода\n") != NULL);
	CHECK(out && strstr(out, "\n-- ") != NULL);
	CHECK(out && strstr(out, "     4  recieve  en-GB, en-US  first at "
	                    "t.xml:3:25\n") != NULL);
	free(out);
	spell_result_free(r);
	doc_free(dc);

	/* the same checker again: the cache answers, suggest is not called */
	r = check(sc, "<article " NS "><para>Jnoes and\nrecieve.</para>"
	          "</article>", &dc);
	size_t suggests2;
	spell_stats(sc, &spells, &suggests2, &distinct);
	CHECK(r && r->nfindings == 2 && suggests2 == suggests);
	f = r ? finding(r, "recieve") : NULL;
	CHECK(f && f->line == 2 && f->col == 1);
	spell_result_free(r);
	doc_free(dc);
	spell_close(sc);

	/* options: acronyms and words with digits checked */
	spell_opts_init(&o);
	o.words_dir = words_dir;
	o.skip_acronyms = 0;
	o.skip_digits = 0;
	sc = spell_open(&o);
	r = check(sc, "<article " NS "><para>QWXZ and xq3zz</para>"
	          "</article>", &dc);
	CHECK(r && finding(r, "QWXZ") && finding(r, "xq3zz"));
	spell_result_free(r);
	doc_free(dc);
	spell_close(sc);
}

static void test_reports(void)
{
	spell_opts o;
	spell_opts_init(&o);
	o.words_dir = words_dir;
	spell_checker *sc = spell_open(&o);
	diag d;
	const char *text = "<article " NS "><para>A \"qoute\" \\ and "
	                   "вoдa</para></article>";
	doc *dc = load("we\"ird\\name\t.xml", text, &d);
	diag_init(&d, NULL);
	spell_result *r = NULL;
	CHECK(dc && spell_check(sc, dc, &d, &r) == 0 && r);
	char *out = NULL;
	size_t outlen = 0;
	FILE *mf = open_memstream(&out, &outlen);
	CHECK(r && spell_write_json(r, mf) == 0);
	fclose(mf);
	printf("%s", out ? out : "");
	CHECK(out && strstr(out, "\"file\": \"we\\\"ird\\\\name\\t.xml\"") !=
	              NULL);
	CHECK(out && strstr(out, "\"kind\": \"mixed-script\", \"word\": "
	                    "\"вoдa\", \"suggestions\": [\"вода\"]") != NULL);
	CHECK(out && strstr(out, "\"summary\": [") != NULL);
	free(out);
	spell_result_free(r);
	doc_free(dc);

	/* no findings */
	dc = load("t.xml", "<article " NS "><para>All well.</para></article>",
	          &d);
	diag_init(&d, NULL);
	r = NULL;
	CHECK(dc && spell_check(sc, dc, &d, &r) == 0 && r &&
	      r->nfindings == 0 && r->nwords == 0 && r->nchecked == 2);
	out = NULL;
	mf = open_memstream(&out, &outlen);
	CHECK(r && spell_write_json(r, mf) == 0);
	fclose(mf);
	CHECK(out && strstr(out, "\"findings\": [],\n  \"summary\": []") !=
	              NULL);
	free(out);
	spell_result_free(r);

	/* a word of 5,000 letters: found, without suggestions, quickly */
	char *big = malloc(6000);
	strcpy(big, "<article " NS "><para>");
	size_t bl = strlen(big);
	for (int i = 0; i < 5000; i++)
		big[bl++] = (char)('a' + i % 26);
	strcpy(big + bl, "</para></article>");
	doc_free(dc);
	dc = load("t.xml", big, &d);
	diag_init(&d, NULL);
	free(big);
	r = NULL;
	CHECK(dc && spell_check(sc, dc, &d, &r) == 0 && r &&
	      r->nfindings == 1 && r->findings[0].nsugg == 0);
	spell_result_free(r);
	spell_close(sc);

	/* the suggestion budget: then words come without suggestions */
	o.max_suggest_words = 1;
	sc = spell_open(&o);
	free(msgs);
	msgs = NULL;
	FILE *mw = open_memstream(&msgs, &msglen);
	diag_init(&d, mw);
	const char *two = "<article " NS "><para>recieve Jnoes recieve"
	                  "</para></article>";
	doc *d2 = load_memory("t.xml", ".", two, strlen(two), &d);
	r = NULL;
	CHECK(d2 && spell_check(sc, d2, &d, &r) == 0 && r &&
	      r->nfindings == 3 && r->findings[0].nsugg > 0 &&
	      r->findings[1].nsugg == 0 && r->findings[2].nsugg > 0);
	fclose(mw);
	CHECK(msgs && strstr(msgs, "t.xml: warning: more than 1 distinct "
	                     "misspelt words") != NULL);
	spell_result_free(r);
	doc_free(d2);
	spell_close(sc);
	o.max_suggest_words = 300;

	/* a missing dictionary is an error, not a crash */
	o.dict_dir = "/nonexistent";
	sc = spell_open(&o);
	free(msgs);
	msgs = NULL;
	FILE *f = open_memstream(&msgs, &msglen);
	diag_init(&d, f);
	r = NULL;
	CHECK(dc && spell_check(sc, dc, &d, &r) == -1 && r == NULL &&
	      d.errors == 1);
	fclose(f);
	CHECK(msgs && strstr(msgs, "hunspell-en-gb") != NULL);
	spell_close(sc);
	doc_free(dc);
}

int main(void)
{
	test_positions();
	make_word_lists();
	CHECK(words_dir[0] != 0);
	test_findings();
	test_reports();
	remove_word_lists();
	free(msgs);
	TEST_END();
}
