/* png.c: librsvg and cairo, looked up at the first PNG (png.h). */
#include "output/png.h"

#include <cairo.h>
#include <dlfcn.h>
#include <librsvg/rsvg.h>
#include <pthread.h>

/* librsvg's run-time name; cairo, glib and gobject come with it as its dependencies. */
#define RSVG_LIBRARY "librsvg-2.so.2"

/* The functions used, looked up in librsvg and the libraries it depends on. */
static struct {
    RsvgHandle *(*new_from_data)(const guint8 *, gsize, GError **);
    gboolean (*intrinsic_size)(RsvgHandle *, gdouble *, gdouble *);
    gboolean (*render_document)(RsvgHandle *, cairo_t *, const RsvgRectangle *, GError **);
    void (*clear_error)(GError **);
    void (*object_unref)(gpointer);
    cairo_surface_t *(*image_surface_create)(cairo_format_t, int, int);
    cairo_t *(*create)(cairo_surface_t *);
    cairo_status_t (*write_to_png)(cairo_surface_t *, const char *);
    const char *(*status_to_string)(cairo_status_t);
    void (*destroy)(cairo_t *);
    void (*surface_destroy)(cairo_surface_t *);
    const char *failure; /* why they cannot be used, or NULL */
} lib;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

/* Assigns dlsym's answer to a function pointer (ISO C has no cast from void *). */
#define FIND(h, field, name) (*(void **)&lib.field = dlsym(h, name)) != NULL

static void load(void)
{
    void *h = dlopen(RSVG_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        lib.failure = RSVG_LIBRARY " cannot be loaded (Debian package librsvg2-2)";
        return;
    }
    if (!(FIND(h, new_from_data, "rsvg_handle_new_from_data") &&
          FIND(h, intrinsic_size, "rsvg_handle_get_intrinsic_size_in_pixels") &&
          FIND(h, render_document, "rsvg_handle_render_document") &&
          FIND(h, clear_error, "g_clear_error") && FIND(h, object_unref, "g_object_unref") &&
          FIND(h, image_surface_create, "cairo_image_surface_create") &&
          FIND(h, create, "cairo_create") && FIND(h, write_to_png, "cairo_surface_write_to_png") &&
          FIND(h, status_to_string, "cairo_status_to_string") &&
          FIND(h, destroy, "cairo_destroy") && FIND(h, surface_destroy, "cairo_surface_destroy")))
        lib.failure = RSVG_LIBRARY " lacks a function Trawl needs (librsvg 2.52 or later)";
    /* Never closed: the functions stay in use until the program ends. */
}

trawl_status trawl_svg_to_png(const char *svg, size_t len, double width, double height,
                              const char *path, trawl_error *err)
{
    pthread_once(&loaded, load);
    if (lib.failure)
        return trawl_error_set(err, TRAWL_ERR_IO, "%s: PNG charts need librsvg: %s", path,
                               lib.failure);
    GError *gerr = NULL;
    RsvgHandle *h = lib.new_from_data((const guint8 *)svg, (gsize)len, &gerr);
    if (!h) {
        trawl_status st = trawl_error_set(err, TRAWL_ERR_IO, "%s: the chart cannot be rendered: %s",
                                          path, gerr ? gerr->message : "librsvg failed");
        lib.clear_error(&gerr);
        return st;
    }
    gdouble w = width, h_px = 0;
    if (!lib.intrinsic_size(h, &w, &h_px))
        h_px = height;
    /* Twice the size of the SVG's pixels: sharp when pasted into a document. */
    cairo_surface_t *surface =
        lib.image_surface_create(CAIRO_FORMAT_ARGB32, (int)(w * 2), (int)(h_px * 2));
    cairo_t *cr = lib.create(surface);
    RsvgRectangle viewport = {0, 0, w * 2, h_px * 2};
    gboolean ok = lib.render_document(h, cr, &viewport, &gerr);
    cairo_status_t cs = ok ? lib.write_to_png(surface, path) : CAIRO_STATUS_SUCCESS;
    trawl_status st = TRAWL_OK;
    if (!ok)
        st = trawl_error_set(err, TRAWL_ERR_IO, "%s: the chart cannot be rendered: %s", path,
                             gerr ? gerr->message : "librsvg failed");
    else if (cs != CAIRO_STATUS_SUCCESS)
        st = trawl_error_set(err, TRAWL_ERR_IO, "%s: cannot write: %s", path,
                             lib.status_to_string(cs));
    lib.clear_error(&gerr);
    lib.destroy(cr);
    lib.surface_destroy(surface);
    lib.object_unref(h);
    return st;
}
