/* fuzz_folio — libFuzzer target over folio's whole pipeline: load (XML
 * parse, schema, ids), layout (flow, line breaking, pages) and the PDF
 * writer, each input a DocBook source. As in folio pdf, the layout runs
 * while the schema check does, so that it meets invalid trees too. Built by `make fuzz` (clang
 * -fsanitize=fuzzer,address,undefined, every module but main.c); see
 * tests/fuzz/README.md.
 *
 * The style of a run follows from the input, so that a saved input
 * always reproduces with it: a document with partner logos
 * (role="logo") is set in bg13 or bg13-print, any other in plain or
 * tests/fuzz/fuzz-print.style (bleed, crop marks, CMYK), by the parity
 * of its length (bg13 would refuse it at once for its missing logos).
 * tests/e2e/fuzz-regress.sh picks the same way. Styles and their fonts
 * are opened once and kept: they are the program's fixed configuration,
 * not input. Relative image references resolve in report/ (the report's
 * images) and the PDF goes to a temporary file under /dev/shm (or /tmp),
 * removed after each run. Diagnostics are counted, not printed, unless
 * FOLIO_FUZZ_VERBOSE is set; a "PDF writer error" (libharu refusing
 * what folio gave it) aborts, so that the fuzzer keeps the input. So
 * does a tree that the schema's tables pass and libxml2's RelaxNG
 * validator fails (valid.h): each input is also parsed as it is, without
 * folio's loader, and given to both. */
#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "layout.h"
#include "load.h"
#include "pdf.h"
#include "style.h"
#include "valid.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FOLIO_DATADIR
#define FOLIO_DATADIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const style_names[] = {
	"plain", "tests/fuzz/fuzz-print.style", "bg13", "bg13-print"};
#define NSTYLES (sizeof style_names / sizeof *style_names)

static struct {
	arena ar;
	style *st;
	font_set fs;
	int open;            /* 1: ready, -1: failed to open */
} styles[NSTYLES];

static char out_path[256];
static char doc_dir[4096];

static void setup(void)
{
	if (out_path[0])
		return;
	const char *shm = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(out_path, sizeof out_path, "%s/folio-fuzz-%ld.pdf", shm,
	         (long)getpid());
	const char *dd = getenv("FOLIO_DATADIR");
	snprintf(doc_dir, sizeof doc_dir, "%s/report",
	         dd && *dd ? dd : FOLIO_DATADIR);
}

static int style_for(size_t k, diag *d)
{
	if (!styles[k].open) {
		arena_init(&styles[k].ar);
		const char *dd = getenv("FOLIO_DATADIR");
		dd = dd && *dd ? dd : FOLIO_DATADIR;
		char path[4096];
		const char *name = style_names[k];
		if (strchr(name, '/')) {
			snprintf(path, sizeof path, "%s/%s", dd, name);
			name = path;
		}
		styles[k].st = style_load(&styles[k].ar, name, dd, d);
		styles[k].open = styles[k].st &&
		                 font_set_open(&styles[k].fs, styles[k].st, d) == 0
		                 ? 1 : -1;
		if (styles[k].open < 0) {
			fprintf(stderr, "fuzz_folio: cannot open style '%s' "
			        "(run from the repository)\n", style_names[k]);
			abort();
		}
	}
	return 0;
}

static void quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* Aborts if the tables pass DATA's tree and libxml2 fails it. */
static void tables_sound(const uint8_t *data, size_t size)
{
	static xmlRelaxNGPtr rng;
	if (!rng) {
		xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
			load_schema_rng, (int)load_schema_rng_len);
		rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		if (!rng)
			abort();
	}
	if (size > 1 << 20)
		return;
	xmlSetStructuredErrorFunc(NULL, quiet);
	xmlDocPtr x = xmlReadMemory((const char *)data, (int)size, "fuzz.xml",
	                            NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA |
	                            XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (x && valid_doc(x)) {
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
		xmlRelaxNGSetValidStructuredErrors(vc, quiet, NULL);
		int fails = xmlRelaxNGValidateDoc(vc, x) != 0;
		xmlRelaxNGFreeValidCtxt(vc);
		if (fails) {
			fprintf(stderr, "fuzz_folio: the schema's tables pass "
			        "a tree libxml2 fails\n");
			abort();
		}
	}
	xmlFreeDoc(x);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	tables_sound(data, size);
	diag d;
	diag_init(&d, getenv("FOLIO_FUZZ_VERBOSE") ? stderr : NULL);
	/* as folio pdf does: the layout runs beside the schema check, on a
	 * tree the schema may yet refuse */
	load_check *chk;
	doc *dc = load_memory_checking("fuzz.xml", doc_dir, (const char *)data,
	                               size, &d, &chk);
	if (!dc)
		return 0;
	int logos = 0;
	for (size_t i = 0; i + 11 <= size && !logos; i++)
		logos = memcmp(data + i, "role=\"logo\"", 11) == 0;
	size_t k = (logos ? 2 : 0) + size % 2;
	style_for(k, &d);
	arena ar;
	arena_init(&ar);
	page_doc *pd = NULL;
	layout_opts lo = {.stop = load_check_flag(chk)};
	int laid = layout_document_opts(&ar, dc, styles[k].st, &styles[k].fs,
	                                &d, &lo, &pd);
	if (load_check_wait(chk, &d) != 0 && laid == 0) {
		layout_free(pd);
		laid = -1;
	}
	if (laid == 0) {
		pdf_opts o = {.epoch = 1509494400};
		/* the writer's messages are kept: libharu refusing what folio
		 * gave it ("PDF writer error") is a finding, never the
		 * input's fault */
		char *msg = NULL;
		size_t msglen = 0;
		FILE *mf = open_memstream(&msg, &msglen);
		diag dp;
		diag_init(&dp, mf);
		int rc = pdf_write(pd, &styles[k].fs, styles[k].st, out_path, &o,
		                   &dp);
		if (mf)
			fclose(mf);
		unlink(out_path);
		if (rc && msg && strstr(msg, "PDF writer error")) {
			fprintf(stderr, "fuzz_folio: %s", msg);
			abort();
		}
		free(msg);
		layout_free(pd);
	}
	arena_free(&ar);
	doc_free(dc);
	return 0;
}
