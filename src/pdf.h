/* pdf — writes laid-out pages as a PDF with libharu.
 *
 * Owns: the libharu document for the duration of pdf_write; nothing
 * outlives the call. The only module that knows libharu (with pdfx.c for
 * the internals libharu 2.3.0 has no public API for). Fonts are embedded
 * as subset TrueType through libharu's UTF-8 encoder; every text run is
 * placed at its own position, so justification never relies on PDF word
 * spacing. The file is written to a temporary name in the target folder
 * and renamed into place: a failed build leaves the previous file. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H
#include "diag.h"
#include "font.h"
#include "page.h"
#include "style.h"

typedef struct pdf_opts {
	const char *date;        /* "YYYY-MM-DD..." or NULL: creation date */
	long long epoch;         /* SOURCE_DATE_EPOCH, or -1 */
} pdf_opts;

/* Writes PD to PATH atomically. Returns 0, or -1 after reporting. */
int pdf_write(const page_doc *pd, font_set *fs, const style *s,
              const char *path, const pdf_opts *o, diag *d);

#endif
