/* preflight — see preflight.h. */
#include "preflight.h"
#include "arena.h"
#include "atomic.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MM(pt) ((pt) * 25.4 / 72)

static void pages_list(sbuf *b, const int *pages, size_t n)
{
	if (!n) {
		sbuf_adds(b, "none");
		return;
	}
	for (size_t i = 0; i < n; i++)
		sbuf_printf(b, "%s%d", i ? ", " : "", pages[i] + 1);
}

static int has_page(const int *pages, size_t n, int p)
{
	for (size_t i = 0; i < n; i++)
		if (pages[i] == p)
			return 1;
	return 0;
}

typedef struct checks {
	sbuf out;
	int failed, warned;
} checks;

static void req(checks *c, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void req(checks *c, int ok, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sbuf_printf(&c->out, "  [%s] %s\n", ok ? "ok" : "FAIL", msg);
	if (!ok)
		c->failed++;
}

int preflight_write(const pdf_record *r, const page_doc *pd,
                    const style *s, const char *pdf_path,
                    const char *report_path, diag *d)
{
	sbuf b = {0};
	checks c = {0};
	double bleed = s->bleed;
	sbuf_printf(&b, "folio preflight report\n");
	sbuf_printf(&b, "File:   %s\n", pdf_path);
	sbuf_printf(&b, "Style:  %s (%s)\n", s->name ? s->name : "?",
	            s->path ? s->path : "?");
	sbuf_printf(&b, "Title:  %s\n\n", pd->title ? pd->title : "");

	sbuf_printf(&b, "Pages: %zu\n", r->npages);
	sbuf_printf(&b, "  trim size  %.1f x %.1f mm (%.2f x %.2f pt)\n",
	            MM(pd->width), MM(pd->height), pd->width, pd->height);
	sbuf_printf(&b, "  bleed      %.1f mm on every side\n", MM(bleed));
	sbuf_printf(&b, "  media size %.1f x %.1f mm, crop marks %s\n",
	            MM(r->media_w), MM(r->media_h),
	            r->crop_marks ? "outside the bleed" : "none");
	sbuf_printf(&b, "  every page: MediaBox [0 0 %.2f %.2f]", r->media_w,
	            r->media_h);
	if (r->boxes)
		sbuf_printf(&b, ", TrimBox [%.2f %.2f %.2f %.2f], BleedBox "
		            "[%.2f %.2f %.2f %.2f]\n", r->trim[0], r->trim[1],
		            r->trim[2], r->trim[3], r->bleed[0], r->bleed[1],
		            r->bleed[2], r->bleed[3]);
	else
		sbuf_adds(&b, ", no TrimBox or BleedBox\n");

	sbuf_printf(&b, "\nFonts (%d, TrueType, embedded as subsets with "
	            "Identity-H encoding):\n", r->nfonts);
	for (int i = 0; i < r->nfonts; i++)
		sbuf_printf(&b, "  %-32s embedded yes, subset yes   %s\n",
		            r->font_names[i][0] ? r->font_names[i] : "?",
		            r->fonts[i]);

	sbuf_printf(&b, "\nImages:\n");
	sbuf_printf(&b, "  vector art placements (logos, figures): %zu, "
	            "resolution-independent\n", r->vector_art);
	if (!r->nimages)
		sbuf_adds(&b, "  raster images: none\n");
	int low = 0;
	for (size_t i = 0; i < r->nimages; i++) {
		const pdf_image_rec *im = &r->images[i];
		double dx = im->w > 0 ? im->px_w * 72.0 / im->w : 0;
		double dy = im->h > 0 ? im->px_h * 72.0 / im->h : 0;
		double dpi = dx < dy ? dx : dy;
		sbuf_printf(&b, "  page %d: %s  %dx%d px placed at %.1f x "
		            "%.1f mm  effective %.0f dpi  %s%s\n", im->page + 1,
		            im->path, im->px_w, im->px_h, MM(im->w), MM(im->h),
		            dpi, im->colorspace,
		            dpi < 300 ? "  WARNING: under 300 dpi" : "");
		if (dpi < 300)
			low++;
	}

	sbuf_printf(&b, "\nColour: %ld CMYK and %ld RGB colour operators in "
	            "the content streams\n", r->cmyk_ops, r->rgb_ops);
	int rgb_images = 0;
	for (size_t i = 0; i < r->nimages; i++)
		if (strcmp(r->images[i].colorspace, "DeviceCMYK") != 0 &&
		    strcmp(r->images[i].colorspace, "DeviceGray") != 0)
			rgb_images++;
	sbuf_printf(&b, "  colour spaces used: %s%s%s\n",
	            r->cmyk_ops ? "DeviceCMYK " : "",
	            r->rgb_ops || rgb_images ? "DeviceRGB " : "",
	            !r->cmyk_ops && !r->rgb_ops ? "(none)" : "");

	sbuf_adds(&b, "\nMandatory content:\n  disclaimer on pages ");
	pages_list(&b, r->disclaimer_pages, r->ndisclaimer);
	sbuf_adds(&b, "\n  partner and funder logos on pages ");
	pages_list(&b, r->logo_pages, r->nlogo);
	sbuf_adds(&b, "\n");

	/* the style's requirements */
	c.out = b;
	sbuf_printf(&c.out, "\nRequirements of style %s:\n",
	            s->name ? s->name : "?");
	if (s->bleed > 0 || s->crop_marks)
		req(&c, r->boxes, "TrimBox and BleedBox on every page");
	if (s->crop_marks)
		req(&c, r->crop_marks, "crop marks outside the bleed");
	if (s->pad_to > 1)
		req(&c, r->npages % (size_t)s->pad_to == 0,
		    "page count (%zu) a multiple of %d", r->npages, s->pad_to);
	req(&c, r->nfonts > 0, "every font embedded (%d fonts)", r->nfonts);
	if (s->cmyk)
		req(&c, r->rgb_ops == 0 && rgb_images == 0,
		    "every colour in CMYK (%ld RGB operators, %d RGB images)",
		    r->rgb_ops, rgb_images);
	if (s->disclaimer) {
		int last = (int)r->npages - 1;
		req(&c, has_page(r->disclaimer_pages, r->ndisclaimer, 1),
		    "disclaimer on the imprint page (2)");
		req(&c, has_page(r->disclaimer_pages, r->ndisclaimer, last),
		    "disclaimer on the back cover (%d)", last + 1);
		req(&c, has_page(r->logo_pages, r->nlogo, 0),
		    "partner and funder logos on the front cover (1)");
	}
	if (low) {
		sbuf_printf(&c.out, "  [warn] %d image(s) under 300 dpi at "
		            "their placed size\n", low);
		c.warned += low;
	}
	sbuf_printf(&c.out, "\nResult: %s (%d failed, %d warnings)\n",
	            c.failed ? "FAIL" : "PASS", c.failed, c.warned);

	/* written beside the target and renamed into place */
	atomic_file f;
	int rc = c.failed;
	if (atomic_open(&f, report_path, d) != 0)
		rc = -1;
	else if (atomic_write(&f, c.out.s, c.out.len) != 0) {
		diag_error(d, report_path, 0, 0, "cannot write: %s",
		           strerror(errno));
		atomic_abort(&f);
		rc = -1;
	} else if (atomic_commit(&f, d) != 0)
		rc = -1;
	sbuf_free(&c.out);
	return rc;
}
