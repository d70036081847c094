/* hyph — see hyph.h. */
#include "hyph.h"
#include "arena.h"
#include "utf8.h"

#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>

#define MAX_WORD 120   /* bytes; longer words are not hyphenated */

enum { H_EN_GB, H_EN_US, H_BG, H_NLANGS };
static const char *const files[H_NLANGS] = {HYPH_FILES};

/* Words already hyphenated: open addressing on (language, minimums,
 * word); the words and their break vectors kept in one pool. */
typedef struct hc_entry {
	uint64_t hash;
	size_t at, len;      /* word at pool[at], its breaks after it */
	int count;           /* -1: empty */
} hc_entry;

struct hyph_set {
	char *dir;
	HyphenDict *dict[H_NLANGS];
	int tried[H_NLANGS];
	int compiled[H_NLANGS];  /* dict[i] is dict_from's (free: free) */
	/* hyph_prefetch's threads, one a language: thread i writes only
	 * pre[i] until joined */
	pthread_t th[H_NLANGS];
	int loading[H_NLANGS];
	HyphenDict *pre[H_NLANGS];
	int pre_compiled[H_NLANGS];
	hc_entry *slots;
	size_t cap, used;
	sbuf pool;
};

hyph_set *hyph_new(const char *dir)
{
	hyph_set *h = xcalloc(1, sizeof *h);
	h->dir = xstrdup(dir ? dir : "/usr/share/hyphen");
	return h;
}

/* libhyphen's dictionary as hnj_hyphen_load built it from C's file, out
 * of C's tables: one block (freed by free) holds its levels, their
 * states and the transitions; the strings stay in C (libhyphen only
 * reads a dictionary). */
static HyphenDict *dict_from(const hyph_cdict *c)
{
	const hyph_clevel *last = &c->levels[c->nlevels - 1];
	size_t nstates = (size_t)last->first_state + (size_t)last->num_states;
	size_t ntrans = 0;
	for (size_t i = 0; i < nstates; i++)
		ntrans += (size_t)c->states[i].num_trans;
	char *block = xmalloc((size_t)c->nlevels * sizeof(HyphenDict) +
	                      nstates * sizeof(HyphenState) +
	                      ntrans * sizeof(HyphenTrans));
	HyphenDict *lv = (HyphenDict *)block;
	HyphenState *st = (HyphenState *)(lv + c->nlevels);
	HyphenTrans *tr = (HyphenTrans *)(st + nstates);
	char *str = (char *)c->str;
	for (size_t i = 0; i < ntrans; i++) {
		tr[i].ch = (char)c->trans[i].ch;
		tr[i].new_state = c->trans[i].new_state;
	}
	for (size_t i = 0; i < nstates; i++) {
		const hyph_cstate *cs = &c->states[i];
		st[i].match = cs->match < 0 ? NULL : str + cs->match;
		st[i].repl = cs->repl < 0 ? NULL : str + cs->repl;
		st[i].replindex = cs->replindex;
		st[i].replcut = cs->replcut;
		st[i].fallback_state = cs->fallback_state;
		st[i].num_trans = cs->num_trans;
		st[i].trans = cs->num_trans ? tr + cs->trans : NULL;
	}
	for (int l = 0; l < c->nlevels; l++) {
		const hyph_clevel *cl = &c->levels[l];
		HyphenDict *d = &lv[l];
		memset(d, 0, sizeof *d);
		d->lhmin = cl->lhmin;
		d->rhmin = cl->rhmin;
		d->clhmin = cl->clhmin;
		d->crhmin = cl->crhmin;
		d->nohyphen = cl->nohyphen < 0 ? NULL : str + cl->nohyphen;
		d->nohyphenl = cl->nohyphenl;
		d->num_states = cl->num_states;
		snprintf(d->cset, sizeof d->cset, "%s", cl->cset);
		d->utf8 = cl->utf8;
		d->states = st + cl->first_state;
		d->nextlevel = l + 1 < c->nlevels ? &lv[l + 1] : NULL;
	}
	return lv;
}

/* The compiled tables of PATH, language I's file, or NULL when there are
 * none or the file is not the one they were made from (by its size and
 * time). */
static const hyph_cdict *compiled_for(const char *path, int i)
{
	for (int k = 0; k < hyph_ncdicts; k++) {
		const hyph_cdict *c = &hyph_cdicts[k];
		if (strcmp(c->file, files[i]) != 0)
			continue;
		struct stat sb;
		if (stat(path, &sb) != 0 || (long long)sb.st_size != c->size ||
		    (long long)sb.st_mtime != c->mtime)
			return NULL;
		return c;
	}
	return NULL;
}

/* Language I's dictionary: from the compiled tables when they are its
 * file's (*COMPILED set), else loaded from the file. */
static HyphenDict *load_dict(const hyph_set *h, int i, int *compiled)
{
	size_t n = strlen(h->dir) + strlen(files[i]) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", h->dir, files[i]);
	const hyph_cdict *c = compiled_for(path, i);
	*compiled = c != NULL;
	HyphenDict *d = c ? dict_from(c) : hnj_hyphen_load(path);
	free(path);
	return d;
}

typedef struct prefetch_job {
	hyph_set *h;
	int i;
} prefetch_job;

static void *prefetch_main(void *arg)
{
	prefetch_job *j = arg;
	j->h->pre[j->i] = load_dict(j->h, j->i, &j->h->pre_compiled[j->i]);
	free(j);
	return NULL;
}

/* Waits for language I's prefetch, if one runs. */
static void join(hyph_set *h, int i)
{
	if (!h->loading[i])
		return;
	pthread_join(h->th[i], NULL);
	h->loading[i] = 0;
	h->dict[i] = h->pre[i];
	h->compiled[i] = h->pre_compiled[i];
	h->tried[i] = 1;
}

static int lang_index(const char *lang);

void hyph_settle(hyph_set *h)
{
	if (h)
		for (int i = 0; i < H_NLANGS; i++)
			join(h, i);
}

void hyph_prefetch(hyph_set *h, const char *const *langs, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int i = lang_index(langs[k]);
		if (i < 0 || h->tried[i] || h->loading[i])
			continue;
		prefetch_job *j = xmalloc(sizeof *j);
		j->h = h;
		j->i = i;
		if (pthread_create(&h->th[i], NULL, prefetch_main, j) == 0)
			h->loading[i] = 1;
		else
			free(j);
	}
}

void hyph_free(hyph_set *h)
{
	if (!h)
		return;
	for (int i = 0; i < H_NLANGS; i++)
		join(h, i);
	free(h->slots);
	sbuf_free(&h->pool);
	for (int i = 0; i < H_NLANGS; i++)
		if (h->compiled[i])
			free(h->dict[i]);
		else if (h->dict[i])
			hnj_hyphen_free(h->dict[i]);
	free(h->dir);
	free(h);
}

static int lang_index(const char *lang)
{
	if (strncmp(lang, "bg", 2) == 0)
		return H_BG;
	if (strcmp(lang, "en-US") == 0 || strcmp(lang, "en_US") == 0)
		return H_EN_US;
	if (strncmp(lang, "en", 2) == 0)
		return H_EN_GB;
	return -1;
}

static HyphenDict *dict(hyph_set *h, int i)
{
	join(h, i);
	if (!h->tried[i]) {
		h->tried[i] = 1;
		h->dict[i] = load_dict(h, i, &h->compiled[i]);
	}
	return h->dict[i];
}

/* Lower case of the Latin and Cyrillic letters, or 0 for a non-letter;
 * *upper tells whether CP was a capital. */
static uint32_t lower(uint32_t cp, int *upper)
{
	*upper = 0;
	if (cp >= 'a' && cp <= 'z')
		return cp;
	if (cp >= 'A' && cp <= 'Z') {
		*upper = 1;
		return cp + 32;
	}
	if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
		return cp;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
		*upper = 1;
		return cp + 32;
	}
	if (cp >= 0x100 && cp <= 0x17F) /* Latin Extended-A: pairs */
		return (*upper = !(cp & 1)), cp | 1;
	if (cp >= 0x430 && cp <= 0x45F)
		return cp;
	if (cp >= 0x410 && cp <= 0x42F) {
		*upper = 1;
		return cp + 32;
	}
	if (cp >= 0x400 && cp <= 0x40F) {
		*upper = 1;
		return cp + 80;
	}
	return 0;
}

static int compute(hyph_set *h, int li, const char *w, size_t len, int left,
                   int right, unsigned char *brk);

static void grow(hyph_set *h)
{
	size_t cap = h->cap ? h->cap * 2 : 4096;
	hc_entry *slots = xmalloc(cap * sizeof *slots);
	for (size_t i = 0; i < cap; i++)
		slots[i].count = -1;
	for (size_t i = 0; i < h->cap; i++) {
		if (h->slots[i].count < 0)
			continue;
		size_t j = h->slots[i].hash & (cap - 1);
		while (slots[j].count >= 0)
			j = (j + 1) & (cap - 1);
		slots[j] = h->slots[i];
	}
	free(h->slots);
	h->slots = slots;
	h->cap = cap;
}

int hyph_points(hyph_set *h, const char *lang, const char *w, size_t len,
                int left, int right, unsigned char *brk)
{
	memset(brk, 0, len);
	int li = lang_index(lang);
	if (li < 0 || len == 0 || len > MAX_WORD)
		return 0;
	/* each word is hyphenated once per language and minimums */
	uint64_t hash = 1469598103934665603ULL ^ (uint64_t)(li * 131 + left * 17 +
	                                                     right);
	for (size_t i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)w[i]) * 1099511628211ULL;
	if (h->used * 2 >= h->cap)
		grow(h);
	size_t j = hash & (h->cap - 1);
	for (; h->slots[j].count >= 0; j = (j + 1) & (h->cap - 1)) {
		hc_entry *e = &h->slots[j];
		if (e->hash == hash && e->len == len &&
		    memcmp(h->pool.s + e->at, w, len) == 0) {
			memcpy(brk, h->pool.s + e->at + len, len);
			return e->count;
		}
	}
	int count = compute(h, li, w, len, left, right, brk);
	hc_entry *e = &h->slots[j];
	e->hash = hash;
	e->at = h->pool.len;
	e->len = len;
	e->count = count;
	sbuf_add(&h->pool, w, len);
	sbuf_add(&h->pool, (const char *)brk, len);
	h->used++;
	return count;
}

/* Hyphenates W with the patterns of language LI (no cache). */
static int compute(hyph_set *h, int li, const char *w, size_t len, int left,
                   int right, unsigned char *brk)
{
	HyphenDict *d = dict(h, li);
	if (!d)
		return 0;
	if (!d->utf8)
		return 0; /* Debian's patterns are all UTF-8 */
	/* the word's letters: leading and trailing punctuation stays out */
	const char *p = w, *end = w + len, *core = NULL, *core_end = NULL;
	while (p < end) {
		const char *c0 = p;
		int up;
		if (lower(utf8_next(&p, end), &up)) {
			if (!core)
				core = c0;
			core_end = p;
		}
	}
	if (!core)
		return 0;
	/* lower-case copy; remember where each character ends */
	char low[MAX_WORD * 2 + 8];
	size_t ends[MAX_WORD + 1];
	size_t nchars = 0, k = 0;
	int capitals = 0;
	p = core;
	while (p < core_end) {
		uint32_t cp = utf8_next(&p, core_end);
		int up;
		uint32_t lc = lower(cp, &up);
		if (!lc)
			return 0; /* digits, inner punctuation: leave whole */
		capitals += up;
		k += (size_t)utf8_put(low + k, lc);
		ends[nchars++] = (size_t)(p - w);
	}
	/* libhyphen reads the word as a C string too (strstr for the
	 * patterns' NOHYPHEN list): unterminated, it read on over the
	 * stack and could mark hyphens past the word (valgrind, issue 7) */
	low[k] = 0;
	if (capitals > 1 && capitals == (int)nchars)
		return 0; /* ACRONYMS and words in capitals */
	if ((int)nchars < left + right)
		return 0;
	char hy[MAX_WORD * 2 + 8];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate3(d, low, (int)k, hy, NULL, &rep, &pos, &cut,
	                          left, right, left, right)) {
		free(rep);
		free(pos);
		free(cut);
		return 0;
	}
	int count = 0;
	/* for UTF-8 patterns the vector is indexed by character */
	for (size_t i = 0; i + 1 < nchars; i++) {
		if (!(hy[i] & 1) || (int)i + 1 < left ||
		    (int)(nchars - i - 1) < right)
			continue;
		if (rep && rep[i])
			continue; /* non-standard hyphenation: not supported */
		brk[ends[i] - 1] = 1;
		count++;
	}
	if (rep) {
		for (size_t i = 0; i < k; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return count;
}

int hyph_compiled(hyph_set *h, const char *lang)
{
	int i = lang_index(lang);
	return i >= 0 && dict(h, i) && h->compiled[i];
}
