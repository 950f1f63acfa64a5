/* glossary.h: a user's groups of equivalent words and phrases ("propaganda = пропаганда =
 * 宣传"), so that a query word or phrase in a group matches every member. A glossary file is
 * UTF-8 text, one group per line, members separated by '=' (a member of several words is a
 * phrase), '#' starting a comment line. Members are compared folded (text/analyzer.h), so case,
 * accents and Traditional Chinese do not matter. Expansion happens in the query (a Xapian
 * query of every member), so shards served by xapian-tcpsrv need nothing of it.
 * A glossary is read-only once loaded; lookups by one thread at a time (scratch state). */
#ifndef TRAWL_GLOSSARY_H
#define TRAWL_GLOSSARY_H

#include <stddef.h>

#include "common/status.h"
#include "facets/gazetteer.h"
#include "text/analyzer.h"

/* Glossary files larger than this are refused. */
#define TRAWL_MAX_GLOSSARY_BYTES (16u << 20)
/* The default glossary: this file in the folder that holds the index. */
#define TRAWL_GLOSSARY_FILE "glossary.txt"

typedef struct trawl_glossary trawl_glossary;

/* Reads the glossary `path`, folding its members with `an` (not kept). Fails, with the file
 * and line in the message, when a line holds a single member, an empty member, or a member
 * in two groups; TRAWL_ERR_IO / TRAWL_ERR_INPUT when the file cannot be read. */
trawl_status trawl_glossary_load(const char *path, trawl_analyzer *an, trawl_glossary **g_out,
                                 trawl_error *err);
void trawl_glossary_free(trawl_glossary *g);
/* The file it was read from. */
const char *trawl_glossary_path(const trawl_glossary *g);
/* Its number of groups. */
size_t trawl_glossary_groups(const trawl_glossary *g);

/* The group of the word or phrase `text`, folded by `an`, into `*members` (owned by the
 * glossary: every member as written, `text`'s own among them); NULL when it is in none. */
trawl_status trawl_glossary_find(trawl_glossary *g, trawl_analyzer *an, const char *text,
                                 const trawl_names **members, trawl_error *err);

#endif
