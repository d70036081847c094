/* atomic — see atomic.h. */
#define _GNU_SOURCE /* sync_file_range (Linux) */
#include "atomic.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SLOTS 8
#define WRITEBACK_EVERY (1UL << 20) /* bytes */
#define PATH_MAX_LEN 4096

/* Paths of open temporary files, read by the signal handler. */
static char registry[SLOTS][PATH_MAX_LEN];
static volatile sig_atomic_t used[SLOTS];

static void on_signal(int sig)
{
	for (int i = 0; i < SLOTS; i++)
		if (used[i])
			unlink(registry[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void atomic_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A write past the file size limit (ulimit -f) would kill the
	 * program with SIGXFSZ and leave the temporary file behind; ignored,
	 * the write fails with EFBIG like one on a full disk, and the
	 * failed build removes it (issue 7). */
	signal(SIGXFSZ, SIG_IGN);
}

static int reg(const char *tmp)
{
	if (strlen(tmp) >= PATH_MAX_LEN)
		return -1;
	for (int i = 0; i < SLOTS; i++)
		if (!used[i]) {
			memcpy(registry[i], tmp, strlen(tmp) + 1);
			used[i] = 1;
			return i;
		}
	return -1;
}

static void unreg(atomic_file *f)
{
	if (f->slot >= 0)
		used[f->slot] = 0;
	f->slot = -1;
}

int atomic_open(atomic_file *f, const char *path, diag *d)
{
	memset(f, 0, sizeof *f);
	f->fd = -1;
	f->slot = -1;
	size_t n = strlen(path) + 16;
	f->path = xstrdup(path);
	f->tmp = xmalloc(n);
	snprintf(f->tmp, n, "%s.tmpXXXXXX", path);
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old); /* create and register at once */
	f->fd = mkstemp(f->tmp);
	int e = errno;
	if (f->fd >= 0)
		f->slot = reg(f->tmp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (f->fd < 0) {
		diag_error(d, path, 0, 0, "cannot write: %s", strerror(e));
		free(f->path);
		free(f->tmp);
		f->path = f->tmp = NULL;
		return -1;
	}
	return 0;
}

int atomic_write(atomic_file *f, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		ssize_t w = write(f->fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
		f->unsynced += (size_t)w;
	}
#ifdef SYNC_FILE_RANGE_WRITE
	/* the disk starts on what is written while the rest is made: the
	 * fsync of the commit then waits for less (2,000 pages: 9.5 MB) */
	if (f->unsynced >= WRITEBACK_EVERY) {
		sync_file_range(f->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
		f->unsynced = 0;
	}
#endif
	return 0;
}

void atomic_close(atomic_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
}

void atomic_abort(atomic_file *f)
{
	if (!f->tmp)
		return;
	atomic_close(f);
	unlink(f->tmp);
	unreg(f);
	free(f->path);
	free(f->tmp);
	f->path = f->tmp = NULL;
}

int atomic_commit(atomic_file *f, diag *d)
{
	int ok = 1;
	if (f->fd >= 0) {
		ok = fsync(f->fd) == 0 || errno == EINVAL;
		ok = close(f->fd) == 0 && ok;
		f->fd = -1;
	}
	ok = ok && chmod(f->tmp, 0644) == 0 && rename(f->tmp, f->path) == 0;
	if (!ok) {
		diag_error(d, f->path, 0, 0, "cannot write: %s",
		           strerror(errno));
		atomic_abort(f);
		return -1;
	}
	unreg(f);
	free(f->path);
	free(f->tmp);
	f->path = f->tmp = NULL;
	return 0;
}
