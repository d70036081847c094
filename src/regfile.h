/* regfile — opening the files a document names (its images).
 *
 * Owns: nothing past the call. Those files are input like the document
 * itself, so only regular files are read: a reference to /dev/stdin, a
 * FIFO or a device cannot make folio wait forever or read without end
 * (issue 7). */
#ifndef FOLIO_REGFILE_H
#define FOLIO_REGFILE_H
#include <stddef.h>
#include <stdio.h>

/* Opens PATH for reading if it is a regular file; NULL otherwise, with
 * errno set (EINVAL: not a regular file). */
FILE *regfile_open(const char *path);
/* Reads the whole regular file PATH, at most MAX bytes, into *BUF (heap,
 * the caller frees it) and *LEN. Returns 0, or -1 with errno set (EFBIG:
 * larger than MAX). */
int regfile_read(const char *path, size_t max, unsigned char **buf,
                 size_t *len);

#endif
