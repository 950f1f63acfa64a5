/* datadir.h: where Trawl's data files are (the gazetteer's tables, the list of languages to
 * detect), found relative to the running program and never through a path of the build tree,
 * so that an installed Trawl runs wherever it is installed or moved:
 *   1. $TRAWL_DATA_DIR, when set;
 *   2. share/trawl beside the program (a build tree: the build copies the data there);
 *   3. TRAWL_DATA_FROM_BIN from the program's folder (installed: ../share/trawl from bin/);
 *   4. ../share/trawl from the program's folder (test programs, one folder below the build).
 * The first that holds the gazetteer wins; when none does, the installed location (3), so that
 * the error of whatever reads it names where the data was expected. */
#ifndef TRAWL_DATADIR_H
#define TRAWL_DATADIR_H

/* The data folder, as above. Static storage; safe from any thread. */
const char *trawl_data_dir(void);

#endif
