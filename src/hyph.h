/* hyph — hyphenation points of words, by language, with libhyphen's
 * pattern files (Debian's hyphen-* packages).
 *
 * Owns: the hyph_set, the patterns it loads lazily, one set per
 * language (en-GB, en-US, bg), or ahead on its thread (hyph_prefetch),
 * and the words hyphenated there, freed by hyph_free. The patterns are
 * the tables compiled into folio when the file is the one they were
 * made from, run by hyph.c as libhyphen runs them (Liang's algorithm);
 * otherwise the file, loaded and run by libhyphen. Knows nothing of
 * layout: it says where a word may break. Words in capitals, with digits
 * or with characters other than letters (and inner apostrophes) are not
 * hyphenated. */
#ifndef FOLIO_HYPH_H
#define FOLIO_HYPH_H
#include <stddef.h>

typedef struct hyph_set hyph_set;

/* Opens a set reading patterns from DIR (NULL: /usr/share/hyphen). */
hyph_set *hyph_new(const char *dir);
void hyph_free(hyph_set *h);

/* Starts a thread of its own that loads the patterns of the N
 * languages LANGS, so that they are ready when the first word asks
 * (hyph_points waits for them rather than load them again), and then,
 * once hyph_prewarm gives it the minimums, hyphenates ahead every word
 * of SRC[0..len), a document's source (taken: a malloc'd block; NULL:
 * none): its text between the markup, split at white space and hyphens
 * as the layout splits it, Cyrillic words in bg's patterns, the others
 * in those of the other languages. The words hyph_points is later asked
 * for in the same language and minimums are found done as the thread
 * goes. A language not asked for later costs only the other core's
 * time; one asked for and not prefetched is loaded then. Once a set. */
void hyph_prefetch(hyph_set *h, const char *const *langs, size_t n,
                   char *src, size_t len);
/* Lets hyph_prefetch's thread hyphenate the source ahead, keeping LEFT
 * characters before and RIGHT after every break. */
void hyph_prewarm(hyph_set *h, int left, int right);
/* Waits for hyph_prefetch's thread to finish (at once after the
 * patterns when hyph_prewarm was not called); its patterns and words
 * are kept. Afterwards no thread of H runs: before a fork, whose child
 * could otherwise find a lock of that thread taken. */
void hyph_settle(hyph_set *h);
/* How many words hyph_points found hyphenated ahead: for the tests. */
size_t hyph_ahead_hits(const hyph_set *h);
/* Nonzero: words are hyphenated by libhyphen's hnj_hyphen_hyphenate3
 * itself, not by hyph.c's run of the same patterns (tests compare). */
extern int hyph_libhyphen_only;

/* Finds the hyphenation points of the UTF-8 word W[0..len) in LANG
 * ("en", "en-GB", "en-US", "bg", ...), keeping LEFT characters before and
 * RIGHT after every break. Sets brk[i] = 1 when the word may break after
 * byte i (brk has len entries) and returns the number of points; 0 when
 * the language has no patterns or the word is not to be hyphenated. */
int hyph_points(hyph_set *h, const char *lang, const char *w, size_t len,
                int left, int right, unsigned char *brk);

/* The dictionaries folio reads, in DIR, one a language. */
#define HYPH_FILES "hyph_en_GB.dic", "hyph_en_US.dic", "hyph_bg_BG.dic"

/* Compiled dictionaries (out/hyph-data.c, written at build time by
 * tools/hyph-compile): what libhyphen's loader builds from each file, as
 * tables, with the file's size and time, which must still match for the
 * tables to be used. Strings are offsets into str (-1: none); each
 * level's states follow the previous level's, each state's transitions
 * the previous state's. */
struct _HyphenTrans; /* libhyphen's transitions, used where they are */
typedef struct hyph_cstate {
	int match, repl;
	signed char replindex, replcut;
	int fallback_state, num_trans;
	int trans;
} hyph_cstate;
typedef struct hyph_clevel {
	char lhmin, rhmin, clhmin, crhmin;
	int nohyphen;          /* nohyphenl + 1 strings one after another */
	int nohyphenl, num_states;
	int first_state;
	int utf8;
	const char *cset;
} hyph_clevel;
typedef struct hyph_cdict {
	const char *file;      /* one of HYPH_FILES */
	long long size, mtime;
	int nlevels;
	const hyph_clevel *levels;
	const hyph_cstate *states;
	const struct _HyphenTrans *trans;
	const char *str;
} hyph_cdict;
extern const hyph_cdict hyph_cdicts[];
extern const int hyph_ncdicts;

/* 1 if H's patterns for LANG come from compiled tables, 0 if from the
 * file (or there are none): for the tests. */
int hyph_compiled(hyph_set *h, const char *lang);

#endif
