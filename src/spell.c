/* spell — see spell.h. */
#include "spell.h"
#include "atomic.h"
#include "utf8.h"

#include <hunspell/hunspell.h>
#include <libxml/xmlunicode.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_DICT_DIR "/usr/share/hunspell"
/* Longer words are still checked but get no suggestions: hunspell's
 * suggestion search grows with the word. */
#define MAX_SUGGEST_LEN 64

/* ---- dictionaries ---------------------------------------------------- */

enum { D_EN_GB, D_EN_US, D_BG, D_N, D_NONE = -1 };

static const struct {
	const char *name, *label, *words, *package;
} dict_info[D_N] = {
	{"en_GB", "en-GB", "en.dic", "hunspell-en-gb"},
	{"en_US", "en-US", "en.dic", "hunspell-en-us"},
	{"bg_BG", "bg", "bg.dic", "hunspell-bg"},
};

/* The dictionary of xml:lang LANG, or D_NONE. */
static int dict_of_lang(const char *lang)
{
	char l[3] = {0};
	for (int i = 0; i < 2 && lang[i]; i++)
		l[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z'
		              ? lang[i] - 'A' + 'a' : lang[i]);
	int sep = lang[0] && lang[1] && (lang[2] == 0 || lang[2] == '-' ||
	                                 lang[2] == '_');
	if (!sep)
		return D_NONE;
	if (strcmp(l, "bg") == 0)
		return D_BG;
	if (strcmp(l, "en") != 0)
		return D_NONE;
	if (lang[2] && (lang[3] == 'U' || lang[3] == 'u') &&
	    (lang[4] == 'S' || lang[4] == 's') && lang[5] == 0)
		return D_EN_US;
	return D_EN_GB;
}

/* ---- the cache of distinct words ------------------------------------- */

typedef struct entry {
	uint64_t hash;
	const char *word;       /* in the checker's arena */
	size_t len;
	int dict;
	int ok;
	int suggested;
	const char **sugg;      /* in the checker's arena */
	int nsugg;
	/* copies in the result of check GEN */
	unsigned gen;
	const char *rword, **rsugg, *rjoined;
} entry;

typedef struct dict_slot {
	int state;              /* 0 not yet opened, 1 open, -1 failed */
	Hunhandle *h;
} dict_slot;

struct spell_checker {
	spell_opts o;
	arena a;
	dict_slot dicts[D_N];
	char *words_dir;        /* resolved at the first check */
	entry *tab;             /* open addressing, cap a power of 2 */
	size_t cap, n;
	unsigned gen;
	size_t spell_calls, suggest_calls;  /* for spell_stats */
};

void spell_opts_init(spell_opts *o)
{
	memset(o, 0, sizeof *o);
	o->skip_acronyms = 1;
	o->acronym_len = 6;
	o->skip_digits = 1;
	o->max_suggestions = 5;
	o->max_suggest_words = 300;
}

spell_checker *spell_open(const spell_opts *o)
{
	spell_checker *sc = xcalloc(1, sizeof *sc);
	if (o)
		sc->o = *o;
	else
		spell_opts_init(&sc->o);
	arena_init(&sc->a);
	if (sc->o.dict_dir)
		sc->o.dict_dir = arena_strdup(&sc->a, sc->o.dict_dir);
	if (sc->o.words_dir)
		sc->words_dir = arena_strdup(&sc->a, sc->o.words_dir);
	sc->o.words_dir = NULL;
	sc->cap = 4096;
	sc->tab = xcalloc(sc->cap, sizeof *sc->tab);
	return sc;
}

void spell_close(spell_checker *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < D_N; i++)
		if (sc->dicts[i].h)
			Hunspell_destroy(sc->dicts[i].h);
	free(sc->tab);
	arena_free(&sc->a);
	free(sc);
}

void spell_stats(const spell_checker *sc, size_t *spells, size_t *suggests,
                 size_t *distinct)
{
	*spells = sc->spell_calls;
	*suggests = sc->suggest_calls;
	*distinct = sc->n;
}

static uint64_t hash_word(int dict, const char *w, size_t len)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)(dict + 1);
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)w[i];
		h *= 1099511628211ULL;
	}
	return h | 1; /* 0 marks an empty slot */
}

static void grow(spell_checker *sc)
{
	size_t cap = sc->cap * 2;
	entry *tab = xcalloc(cap, sizeof *tab);
	for (size_t i = 0; i < sc->cap; i++) {
		if (!sc->tab[i].hash)
			continue;
		size_t j = sc->tab[i].hash & (cap - 1);
		while (tab[j].hash)
			j = (j + 1) & (cap - 1);
		tab[j] = sc->tab[i];
	}
	free(sc->tab);
	sc->tab = tab;
	sc->cap = cap;
}

/* The entry of (DICT, W); *FRESH is set when it was just added. */
static entry *lookup(spell_checker *sc, int dict, const char *w, size_t len,
                     int *fresh)
{
	uint64_t h = hash_word(dict, w, len);
	size_t j = h & (sc->cap - 1);
	for (; sc->tab[j].hash; j = (j + 1) & (sc->cap - 1)) {
		entry *e = &sc->tab[j];
		if (e->hash == h && e->dict == dict && e->len == len &&
		    memcmp(e->word, w, len) == 0) {
			*fresh = 0;
			return e;
		}
	}
	if (2 * (sc->n + 1) > sc->cap) {
		grow(sc);
		return lookup(sc, dict, w, len, fresh);
	}
	entry *e = &sc->tab[j];
	e->hash = h;
	e->dict = dict;
	e->word = arena_strndup(&sc->a, w, len);
	e->len = len;
	sc->n++;
	*fresh = 1;
	return e;
}

/* ---- one check --------------------------------------------------------- */

typedef struct seg {
	const doc_node *node;
	size_t start;           /* in the run's buffer */
	int dict;
} seg;

typedef struct ctx {
	spell_checker *sc;
	const doc *d;
	diag *dg;
	spell_result *r;
	vec findings;           /* spell_finding */
	sbuf buf;               /* the current run of text */
	vec segs;               /* its text nodes */
	sbuf word;              /* scratch: the word being checked */
	doc_pos_cursor pos;     /* where the last finding stands */
	int failed;
	size_t nsuggested;      /* suggest() calls of this check */
	int budget_warned;
	const char *warned[16]; /* languages warned about */
	int nwarned;
} ctx;

/* Reads the project word list into H. */
static void add_word_list(ctx *c, Hunhandle *h, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			diag_warn(c->dg, path, 0, 0, "cannot read the word "
			          "list: %s", strerror(errno));
		return;
	}
	char line[1024];
	long ln = 0;
	while (fgets(line, sizeof line, f)) {
		ln++;
		char *s = line;
		if (ln == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		size_t n = strlen(s);
		if (n == sizeof line - 1 && s[n - 1] != '\n') {
			diag_warn(c->dg, path, ln, 1, "word list line too long;"
			          " skipped");
			int ch;
			while ((ch = fgetc(f)) != EOF && ch != '\n')
				;
			continue;
		}
		for (char *h2 = s; *h2; h2++)
			if (*h2 == '#' && (h2 == s || h2[-1] == ' ' ||
			                   h2[-1] == '\t')) {
				*h2 = 0;
				break;
			}
		while (*s == ' ' || *s == '\t')
			s++;
		n = strlen(s);
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
		             s[n - 1] == ' ' || s[n - 1] == '\t'))
			s[--n] = 0;
		if (!n)
			continue;
		if (strpbrk(s, " \t")) {
			diag_warn(c->dg, path, ln, 1, "word list entry '%s' is "
			          "more than one word; skipped", s);
			continue;
		}
		char *like = strchr(s, '/');
		if (!like) {
			Hunspell_add(h, s);
			continue;
		}
		/* word/example: the word takes the example's endings */
		*like++ = 0;
		if (!*s || !Hunspell_spell(h, like)) {
			diag_warn(c->dg, path, ln, (long)(like - line) + 1,
			          "word list: the example '%s' of '%s' is not a "
			          "dictionary word; '%s' added alone", like, s, s);
			if (*s)
				Hunspell_add(h, s);
			continue;
		}
		Hunspell_add_with_affix(h, s, like);
	}
	fclose(f);
}

/* Dictionary I, opened on first use; NULL after an error (reported). */
static Hunhandle *dict_get(ctx *c, int i)
{
	dict_slot *dc = &c->sc->dicts[i];
	if (dc->state) {
		if (dc->state < 0)
			c->failed = 1;
		return dc->state > 0 ? dc->h : NULL;
	}
	dc->state = -1;
	const char *dir = c->sc->o.dict_dir ? c->sc->o.dict_dir
	                                    : DEFAULT_DICT_DIR;
	sbuf aff = {0}, dic = {0};
	sbuf_printf(&aff, "%s/%s.aff", dir, dict_info[i].name);
	sbuf_printf(&dic, "%s/%s.dic", dir, dict_info[i].name);
	if (access(aff.s, R_OK) != 0 || access(dic.s, R_OK) != 0) {
		diag_error(c->dg, dic.s, 0, 0, "cannot read the hunspell "
		           "dictionary %s (Debian package %s)",
		           dict_info[i].name, dict_info[i].package);
	} else {
		dc->h = Hunspell_create(aff.s, dic.s);
		const char *enc = dc->h ? Hunspell_get_dic_encoding(dc->h)
		                        : NULL;
		if (!dc->h || !enc || strcmp(enc, "UTF-8") != 0) {
			diag_error(c->dg, dic.s, 0, 0, "the hunspell dictionary "
			           "%s is not usable (folio reads UTF-8 "
			           "dictionaries)", dict_info[i].name);
			if (dc->h)
				Hunspell_destroy(dc->h);
			dc->h = NULL;
		} else {
			dc->state = 1;
			sbuf wl = {0};
			sbuf_printf(&wl, "%s/%s", c->sc->words_dir,
			            dict_info[i].words);
			add_word_list(c, dc->h, wl.s);
			sbuf_free(&wl);
		}
	}
	sbuf_free(&aff);
	sbuf_free(&dic);
	if (!dc->h)
		c->failed = 1;
	return dc->h;
}

/* Whether hunspell takes W (NUL-terminated), or W without its English
 * possessive 's. */
static int accepts(ctx *c, int dict, Hunhandle *h, const char *w, size_t len)
{
	c->sc->spell_calls++;
	if (Hunspell_spell(h, w))
		return 1;
	if (dict == D_BG || len < 4)
		return 0;
	size_t stem = 0;
	if (w[len - 1] == 's' && w[len - 2] == '\'')
		stem = len - 2;
	else if (w[len - 1] == 's' && len >= 5 &&
	         memcmp(w + len - 4, "\xE2\x80\x99", 3) == 0)
		stem = len - 4;
	if (!stem)
		return 0;
	char *s = arena_strndup(&c->sc->a, w, stem);
	c->sc->spell_calls++;
	return Hunspell_spell(h, s) != 0;
}

/* The cache entry of W in DICT, checked; NULL when DICT cannot open. */
static entry *check_word(ctx *c, int dict, const char *w, size_t len)
{
	Hunhandle *h = dict_get(c, dict);
	if (!h)
		return NULL;
	int fresh;
	entry *e = lookup(c->sc, dict, w, len, &fresh);
	if (fresh)
		e->ok = accepts(c, dict, h, e->word, len);
	return e;
}

/* Hunspell's suggestions for E, once. Each call takes milliseconds, so
 * a check asks for at most max_suggest_words of them (a document of
 * garbage must not take hours); the words after that are listed without
 * suggestions, and a warning says so. */
static void suggest(ctx *c, entry *e)
{
	if (e->suggested)
		return;
	Hunhandle *h = c->sc->dicts[e->dict].h;
	size_t chars = 0;
	for (size_t i = 0; i < e->len; i++)
		chars += ((unsigned char)e->word[i] & 0xC0) != 0x80;
	if (!h || chars > MAX_SUGGEST_LEN || c->sc->o.max_suggestions <= 0) {
		e->suggested = 1;
		return;
	}
	if (c->nsuggested >= (size_t)c->sc->o.max_suggest_words) {
		if (!c->budget_warned)
			diag_warn(c->dg, c->d->file, 0, 0, "more than %d distinct "
			          "misspelt words: the rest are listed without "
			          "suggestions", c->sc->o.max_suggest_words);
		c->budget_warned = 1;
		return;
	}
	e->suggested = 1;
	c->nsuggested++;
	char **list = NULL;
	c->sc->suggest_calls++;
	int n = Hunspell_suggest(h, &list, e->word);
	if (n > c->sc->o.max_suggestions)
		e->nsugg = c->sc->o.max_suggestions;
	else
		e->nsugg = n > 0 ? n : 0;
	e->sugg = arena_alloc(&c->sc->a, (size_t)(e->nsugg + 1) * sizeof *e->sugg);
	for (int i = 0; i < e->nsugg; i++)
		e->sugg[i] = arena_strdup(&c->sc->a, list[i]);
	if (list)
		Hunspell_free_list(h, &list, n);
}

/* ---- Unicode ------------------------------------------------------------ */

enum {
	U_LETTER = 1, U_MARK = 2, U_DIGIT = 4, U_UPPER = 8, U_LOWER = 16,
	U_LATIN = 32, U_CYR = 64
};

static unsigned uclass(uint32_t c)
{
	if (c < 0x80) {
		if (c >= 'a' && c <= 'z')
			return U_LETTER | U_LOWER | U_LATIN;
		if (c >= 'A' && c <= 'Z')
			return U_LETTER | U_UPPER | U_LATIN;
		if (c >= '0' && c <= '9')
			return U_DIGIT;
		return 0;
	}
	if (c >= 0x400 && c <= 0x45F)
		return U_LETTER | U_CYR | (c < 0x430 ? U_UPPER : U_LOWER);
	if ((c < 0xC0 && c != 0xAA && c != 0xB5 && c != 0xBA) || c == 0xD7 ||
	    c == 0xF7 || (c >= 0x2000 && c <= 0x206F))
		return 0; /* punctuation, quotes, dashes, spaces */
	unsigned f;
	if (xmlUCSIsCatL((int)c)) {
		f = U_LETTER;
		if (xmlUCSIsCatLu((int)c) || xmlUCSIsCatLt((int)c))
			f |= U_UPPER;
		else if (xmlUCSIsCatLl((int)c))
			f |= U_LOWER;
	} else if (xmlUCSIsCatM((int)c)) {
		return U_MARK;
	} else if (xmlUCSIsCatNd((int)c)) {
		return U_DIGIT;
	} else {
		return 0;
	}
	if (c == 0xAA || c == 0xBA || (c >= 0xC0 && c <= 0x2AF) ||
	    (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2C60 && c <= 0x2C7F) ||
	    (c >= 0xA720 && c <= 0xA7FF) || (c >= 0xAB30 && c <= 0xAB6F) ||
	    (c >= 0xFB00 && c <= 0xFB06) || (c >= 0xFF21 && c <= 0xFF3A) ||
	    (c >= 0xFF41 && c <= 0xFF5A))
		f |= U_LATIN;
	else if ((c >= 0x400 && c <= 0x52F) || (c >= 0x1C80 && c <= 0x1C8F) ||
	         (c >= 0xA640 && c <= 0xA69F))
		f |= U_CYR;
	return f;
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
	       c == 0x3000;
}

/* Invisible inside a word: soft hyphen, joiners, BOM. */
static int is_ignorable(uint32_t c)
{
	return c == 0xAD || c == 0x200C || c == 0x200D || c == 0x2060 ||
	       c == 0xFEFF;
}

/* Look-alike letters of Latin and Cyrillic. */
static const struct { uint32_t lat, cyr; } confusables[] = {
	{'a', 0x430}, {'c', 0x441}, {'e', 0x435}, {'o', 0x43E}, {'p', 0x440},
	{'x', 0x445}, {'y', 0x443}, {'k', 0x43A}, {'A', 0x410}, {'B', 0x412},
	{'C', 0x421}, {'E', 0x415}, {'H', 0x41D}, {'K', 0x41A}, {'M', 0x41C},
	{'O', 0x41E}, {'P', 0x420}, {'T', 0x422}, {'X', 0x425}, {'Y', 0x423},
	{'i', 0x456}, {'j', 0x458}, {'s', 0x455}, {'I', 0x406}, {'J', 0x408},
	{'S', 0x405},
};

/* C's look-alike in the other script (TO_CYR: Latin to Cyrillic), or 0. */
static uint32_t confusable(uint32_t ch, int to_cyr)
{
	for (size_t i = 0; i < sizeof confusables / sizeof *confusables; i++) {
		if (to_cyr && confusables[i].lat == ch)
			return confusables[i].cyr;
		if (!to_cyr && confusables[i].cyr == ch)
			return confusables[i].lat;
	}
	return 0;
}

/* ---- URLs and other chunks that are not words ----------------------- */

static int ascii_lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static int has_prefix_ci(const char *s, size_t n, const char *p)
{
	size_t pn = strlen(p);
	if (n < pn)
		return 0;
	for (size_t i = 0; i < pn; i++)
		if (ascii_lower((unsigned char)s[i]) != p[i])
			return 0;
	return 1;
}

static const char *find_in(const char *s, size_t n, const char *lit)
{
	size_t ln = strlen(lit);
	for (size_t i = 0; i + ln <= n; i++)
		if (memcmp(s + i, lit, ln) == 0)
			return s + i;
	return NULL;
}

static int is_tld(const char *s, size_t n)
{
	static const char *const tlds[] = {
		"com", "org", "net", "edu", "gov", "int", "mil", "info",
		"biz", "io", "eu", "bg", "no", "uk", "de", "fr", "it", "es",
		"nl", "be", "at", "ch", "se", "dk", "fi", "ru", "tr", "gr",
		"rs", "mk", "ro", "hu", "pl", "cz", "sk", "si", "hr", "ba",
		"me", "al", "ua", "us", "ca", "au", "is", "ie", "pt", "lu",
		"lt", "lv", "ee", "md", "cy", "mt", "li", "by", "ge", "am",
		"az", "kz", "cn", "jp", "in", "br", "ar", "mx", "za", "nz",
		"xyz", "online", "site", "app", "dev", "pdf", "html", "htm",
		"php", "xml", "aspx", "asp", "jsp",
	};
	for (size_t i = 0; i < sizeof tlds / sizeof *tlds; i++)
		if (strlen(tlds[i]) == n && memcmp(tlds[i], s, n) == 0)
			return 1;
	return 0;
}

/* Whether S[0..n) (ASCII letters, digits, '.', '-') is a host name
 * ending in a known top-level domain. */
static int is_host(const char *s, size_t n)
{
	size_t label = 0, dots = 0, last = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '.') {
			if (!label)
				return 0;
			dots++;
			label = 0;
			last = i + 1;
		} else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		           (ch >= '0' && ch <= '9') || ch == '-') {
			label++;
		} else {
			return 0;
		}
	}
	return dots && label && is_tld(s + last, n - last);
}

/* Whether the chunk S[0..n) (no white space) is a URL, an e-mail
 * address, a domain name or a path, to be skipped whole. */
static int is_url_like(const char *s, size_t n)
{
	size_t k0 = 0;
	while (k0 < n && !memchr(".@/:\\", s[k0], 5))
		k0++;
	if (k0 == n)
		return 0; /* the common case: nothing of a URL */
	static const char *const open[] = {"(", "[", "{", "<", "\"", "'",
		"\xE2\x80\x9C", "\xE2\x80\x98", "\xE2\x80\x9E", "\xC2\xAB"};
	static const char *const close[] = {".", ",", ";", ":", "!", "?",
		")", "]", "}", ">", "\"", "'", "\xE2\x80\x9D", "\xE2\x80\x99",
		"\xE2\x80\x9C", "\xC2\xBB", "\xE2\x80\xA6"};
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < sizeof open / sizeof *open; i++) {
			size_t k = strlen(open[i]);
			if (n >= k && memcmp(s, open[i], k) == 0) {
				s += k;
				n -= k;
				again = 1;
			}
		}
		for (size_t i = 0; i < sizeof close / sizeof *close; i++) {
			size_t k = strlen(close[i]);
			if (n >= k && memcmp(s + n - k, close[i], k) == 0) {
				n -= k;
				again = 1;
			}
		}
	}
	if (n < 3)
		return 0;
	if (find_in(s, n, "://") || has_prefix_ci(s, n, "www.") ||
	    has_prefix_ci(s, n, "mailto:"))
		return 1;
	const char *at = memchr(s, '@', n);
	if (at && at > s && memchr(at, '.', n - (size_t)(at - s)))
		return 1;
	if (s[0] == '/' && memchr(s + 1, '/', n - 1))
		return 1;
	if (has_prefix_ci(s, n, "~/") || has_prefix_ci(s, n, "./") ||
	    has_prefix_ci(s, n, "../") || memchr(s, '\\', n))
		return 1;
	const char *slash = memchr(s, '/', n);
	return is_host(s, slash ? (size_t)(slash - s) : n);
}

/* ---- findings --------------------------------------------------------- */

static const char *join(arena *a, const char **list, int n)
{
	sbuf b = {0};
	for (int i = 0; i < n; i++) {
		if (i)
			sbuf_adds(&b, ", ");
		sbuf_adds(&b, list[i]);
	}
	const char *s = arena_strdup(a, b.s ? b.s : "");
	sbuf_free(&b);
	return s;
}

/* The segment holding byte AT of the run. */
static const seg *seg_at(const ctx *c, size_t at)
{
	const seg *s = c->segs.data;
	size_t lo = 0, hi = c->segs.len;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s[mid].start <= at)
			lo = mid;
		else
			hi = mid;
	}
	return &s[lo];
}

static spell_finding *add_finding(ctx *c, size_t ws, size_t we, int dict,
                                  const char *label, spell_kind kind)
{
	const seg *sg = seg_at(c, ws);
	spell_finding *f = vec_push(&c->findings);
	f->node = sg->node;
	f->node_idx = sg->node->idx;
	f->byte = ws - sg->start;
	size_t end = sg->start + sg->node->textlen;
	f->len = (we < end ? we : end) - ws;
	doc_text_pos_at(c->d, &c->pos, sg->node, f->byte, &f->line, &f->col);
	f->lang = label ? label : dict_info[dict].label;
	f->kind = kind;
	return f;
}

/* A word of Latin and Cyrillic letters: always a finding. */
static void mixed_word(ctx *c, size_t ws, size_t we, const char *w,
                       size_t len, int pdict, const char *plang)
{
	size_t nlat = 0, ncyr = 0;
	int lat_all = 1, cyr_all = 1; /* all map over */
	for (const char *p = w, *e = w + len; p < e;) {
		uint32_t ch = utf8_next(&p, e);
		unsigned f = uclass(ch);
		if (f & U_LATIN) {
			nlat++;
			if (!confusable(ch, 1))
				cyr_all = 0;
		} else if (f & U_CYR) {
			ncyr++;
			if (!confusable(ch, 0))
				lat_all = 0;
		}
	}
	int to_cyr;
	if (cyr_all != lat_all)
		to_cyr = cyr_all;
	else if (ncyr != nlat)
		to_cyr = ncyr > nlat;
	else
		to_cyr = pdict == D_BG;
	sbuf fixed = {0};
	for (const char *p = w, *e = w + len; p < e;) {
		const char *q = p;
		uint32_t ch = utf8_next(&p, e);
		unsigned f = uclass(ch);
		uint32_t m = 0;
		if ((to_cyr && (f & U_LATIN)) || (!to_cyr && (f & U_CYR)))
			m = confusable(ch, to_cyr);
		if (m) {
			char o[4];
			sbuf_add(&fixed, o, (size_t)utf8_put(o, m));
		} else {
			sbuf_add(&fixed, q, (size_t)(p - q));
		}
	}
	const char *label;
	if (to_cyr)
		label = dict_info[D_BG].label;
	else if (pdict == D_EN_GB || pdict == D_EN_US)
		label = dict_info[pdict].label;
	else if (pdict == D_BG)
		label = dict_info[D_EN_GB].label;
	else
		label = plang;
	arena *a = &c->r->arena;
	spell_finding *f = add_finding(c, ws, we, D_BG, arena_strdup(a, label),
	                               SPELL_MIXED_SCRIPT);
	f->word = arena_strndup(a, w, len);
	f->sugg = arena_alloc(a, 2 * sizeof *f->sugg);
	f->sugg[0] = arena_strdup(a, fixed.s ? fixed.s : "");
	f->nsugg = 1;
	f->suggest = f->sugg[0];
	sbuf_free(&fixed);
}

/* What a word is made of. */
typedef struct wstat {
	size_t lat, cyr, other, up, low, dig;
} wstat;

static int is_hyphen(uint32_t ch)
{
	return ch == '-' || ch == 0x2010 || ch == 0x2011;
}

/* The word [WS, WE) of the run as checked, into c->word: invisible
 * characters out, Cyrillic stress accents dropped, и and е with a grave
 * accent composed, hyphens of a compound as '-'. */
static void normalise(ctx *c, size_t ws, size_t we, wstat *st)
{
	const char *run = c->buf.s;
	sbuf *w = &c->word;
	w->len = 0;
	memset(st, 0, sizeof *st);
	uint32_t prev = 0;
	for (const char *p = run + ws, *e = run + we; p < e;) {
		const char *q = p;
		uint32_t ch = utf8_next(&p, e);
		if (is_ignorable(ch))
			continue;
		if (is_hyphen(ch)) {
			sbuf_add(w, "-", 1);
			prev = '-';
			continue;
		}
		unsigned f = uclass(ch);
		if (ch == 0x301 && (uclass(prev) & U_CYR))
			continue;
		if (ch == 0x300 && (prev == 0x438 || prev == 0x418 ||
		                    prev == 0x435 || prev == 0x415)) {
			uint32_t comp = prev == 0x438 ? 0x45D : prev == 0x418
			                ? 0x40D : prev == 0x435 ? 0x450 : 0x400;
			char o[4];
			w->len -= 2; /* prev is a 2-byte letter */
			sbuf_add(w, o, (size_t)utf8_put(o, comp));
			prev = comp;
			continue;
		}
		sbuf_add(w, q, (size_t)(p - q));
		prev = ch;
		if (f & U_DIGIT)
			st->dig++;
		if (!(f & U_LETTER))
			continue;
		if (f & U_LATIN)
			st->lat++;
		else if (f & U_CYR)
			st->cyr++;
		else
			st->other++;
		if (f & U_UPPER)
			st->up++;
		else if (f & U_LOWER)
			st->low++;
	}
}

/* Whether W is in capitals, at most MAX of them, or such an acronym
 * with a plural s or possessive 's ("NGOs", "CSD’s"). */
static int is_acronym(const char *w, size_t len, int max)
{
	size_t n = len;
	if (n >= 3 && w[n - 1] == 's') {
		size_t m = n - 1;
		if (w[m - 1] == '\'')
			m--;
		else if (m >= 4 && memcmp(w + m - 3, "\xE2\x80\x99", 3) == 0)
			m -= 3;
		size_t ups = 0;
		for (const char *p = w, *e = w + m; p < e;)
			ups += (uclass(utf8_next(&p, e)) & U_UPPER) != 0;
		if (ups >= 2)
			n = m;
	}
	int up = 0;
	for (const char *p = w, *e = w + n; p < e;) {
		unsigned f = uclass(utf8_next(&p, e));
		if (f & U_LOWER)
			return 0;
		up += (f & U_UPPER) != 0;
	}
	return up >= 1 && up <= max;
}

static int dict_for(int pdict, const wstat *st)
{
	return st->cyr ? D_BG : pdict == D_BG ? D_EN_GB : pdict;
}

/* Whether the dictionary knows the hyphenated compound [CS, CE) whole
 * ("look-alikes"); else its parts are checked one by one. */
static int compound_known(ctx *c, size_t cs, size_t ce)
{
	wstat st;
	normalise(c, cs, ce, &st);
	int pdict = seg_at(c, cs)->dict;
	if ((st.lat && st.cyr) || st.other || st.dig || pdict == D_NONE ||
	    !(st.lat || st.cyr))
		return 0;
	entry *e = check_word(c, dict_for(pdict, &st), c->word.s, c->word.len);
	return e && e->ok;
}

/* Checks the word at [WS, WE) of the run. */
static void word(ctx *c, size_t ws, size_t we)
{
	const char *run = c->buf.s;
	c->r->nchecked++;
	sbuf *w = &c->word;
	wstat st;
	normalise(c, ws, we, &st);
	if (!w->len || st.lat + st.cyr + st.other == 0)
		return; /* a number */
	const seg *sg = seg_at(c, ws);
	int pdict = sg->dict;
	if (st.lat && st.cyr) {
		mixed_word(c, ws, we, w->s, w->len, pdict, sg->node->lang);
		return;
	}
	if (st.other || pdict == D_NONE)
		return; /* a script or a language without a dictionary */
	if (c->sc->o.skip_digits && st.dig)
		return;
	if (c->sc->o.skip_acronyms &&
	    is_acronym(w->s, w->len, c->sc->o.acronym_len))
		return;
	int dict = dict_for(pdict, &st);
	entry *e = check_word(c, dict, w->s, w->len);
	if (!e || e->ok)
		return;
	if (we < c->buf.len && run[we] == '.') {
		/* an abbreviation: etc., Prof. */
		sbuf_add(w, ".", 1);
		entry *e2 = check_word(c, dict, w->s, w->len);
		w->len--;
		w->s[w->len] = 0;
		if (!e2 || e2->ok)
			return;
	}
	suggest(c, e);
	arena *a = &c->r->arena;
	if (e->gen != c->sc->gen) {
		e->gen = c->sc->gen;
		e->rword = arena_strndup(a, e->word, e->len);
		e->rsugg = arena_alloc(a, (size_t)(e->nsugg + 1) *
		                          sizeof *e->rsugg);
		for (int i = 0; i < e->nsugg; i++)
			e->rsugg[i] = arena_strdup(a, e->sugg[i]);
		e->rjoined = join(a, e->rsugg, e->nsugg);
	}
	spell_finding *f = add_finding(c, ws, we, dict, NULL, SPELL_UNKNOWN);
	f->word = e->rword;
	f->sugg = e->rsugg;
	f->nsugg = e->nsugg;
	f->suggest = e->rjoined;
}

static int is_word_char(uint32_t ch)
{
	return (uclass(ch) & (U_LETTER | U_MARK | U_DIGIT)) != 0;
}

/* The end of the word that starts at P: letters, marks and digits, with
 * apostrophes between letters and invisible characters inside. */
static const char *word_end(const char *p, const char *end)
{
	utf8_next(&p, end);
	while (p < end) {
		const char *q = p;
		uint32_t ch = utf8_next(&q, end);
		if (is_word_char(ch)) {
			p = q;
			continue;
		}
		if ((ch == '\'' || ch == 0x2019 || is_ignorable(ch)) && q < end) {
			const char *q2 = q;
			uint32_t c3 = utf8_next(&q2, end);
			unsigned f3 = uclass(c3);
			if ((f3 & U_LETTER) ||
			    (is_ignorable(ch) && (f3 & (U_MARK | U_DIGIT)))) {
				p = q;
				continue;
			}
		}
		break;
	}
	return p;
}

/* Splits the chunk [CS, CE) (no white space) into words. */
static void chunk(ctx *c, size_t cs, size_t ce)
{
	const char *s = c->buf.s, *end = s + ce;
	const char *p = s + cs;
	while (p < end) {
		const char *ws = p, *q = p;
		if (!is_word_char(utf8_next(&q, end))) {
			p = q;
			continue;
		}
		const char *we = word_end(ws, end);
		/* a hyphenated compound: whole when the dictionary has it */
		const char *ke = we;
		int parts = 1;
		while (ke < end) {
			const char *h = ke;
			if (!is_hyphen(utf8_next(&h, end)) || h >= end)
				break;
			const char *h2 = h;
			if (!is_word_char(utf8_next(&h2, end)))
				break;
			ke = word_end(h, end);
			parts++;
		}
		if (parts > 1 &&
		    compound_known(c, (size_t)(ws - s), (size_t)(ke - s))) {
			c->r->nchecked += (size_t)parts;
			p = ke;
			continue;
		}
		/* the parts one by one */
		for (;;) {
			word(c, (size_t)(ws - s), (size_t)(we - s));
			if (we >= ke)
				break;
			ws = we;
			utf8_next(&ws, end); /* the hyphen */
			we = word_end(ws, end);
		}
		p = ke;
	}
}

/* Checks the run gathered so far and starts a new one. */
static void flush(ctx *c)
{
	const char *s = c->buf.s, *end = s + c->buf.len;
	const char *p = s;
	while (p < end) {
		const char *cs = p;
		uint32_t ch = utf8_next(&p, end);
		if (is_space(ch))
			continue;
		const char *ce = p;
		while (ce < end) {
			const char *q = ce;
			if (is_space(utf8_next(&q, end)))
				break;
			ce = q;
		}
		if (is_url_like(cs, (size_t)(ce - cs)))
			c->r->nchecked++;
		else
			chunk(c, (size_t)(cs - s), (size_t)(ce - s));
		p = ce;
	}
	c->buf.len = 0;
	if (c->buf.s)
		c->buf.s[0] = 0;
	c->segs.len = 0;
}

/* Ends a word at a skipped element. */
static void boundary(ctx *c)
{
	if (c->buf.len)
		sbuf_add(&c->buf, "\n", 1);
}

/* Warns once per language that has no dictionary. */
static void warn_lang(ctx *c, const doc_node *t)
{
	int max = (int)(sizeof c->warned / sizeof *c->warned);
	for (int i = 0; i < c->nwarned; i++)
		if (strcmp(c->warned[i], t->lang) == 0)
			return;
	if (c->nwarned == max)
		return; /* enough said */
	c->warned[c->nwarned++] = t->lang;
	const doc_node *e = t->parent;
	while (e && e->parent && strcmp(e->parent->lang, t->lang) == 0)
		e = e->parent;
	diag_warn(c->dg, c->d->file, e ? e->line : t->line,
	          e ? doc_col(c->d, e) : 0,
	          "no spelling dictionary for xml:lang '%s': its text is not "
	          "checked", t->lang);
}

static void add_text(ctx *c, const doc_node *t)
{
	seg *sg = vec_push(&c->segs);
	sg->node = t;
	sg->start = c->buf.len;
	sg->dict = dict_of_lang(t->lang);
	if (sg->dict == D_NONE) {
		/* only text with words matters */
		for (size_t i = 0; i < t->textlen; i++)
			if ((unsigned char)t->text[i] > ' ') {
				warn_lang(c, t);
				break;
			}
	}
	sbuf_add(&c->buf, t->text, t->textlen);
}

/* Elements whose text is not prose. */
static int skipped(doc_kind k)
{
	switch (k) {
	case DOC_LITERAL: case DOC_CODE: case DOC_PROGRAMLISTING:
	case DOC_SCREEN: case DOC_URI: case DOC_EMAIL: case DOC_COMMAND:
	case DOC_FILENAME: case DOC_OPTION: case DOC_PARAMETER: case DOC_TAG:
	case DOC_VARNAME: case DOC_FUNCTION: case DOC_ENVAR:
	case DOC_SYSTEMITEM: case DOC_INDEXTERM: case DOC_REMARK:
		return 1;
	default:
		return doc_kind_class(k) == DOC_CLASS_IGNORE;
	}
}

/* Inline elements that layout sets with something of its own around or
 * instead of their text (quotation marks, numbers, marks, images): a
 * word does not run on across them. */
static int sets_apart(doc_kind k)
{
	return k == DOC_QUOTE || k == DOC_XREF || k == DOC_FOOTNOTEREF ||
	       k == DOC_INLINEMEDIAOBJECT;
}

static void walk(ctx *c, const doc_node *n)
{
	for (const doc_node *ch = n->first; ch; ch = ch->next) {
		int in_bib = n->kind == DOC_BIBLIOENTRY ||
		             (n->kind == DOC_BIBLIOMIXED && ch->kind == DOC_ABBREV);
		if (ch->kind == DOC_TEXT) {
			add_text(c, ch);
		} else if (skipped(ch->kind)) {
			boundary(c);
		} else if (doc_kind_class(ch->kind) == DOC_CLASS_INLINE &&
		           ch->kind != DOC_FOOTNOTE && !in_bib) {
			/* text runs on across inline markup */
			if (sets_apart(ch->kind))
				boundary(c);
			walk(c, ch);
			if (sets_apart(ch->kind))
				boundary(c);
		} else {
			/* blocks, footnotes, a bibliography entry's label and
			 * the parts of a structured entry stand apart */
			flush(c);
			walk(c, ch);
			flush(c);
		}
	}
}

/* ---- the summary ------------------------------------------------------- */

static const spell_finding *sort_base;

static int by_word(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int k = strcmp(sort_base[x].word, sort_base[y].word);
	if (!k)
		k = (int)sort_base[x].kind - (int)sort_base[y].kind;
	return k ? k : (x > y) - (x < y);
}

static int by_count(const void *a, const void *b)
{
	const spell_word *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->first > y->first) - (x->first < y->first);
}

static void summarise(spell_result *r)
{
	if (!r->nfindings)
		return;
	size_t *ix = xmalloc(r->nfindings * sizeof *ix);
	for (size_t i = 0; i < r->nfindings; i++)
		ix[i] = i;
	sort_base = r->findings;
	qsort(ix, r->nfindings, sizeof *ix, by_word);
	r->words = arena_alloc(&r->arena, r->nfindings * sizeof *r->words);
	for (size_t i = 0; i < r->nfindings;) {
		const spell_finding *f = &r->findings[ix[i]];
		spell_word *w = &r->words[r->nwords++];
		w->word = f->word;
		w->kind = f->kind;
		w->first = ix[i];
		const char *langs[D_N + 1];
		int nl = 0;
		size_t j = i;
		for (; j < r->nfindings; j++) {
			const spell_finding *g = &r->findings[ix[j]];
			if (strcmp(g->word, f->word) != 0 || g->kind != f->kind)
				break;
			int seen = 0;
			for (int k = 0; k < nl; k++)
				seen |= strcmp(langs[k], g->lang) == 0;
			if (!seen && nl < D_N + 1)
				langs[nl++] = g->lang;
		}
		w->count = j - i;
		w->langs = join(&r->arena, langs, nl);
		i = j;
	}
	free(ix);
	qsort(r->words, r->nwords, sizeof *r->words, by_count);
}

int spell_check(spell_checker *sc, const doc *d, diag *dg,
                spell_result **out)
{
	*out = NULL;
	if (!sc->words_dir)
		sc->words_dir = arena_printf(&sc->a, "%s/dict", d->dir);
	sc->gen++;
	arena a;
	arena_init(&a);
	spell_result *r = arena_alloc(&a, sizeof *r);
	r->arena = a;
	r->file = arena_strdup(&r->arena, d->file);
	ctx c = {.sc = sc, .d = d, .dg = dg, .r = r,
	         .findings = VEC_INIT(spell_finding),
	         .segs = VEC_INIT(seg)};
	if (d->root)
		walk(&c, d->root);
	flush(&c);
	sbuf_free(&c.buf);
	sbuf_free(&c.word);
	vec_free(&c.segs);
	r->nfindings = c.findings.len;
	r->findings = arena_alloc(&r->arena, (r->nfindings + 1) *
	                                     sizeof *r->findings);
	if (r->nfindings)
		memcpy(r->findings, c.findings.data,
		       r->nfindings * sizeof *r->findings);
	vec_free(&c.findings);
	if (c.failed) {
		spell_result_free(r);
		return -1;
	}
	summarise(r);
	*out = r;
	return 0;
}

void spell_result_free(spell_result *r)
{
	if (!r)
		return;
	arena a = r->arena;
	arena_free(&a);
}

/* ---- reports -------------------------------------------------------- */

static void put_place(FILE *f, const char *file, long line, long col)
{
	fputs(file, f);
	if (line > 0) {
		fprintf(f, ":%ld", line);
		if (col > 0)
			fprintf(f, ":%ld", col);
	}
}

int spell_write_text(const spell_result *r, FILE *f)
{
	for (size_t i = 0; i < r->nfindings; i++) {
		const spell_finding *x = &r->findings[i];
		put_place(f, r->file, x->line, x->col);
		fprintf(f, ": %s: %s%s", x->lang,
		        x->kind == SPELL_MIXED_SCRIPT ? "mixed-script: " : "",
		        x->word);
		if (x->nsugg)
			fprintf(f, " -> %s", x->suggest);
		fputc('\n', f);
	}
	if (!r->nfindings) {
		fprintf(f, "-- no spelling findings in %s (%zu words)\n",
		        r->file, r->nchecked);
	} else {
		fprintf(f, "\n-- %zu spelling finding%s, %zu distinct word%s "
		        "(%zu words checked)\n", r->nfindings,
		        r->nfindings == 1 ? "" : "s", r->nwords,
		        r->nwords == 1 ? "" : "s", r->nchecked);
		for (size_t i = 0; i < r->nwords; i++) {
			const spell_word *w = &r->words[i];
			const spell_finding *x = &r->findings[w->first];
			fprintf(f, "%6zu  %s  %s%s  first at ", w->count, w->word,
			        w->langs, w->kind == SPELL_MIXED_SCRIPT
			                  ? " mixed-script" : "");
			put_place(f, r->file, x->line, x->col);
			fputc('\n', f);
		}
	}
	return ferror(f) ? -1 : 0;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch < 0x20 || ch == 0x7F)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static const char *kind_name(spell_kind k)
{
	return k == SPELL_MIXED_SCRIPT ? "mixed-script" : "unknown-word";
}

int spell_write_json(const spell_result *r, FILE *f)
{
	fputs("{\n  \"file\": ", f);
	json_str(f, r->file);
	fprintf(f, ",\n  \"words\": %zu,\n  \"findings\": [", r->nchecked);
	for (size_t i = 0; i < r->nfindings; i++) {
		const spell_finding *x = &r->findings[i];
		fputs(i ? ",\n    {" : "\n    {", f);
		fprintf(f, "\"line\": %ld, \"col\": %ld, \"lang\": ", x->line,
		        x->col);
		json_str(f, x->lang);
		fprintf(f, ", \"kind\": \"%s\", \"word\": ", kind_name(x->kind));
		json_str(f, x->word);
		fputs(", \"suggestions\": [", f);
		for (int k = 0; k < x->nsugg; k++) {
			if (k)
				fputs(", ", f);
			json_str(f, x->sugg[k]);
		}
		fputs("]}", f);
	}
	fputs(r->nfindings ? "\n  ],\n  \"summary\": [" : "],\n  \"summary\": [",
	      f);
	for (size_t i = 0; i < r->nwords; i++) {
		const spell_word *w = &r->words[i];
		const spell_finding *x = &r->findings[w->first];
		fputs(i ? ",\n    {\"word\": " : "\n    {\"word\": ", f);
		json_str(f, w->word);
		fprintf(f, ", \"kind\": \"%s\", \"count\": %zu, \"langs\": [",
		        kind_name(w->kind), w->count);
		/* langs is "a, b": one string each */
		const char *p = w->langs;
		for (int k = 0; *p; k++) {
			const char *e = strstr(p, ", ");
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char one[32];
			snprintf(one, sizeof one, "%.*s", (int)n, p);
			if (k)
				fputs(", ", f);
			json_str(f, one);
			p += n + (e ? 2 : 0);
		}
		fprintf(f, "], \"first\": {\"line\": %ld, \"col\": %ld}}",
		        x->line, x->col);
	}
	fputs(r->nwords ? "\n  ]\n}\n" : "]\n}\n", f);
	return ferror(f) ? -1 : 0;
}

int spell_save(const spell_result *r, const char *path, int json, diag *dg)
{
	/* made in memory, then written through atomic.c like the PDF: a
	 * temporary file beside PATH that SIGINT and SIGTERM remove, synced
	 * and renamed into place, so the last good report survives a
	 * failed, killed or full-disk run (issue 7) */
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m) {
		diag_error(dg, path, 0, 0, "cannot write: %s", strerror(errno));
		return -1;
	}
	int rc = json ? spell_write_json(r, m) : spell_write_text(r, m);
	if (fclose(m) != 0)
		rc = -1;
	atomic_file f;
	if (rc) {
		diag_error(dg, path, 0, 0, "cannot write: out of memory");
	} else if (atomic_open(&f, path, dg) != 0) {
		rc = -1;
	} else if (atomic_write(&f, buf, len) != 0) {
		diag_error(dg, path, 0, 0, "cannot write: %s", strerror(errno));
		atomic_abort(&f);
		rc = -1;
	} else if (atomic_commit(&f, dg) != 0) {
		rc = -1;
	}
	free(buf);
	return rc;
}
