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
 * what folio gave it) aborts, so that the fuzzer keeps the input. */
#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "layout.h"
#include "load.h"
#include "pdf.h"
#include "style.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
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
