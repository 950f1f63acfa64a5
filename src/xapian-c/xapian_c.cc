// xapian_c.cc: the C wrapper's implementation. Every extern "C" function runs its body through
// guard(), which catches every exception and maps it to a trawl_status with one message.
#include "xapian-c/xapian_c.h"

#include <xapian.h>

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

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

struct trawl_xdoc {
    Xapian::Document doc;
};

struct trawl_xquery {
    Xapian::Query query;
};

struct trawl_xspy {
    Xapian::ValueCountMatchSpy spy;
};

struct trawl_xenquire {
    trawl_xdb *db;
    Xapian::Enquire enquire;
    std::string last_error;
};

struct trawl_xmset {
    Xapian::MSet mset;
    std::vector<std::string> data; // stored data, loaded on first access
    std::vector<bool> loaded;
};

namespace
{

// Maps the exception being handled to a status and a one-line message. Noexcept by
// construction: it formats into a fixed buffer and only then tries to keep a copy.
trawl_status map_current_exception(trawl_error *err, std::string *keep,
                                   const char *context) noexcept
{
    trawl_status st = TRAWL_ERR_INTERNAL;
    const char *what = "unknown exception";
    const char *type = "";
    std::string detail;
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        st = TRAWL_ERR_LOCKED;
        what = e.get_msg().c_str();
    } catch (const Xapian::DatabaseModifiedError &e) {
        st = TRAWL_ERR_MODIFIED;
        what = e.get_msg().c_str();
    } catch (const Xapian::DatabaseCorruptError &e) {
        st = TRAWL_ERR_CORRUPT;
        what = e.get_msg().c_str();
    } catch (const Xapian::DatabaseVersionError &e) {
        st = TRAWL_ERR_VERSION;
        what = e.get_msg().c_str();
    } catch (const Xapian::DatabaseOpeningError &e) {
        st = TRAWL_ERR_NO_INDEX;
        what = e.get_msg().c_str();
    } catch (const Xapian::NetworkError &e) {
        st = TRAWL_ERR_SHARD;
        what = e.get_msg().c_str();
        // Name the shard: Xapian's context says which, e.g. "remote:tcp(HOST:PORT)".
        try {
            if (!e.get_context().empty()) {
                detail = e.get_msg() + " (" + e.get_context() + ")";
                what = detail.c_str();
            }
        } catch (...) {
        }
    } catch (const Xapian::WildcardError &e) {
        st = TRAWL_ERR_QUERY_SYNTAX;
        what = e.get_msg().c_str();
    } catch (const Xapian::InvalidArgumentError &e) {
        st = TRAWL_ERR_ARG;
        what = e.get_msg().c_str();
    } catch (const Xapian::Error &e) {
        st = TRAWL_ERR_XAPIAN;
        type = e.get_type();
        what = e.get_msg().c_str();
    } catch (const std::bad_alloc &) {
        st = TRAWL_ERR_NOMEM;
        what = "out of memory";
    } catch (const std::exception &e) {
        what = e.what();
    } catch (...) {
    }
    char msg[512];
    std::snprintf(msg, sizeof msg, "%s%s%s%s%s", context ? context : "",
                  context && *context ? ": " : "", type, *type ? ": " : "", what);
    if (keep) {
        try {
            keep->assign(msg);
        } catch (...) {
        }
    }
    trawl_error_set(err, st, "%s", msg);
    return st;
}

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

trawl_status bad_arg(trawl_error *err, std::string *keep, const char *what) noexcept
{
    trawl_error_set(err, TRAWL_ERR_ARG, "%s", what);
    if (keep) {
        try {
            keep->assign(what);
        } catch (...) {
        }
    }
    return TRAWL_ERR_ARG;
}

Xapian::WritableDatabase &writable(trawl_xdb *db)
{
    if (!db->writable)
        throw Xapian::InvalidOperationError("database is open read-only");
    return static_cast<Xapian::WritableDatabase &>(*db->db);
}

char *dup_bytes(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

// The value of metadata `key` given its value in each of `n` databases, as the caller's rule
// `fn` makes it. Without a rule, values that differ are an error: the wrapper decides nothing.
std::string merge_values(trawl_xmerge_fn fn, void *ctx, const std::string &key,
                         const std::string values[], size_t n)
{
    if (!fn) {
        for (size_t i = 1; i < n; i++)
            if (values[i] != values[0])
                throw Xapian::InvalidArgumentError("metadata " + key +
                                                   " differs between shards and the open gave "
                                                   "no rule to merge it");
        return n ? values[0] : std::string();
    }
    std::vector<const char *> ptrs(n);
    std::vector<size_t> lens(n);
    for (size_t i = 0; i < n; i++) {
        ptrs[i] = values[i].data();
        lens[i] = values[i].size();
    }
    char *merged = nullptr;
    size_t len = 0;
    if (fn(ctx, key.c_str(), ptrs.data(), lens.data(), n, &merged, &len) || !merged)
        throw std::bad_alloc();
    std::string out(merged, len);
    std::free(merged);
    return out;
}

// Metadata `key` of a stub's searched shards, merged by the handle's rule.
std::string shards_metadata(const trawl_xdb *db, const std::string &key)
{
    std::vector<std::string> values;
    for (const shard &sh : db->shards)
        if (!sh.missing)
            values.push_back(sh.db.get_metadata(key));
    return merge_values(db->merge, db->merge_ctx, key, values.data(), values.size());
}

trawl_status new_query(Xapian::Query &&q, trawl_xquery **query_out)
{
    *query_out = new trawl_xquery{std::move(q)};
    return TRAWL_OK;
}

} // namespace

extern "C" {

const char *trawl_xapian_version(void)
{
    return Xapian::version_string();
}

/* The stub database file that `path` names, if any: a folder's XAPIANDB, or `path` itself when
 * it is a file that is not a single-file glass database. */
static bool stub_file(const std::string &path, std::string *file)
{
    struct stat sb;
    if (stat(path.c_str(), &sb) != 0)
        return false;
    if (S_ISDIR(sb.st_mode)) {
        *file = path + "/XAPIANDB";
        return stat(file->c_str(), &sb) == 0 && S_ISREG(sb.st_mode);
    }
    if (!S_ISREG(sb.st_mode))
        return false;
    char magic[8] = {0};
    std::ifstream in(path, std::ios::binary);
    in.read(magic, sizeof magic);
    *file = path;
    return std::memcmp(magic, "\x0f\x0dXapian", 8) != 0;
}

/* Parses stub `file` into `out`: (remote, location) per shard; relative local paths are made
 * relative to the stub's folder. Throws DatabaseOpeningError naming the line on a bad one. */
static void parse_stub(const std::string &file, std::vector<std::pair<bool, std::string>> *out)
{
    std::ifstream in(file);
    if (!in)
        throw Xapian::DatabaseOpeningError("cannot read the stub file " + file);
    std::string base =
        file.substr(0, file.rfind('/') == std::string::npos ? 0 : file.rfind('/') + 1);
    std::string line;
    for (unsigned n = 1; std::getline(in, line); n++) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#')
            continue;
        size_t space = line.find_first_of(" \t", start);
        std::string type = line.substr(start, space == std::string::npos ? space : space - start);
        size_t arg = space == std::string::npos ? space : line.find_first_not_of(" \t", space);
        std::string rest = arg == std::string::npos ? "" : line.substr(arg);
        bool local = type == "auto" || type == "glass" || type == "chert" || type == "honey";
        if ((!local && type != "remote") || rest.empty() ||
            (type == "remote" && rest.find(':') == std::string::npos))
            throw Xapian::DatabaseOpeningError(file + ":" + std::to_string(n) +
                                               ": not a shard line (auto PATH, remote HOST:PORT "
                                               "or remote :PROGRAM ARGS): '" +
                                               line + "'");
        if (local && rest[0] != '/')
            rest = base + rest;
        out->emplace_back(!local, rest);
    }
    if (out->empty())
        throw Xapian::DatabaseOpeningError(file + ": a stub database naming no shard");
}

/* Opens one shard: a local database, or a remote one through TCP (HOST:PORT) or a program
 * (:PROGRAM ARGS). */
static Xapian::Database open_shard(bool remote, const std::string &where, unsigned timeout_ms)
{
    if (!remote)
        return Xapian::Database(where);
    if (where[0] == ':') {
        size_t space = where.find(' ');
        return Xapian::Remote::open(where.substr(1, space == std::string::npos ? space : space - 1),
                                    space == std::string::npos ? "" : where.substr(space + 1),
                                    timeout_ms);
    }
    size_t colon = where.rfind(':');
    unsigned long port = std::strtoul(where.c_str() + colon + 1, nullptr, 10);
    if (colon == 0 || port == 0 || port > 65535)
        throw Xapian::DatabaseOpeningError("remote " + where + ": not HOST:PORT");
    return Xapian::Remote::open(where.substr(0, colon), static_cast<unsigned>(port), timeout_ms,
                                timeout_ms);
}

trawl_status trawl_xdb_open_read(const char *path, const trawl_xdb_read_options *options,
                                 trawl_xdb **db_out, trawl_error *err)
{
    if (!path || !db_out)
        return bad_arg(err, nullptr, "trawl_xdb_open_read: path and db_out are required");
    *db_out = nullptr;
    unsigned timeout = options && options->timeout_ms ? options->timeout_ms : 10000;
    bool partial = options && options->allow_partial;
    std::string failure;
    trawl_status st = guard(err, nullptr, path, [&] {
        auto h = std::make_unique<trawl_xdb>();
        h->path = path;
        if (options) {
            h->merge = options->merge;
            h->merge_ctx = options->merge_ctx;
        }
        std::string file;
        if (!stub_file(path, &file)) {
            h->db = std::make_unique<Xapian::Database>(path);
            *db_out = h.release();
            return;
        }
        std::vector<std::pair<bool, std::string>> lines;
        parse_stub(file, &lines);
        h->db = std::make_unique<Xapian::Database>();
        size_t opened = 0;
        for (size_t i = 0; i < lines.size(); i++) {
            shard sh;
            sh.name = (lines[i].first ? "remote " : "auto ") + lines[i].second;
            try {
                sh.db = open_shard(lines[i].first, lines[i].second, timeout);
                h->db->add_database(sh.db);
                opened++;
            } catch (const Xapian::Error &e) {
                std::string msg = "shard " + std::to_string(i + 1) + " of " +
                                  std::to_string(lines.size()) + " (" + sh.name +
                                  "): " + e.get_msg();
                if (!partial) {
                    failure = msg;
                    return;
                }
                sh.missing = true;
                sh.why = msg;
            }
            h->shards.push_back(std::move(sh));
        }
        if (opened == 0)
            throw Xapian::DatabaseOpeningError("no shard of " + file +
                                               " could be opened: " + h->shards[0].why);
        *db_out = h.release();
    });
    if (!st && !failure.empty())
        st = trawl_error_set(err, TRAWL_ERR_SHARD, "%s", failure.c_str());
    return st;
}

size_t trawl_xdb_shard_count(const trawl_xdb *db)
{
    return db->shards.empty() ? 1 : db->shards.size();
}

const char *trawl_xdb_shard_missing(const trawl_xdb *db, size_t i)
{
    // No exception may leave an extern "C" function: an index out of range is NULL, as for a
    // shard that is searched.
    if (i >= db->shards.size() || !db->shards[i].missing)
        return nullptr;
    return db->shards[i].why.c_str();
}

trawl_status trawl_xdb_drop_unreachable(trawl_xdb *db, size_t *dropped_out, trawl_error *err)
{
    *dropped_out = 0;
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        size_t left = 0;
        for (size_t i = 0; i < db->shards.size(); i++) {
            shard &sh = db->shards[i];
            if (sh.missing)
                continue;
            try {
                sh.db.keep_alive();
                left++;
            } catch (const Xapian::NetworkError &e) {
                sh.missing = true;
                sh.why = "shard " + std::to_string(i + 1) + " of " +
                         std::to_string(db->shards.size()) + " (" + sh.name + "): " + e.get_msg();
                sh.db = Xapian::Database();
                ++*dropped_out;
            }
        }
        if (!*dropped_out)
            return;
        if (left == 0)
            throw Xapian::NetworkError("no shard of " + db->path + " answers");
        auto rest = std::make_unique<Xapian::Database>();
        for (const shard &sh : db->shards)
            if (!sh.missing)
                rest->add_database(sh.db);
        db->db = std::move(rest);
    });
}

namespace
{

// Resolves a metadata key found in several sources of a compaction through the C callback.
class MergingCompactor : public Xapian::Compactor
{
  public:
    MergingCompactor(trawl_xmerge_fn fn, void *ctx) : fn_(fn), ctx_(ctx)
    {
    }
    std::string resolve_duplicate_metadata(const std::string &key, size_t n,
                                           const std::string tags[]) override
    {
        // Xapian 1.4 passes the key as its table holds it, after the metadata prefix.
        static const std::string table_prefix("\0\xc0", 2);
        const std::string name = key.compare(0, table_prefix.size(), table_prefix) == 0
                                     ? key.substr(table_prefix.size())
                                     : key;
        return merge_values(fn_, ctx_, name, tags, n);
    }

  private:
    trawl_xmerge_fn fn_;
    void *ctx_;
};

} // namespace

trawl_status trawl_xdb_compact(const char *const *sources, size_t n, const char *dest,
                               trawl_xmerge_fn merge, void *ctx, trawl_error *err)
{
    if (!sources || n == 0 || !dest || !merge)
        return bad_arg(err, nullptr, "trawl_xdb_compact: sources, a destination and merge");
    return guard(err, nullptr, dest, [&] {
        Xapian::Database all;
        for (size_t i = 0; i < n; i++)
            all.add_database(Xapian::Database(sources[i], Xapian::DB_BACKEND_GLASS));
        MergingCompactor compactor(merge, ctx);
        all.compact(dest, 0, 0, compactor);
    });
}

trawl_status trawl_xdb_stub_shards(const char *path, trawl_xshard_fn fn, void *ctx,
                                   trawl_error *err)
{
    return guard(err, nullptr, path, [&] {
        std::string file;
        if (!stub_file(path, &file))
            throw Xapian::DatabaseOpeningError("not a stub database");
        std::vector<std::pair<bool, std::string>> lines;
        parse_stub(file, &lines);
        for (const auto &l : lines)
            if (fn(ctx, l.first, l.second.c_str()))
                break;
    });
}

trawl_status trawl_xdb_open(const char *path, trawl_xdb_mode mode, trawl_xdb **db_out,
                            trawl_error *err)
{
    if (mode == TRAWL_XDB_READ)
        return trawl_xdb_open_read(path, nullptr, db_out, err);
    if (!path || !db_out)
        return bad_arg(err, nullptr, "trawl_xdb_open: path and db_out are required");
    *db_out = nullptr;
    return guard(err, nullptr, path, [&] {
        auto h = std::make_unique<trawl_xdb>();
        h->path = path;
        switch (mode) {
        case TRAWL_XDB_WRITE:
            h->db = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_OPEN |
                                                                         Xapian::DB_BACKEND_GLASS);
            h->writable = true;
            break;
        case TRAWL_XDB_CREATE_OR_OPEN:
            h->db = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OPEN |
                                                                         Xapian::DB_BACKEND_GLASS);
            h->writable = true;
            break;
        case TRAWL_XDB_OVERWRITE:
            h->db = std::make_unique<Xapian::WritableDatabase>(
                path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
            h->writable = true;
            break;
        default:
            throw Xapian::InvalidArgumentError("unknown open mode");
        }
        *db_out = h.release();
    });
}

void trawl_xdb_close(trawl_xdb *db)
{
    if (!db)
        return;
    try {
        db->db->close();
    } catch (...) {
    }
    delete db;
}

const char *trawl_xdb_last_error(const trawl_xdb *db)
{
    return db ? db->last_error.c_str() : "no database";
}

trawl_status trawl_xdb_reopen(trawl_xdb *db, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] { db->db->reopen(); });
}

trawl_status trawl_xdb_doccount(trawl_xdb *db, unsigned *count_out, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(),
                 [&] { *count_out = db->db->get_doccount(); });
}

trawl_status trawl_xdb_termfreq(trawl_xdb *db, const char *term, size_t len, unsigned *freq_out,
                                trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(),
                 [&] { *freq_out = db->db->get_termfreq(std::string(term, len)); });
}

trawl_status trawl_xdb_each_term(trawl_xdb *db, const char *prefix, trawl_xterm_fn fn, void *ctx,
                                 trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        const std::string pfx(prefix ? prefix : "");
        for (auto t = db->db->allterms_begin(pfx); t != db->db->allterms_end(pfx); ++t) {
            const std::string term = *t;
            if (fn(ctx, term.data(), term.size(), t.get_termfreq()))
                break;
        }
    });
}

trawl_status trawl_xdb_get_metadata(trawl_xdb *db, const char *key, char **value_out,
                                    size_t *len_out, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        const std::string v =
            db->shards.empty() ? db->db->get_metadata(key) : shards_metadata(db, key);
        *value_out = dup_bytes(v);
        if (len_out)
            *len_out = v.size();
    });
}

trawl_status trawl_xdb_set_metadata(trawl_xdb *db, const char *key, const char *value, size_t len,
                                    trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(),
                 [&] { writable(db).set_metadata(key, std::string(value, len)); });
}

trawl_status trawl_xdb_each_metadata(trawl_xdb *db, const char *prefix, trawl_xmeta_fn fn,
                                     void *ctx, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        const std::string pfx(prefix ? prefix : "");
        if (db->shards.empty()) {
            for (auto k = db->db->metadata_keys_begin(pfx); k != db->db->metadata_keys_end(pfx);
                 ++k) {
                const std::string key = *k;
                const std::string value = db->db->get_metadata(key);
                if (fn(ctx, key.c_str(), value.c_str(), value.size()))
                    break;
            }
            return;
        }
        // Xapian lists the first shard's keys only: every shard's keys, read once, with each
        // shard's value ("" where unset), then merged.
        size_t searched = 0;
        for (const shard &sh : db->shards)
            searched += !sh.missing;
        std::map<std::string, std::vector<std::string>> values;
        size_t at = 0;
        for (const shard &sh : db->shards) {
            if (sh.missing)
                continue;
            for (auto k = sh.db.metadata_keys_begin(pfx); k != sh.db.metadata_keys_end(pfx); ++k) {
                std::vector<std::string> &v = values[*k];
                v.resize(searched);
                v[at] = sh.db.get_metadata(*k);
            }
            at++;
        }
        for (const auto &kv : values) {
            const std::string value =
                merge_values(db->merge, db->merge_ctx, kv.first, kv.second.data(), searched);
            if (fn(ctx, kv.first.c_str(), value.c_str(), value.size()))
                break;
        }
    });
}

trawl_status trawl_xdb_each_metadata_value(trawl_xdb *db, const char *key, trawl_xmeta_fn fn,
                                           void *ctx, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        if (db->shards.empty()) {
            const std::string value = db->db->get_metadata(key);
            if (!value.empty())
                fn(ctx, key, value.c_str(), value.size());
            return;
        }
        for (const shard &sh : db->shards) {
            if (sh.missing)
                continue;
            const std::string value = sh.db.get_metadata(key);
            if (!value.empty() && fn(ctx, key, value.c_str(), value.size()))
                break;
        }
    });
}

trawl_status trawl_xdb_begin_transaction(trawl_xdb *db, int flushed, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(),
                 [&] { writable(db).begin_transaction(flushed != 0); });
}

trawl_status trawl_xdb_commit_transaction(trawl_xdb *db, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(),
                 [&] { writable(db).commit_transaction(); });
}

trawl_status trawl_xdb_cancel_transaction(trawl_xdb *db, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(),
                 [&] { writable(db).cancel_transaction(); });
}

trawl_status trawl_xdb_commit(trawl_xdb *db, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] { writable(db).commit(); });
}

trawl_status trawl_xdb_add_document(trawl_xdb *db, const trawl_xdoc *doc, trawl_xdocid *docid_out,
                                    trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        Xapian::docid id = writable(db).add_document(doc->doc);
        if (docid_out)
            *docid_out = id;
    });
}

trawl_status trawl_xdb_replace_document(trawl_xdb *db, const char *unique_term,
                                        const trawl_xdoc *doc, trawl_xdocid *docid_out,
                                        trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        Xapian::docid id = writable(db).replace_document(unique_term, doc->doc);
        if (docid_out)
            *docid_out = id;
    });
}

trawl_status trawl_xdb_delete_documents(trawl_xdb *db, const char *term, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(),
                 [&] { writable(db).delete_document(term); });
}

trawl_status trawl_xdb_get_data(trawl_xdb *db, trawl_xdocid docid, char **data_out, size_t *len_out,
                                trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        const std::string d = db->db->get_document(docid).get_data();
        *data_out = dup_bytes(d);
        if (len_out)
            *len_out = d.size();
    });
}

trawl_status trawl_xdb_get_value(trawl_xdb *db, trawl_xdocid docid, unsigned slot, char **value_out,
                                 size_t *len_out, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        const std::string v = db->db->get_document(docid).get_value(slot);
        *value_out = dup_bytes(v);
        if (len_out)
            *len_out = v.size();
    });
}

trawl_status trawl_xdb_positions(trawl_xdb *db, trawl_xdocid docid, const char *term, size_t len,
                                 unsigned **positions_out, size_t *count_out, trawl_error *err)
{
    *positions_out = nullptr;
    *count_out = 0;
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        const std::string t(term, len);
        std::vector<unsigned> v;
        for (auto p = db->db->positionlist_begin(docid, t); p != db->db->positionlist_end(docid, t);
             ++p)
            v.push_back(*p);
        if (v.empty())
            return;
        auto *out = static_cast<unsigned *>(std::malloc(v.size() * sizeof(unsigned)));
        if (!out)
            throw std::bad_alloc();
        std::memcpy(out, v.data(), v.size() * sizeof(unsigned));
        *positions_out = out;
        *count_out = v.size();
    });
}

trawl_status trawl_xdb_each_docid(trawl_xdb *db, trawl_xdocid_fn fn, void *ctx, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        for (auto p = db->db->postlist_begin(""); p != db->db->postlist_end(""); ++p)
            if (fn(ctx, *p))
                break;
    });
}

trawl_status trawl_xdb_each_document_term(trawl_xdb *db, trawl_xdocid docid, trawl_xposting_fn fn,
                                          void *ctx, trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        std::vector<unsigned> positions;
        for (auto t = db->db->termlist_begin(docid); t != db->db->termlist_end(docid); ++t) {
            const std::string term = *t;
            positions.clear();
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
                positions.push_back(*p);
            if (fn(ctx, term.data(), term.size(), t.get_wdf(), positions.data(), positions.size()))
                break;
        }
    });
}

trawl_status trawl_xdb_each_value(trawl_xdb *db, trawl_xdocid docid, trawl_xslot_fn fn, void *ctx,
                                  trawl_error *err)
{
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        const Xapian::Document doc = db->db->get_document(docid);
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
            const std::string value = *v;
            if (fn(ctx, v.get_valueno(), value.data(), value.size()))
                break;
        }
    });
}

trawl_status trawl_xdoc_new(trawl_xdoc **doc_out, trawl_error *err)
{
    *doc_out = nullptr;
    return guard(err, nullptr, "document", [&] { *doc_out = new trawl_xdoc(); });
}

void trawl_xdoc_free(trawl_xdoc *doc)
{
    delete doc;
}

trawl_status trawl_xdoc_add_posting(trawl_xdoc *doc, const char *term, size_t len, unsigned pos,
                                    unsigned wdf_inc, trawl_error *err)
{
    return guard(err, nullptr, "document",
                 [&] { doc->doc.add_posting(std::string(term, len), pos, wdf_inc); });
}

trawl_status trawl_xdoc_add_term(trawl_xdoc *doc, const char *term, size_t len, unsigned wdf_inc,
                                 trawl_error *err)
{
    return guard(err, nullptr, "document",
                 [&] { doc->doc.add_term(std::string(term, len), wdf_inc); });
}

trawl_status trawl_xdoc_add_boolean_term(trawl_xdoc *doc, const char *term, size_t len,
                                         trawl_error *err)
{
    return guard(err, nullptr, "document",
                 [&] { doc->doc.add_boolean_term(std::string(term, len)); });
}

trawl_status trawl_xdoc_set_value(trawl_xdoc *doc, unsigned slot, const char *bytes, size_t len,
                                  trawl_error *err)
{
    return guard(err, nullptr, "document",
                 [&] { doc->doc.add_value(slot, std::string(bytes, len)); });
}

trawl_status trawl_xdoc_set_data(trawl_xdoc *doc, const char *bytes, size_t len, trawl_error *err)
{
    return guard(err, nullptr, "document", [&] { doc->doc.set_data(std::string(bytes, len)); });
}

trawl_status trawl_xdoc_get_value(const trawl_xdoc *doc, unsigned slot, char **value_out,
                                  size_t *len_out, trawl_error *err)
{
    *value_out = nullptr;
    return guard(err, nullptr, "document", [&] {
        const std::string v = doc->doc.get_value(slot);
        *value_out = dup_bytes(v);
        if (len_out)
            *len_out = v.size();
    });
}

trawl_status trawl_xquery_term(const char *term, size_t len, unsigned wqf, unsigned pos,
                               trawl_xquery **query_out, trawl_error *err)
{
    *query_out = nullptr;
    if (!term || len == 0)
        return bad_arg(err, nullptr, "query term is empty");
    return guard(err, nullptr, "query",
                 [&] { new_query(Xapian::Query(std::string(term, len), wqf, pos), query_out); });
}

trawl_status trawl_xquery_match_all(trawl_xquery **query_out, trawl_error *err)
{
    *query_out = nullptr;
    return guard(err, nullptr, "query",
                 [&] { new_query(Xapian::Query(Xapian::Query::MatchAll), query_out); });
}

trawl_status trawl_xquery_match_nothing(trawl_xquery **query_out, trawl_error *err)
{
    *query_out = nullptr;
    return guard(err, nullptr, "query",
                 [&] { new_query(Xapian::Query(Xapian::Query::MatchNothing), query_out); });
}

trawl_status trawl_xquery_combine(trawl_xop op, trawl_xquery *const *subs, size_t n,
                                  unsigned window, trawl_xquery **query_out, trawl_error *err)
{
    *query_out = nullptr;
    if (!subs || n == 0)
        return bad_arg(err, nullptr, "a combined query needs at least one subquery");
    for (size_t i = 0; i < n; i++)
        if (!subs[i])
            return bad_arg(err, nullptr, "a subquery is NULL");
    Xapian::Query::op xop;
    switch (op) {
    case TRAWL_XOP_AND:
        xop = Xapian::Query::OP_AND;
        break;
    case TRAWL_XOP_OR:
        xop = Xapian::Query::OP_OR;
        break;
    case TRAWL_XOP_AND_NOT:
        xop = Xapian::Query::OP_AND_NOT;
        break;
    case TRAWL_XOP_FILTER:
        xop = Xapian::Query::OP_FILTER;
        break;
    case TRAWL_XOP_AND_MAYBE:
        xop = Xapian::Query::OP_AND_MAYBE;
        break;
    case TRAWL_XOP_PHRASE:
        xop = Xapian::Query::OP_PHRASE;
        break;
    case TRAWL_XOP_NEAR:
        xop = Xapian::Query::OP_NEAR;
        break;
    case TRAWL_XOP_SYNONYM:
        xop = Xapian::Query::OP_SYNONYM;
        break;
    default:
        return bad_arg(err, nullptr, "unknown query operator");
    }
    return guard(err, nullptr, "query", [&] {
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++)
            v.push_back(subs[i]->query);
        new_query(Xapian::Query(xop, v.begin(), v.end(), window), query_out);
    });
}

trawl_status trawl_xquery_value_range(unsigned slot, const char *lo, size_t lo_len, const char *hi,
                                      size_t hi_len, trawl_xquery **query_out, trawl_error *err)
{
    *query_out = nullptr;
    if (!lo || !hi)
        return bad_arg(err, nullptr, "value range bounds are required");
    return guard(err, nullptr, "query", [&] {
        new_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, std::string(lo, lo_len),
                                std::string(hi, hi_len)),
                  query_out);
    });
}

trawl_status trawl_xquery_wildcard(const char *prefix, size_t len, unsigned max_expansion,
                                   trawl_xquery **query_out, trawl_error *err)
{
    *query_out = nullptr;
    if (!prefix)
        return bad_arg(err, nullptr, "wildcard prefix is required");
    return guard(err, nullptr, "query", [&] {
        new_query(Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix, len), max_expansion,
                                Xapian::Query::WILDCARD_LIMIT_ERROR),
                  query_out);
    });
}

trawl_status trawl_xquery_scale(const trawl_xquery *query, double factor, trawl_xquery **query_out,
                                trawl_error *err)
{
    *query_out = nullptr;
    if (!query)
        return bad_arg(err, nullptr, "query to scale is NULL");
    return guard(err, nullptr, "query", [&] {
        new_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query->query, factor), query_out);
    });
}

char *trawl_xquery_describe(const trawl_xquery *query)
{
    if (!query)
        return nullptr;
    try {
        return dup_bytes(query->query.get_description());
    } catch (...) {
        return nullptr;
    }
}

void trawl_xquery_free(trawl_xquery *query)
{
    delete query;
}

trawl_status trawl_xspy_new(unsigned slot, trawl_xspy **spy_out, trawl_error *err)
{
    *spy_out = nullptr;
    return guard(err, nullptr, "match spy",
                 [&] { *spy_out = new trawl_xspy{Xapian::ValueCountMatchSpy(slot)}; });
}

void trawl_xspy_free(trawl_xspy *spy)
{
    delete spy;
}

trawl_status trawl_xspy_each(trawl_xspy *spy, trawl_xcount_fn fn, void *ctx, trawl_error *err)
{
    return guard(err, nullptr, "match spy", [&] {
        for (auto v = spy->spy.values_begin(); v != spy->spy.values_end(); ++v) {
            const std::string value = *v;
            if (fn(ctx, value.data(), value.size(), v.get_termfreq()))
                break;
        }
    });
}

trawl_status trawl_xenquire_new(trawl_xdb *db, trawl_xenquire **enq_out, trawl_error *err)
{
    *enq_out = nullptr;
    if (!db)
        return bad_arg(err, nullptr, "trawl_xenquire_new: no database");
    return guard(err, &db->last_error, db->path.c_str(), [&] {
        *enq_out = new trawl_xenquire{db, Xapian::Enquire(*db->db), {}};
    });
}

void trawl_xenquire_free(trawl_xenquire *enq)
{
    delete enq;
}

const char *trawl_xenquire_last_error(const trawl_xenquire *enq)
{
    return enq ? enq->last_error.c_str() : "no enquire";
}

trawl_status trawl_xenquire_set_query(trawl_xenquire *enq, const trawl_xquery *query,
                                      trawl_error *err)
{
    if (!query)
        return bad_arg(err, &enq->last_error, "no query");
    return guard(err, &enq->last_error, enq->db->path.c_str(),
                 [&] { enq->enquire.set_query(query->query); });
}

trawl_status trawl_xenquire_set_bm25(trawl_xenquire *enq, double k1, double k2, double k3, double b,
                                     double min_normlen, trawl_error *err)
{
    return guard(err, &enq->last_error, enq->db->path.c_str(), [&] {
        enq->enquire.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
    });
}

trawl_status trawl_xenquire_set_tiebreak(trawl_xenquire *enq, unsigned slot, trawl_error *err)
{
    return guard(err, &enq->last_error, enq->db->path.c_str(),
                 [&] { enq->enquire.set_sort_by_relevance_then_value(slot, false); });
}

trawl_status trawl_xenquire_add_spy(trawl_xenquire *enq, trawl_xspy *spy, trawl_error *err)
{
    if (!spy)
        return bad_arg(err, &enq->last_error, "no match spy");
    return guard(err, &enq->last_error, enq->db->path.c_str(),
                 [&] { enq->enquire.add_matchspy(&spy->spy); });
}

trawl_status trawl_xenquire_run(trawl_xenquire *enq, unsigned first, unsigned max_items,
                                unsigned check_at_least, trawl_xmset **mset_out, trawl_error *err)
{
    *mset_out = nullptr;
    return guard(err, &enq->last_error, enq->db->path.c_str(), [&] {
        auto m = std::make_unique<trawl_xmset>();
        m->mset = enq->enquire.get_mset(first, max_items, check_at_least);
        m->data.resize(m->mset.size());
        m->loaded.assign(m->mset.size(), false);
        *mset_out = m.release();
    });
}

trawl_status trawl_xenquire_count(trawl_xenquire *enq, unsigned *count, trawl_error *err)
{
    *count = 0;
    return guard(err, &enq->last_error, enq->db->path.c_str(), [&] {
        Xapian::Database &db = *enq->db->db;
        Xapian::Enquire counting(db);
        counting.set_query(enq->enquire.get_query());
        counting.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::MSet all = counting.get_mset(0, 0, db.get_doccount());
        *count = all.get_matches_lower_bound();
    });
}

size_t trawl_xmset_size(const trawl_xmset *mset)
{
    return mset ? mset->mset.size() : 0;
}

void trawl_xmset_counts(const trawl_xmset *mset, unsigned *lower, unsigned *estimated,
                        unsigned *upper)
{
    if (lower)
        *lower = mset->mset.get_matches_lower_bound();
    if (estimated)
        *estimated = mset->mset.get_matches_estimated();
    if (upper)
        *upper = mset->mset.get_matches_upper_bound();
}

trawl_status trawl_xmset_item(trawl_xmset *mset, size_t index, trawl_xmatch *match_out,
                              trawl_error *err)
{
    if (!mset || index >= mset->mset.size())
        return bad_arg(err, nullptr, "result index out of range");
    return guard(err, nullptr, "result", [&] {
        Xapian::MSetIterator it = mset->mset[static_cast<Xapian::doccount>(index)];
        if (!mset->loaded[index]) {
            mset->data[index] = it.get_document().get_data();
            mset->loaded[index] = true;
        }
        match_out->docid = *it;
        match_out->rank = it.get_rank();
        match_out->weight = it.get_weight();
        match_out->data = mset->data[index].c_str();
        match_out->data_len = mset->data[index].size();
    });
}

void trawl_xmset_free(trawl_xmset *mset)
{
    delete mset;
}

} // extern "C"
