/* zqueue — see zqueue.h. One worker thread takes the jobs in order; the
 * job table grows under the lock and the worker copies what it needs
 * out of it before compressing, so a push never waits for compression. */
#include "zqueue.h"
#include "arena.h"
#include "task.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>

typedef struct zq_job {
	unsigned char *in, *out;
	size_t inlen, outlen;
	int level;
	int done;
} zq_job;

struct zqueue {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	pthread_t th;
	int threaded, stop;
	int ready;                      /* the worker waits for work */
	zq_job *jobs;
	size_t n, cap, next;            /* jobs queued; the next to take */
	size_t ndone;
	/* compressors by level, made when first needed: the worker's, and
	 * the caller's (zq_get) */
	struct libdeflate_compressor *z[ZQ_MAX_LEVEL + 1];
	struct libdeflate_compressor *own[ZQ_MAX_LEVEL + 1];
};

/* SIDE's compressor for LEVEL (SIDE is q->z or q->own, each used by one
 * thread only). */
static struct libdeflate_compressor *
compressor(struct libdeflate_compressor **side, int level)
{
	if (!side[level])
		side[level] = libdeflate_alloc_compressor(level);
	if (!side[level])
		abort(); /* out of memory */
	return side[level];
}

/* Compresses IN[0..len) with Z into a fresh block, frees IN. */
static unsigned char *squeeze(struct libdeflate_compressor *z,
                              unsigned char *in, size_t len, size_t *out)
{
	size_t bound = libdeflate_zlib_compress_bound(z, len);
	unsigned char *buf = xmalloc(bound);
	*out = libdeflate_zlib_compress(z, in, len, buf, bound);
	if (*out == 0)
		abort(); /* cannot happen with the bound's room */
	free(in);
	return xrealloc(buf, *out ? *out : 1);
}

/* Takes the next job and compresses it with SIDE's compressors; called
 * and returning with q->mu held, which it drops while it works. */
static void take(zqueue *q, struct libdeflate_compressor **side)
{
	size_t i = q->next++;
	unsigned char *in = q->jobs[i].in;
	size_t len = q->jobs[i].inlen;
	int level = q->jobs[i].level;
	pthread_mutex_unlock(&q->mu);
	size_t outlen;
	unsigned char *out = squeeze(compressor(side, level), in, len,
	                             &outlen);
	pthread_mutex_lock(&q->mu);
	q->jobs[i].in = NULL;
	q->jobs[i].out = out;
	q->jobs[i].outlen = outlen;
	q->jobs[i].done = 1;
	q->ndone++;
	pthread_cond_broadcast(&q->done);
}

static void *worker(void *arg)
{
	zqueue *q = arg;
	pthread_mutex_lock(&q->mu);
	q->ready = 1;
	pthread_cond_broadcast(&q->done);
	for (;;) {
		while (q->next == q->n && !q->stop)
			pthread_cond_wait(&q->work, &q->mu);
		if (q->next == q->n)
			break; /* stopped and drained */
		take(q, q->z);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

zqueue *zq_new(void)
{
	zqueue *q = xcalloc(1, sizeof *q);
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->done, NULL);
	q->threaded = task_thread(&q->th, worker, q) == 0;
	/* returns once the worker has started: a thread starting (or
	 * idle, zq_idle) holds no allocator lock a fork could copy */
	pthread_mutex_lock(&q->mu);
	while (q->threaded && !q->ready)
		pthread_cond_wait(&q->done, &q->mu);
	pthread_mutex_unlock(&q->mu);
	return q;
}

size_t zq_push(zqueue *q, int level, unsigned char *data, size_t len)
{
	if (level < 0 || level > ZQ_MAX_LEVEL)
		abort(); /* the caller's mistake */
	pthread_mutex_lock(&q->mu);
	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 64;
		q->jobs = xrealloc(q->jobs, q->cap * sizeof *q->jobs);
	}
	size_t i = q->n++;
	q->jobs[i] = (zq_job){data, NULL, len, 0, level, 0};
	if (!q->threaded) {
		q->next = q->n;
		q->jobs[i].out = squeeze(compressor(q->z, level), data, len,
		                         &q->jobs[i].outlen);
		q->jobs[i].in = NULL;
		q->jobs[i].done = 1;
		q->ndone++;
	}
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	return i;
}

void zq_idle(zqueue *q)
{
	pthread_mutex_lock(&q->mu);
	while (q->ndone < q->n)
		pthread_cond_wait(&q->done, &q->mu);
	pthread_mutex_unlock(&q->mu);
}

const unsigned char *zq_get(zqueue *q, size_t i, size_t *len)
{
	pthread_mutex_lock(&q->mu);
	while (!q->jobs[i].done) {
		if (q->next < q->n) {
			/* rather than wait, compress a job the worker has not
			 * taken: the pages come faster than one core packs them */
			take(q, q->own);
			continue;
		}
		pthread_cond_wait(&q->done, &q->mu);
	}
	const unsigned char *out = q->jobs[i].out;
	*len = q->jobs[i].outlen;
	pthread_mutex_unlock(&q->mu);
	return out;
}

void zq_free(zqueue *q)
{
	if (!q)
		return;
	if (q->threaded) {
		pthread_mutex_lock(&q->mu);
		q->stop = 1;
		pthread_cond_signal(&q->work);
		pthread_mutex_unlock(&q->mu);
		pthread_join(q->th, NULL);
	}
	for (size_t i = 0; i < q->n; i++) {
		free(q->jobs[i].in);
		free(q->jobs[i].out);
	}
	free(q->jobs);
	for (int l = 0; l <= ZQ_MAX_LEVEL; l++) {
		libdeflate_free_compressor(q->z[l]);
		libdeflate_free_compressor(q->own[l]);
	}
	pthread_cond_destroy(&q->work);
	pthread_cond_destroy(&q->done);
	pthread_mutex_destroy(&q->mu);
	free(q);
}
