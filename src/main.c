/* main — folio's command line: parses arguments, runs the stages in
 * order (load → spell → style → fonts → layout → pdf → preflight) and
 * maps their outcome to the documented exit status. The only place that
 * exits. */
#define _DEFAULT_SOURCE /* madvise */
#include "atomic.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "load.h"
#include "pdf.h"
#include "preflight.h"
#include "regfile.h"
#include "spell.h"
#include "style.h"
#include "task.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR "."
#endif

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_INPUT = 3 };

static const char usage_text[] =
	"usage: folio COMMAND [options] FILE.xml\n"
	"\n"
	"commands:\n"
	"  pdf        typeset FILE into a PDF\n"
	"  check      load and validate FILE only\n"
	"  spell      check the spelling of FILE's text\n"
	"  preflight  typeset the print edition and write its preflight report\n"
	"\n"
	"Run 'folio COMMAND --help' for a command's options.\n"
	"Exit status: 0 success, 1 findings, 2 usage error, 3 input error.\n";

static const char pdf_help[] =
	"usage: folio pdf [-o OUT.pdf] [--style NAME|PATH] FILE.xml\n"
	"\n"
	"Typesets FILE (DocBook 5 subset) into a paginated PDF.\n"
	"  -o OUT.pdf        output file (default: out/NAME.pdf)\n"
	"  --style NAME|PATH house style: a name in styles/ (default: bg13)\n"
	"                    or a .style file; 'plain' has no mandatory\n"
	"                    content and serves any document\n"
	"The previous output is left untouched when the build fails.\n"
	"SOURCE_DATE_EPOCH, when set, dates the PDF (else the pubdate).\n";

static const char check_help[] =
	"usage: folio check FILE.xml\n"
	"\n"
	"Loads FILE, validates it against folio's DocBook subset schema and\n"
	"checks ids and cross-references; writes nothing. Exit status 0 when\n"
	"valid, 3 with file:line:col diagnostics when not.\n";

static const char spell_help[] =
	"usage: folio spell [--report OUT.txt] [--json OUT.json] "
	"[--proof OUT.pdf] [--style NAME|PATH] FILE.xml\n"
	"\n"
	"Checks the spelling of FILE's text (not markup, attributes, code,\n"
	"URLs or e-mail addresses) with hunspell, by xml:lang: en and en-GB\n"
	"in en_GB, en-US in en_US, bg in bg_BG; Latin words in Bulgarian\n"
	"text are checked in English, Cyrillic words in English text in\n"
	"Bulgarian, and words mixing the two scripts are always reported.\n"
	"The project word lists dict/en.dic and dict/bg.dic beside FILE\n"
	"(one word a line, # comments) are added to the dictionaries.\n"
	"Words in capitals of up to 6 letters and words with digits pass.\n"
	"\n"
	"Prints one 'file:line:col: lang: word -> suggestions' line per\n"
	"finding, then a summary by word.\n"
	"  --report OUT.txt  also write that report to OUT.txt\n"
	"  --json OUT.json   write the findings and summary as JSON\n"
	"  --proof OUT.pdf   the document laid out as by 'folio pdf', each\n"
	"                    finding marked on its word by a squiggly\n"
	"                    annotation carrying the suggestions\n"
	"  --style NAME|PATH the proof's style (default: bg13)\n"
	"Exit status: 0 no findings, 1 findings, 2 usage error, 3 input error.\n";

static const char preflight_help[] =
	"usage: folio preflight [-o OUT.pdf] [--report OUT.txt] "
	"[--style NAME|PATH] FILE.xml\n"
	"\n"
	"Typesets the print edition of FILE (default style: bg13-print: 3 mm\n"
	"bleed, crop marks, TrimBox and BleedBox, CMYK, pages padded to a\n"
	"multiple of 4) and writes the printer's preflight report: page\n"
	"boxes, fonts, images with their effective resolution, colour\n"
	"spaces, the pages holding the disclaimer and the logos.\n"
	"  -o OUT.pdf        the print edition (default: out/NAME-print.pdf)\n"
	"  --report OUT.txt  the report (default: out/preflight.txt)\n"
	"  --style NAME|PATH the print style (default: bg13-print)\n"
	"Exit status: 0 every requirement met, 1 a requirement failed,\n"
	"2 usage error, 3 input error.\n";

/* What a command accepts, and what it was given. */
enum { OPT_OUT = 1, OPT_STYLE = 2, OPT_REPORT = 4, OPT_JSON = 8,
       OPT_PROOF = 16 };

typedef struct args {
	const char *command, *file, *out, *style, *report, *json, *proof;
} args;

/* The value of option NAME at argv[*i] ("NAME VALUE" or "NAME=VALUE"),
 * advancing *I; NULL when argv[*i] is another option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name,
                             int *missing)
{
	const char *s = argv[*i];
	size_t n = strlen(name);
	if (strncmp(s, name, n) != 0)
		return NULL;
	if (s[n] == '=')
		return s + n + 1;
	if (s[n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

static int parse(int argc, char **argv, args *a, int accepts,
                 const char *help)
{
	static const struct { int bit; const char *name; size_t off; } opts[] = {
		{OPT_OUT, "-o", offsetof(args, out)},
		{OPT_STYLE, "--style", offsetof(args, style)},
		{OPT_REPORT, "--report", offsetof(args, report)},
		{OPT_JSON, "--json", offsetof(args, json)},
		{OPT_PROOF, "--proof", offsetof(args, proof)},
	};
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i];
		if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
			fputs(help, stdout);
			exit(EXIT_OK);
		}
		int missing = 0, taken = 0;
		for (size_t k = 0; k < sizeof opts / sizeof *opts && !taken; k++) {
			if (!(accepts & opts[k].bit))
				continue;
			const char *v = opt_value(argc, argv, &i, opts[k].name,
			                          &missing);
			if (v) {
				*(const char **)((char *)a + opts[k].off) = v;
				taken = 1;
			}
		}
		if (taken)
			continue;
		if (missing) {
			fprintf(stderr, "folio: option '%s' needs a value\n%s", s,
			        help);
			return -1;
		}
		if (s[0] == '-' && s[1]) {
			fprintf(stderr, "folio: unknown option '%s'\n%s", s, help);
			return -1;
		}
		if (a->file) {
			fprintf(stderr, "folio: more than one input file\n");
			return -1;
		}
		a->file = s;
	}
	if (!a->file) {
		fprintf(stderr, "folio: no input file\n%s", help);
		return -1;
	}
	return 0;
}

static const char *datadir(void)
{
	const char *e = getenv("FOLIO_DATADIR");
	return e && *e ? e : FOLIO_DATADIR;
}

/* out/NAME<SUFFIX> for FILE, creating out/ when needed (heap). */
static char *default_out(const char *file, const char *suffix)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	size_t len = n + strlen(suffix) + 8;
	char *out = xmalloc(len);
	if (mkdir("out", 0755) != 0 && errno != EEXIST)
		fprintf(stderr, "folio: cannot create out/: %s\n",
		        strerror(errno));
	snprintf(out, len, "out/%.*s%s", (int)n, base, suffix);
	return out;
}

/* The hyphenation patterns for FILE: a set whose thread is already
 * loading, on another core while FILE is parsed, those of the languages
 * FILE's xml:lang attributes name (English always), and holds FILE's
 * bytes to hyphenate ahead once the style gives the minimums
 * (hyph_prewarm). A look at the bytes, not a parse: a wrong guess costs
 * the other core some work, a missed language is loaded when a word
 * asks. */
static hyph_set *hyph_for(const char *file)
{
	hyph_set *hy = hyph_new(NULL);
	const char *langs[3] = {"en"};
	size_t n = 1;
	unsigned char *buf = NULL;
	size_t len = 0;
	if (regfile_read(file, 32UL << 20, &buf, &len) == 0) {
		int bg = 0, us = 0;
		const char *p = (const char *)buf, *end = p + len;
		while ((p = memchr(p, ':', (size_t)(end - p))) && end - p > 12) {
			p++;
			if (memcmp(p, "lang=", 5) != 0)
				continue;
			const char *v = p + 6; /* past the quote */
			if (end - v > 5) {
				bg |= memcmp(v, "bg", 2) == 0;
				us |= memcmp(v, "en-US", 5) == 0 ||
				      memcmp(v, "en_US", 5) == 0;
			}
		}
		if (bg)
			langs[n++] = "bg";
		if (us)
			langs[n++] = "en-US";
	}
	hyph_prefetch(hy, langs, n, (char *)buf, len);
	return hy;
}

/* The main thread's heap, faulted in ahead by another thread.
 *
 * On the virtual machines folio is measured on, the first touch of a
 * page costs about 2.4 us (the kernel zeroes and charges it): the main
 * thread of a 50-page build touched 2,000 new pages, a tenth of its
 * time. Its heap only grows (keep_freed_memory), so blocks of about the
 * size it will grow by, allocated one after the other and freed at
 * once, are the free top of the heap that its next allocations take;
 * the style's thread, done early, asks the kernel to fault that in
 * (MADV_POPULATE_WRITE, which writes no byte: no race with the
 * allocations that meanwhile take it), in pages of 2 MB where it can
 * (the process's exit frees those faster too). The size comes from the
 * source's: a build's heap (glibc's arena, mallinfo2) grows to about
 * 6 MB and 34 times the source (the generated books of 50, 250 and
 * 2,000 pages: 10.9, 32.8 and 220 MB for 137 KB, 787 KB and 6.1 MB;
 * the report 11.7 MB for 156 KB), so PREFAULT_BASE plus
 * PREFAULT_PER_BYTE a byte is about what the build uses (with 1.5 MB
 * as the base, the main thread of a 50-page build still faulted in
 * 250 to 540 pages of its heap; now about 40); at most PREFAULT_MAX,
 * in blocks of PREFAULT_BLOCK, which glibc still takes from the heap
 * (its mmap threshold is 32 MB), contiguous there (else only the first
 * run of them is used). glibc only, and not under the sanitizers, whose
 * allocators keep freed blocks apart. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PREFAULT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define PREFAULT_SANITIZED 1
#endif
#endif
#define PREFAULT_BASE (6UL << 20)
#define PREFAULT_PER_BYTE 34
#define PREFAULT_BLOCK (24UL << 20)
#define PREFAULT_MAX (8 * PREFAULT_BLOCK)
#define PREFAULT_STEP (256UL << 10)

typedef struct prefault {
	char *p;                /* page-aligned, or NULL: nothing to do */
	size_t n;
	void *head;             /* the heap below the first 2 MB boundary of
	                         * the reserve, kept out of use (never touched),
	                         * or NULL */
	atomic_int stop;        /* set: stop after the step under way */
} prefault;

/* Makes PF the free top of the heap for a source of SRC_LEN bytes. */
static void prefault_reserve(prefault *pf, size_t src_len)
{
	pf->p = NULL;
	pf->n = 0;
	pf->head = NULL;
	atomic_init(&pf->stop, 0);
#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE) && \
    !defined(PREFAULT_SANITIZED)
	if (!src_len)
		return;
	size_t n = src_len > (PREFAULT_MAX - PREFAULT_BASE) / PREFAULT_PER_BYTE
	           ? PREFAULT_MAX : PREFAULT_BASE + src_len * PREFAULT_PER_BYTE;
	long pagesz = sysconf(_SC_PAGESIZE);
	if (n < PREFAULT_STEP || pagesz <= 0)
		return;
	char *blk[PREFAULT_MAX / PREFAULT_BLOCK];
	size_t nb = 0;
	uintptr_t start = 0, end = 0;
	for (size_t left = n; left > 0 && nb < sizeof blk / sizeof *blk;) {
		size_t m = left < PREFAULT_BLOCK ? left : PREFAULT_BLOCK;
		char *b = malloc(m);
		if (!b)
			break;
		blk[nb++] = b;
		left -= m;
		uintptr_t at = (uintptr_t)b;
		if (nb == 1)
			start = at;
		else if (at < end || at > end + 64)
			break; /* not right after the last: keep what runs on */
		end = at + m;
	}
	while (nb > 0)
		free(blk[--nb]); /* their place stays: the free top of the heap */
	uintptr_t pg = (uintptr_t)pagesz;
	uintptr_t a = (start + pg - 1) & ~(pg - 1);
#ifdef MADV_HUGEPAGE
	/* in pages of 2 MB where the kernel has them (transparent huge
	 * pages, "madvise" mode): faulted in and freed at exit 512 times
	 * fewer (10 MB touched and freed: 6.7 ms in 4 KB pages, 0.9 ms in
	 * 2 MB ones). The heap's next allocations come from the start of
	 * the free top, whose first 2 MB boundary may be up to 2 MB in: a
	 * block taken from the start up to that boundary (glibc's chunks:
	 * 16 bytes of header, 16-byte sizes) keeps them out of those 4 KB
	 * pages, which nothing then touches. */
	uintptr_t huge = 2UL << 20;
	uintptr_t hs = (start + huge - 1) & ~(huge - 1), he = end & ~(huge - 1);
	if (end > a && he > hs + huge &&
	    madvise((void *)hs, he - hs, MADV_HUGEPAGE) == 0 && hs > start) {
		pf->head = malloc(hs - start);
		if (pf->head == (void *)start)
			a = hs;
		else { /* not where it was */
			free(pf->head);
			pf->head = NULL;
		}
	}
#endif
	if (end > a) {
		pf->p = (char *)a;
		pf->n = (size_t)(end - a) & ~((size_t)pg - 1);
	}
#else
	(void)src_len;
#endif
}

/* Faults PF's pages in, a step at a time, until told to stop. */
static void prefault_run(prefault *pf)
{
#ifdef MADV_POPULATE_WRITE
	for (size_t o = 0; pf->p && o < pf->n &&
	     !atomic_load_explicit(&pf->stop, memory_order_relaxed);
	     o += PREFAULT_STEP) {
		size_t len = pf->n - o < PREFAULT_STEP ? pf->n - o : PREFAULT_STEP;
		if (madvise(pf->p + o, len, MADV_POPULATE_WRITE) != 0)
			break; /* an older kernel (before 5.14): never mind */
	}
#else
	(void)pf;
#endif
}

/* A house style and its fonts, opened on a thread while the document
 * loads: they do not depend on it (1.5 ms of a 50-page build). Their
 * messages are held until the caller knows whether to show them (not
 * when the document failed to load, as when they were opened after). */
typedef struct styled {
	arena ar;              /* the style's, then the layout's */
	const char *name;
	style *st;
	font_set fs;
	int ok;                /* st and fs are open */
	diag held;
	task t;
	/* then, with the style's minimums, the document's words are
	 * hyphenated ahead into HY (hyph_prewarm) */
	hyph_set *hy;
	/* the thread says it is done (it may still be exiting: waiting
	 * for its end in pthread_join took up to 6 ms on a busy machine) */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int done;
	prefault pf;           /* then it faults in the main thread's heap */
} styled;

static void *styled_main(void *arg)
{
	styled *s = arg;
	s->st = style_load(&s->ar, s->name, datadir(), &s->held);
	s->ok = s->st && font_set_open(&s->fs, s->st, &s->held) == 0;
	/* done first: waking the hyphenation thread may cost this one its
	 * core for milliseconds, and the layout waits for the style */
	int hyphenate = s->ok && s->hy && s->st->hyphenate;
	int left = hyphenate ? s->st->hyphen_left : 0;
	int right = hyphenate ? s->st->hyphen_right : 0;
	pthread_mutex_lock(&s->mu);
	s->done = 1;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	if (hyphenate)
		hyph_prewarm(s->hy, left, right);
	prefault_run(&s->pf);
	return NULL;
}

/* Starts opening style NAME into S, its messages meant for D; then, if
 * HY, letting HY hyphenate its document ahead with the style's
 * minimums; then faulting in the heap the layout of a source of SRC_LEN
 * bytes will take (0: none). */
static void styled_start(styled *s, const char *name, const diag *d,
                         hyph_set *hy, size_t src_len)
{
	memset(s, 0, sizeof *s);
	arena_init(&s->ar);
	s->name = name;
	s->hy = hy;
	prefault_reserve(&s->pf, src_len);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	diag_hold(&s->held, d);
	task_start(&s->t, styled_main, s);
}

/* Waits until S is open; its messages go to D when KEEP, else are
 * dropped. Returns S->ok. */
static int styled_join(styled *s, diag *d, int keep)
{
	pthread_mutex_lock(&s->mu);
	while (!s->done)
		pthread_cond_wait(&s->cv, &s->mu);
	pthread_mutex_unlock(&s->mu);
	diag_release(&s->held, d, keep);
	return s->ok;
}

/* Joins S's thread, long done by then: before the PDF writer forks
 * (an exiting thread may hold an allocator lock the child would find
 * taken). */
static void styled_reap(styled *s)
{
	atomic_store_explicit(&s->pf.stop, 1, memory_order_relaxed);
	task_join(&s->t);
}

static void styled_free(styled *s)
{
	styled_reap(s);
	free(s->pf.head);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	if (s->ok)
		font_set_free(&s->fs);
	arena_free(&s->ar);
}

/* Typesets DC in the style and fonts of STY (joined), whose schema check
 * CHK (or NULL) may still be running: the layout goes on meanwhile, its
 * messages held until the check has passed the document, and nothing is
 * written unless it does. */
static int typeset(doc *dc, load_check *chk, styled *sty,
                   const layout_opts *lo_in, hyph_set *hy, const char *out,
                   const char *preflight, diag *d)
{
	layout_opts lo = {0};
	if (lo_in)
		lo = *lo_in;
	lo.hyph = hy;
	lo.stop = load_check_flag(chk);
	int rc = EXIT_INPUT;
	page_doc *pd = NULL;
	style *st = sty->st;
	int laid = -1;
	if (sty->ok) {
		diag held;
		diag_hold(&held, d);
		laid = layout_document_opts(&sty->ar, dc, st, &sty->fs, &held,
		                            &lo, &pd);
		/* no thread loads patterns or opens the style while the PDF
		 * writer forks its image checker (a short document may need
		 * none); the style's thread first, which may still be giving
		 * the patterns' thread its minimums */
		styled_reap(sty);
		hyph_settle(hy);
		int invalid = load_check_wait(chk, d) != 0;
		diag_release(&held, d, !invalid);
		if (invalid && laid == 0)
			layout_free(pd);
		if (invalid)
			laid = -1;
	} else {
		load_check_wait(chk, d);
	}
	if (laid == 0) {
		pdf_opts o = {0};
		const char *epoch = getenv("SOURCE_DATE_EPOCH");
		o.epoch = epoch && *epoch ? atoll(epoch) : -1;
		pdf_record rec;
		if (pdf_write_record(pd, &sty->fs, st, out, &o, &rec, d) == 0) {
			rc = EXIT_OK;
			if (preflight) {
				int failed = preflight_write(&rec, pd, st, out,
				                             preflight, d);
				rc = failed < 0 ? EXIT_INPUT
				     : failed ? EXIT_FINDINGS : EXIT_OK;
			}
			pdf_record_free(&rec);
		}
		layout_free(pd);
	}
	return rc;
}

/* Loads A's file and typesets it in A's style or STYLE_NAME, to A's
 * output or FILE with SUFFIX in out/; with a preflight report (A's, or
 * out/preflight.txt) when PREFLIGHT. The hyphenation patterns and the
 * style with its fonts are made ready on other threads while the file is
 * parsed; the schema check runs on another while the document is laid
 * out. */
static int load_and_typeset(const args *a, const char *style_name,
                            const char *suffix, int preflight)
{
	diag d;
	diag_init(&d, stderr);
	hyph_set *hy = hyph_for(a->file);
	struct stat sb;
	size_t src_len = stat(a->file, &sb) == 0 && sb.st_size > 0
	                 ? (size_t)sb.st_size : 0;
	styled sty;
	styled_start(&sty, a->style ? a->style : style_name, &d, hy, src_len);
	load_check *chk;
	doc *dc = load_file_checking(a->file, &d, &chk);
	int rc = EXIT_INPUT;
	styled_join(&sty, &d, dc != NULL);
	if (dc) {
		char *out = a->out ? NULL : default_out(a->file, suffix);
		char *rep = preflight && !a->report
		            ? default_out("preflight", ".txt") : NULL;
		rc = typeset(dc, chk, &sty, NULL, hy, a->out ? a->out : out,
		             !preflight ? NULL : a->report ? a->report : rep, &d);
		free(out);
		free(rep);
		doc_free(dc);
	}
	styled_free(&sty);
	hyph_free(hy);
	return rc;
}

static int cmd_pdf(const args *a)
{
	return load_and_typeset(a, "bg13", ".pdf", 0);
}

static int cmd_check(const args *a)
{
	diag d;
	diag_init(&d, stderr);
	doc *dc = load_file(a->file, &d);
	if (!dc)
		return EXIT_INPUT;
	doc_free(dc);
	return d.errors ? EXIT_INPUT : EXIT_OK;
}

static int cmd_preflight(const args *a)
{
	return load_and_typeset(a, "bg13-print", "-print.pdf", 1);
}

/* The proof: the document laid out as by 'folio pdf', every finding
 * marked on its word, their count stamped on the first page. */
static int proof(doc *dc, const spell_result *r, const args *a, diag *d)
{
	layout_mark *marks = xcalloc(r->nfindings + 1, sizeof *marks);
	for (size_t i = 0; i < r->nfindings; i++) {
		const spell_finding *f = &r->findings[i];
		marks[i].node = f->node_idx;
		marks[i].byte = f->byte;
		marks[i].len = f->len;
		marks[i].note = f->suggest && *f->suggest ? f->suggest
		                : "(no suggestion)";
	}
	char banner[128];
	snprintf(banner, sizeof banner, "PROOF · %zu spelling finding%s "
	         "(folio spell)", r->nfindings, r->nfindings == 1 ? "" : "s");
	layout_opts lo = {marks, r->nfindings, banner, NULL, NULL};
	styled sty;
	styled_start(&sty, a->style ? a->style : "bg13", d, NULL, 0);
	styled_join(&sty, d, 1);
	int rc = typeset(dc, NULL, &sty, &lo, NULL, a->proof, NULL, d);
	styled_free(&sty);
	free(marks);
	return rc;
}

/* folio spell: the report on stdout (and in --report), --json, --proof. */
static int cmd_spell(const args *a)
{
	diag d;
	diag_init(&d, stderr);
	doc *dc = load_file(a->file, &d);
	if (!dc)
		return EXIT_INPUT;
	spell_opts o;
	spell_opts_init(&o);
	spell_checker *sc = spell_open(&o);
	spell_result *r = NULL;
	int rc = EXIT_INPUT;
	if (spell_check(sc, dc, &d, &r) == 0) {
		int ok = spell_write_text(r, stdout) == 0 && fflush(stdout) == 0;
		if (!ok)
			fprintf(stderr, "folio: cannot write the report to "
			        "stdout\n");
		if (a->report && spell_save(r, a->report, 0, &d))
			ok = 0;
		if (a->json && spell_save(r, a->json, 1, &d))
			ok = 0;
		if (a->proof && proof(dc, r, a, &d) != EXIT_OK)
			ok = 0;
		if (ok)
			rc = r->nfindings ? EXIT_FINDINGS : EXIT_OK;
		spell_result_free(r);
	}
	spell_close(sc);
	doc_free(dc);
	return rc;
}

/* folio runs once and exits: memory it frees is better kept for its
 * next use than handed back to the kernel and faulted in again. glibc
 * maps blocks from 128 KB up (arena blocks, page and item arrays) on
 * their own and unmaps them when freed, and trims the heap's top: every
 * pass of the layout then touched fresh pages (page faults were a fifth
 * of the time; 2,000 pages: 100,000 faults, 55,000 with this). The
 * peak is unchanged: what is kept is reused. */
static void keep_freed_memory(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 32 << 20); /* glibc's largest */
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

int main(int argc, char **argv)
{
	keep_freed_memory();
	task_keep_core(); /* before any thread */
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	static const struct {
		const char *name;
		int accepts;
		const char *help;
		int (*run)(const args *);
	} commands[] = {
		{"pdf", OPT_OUT | OPT_STYLE, pdf_help, cmd_pdf},
		{"check", OPT_STYLE, check_help, cmd_check},
		{"spell", OPT_REPORT | OPT_JSON | OPT_PROOF | OPT_STYLE,
		 spell_help, cmd_spell},
		{"preflight", OPT_OUT | OPT_REPORT | OPT_STYLE, preflight_help,
		 cmd_preflight},
	};
	atomic_signals();
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		args a = {0};
		a.command = argv[1];
		if (parse(argc, argv, &a, commands[i].accepts, commands[i].help))
			return EXIT_USAGE;
		return commands[i].run(&a);
	}
	fprintf(stderr, "folio: unknown command '%s'\n%s", argv[1], usage_text);
	return EXIT_USAGE;
}
