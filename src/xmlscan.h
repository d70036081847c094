/* xmlscan — finding markup in raw XML source by its delimiters, before
 * or beside the parse (no parsing: a '>' in a quoted attribute value
 * ends a tag here), header only.
 *
 * Owns nothing. Used where a byte scan of the source is all that is
 * needed: load's count of attributes before libxml2 sees them, hyph's
 * words hyphenated ahead. */
#ifndef FOLIO_XMLSCAN_H
#define FOLIO_XMLSCAN_H
#include <stddef.h>
#include <string.h>

/* Where markup starting at P ('<') ends, past its closing delimiter
 * ("-->" of a comment, "]]>" of CDATA, "?>" of a processing
 * instruction, '>' of anything else), or END when it is not closed.
 * With TAGS 0 a tag (anything else) is not skipped: NULL is returned. */
static inline const char *xmlscan_markup_end(const char *p, const char *end,
                                             int tags)
{
	const char *until = tags ? ">" : NULL;
	if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
		until = "-->";
	else if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
		until = "]]>";
	else if (end - p >= 2 && p[1] == '?')
		until = "?>";
	if (!until)
		return NULL;
	size_t k = strlen(until);
	for (p++;; p++) {
		p = memchr(p, until[0], (size_t)(end - p));
		if (!p)
			return end;
		if ((size_t)(end - p) >= k && memcmp(p, until, k) == 0)
			return p + k;
	}
}

#endif
