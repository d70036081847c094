/* pdfx — the few libharu 2.3.0 internals folio needs, in one place:
 * Unicode text strings (UTF-16BE) in the info dictionary and outlines,
 * the catalog's /Lang, the trailer's /ID, page boxes, PDF/A metadata,
 * the page resource names and numbers of the content operators folio
 * writes, content streams compressed by folio, and the embedded
 * TrueType fonts (dictionaries by folio, subsets by hb-subset). Owns
 * nothing. */
#ifndef FOLIO_PDFX_H
#define FOLIO_PDFX_H
#include <hpdf.h>
#include "arena.h"

struct hb_font_t;

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
/* DATA is not copied: libharu reads it when it saves the document, and
 * it must stay until then. */
/* A Type0 font (Identity-H; a CIDFontType2 descendant, its descriptor
 * and the shared ToUnicode CMap, made once into *TOUNICODE, NULL at
 * first: codes are Unicode values, so the map is the identity) for the
 * TrueType font HB (HarfBuzz, its scale the units per em), built by
 * folio in place of libharu's TrueType loader, which parsed the whole
 * file through a byte-copying stream. A dictionary of libharu's font
 * class, which HPDF_Page_GetLocalFontName accepts; no HPDF_Font_
 * function may be given it. A font whose licence forbids embedding or
 * subsetting is refused as libharu refused it. On failure libharu's
 * error handler runs, then NULL. */
HPDF_Font pdfx_font_new(HPDF_Doc pdf, struct hb_font_t *hb,
                        HPDF_Dict *tounicode);
/* The streams of a font that pdfx_font_subset makes and the caller
 * compresses (zlib format, as pages are: pdfx_put_font_stream): the
 * subset font file, the CIDToGIDMap and the CIDSet. Malloc'd blocks. */
enum { PDFX_FONT_FILE, PDFX_FONT_MAP, PDFX_FONT_SET, PDFX_FONT_NSTREAMS };
typedef struct pdfx_font_streams {
	unsigned char *data[PDFX_FONT_NSTREAMS];
	size_t len[PDFX_FONT_NSTREAMS];
} pdfx_font_streams;
/* The streams of the TrueType font HB for the characters in USED (a bit
 * per BMP code point, the codes the content streams show; NULL: none):
 * the subset of their glyphs (HarfBuzz's hb-subset: .notdef and its
 * outline kept, hinting kept, the glyphs renumbered), the CIDToGIDMap
 * into it and the CIDSet (the CIDs the subset has, as PDF/A-1 wants).
 * Returns 0 with them in *OUT, the caller's to compress and free, or -1
 * with *OUT empty when HarfBuzz cannot subset the font. Uses HarfBuzz
 * only, no libharu: another thread may run it while the pages are
 * drawn. */
int pdfx_font_subset(struct hb_font_t *hb, const unsigned char *used,
                     pdfx_font_streams *out);
/* Completes FONT, made by pdfx_font_new for HB, once the pages are
 * drawn, for the characters in USED and STREAMS, pdfx_font_subset's for
 * them: /W for those codes, widths as libharu had them; the names,
 * tagged as a subset (six letters from the name and USED, SERIAL below
 * 64 telling the fonts of one document apart); /Length1. Returns 0; on
 * failure (STREAMS empty: no subset) libharu's error handler runs, then
 * -1. */
int pdfx_font_finish(HPDF_Font font, struct hb_font_t *hb,
                     const unsigned char *used, unsigned serial,
                     const pdfx_font_streams *streams);
/* Frees S's blocks (those not handed on) and empties it. */
void pdfx_font_streams_free(pdfx_font_streams *s);
/* Saves PDF through WRITE(ARG, bytes, n), called with the document's
 * bytes in order as libharu makes them (HPDF_SaveToStream would gather
 * them in its memory, copying each byte in a loop). A nonzero return from
 * WRITE stops the save: then HPDF_FILE_IO_ERROR is returned (libharu's
 * error handler does not run). Otherwise returns libharu's status. */
HPDF_STATUS pdfx_save(HPDF_Doc pdf,
                      int (*write)(void *arg, const void *p, size_t n),
                      void *arg);
/* FONT's /BaseFont, once pdfx_font_finish named it, or "". */
const char *pdfx_font_basename(HPDF_Font font);
/* Makes DATA[0..len), stream WHICH (PDFX_FONT_FILE, _MAP or _SET) of
 * pdfx_font_finish compressed by the caller in zlib format, FONT's
 * /FontFile2, /CIDToGIDMap or /CIDSet stream. DATA is not copied (as
 * with pdfx_put_content). */
HPDF_STATUS pdfx_put_font_stream(HPDF_Font font, int which,
                                 const void *data, size_t len);
/* Sets the trailer's /ID to two copies of the 16 bytes ID. */
HPDF_STATUS pdfx_set_id(HPDF_Doc pdf, const unsigned char id[16]);

#endif
