// shard_set.cc: the policy of shard sets, apart from the wrapper: Xapian stub files (parsing,
// relative paths, remote lines), opening every shard or leaving out those that cannot open,
// dropping shards that stop answering, merging metadata the shards each hold through the
// caller's rule, and compaction into one database.
#include "xapian-c/xapian_c.h"
#include "xapian-c/xapian_c_impl.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace trawl_xc
{

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
    std::unique_ptr<char, decltype(&std::free)> owned(merged, &std::free);
    return std::string(owned.get(), len);
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

void shards_each_metadata(const trawl_xdb *db, const std::string &pfx, trawl_xmeta_fn fn, void *ctx)
{
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
}

} // namespace trawl_xc

using namespace trawl_xc;

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

extern "C" {

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
    errno = 0;
    std::ifstream in(file);
    if (!in && errno == ENOMEM)
        throw std::bad_alloc();
    if (!in)
        throw Xapian::DatabaseOpeningError("cannot read the stub file " + file);
    std::string base =
        file.substr(0, file.rfind('/') == std::string::npos ? 0 : file.rfind('/') + 1);
    std::string line;
    in.exceptions(std::ios::badbit); /* a line that cannot be read throws (std::bad_alloc) */
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

} // extern "C"
