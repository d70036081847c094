/* zqueue — compresses buffers (page content streams) on a worker thread
 * while the caller goes on drawing the next pages.
 *
 * Owns: the jobs' input copies and compressed results, the worker thread
 * and its libdeflate compressor (zq_free releases all). Output is the
 * zlib format a PDF's /FlateDecode filter reads, identical whether a
 * thread ran or not, so builds stay byte-identical. When no thread can
 * be started the jobs are compressed at once in zq_push. Knows nothing
 * of PDF. */
#ifndef FOLIO_ZQUEUE_H
#define FOLIO_ZQUEUE_H
#include <stddef.h>

typedef struct zqueue zqueue;

/* Starts a queue, returning once its worker waits for work. Never
 * fails: without a thread, work is done in the caller's. */
zqueue *zq_new(void);
#define ZQ_MAX_LEVEL 12
/* Queues DATA[0..len) to be compressed at LEVEL (libdeflate's: 1
 * fastest .. 12 smallest; 6 matches zlib's default ratio at about half
 * its time), taking ownership of DATA (a malloc'd block, freed once
 * compressed). Returns the job's number: 0, 1, 2, ... */
size_t zq_push(zqueue *q, int level, unsigned char *data, size_t len);
/* Waits for job I and returns its compressed bytes (owned by the queue,
 * valid until zq_free) and their count in *LEN. While job I is not done
 * the caller compresses jobs the worker has not taken (the same bytes
 * as the worker's), so that a backlog is packed on two cores. */
const unsigned char *zq_get(zqueue *q, size_t i, size_t *len);
/* Waits until every job queued is done: the worker then only waits for
 * work, in no allocator and holding no lock but the queue's. Before a
 * fork, so that the child finds no lock of another thread taken. */
void zq_idle(zqueue *q);
/* Stops the worker (after the jobs queued) and frees everything. */
void zq_free(zqueue *q);

#endif
