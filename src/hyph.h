/* hyph — hyphenation points of words, by language, with libhyphen.
 *
 * Owns: the hyph_set and the pattern dictionaries it loads lazily, one
 * per language (en-GB, en-US, bg), or ahead on a thread (hyph_prefetch),
 * freed by hyph_free. Knows nothing of
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

/* Starts loading the patterns of the N languages LANGS on a thread of
 * its own, so that they are ready when the first word asks (loading one
 * takes about as long as setting 10 pages). A language not asked for
 * later costs nothing but the other core's time; one asked for and not
 * prefetched is loaded then, as without this. */
void hyph_prefetch(hyph_set *h, const char *const *langs, size_t n);

/* Waits for the patterns hyph_prefetch is loading (kept for later
 * words): afterwards no thread of H runs. Before a fork, whose child
 * could otherwise find a lock of a loading thread taken. */
void hyph_settle(hyph_set *h);

/* Finds the hyphenation points of the UTF-8 word W[0..len) in LANG
 * ("en", "en-GB", "en-US", "bg", ...), keeping LEFT characters before and
 * RIGHT after every break. Sets brk[i] = 1 when the word may break after
 * byte i (brk has len entries) and returns the number of points; 0 when
 * the language has no patterns or the word is not to be hyphenated. */
int hyph_points(hyph_set *h, const char *lang, const char *w, size_t len,
                int left, int right, unsigned char *brk);

#endif
