/* pdfx — the few libharu 2.3.0 internals folio needs, in one place:
 * Unicode text strings (UTF-16BE) in the info dictionary and outlines,
 * the catalog's /Lang, the trailer's /ID, page boxes, PDF/A metadata,
 * raw content operators and content streams compressed by folio. Owns
 * nothing. */
#ifndef FOLIO_PDFX_H
#define FOLIO_PDFX_H
#include <hpdf.h>
#include "arena.h"

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
/* Document facts the XMP packet repeats from the info dictionary. */
typedef struct pdfx_xmp {
	const char *title, *author, *subject, *keywords, *lang;
	const char *date;        /* ISO 8601, e.g. 2017-11-01T00:00:00Z */
	const char *producer;
} pdfx_xmp;
/* Makes the document a PDF/A-1b candidate: PDF 1.4, an XMP metadata
 * stream (escaped, unfiltered) and an sRGB output intent from the ICC
 * profile at ICC. Returns 0, or -1 when the profile cannot be read. */
int pdfx_pdfa1b(HPDF_Doc pdf, const pdfx_xmp *x, const char *icc);
/* Sets an annotation's /Contents (or another text KEY) to UTF-8 text. */
HPDF_STATUS pdfx_set_text(HPDF_Doc pdf, HPDF_Dict dict, const char *key,
                          const char *value);
/* Sets an annotation's /F flags (4: print, as PDF/A wants). */
HPDF_STATUS pdfx_annot_flags(HPDF_Annotation a, int flags);
/* Replaces the ToUnicode CMap libharu 2.3.0 gives a UTF-8 TrueType font
 * (a non-standard cidrange) by a standard one: its 2-byte codes are the
 * characters' Unicode values, so the map is the identity, written as
 * bfranges. The map is the same for every font: made once into *SHARED
 * (NULL at first) and referred to by the others. */
HPDF_STATUS pdfx_fix_tounicode(HPDF_Doc pdf, HPDF_Font font,
                               HPDF_Dict *shared);
/* Moves the operators libharu's page functions wrote to PAGE's content
 * stream so far to the end of OUT, and empties the stream. folio writes
 * the text itself (one TJ a line: libharu 2.3.0 has no TJ) into OUT and
 * compresses the whole (pdfx_put_content). */
void pdfx_move_content(HPDF_Page page, sbuf *out);
/* Makes DATA[0..len), zlib data the caller compressed, PAGE's content
 * stream with /Filter /FlateDecode; libharu writes it as it is. PAGE's
 * stream must be empty (pdfx_move_content). */
HPDF_STATUS pdfx_put_content(HPDF_Page page, const void *data, size_t len);
/* HPDF_GetFont(PDF, NAME, "UTF-8") for a TrueType font loaded from a
 * file, without the 65,536 cmap look-ups libharu 2.3.0 makes for /W and
 * the CIDToGIDMap: pdfx_font_finish must then write both. */
HPDF_Font pdfx_get_font(HPDF_Doc pdf, const char *name);
/* Writes FONT's /W and CIDToGIDMap for the characters in USED (a bit per
 * BMP code point, the codes the content streams show; NULL: none), once
 * the pages are drawn. Smaller than libharu's maps of every character. */
HPDF_STATUS pdfx_font_finish(HPDF_Font font, const unsigned char *used);
/* Takes FONT's embedded font file (the subset of the glyphs used so
 * far, which libharu otherwise makes and compresses with zlib when the
 * PDF is saved): its bytes in a malloc'd block, *LEN of them, or NULL
 * when FONT embeds no TrueType file. Draw nothing more in FONT after. */
unsigned char *pdfx_take_font_file(HPDF_Font font, size_t *len);
/* Makes DATA[0..len), the taken font file compressed by the caller in
 * zlib format, FONT's font file stream. */
HPDF_STATUS pdfx_put_font_file(HPDF_Font font, const void *data,
                               size_t len);
/* Sets the trailer's /ID to two copies of the 16 bytes ID. */
HPDF_STATUS pdfx_set_id(HPDF_Doc pdf, const unsigned char id[16]);

#endif
