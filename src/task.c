/* task — see task.h.
 *
 * Why the main thread keeps a core of its own: on the 2-CPU virtual
 * machines folio is built on, the kernel puts a thread that wakes on the
 * CPU already running (the main thread's) rather than wake the idle one,
 * which takes about 1.4 ms to come back from halt; the helper threads
 * then share the main thread's core while the other stays idle. The main
 * thread waited 2.5 ms in the run queue of a 50-page build that took 21;
 * with the helpers kept on the other CPU, 0.2 ms. The main thread is
 * bound to its CPU as well: left free, it was woken on the helpers' CPU
 * (where the disk's interrupts and the helpers that wake it run) and
 * shared it with them while its own stayed idle, in about half the runs
 * of a 50-page build started as make starts it. */
#define _GNU_SOURCE /* CPU_SET, sched_getcpu, pthread_attr_setaffinity_np */
#include "task.h"

#include <sched.h>

static cpu_set_t helpers;  /* where task_thread's threads may run */
static int placed;         /* task_keep_core chose HELPERS */

int task_keep_core(void)
{
	cpu_set_t all;
	CPU_ZERO(&all);
	int cpu = sched_getcpu();
	if (placed || cpu < 0 || cpu >= CPU_SETSIZE ||
	    sched_getaffinity(0, sizeof all, &all) != 0 ||
	    !CPU_ISSET(cpu, &all) || CPU_COUNT(&all) < 2)
		return -1;
	cpu_set_t me;
	CPU_ZERO(&me);
	CPU_SET(cpu, &me);
	if (sched_setaffinity(0, sizeof me, &me) != 0)
		return -1;
	helpers = all;
	CPU_CLR(cpu, &helpers);
	placed = 1;
	return cpu;
}

int task_thread(pthread_t *th, void *(*fn)(void *), void *arg)
{
	if (!placed)
		return pthread_create(th, NULL, fn, arg);
	pthread_attr_t at;
	int rc = pthread_attr_init(&at);
	if (rc)
		return rc;
	rc = pthread_attr_setaffinity_np(&at, sizeof helpers, &helpers);
	if (!rc)
		rc = pthread_create(th, &at, fn, arg);
	pthread_attr_destroy(&at);
	return rc;
}
