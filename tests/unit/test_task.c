/* Unit tests of task.c: before task_keep_core a thread may run where the
 * process may; after it, every thread task_thread or task_start begins
 * runs off the CPU kept for the caller, and on all the others, the
 * caller bound to that CPU; a second call changes nothing. With one CPU
 * allowed (taskset -c 0), nothing is kept and threads run on it. */
#define _GNU_SOURCE /* CPU_SET */
#include "task.h"
#include "test.h"

#include <sched.h>

static cpu_set_t allowed; /* the process's CPUs */

static void *where(void *arg)
{
	cpu_set_t *s = arg;
	CPU_ZERO(s);
	if (pthread_getaffinity_np(pthread_self(), sizeof *s, s) != 0)
		CPU_ZERO(s);
	return NULL;
}

int main(void)
{
	CHECK(sched_getaffinity(0, sizeof allowed, &allowed) == 0);
	int ncpu = CPU_COUNT(&allowed);

	/* nothing chosen yet: a thread may run on every allowed CPU */
	cpu_set_t got;
	pthread_t th;
	CHECK(task_thread(&th, where, &got) == 0);
	pthread_join(th, NULL);
	CHECK(CPU_EQUAL(&got, &allowed));

	int kept = task_keep_core();
	if (ncpu < 2) {
		CHECK(kept == -1);
	} else {
		CHECK(kept >= 0 && CPU_ISSET(kept, &allowed));
		/* the caller is bound to it */
		cpu_set_t mine;
		CHECK(sched_getaffinity(0, sizeof mine, &mine) == 0);
		CHECK(CPU_COUNT(&mine) == 1 && CPU_ISSET(kept, &mine));
		CHECK(sched_getcpu() == kept);
	}
	cpu_set_t want = allowed;
	if (kept >= 0)
		CPU_CLR(kept, &want);

	CHECK(task_thread(&th, where, &got) == 0);
	pthread_join(th, NULL);
	CHECK(CPU_EQUAL(&got, &want));
	if (kept >= 0)
		CHECK(!CPU_ISSET(kept, &got));
	CHECK(CPU_COUNT(&got) == ncpu - (kept >= 0));

	task t;
	task_start(&t, where, &got);
	task_join(&t);
	CHECK(CPU_EQUAL(&got, &want));
	task_join(&t); /* again: nothing */
	CHECK(!t.running);

	/* once: a second call keeps the first choice */
	CHECK(task_keep_core() == -1);
	CHECK(task_thread(&th, where, &got) == 0);
	pthread_join(th, NULL);
	CHECK(CPU_EQUAL(&got, &want));
	TEST_END();
}
