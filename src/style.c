/* style — see style.h. */
#include "style.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum { T_LEN, T_NUM, T_INT, T_BOOL, T_STR, T_COLOR, T_FONTS,
               T_FILE } key_type;

typedef struct key {
	const char *section, *name;
	key_type type;
	size_t off;
	double lo, hi;           /* accepted range for numbers and lengths */
} key;

#define F(field) offsetof(style, field)
static const key keys[] = {
	{"page", "width", T_LEN, F(page_width), 72, 2000},
	{"page", "height", T_LEN, F(page_height), 72, 2000},
	{"page", "margin-top", T_LEN, F(margin_top), 0, 500},
	{"page", "margin-bottom", T_LEN, F(margin_bottom), 0, 500},
	{"page", "margin-inner", T_LEN, F(margin_inner), 0, 500},
	{"page", "margin-outer", T_LEN, F(margin_outer), 0, 500},
	{"page", "bleed", T_LEN, F(bleed), 0, 36},
	{"page", "crop-marks", T_BOOL, F(crop_marks), 0, 1},
	{"page", "cmyk", T_BOOL, F(cmyk), 0, 1},
	{"page", "pad-to", T_INT, F(pad_to), 1, 64},
	{"page", "cover", T_BOOL, F(has_cover), 0, 1},
	{"page", "pdf-a", T_BOOL, F(pdfa), 0, 1},
	{"page", "output-intent", T_FILE, F(icc_profile), 0, 0},
	{"fonts", "serif", T_FONTS, F(fonts[FONT_SERIF]), 0, 0},
	{"fonts", "serif-italic", T_FONTS, F(fonts[FONT_SERIF_ITALIC]), 0, 0},
	{"fonts", "serif-bold", T_FONTS, F(fonts[FONT_SERIF_BOLD]), 0, 0},
	{"fonts", "serif-bold-italic", T_FONTS, F(fonts[FONT_SERIF_BOLD_ITALIC]), 0, 0},
	{"fonts", "sans", T_FONTS, F(fonts[FONT_SANS]), 0, 0},
	{"fonts", "sans-italic", T_FONTS, F(fonts[FONT_SANS_ITALIC]), 0, 0},
	{"fonts", "sans-bold", T_FONTS, F(fonts[FONT_SANS_BOLD]), 0, 0},
	{"fonts", "sans-bold-italic", T_FONTS, F(fonts[FONT_SANS_BOLD_ITALIC]), 0, 0},
	{"fonts", "mono", T_FONTS, F(fonts[FONT_MONO]), 0, 0},
	{"fonts", "mono-bold", T_FONTS, F(fonts[FONT_MONO_BOLD]), 0, 0},
	{"text", "size", T_LEN, F(body_size), 4, 72},
	{"text", "leading", T_LEN, F(body_leading), 4, 100},
	{"text", "indent", T_LEN, F(parindent), 0, 100},
	{"text", "paragraph-space", T_LEN, F(parskip), 0, 100},
	{"text", "small-size", T_LEN, F(small_size), 4, 72},
	{"text", "small-leading", T_LEN, F(small_leading), 4, 100},
	{"text", "footnote-size", T_LEN, F(footnote_size), 4, 72},
	{"text", "footnote-leading", T_LEN, F(footnote_leading), 4, 100},
	{"text", "hyphenate", T_BOOL, F(hyphenate), 0, 1},
	{"text", "hyphen-left", T_INT, F(hyphen_left), 1, 10},
	{"text", "hyphen-right", T_INT, F(hyphen_right), 1, 10},
	{"text", "expansion", T_NUM, F(expansion), 0, 5},
	{"text", "xref-pages", T_BOOL, F(xref_pages), 0, 1},
	{"text", "single-letter-nbsp", T_BOOL, F(nbsp_single_letter), 0, 1},
	{"text", "print-urls", T_BOOL, F(print_urls), 0, 1},
	{"headings", "chapter-size", T_LEN, F(heading_size[0]), 4, 96},
	{"headings", "section-size", T_LEN, F(heading_size[1]), 4, 96},
	{"headings", "subsection-size", T_LEN, F(heading_size[2]), 4, 96},
	{"headings", "minor-size", T_LEN, F(heading_size[3]), 4, 96},
	{"headings", "chapter-leading", T_LEN, F(heading_leading[0]), 4, 120},
	{"headings", "section-leading", T_LEN, F(heading_leading[1]), 4, 120},
	{"headings", "subsection-leading", T_LEN, F(heading_leading[2]), 4, 120},
	{"headings", "minor-leading", T_LEN, F(heading_leading[3]), 4, 120},
	{"headings", "chapter-before", T_LEN, F(heading_before[0]), 0, 400},
	{"headings", "section-before", T_LEN, F(heading_before[1]), 0, 100},
	{"headings", "subsection-before", T_LEN, F(heading_before[2]), 0, 100},
	{"headings", "minor-before", T_LEN, F(heading_before[3]), 0, 100},
	{"headings", "chapter-after", T_LEN, F(heading_after[0]), 0, 200},
	{"headings", "section-after", T_LEN, F(heading_after[1]), 0, 100},
	{"headings", "subsection-after", T_LEN, F(heading_after[2]), 0, 100},
	{"headings", "minor-after", T_LEN, F(heading_after[3]), 0, 100},
	{"headings", "numbers", T_BOOL, F(heading_numbers), 0, 1},
	{"headings", "chapter-recto", T_BOOL, F(chapter_recto), 0, 1},
	{"headings", "running-heads", T_BOOL, F(running_heads), 0, 1},
	{"colours", "text", T_COLOR, F(text_color), 0, 0},
	{"colours", "accent", T_COLOR, F(accent_color), 0, 0},
	{"colours", "rule", T_COLOR, F(rule_color), 0, 0},
	{"colours", "tint", T_COLOR, F(tint_color), 0, 0},
	{"colours", "link", T_COLOR, F(link_color), 0, 0},
	{"colours", "cover", T_COLOR, F(cover_color), 0, 0},
	{"colours", "cover-text", T_COLOR, F(cover_text_color), 0, 0},
	{"mandatory", "disclaimer", T_STR, F(disclaimer), 0, 0},
	{"mandatory", "funder-logo", T_FILE, F(funder_logo), 0, 0},
	{"mandatory", "funder-name", T_STR, F(funder_name), 0, 0},
	{"mandatory", "partner-logos", T_INT, F(min_partner_logos), 0, 20},
};
#undef F

static const char *const font_dirs[] = {
	"/usr/share/fonts/truetype/paratype",
	"/usr/share/fonts/truetype/dejavu",
	"/usr/share/fonts/truetype/noto",
};

int style_parse_length(const char *s, double em, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || !isfinite(v))
		return -1;
	while (*end == ' ')
		end++;
	double k;
	if (strcmp(end, "pt") == 0 || *end == 0)
		k = 1;
	else if (strcmp(end, "mm") == 0)
		k = 72 / 25.4;
	else if (strcmp(end, "cm") == 0)
		k = 72 / 2.54;
	else if (strcmp(end, "in") == 0)
		k = 72;
	else if (strcmp(end, "em") == 0 && em > 0)
		k = em;
	else
		return -1;
	*out = v * k;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int style_parse_color(const char *s, style_color *out)
{
	memset(out, 0, sizeof *out);
	size_t n = strlen(s);
	if (s[0] == '#' && (n == 7 || n == 4)) {
		int step = n == 7 ? 2 : 1;
		for (int i = 0; i < 3; i++) {
			int hi = hexval(s[1 + i * step]);
			int lo = hexval(s[1 + i * step + step - 1]);
			if (hi < 0 || lo < 0)
				return -1;
			out->v[i] = (hi * 16 + lo) / 255.0;
		}
		return 0;
	}
	if (strncmp(s, "cmyk(", 5) == 0 && n > 6 && s[n - 1] == ')') {
		const char *p = s + 5;
		for (int i = 0; i < 4; i++) {
			char *end;
			double v = strtod(p, &end);
			if (end == p || !isfinite(v))
				return -1;
			p = end;
			if (*p == '%') {
				v /= 100;
				p++;
			}
			if (v < 0 || v > 1)
				return -1;
			out->v[i] = v;
			while (*p == ' ')
				p++;
			if (i < 3 && *p++ != ',')
				return -1;
			while (*p == ' ')
				p++;
		}
		if (*p != ')')
			return -1;
		out->cmyk = 1;
		return 0;
	}
	return -1;
}

static void defaults(style *s)
{
	s->page_width = 170 * 72 / 25.4;
	s->page_height = 240 * 72 / 25.4;
	s->margin_top = s->margin_bottom = 20 * 72 / 25.4;
	s->margin_inner = s->margin_outer = 18 * 72 / 25.4;
	s->pad_to = 1;
	s->body_size = 10;
	s->body_leading = 13;
	s->parindent = 12;
	s->small_size = 8.5;
	s->small_leading = 11;
	s->footnote_size = 8;
	s->footnote_leading = 10;
	double hs[4] = {20, 13, 11, 10}, hl[4] = {24, 16, 14, 13};
	double hb[4] = {60, 16, 12, 10}, ha[4] = {26, 6, 4, 3};
	for (int i = 0; i < 4; i++) {
		s->heading_size[i] = hs[i];
		s->heading_leading[i] = hl[i];
		s->heading_before[i] = hb[i];
		s->heading_after[i] = ha[i];
	}
	s->heading_numbers = 1;
	s->chapter_recto = 1;
	s->hyphenate = 1;
	s->hyphen_left = 2;
	s->hyphen_right = 3;
	s->running_heads = 1;
	style_parse_color("#000000", &s->text_color);
	style_parse_color("#1f3a5f", &s->accent_color);
	style_parse_color("#7f8793", &s->rule_color);
	style_parse_color("#e8eef5", &s->tint_color);
	style_parse_color("#1f3a5f", &s->link_color);
	style_parse_color("#1f3a5f", &s->cover_color);
	style_parse_color("#ffffff", &s->cover_text_color);
}

typedef struct parser {
	arena *a;
	diag *d;
	const char *file, *dir, *datadir;
	style *s;
	int depth;
} parser;

static int load_into(parser *p, const char *path);

/* Resolves file NAME from a style in DIR: absolute, relative to DIR, or
 * (fonts) in the project's fonts/ and Debian's font folders. Returns an
 * arena path or NULL. */
static const char *resolve(parser *p, const char *name, int font)
{
	if (name[0] == '/')
		return access(name, R_OK) == 0 ? arena_strdup(p->a, name) : NULL;
	const char *path = arena_printf(p->a, "%s/%s", p->dir, name);
	if (access(path, R_OK) == 0)
		return path;
	if (!font)
		return NULL;
	path = arena_printf(p->a, "%s/fonts/%s", p->datadir, name);
	if (access(path, R_OK) == 0)
		return path;
	for (size_t i = 0; i < sizeof font_dirs / sizeof *font_dirs; i++) {
		path = arena_printf(p->a, "%s/%s", font_dirs[i], name);
		if (access(path, R_OK) == 0)
			return path;
	}
	return NULL;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
	             s[n - 1] == '\n'))
		s[--n] = 0;
	return s;
}

static int set_value(parser *p, const key *k, const char *v, long line,
                     long col)
{
	char *field = (char *)p->s + k->off;
	switch (k->type) {
	case T_LEN: {
		double x;
		if (style_parse_length(v, p->s->body_size, &x) || x < k->lo ||
		    x > k->hi) {
			diag_error(p->d, p->file, line, col, "%s: '%s' is not a "
			           "length between %gpt and %gpt (units: pt, mm, "
			           "cm, in, em)", k->name, v, k->lo, k->hi);
			return -1;
		}
		*(double *)field = x;
		return 0;
	}
	case T_NUM:
	case T_INT: {
		char *end;
		double x = strtod(v, &end);
		if (end == v || *end || !isfinite(x) || x < k->lo ||
		    x > k->hi || (k->type == T_INT && x != floor(x))) {
			diag_error(p->d, p->file, line, col, "%s: '%s' is not a "
			           "number from %g to %g", k->name, v, k->lo,
			           k->hi);
			return -1;
		}
		if (k->type == T_INT)
			*(int *)field = (int)x;
		else
			*(double *)field = x;
		return 0;
	}
	case T_BOOL:
		if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
			*(int *)field = 1;
		else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
			*(int *)field = 0;
		else {
			diag_error(p->d, p->file, line, col, "%s: '%s' is not "
			           "yes or no", k->name, v);
			return -1;
		}
		return 0;
	case T_STR:
		*(const char **)field = *v ? arena_strdup(p->a, v) : NULL;
		return 0;
	case T_COLOR:
		if (style_parse_color(v, (style_color *)field)) {
			diag_error(p->d, p->file, line, col, "%s: '%s' is not a "
			           "colour (#rrggbb or cmyk(c,m,y,k))", k->name, v);
			return -1;
		}
		return 0;
	case T_FILE: {
		if (!*v) {
			*(const char **)field = NULL;
			return 0;
		}
		const char *path = resolve(p, v, 0);
		if (!path) {
			diag_error(p->d, p->file, line, col, "%s: cannot read "
			           "file '%s'", k->name, v);
			return -1;
		}
		*(const char **)field = path;
		return 0;
	}
	case T_FONTS: {
		style_font_files *ff = (style_font_files *)field;
		memset(ff, 0, sizeof *ff);
		char *copy = xstrdup(v), *save = NULL;
		int rc = 0;
		for (char *tok = strtok_r(copy, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			tok = trim(tok);
			if (!*tok)
				continue;
			if (ff->n == STYLE_MAX_FALLBACKS) {
				diag_error(p->d, p->file, line, col, "%s: at most "
				           "%d fonts", k->name, STYLE_MAX_FALLBACKS);
				rc = -1;
				break;
			}
			const char *path = resolve(p, tok, 1);
			if (!path) {
				diag_error(p->d, p->file, line, col, "%s: font file "
				           "'%s' not found (looked in %s/fonts and "
				           "Debian's font folders)", k->name, tok,
				           p->datadir);
				rc = -1;
				continue;
			}
			ff->file[ff->n++] = path;
		}
		free(copy);
		if (!rc && ff->n == 0) {
			diag_error(p->d, p->file, line, col, "%s: no font given",
			           k->name);
			rc = -1;
		}
		return rc;
	}
	}
	return -1;
}

/* Reads a whole file into a heap string, or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	sbuf b = {0};
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (1 << 20))
		sbuf_add(&b, chunk, n);
	fclose(f);
	if (!b.s)
		sbuf_add(&b, "", 0);
	return b.s;
}

static const char *style_path(parser *p, const char *name)
{
	if (strchr(name, '/') || strstr(name, ".style"))
		return arena_strdup(p->a, name);
	return arena_printf(p->a, "%s/styles/%s.style", p->datadir, name);
}

static int load_into(parser *p, const char *path)
{
	char *text = slurp(path);
	if (!text) {
		diag_error(p->d, path, 0, 0, "cannot read style file: %s",
		           strerror(errno));
		return -1;
	}
	const char *saved_file = p->file, *saved_dir = p->dir;
	p->file = arena_strdup(p->a, path);
	char *dir = arena_strdup(p->a, path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		dir = ".";
	p->dir = dir;

	int rc = 0;
	char section[32] = "";
	long lineno = 0;
	char *save = NULL;
	/* Split into logical lines: continuation lines start with blanks. */
	char *lines = text;
	char *line = lines;
	while (line && *line) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		lineno++;
		long startline = lineno;
		sbuf logical = {0};
		sbuf_adds(&logical, line);
		char *next = nl ? nl + 1 : NULL;
		while (next && (*next == ' ' || *next == '\t')) {
			char *nl2 = strchr(next, '\n');
			if (nl2)
				*nl2 = 0;
			char *t = trim(next);
			if (*t && *t != '#') {
				sbuf_adds(&logical, " ");
				sbuf_adds(&logical, t);
			}
			lineno++;
			next = nl2 ? nl2 + 1 : NULL;
		}
		char *l = trim(logical.s);
		(void)save;
		if (*l == 0 || *l == '#') {
			/* blank or comment */
		} else if (*l == '[') {
			char *end = strchr(l, ']');
			if (!end || end[1]) {
				diag_error(p->d, p->file, startline, 1,
				           "malformed section header");
				rc = -1;
			} else {
				*end = 0;
				snprintf(section, sizeof section, "%s", l + 1);
			}
		} else {
			char *eq = strchr(l, '=');
			if (!eq) {
				diag_error(p->d, p->file, startline, 1,
				           "expected 'key = value'");
				rc = -1;
			} else {
				*eq = 0;
				char *k = trim(l), *v = trim(eq + 1);
				long vcol = (long)(v - logical.s) + 1;
				size_t vn = strlen(v);
				if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
					v[vn - 1] = 0;
					v++;
				}
				if (!section[0] && strcmp(k, "extends") == 0) {
					if (p->depth >= 4) {
						diag_error(p->d, p->file, startline, vcol,
						           "styles extend too deep");
						rc = -1;
					} else {
						p->depth++;
						if (load_into(p, style_path(p, v)))
							rc = -1;
						p->depth--;
					}
				} else if (!section[0] && strcmp(k, "name") == 0) {
					p->s->name = arena_strdup(p->a, v);
				} else {
					const key *found = NULL;
					for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
						if (strcmp(keys[i].section, section) == 0 &&
						    strcmp(keys[i].name, k) == 0)
							found = &keys[i];
					if (!found) {
						diag_error(p->d, p->file, startline, 1,
						           "unknown key '%s' in section [%s]",
						           k, section);
						rc = -1;
					} else if (set_value(p, found, v, startline, vcol)) {
						rc = -1;
					}
				}
			}
		}
		sbuf_free(&logical);
		line = next;
	}
	free(text);
	p->file = saved_file;
	p->dir = saved_dir;
	return rc;
}

style *style_load(arena *a, const char *name_or_path, const char *datadir,
                  diag *d)
{
	style *s = arena_alloc(a, sizeof *s);
	defaults(s);
	parser p = {.a = a, .d = d, .datadir = datadir, .s = s};
	const char *path = style_path(&p, name_or_path);
	s->path = path;
	s->name = name_or_path;
	if (load_into(&p, path))
		return NULL;
	int ok = 1;
	static const char *const role_names[FONT_NROLES] = {
		"serif", "serif-italic", "serif-bold", "serif-bold-italic",
		"sans", "sans-italic", "sans-bold", "sans-bold-italic",
		"mono", "mono-bold"};
	for (int i = 0; i < FONT_NROLES; i++)
		if (s->fonts[i].n == 0) {
			diag_error(d, path, 0, 0, "[fonts] %s is not set",
			           role_names[i]);
			ok = 0;
		}
	double text_w = s->page_width - s->margin_inner - s->margin_outer;
	double text_h = s->page_height - s->margin_top - s->margin_bottom;
	if (text_w < 72 || text_h < 72) {
		diag_error(d, path, 0, 0, "the margins leave a text area of "
		           "%.0f x %.0f pt; at least 72 x 72 pt is needed",
		           text_w, text_h);
		ok = 0;
	}
	if (s->body_leading < s->body_size) {
		diag_error(d, path, 0, 0, "[text] leading (%.1fpt) is smaller "
		           "than size (%.1fpt)", s->body_leading, s->body_size);
		ok = 0;
	}
	if (s->pdfa && !s->icc_profile) {
		diag_error(d, path, 0, 0, "[page] pdf-a needs an output-intent "
		           "ICC profile");
		ok = 0;
	}
	if (s->min_partner_logos > 0 && (!s->funder_logo || !s->disclaimer)) {
		diag_error(d, path, 0, 0, "[mandatory] partner-logos is set but "
		           "the funder's disclaimer or logo is missing");
		ok = 0;
	}
	return ok ? s : NULL;
}
