/* load — reads a DocBook source file into a doc tree.
 *
 * Owns: the libxml2 parse, which it finishes before returning: nothing of
 * libxml2 outlives load_file (with load_file_checking, its tree lives on
 * in the schema check, on a thread, until load_check_wait). Parses with
 * network access, DTD loading and entity substitution off, refuses any
 * entity declaration (XXE, billion laughs) and documents nested deeper
 * than libxml2's limit, folds unknown elements into the flow with a
 * warning, validates against the embedded RelaxNG schema of the subset
 * (through its tables, valid.h; libxml2's validator, compiled once per
 * process, explains a document they do not pass), and checks xml:id
 * uniqueness and xref targets. Every problem is reported through diag
 * as file:line:col. */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H
#include "diag.h"
#include "doc.h"

#include <stdatomic.h>

/* Loads FILE. Returns the new tree (free with doc_free), or NULL after
 * reporting at least one error through D. */
doc *load_file(const char *file, diag *d);
/* Same, from memory; NAME is used in diagnostics and DIR resolves
 * relative file references. */
doc *load_memory(const char *name, const char *dir, const char *data,
                 size_t len, diag *d);

/* The schema check of a loaded document, running on a thread. */
typedef struct load_check load_check;
/* load_file and load_memory, but they return as soon as the tree is
 * built, with *CHECK set to its schema check (or NULL), which goes on
 * meanwhile: the tree is the document's if the check passes, and until
 * then nothing made of it is to be published. The caller ends the check
 * with load_check_wait before doc_free, and loads nothing else first. */
doc *load_file_checking(const char *file, diag *d, load_check **check);
doc *load_memory_checking(const char *name, const char *dir,
                          const char *data, size_t len, diag *d,
                          load_check **check);
/* Waits for CHECK (NULL: none) and frees it. Returns 0 if the document
 * follows the schema; otherwise -1 after reporting why through D. */
int load_check_wait(load_check *check, diag *d);
/* A flag CHECK sets once it has found the document invalid, for work to
 * stop early (NULL when CHECK is). */
const atomic_int *load_check_flag(const load_check *check);

/* The embedded schema (generated from src/docbook-subset.rng). */
extern const char load_schema_rng[];
extern const unsigned long load_schema_rng_len;

#endif
