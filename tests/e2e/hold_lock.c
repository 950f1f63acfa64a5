/* hold_lock: opens an index for writing as trawl-ingest does, prints "locked PID", and keeps
 * the lock until its standard input closes, so tests can check what a second writer is told. */
#include <stdio.h>
#include <unistd.h>

#include "index/indexer.h"

int main(int argc, char **argv)
{
    trawl_indexer *ix = NULL;
    trawl_error err;
    if (argc != 2 || trawl_indexer_open(argv[1], NULL, &ix, &err)) {
        fprintf(stderr, "hold_lock: %s\n", argc == 2 ? err.message : "usage: hold_lock DIR");
        return 2;
    }
    printf("locked %ld\n", (long)getpid());
    fflush(stdout);
    while (getchar() != EOF)
        ;
    trawl_indexer_close(ix);
    return 0;
}
