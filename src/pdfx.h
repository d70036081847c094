/* pdfx — the few libharu 2.3.0 internals folio needs, in one place:
 * Unicode text strings (UTF-16BE) in the info dictionary and outlines,
 * the catalog's /Lang and the trailer's /ID. Owns nothing. */
#ifndef FOLIO_PDFX_H
#define FOLIO_PDFX_H
#include <hpdf.h>

/* Sets KEY of the document info dictionary to UTF-8 text VALUE. */
HPDF_STATUS pdfx_set_info(HPDF_Doc pdf, const char *key, const char *value);
/* Sets an outline's /Title to UTF-8 text TITLE. */
HPDF_STATUS pdfx_set_outline_title(HPDF_Doc pdf, HPDF_Outline o,
                                   const char *title);
/* Sets the catalog's /Lang. */
HPDF_STATUS pdfx_set_lang(HPDF_Doc pdf, const char *lang);
/* Sets a page box (KEY "TrimBox", "BleedBox", ...) of PAGE, in points
 * from the media box's lower-left corner. libharu 2.3.0 has no setter. */
HPDF_STATUS pdfx_set_box(HPDF_Doc pdf, HPDF_Page page, const char *key,
                         double left, double bottom, double right,
                         double top);
/* Sets the trailer's /ID to two copies of the 16 bytes ID. */
HPDF_STATUS pdfx_set_id(HPDF_Doc pdf, const unsigned char id[16]);

#endif
