/* spell — the spelling check of a document's text, with hunspell.
 *
 * Owns: the spell_checker (the hunspell dictionaries it opens lazily,
 * once each: en_GB, en_US, bg_BG; the project word lists added to them;
 * the cache of every distinct word seen, so hunspell checks a word once
 * and suggests once per distinct misspelt word), and each spell_result
 * (findings and summary, every string in the result's own arena, freed
 * by spell_result_free; a result outlives its checker and points into
 * the doc only through its text nodes). Letter classes come from
 * libxml2's Unicode tables, places in the source from doc_text_pos.
 *
 * What is checked: the text of the tree, never markup or attribute
 * values, and not the text of code-like elements (literal, code,
 * programlisting, screen, uri, email, command, filename, option,
 * parameter, tag, varname, function, envar, systemitem) nor of indexterm
 * and remark. Text runs on across inline elements ("un<emphasis>like
 * </emphasis>ly" is one word); blocks, footnotes, quotes, xrefs and
 * skipped elements end a word. URLs, e-mail addresses, host names and
 * paths in running text are skipped whole. Words are runs of Unicode
 * letters, marks and digits, with an apostrophe (' or ’) between letters
 * inside; soft hyphens and joiners inside are ignored, Cyrillic stress
 * accents dropped. A hyphenated compound passes when the dictionary
 * knows it whole, else its parts are checked one by one. A word refused
 * alone passes with its full stop when the dictionary (or word list)
 * has it so ("etc.", "г."); an English word passes with a possessive 's
 * when it passes without.
 *
 * The dictionary follows the inherited xml:lang: en, en-GB (and any
 * other en-*) use en_GB, en-US en_US, bg bg_BG; text in other languages
 * is not checked (one warning per language). In a Bulgarian passage a
 * word wholly in Latin letters is checked in English (en_GB), in an
 * English passage a word wholly in Cyrillic in Bulgarian. A word mixing
 * Latin and Cyrillic letters is always a finding, of kind mixed-script,
 * suggesting the word with its look-alike letters mapped to its majority
 * script. Words in capitals of up to 6 letters (acronyms, also with a
 * plural s or possessive 's: NGOs, CSD’s) and words with digits are
 * skipped unless the options say otherwise.
 *
 * Project word lists (en.dic for en_GB and en_US, bg.dic for bg_BG): one
 * word a line, '#' starts a comment; "word/example" gives the word the
 * affixes (endings) of the dictionary word EXAMPLE. */
#ifndef FOLIO_SPELL_H
#define FOLIO_SPELL_H
#include "arena.h"
#include "diag.h"
#include "doc.h"

#include <stdio.h>

typedef struct spell_opts {
	int skip_acronyms;    /* words in capitals of up to acronym_len letters pass */
	int acronym_len;      /* 6 */
	int skip_digits;      /* words containing a digit pass */
	int max_suggestions;  /* per word, 5 */
	int max_suggest_words;/* distinct words given suggestions in one
	                       * check, 300 (hunspell takes ~50 ms each) */
	const char *dict_dir; /* hunspell .aff/.dic; NULL: /usr/share/hunspell */
	const char *words_dir;/* project word lists en.dic, bg.dic; NULL: the
	                       * folder dict/ beside the (first) document */
} spell_opts;

/* The defaults above. */
void spell_opts_init(spell_opts *o);

typedef enum spell_kind { SPELL_UNKNOWN, SPELL_MIXED_SCRIPT } spell_kind;

typedef struct spell_finding {
	const doc_node *node; /* the DOC_TEXT node the word starts in */
	unsigned node_idx;    /* its idx, for arrays indexed by doc_node.idx */
	size_t byte, len;     /* the word in node->text; a word running on
	                       * across inline markup is cut at the node's end */
	long line, col;       /* in the source file, col in characters */
	const char *lang;     /* dictionary used: "en-GB", "en-US" or "bg" */
	spell_kind kind;
	const char *word;     /* as checked (soft hyphens removed) */
	const char **sugg;    /* nsugg suggestions, best first */
	int nsugg;
	const char *suggest;  /* the same joined by ", ", or "" */
} spell_finding;

typedef struct spell_word {   /* the summary: one entry per distinct word */
	const char *word;
	spell_kind kind;
	size_t count;
	const char *langs;    /* the dictionaries that refused it, "en-GB, bg" */
	size_t first;         /* index of its first finding */
} spell_word;

typedef struct spell_result {
	arena arena;          /* every string and array below */
	const char *file;     /* the document's file name */
	spell_finding *findings;  /* in document order */
	size_t nfindings;
	spell_word *words;    /* by count (most first), then first place */
	size_t nwords;
	size_t nchecked;      /* words in the checked text (skipped included) */
} spell_result;

typedef struct spell_checker spell_checker;

/* A checker with options O (copied; NULL: defaults). Opens nothing yet. */
spell_checker *spell_open(const spell_opts *o);
void spell_close(spell_checker *sc);

/* What the checker has done so far: hunspell spell() calls (one per
 * distinct word and dictionary, two for an English possessive),
 * suggest() calls (one per distinct misspelt word) and the distinct
 * words cached. */
void spell_stats(const spell_checker *sc, size_t *spells, size_t *suggests,
                 size_t *distinct);

/* Checks D's text. Returns 0 and sets *OUT (free with spell_result_free)
 * or returns -1 after reporting through DG (a dictionary that cannot be
 * opened). Warnings (word lists, languages without a dictionary) go to
 * DG too. */
int spell_check(spell_checker *sc, const doc *d, diag *dg,
                spell_result **out);
void spell_result_free(spell_result *r);

/* The report: one "file:line:col: lang: word -> sugg, sugg" line a
 * finding ("lang: mixed-script: word -> fixed" for mixed scripts), then
 * a summary by word. Returns -1 on a write error. */
int spell_write_text(const spell_result *r, FILE *f);
/* The same data as JSON: {"file", "words", "findings": [...],
 * "summary": [...]}. */
int spell_write_json(const spell_result *r, FILE *f);
/* Writes the text (JSON when JSON) report to PATH through a temporary
 * file renamed into place; returns -1 after reporting through DG. */
int spell_save(const spell_result *r, const char *path, int json, diag *dg);

#endif
