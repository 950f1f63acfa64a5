/* png.h: an SVG drawn as a PNG file, by librsvg and cairo. Both are loaded (dlopen) at the
 * first drawing, not when the program starts: they bring some 40 shared libraries (glib,
 * pango, X11, ...), whose loading every trawl-query would otherwise pay for, PNG or not. */
#ifndef TRAWL_PNG_H
#define TRAWL_PNG_H

#include <stddef.h>

#include "common/status.h"

/* Renders the SVG document `svg` (`len` bytes) into the PNG file `path` at twice its size in
 * pixels (`width` when the SVG does not say; `height` likewise). Safe from several threads.
 * TRAWL_ERR_IO when librsvg cannot be loaded (naming the Debian package), the SVG cannot be
 * rendered or the file cannot be written. */
trawl_status trawl_svg_to_png(const char *svg, size_t len, double width, double height,
                              const char *path, trawl_error *err);

#endif
