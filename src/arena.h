/* arena — the memory of one document build.
 *
 * Owns: every block handed out by arena_alloc and friends, freed together
 * by arena_free. Nothing allocated from an arena is freed on its own, so
 * the tree, the style, the laid-out pages and their strings share one
 * lifetime and one owner. Also provides vec, a growable array whose
 * storage comes from the heap (for arrays that grow by doubling) and is
 * released with vec_free. Allocation failure aborts: it cannot be handled
 * meaningfully in a typesetter and is not an input error. */
#ifndef FOLIO_ARENA_H
#define FOLIO_ARENA_H
#include <assert.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct arena_block arena_block;
typedef struct arena {
	arena_block *head;
	size_t used;      /* bytes handed out, for the bench's figures */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* Returns SIZE zeroed bytes aligned for any type. */
void *arena_alloc(arena *a, size_t size);
/* Returns a copy of the first LEN bytes of S, NUL-terminated. */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* Moves every block of SRC into DST (SRC is left empty): what was
 * allocated from either is freed with DST. */
void arena_adopt(arena *dst, arena *src);
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* vec: a growable array of fixed-size elements on the heap. */
typedef struct vec {
	void *data;
	size_t len, cap, size;
} vec;
#define VEC_INIT(T) ((vec){NULL, 0, 0, sizeof(T)})
/* Appends one zeroed element and returns a pointer to it (valid until the
 * next push). */
void *vec_push(vec *v);
/* Doubles V's room (vec_push's slow path). */
void vec_grow(vec *v);
/* vec_push for an element of type T, V's own: the check and the zeroing
 * inlined, for the loops that push millions (paragraph and page items). */
static inline void *vec_slot_(vec *v, size_t size)
{
	assert(v->size == size);
	if (v->len == v->cap)
		vec_grow(v);
	return (char *)v->data + v->len++ * v->size;
}
#define VEC_PUSH(v, T) ((T *)memset(vec_slot_((v), sizeof(T)), 0, sizeof(T)))
#define VEC_AT(v, T, i) (&((T *)(v)->data)[(i)])
void vec_free(vec *v);

/* xmalloc family: heap allocation that aborts on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* sbuf: a growable NUL-terminated string on the heap. */
typedef struct sbuf {
	char *s;
	size_t len, cap;
} sbuf;
/* Makes room for LEN more bytes and the NUL (sbuf_add's slow path). */
void sbuf_room(sbuf *b, size_t len);
/* Appends S[0..len). Inline: the PDF writer appends a few bytes at a
 * time, half a million times for 250 pages. */
static inline void sbuf_add(sbuf *b, const char *s, size_t len)
{
	if (b->len + len + 1 > b->cap)
		sbuf_room(b, len);
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = 0;
}
void sbuf_adds(sbuf *b, const char *s);
void sbuf_printf(sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_free(sbuf *b);

#endif
