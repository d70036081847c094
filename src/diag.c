/* diag — see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

void diag_init(diag *d, FILE *out)
{
	d->out = out;
	d->errors = d->warnings = 0;
	d->max_warnings = 200;
	d->held = NULL;
	d->heldlen = 0;
	d->errors0 = d->warnings0 = 0;
}

void diag_hold(diag *held, const diag *to)
{
	*held = *to;
	held->held = NULL;
	held->heldlen = 0;
	held->errors0 = to->errors;
	held->warnings0 = to->warnings;
	if (to->out) {
		FILE *m = open_memstream(&held->held, &held->heldlen);
		if (m)
			held->out = m;
	}
}

void diag_release(diag *held, diag *to, int keep)
{
	if (held->out && held->out != to->out) {
		fclose(held->out); /* sets held and heldlen */
		if (keep && held->heldlen)
			fwrite(held->held, 1, held->heldlen, to->out);
	}
	free(held->held);
	held->held = NULL;
	held->out = NULL;
	if (keep) {
		to->errors += held->errors - held->errors0;
		to->warnings += held->warnings - held->warnings0;
	}
	held->errors0 = held->errors; /* released twice: counted once */
	held->warnings0 = held->warnings;
}

void diag_report(diag *d, diag_level level, const char *file, long line,
                 long col, const char *fmt, ...)
{
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (!d->out)
		return;
	if (level == DIAG_WARNING && d->warnings > d->max_warnings) {
		if (d->warnings == d->max_warnings + 1)
			fprintf(d->out, "folio: warning: further warnings "
			                "suppressed\n");
		return;
	}
	fputs(file ? file : "folio", d->out);
	if (line > 0) {
		fprintf(d->out, ":%ld", line);
		if (col > 0)
			fprintf(d->out, ":%ld", col);
	}
	fputs(level == DIAG_ERROR ? ": error: " : ": warning: ", d->out);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	fputc('\n', d->out);
}
