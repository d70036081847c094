/* main — folio's command line: parses arguments, runs the stages in
 * order (load → style → fonts → layout → pdf) and maps their outcome to
 * the documented exit status. The only place that exits. */
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "layout.h"
#include "load.h"
#include "pdf.h"
#include "spell.h"
#include "style.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR "."
#endif

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_INPUT = 3 };

static const char usage_text[] =
	"usage: folio COMMAND [options] FILE.xml\n"
	"\n"
	"commands:\n"
	"  pdf     typeset FILE into a PDF\n"
	"  check   load and validate FILE only\n"
	"  spell   check the spelling of FILE's text\n"
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
	"usage: folio check [--style NAME|PATH] FILE.xml\n"
	"\n"
	"Loads FILE, validates it against folio's DocBook subset schema and\n"
	"checks ids and cross-references; writes nothing. Exit status 0 when\n"
	"valid, 3 with file:line:col diagnostics when not.\n";

static const char spell_help[] =
	"usage: folio spell [--report OUT.txt] [--json OUT.json] "
	"[--proof OUT.pdf] FILE.xml\n"
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
	"  --proof OUT.pdf   the laid-out document with the findings marked\n"
	"                    (not available yet)\n"
	"Exit status: 0 no findings, 1 findings, 2 usage error, 3 input error.\n";

typedef struct args {
	const char *command, *file, *out, *style;
} args;

static int parse(int argc, char **argv, args *a, const char *help)
{
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i];
		if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
			fputs(help, stdout);
			exit(EXIT_OK);
		} else if (strcmp(s, "-o") == 0 && i + 1 < argc) {
			a->out = argv[++i];
		} else if (strcmp(s, "--style") == 0 && i + 1 < argc) {
			a->style = argv[++i];
		} else if (strncmp(s, "--style=", 8) == 0) {
			a->style = s + 8;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, "folio: unknown option '%s'\n%s", s, help);
			return -1;
		} else if (!a->file) {
			a->file = s;
		} else {
			fprintf(stderr, "folio: more than one input file\n");
			return -1;
		}
	}
	if (!a->file) {
		fprintf(stderr, "folio: no input file\n%s", help);
		return -1;
	}
	return 0;
}

typedef struct spell_args {
	const char *file, *report, *json, *proof;
} spell_args;

/* The value of option NAME at argv[*i] ("--name VALUE" or
 * "--name=VALUE"), advancing *I; NULL when argv[*i] is another option. */
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

static int parse_spell(int argc, char **argv, spell_args *a)
{
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i], *v;
		int missing = 0;
		if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
			fputs(spell_help, stdout);
			exit(EXIT_OK);
		} else if ((v = opt_value(argc, argv, &i, "--report", &missing))) {
			a->report = v;
		} else if ((v = opt_value(argc, argv, &i, "--json", &missing))) {
			a->json = v;
		} else if ((v = opt_value(argc, argv, &i, "--proof", &missing))) {
			a->proof = v;
		} else if (missing) {
			fprintf(stderr, "folio: option '%s' needs a file name\n%s",
			        s, spell_help);
			return -1;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, "folio: unknown option '%s'\n%s", s,
			        spell_help);
			return -1;
		} else if (!a->file) {
			a->file = s;
		} else {
			fprintf(stderr, "folio: more than one input file\n");
			return -1;
		}
	}
	if (!a->file) {
		fprintf(stderr, "folio: no input file\n%s", spell_help);
		return -1;
	}
	return 0;
}

/* folio spell: the report on stdout (and in --report), --json. */
static int cmd_spell(const spell_args *a)
{
	diag d;
	diag_init(&d, stderr);
	if (a->proof)
		fprintf(stderr, "folio: --proof is not available yet\n");
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
		if (ok)
			rc = r->nfindings ? EXIT_FINDINGS : EXIT_OK;
		spell_result_free(r);
	}
	spell_close(sc);
	doc_free(dc);
	return rc;
}

static const char *datadir(void)
{
	const char *e = getenv("FOLIO_DATADIR");
	return e && *e ? e : FOLIO_DATADIR;
}

/* out/NAME.pdf for FILE, creating out/ when needed. */
static char *default_out(const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	char *out = malloc(n + 16);
	if (!out)
		return NULL;
	if (mkdir("out", 0755) != 0 && errno != EEXIST)
		fprintf(stderr, "folio: cannot create out/: %s\n",
		        strerror(errno));
	snprintf(out, n + 16, "out/%.*s.pdf", (int)n, base);
	return out;
}

static int cmd_pdf(const args *a, int check_only)
{
	diag d;
	diag_init(&d, stderr);
	doc *dc = load_file(a->file, &d);
	if (!dc)
		return EXIT_INPUT;
	if (check_only) {
		doc_free(dc);
		return d.errors ? EXIT_INPUT : EXIT_OK;
	}
	arena ar;
	arena_init(&ar);
	int rc = EXIT_INPUT;
	font_set fs;
	page_doc *pd = NULL;
	style *st = style_load(&ar, a->style ? a->style : "bg13", datadir(), &d);
	if (!st)
		goto done;
	if (font_set_open(&fs, st, &d))
		goto done;
	if (layout_document(&ar, dc, st, &fs, &d, &pd) == 0) {
		char *out = a->out ? NULL : default_out(a->file);
		pdf_opts o = {0};
		const char *epoch = getenv("SOURCE_DATE_EPOCH");
		o.epoch = epoch && *epoch ? atoll(epoch) : -1;
		if (pdf_write(pd, &fs, st, a->out ? a->out : out, &o, &d) == 0)
			rc = EXIT_OK;
		free(out);
		layout_free(pd);
	}
	font_set_free(&fs);
done:
	arena_free(&ar);
	doc_free(dc);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	args a = {0};
	a.command = argv[1];
	if (strcmp(a.command, "pdf") == 0) {
		if (parse(argc, argv, &a, pdf_help))
			return EXIT_USAGE;
		return cmd_pdf(&a, 0);
	}
	if (strcmp(a.command, "check") == 0) {
		if (parse(argc, argv, &a, check_help))
			return EXIT_USAGE;
		return cmd_pdf(&a, 1);
	}
	if (strcmp(a.command, "spell") == 0) {
		spell_args sa = {0};
		if (parse_spell(argc, argv, &sa))
			return EXIT_USAGE;
		return cmd_spell(&sa);
	}
	fprintf(stderr, "folio: unknown command '%s'\n%s", a.command,
	        usage_text);
	return EXIT_USAGE;
}
