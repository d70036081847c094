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
	long long epoch;         /* SOURCE_DATE_EPOCH, or -1 */
} pdf_opts;

/* What the writer placed, for the printer's preflight report. */
typedef struct pdf_image_rec {
	const char *path;
	int page;                /* index */
	int px_w, px_h;          /* pixels */
	double w, h;             /* placed size, points */
	char colorspace[16];
} pdf_image_rec;

typedef struct pdf_record {
	double media_w, media_h; /* points */
	double trim[4], bleed[4];/* left, bottom, right, top in media space */
	int boxes;               /* TrimBox and BleedBox written on each page */
	size_t npages;
	const char *fonts[FONT_NROLES * STYLE_MAX_FALLBACKS]; /* face paths */
	char font_names[FONT_NROLES * STYLE_MAX_FALLBACKS][64];
	int nfonts;
	pdf_image_rec *images;   /* heap */
	size_t nimages;
	size_t vector_art;       /* SVG placements */
	long rgb_ops, cmyk_ops;  /* colour operators written */
	int *disclaimer_pages;   /* heap; page indices with the disclaimer */
	size_t ndisclaimer;
	int *logo_pages;         /* heap; pages with partner and funder logos */
	size_t nlogo;
	int crop_marks;
	size_t marks;            /* proof annotations */
} pdf_record;

/* Writes PD to PATH atomically. Returns 0, or -1 after reporting. */
int pdf_write(const page_doc *pd, font_set *fs, const style *s,
              const char *path, const pdf_opts *o, diag *d);
/* The same, recording what was placed into REC (free it with
 * pdf_record_free, also after a failure). */
int pdf_write_record(const page_doc *pd, font_set *fs, const style *s,
                     const char *path, const pdf_opts *o, pdf_record *rec,
                     diag *d);
void pdf_record_free(pdf_record *rec);

#endif
