/* preflight — the printer's report on a print edition.
 *
 * Owns nothing: it reads folio's own record of what the PDF writer
 * placed (pdf_record) and the style's requirements, writes the report
 * atomically, and counts the requirements that fail: page boxes on every
 * page, page count a multiple of the style's pad-to, fonts embedded,
 * colours in CMYK when the style asks, the disclaimer on the imprint page
 * and the back cover, the logos on the front cover; images under 300 dpi
 * are warnings. */
#ifndef FOLIO_PREFLIGHT_H
#define FOLIO_PREFLIGHT_H
#include "diag.h"
#include "page.h"
#include "pdf.h"
#include "style.h"

/* Writes the report on PDF_PATH to REPORT_PATH. Returns the number of
 * failed requirements, or -1 when the report cannot be written. */
int preflight_write(const pdf_record *r, const page_doc *pd,
                    const style *s, const char *pdf_path,
                    const char *report_path, diag *d);

#endif
