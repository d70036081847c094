/* pdfx — see pdfx.h. */
#include "pdfx.h"
#include "arena.h"
#include "utf8.h"

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <libdeflate.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A hex string holding UTF-16BE with a byte-order mark. */
static HPDF_Binary utf16(HPDF_Doc pdf, const char *s)
{
	size_t n = strlen(s);
	unsigned char *buf = xmalloc(2 + n * 4);
	size_t k = 0;
	buf[k++] = 0xFE;
	buf[k++] = 0xFF;
	const char *p = s, *end = s + n;
	/* libharu refuses strings over HPDF_LIMIT_MAX_STRING_LEN bytes
	 * (the whole PDF fails): a longer title is cut at a character */
	while (p < end && k + 4 <= HPDF_LIMIT_MAX_STRING_LEN) {
		uint32_t c = utf8_next(&p, end);
		if (c >= 0x10000) {
			c -= 0x10000;
			uint32_t hi = 0xD800 + (c >> 10), lo = 0xDC00 + (c & 0x3FF);
			buf[k++] = (unsigned char)(hi >> 8);
			buf[k++] = (unsigned char)hi;
			buf[k++] = (unsigned char)(lo >> 8);
			buf[k++] = (unsigned char)lo;
		} else {
			buf[k++] = (unsigned char)(c >> 8);
			buf[k++] = (unsigned char)c;
		}
	}
	HPDF_Binary b = HPDF_Binary_New(pdf->mmgr, buf, (HPDF_UINT)k);
	free(buf);
	return b;
}

HPDF_STATUS pdfx_set_info(HPDF_Doc pdf, const char *key, const char *value)
{
	if (!pdf->info)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "folio");
	if (!pdf->info)
		return HPDF_INVALID_OBJECT;
	HPDF_Binary b = utf16(pdf, value);
	return b ? HPDF_Dict_Add(pdf->info, key, b) : HPDF_FAILD_TO_ALLOC_MEM;
}

HPDF_STATUS pdfx_set_outline_title(HPDF_Doc pdf, HPDF_Outline o,
                                   const char *title)
{
	HPDF_Binary b = utf16(pdf, title);
	return b ? HPDF_Dict_Add(o, "Title", b) : HPDF_FAILD_TO_ALLOC_MEM;
}

HPDF_STATUS pdfx_set_text(HPDF_Doc pdf, HPDF_Dict dict, const char *key,
                          const char *value)
{
	HPDF_Binary b = utf16(pdf, value);
	return b ? HPDF_Dict_Add(dict, key, b) : HPDF_FAILD_TO_ALLOC_MEM;
}

HPDF_STATUS pdfx_set_lang(HPDF_Doc pdf, const char *lang)
{
	if (strlen(lang) > 64) /* no language tag; libharu caps strings */
		return HPDF_OK;
	HPDF_String s = HPDF_String_New(pdf->mmgr, lang, NULL);
	return s ? HPDF_Dict_Add(pdf->catalog, "Lang", s)
	         : HPDF_FAILD_TO_ALLOC_MEM;
}

HPDF_STATUS pdfx_set_box(HPDF_Doc pdf, HPDF_Page page, const char *key,
                         double left, double bottom, double right,
                         double top)
{
	HPDF_Box box;
	box.left = (HPDF_REAL)left;
	box.bottom = (HPDF_REAL)bottom;
	box.right = (HPDF_REAL)right;
	box.top = (HPDF_REAL)top;
	HPDF_Array a = HPDF_Box_Array_New(pdf->mmgr, box);
	return a ? HPDF_Dict_Add(page, key, a) : HPDF_FAILD_TO_ALLOC_MEM;
}

HPDF_STATUS pdfx_set_id(HPDF_Doc pdf, const unsigned char id[16])
{
	HPDF_Array a = HPDF_Array_New(pdf->mmgr);
	if (!a)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Array_Add(a, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, 16));
	HPDF_Array_Add(a, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, 16));
	return HPDF_Dict_Add(pdf->trailer, "ID", a);
}

HPDF_STATUS pdfx_annot_flags(HPDF_Annotation a, int flags)
{
	return HPDF_Dict_AddNumber(a, "F", flags);
}

static HPDF_STATUS put_deflated(HPDF_Dict d, const void *raw, size_t len);

static void xml_escaped(sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sbuf_adds(b, "&amp;"); break;
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '"': sbuf_adds(b, "&quot;"); break;
		case '\n': sbuf_adds(b, "; "); break;
		default: sbuf_add(b, s, 1);
		}
	}
}

int pdfx_pdfa1b(HPDF_Doc pdf, const pdfx_xmp *x, const char *icc)
{
	FILE *f = fopen(icc, "rb");
	if (!f)
		return -1;
	sbuf prof = {0};
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && prof.len < (8u << 20))
		sbuf_add(&prof, chunk, n);
	fclose(f);
	if (prof.len < 128) {
		sbuf_free(&prof);
		return -1;
	}
	pdf->pdf_version = HPDF_VER_14;

	/* the output intent with its ICC profile */
	HPDF_Dict icc_stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict_AddNumber(icc_stream, "N", 3);
	HPDF_STATUS st = put_deflated(icc_stream, prof.s, prof.len);
	sbuf_free(&prof);
	if (st != HPDF_OK)
		return -1;
	HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	HPDF_Dict_Add(intent, "OutputConditionIdentifier",
	              HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(intent, "Info",
	              HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(intent, "DestOutputProfile", icc_stream);
	HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
	HPDF_Array_Add(intents, intent);
	HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);

	/* the XMP packet, repeating the info dictionary */
	sbuf b = {0};
	sbuf_adds(&b, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	          "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	          "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	          "<rdf:Description rdf:about=\"\"\n"
	          " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	          " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	          " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	          " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	          "<pdfaid:part>1</pdfaid:part>\n"
	          "<pdfaid:conformance>B</pdfaid:conformance>\n");
	if (x->title) {
		sbuf_adds(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_escaped(&b, x->title);
		sbuf_adds(&b, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (x->author) {
		sbuf_adds(&b, "<dc:creator><rdf:Seq><rdf:li>");
		xml_escaped(&b, x->author);
		sbuf_adds(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (x->subject) {
		sbuf_adds(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_escaped(&b, x->subject);
		sbuf_adds(&b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (x->keywords) {
		sbuf_adds(&b, "<pdf:Keywords>");
		xml_escaped(&b, x->keywords);
		sbuf_adds(&b, "</pdf:Keywords>\n");
	}
	if (x->lang) {
		sbuf_adds(&b, "<dc:language><rdf:Bag><rdf:li>");
		xml_escaped(&b, x->lang);
		sbuf_adds(&b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	if (x->producer) {
		sbuf_adds(&b, "<pdf:Producer>");
		xml_escaped(&b, x->producer);
		sbuf_adds(&b, "</pdf:Producer>\n");
	}
	sbuf_adds(&b, "<xmp:CreatorTool>folio</xmp:CreatorTool>\n");
	if (x->date) {
		sbuf_printf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		            "<xmp:ModifyDate>%s</xmp:ModifyDate>\n", x->date,
		            x->date);
	}
	sbuf_adds(&b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	          "<?xpacket end=\"w\"?>\n");
	HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict_AddName(meta, "Type", "Metadata");
	HPDF_Dict_AddName(meta, "Subtype", "XML");
	meta->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Stream_Write(meta->stream, (HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
	sbuf_free(&b);
	return HPDF_Dict_Add(pdf->catalog, "Metadata", meta) ? -1 : 0;
}

/* Gives FONT the ToUnicode CMap of its 2-byte codes, the characters'
 * Unicode values: the identity, written as bfranges, the same for every
 * font, made once into *SHARED (NULL at first) and referred to by the
 * others. */
static HPDF_STATUS tounicode(HPDF_Doc pdf, HPDF_Font font, HPDF_Dict *shared)
{
	if (*shared)
		return HPDF_Dict_Add(font, "ToUnicode", *shared);
	HPDF_Dict cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!cmap)
		return HPDF_FAILD_TO_ALLOC_MEM;
	*shared = cmap;
	sbuf b = {0};
	sbuf_adds(&b, "/CIDInit /ProcSet findresource begin\n"
	          "12 dict begin\nbegincmap\n"
	          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	          "/Supplement 0 >> def\n"
	          "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	          "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* one range per high byte (a bfrange may not cross one), the
	 * surrogates left out; at most 100 ranges a block */
	int hi[256], n = 0;
	for (int h = 0; h < 256; h++)
		if (h < 0xD8 || h > 0xDF)
			hi[n++] = h;
	for (int i = 0; i < n; i += 100) {
		int m = n - i < 100 ? n - i : 100;
		sbuf_printf(&b, "%d beginbfrange\n", m);
		for (int k = i; k < i + m; k++)
			sbuf_printf(&b, "<%02X00> <%02XFF> <%02X00>\n", hi[k], hi[k],
			            hi[k]);
		sbuf_adds(&b, "endbfrange\n");
	}
	sbuf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	          "end\nend\n");
	HPDF_STATUS st = put_deflated(cmap, b.s, b.len);
	sbuf_free(&b);
	return st != HPDF_OK ? st : HPDF_Dict_Add(font, "ToUnicode", cmap);
}


const char *pdfx_font_name(HPDF_Page page, HPDF_Font font)
{
	const char *name = HPDF_Page_GetLocalFontName(page, font);
	if (!name)
		HPDF_RaiseError(page->error, HPDF_PAGE_INVALID_FONT, 0);
	return name;
}

const char *pdfx_image_name(HPDF_Page page, HPDF_Image image)
{
	const char *name = HPDF_Page_GetXObjectName(page, image);
	if (!name)
		HPDF_RaiseError(page->error, HPDF_PAGE_INVALID_XOBJECT, 0);
	return name;
}

void pdfx_put_real(sbuf *b, double v)
{
	char buf[32];
	char *end = HPDF_FToA(buf, isnan(v) ? 0 : (HPDF_REAL)fmax(fmin(v,
	                      HPDF_LIMIT_MAX_REAL), HPDF_LIMIT_MIN_REAL),
	                      buf + sizeof buf - 1);
	sbuf_add(b, buf, (size_t)(end - buf));
}

/* Writes the filter of a stream folio compressed itself. libharu writes
 * /Filter from the stream's filter bits, which would compress it again,
 * and removes a /Filter entry when there are none: this dictionary hook
 * runs after the entries, before ">>". */
static HPDF_STATUS write_flate(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* A stream of libharu's reading the caller's bytes where they are: a
 * memory stream would copy them in and out byte by byte (its HPDF_MemCpy
 * was a tenth of the writer's time). */
typedef struct ext_bytes {
	const HPDF_BYTE *p;
	HPDF_UINT32 len, pos;
	void *own;            /* P's block in libharu's memory, or NULL */
} ext_bytes;

static HPDF_STATUS ext_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
	ext_bytes *x = s->attr;
	HPDF_UINT n = x->len - x->pos < *size ? x->len - x->pos : *size;
	memcpy(buf, x->p + x->pos, n);
	x->pos += n;
	*size = n;
	return x->pos < x->len ? HPDF_OK : HPDF_STREAM_EOF;
}

static HPDF_STATUS ext_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	ext_bytes *x = s->attr;
	long at = mode == HPDF_SEEK_SET ? pos
	          : mode == HPDF_SEEK_CUR ? (long)x->pos + pos
	          : (long)x->len + pos;
	if (at < 0 || at > (long)x->len)
		return HPDF_STREAM_EOF;
	x->pos = (HPDF_UINT32)at;
	return HPDF_OK;
}

static HPDF_INT32 ext_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((ext_bytes *)s->attr)->pos;
}

static HPDF_UINT32 ext_size(HPDF_Stream s)
{
	return ((ext_bytes *)s->attr)->len;
}

static void ext_free(HPDF_Stream s)
{
	ext_bytes *x = s->attr;
	if (x->own)
		HPDF_FreeMem(s->mmgr, x->own);
	HPDF_FreeMem(s->mmgr, x);
}

/* Makes stream dictionary D hold DATA[0..len), zlib data, as it is and
 * where it is; OWN (or NULL), a block of libharu's memory, is freed with
 * the stream. */
static HPDF_STATUS put_flate_own(HPDF_Dict d, const void *data, size_t len,
                                 void *own)
{
	if (len > 0x7fffffff)
		return HPDF_STREAM_EOF;
	ext_bytes *x = HPDF_GetMem(d->mmgr, sizeof *x);
	HPDF_Stream s = x ? HPDF_CallbackReader_New(d->mmgr, ext_read,
	                                            ext_seek, ext_tell,
	                                            ext_size, x)
	                  : NULL;
	if (!s) {
		HPDF_FreeMem(d->mmgr, x);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	x->p = data;
	x->len = (HPDF_UINT32)len;
	x->pos = 0;
	x->own = own;
	s->free_fn = ext_free;
	HPDF_Stream_Free(d->stream);
	d->stream = s;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = write_flate;
	return HPDF_OK;
}

static HPDF_STATUS put_flate(HPDF_Dict d, const void *data, size_t len)
{
	return put_flate_own(d, data, len, NULL);
}

/* Makes stream dictionary D hold RAW[0..len) compressed (at libdeflate's
 * level 1, whose state is the cheapest to set up: these streams are
 * small, made once a document), in libharu's memory. zlib through
 * libharu cost more than the compression: a 256 KB state set up and
 * cleared for each stream. */
static HPDF_STATUS put_deflated(HPDF_Dict d, const void *raw, size_t len)
{
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
	size_t bound = z ? libdeflate_zlib_compress_bound(z, len) : 0;
	void *buf = z && bound <= 0x7fffffff
	            ? HPDF_GetMem(d->mmgr, (HPDF_UINT)bound) : NULL;
	size_t n = buf ? libdeflate_zlib_compress(z, raw, len, buf, bound) : 0;
	libdeflate_free_compressor(z);
	HPDF_STATUS st = n ? put_flate_own(d, buf, n, buf)
	                   : HPDF_FAILD_TO_ALLOC_MEM;
	if (st != HPDF_OK && buf)
		HPDF_FreeMem(d->mmgr, buf);
	return st;
}

/* The caller's writer behind a stream of libharu's. */
typedef struct save_to {
	int (*write)(void *arg, const void *p, size_t n);
	void *arg;
	int failed;
} save_to;

static HPDF_STATUS save_write(HPDF_Stream s, const HPDF_BYTE *p,
                              HPDF_UINT n)
{
	save_to *t = s->attr;
	if (!t->failed && t->write(t->arg, p, n))
		t->failed = 1;
	return t->failed ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

HPDF_STATUS pdfx_save(HPDF_Doc pdf,
                      int (*write)(void *arg, const void *p, size_t n),
                      void *arg)
{
	/* HPDF_SaveToStream writes to pdf->stream, a memory stream it makes
	 * unless there is one; it empties it first only if it is one */
	save_to t = {write, arg, 0};
	HPDF_Stream s = HPDF_CallbackWriter_New(pdf->mmgr, save_write, &t);
	if (!s)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_Stream_Free(pdf->stream);
	pdf->stream = s;
	/* a failed write is not libharu's error: it stops the save and
	 * HPDF_SaveToStream returns, without its error handler, HPDF_OK */
	HPDF_STATUS st = HPDF_SaveToStream(pdf);
	/* T goes with this frame: the stream goes too */
	HPDF_Stream_Free(pdf->stream);
	pdf->stream = NULL;
	return t.failed ? HPDF_FILE_IO_ERROR : st;
}

HPDF_STATUS pdfx_put_content(HPDF_Page page, const void *data, size_t len)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	return put_flate(attr->contents, data, len);
}


/* ---- fonts: the dictionaries and the subset, made by folio ---- */

/* A big-endian field of a font table's N bytes at P, 0 past the end. */
static unsigned be16(const unsigned char *p, unsigned n, unsigned at)
{
	return at + 2 <= n ? (unsigned)p[at] << 8 | p[at + 1] : 0;
}

static int16_t s16(const unsigned char *p, unsigned n, unsigned at)
{
	return (int16_t)be16(p, n, at);
}

static uint32_t be32(const unsigned char *p, unsigned n, unsigned at)
{
	return (uint32_t)be16(p, n, at) << 16 | be16(p, n, at + 2);
}

/* The few fields of head, hhea, OS/2 and post a font descriptor gives. */
typedef struct font_facts {
	unsigned upem;
	int bbox[4];               /* head: xMin yMin xMax yMax */
	int ascent, descent;       /* hhea */
	int cap_height, x_height;  /* OS/2 version 2 and later, or 0 */
	unsigned fs_type, family_class, version;
	unsigned mac_style;
	int32_t italic;            /* post: 16.16 fixed */
	uint32_t fixed_pitch;
} font_facts;

static void font_facts_read(hb_face_t *face, font_facts *f)
{
	memset(f, 0, sizeof *f);
	unsigned n;
	hb_blob_t *b = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(b, &n);
	f->upem = be16(p, n, 18);
	for (int k = 0; k < 4; k++)
		f->bbox[k] = s16(p, n, 36 + 2 * (unsigned)k);
	f->mac_style = be16(p, n, 44);
	hb_blob_destroy(b);
	b = hb_face_reference_table(face, HB_TAG('h', 'h', 'e', 'a'));
	p = (const unsigned char *)hb_blob_get_data(b, &n);
	f->ascent = s16(p, n, 4);
	f->descent = s16(p, n, 6);
	hb_blob_destroy(b);
	b = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
	p = (const unsigned char *)hb_blob_get_data(b, &n);
	f->version = be16(p, n, 0);
	f->fs_type = be16(p, n, 8);
	f->family_class = n > 30 ? p[30] : 0;
	if (f->version >= 2) {
		f->x_height = s16(p, n, 86);
		f->cap_height = s16(p, n, 88);
	}
	hb_blob_destroy(b);
	b = hb_face_reference_table(face, HB_TAG('p', 'o', 's', 't'));
	p = (const unsigned char *)hb_blob_get_data(b, &n);
	f->italic = (int32_t)be32(p, n, 4);
	f->fixed_pitch = be32(p, n, 12);
	hb_blob_destroy(b);
	if (!f->upem)
		f->upem = 1000;
}

/* V font units in thousandths of an em, truncated as libharu did. */
static int per_mille(int v, unsigned upem)
{
	return (int)((int32_t)v * 1000 / (int32_t)upem);
}

/* FACE's PostScript name (name ID 6) as a PDF name may hold it without
 * escapes (at most 56 bytes: the subset tag and "+" make 63), or
 * "Font". */
static void ps_name(hb_face_t *face, char out[57])
{
	char buf[128];
	unsigned len = sizeof buf;
	if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	                         HB_LANGUAGE_INVALID, &len, buf))
		buf[0] = 0;
	size_t k = 0;
	for (const char *s = buf; *s && k < 56; s++)
		if (*s > ' ' && *s < 127 && !strchr("()<>[]{}/%#", *s))
			out[k++] = *s;
	out[k] = 0;
	if (!k)
		strcpy(out, "Font");
}

HPDF_Font pdfx_font_new(HPDF_Doc pdf, struct hb_font_t *hb,
                        HPDF_Dict *shared_map)
{
	hb_face_t *face = hb_font_get_face(hb);
	font_facts f;
	font_facts_read(face, &f);
	/* libharu refused these (restricted licence, no subsetting, bitmap
	 * embedding only); so does folio */
	if (f.fs_type & (0x0002 | 0x0100 | 0x0200)) {
		HPDF_RaiseError(&pdf->error, HPDF_TTF_CANNOT_EMBEDDING_FONT, 0);
		return NULL;
	}
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_STATUS st = HPDF_OK;
	HPDF_Font font = HPDF_Dict_New(mm);
	HPDF_Dict cid = HPDF_Dict_New(mm), desc = HPDF_Dict_New(mm);
	HPDF_Dict info = HPDF_Dict_New(mm);
	HPDF_Array desc_fonts = HPDF_Array_New(mm);
	if (!font || !cid || !desc || !info || !desc_fonts ||
	    HPDF_Xref_Add(pdf->xref, font) != HPDF_OK ||
	    HPDF_Xref_Add(pdf->xref, cid) != HPDF_OK ||
	    HPDF_Xref_Add(pdf->xref, desc) != HPDF_OK) {
		HPDF_RaiseError(&pdf->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return NULL;
	}
	/* what libharu's own fonts are (HPDF_Page_GetLocalFontName takes
	 * any dictionary); no HPDF_Font_ function may be given it */
	font->header.obj_class |= HPDF_OSUBCLASS_FONT;
	HPDF_Dict map = HPDF_DictStream_New(mm, pdf->xref);
	HPDF_Dict file = HPDF_DictStream_New(mm, pdf->xref);
	HPDF_Dict cidset = HPDF_DictStream_New(mm, pdf->xref);
	if (!map || !file || !cidset) {
		HPDF_RaiseError(&pdf->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return NULL;
	}

	st |= HPDF_Dict_AddName(font, "Type", "Font");
	st |= HPDF_Dict_AddName(font, "Subtype", "Type0");
	st |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
	st |= HPDF_Dict_Add(font, "DescendantFonts", desc_fonts);
	st |= HPDF_Array_Add(desc_fonts, cid);
	st |= tounicode(pdf, font, shared_map);

	st |= HPDF_Dict_AddName(cid, "Type", "Font");
	st |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	st |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	st |= HPDF_Dict_Add(info, "Ordering",
	                    HPDF_String_New(mm, "Identity", NULL));
	st |= HPDF_Dict_AddNumber(info, "Supplement", 0);
	st |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	/* /W has the codes the pages show, but for U+FFFD standing for a
	 * character beyond the BMP: that shows .notdef, as wide as /DW,
	 * the .notdef width, as libharu had it */
	hb_position_t w0 = hb_font_get_glyph_h_advance(hb, 0);
	st |= HPDF_Dict_AddNumber(cid, "DW", (HPDF_INT32)((unsigned)w0 * 1000u /
	                                                  f.upem));
	st |= HPDF_Dict_Add(cid, "FontDescriptor", desc);
	st |= HPDF_Dict_Add(cid, "CIDToGIDMap", map);

	int flags = f.family_class == 12 ? 4 : 32; /* symbolic, nonsymbolic */
	if (f.fixed_pitch)
		flags |= 1;
	if ((f.family_class >= 1 && f.family_class <= 5) || f.family_class == 7)
		flags |= 2;  /* serif */
	if (f.family_class == 10)
		flags |= 8;  /* script */
	if (f.italic || (f.mac_style & 2))
		flags |= 64; /* italic */
	st |= HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	st |= HPDF_Dict_AddNumber(desc, "Flags", flags);
	HPDF_Box box = {(HPDF_REAL)per_mille(f.bbox[0], f.upem),
	                (HPDF_REAL)per_mille(f.bbox[1], f.upem),
	                (HPDF_REAL)per_mille(f.bbox[2], f.upem),
	                (HPDF_REAL)per_mille(f.bbox[3], f.upem)};
	st |= HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(mm, box));
	if (f.italic % 65536 == 0)
		st |= HPDF_Dict_AddNumber(desc, "ItalicAngle", f.italic / 65536);
	else
		st |= HPDF_Dict_AddReal(desc, "ItalicAngle",
		                        (HPDF_REAL)(f.italic / 65536.0));
	st |= HPDF_Dict_AddNumber(desc, "Ascent", per_mille(f.ascent, f.upem));
	st |= HPDF_Dict_AddNumber(desc, "Descent",
	                          per_mille(f.descent, f.upem));
	/* cap height and x-height where OS/2 gives them (version 2 on),
	 * else what font.c assumes: 0.7 em and half an em */
	st |= HPDF_Dict_AddNumber(desc, "CapHeight", f.cap_height > 0 ?
	                          per_mille(f.cap_height, f.upem) : 700);
	st |= HPDF_Dict_AddNumber(desc, "XHeight", f.x_height > 0 ?
	                          per_mille(f.x_height, f.upem) : 500);
	st |= HPDF_Dict_AddNumber(desc, "StemV", 0); /* unknown, as before */
	st |= HPDF_Dict_Add(desc, "FontFile2", file);
	/* the CIDs the subset has, which PDF/A-1 wants of a subset */
	st |= HPDF_Dict_Add(desc, "CIDSet", cidset);
	if (st != HPDF_OK) {
		HPDF_RaiseError(&pdf->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return NULL;
	}
	return font;
}

/* FONT's CIDFontType2 dictionary, and an entry KEY (a dictionary) of it
 * or of its font descriptor (FontFile2, CIDSet). */
static HPDF_Dict cid_font(HPDF_Font font)
{
	HPDF_Array a = HPDF_Dict_GetItem(font, "DescendantFonts",
	                                 HPDF_OCLASS_ARRAY);
	return a ? HPDF_Array_GetItem(a, 0, HPDF_OCLASS_DICT) : NULL;
}

static HPDF_Dict font_item(HPDF_Font font, const char *key)
{
	HPDF_Dict cid = cid_font(font);
	if (!cid)
		return NULL;
	if (strcmp(key, "FontFile2") != 0 && strcmp(key, "CIDSet") != 0)
		return HPDF_Dict_GetItem(cid, key, HPDF_OCLASS_DICT);
	HPDF_Dict desc = HPDF_Dict_GetItem(cid, "FontDescriptor",
	                                   HPDF_OCLASS_DICT);
	return desc ? HPDF_Dict_GetItem(desc, key, HPDF_OCLASS_DICT) : NULL;
}

static int bit(const unsigned char *used, unsigned cp)
{
	return used[cp >> 3] >> (cp & 7) & 1;
}

/* The subset tag: six capital letters, a number below 26^6 whose
 * quotient by 64 is a hash of the font's name and the characters it
 * shows and whose remainder is SERIAL (below 64): the same input gives
 * the same tag, and no two fonts of one document share one. */
static void subset_tag(const char *name, const unsigned char *used,
                       unsigned serial, char tag[7])
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *s = name; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	for (size_t i = 0; used && i < 0x10000 / 8; i++)
		h = (h ^ used[i]) * 1099511628211ULL;
	uint32_t v = (uint32_t)(h % (308915776u / 64)) * 64 + (serial & 63);
	for (int k = 5; k >= 0; k--) {
		tag[k] = (char)('A' + v % 26);
		v /= 26;
	}
	tag[6] = 0;
}

/* The last code USED (a bit per BMP code point; NULL: none), or -1. */
static int top_code(const unsigned char *used)
{
	for (int i = used ? 0x10000 / 8 - 1 : -1; i >= 0; i--)
		for (int k = 7; k >= 0 && used[i]; k--)
			if (used[i] >> k & 1)
				return 8 * i + k;
	return -1;
}

/* The glyphs of HB for the codes USED up to TOP (0 for the others and
 * for a code the font lacks: .notdef), a malloc'd array of TOP + 1. */
static hb_codepoint_t *used_glyphs(struct hb_font_t *hb,
                                   const unsigned char *used, int top)
{
	hb_codepoint_t *gid = xmalloc((size_t)(top + 2) * sizeof *gid);
	for (int cp = 0; cp <= top; cp++) {
		gid[cp] = 0;
		if (bit(used, (unsigned)cp) &&
		    !hb_font_get_nominal_glyph(hb, (hb_codepoint_t)cp, &gid[cp]))
			gid[cp] = 0;
	}
	return gid;
}

int pdfx_font_subset(struct hb_font_t *hb, const unsigned char *used,
                     pdfx_font_streams *out)
{
	memset(out, 0, sizeof *out);
	hb_face_t *face = hb_font_get_face(hb);
	int top = top_code(used);
	hb_codepoint_t *gid = used_glyphs(hb, used, top);

	/* the subset: the characters used, .notdef with its outline, the
	 * glyphs renumbered; hinting (fpgm, prep, cvt, the glyphs'
	 * instructions) kept; the tables libharu embedded, no others */
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_subset_plan_t *plan = NULL;
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	if (in) {
		hb_set_t *uni = hb_subset_input_unicode_set(in);
		for (int cp = 0; cp <= top; cp++)
			if (bit(used, (unsigned)cp))
				hb_set_add(uni, (hb_codepoint_t)cp);
		static const char keep[][5] = {"OS/2", "cmap", "cvt ", "fpgm",
			"glyf", "head", "hhea", "hmtx", "loca", "maxp", "name",
			"post", "prep"};
		hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
		hb_tag_t tags[64];
		unsigned start = 0, count;
		do {
			count = 64;
			hb_face_get_table_tags(face, start, &count, tags);
			for (unsigned i = 0; i < count; i++) {
				int kept = 0;
				for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++)
					kept |= tags[i] == hb_tag_from_string(keep[k], 4);
				if (!kept)
					hb_set_add(drop, tags[i]);
			}
			start += count;
		} while (count == 64);
		hb_set_clear(hb_subset_input_set(in,
		             HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
		plan = hb_subset_plan_create_or_fail(face, in);
	}
	if (plan)
		sub = hb_subset_plan_execute_or_fail(plan);
	if (sub)
		blob = hb_face_reference_blob(sub);
	unsigned n = blob ? hb_blob_get_length(blob) : 0;
	if (n) {
		unsigned char *file = xmalloc(n);
		memcpy(file, hb_blob_get_data(blob, NULL), n);
		out->data[PDFX_FONT_FILE] = file;
		out->len[PDFX_FONT_FILE] = n;
		/* CIDToGIDMap: two bytes a code, up to the last code used, the
		 * glyph's number in the subset */
		const hb_map_t *renum = hb_subset_plan_old_to_new_glyph_mapping(plan);
		size_t nm = (size_t)(top + 1);
		unsigned char *m = xcalloc(nm ? 2 * nm : 1, 1);
		for (size_t cp = 0; cp < nm; cp++)
			if (gid[cp]) {
				hb_codepoint_t g = hb_map_get(renum, gid[cp]);
				if (g == HB_MAP_VALUE_INVALID)
					g = 0;
				m[2 * cp] = (unsigned char)(g >> 8);
				m[2 * cp + 1] = (unsigned char)g;
			}
		out->data[PDFX_FONT_MAP] = m;
		out->len[PDFX_FONT_MAP] = 2 * nm;
		/* CIDSet: a bit per CID, the first the high bit of byte 0:
		 * CID 0 (.notdef) and the codes whose glyph the subset has */
		unsigned char *set = xcalloc(nm / 8 + 1, 1);
		set[0] = 0x80;
		for (size_t cp = 0; cp < nm; cp++)
			if (gid[cp])
				set[cp >> 3] |= (unsigned char)(0x80u >> (cp & 7));
		out->data[PDFX_FONT_SET] = set;
		out->len[PDFX_FONT_SET] = nm / 8 + 1;
	}
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_subset_input_destroy(in);
	free(gid);
	return n ? 0 : -1;
}

int pdfx_font_finish(HPDF_Font font, struct hb_font_t *hb,
                     const unsigned char *used, unsigned serial,
                     const pdfx_font_streams *streams)
{
	hb_face_t *face = hb_font_get_face(hb);
	HPDF_Dict cid = cid_font(font);
	HPDF_Dict desc = cid ? HPDF_Dict_GetItem(cid, "FontDescriptor",
	                                         HPDF_OCLASS_DICT) : NULL;
	size_t n = streams->len[PDFX_FONT_FILE];
	if (!cid || !desc || !n || n > 0x7fffffff) {
		HPDF_RaiseError(font->error, !cid || !desc ? HPDF_INVALID_OBJECT
		                                           : HPDF_TTF_INVALID_FOMAT, 0);
		return -1;
	}
	unsigned upem = hb_face_get_upem(face);
	int top = top_code(used);
	hb_codepoint_t *gid = used_glyphs(hb, used, top);

	/* /W: the widths of the codes used, in runs of consecutive codes,
	 * truncated to thousandths of an em as libharu (and font.c) do */
	HPDF_STATUS st = HPDF_OK;
	HPDF_Array w = HPDF_Array_New(font->mmgr), run = NULL;
	st |= w ? HPDF_Dict_Add(cid, "W", w) : HPDF_FAILD_TO_ALLOC_MEM;
	for (int cp = 0; cp <= top && st == HPDF_OK; cp++) {
		if (!bit(used, (unsigned)cp)) {
			run = NULL;
			continue;
		}
		if (!run) {
			run = HPDF_Array_New(font->mmgr);
			st |= run ? HPDF_Array_AddNumber(w, cp) : HPDF_FAILD_TO_ALLOC_MEM;
			if (st == HPDF_OK)
				st |= HPDF_Array_Add(w, run);
		}
		if (st == HPDF_OK) {
			hb_position_t a = hb_font_get_glyph_h_advance(hb, gid[cp]);
			st |= HPDF_Array_AddNumber(run, (HPDF_INT32)((unsigned)a *
			                           1000u / upem));
		}
	}
	free(gid);

	/* the names, tagged as a subset */
	char name[57], full[64];
	ps_name(face, name);
	subset_tag(name, used, serial, full);
	full[6] = '+';
	strcpy(full + 7, name);
	st |= HPDF_Dict_AddName(font, "BaseFont", full);
	st |= HPDF_Dict_AddName(cid, "BaseFont", full);
	st |= HPDF_Dict_AddName(desc, "FontName", full);
	HPDF_Dict file = font_item(font, "FontFile2");
	st |= file ? HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)n)
	           : HPDF_INVALID_OBJECT;
	if (st != HPDF_OK) {
		HPDF_RaiseError(font->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return -1;
	}
	return 0;
}

void pdfx_font_streams_free(pdfx_font_streams *s)
{
	for (int k = 0; k < PDFX_FONT_NSTREAMS; k++) {
		free(s->data[k]);
		s->data[k] = NULL;
		s->len[k] = 0;
	}
}

const char *pdfx_font_basename(HPDF_Font font)
{
	HPDF_Name n = HPDF_Dict_GetItem(font, "BaseFont", HPDF_OCLASS_NAME);
	return n ? n->value : "";
}

HPDF_STATUS pdfx_put_font_stream(HPDF_Font font, int which,
                                 const void *data, size_t len)
{
	static const char *const key[PDFX_FONT_NSTREAMS] = {
		[PDFX_FONT_FILE] = "FontFile2", [PDFX_FONT_MAP] = "CIDToGIDMap",
		[PDFX_FONT_SET] = "CIDSet"};
	HPDF_Dict d = which >= 0 && which < PDFX_FONT_NSTREAMS
	              ? font_item(font, key[which]) : NULL;
	return d ? put_flate(d, data, len) : HPDF_INVALID_OBJECT;
}
