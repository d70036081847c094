/* regfile — see regfile.h. */
#include "regfile.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *regfile_open(const char *path)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	FILE *f = fdopen(fd, "rb");
	if (!f)
		close(fd);
	return f;
}

int regfile_read(const char *path, size_t max, unsigned char **buf,
                 size_t *len)
{
	*buf = NULL;
	*len = 0;
	FILE *f = regfile_open(path);
	if (!f)
		return -1;
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || (size_t)st.st_size > max) {
		fclose(f);
		errno = EFBIG;
		return -1;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	unsigned char *b = xmalloc(cap);
	for (;;) {
		size_t r = fread(b + n, 1, cap - n, f);
		n += r;
		if (n < cap)
			break;
		/* the file grew while read: at most up to MAX */
		if (cap > max) {
			free(b);
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
		b = xrealloc(b, cap);
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(b);
		errno = EIO;
		return -1;
	}
	*buf = b;
	*len = n;
	return 0;
}
