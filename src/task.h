/* task — threads beside the main thread: a function run on a thread of
 * its own, or at once in the caller's when no thread can be started,
 * joined once; and where those threads run.
 *
 * Owns nothing but the thread until task_join, and the placement
 * task_keep_core sets once for the process. Used where a stage hands
 * work to the second core and must work without it: the schema check
 * (load), the style and fonts (main), the fonts' subsets (pdf), the
 * compression (zqueue) and the hyphenation ahead (hyph). */
#ifndef FOLIO_TASK_H
#define FOLIO_TASK_H
#include <pthread.h>

typedef struct task {
	pthread_t th;
	int running;        /* th is to be joined */
} task;

/* Binds the caller (the main thread) to the CPU it runs on and keeps
 * every thread started from now on by task_thread (task_start too) on
 * the process's other CPUs, when it has another: the main thread's core
 * is not to be shared with the helpers. Once, before any thread starts
 * (a thread started before keeps the caller's CPUs); a process that
 * never calls it leaves every thread where the kernel puts it. Returns
 * the CPU kept for the caller, or -1 when nothing was changed (one CPU
 * allowed, or called again). A child forked afterwards inherits the
 * caller's one CPU. */
int task_keep_core(void);

/* pthread_create with the placement task_keep_core chose. Returns 0 or
 * an error number, as pthread_create. */
int task_thread(pthread_t *th, void *(*fn)(void *), void *arg);

/* Runs FN(ARG) on a new thread, or here, to its end, when none starts. */
static inline void task_start(task *t, void *(*fn)(void *), void *arg)
{
	t->running = task_thread(&t->th, fn, arg) == 0;
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
