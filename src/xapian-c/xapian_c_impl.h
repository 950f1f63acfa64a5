// xapian_c_impl.h: what the wrapper's two files share (private to src/xapian-c/): the
// database handle, the exception guard every extern "C" function runs its body through, and
// the shard-set helpers of shard_set.cc that metadata reads use.
#ifndef TRAWL_XAPIAN_C_IMPL_H
#define TRAWL_XAPIAN_C_IMPL_H

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "xapian-c/xapian_c.h"

// One shard of a stub database: its line as written, and the database when it opened.
struct shard {
    std::string name;     // "auto idx/shard-1-of-3", "remote HOST:PORT", ...
    bool missing = false; // left out: it could not be opened (allow_partial)
    std::string why;      // the error that left it out
    Xapian::Database db;  // when not missing
};

struct trawl_xdb {
    std::unique_ptr<Xapian::Database> db; // a WritableDatabase when `writable`
    bool writable = false;
    std::string path;                // as given to open, for messages
    std::string last_error;          // message of the last failure on this handle
    std::vector<shard> shards;       // a stub's shards (none for a plain database)
    trawl_xmerge_fn merge = nullptr; // the caller's rule for a key the shards each hold
    void *merge_ctx = nullptr;
};

namespace trawl_xc
{

// Maps the exception being handled to a status and a one-line message, kept in `*keep` when
// not NULL. Noexcept by construction.
trawl_status map_current_exception(trawl_error *err, std::string *keep,
                                   const char *context) noexcept;

// Runs `body`; any exception becomes a status and a message naming `context`.
template <typename Body>
trawl_status guard(trawl_error *err, std::string *keep, const char *context, Body &&body) noexcept
{
    try {
        body();
        return TRAWL_OK;
    } catch (...) {
        return map_current_exception(err, keep, context);
    }
}

// A bad argument: TRAWL_ERR_ARG with `what`.
trawl_status bad_arg(trawl_error *err, std::string *keep, const char *what) noexcept;

// A malloc'd NUL-terminated copy of `s`; throws std::bad_alloc.
char *dup_bytes(const std::string &s);

// The value of metadata `key` given its value in each of `n` databases, as the caller's rule
// `fn` makes it (shard_set.cc).
std::string merge_values(trawl_xmerge_fn fn, void *ctx, const std::string &key,
                         const std::string values[], size_t n);

// Metadata `key` of a stub's searched shards, merged by the handle's rule (shard_set.cc).
std::string shards_metadata(const trawl_xdb *db, const std::string &key);

// Calls `fn` with each metadata key starting with `pfx` in any searched shard of a stub, in
// key order, and its value merged by the handle's rule, until `fn` returns nonzero
// (shard_set.cc).
void shards_each_metadata(const trawl_xdb *db, const std::string &pfx, trawl_xmeta_fn fn,
                          void *ctx);

} // namespace trawl_xc

#endif
