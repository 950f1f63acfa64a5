/* start_probe: the start of a process linked as trawl-query is, with no query. It loads the
 * same shared libraries (Xapian with the C++ runtime and zlib, ICU, libstemmer, jansson),
 * prints their versions and exits: query.py times it, one process per run, beside the sqlite3
 * program answering "SELECT 1", to tell a process's start from its work. */
#include <jansson.h>
#include <libstemmer.h>
#include <stdio.h>
#include <unicode/uversion.h>

#include "xapian-c/xapian_c.h"

int main(void)
{
    UVersionInfo icu;
    char icu_text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    u_versionToString(icu, icu_text);
    const char **stemmers = sb_stemmer_list();
    size_t n = 0;
    while (stemmers[n])
        n++;
    printf("Xapian %s, ICU %s, %zu Snowball stemmers, jansson %s\n", trawl_xapian_version(),
           icu_text, n, jansson_version_str());
    return 0;
}
