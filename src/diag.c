/* diag — see diag.h. */
#include "diag.h"

#include <stdarg.h>

void diag_init(diag *d, FILE *out)
{
	d->out = out;
	d->errors = d->warnings = 0;
	d->max_warnings = 200;
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
