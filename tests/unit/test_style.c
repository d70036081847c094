/* Unit tests of house styles (style.c): values, units, colours,
 * inheritance and diagnostics naming file:line:col. */
#define _GNU_SOURCE
#include "style.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *msgs;
static size_t msglen;

static style *load_text(arena *a, const char *text, diag *d)
{
	char path[] = "/tmp/folio-style-XXXXXX.style";
	int fd = mkstemps(path, 6);
	if (fd < 0)
		return NULL;
	if (write(fd, text, strlen(text)) < 0)
		return NULL;
	close(fd);
	free(msgs);
	msgs = NULL;
	FILE *f = open_memstream(&msgs, &msglen);
	diag_init(d, f);
	style *s = style_load(a, path, FOLIO_DATADIR, d);
	fclose(f);
	unlink(path);
	return s;
}

int main(void)
{
	double v;
	CHECK(style_parse_length("10pt", 10, &v) == 0 && v == 10);
	CHECK(style_parse_length("25.4mm", 10, &v) == 0 && v > 71.99 && v < 72.01);
	CHECK(style_parse_length("1.5em", 10, &v) == 0 && v == 15);
	CHECK(style_parse_length("ten", 10, &v) != 0);
	CHECK(style_parse_length("5furlongs", 10, &v) != 0);
	style_color c;
	CHECK(style_parse_color("#ff8000", &c) == 0 && c.v[0] == 1 && !c.cmyk);
	CHECK(style_parse_color("cmyk(0, 50%, 1, 0)", &c) == 0 && c.cmyk &&
	      c.v[1] == 0.5 && c.v[2] == 1);
	CHECK(style_parse_color("red", &c) != 0);

	arena a;
	arena_init(&a);
	diag d;
	diag_init(&d, NULL);
	style *s = style_load(&a, "bg13", FOLIO_DATADIR, &d);
	CHECK(s != NULL);
	CHECK(s && s->disclaimer && strstr(s->disclaimer, "Norwegian Financial "
	                                      "Mechanism 2009–2014. The content"));
	CHECK(s && s->funder_logo && s->min_partner_logos == 3);
	CHECK(s && s->fonts[FONT_SERIF].n == 2);
	CHECK(s && s->has_cover);
	s = style_load(&a, "plain", FOLIO_DATADIR, &d);
	CHECK(s && !s->disclaimer && !s->has_cover);

	s = load_text(&a, "extends = plain\n[text]\nsize = 11pt\nleading = 9pt\n",
	              &d);
	CHECK(s == NULL);
	CHECK(msgs && strstr(msgs, "leading") != NULL);

	s = load_text(&a, "extends = plain\n[page]\nwidth = wide\n", &d);
	CHECK(s == NULL);
	CHECK(msgs && strstr(msgs, ".style:3:9: error: width") != NULL);

	s = load_text(&a, "extends = plain\n[text]\ncolour = #000\n", &d);
	CHECK(s == NULL);
	CHECK(msgs && strstr(msgs, ":3:1: error: unknown key 'colour'") != NULL);

	s = load_text(&a, "extends = plain\n[fonts]\nserif = NoSuchFont.ttf\n",
	              &d);
	CHECK(s == NULL);
	CHECK(msgs && strstr(msgs, "NoSuchFont.ttf") != NULL);

	s = load_text(&a, "extends = plain\n[colours]\ntext = cmyk(0,0,0,1)\n",
	              &d);
	CHECK(s && s->text_color.cmyk && s->text_color.v[3] == 1);

	/* font expansion: a percentage, off in plain, 2 % in bg13 */
	CHECK(s && s->expansion == 0);
	s = style_load(&a, "bg13", FOLIO_DATADIR, &d);
	CHECK(s && s->expansion == 2);
	s = load_text(&a, "extends = plain\n[text]\nexpansion = 1.5\n", &d);
	CHECK(s && s->expansion == 1.5);
	s = load_text(&a, "extends = plain\n[text]\nexpansion = 9\n", &d);
	CHECK(s == NULL);
	CHECK(msgs && strstr(msgs, ":3:13: error: expansion") != NULL);

	s = load_text(&a, "extends = nosuchstyle\n", &d);
	CHECK(s == NULL);
	arena_free(&a);
	free(msgs);
	TEST_END();
}
