/* valid — checks a libxml2 tree against folio's schema without compiling
 * it: tools/rng-tables turns src/docbook-subset.rng into automata and
 * attribute slots at build time (valid_tab.h), and valid_doc runs them,
 * one pass over the tree. Owns nothing at run time; the tables are
 * constant and the tree is the caller's, only read.
 *
 * It answers yes, or "not shown": a tree it does not pass may still
 * follow the schema (it holds what the tables do not cover, such as an
 * entity reference), so the caller then asks libxml2's RelaxNG
 * validator, which also says why a tree fails. */
#ifndef FOLIO_VALID_H
#define FOLIO_VALID_H

struct _xmlDoc;

/* 1 if document X follows the schema, 0 if it does not or might not.
 * Safe on several threads at once, each with its own tree. */
int valid_doc(const struct _xmlDoc *x);

#endif
