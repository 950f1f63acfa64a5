// xapian_c.cc: the C wrapper's implementation: databases, documents, queries, matches. Every
// extern "C" function runs its body through guard() (xapian_c_impl.h), which catches every
// exception and maps it to a trawl_status with one message. Shard sets: shard_set.cc.
#include "xapian-c/xapian_c.h"
#include "xapian-c/xapian_c_impl.h"

#include <xapian.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

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
    int tiebreak = -1; // the slot that orders equal weights, applied by the run
    // A collapse key (the best of each value, in Xapian's order) or a spy (which a second run
    // would count twice): the run uses Xapian's own tiebreak.
    bool constrained = false;
};

struct trawl_xmset {
    Xapian::MSet mset;
    std::vector<std::string> data; // stored data, loaded on first access
    std::vector<bool> loaded;
    // When set, result i is mset[page[i]] and ranks `first` + i (a page cut from a wider run
    // and put in tiebreak order); otherwise result i is mset[i].
    std::vector<Xapian::doccount> page;
    bool paged = false;
    Xapian::doccount first = 0;
};

namespace trawl_xc
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

char *dup_bytes(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

} // namespace trawl_xc

using namespace trawl_xc;

namespace
{

Xapian::WritableDatabase &writable(trawl_xdb *db)
{
    if (!db->writable)
        throw Xapian::InvalidOperationError("database is open read-only");
    return static_cast<Xapian::WritableDatabase &>(*db->db);
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
        case TRAWL_XDB_SCRATCH:
            h->db = std::make_unique<Xapian::WritableDatabase>(
                path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC | Xapian::DB_BACKEND_GLASS);
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
        shards_each_metadata(db, pfx, fn, ctx);
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

// Fresh queries, never copies of Xapian::Query::MatchAll or MatchNothing: those are shared
// static objects whose reference counts are not atomic, and copying them from several threads
// at once (trawl-serve's) freed one under another (AddressSanitizer: heap-use-after-free).
trawl_status trawl_xquery_match_all(trawl_xquery **query_out, trawl_error *err)
{
    *query_out = nullptr;
    return guard(err, nullptr, "query",
                 [&] { new_query(Xapian::Query(std::string()), query_out); });
}

trawl_status trawl_xquery_match_nothing(trawl_xquery **query_out, trawl_error *err)
{
    *query_out = nullptr;
    return guard(err, nullptr, "query", [&] { new_query(Xapian::Query(), query_out); });
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

static bool positional(const Xapian::Query &q)
{
    Xapian::Query::op op = q.get_type();
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR)
        return true;
    for (size_t i = 0, n = q.get_num_subqueries(); i < n; i++)
        if (positional(q.get_subquery(i)))
            return true;
    return false;
}

bool trawl_xquery_positional(const trawl_xquery *query)
{
    try {
        return query && positional(query->query);
    } catch (...) {
        return false;
    }
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
    return guard(err, &enq->last_error, enq->db->path.c_str(), [&] {
        enq->enquire.set_sort_by_relevance();
        enq->tiebreak = static_cast<int>(slot);
    });
}

trawl_status trawl_xenquire_set_sort_by_value(trawl_xenquire *enq, unsigned slot, int descending,
                                              trawl_error *err)
{
    return guard(err, &enq->last_error, enq->db->path.c_str(), [&] {
        enq->enquire.set_sort_by_value(slot, descending != 0);
        enq->tiebreak = -1;
    });
}

trawl_status trawl_xenquire_set_collapse_key(trawl_xenquire *enq, unsigned slot, unsigned max,
                                             trawl_error *err)
{
    return guard(err, &enq->last_error, enq->db->path.c_str(), [&] {
        enq->enquire.set_collapse_key(slot, max);
        enq->constrained = true;
    });
}

trawl_status trawl_xenquire_add_spy(trawl_xenquire *enq, trawl_xspy *spy, trawl_error *err)
{
    if (!spy)
        return bad_arg(err, &enq->last_error, "no match spy");
    return guard(err, &enq->last_error, enq->db->path.c_str(), [&] {
        enq->enquire.add_matchspy(&spy->spy);
        enq->constrained = true;
    });
}

// The page `first`, `max_items` in tiebreak order, found without Xapian's tiebreak (which
// reads the slot's value of every candidate the match weighs): a run by weight alone, ties by
// document id, one result wider on each side. When no weight is shared across the page's
// edges, the page holds the same results as with the tiebreak, and only runs of equal weight
// inside it are put in the slot's order, reading their values alone. Otherwise false: the
// caller runs the match with Xapian's tiebreak.
static bool page_in_tiebreak_order(trawl_xenquire *enq, Xapian::doccount first,
                                   Xapian::doccount max_items, Xapian::doccount check_at_least,
                                   trawl_xmset *m)
{
    Xapian::doccount front = first > 0 ? 1 : 0;
    Xapian::MSet wide = enq->enquire.get_mset(first - front, max_items + front + 1, check_at_least);
    Xapian::doccount n = wide.size();
    if (front && n >= 2 && wide[0].get_weight() == wide[1].get_weight())
        return false;
    if (n == max_items + front + 1 && wide[n - 2].get_weight() == wide[n - 1].get_weight())
        return false;
    Xapian::doccount end = std::min(n, front + max_items);
    m->page.clear();
    for (Xapian::doccount i = front; i < end; i++)
        m->page.push_back(i);
    auto slot = static_cast<Xapian::valueno>(enq->tiebreak);
    for (size_t run = 0; run < m->page.size();) {
        size_t stop = run + 1;
        double w = wide[m->page[run]].get_weight();
        while (stop < m->page.size() && wide[m->page[stop]].get_weight() == w)
            stop++;
        if (stop - run > 1) {
            std::vector<std::pair<std::string, Xapian::doccount>> keyed;
            for (size_t i = run; i < stop; i++)
                keyed.emplace_back(wide[m->page[i]].get_document().get_value(slot), m->page[i]);
            // Stable: equal values stay in document id order, as under Xapian's tiebreak.
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
            for (size_t i = run; i < stop; i++)
                m->page[i] = keyed[i - run].second;
        }
        run = stop;
    }
    m->mset = wide;
    m->paged = true;
    m->first = first;
    return true;
}

trawl_status trawl_xenquire_run(trawl_xenquire *enq, unsigned first, unsigned max_items,
                                unsigned check_at_least, trawl_xmset **mset_out, trawl_error *err)
{
    *mset_out = nullptr;
    return guard(err, &enq->last_error, enq->db->path.c_str(), [&] {
        auto m = std::make_unique<trawl_xmset>();
        bool deferred = enq->tiebreak >= 0 && !enq->constrained && max_items > 0 &&
                        first <= UINT_MAX - 2 && max_items <= UINT_MAX - 2 - first;
        if (!deferred || !page_in_tiebreak_order(enq, first, max_items, check_at_least, m.get())) {
            if (enq->tiebreak >= 0)
                enq->enquire.set_sort_by_relevance_then_value(
                    static_cast<Xapian::valueno>(enq->tiebreak), false);
            m->mset = enq->enquire.get_mset(first, max_items, check_at_least);
            if (enq->tiebreak >= 0)
                enq->enquire.set_sort_by_relevance();
        }
        size_t size = m->paged ? m->page.size() : m->mset.size();
        m->data.resize(size);
        m->loaded.assign(size, false);
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
    return mset ? mset->data.size() : 0;
}

// Result `index` of `mset` (in range).
static Xapian::MSetIterator result(const trawl_xmset *mset, size_t index)
{
    return mset->mset[mset->paged ? mset->page[index] : static_cast<Xapian::doccount>(index)];
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
    if (!mset || index >= mset->data.size())
        return bad_arg(err, nullptr, "result index out of range");
    return guard(err, nullptr, "result", [&] {
        Xapian::MSetIterator it = result(mset, index);
        if (!mset->loaded[index]) {
            mset->data[index] = it.get_document().get_data();
            mset->loaded[index] = true;
        }
        match_out->docid = *it;
        match_out->rank = mset->paged ? mset->first + static_cast<unsigned>(index) : it.get_rank();
        match_out->weight = it.get_weight();
        match_out->data = mset->data[index].c_str();
        match_out->data_len = mset->data[index].size();
    });
}

trawl_status trawl_xmset_value(trawl_xmset *mset, size_t index, unsigned slot, char **value_out,
                               size_t *len_out, trawl_error *err)
{
    *value_out = nullptr;
    if (!mset || index >= mset->data.size())
        return bad_arg(err, nullptr, "result index out of range");
    return guard(err, nullptr, "result", [&] {
        const std::string v = result(mset, index).get_document().get_value(slot);
        *value_out = dup_bytes(v);
        if (len_out)
            *len_out = v.size();
    });
}

void trawl_xmset_free(trawl_xmset *mset)
{
    delete mset;
}

} // extern "C"
