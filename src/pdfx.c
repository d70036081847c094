/* pdfx — see pdfx.h. */
#include "pdfx.h"
#include "arena.h"
#include "utf8.h"

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
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
	icc_stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_Write(icc_stream->stream, (HPDF_BYTE *)prof.s,
	                  (HPDF_UINT)prof.len);
	sbuf_free(&prof);
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

HPDF_STATUS pdfx_fix_tounicode(HPDF_Doc pdf, HPDF_Font font,
                               HPDF_Dict *shared)
{
	if (*shared)
		return HPDF_Dict_Add(font, "ToUnicode", *shared);
	HPDF_Dict cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!cmap)
		return HPDF_FAILD_TO_ALLOC_MEM;
	*shared = cmap;
	cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
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
	HPDF_Stream_Write(cmap->stream, (HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
	sbuf_free(&b);
	return HPDF_Dict_Add(font, "ToUnicode", cmap);
}


/* Copies the bytes of memory stream ST into a malloc'd block, *LEN of
 * them, and empties it. */
static unsigned char *take_stream(HPDF_Stream st, size_t *len)
{
	HPDF_UINT count = HPDF_MemStream_GetBufCount(st), l;
	size_t n = 0;
	for (HPDF_UINT i = 0; i < count; i++)
		if (HPDF_MemStream_GetBufPtr(st, i, &l))
			n += l;
	unsigned char *buf = xmalloc(n ? n : 1);
	size_t k = 0;
	for (HPDF_UINT i = 0; i < count; i++) {
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, i, &l);
		if (p && l) {
			memcpy(buf + k, p, l);
			k += l;
		}
	}
	HPDF_MemStream_FreeData(st);
	*len = k;
	return buf;
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

/* Makes stream dictionary D hold DATA[0..len), zlib data, as it is. */
static HPDF_STATUS put_flate(HPDF_Dict d, const void *data, size_t len)
{
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = write_flate;
	return HPDF_Stream_Write(d->stream, data, (HPDF_UINT)len);
}

HPDF_STATUS pdfx_put_content(HPDF_Page page, const void *data, size_t len)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	return put_flate(attr->contents, data, len);
}

/* The /FontFile2 stream of FONT, made now rather than when the PDF is
 * saved (libharu makes it once, on the font's first write), or NULL. */
static HPDF_Dict font_file(HPDF_Font font)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	if (fa->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE ||
	    !((HPDF_TTFontDefAttr)fa->fontdef->attr)->embedding ||
	    !font->before_write_fn || font->before_write_fn(font) != HPDF_OK ||
	    !fa->fontdef->descriptor)
		return NULL;
	return HPDF_Dict_GetItem(fa->fontdef->descriptor, "FontFile2",
	                         HPDF_OCLASS_DICT);
}

unsigned char *pdfx_take_font_file(HPDF_Font font, size_t *len)
{
	HPDF_Dict file = font_file(font);
	if (!file || !file->stream)
		return NULL;
	return take_stream(file->stream, len);
}

HPDF_STATUS pdfx_put_font_file(HPDF_Font font, const void *data,
                               size_t len)
{
	HPDF_Dict file = font_file(font); /* made already: found again */
	return file ? put_flate(file, data, len) : HPDF_INVALID_OBJECT;
}

HPDF_Font pdfx_get_font(HPDF_Doc pdf, const char *name)
{
	HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return HPDF_GetFont(pdf, name, "UTF-8");
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	if (attr->cmap.format != 4)
		return HPDF_GetFont(pdf, name, "UTF-8");
	/* libharu maps every one of the 65,536 codes through the font's
	 * cmap, a linear search of its segments, to build /W and the
	 * CIDToGIDMap. Both are rebuilt by pdfx_font_finish for the
	 * characters used, so the search runs on a cmap of one empty
	 * segment meanwhile, and the real one is put back. */
	HPDF_TTF_CmapRange real = attr->cmap;
	static HPDF_UINT16 end[1] = {0xFFFF}, start[1] = {0xFFFF};
	static HPDF_INT16 delta[1] = {1};
	static HPDF_UINT16 range[1] = {0};
	attr->cmap.seg_count_x2 = 2;
	attr->cmap.end_count = end;
	attr->cmap.start_count = start;
	attr->cmap.id_delta = delta;
	attr->cmap.id_range_offset = range;
	attr->cmap.glyph_id_array_count = 0;
	/* nor does it write its 128 KB CIDToGIDMap, which it does for an
	 * embedded font only (the font file is made when the PDF is saved) */
	HPDF_BOOL embedding = attr->embedding;
	attr->embedding = HPDF_FALSE;
	HPDF_Font f = HPDF_GetFont(pdf, name, "UTF-8");
	attr->cmap = real;
	attr->embedding = embedding;
	if (f && embedding) {
		HPDF_FontAttr fa = (HPDF_FontAttr)f->attr;
		fa->map_stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
		if (!fa->map_stream ||
		    HPDF_Dict_Add(fa->descendant_font, "CIDToGIDMap",
		                  fa->map_stream) != HPDF_OK)
			return NULL;
	}
	return f;
}

HPDF_STATUS pdfx_font_finish(HPDF_Font font, const unsigned char *used)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_Dict desc = fa->descendant_font;
	if (!desc || def->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return HPDF_OK;
	int top = -1;
	if (used)
		for (int cp = 0xFFFF; cp >= 0; cp--)
			if (used[cp >> 3] >> (cp & 7) & 1) {
				top = cp;
				break;
			}
	/* /W: the widths of the codes used, in runs of consecutive codes */
	HPDF_Array w = HPDF_Array_New(font->mmgr);
	if (!w)
		return HPDF_Error_GetCode(font->error);
	HPDF_STATUS st = HPDF_Dict_Add(desc, "W", w);
	HPDF_Array run = NULL;
	for (int cp = 0; cp <= top && st == HPDF_OK; cp++) {
		if (!(used[cp >> 3] >> (cp & 7) & 1)) {
			run = NULL;
			continue;
		}
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		if (!run) {
			run = HPDF_Array_New(font->mmgr);
			st = run ? HPDF_Array_AddNumber(w, cp)
			         : HPDF_Error_GetCode(font->error);
			if (st == HPDF_OK)
				st = HPDF_Array_Add(w, run);
		}
		if (st == HPDF_OK)
			st = HPDF_Array_AddNumber(run,
			                          HPDF_TTFontDef_GetGidWidth(def, gid));
	}
	/* CIDToGIDMap: two bytes a code, up to the last code used */
	if (st == HPDF_OK && fa->map_stream) {
		size_t n = (size_t)(top + 1);
		unsigned char *map = xcalloc(n ? 2 * n : 1, 1);
		for (size_t cp = 0; cp < n; cp++)
			if (used[cp >> 3] >> (cp & 7) & 1) {
				HPDF_UINT16 gid =
					HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
				map[2 * cp] = (unsigned char)(gid >> 8);
				map[2 * cp + 1] = (unsigned char)gid;
			}
		HPDF_MemStream_FreeData(fa->map_stream->stream);
		st = HPDF_Stream_Write(fa->map_stream->stream, map,
		                       (HPDF_UINT)(2 * n));
		free(map);
	}
	return st;
}
