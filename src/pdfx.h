/* pdfx — the few libharu 2.3.0 internals folio needs, in one place:
 * Unicode text strings (UTF-16BE) in the info dictionary and outlines,
 * the catalog's /Lang, the trailer's /ID, page boxes, PDF/A metadata,
 * the page resource names and numbers of the content operators folio
 * writes, and content streams compressed by folio. Owns nothing. */
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
/* The name PAGE's resources give FONT ("F1", "F2", ...: no character
 * a PDF name must escape), adding FONT to them on first use. folio
 * writes every content operator itself, without libharu's page
 * functions (each costs thousands of instructions), so a Tf needs only
 * the name. On failure libharu's error handler runs, then NULL. */
const char *pdfx_font_name(HPDF_Page page, HPDF_Font font);
/* The same for IMAGE in PAGE's /XObject resources ("X1", ...), for Do. */
const char *pdfx_image_name(HPDF_Page page, HPDF_Image image);
/* Appends V as libharu's page functions wrote a number (HPDF_FToA: V
 * as a float, within +-32767, at most five decimals, no trailing zero;
 * a NaN as 0). The operators folio writes in their place keep their
 * bytes, and the pages render as before to the pixel: three decimals
 * moved anti-aliased edges of vector art and of scaled text. */
void pdfx_put_real(sbuf *b, double v);
/* Makes DATA[0..len), zlib data the caller compressed (the whole content
 * folio wrote for the page), PAGE's content stream with /Filter
 * /FlateDecode; libharu writes it as it is. Call it once a page, with
 * nothing else written to PAGE's stream: folio uses no libharu function
 * that draws. */
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
