/* valid_tab.h — the layout of the schema's tables, which
 * tools/rng-tables.c writes from src/docbook-subset.rng at build time
 * and valid.c reads. Private to the valid module.
 *
 * Element names and attribute names are numbered ("tokens" and "attribute
 * ids"); each is found through an open-addressed hash table of
 * VALID_HASH slots keyed by valid_hash(local name), holding number + 1
 * (0: empty). A namespace is an index into valid_ns; index 0 is "" (no
 * namespace).
 *
 * Content: one automaton, deterministic, over the tokens of the child
 * elements and VALID_TEXT (text that is not all white space), with the
 * tokens folded into classes. State 0 rejects everything; a state
 * accepts if valid_accept[state]. Element token T's content starts in
 * valid_elems[T].start, the document's in valid_start.
 *
 * Attributes: element T's slots are valid_slots[valid_elems[T].slot0 ..
 * + nslots]. valid_slot_of[T * valid_nattrs + id] is the slot (+1, 0: not
 * allowed) that attribute id fills on T; an attribute whose name is in no
 * table fills T's wildcard slot (wild + 1, 0: none) if the wildcard
 * takes its namespace. */
#ifndef FOLIO_VALID_TAB_H
#define FOLIO_VALID_TAB_H
#include <stdint.h>

#define VALID_HASH 512

typedef struct valid_name {
	uint16_t ns;           /* index into valid_ns */
	const char *local;
} valid_name;

typedef struct valid_elem {
	uint16_t start;        /* the automaton's state before any child */
	uint16_t slot0, nslots;
	uint16_t wild;         /* wildcard slot + 1, or 0 */
} valid_elem;

typedef struct valid_slot {
	uint8_t min;           /* 0 or 1: the attribute is required */
	uint8_t max;           /* 1, or 0 for any number */
	/* a wildcard: namespaces it takes (all but valid_wild_ns[excl ..]
	 * when any, else only those) */
	uint8_t any;
	uint16_t excl, nexcl;
} valid_slot;

extern const char *const valid_ns[];
extern const unsigned valid_nns;

extern const valid_name valid_elem_names[];
extern const valid_elem valid_elems[];
extern const uint16_t valid_elem_hash[VALID_HASH];
extern const unsigned valid_ntokens;   /* element tokens; VALID_TEXT
                                        * is valid_ntokens */

extern const valid_name valid_attr_names[];
extern const uint16_t valid_attr_hash[VALID_HASH];
extern const unsigned valid_nattrs;
extern const valid_slot valid_slots[];
extern const uint8_t valid_slot_of[];
extern const uint16_t valid_wild_ns[];

extern const uint16_t valid_class[];   /* token (and text) -> class */
extern const unsigned valid_nclasses;
extern const uint16_t valid_next[];    /* [state * valid_nclasses + class] */
extern const uint8_t valid_accept[];
extern const uint16_t valid_start;     /* the document's content */

/* FNV-1a of a name, as both sides hash it. */
static inline unsigned valid_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#endif
