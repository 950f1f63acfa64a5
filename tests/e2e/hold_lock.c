/* hold_lock: opens an index for writing, prints "locked", and keeps the lock until its
 * standard input closes, so tests can check what a second writer is told. */
#include <stdio.h>

#include "xapian-c/xapian_c.h"

int main(int argc, char **argv)
{
    trawl_xdb *db = NULL;
    trawl_error err;
    if (argc != 2 || trawl_xdb_open(argv[1], TRAWL_XDB_CREATE_OR_OPEN, &db, &err)) {
        fprintf(stderr, "hold_lock: %s\n", argc == 2 ? err.message : "usage: hold_lock DIR");
        return 2;
    }
    puts("locked");
    fflush(stdout);
    while (getchar() != EOF)
        ;
    trawl_xdb_close(db);
    return 0;
}
