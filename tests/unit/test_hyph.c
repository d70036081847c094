/* Unit tests of hyphenation (hyph.c) on known English and Bulgarian
 * words, with the minimum lengths and the words left whole. */
#include "hyph.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static hyph_set *h;

/* The word with "-" at each point, e.g. "or-gan-isa-tion". */
/* Copies FROM to TO; 0 on success. */
static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;
	int rc = in && out ? 0 : -1;
	while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
		rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
	if (in)
		fclose(in);
	if (out && fclose(out))
		rc = -1;
	return rc;
}

static const char *show(const char *lang, const char *w, int left,
                        int right)
{
	static char out[512];
	unsigned char brk[256];
	size_t n = strlen(w), k = 0;
	hyph_points(h, lang, w, n, left, right, brk);
	for (size_t i = 0; i < n; i++) {
		out[k++] = w[i];
		if (brk[i])
			out[k++] = '-';
	}
	out[k] = 0;
	return out;
}

int main(void)
{
	h = hyph_new(NULL);
	CHECK_STR(show("en-GB", "organisation", 2, 3), "or-gan-isa-tion");
	CHECK_STR(show("en", "enforcement", 2, 3), "en-force-ment");
	CHECK_STR(show("en-GB", "recommendations", 2, 3), "re-com-mend-a-tions");
	CHECK_STR(show("bg", "престъпност", 2, 3), "прес-тъп-ност");
	CHECK_STR(show("bg", "сътрудничество", 2, 3), "сът-руд-ни-чес-тво");
	/* capitals are left whole, so are words with digits */
	CHECK_STR(show("en-GB", "SCHENGEN", 2, 3), "SCHENGEN");
	CHECK_STR(show("en-GB", "BG13", 2, 3), "BG13");
	/* a capitalised word and punctuation around it */
	CHECK_STR(show("en-GB", "(Organisation),", 2, 3), "(Or-gan-isa-tion),");
	/* the minimums are characters, not bytes */
	CHECK_STR(show("bg", "престъпност", 4, 4), "прес-тъп-ност");
	CHECK_STR(show("bg", "престъпност", 5, 5), "престъпност");
	CHECK_STR(show("en-GB", "organisation", 3, 5), "organ-isation");
	/* no patterns for other languages */
	CHECK_STR(show("nb", "politihøgskolen", 2, 3), "politihøgskolen");
	unsigned char brk[8];
	CHECK(hyph_points(h, "en", "a", 1, 2, 3, brk) == 0);
	hyph_free(h);

	/* patterns loaded ahead on the set's thread give the same points;
	 * a language prefetched and never asked for is freed cleanly, and
	 * so is a thread never given the minimums */
	h = hyph_new(NULL);
	const char *langs[] = {"bg", "en-GB", "en-US", "nb"};
	hyph_prefetch(h, langs, 4, NULL, 0);
	hyph_prefetch(h, langs, 2, NULL, 0); /* again: nothing more */
	CHECK_STR(show("bg", "сътрудничество", 2, 3), "сът-руд-ни-чес-тво");
	CHECK_STR(show("en-GB", "organisation", 2, 3), "or-gan-isa-tion");
	hyph_free(h);
	h = hyph_new(NULL);
	hyph_prefetch(h, langs, 4, NULL, 0);
	hyph_free(h);
	h = hyph_new(NULL);
	char *frag = malloc(32);
	snprintf(frag, 32, "<p>organisation</p>");
	hyph_prefetch(h, langs, 2, frag, strlen(frag));
	hyph_settle(h); /* never given minimums: stops */
	CHECK(hyph_ahead_hits(h) == 0);
	CHECK_STR(show("en-GB", "organisation", 2, 3), "or-gan-isa-tion");
	CHECK(hyph_ahead_hits(h) == 0);
	hyph_free(h);

	/* words hyphenated ahead from a document's source on a thread give
	 * the same points, punctuation and all; words of markup, comments
	 * and other minimums are not served from there */
	{
		static const char doc[] =
			"<?xml version=\"1.0\"?><!-- organisation -->\n"
			"<article><para>The (organisation), enforcement-"
			"recommendations</para><para xml:lang=\"bg\">"
			"престъпност и сътрудничество</para><![CDATA[x]]>"
			"<para>cooperation</para></article>";
		static const char *const words[][2] = {
			{"en-GB", "(organisation),"}, {"en-GB", "enforcement"},
			{"en-GB", "recommendations"}, {"bg", "престъпност"},
			{"bg", "сътрудничество"}, {"en-GB", "cooperation"},
			{"en-GB", "article"}};
		static const char *const doc_langs[] = {"en", "bg"};
		hyph_set *plain = hyph_new(NULL);
		h = hyph_new(NULL);
		char *src = malloc(sizeof doc);
		memcpy(src, doc, sizeof doc);
		hyph_prefetch(h, doc_langs, 2, src, sizeof doc - 1);
		hyph_prewarm(h, 2, 3);
		/* a word asked for while the thread goes on (not in the
		 * source) waits for the thread's patterns */
		unsigned char early[64], late[64];
		int ne = hyph_points(h, "en-GB", "organisations", 13, 2, 3,
		                     early);
		CHECK(ne > 0 && hyph_points(plain, "en-GB", "organisations", 13,
		                            2, 3, late) == ne &&
		      memcmp(early, late, 13) == 0);
		hyph_settle(h); /* the thread is done */
		int same = 1;
		for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
			const char *w = words[i][1];
			size_t len = strlen(w);
			unsigned char a[64], b[64];
			int na = hyph_points(h, words[i][0], w, len, 2, 3, a);
			int nb = hyph_points(plain, words[i][0], w, len, 2, 3, b);
			same &= na == nb && memcmp(a, b, len) == 0;
		}
		CHECK(same);
		/* six words of the text came from the thread; "article" is
		 * markup: computed here */
		CHECK(hyph_ahead_hits(h) == 6);
		unsigned char pts[64];
		hyph_points(h, "en-GB", "cooperation", 11, 3, 3, pts);
		CHECK(hyph_ahead_hits(h) == 6); /* other minimums */
		CHECK_STR(show("en-GB", "organisation", 2, 3), "or-gan-isa-tion");
		hyph_free(h);
		hyph_free(plain);
	}

	/* the compiled dictionaries (hyph-data.c) hyphenate every word of
	 * the report as libhyphen's loader does from the files: copies of
	 * the files (newer, so not the compiled ones') are loaded instead */
	h = hyph_new(NULL);
	CHECK(hyph_compiled(h, "en-GB") && hyph_compiled(h, "en-US") &&
	      hyph_compiled(h, "bg"));
	char dir[] = "/tmp/folio-hyph-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	static const char *const names[] = {HYPH_FILES};
	char from[512], to[512];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(from, sizeof from, "/usr/share/hyphen/%s", names[i]);
		snprintf(to, sizeof to, "%s/%s", dir, names[i]);
		CHECK(copy_file(from, to) == 0);
	}
	hyph_set *files = hyph_new(dir);
	CHECK(!hyph_compiled(files, "en-GB") && !hyph_compiled(files, "bg"));
	FILE *f = fopen("report/report.xml", "rb");
	CHECK(f != NULL);
	static char text[1 << 20];
	size_t len = f ? fread(text, 1, sizeof text - 1, f) : 0;
	if (f)
		fclose(f);
	static const char *const tongues[] = {"en-GB", "en-US", "bg"};
	long words = 0, points = 0, differ = 0;
	for (size_t i = 0; i < len;) {
		/* a word: ASCII letters, apostrophes or any non-ASCII bytes */
		size_t j = i;
		while (j < len && ((unsigned)((text[j] | 32) - 'a') < 26 ||
		                   (unsigned char)text[j] >= 0x80 ||
		                   (text[j] == '\'' && j > i)))
			j++;
		if (j == i) {
			i++;
			continue;
		}
		for (int t = 0; t < 3; t++) {
			unsigned char a[256], b[256];
			if (j - i > sizeof a)
				break;
			int na = hyph_points(h, tongues[t], text + i, j - i, 2, 3, a);
			int nb = hyph_points(files, tongues[t], text + i, j - i, 2, 3,
			                     b);
			if (na != nb || memcmp(a, b, j - i) != 0)
				differ++;
			points += na;
		}
		words++;
		i = j;
	}
	CHECK(words > 15000 && points > 10000 && differ == 0);
	fprintf(stderr, "  compiled and loaded: %ld words, %ld points, %ld "
	        "differ\n", words, points, differ);
	hyph_free(files);

	/* hyph.c's run of the patterns against libhyphen's own, on every
	 * word of hunspell's lists (and capitalised), with four minimums */
	static const char *const lists[][2] = {
		{"en-GB", "/usr/share/hunspell/en_GB.dic"},
		{"en-US", "/usr/share/hunspell/en_US.dic"},
		{"bg", "/usr/share/hunspell/bg_BG.dic"},
	};
	static const int mins[][2] = {{2, 3}, {2, 2}, {1, 1}, {4, 3}};
	long tried = 0, broken = 0, unlike = 0;
	for (size_t l = 0; l < sizeof lists / sizeof *lists; l++) {
		FILE *wl = fopen(lists[l][1], "r");
		if (!wl)
			continue;
		hyph_set *ours = hyph_new(NULL), *theirs = hyph_new(NULL);
		char line[512];
		while (fgets(line, sizeof line, wl)) {
			size_t n = strcspn(line, "/\t\r\n");
			if (n == 0 || n > 100)
				continue;
			for (int cap = 0; cap < 2; cap++) {
				if (cap && (unsigned)(line[0] - 'a') < 26)
					line[0] = (char)(line[0] - 32);
				else if (cap)
					break;
				for (size_t m = 0; m < sizeof mins / sizeof *mins;
				     m++) {
					unsigned char a[128], b[128];
					hyph_libhyphen_only = 0;
					int na = hyph_points(ours, lists[l][0], line,
					                     n, mins[m][0],
					                     mins[m][1], a);
					hyph_libhyphen_only = 1;
					int nb = hyph_points(theirs, lists[l][0],
					                     line, n, mins[m][0],
					                     mins[m][1], b);
					hyph_libhyphen_only = 0;
					tried++;
					broken += na > 0;
					if (na != nb || memcmp(a, b, n) != 0)
						unlike++;
				}
			}
		}
		fclose(wl);
		hyph_free(ours);
		hyph_free(theirs);
	}
	CHECK(tried > 500000 && broken > 200000 && unlike == 0);
	fprintf(stderr, "  patterns run here and by libhyphen: %ld words, "
	        "%ld hyphenated, %ld differ\n", tried, broken, unlike);
	hyph_free(h);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(to, sizeof to, "%s/%s", dir, names[i]);
		unlink(to);
	}
	rmdir(dir);
	TEST_END();
}
