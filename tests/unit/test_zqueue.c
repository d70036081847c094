/* Unit tests of the compression queue (zqueue.c): every job comes back
 * as zlib data that inflates to its input, in any order of asking, an
 * empty job included, and a queue freed with jobs never asked for
 * leaks nothing (ASan). */
#include "arena.h"
#include "test.h"
#include "zqueue.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

/* A page-like buffer: operators repeated with a varying number. */
static unsigned char *make(size_t i, size_t *len)
{
	sbuf b = {0};
	for (size_t k = 0; k < 200 + 37 * i; k++)
		sbuf_printf(&b, "1 0 0 1 %zu.5 %zu Tm\n[(text)-250(more)] TJ\n",
		            k * i % 400, 700 - k % 600);
	*len = b.len;
	return (unsigned char *)b.s; /* the queue takes it */
}

/* Whether Z[0..zlen) inflates to exactly WANT[0..len). */
static int inflates_to(const unsigned char *z, size_t zlen,
                       const unsigned char *want, size_t len)
{
	struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
	unsigned char *out = malloc(len + 1);
	size_t got = 0;
	int ok = d && out &&
	         libdeflate_zlib_decompress(d, z, zlen, out, len + 1, &got) ==
	                 LIBDEFLATE_SUCCESS &&
	         got == len && memcmp(out, want, len) == 0;
	free(out);
	libdeflate_free_decompressor(d);
	return ok;
}

int main(void)
{
	enum { N = 40 };
	unsigned char *copy[N];
	size_t len[N];
	zqueue *q = zq_new();
	int numbered = 1;
	for (size_t i = 0; i < N; i++) {
		unsigned char *buf;
		if (i == 7) { /* an empty page */
			buf = xmalloc(1);
			len[i] = 0;
		} else {
			buf = make(i, &len[i]);
		}
		copy[i] = xmalloc(len[i] + 1);
		memcpy(copy[i], buf, len[i]);
		/* levels mixed in one queue */
		numbered &= zq_push(q, i % 3 ? 6 : 1, buf, len[i]) == i;
	}
	CHECK(numbered);
	/* asked for backwards: each waits for its own job only */
	int all = 1, smaller = 1;
	for (size_t i = N; i-- > 0;) {
		size_t zlen;
		const unsigned char *z = zq_get(q, i, &zlen);
		all &= inflates_to(z, zlen, copy[i], len[i]);
		if (len[i] > 1000)
			smaller &= zlen < len[i] / 4;
	}
	CHECK(all);
	CHECK(smaller);
	/* asking twice gives the same bytes */
	size_t a, b;
	const unsigned char *z1 = zq_get(q, 3, &a), *z2 = zq_get(q, 3, &b);
	CHECK(z1 == z2 && a == b);
	zq_free(q);

	/* same input, same output: builds stay byte-identical */
	zqueue *q1 = zq_new(), *q2 = zq_new();
	size_t l1, l2, n1, n2;
	unsigned char *b1 = make(5, &l1), *b2 = make(5, &l2);
	zq_push(q1, 6, b1, l1);
	zq_push(q2, 6, b2, l2);
	const unsigned char *o1 = zq_get(q1, 0, &n1), *o2 = zq_get(q2, 0, &n2);
	CHECK(n1 == n2 && memcmp(o1, o2, n1) == 0);
	zq_free(q1);
	zq_free(q2);

	/* each job at its own level: 1 is larger than 9 on the same bytes */
	q = zq_new();
	b1 = make(9, &l1);
	b2 = xmalloc(l1);
	memcpy(b2, b1, l1);
	unsigned char *keep = xmalloc(l1);
	memcpy(keep, b1, l1);
	zq_push(q, 1, b1, l1);
	zq_push(q, 9, b2, l1);
	o1 = zq_get(q, 0, &n1);
	o2 = zq_get(q, 1, &n2);
	CHECK(inflates_to(o1, n1, keep, l1) && inflates_to(o2, n2, keep, l1));
	CHECK(n1 > n2);
	free(keep);
	zq_free(q);

	/* freed with jobs queued and never asked for */
	q = zq_new();
	for (size_t i = 0; i < 10; i++) {
		size_t l;
		unsigned char *buf = make(i, &l);
		zq_push(q, 1, buf, l);
	}
	zq_free(q);
	zq_free(NULL);

	for (size_t i = 0; i < N; i++)
		free(copy[i]);
	TEST_END();
}
