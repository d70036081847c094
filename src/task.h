/* task — a function run on a thread of its own, or at once in the
 * caller's when no thread can be started; joined once. Header only.
 *
 * Owns nothing but the thread until task_join. Used where a stage hands
 * work to the second core and must work without it: the schema check
 * (load), the style and fonts (main), the fonts' subsets (pdf). */
#ifndef FOLIO_TASK_H
#define FOLIO_TASK_H
#include <pthread.h>

typedef struct task {
	pthread_t th;
	int running;        /* th is to be joined */
} task;

/* Runs FN(ARG) on a new thread, or here, to its end, when none starts. */
static inline void task_start(task *t, void *(*fn)(void *), void *arg)
{
	t->running = pthread_create(&t->th, NULL, fn, arg) == 0;
	if (!t->running)
		fn(arg);
}

/* Waits for T's thread, if it runs; again, nothing. */
static inline void task_join(task *t)
{
	if (t->running)
		pthread_join(t->th, NULL);
	t->running = 0;
}

#endif
