/* Unit tests of hyphenation (hyph.c) on known English and Bulgarian
 * words, with the minimum lengths and the words left whole. */
#include "hyph.h"
#include "test.h"

#include <string.h>

static hyph_set *h;

/* The word with "-" at each point, e.g. "or-gan-isa-tion". */
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

	/* patterns loaded ahead on threads give the same points; a
	 * language prefetched and never asked for is freed cleanly */
	h = hyph_new(NULL);
	const char *langs[] = {"bg", "en-GB", "en-US", "nb"};
	hyph_prefetch(h, langs, 4);
	hyph_prefetch(h, langs, 2); /* again: nothing more */
	CHECK_STR(show("bg", "сътрудничество", 2, 3), "сът-руд-ни-чес-тво");
	CHECK_STR(show("en-GB", "organisation", 2, 3), "or-gan-isa-tion");
	hyph_free(h);
	h = hyph_new(NULL);
	hyph_prefetch(h, langs, 4);
	hyph_free(h);
	TEST_END();
}
