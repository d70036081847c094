/* atomic — outputs written whole or not at all.
 *
 * Owns: the temporary files it opens until they are committed (renamed
 * into place) or aborted (removed), and a small registry of them so that
 * SIGINT, SIGTERM and SIGHUP remove them before the program dies. A
 * failed, killed or full-disk build thus leaves the previous output
 * untouched and no temporary file behind. */
#ifndef FOLIO_ATOMIC_H
#define FOLIO_ATOMIC_H
#include "diag.h"
#include <stddef.h>

typedef struct atomic_file {
	char *path;              /* the target */
	char *tmp;               /* PATH.tmpXXXXXX beside it */
	int fd;                  /* open until atomic_close or commit */
	int slot;                /* registry slot, -1: none */
	size_t unsynced;         /* bytes written since writeback started */
} atomic_file;

/* Creates a temporary file beside PATH. Returns 0, or -1 after
 * reporting (the folder is missing or not writable). */
int atomic_open(atomic_file *f, const char *path, diag *d);
/* Writes LEN bytes; returns 0 or -1 (errno set). */
int atomic_write(atomic_file *f, const void *buf, size_t len);
/* Closes the descriptor so another writer can fill the file by name. */
void atomic_close(atomic_file *f);
/* Flushes, closes and renames the file into place (mode 0644). Returns
 * 0, or -1 after reporting and removing the temporary file. */
int atomic_commit(atomic_file *f, diag *d);
/* Removes the temporary file. */
void atomic_abort(atomic_file *f);
/* Installs the signal handlers that remove open temporary files. */
void atomic_signals(void);

#endif
