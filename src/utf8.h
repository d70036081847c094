/* utf8 — decoding and encoding UTF-8, header only.
 *
 * Owns nothing. utf8_next never reads past END and turns any malformed
 * sequence into U+FFFD consuming one byte, so hostile text cannot make a
 * caller loop or overrun. */
#ifndef FOLIO_UTF8_H
#define FOLIO_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at *P (before END) and advances *P past it. */
static inline uint32_t utf8_next(const char **p, const char *end)
{
	const unsigned char *s = (const unsigned char *)*p;
	size_t left = (size_t)(end - *p);
	uint32_t c = s[0];
	int n;
	if (c < 0x80) {
		*p += 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		c &= 0x07;
	} else {
		*p += 1;
		return 0xFFFD;
	}
	if (left < (size_t)n + 1) {
		*p += 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*p += 1;
			return 0xFFFD;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 2 && c < 0x800) || (n == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF)) {
		*p += 1;
		return 0xFFFD;
	}
	*p += n + 1;
	return c;
}

/* Writes CP as UTF-8 into OUT (4 bytes room); returns the length. */
static inline int utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

#endif
