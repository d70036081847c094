/* load — reads a DocBook source file into a doc tree.
 *
 * Owns: the libxml2 parse, which it finishes before returning: nothing of
 * libxml2 outlives load_file. Parses with network access, DTD loading and
 * entity substitution off, refuses any entity declaration (XXE, billion
 * laughs) and documents nested deeper than libxml2's limit, folds unknown
 * elements into the flow with a warning, validates against the embedded
 * RelaxNG schema of the subset, and checks xml:id uniqueness and xref
 * targets. Every problem is reported through diag as file:line:col. */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H
#include "diag.h"
#include "doc.h"

/* Starts compiling the embedded schema on a thread, as loading would:
 * a caller with other work to do first (hyphenation patterns to start
 * loading) calls it before, so that the schema is ready sooner. */
void load_warm(void);
/* Loads FILE. Returns the new tree (free with doc_free), or NULL after
 * reporting at least one error through D. */
doc *load_file(const char *file, diag *d);
/* Same, from memory; NAME is used in diagnostics and DIR resolves
 * relative file references. */
doc *load_memory(const char *name, const char *dir, const char *data,
                 size_t len, diag *d);

/* The embedded schema (generated from src/docbook-subset.rng). */
extern const char load_schema_rng[];
extern const unsigned long load_schema_rng_len;

#endif
