/* diag — diagnostics: the messages folio gives an author.
 *
 * Owns: the counts of errors and warnings of one run and where messages
 * go. Every message names its place as "file:line:col: error: text" (line
 * and column are left out when they are 0), the form compilers use, so
 * editors jump to it. Modules never print or exit on their own: they
 * report through a diag and return an error value (-1) to their caller.
 * A held diag keeps its messages in memory until they are released to
 * another (in order, with their counts) or dropped: the messages of work
 * done on a thread, or ahead of a check that may void it. */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H
#include <stdio.h>

typedef enum diag_level { DIAG_WARNING, DIAG_ERROR } diag_level;

typedef struct diag {
	FILE *out;        /* stderr, or a memstream in tests; NULL: silent */
	int errors, warnings;
	int max_warnings; /* per message key: identical messages are cut off */
	/* a held diag's messages (out is a memory stream over them) and its
	 * counts when it was started */
	char *held;
	size_t heldlen;
	int errors0, warnings0;
} diag;

void diag_init(diag *d, FILE *out);
void diag_report(diag *d, diag_level level, const char *file, long line,
                 long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Starts HELD as a held diag for messages meant for TO, whose counts it
 * starts from (so that its cut-off of warnings goes on from TO's). When
 * no memory stream can be opened, HELD writes straight to TO's stream. */
void diag_hold(diag *held, const diag *to);
/* Ends HELD: when KEEP, its messages go to TO's stream and its counts
 * since diag_hold are added to TO's; otherwise they are dropped. */
void diag_release(diag *held, diag *to, int keep);
#define diag_error(d, file, line, col, ...) \
	diag_report((d), DIAG_ERROR, (file), (line), (col), __VA_ARGS__)
#define diag_warn(d, file, line, col, ...) \
	diag_report((d), DIAG_WARNING, (file), (line), (col), __VA_ARGS__)

#endif
