/* doc — the document tree: what folio knows of a DocBook source once it is
 * loaded and valid.
 *
 * Owns: nothing on its own; every node and string lives in the document's
 * arena (doc->arena), freed by doc_free. The tree is read-only after
 * load: later stages (spelling, layout) keep their own state in arrays
 * indexed by doc_node.idx. Element names are folded onto the subset's
 * kinds here (sect1 is a section, ulink a link, date a pubdate), so no
 * later stage sees DocBook's synonyms. */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H
#include "arena.h"
#include <stddef.h>

/* Element kinds of the subset: X(KIND, class). The DocBook name is the
 * kind's lower-case spelling unless doc.c's alias table says otherwise. */
#define DOC_KINDS(X)                                                         \
	X(BOOK, DIV) X(ARTICLE, DIV) X(PART, DIV) X(PREFACE, DIV)            \
	X(CHAPTER, DIV) X(APPENDIX, DIV) X(SECTION, DIV) X(SIMPLESECT, DIV)  \
	X(BIBLIOGRAPHY, DIV) X(GLOSSARY, DIV)                                \
	X(INFO, META) X(TITLE, META) X(SUBTITLE, META) X(TITLEABBREV, META)  \
	X(AUTHOR, META) X(PERSONNAME, META) X(FIRSTNAME, META)               \
	X(SURNAME, META) X(AUTHORGROUP, META) X(EDITOR, META)                \
	X(OTHERCREDIT, META) X(ORGNAME, META) X(AFFILIATION, META)           \
	X(PUBLISHER, META) X(PUBLISHERNAME, META) X(ADDRESS, META)           \
	X(CITY, META) X(PUBDATE, META) X(COPYRIGHT, META) X(YEAR, META)      \
	X(HOLDER, META) X(BIBLIOID, META) X(ABSTRACT, META)                  \
	X(KEYWORDSET, META) X(KEYWORD, META) X(RELEASEINFO, META)            \
	X(LEGALNOTICE, META) X(COVER, META)                                  \
	X(PARA, BLOCK) X(SIMPARA, BLOCK) X(FORMALPARA, BLOCK)                \
	X(ITEMIZEDLIST, BLOCK) X(ORDEREDLIST, BLOCK) X(LISTITEM, BLOCK)      \
	X(VARIABLELIST, BLOCK) X(VARLISTENTRY, BLOCK) X(TERM, BLOCK)         \
	X(BLOCKQUOTE, BLOCK) X(ATTRIBUTION, BLOCK) X(NOTE, BLOCK)            \
	X(TIP, BLOCK) X(IMPORTANT, BLOCK) X(WARNING, BLOCK) X(CAUTION, BLOCK)\
	X(SIDEBAR, BLOCK) X(EXAMPLE, BLOCK) X(PROGRAMLISTING, BLOCK)         \
	X(SCREEN, BLOCK) X(LITERALLAYOUT, BLOCK) X(FIGURE, BLOCK)            \
	X(INFORMALFIGURE, BLOCK) X(MEDIAOBJECT, BLOCK) X(IMAGEOBJECT, BLOCK) \
	X(IMAGEDATA, BLOCK) X(TEXTOBJECT, BLOCK) X(CAPTION, BLOCK)           \
	X(TABLE, BLOCK) X(INFORMALTABLE, BLOCK) X(TGROUP, BLOCK)             \
	X(COLSPEC, BLOCK) X(THEAD, BLOCK) X(TBODY, BLOCK) X(TFOOT, BLOCK)    \
	X(ROW, BLOCK) X(ENTRY, BLOCK) X(BIBLIOENTRY, BLOCK)                  \
	X(BIBLIOMIXED, BLOCK) X(BIBLIOLIST, BLOCK) X(GLOSSENTRY, BLOCK)      \
	X(GLOSSTERM, INLINE) X(GLOSSDEF, BLOCK)                              \
	X(EMPHASIS, INLINE) X(LITERAL, INLINE) X(CODE, INLINE)               \
	X(PHRASE, INLINE) X(QUOTE, INLINE) X(LINK, INLINE) X(XREF, INLINE)   \
	X(FOOTNOTE, INLINE) X(FOOTNOTEREF, INLINE) X(SUBSCRIPT, INLINE)      \
	X(SUPERSCRIPT, INLINE) X(ABBREV, INLINE) X(ACRONYM, INLINE)          \
	X(CITATION, INLINE) X(CITETITLE, INLINE) X(COMMAND, INLINE)          \
	X(FILENAME, INLINE) X(OPTION, INLINE) X(PARAMETER, INLINE)           \
	X(REPLACEABLE, INLINE) X(TAG, INLINE) X(VARNAME, INLINE)             \
	X(FUNCTION, INLINE) X(ENVAR, INLINE) X(SYSTEMITEM, INLINE)           \
	X(URI, INLINE) X(EMAIL, INLINE) X(FOREIGNPHRASE, INLINE)             \
	X(FIRSTTERM, INLINE) X(TRADEMARK, INLINE)                            \
	X(INLINEMEDIAOBJECT, INLINE) X(ANCHOR, INLINE)                       \
	X(INDEXTERM, IGNORE) X(REMARK, IGNORE) X(PRIMARY, IGNORE)          \
	X(SECONDARY, IGNORE) X(TERTIARY, IGNORE) X(SEE, IGNORE)              \
	X(SEEALSO, IGNORE)

typedef enum doc_kind {
	DOC_TEXT,
#define X(k, c) DOC_##k,
	DOC_KINDS(X)
#undef X
	DOC_NKINDS
} doc_kind;

typedef enum doc_class {
	DOC_CLASS_TEXT, DOC_CLASS_DIV, DOC_CLASS_META, DOC_CLASS_BLOCK,
	DOC_CLASS_INLINE, DOC_CLASS_IGNORE
} doc_class;

typedef struct doc_attr {
	const char *name, *value;
	struct doc_attr *next;
} doc_attr;

typedef struct doc_node doc_node;
struct doc_node {
	doc_kind kind;
	unsigned idx;            /* 0..doc->nnodes-1, in document order */
	const char *text;        /* DOC_TEXT: UTF-8, entities resolved */
	size_t textlen;
	const char *lang;        /* inherited xml:lang, never NULL */
	const char *id, *role;   /* xml:id and role, or NULL */
	doc_attr *attrs;         /* the other attributes */
	doc_node *parent, *first, *last, *next, *prev;
	long line;               /* where the element or text starts */
	size_t offset;           /* 1 + byte offset of its start; 0: unknown */
};

typedef struct doc {
	arena arena;
	const char *file;        /* as named on the command line */
	const char *dir;         /* its folder, for relative file references */
	const char *src;         /* the source text, for columns */
	size_t srclen;
	doc_node *root;
	doc_node *info;          /* root's info, or NULL */
	unsigned nnodes;
	doc_node **by_idx;       /* nnodes entries */
	struct doc_id *ids;      /* sorted by id, for doc_by_id */
	size_t nids;
	long *colmap;            /* doc_col's checkpoints (heap), built on
	                          * first use; doc_free frees them */
} doc;

/* Column (in characters, from 1) of N's start in the source, or 0. */
long doc_col(const doc *d, const doc_node *n);
/* Column (in characters, from 1) of byte OFF of SRC[0..LEN), or 0 when
 * OFF > LEN. *MAP (heap, NULL at first; the caller frees it) keeps the
 * column at every 4096th byte, so that a call reads at most 4096 bytes
 * however long the line: a document written on one line, with a
 * diagnostic per element, would otherwise cost quadratic time. */
long doc_src_col(const char *src, size_t len, size_t off, long **map);
/* Where byte BYTE (0..textlen) of text node T's decoded text stands in
 * the source: *LINE from 1 and *COL in characters from 1, each character
 * of the raw source line counting one (so a word after "&amp;" sits four
 * columns further than in the decoded text). Walks the source from the
 * node's start in step with its text: references (&name; &#N; &#xN;)
 * decode to their character, comments, processing instructions, CDATA
 * markers and tags (of text merged across them) count for nothing, and
 * \r\n is one character. Returns 0, or -1 when the node's place is
 * unknown or the source does not match its text: then *LINE is the
 * node's line and *COL 0. */
int doc_text_pos(const doc *d, const doc_node *t, size_t byte, long *line,
                 long *col);
/* A place found by doc_text_pos_at, from which the next search goes on
 * (zero it to start). */
typedef struct doc_pos_cursor {
	int valid;
	const doc_node *node;    /* the text, and the byte of it reached */
	size_t byte;
	size_t off;              /* where that is in the source */
	long line, col;
	int cdata;               /* inside a CDATA section */
} doc_pos_cursor;
/* doc_text_pos, going on from CUR (and moving it) when the place asked
 * for lies after it: asked in document order, the places of all the
 * words of a document cost one walk over the source. */
int doc_text_pos_at(const doc *d, doc_pos_cursor *cur, const doc_node *t,
                    size_t byte, long *line, long *col);

const char *doc_kind_name(doc_kind kind);
doc_class doc_kind_class(doc_kind kind);
/* Maps a DocBook element name (synonyms included) to its kind; returns
 * -1 for names outside the subset. */
int doc_kind_from_name(const char *name);

/* Returns attribute NAME's value, or NULL. */
const char *doc_attr_get(const doc_node *n, const char *name);
/* Returns the first child of kind KIND, or NULL. */
doc_node *doc_child(const doc_node *n, doc_kind kind);
/* Returns the node with xml:id ID, or NULL (binary search of the sorted
 * id table built at load). */
doc_node *doc_by_id(const doc *d, const char *id);
/* Returns the node's text content, whitespace as written, allocated in
 * the document's arena. Ignored elements (indexterm, remark) and
 * footnotes are skipped. */
char *doc_text(doc *d, const doc_node *n);
/* Returns the nearest ancestor (or N itself) of one of the division
 * kinds, or NULL. */
doc_node *doc_division(const doc_node *n);

/* Next node of a depth-first, document-order walk below ROOT. */
doc_node *doc_next(const doc_node *root, const doc_node *n);

void doc_free(doc *d);

/* For the loader: an id table entry; doc_sort_ids sorts d->ids and
 * returns the first duplicate's second occurrence, or NULL. */
typedef struct doc_id { const char *id; doc_node *node; } doc_id;
doc_id *doc_sort_ids(doc *d);

#endif
