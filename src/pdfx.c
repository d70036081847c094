/* pdfx — see pdfx.h. */
#include "pdfx.h"
#include "arena.h"
#include "utf8.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
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
	while (p < end) {
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

HPDF_STATUS pdfx_set_lang(HPDF_Doc pdf, const char *lang)
{
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
