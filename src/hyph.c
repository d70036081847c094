/* hyph — see hyph.h. */
#include "hyph.h"
#include "arena.h"
#include "task.h"
#include "utf8.h"
#include "xmlscan.h"

#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>

#define MAX_WORD 120   /* bytes; longer words are not hyphenated */

enum { H_EN_GB, H_EN_US, H_BG, H_NLANGS };
static const char *const files[H_NLANGS] = {HYPH_FILES};

/* Words already hyphenated: open addressing on (language, minimums,
 * the word's letters from its first to its last: "(word)," is "word");
 * the words and their break vectors kept in one pool. */
typedef struct hc_entry {
	uint64_t hash;
	size_t at, len;      /* word at pool[at], its breaks after it */
	int count;           /* -1: empty */
} hc_entry;

typedef struct hc_table {
	hc_entry *slots;
	size_t cap, used;
	sbuf pool;
} hc_table;

/* The words of a document hyphenated ahead on the set's thread
 * (hyph_prefetch, hyph_prewarm), with the dictionaries it loaded first:
 * the source in AHEAD_CHUNKS parts, in order, each part's new words in a
 * table of its own handed over when done (DONE counts them) and only
 * read after, so that the layout, which goes through the document in the
 * same order, finds the first parts done soon. */
#define AHEAD_CHUNKS 8

typedef struct hyph_ahead {
	hc_table t[AHEAD_CHUNKS];
	atomic_int done;
	int left, right;        /* the minimums (hyph_prewarm's) */
	char *src;              /* the document's bytes (owned) */
	size_t len;
} hyph_ahead;

/* One language's patterns: the compiled tables, read where they are by
 * liang(), or NULL; and libhyphen's dictionary, loaded from the file
 * when there are no tables, else made from them (dict_from) the first
 * time a word needs libhyphen, under MU: the set's threads share it. */
typedef struct hyph_pats {
	const hyph_cdict *tables;
	HyphenDict *_Atomic lib;
	pthread_mutex_t mu;
} hyph_pats;

struct hyph_set {
	char *dir;
	hyph_pats *dict[H_NLANGS];
	int tried[H_NLANGS];
	hc_table cache;
	/* hyph_prefetch's thread. LOADING and AHEAD are set before it
	 * starts; under MU it hands over PRE (and PRE_COMPILED) when
	 * LOADED, and waits for the minimums (GO: 1 words, -1 none) */
	pthread_t th;
	int running;             /* th is to be joined */
	int loading[H_NLANGS];   /* the thread loads language i */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int loaded, go;
	hyph_pats *pre[H_NLANGS];
	hyph_ahead *ahead;       /* its tables: those below ahead->done are
	                          * handed over */
	size_t ahead_hits;
};

hyph_set *hyph_new(const char *dir)
{
	hyph_set *h = xcalloc(1, sizeof *h);
	h->dir = xstrdup(dir ? dir : "/usr/share/hyphen");
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->cv, NULL);
	return h;
}

/* libhyphen's dictionary as hnj_hyphen_load built it from C's file, out
 * of C's tables: one block (freed by free) holds its levels and their
 * states; the transitions and the strings stay in C, where libhyphen
 * reads them (it only reads a dictionary). */
static HyphenDict *dict_from(const hyph_cdict *c)
{
	const hyph_clevel *last = &c->levels[c->nlevels - 1];
	size_t nstates = (size_t)last->first_state + (size_t)last->num_states;
	char *block = xmalloc((size_t)c->nlevels * sizeof(HyphenDict) +
	                      nstates * sizeof(HyphenState));
	HyphenDict *lv = (HyphenDict *)block;
	HyphenState *st = (HyphenState *)(lv + c->nlevels);
	char *str = (char *)c->str;
	HyphenTrans *tr = (HyphenTrans *)c->trans;
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

/* Language I's patterns: the compiled tables when they are its file's,
 * else libhyphen's dictionary loaded from the file; NULL if neither. */
static hyph_pats *load_dict(const hyph_set *h, int i)
{
	size_t n = strlen(h->dir) + strlen(files[i]) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", h->dir, files[i]);
	const hyph_cdict *c = compiled_for(path, i);
	HyphenDict *d = c ? NULL : hnj_hyphen_load(path);
	free(path);
	if (!c && !d)
		return NULL;
	hyph_pats *p = xcalloc(1, sizeof *p);
	p->tables = c;
	atomic_init(&p->lib, d);
	pthread_mutex_init(&p->mu, NULL);
	return p;
}

/* P's libhyphen dictionary, made from its tables if need be. */
static HyphenDict *pats_lib(hyph_pats *p)
{
	HyphenDict *d = atomic_load_explicit(&p->lib, memory_order_acquire);
	if (d)
		return d;
	pthread_mutex_lock(&p->mu);
	d = atomic_load_explicit(&p->lib, memory_order_relaxed);
	if (!d) {
		d = dict_from(p->tables);
		atomic_store_explicit(&p->lib, d, memory_order_release);
	}
	pthread_mutex_unlock(&p->mu);
	return d;
}

static void pats_free(hyph_pats *p)
{
	if (!p)
		return;
	HyphenDict *d = atomic_load_explicit(&p->lib, memory_order_relaxed);
	if (p->tables)
		free(d); /* dict_from's block, or NULL */
	else
		hnj_hyphen_free(d);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

static void grow(hc_table *t);
static void ahead_scan(hyph_ahead *A, int C, hyph_pats *const *d,
                       const char *p, const char *end);

/* The set's thread: loads the dictionaries of the languages asked for
 * and hands them over; then, given the minimums, hyphenates the
 * document's words with them, part by part. */
static void *ahead_main(void *arg)
{
	hyph_set *h = arg;
	hyph_pats *d[H_NLANGS] = {0};
	for (int i = 0; i < H_NLANGS; i++)
		if (h->loading[i])
			d[i] = load_dict(h, i);
	pthread_mutex_lock(&h->mu);
	for (int i = 0; i < H_NLANGS; i++)
		h->pre[i] = d[i];
	h->loaded = 1;
	pthread_cond_broadcast(&h->cv);
	while (!h->go)
		pthread_cond_wait(&h->cv, &h->mu);
	int go = h->go;
	pthread_mutex_unlock(&h->mu);
	hyph_ahead *A = h->ahead;
	if (go < 0 || !A)
		return NULL;
	/* part C starts at the first markup from C/AHEAD_CHUNKS of the way
	 * (text is never cut there), and ends where part C + 1 starts; the
	 * dictionaries are read only, by hyph_points too */
	const char *end = A->src + A->len, *from = A->src;
	for (int c = 0; c < AHEAD_CHUNKS; c++) {
		const char *to = end;
		if (c + 1 < AHEAD_CHUNKS) {
			to = A->src + A->len / AHEAD_CHUNKS * (size_t)(c + 1);
			to = to < from ? from : to;
			to = memchr(to, '<', (size_t)(end - to));
			if (!to)
				to = end;
		}
		grow(&A->t[c]);
		ahead_scan(A, c, d, from, to);
		atomic_store_explicit(&A->done, c + 1, memory_order_release);
		from = to;
	}
	return NULL;
}

static int lang_index(const char *lang);

void hyph_prefetch(hyph_set *h, const char *const *langs, size_t n,
                   char *src, size_t len)
{
	int any = 0;
	for (size_t k = 0; k < n && !h->running; k++) {
		int i = lang_index(langs[k]);
		if (i >= 0 && !h->tried[i]) {
			h->loading[i] = 1;
			any = 1;
		}
	}
	if (!any) {
		free(src);
		return;
	}
	if (src) {
		h->ahead = xcalloc(1, sizeof *h->ahead);
		h->ahead->src = src;
		h->ahead->len = len;
	}
	h->running = task_thread(&h->th, ahead_main, h) == 0;
	if (!h->running) { /* each word then loads its language */
		for (int i = 0; i < H_NLANGS; i++)
			h->loading[i] = 0;
		if (h->ahead) {
			free(h->ahead->src);
			free(h->ahead);
			h->ahead = NULL;
		}
	}
}

/* Gives the thread GO (1: hyphenate ahead, with minimums LEFT and
 * RIGHT; -1: stop) unless it was given one. */
static void ahead_go(hyph_set *h, int go, int left, int right)
{
	pthread_mutex_lock(&h->mu);
	if (!h->go) {
		if (h->ahead) {
			h->ahead->left = left;
			h->ahead->right = right;
		}
		h->go = go;
		pthread_cond_broadcast(&h->cv);
	}
	pthread_mutex_unlock(&h->mu);
}

void hyph_prewarm(hyph_set *h, int left, int right)
{
	if (h->running)
		ahead_go(h, 1, left, right);
}

void hyph_settle(hyph_set *h)
{
	if (!h || !h->running)
		return;
	ahead_go(h, -1, 0, 0);
	pthread_join(h->th, NULL);
	h->running = 0;
}

void hyph_free(hyph_set *h)
{
	if (!h)
		return;
	hyph_settle(h);
	if (h->ahead) {
		for (int c = 0; c < AHEAD_CHUNKS; c++) {
			free(h->ahead->t[c].slots);
			sbuf_free(&h->ahead->t[c].pool);
		}
		free(h->ahead->src);
		free(h->ahead);
	}
	free(h->cache.slots);
	sbuf_free(&h->cache.pool);
	for (int i = 0; i < H_NLANGS; i++) {
		pats_free(h->dict[i]);
		pats_free(h->pre[i]); /* never asked for */
	}
	pthread_cond_destroy(&h->cv);
	pthread_mutex_destroy(&h->mu);
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

/* Language I's patterns: the set's thread's (waited for) when it loads
 * them, else loaded now; once. */
static hyph_pats *dict(hyph_set *h, int i)
{
	if (h->tried[i])
		return h->dict[i];
	h->tried[i] = 1;
	if (h->loading[i]) {
		pthread_mutex_lock(&h->mu);
		while (!h->loaded)
			pthread_cond_wait(&h->cv, &h->mu);
		pthread_mutex_unlock(&h->mu);
		h->dict[i] = h->pre[i];
		h->pre[i] = NULL;
	} else {
		h->dict[i] = load_dict(h, i);
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

static void grow(hc_table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 512;
	hc_entry *slots = xmalloc(cap * sizeof *slots);
	for (size_t i = 0; i < cap; i++)
		slots[i].count = -1;
	for (size_t i = 0; i < t->cap; i++) {
		if (t->slots[i].count < 0)
			continue;
		size_t j = t->slots[i].hash & (cap - 1);
		while (slots[j].count >= 0)
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

static uint64_t hc_hash(int li, int left, int right, const char *w,
                        size_t len)
{
	uint64_t hash = 1469598103934665603ULL ^ (uint64_t)(li * 131 + left * 17 +
	                                                     right);
	for (size_t i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)w[i]) * 1099511628211ULL;
	return hash;
}

/* T's entry of W[0..len) with HASH, or the empty slot where it goes (T
 * has room: hc_put grows it ahead). */
static hc_entry *hc_find(const hc_table *t, uint64_t hash, const char *w,
                         size_t len)
{
	size_t j = hash & (t->cap - 1);
	for (; t->slots[j].count >= 0; j = (j + 1) & (t->cap - 1)) {
		hc_entry *e = &t->slots[j];
		if (e->hash == hash && e->len == len &&
		    memcmp(t->pool.s + e->at, w, len) == 0)
			return e;
	}
	return &t->slots[j];
}

/* Keeps W's break vector BRK and COUNT in T at E (hc_find's empty
 * slot), then makes room for the next. */
static void hc_put(hc_table *t, hc_entry *e, uint64_t hash, const char *w,
                   size_t len, const unsigned char *brk, int count)
{
	e->hash = hash;
	e->at = t->pool.len;
	e->len = len;
	e->count = count;
	sbuf_add(&t->pool, w, len);
	sbuf_add(&t->pool, (const char *)brk, len);
	t->used++;
	if (t->used * 2 >= t->cap)
		grow(t);
}

/* The word's letters: from the first to the last of W[0..len) (leading
 * and trailing punctuation stays out); 0 when it has none. */
static int find_core(const char *w, size_t len, size_t *off, size_t *clen)
{
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
	*off = (size_t)(core - w);
	*clen = (size_t)(core_end - core);
	return 1;
}

/* ---- Liang's patterns, as libhyphen applies them ----
 *
 * hnj_hyphen_hyphenate3 walks two levels: the first, which libhyphen's
 * loader adds, breaks compounds at hyphens and apostrophes; the second
 * holds the file's patterns. The words compute asks for are letters
 * only, so the first level marks no break and the patterns decide
 * alone. liang() runs the same state machines in the same order and
 * then libhyphen's minimums, NOHYPHEN list and step from bytes to
 * characters, all on the stack: libhyphen allocates seven blocks a word
 * and walks both levels (13.5 M instructions for the 2,754 words of the
 * 50-page book). What it does not cover, it leaves to libhyphen: a break
 * on the first level, a pattern that replaces letters (non-standard
 * hyphenation), a dictionary of other than two levels. test_hyph
 * compares the two on the hunspell word lists. */

int hyph_libhyphen_only;

/* Runs level LV of tables C over PREP[0..j) (the word between dots),
 * raising VALS[0..j) (set to '0' first) to the digits of each pattern
 * that matches. Returns 1 if a pattern matched, 0 if none, -1 if one
 * that replaces letters did. */
static int liang_level(const hyph_cdict *c, const hyph_clevel *lv,
                       const char *prep, int j, char *vals)
{
	const hyph_cstate *st = c->states + lv->first_state;
	const HyphenTrans *tr = c->trans;
	memset(vals, '0', (size_t)j);
	int state = 0, matched = 0;
	for (int i = 0; i < j; i++) {
		char ch = prep[i];
		for (;;) {
			if (state < 0)
				break; /* no state takes it: start over after it */
			const hyph_cstate *cs = &st[state];
			const HyphenTrans *t = tr + cs->trans;
			int k = 0;
			while (k < cs->num_trans && t[k].ch != ch)
				k++;
			if (k < cs->num_trans) {
				state = t[k].new_state;
				break;
			}
			state = cs->fallback_state;
		}
		if (state < 0) {
			state = 0;
			continue;
		}
		if (st[state].match < 0)
			continue;
		if (st[state].repl >= 0)
			return -1;
		const char *match = c->str + st[state].match;
		matched = 1;
		int offset = i + 1 - (int)strlen(match);
		for (int k = offset < 0 ? -offset : 0; match[k]; k++)
			if (vals[offset + k] < match[k])
				vals[offset + k] = match[k];
	}
	return matched;
}

/* Sets HY[c] odd where the lower-case letters W[0..n) (UTF-8 bytes,
 * W[n] = 0) may break after character c, as hnj_hyphen_hyphenate3 with
 * minimums LEFT and RIGHT would with tables C's dictionary. Returns 0,
 * or -1 when libhyphen must be asked. */
static int liang(const hyph_cdict *c, const char *w, int n, int left,
                 int right, char *hy)
{
	if (c->nlevels != 2 || !c->levels[0].utf8 || n < 1)
		return -1;
	const hyph_clevel *top = &c->levels[0], *pat = &c->levels[1];
	char prep[MAX_WORD * 2 + 8], vals[MAX_WORD * 2 + 8];
	char b[MAX_WORD * 2 + 8];
	prep[0] = '.';
	for (int i = 0; i < n; i++)
		prep[i + 1] = w[i] >= '0' && w[i] <= '9' ? '.' : w[i];
	prep[n + 1] = '.';
	int j = n + 2;
	/* the compound level: a break there splits the word (libhyphen) */
	int r = liang_level(c, top, prep, j, vals);
	if (r < 0)
		return -1;
	for (int i = 0; r && i + 1 < n; i++)
		if (vals[i + 1] & 1)
			return -1;
	if (liang_level(c, pat, prep, j, vals) < 0)
		return -1;
	/* after byte i: the value between it and the next */
	for (int i = 0; i + 1 < n; i++)
		b[i] = vals[i + 1];
	b[n - 1] = '0';
	/* the minimums, counted in characters as libhyphen counts them */
	int lh = left > top->lhmin ? left : top->lhmin;
	int rh = right > top->rhmin ? right : top->rhmin;
	lh = lh > 0 ? lh : 2;
	rh = rh > 0 ? rh : 2;
	int i = 1, k = 0;
	for (; i < lh && w[k]; i++)
		do
			b[k++] = '0';
		while (((unsigned char)w[k] & 0xc0) == 0x80);
	i = 0;
	for (k = n - 1; i < rh && k > 0; k--) {
		b[k] = '0';
		if (((unsigned char)w[k] & 0xc0) != 0x80)
			i++;
	}
	/* no break next to a NOHYPHEN string */
	const char *nh = top->nohyphen < 0 ? NULL : c->str + top->nohyphen;
	for (int q = 0; nh && q <= top->nohyphenl; q++) {
		size_t nl = strlen(nh);
		if (!nl)
			return -1;
		for (const char *at = strstr(w, nh); at; at = strstr(at + 1, nh)) {
			b[at - w + (ptrdiff_t)nl - 1] = 0;
			if (at > w)
				b[at - w - 1] = 0;
		}
		nh += nl + 1;
	}
	/* by character: the value after its last byte */
	int ci = -1;
	for (k = 0; k < n; k++) {
		if (((unsigned char)w[k] & 0xc0) != 0x80)
			ci++;
		hy[ci] = b[k];
	}
	return 0;
}

/* Hyphenates W[0..len), letters from first to last, with PATS (no cache);
 * BRK has len entries, zeroed. */
static int compute(hyph_pats *pats, const char *w, size_t len, int left,
                   int right, unsigned char *brk)
{
	if (!pats || !(pats->tables ? pats->tables->levels[0].utf8
	                            : atomic_load(&pats->lib)->utf8))
		return 0; /* Debian's patterns are all UTF-8 */
	/* lower-case copy; remember where each character ends */
	char low[MAX_WORD * 2 + 8];
	size_t ends[MAX_WORD + 1];
	size_t nchars = 0, k = 0;
	int capitals = 0;
	const char *p = w, *end = w + len;
	while (p < end) {
		uint32_t cp = utf8_next(&p, end);
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
	if ((hyph_libhyphen_only || !pats->tables ||
	     liang(pats->tables, low, (int)k, left, right, hy) != 0) &&
	    hnj_hyphen_hyphenate3(pats_lib(pats), low, (int)k, hy, NULL, &rep,
	                          &pos, &cut, left, right, left, right)) {
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

int hyph_points(hyph_set *h, const char *lang, const char *w, size_t len,
                int left, int right, unsigned char *brk)
{
	memset(brk, 0, len);
	int li = lang_index(lang);
	size_t off, clen;
	if (li < 0 || len == 0 || len > MAX_WORD ||
	    !find_core(w, len, &off, &clen))
		return 0;
	/* each word is hyphenated once per language and minimums */
	const char *core = w + off;
	uint64_t hash = hc_hash(li, left, right, core, clen);
	if (!h->cache.cap)
		grow(&h->cache);
	hc_entry *e = hc_find(&h->cache, hash, core, clen);
	if (e->count >= 0) {
		memcpy(brk + off, h->cache.pool.s + e->at + clen, clen);
		return e->count;
	}
	/* hyphenated ahead (hyph_prewarm), in the parts handed over (the
	 * minimums are read once one is: they were set before); not copied
	 * here: the layout asks for a word about once */
	const hyph_ahead *a = h->ahead;
	int done = a ? atomic_load_explicit(&a->done, memory_order_acquire) : 0;
	if (done && (a->left != left || a->right != right))
		done = 0;
	for (int c = 0; c < done; c++) {
		const hc_entry *x = hc_find(&a->t[c], hash, core, clen);
		if (x->count >= 0) {
			memcpy(brk + off, a->t[c].pool.s + x->at + clen, clen);
			h->ahead_hits++;
			return x->count;
		}
	}
	int count = compute(dict(h, li), core, clen, left, right, brk + off);
	hc_put(&h->cache, e, hash, core, clen, brk + off, count);
	return count;
}

/* ---- hyphenating ahead ---- */

/* Whether W[0..len) has a Cyrillic letter. */
static int cyrillic(const char *w, size_t len)
{
	for (const char *p = w, *end = w + len; p < end;) {
		uint32_t cp = utf8_next(&p, end);
		if (cp >= 0x400 && cp <= 0x4FF)
			return 1;
	}
	return 0;
}

/* Hyphenates part W[0..len) of a word into A's table of part C unless
 * an earlier part has it, with D[language] (the thread's dictionaries). */
static void ahead_part(hyph_ahead *A, int C, hyph_pats *const *d,
                       const char *w, size_t len)
{
	size_t off, clen;
	if (len == 0 || len > MAX_WORD || !find_core(w, len, &off, &clen))
		return;
	const char *core = w + off;
	for (int li = 0; li < H_NLANGS; li++) {
		if (!d[li] || (li == H_BG) != cyrillic(core, clen))
			continue;
		uint64_t hash = hc_hash(li, A->left, A->right, core, clen);
		int known = 0;
		for (int c = 0; c < C && !known; c++)
			known = hc_find(&A->t[c], hash, core, clen)->count >= 0;
		hc_entry *e = hc_find(&A->t[C], hash, core, clen);
		if (known || e->count >= 0)
			continue;
		unsigned char brk[MAX_WORD];
		memset(brk, 0, clen);
		int count = compute(d[li], core, clen, A->left, A->right, brk);
		hc_put(&A->t[C], e, hash, core, clen, brk, count);
	}
}

/* The text of the source between its markup, split as the layout
 * splits it: words at white space, their parts at hyphens. Text that
 * markup or a reference cuts in two is hyphenated as two words, which
 * the layout never asks for: no harm but the time. */
static void ahead_scan(hyph_ahead *A, int C, hyph_pats *const *d,
                       const char *p, const char *end)
{
	while (p < end) {
		if (*p == '<') {
			p = xmlscan_markup_end(p, end, 1);
			continue;
		}
		const char *text_end = memchr(p, '<', (size_t)(end - p));
		if (!text_end)
			text_end = end;
		while (p < text_end) {
			while (p < text_end && (*p == ' ' || *p == '\t' ||
			                        *p == '\n' || *p == '\r'))
				p++;
			const char *w = p;
			while (p < text_end && !(*p == ' ' || *p == '\t' ||
			                         *p == '\n' || *p == '\r'))
				p++;
			const char *part = w;
			for (const char *q = w; q <= p; q++)
				if (q == p || *q == '-') {
					ahead_part(A, C, d, part, (size_t)(q - part));
					part = q + 1;
				}
		}
	}
}

size_t hyph_ahead_hits(const hyph_set *h)
{
	return h->ahead_hits;
}

int hyph_compiled(hyph_set *h, const char *lang)
{
	int i = lang_index(lang);
	return i >= 0 && dict(h, i) && dict(h, i)->tables;
}
