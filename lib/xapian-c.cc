/* xapian-c.cc - the C binding declared in xapian-c.h: opaque structs that
 * wrap Xapian objects, and one guard that turns every C++ exception into a
 * vns_status plus Xapian's description, so none ever reaches C. */
#include "xapian-c.h"

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

/* A facet column (vns_xdb_keep_column): the entries of one multi-valued
 * slot for every document of one revision, held in memory, so that a
 * count costs a few array reads per match instead of a value read and a
 * map update (as Solr un-inverts a field to facet on it). */
struct column {
	unsigned slot;
	char sep;
	Xapian::rev rev;                    /* the revision read */
	std::vector<std::uint32_t> start;   /* docid d: codes[start[d] ..
					     * start[d + 1]) */
	std::vector<std::uint32_t> codes;   /* entries, as indexes in names */
	std::vector<std::string> names;
};

/* Counts, from a column, the entries of every document it is shown. */
struct column_spy : Xapian::MatchSpy {
	explicit column_spy(std::shared_ptr<const column> c)
		: col(std::move(c)), counts(col->names.size())
	{
	}
	void operator()(const Xapian::Document &doc, double) override
	{
		Xapian::docid d = doc.get_docid();

		total++;
		if (d + 1 < col->start.size())
			for (auto i = col->start[d]; i < col->start[d + 1]; i++)
				counts[col->codes[i]]++;
	}
	std::shared_ptr<const column> col;
	std::vector<Xapian::doccount> counts; /* by entry code */
	Xapian::doccount total = 0;
};

struct vns_xdb {
	Xapian::Database db;
	bool remote = false; /* has a remote shard (see run_match) */
	unsigned skip_picks = 0; /* ranked matches left that skip
				  * rank_distinct's pick (ranked_match) */
	/* vns_xdb_keep_column(): the slot asked for, and its column as last
	 * read (null until a spy needs it) */
	bool keep = false;
	unsigned keep_slot = 0;
	char keep_sep = 0;
	std::shared_ptr<const column> col;
};

struct vns_xwdb {
	Xapian::WritableDatabase db;
	bool in_txn = false; /* a transaction begun through this handle */
};

struct vns_xdoc {
	vns_xdoc() = default;
	explicit vns_xdoc(const Xapian::Document &d) : doc(d) {}
	Xapian::Document doc;
	/* Copies behind the pointers vns_xdoc_data()/vns_xdoc_value() hand
	 * out, so they stay valid until the document changes. */
	mutable std::string data;
	mutable bool have_data = false;
	mutable std::map<unsigned, std::string> values;
};

struct vns_xquery {
	Xapian::Query q;
};

/* Facet counts. A multi-valued slot ("A\x1fB") is counted as whole
 * values by Xapian's built-in ValueCountMatchSpy - which remote servers
 * know, serialise and merge - and the whole values are split into their
 * entries when read (a document with "A\x1fB" counts once for A and once
 * for B). A custom MatchSpy would need registering in the server, which
 * the stock xapian-tcpsrv cannot do; so the faster column_spy counts only
 * a local database that keeps a column of the slot. */
struct vns_xspy {
	unsigned slot;
	char sep; /* '\0': whole values */
	/* what counted the last match: Xapian's spy, or one reading the
	 * database's column; the other is null */
	std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
	std::unique_ptr<column_spy> col_spy;
};

struct vns_xenquire {
	explicit vns_xenquire(vns_xdb *d) : db(d), enq(d->db) {}
	vns_xdb *db; /* reopened on DatabaseModifiedError */
	Xapian::Enquire enq;
	std::vector<vns_xspy *> spies; /* reset before every match */
	Xapian::Query spy_query; /* what the spies count; empty: the query */
	/* vns_xenquire_rank_distinct(): its slots, when asked for */
	bool distinct = false;
	Xapian::valueno tie_slot = 0, key_slot = 0;
};

struct vns_xmset {
	Xapian::MSet mset;
	Xapian::Database db; /* to re-read a row's document after a commit */
	Xapian::MSetIterator it;
	bool started = false;
	bool on_row = false;
	std::string data; /* the last row data vns_xmset_data() read */
	/* a page picked from mset by rank_distinct (picked true): its rows
	 * as indexes in mset, the rank of the first, the match counts */
	bool picked = false;
	std::vector<Xapian::doccount> rows;
	size_t at = 0; /* the current row of the page (picked or not) */
	Xapian::doccount first = 0;
	Xapian::doccount lower = 0, estimate = 0, upper = 0;
};

/* ---- exceptions to statuses ------------------------------------------- */

/* Fill err from a Xapian exception; the fallback covers the description
 * itself running out of memory. */
static vns_status from_xapian(vns_err *err, vns_status code,
			      const Xapian::Error &e) noexcept
{
	try {
		return vns_err_set(err, code, "%s", e.get_description().c_str());
	} catch (...) {
		return vns_err_set(err, code, "%s", e.get_type());
	}
}

/* Map the exception being handled to a status (called inside catch). The
 * order matters: DatabaseLockError is a DatabaseOpeningError. */
static vns_status from_current_exception(vns_err *err) noexcept
{
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		return from_xapian(err, VNS_EDBLOCK, e);
	} catch (const Xapian::DatabaseOpeningError &e) {
		return from_xapian(err, VNS_EDBOPEN, e);
	} catch (const Xapian::DatabaseCreateError &e) {
		return from_xapian(err, VNS_EDBOPEN, e);
	} catch (const Xapian::DatabaseModifiedError &e) {
		return from_xapian(err, VNS_EDBMODIFIED, e);
	} catch (const Xapian::DatabaseCorruptError &e) {
		return from_xapian(err, VNS_EDBCORRUPT, e);
	} catch (const Xapian::NetworkError &e) {
		return from_xapian(err, VNS_ENETWORK, e);
	} catch (const Xapian::DocNotFoundError &e) {
		return from_xapian(err, VNS_ENOTFOUND, e);
	} catch (const Xapian::InvalidArgumentError &e) {
		return from_xapian(err, VNS_EINVAL, e);
	} catch (const Xapian::Error &e) {
		return from_xapian(err, VNS_EXAPIAN, e);
	} catch (const std::bad_alloc &) {
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	} catch (const std::exception &e) {
		return vns_err_set(err, VNS_EINTERNAL, "%s", e.what());
	} catch (...) {
		return vns_err_set(err, VNS_EINTERNAL, "unknown c++ exception");
	}
}

/* Run fn (which returns a vns_status) with every exception caught. */
template <typename F>
static vns_status guard(vns_err *err, F &&fn) noexcept
{
	try {
		return fn();
	} catch (...) {
		return from_current_exception(err);
	}
}

/* guard() for a read of db: when a writer has committed twice since db
 * was opened (DatabaseModifiedError), reopen db at the latest revision
 * and run fn again, up to 5 times in all. fn must be safe to rerun (a
 * callback may then see an entry twice). */
template <typename F>
static vns_status read_guard(vns_xdb *db, vns_err *err, F &&fn) noexcept
{
	return guard(err, [&] {
		for (int tries = 1;; tries++) {
			try {
				return fn();
			} catch (const Xapian::DatabaseModifiedError &) {
				if (tries >= 5)
					throw;
				db->db.reopen();
			}
		}
	});
}

/* Build a query with build() under guard; NULL with err set on failure. */
template <typename F>
static vns_xquery *new_query(vns_err *err, F &&build) noexcept
{
	vns_xquery *out = nullptr;

	guard(err, [&] {
		out = new vns_xquery{build()};
		return VNS_OK;
	});
	return out;
}

/* fn() for the few functions with no vns_err to fill: fallback if it
 * throws. */
template <typename T, typename F>
static T or_default(T fallback, F &&fn) noexcept
{
	try {
		return fn();
	} catch (...) {
		return fallback;
	}
}

/* A malloc()ed copy of s in *out, for the functions whose caller frees. */
static vns_status dup_string(const std::string &s, char **out, vns_err *err)
{
	*out = static_cast<char *>(std::malloc(s.size() + 1));
	if (!*out)
		return vns_err_set(err, VNS_ENOMEM,
				   "out of memory copying %zu bytes", s.size());
	std::memcpy(*out, s.c_str(), s.size() + 1);
	return VNS_OK;
}

/* ---- read-only databases ---------------------------------------------- */

/* 1 if the stub file at path names a remote database (a line starting
 * "remote"). Xapian does not say so once the database is open. */
static bool stub_is_remote(const std::string &path)
{
	FILE *f = std::fopen(path.c_str(), "r");
	char line[1024];
	bool remote = false;

	if (!f)
		return false;
	while (!remote && std::fgets(line, sizeof line, f))
		remote = std::strncmp(line, "remote", 6) == 0;
	std::fclose(f);
	return remote;
}

vns_status vns_xdb_open(const char *path, vns_xdb **out, vns_err *err)
{
	*out = nullptr;
	return guard(err, [&] {
		auto db = std::make_unique<vns_xdb>();

		db->db = Xapian::Database(path);
		db->remote = stub_is_remote(path) ||
			     stub_is_remote(std::string(path) + "/XAPIANDB");
		*out = db.release();
		return VNS_OK;
	});
}

vns_status vns_xdb_new(vns_xdb **out, vns_err *err)
{
	*out = nullptr;
	return guard(err, [&] {
		*out = new vns_xdb();
		return VNS_OK;
	});
}

vns_status vns_xdb_add(vns_xdb *db, const char *path, vns_err *err)
{
	return guard(err, [&] {
		db->db.add_database(Xapian::Database(path));
		return VNS_OK;
	});
}

vns_status vns_xdb_add_remote(vns_xdb *db, const char *host, unsigned port,
			      unsigned timeout_ms, vns_err *err)
{
	return guard(err, [&] {
		db->remote = true;
		if (timeout_ms == 0)
			db->db.add_database(Xapian::Remote::open(host, port));
		else
			db->db.add_database(Xapian::Remote::open(
				host, port, timeout_ms, timeout_ms));
		return VNS_OK;
	});
}

vns_status vns_xdb_reopen(vns_xdb *db, vns_err *err)
{
	return guard(err, [&] {
		db->db.reopen();
		return VNS_OK;
	});
}

vns_status vns_xdb_keep_column(vns_xdb *db, unsigned slot, char sep,
				vns_err *err)
{
	return guard(err, [&] {
		db->keep = true;
		db->keep_slot = slot;
		db->keep_sep = sep;
		db->col.reset();
		return VNS_OK;
	});
}

/* Call fn for each non-empty entry of a value whose entries are joined by
 * sep ('\0': the whole value is one entry). */
template <class F> static void each_entry(const std::string &value, char sep,
					  F fn)
{
	size_t at = 0;

	while (at < value.size()) {
		size_t end = sep ? value.find(sep, at) : std::string::npos;
		if (end == std::string::npos)
			end = value.size();
		if (end > at)
			fn(value.substr(at, end - at));
		at = end + 1;
	}
}

/* Read slot of db (entries joined by sep) whole, as the column of
 * revision rev. */
static std::shared_ptr<const column> read_column(const Xapian::Database &db,
						 unsigned slot, char sep,
						 Xapian::rev rev)
{
	auto c = std::make_shared<column>();
	std::unordered_map<std::string, std::uint32_t> code;
	Xapian::docid last = db.get_lastdocid(), next = 0;
	Xapian::ValueIterator end = db.valuestream_end(slot);

	c->slot = slot;
	c->sep = sep;
	c->rev = rev;
	c->start.resize(std::size_t(last) + 2);
	for (Xapian::ValueIterator v = db.valuestream_begin(slot);
	     v != end && v.get_docid() <= last; ++v) {
		while (next <= v.get_docid())
			c->start[next++] = std::uint32_t(c->codes.size());
		each_entry(*v, sep, [&](std::string e) {
			auto at = code.emplace(e, std::uint32_t(c->names.size()));
			if (at.second)
				c->names.push_back(std::move(e));
			c->codes.push_back(at.first->second);
		});
	}
	while (next <= last + 1)
		c->start[next++] = std::uint32_t(c->codes.size());
	return c;
}

/* The column of db's kept slot at the revision db has open, read now if
 * it is not in memory yet; null when db keeps none or is not one local
 * database (only those have a revision to check the column against). */
static std::shared_ptr<const column> current_column(vns_xdb &db)
{
	Xapian::rev rev;

	if (!db.keep || db.remote)
		return nullptr;
	try {
		rev = db.db.get_revision();
	} catch (const Xapian::InvalidOperationError &) {
		return nullptr; /* several shards */
	}
	if (!db.col || db.col->rev != rev)
		db.col = read_column(db.db, db.keep_slot, db.keep_sep, rev);
	return db.col;
}

vns_status vns_xdb_doccount(vns_xdb *db, unsigned long *out, vns_err *err)
{
	return read_guard(db, err, [&] {
		*out = db->db.get_doccount();
		return VNS_OK;
	});
}

vns_status vns_xdb_termfreq(vns_xdb *db, const char *term, size_t len,
			    unsigned long *out, vns_err *err)
{
	return read_guard(db, err, [&] {
		*out = db->db.get_termfreq(std::string(term, len));
		return VNS_OK;
	});
}

vns_status vns_xdb_collfreq(vns_xdb *db, const char *term, size_t len,
			    unsigned long *out, vns_err *err)
{
	return read_guard(db, err, [&] {
		*out = db->db.get_collection_freq(std::string(term, len));
		return VNS_OK;
	});
}

vns_status vns_xdb_get_doc(vns_xdb *db, vns_docid did, vns_xdoc **out,
			   vns_err *err)
{
	*out = nullptr;
	return read_guard(db, err, [&] {
		Xapian::Document d = db->db.get_document(did);

		(void)d.get_data(); /* now, not lazily after a commit */
		(void)d.values_count();
		*out = new vns_xdoc(d);
		return VNS_OK;
	});
}

vns_status vns_xdb_find_unique(vns_xdb *db, const char *term,
			       vns_docid *out, vns_err *err)
{
	return read_guard(db, err, [&] {
		Xapian::PostingIterator p = db->db.postlist_begin(term);

		if (p == db->db.postlist_end(term))
			return vns_err_set(err, VNS_ENOTFOUND,
					   "no document has term '%s'", term);
		*out = *p;
		return VNS_OK;
	});
}

vns_status vns_xdb_get_metadata(vns_xdb *db, const char *key, char **out,
				vns_err *err)
{
	*out = nullptr;
	return read_guard(db, err, [&] {
		return dup_string(db->db.get_metadata(key), out, err);
	});
}

vns_status vns_xdb_spelling(vns_xdb *db, const char *word, unsigned maxdist,
			    char **out, vns_err *err)
{
	*out = nullptr;
	return read_guard(db, err, [&] {
		std::string best = db->db.get_spelling_suggestion(word, maxdist);

		return best.empty() ? VNS_OK : dup_string(best, out, err);
	});
}

vns_status vns_xdb_synonyms(vns_xdb *db, const char *term,
			    int (*fn)(void *ctx, const char *syn, size_t len),
			    void *ctx, vns_err *err)
{
	return read_guard(db, err, [&] {
		Xapian::TermIterator end = db->db.synonyms_end(term);

		for (Xapian::TermIterator t = db->db.synonyms_begin(term);
		     t != end; ++t) {
			const std::string syn = *t;

			if (fn(ctx, syn.data(), syn.size()))
				break;
		}
		return VNS_OK;
	});
}

vns_status vns_xdb_allterms(vns_xdb *db, const char *prefix,
			    int (*fn)(void *ctx, const char *term, size_t len,
				      unsigned long termfreq),
			    void *ctx, vns_err *err)
{
	return read_guard(db, err, [&] {
		Xapian::TermIterator end = db->db.allterms_end(prefix);

		for (Xapian::TermIterator t = db->db.allterms_begin(prefix);
		     t != end; ++t) {
			const std::string term = *t;

			if (fn(ctx, term.data(), term.size(), t.get_termfreq()))
				break;
		}
		return VNS_OK;
	});
}

void vns_xdb_free(vns_xdb *db)
{
	delete db;
}

vns_status vns_xdb_compact(const char *const *sources, size_t n,
			   const char *dest, vns_err *err)
{
	if (n == 0)
		return vns_err_set(err, VNS_EINVAL, "'%s': nothing to compact",
				   dest);
	return guard(err, [&] {
		Xapian::Database all;

		for (size_t i = 0; i < n; i++)
			all.add_database(Xapian::Database(sources[i]));
		/* one pass over every source: with the indexer's 14 parts
		 * of 4x the corpus, 12-16 s against 22 s in several passes
		 * (DBCOMPACT_MULTIPASS), which also grow in number with the
		 * parts */
		all.compact(dest, 0);
		return VNS_OK;
	});
}

/* ---- writable databases ----------------------------------------------- */

/* Xapian's action flag for a VNS_XWDB_* mode; false for an unknown mode
 * (DB_CREATE_OR_OPEN is 0, so 0 cannot mean "unknown"). */
static bool xwdb_action(int mode, int *action)
{
	if (mode & VNS_XWDB_SCRATCH) {
		if (!xwdb_action(mode & ~VNS_XWDB_SCRATCH, action))
			return false;
		*action |= Xapian::DB_NO_SYNC;
		return true;
	}
	switch (mode) {
	case VNS_XWDB_CREATE_OR_OPEN:
		*action = Xapian::DB_CREATE_OR_OPEN;
		return true;
	case VNS_XWDB_CREATE:
		*action = Xapian::DB_CREATE;
		return true;
	case VNS_XWDB_OPEN:
		*action = Xapian::DB_OPEN;
		return true;
	}
	return false;
}

vns_status vns_xwdb_open(const char *path, int mode, vns_xwdb **out,
			 vns_err *err)
{
	int action;

	*out = nullptr;
	if (!xwdb_action(mode, &action))
		return vns_err_set(err, VNS_EINVAL, "'%s': unknown open mode %d",
				   path, mode);
	return guard(err, [&] {
		*out = new vns_xwdb{Xapian::WritableDatabase(path, action)};
		return VNS_OK;
	});
}

vns_status vns_xwdb_replace(vns_xwdb *db, const char *idterm,
			    const vns_xdoc *doc, vns_docid *did_out,
			    vns_err *err)
{
	return guard(err, [&] {
		vns_docid did = db->db.replace_document(idterm, doc->doc);

		if (did_out)
			*did_out = did;
		return VNS_OK;
	});
}

vns_status vns_xwdb_add(vns_xwdb *db, const vns_xdoc *doc, vns_docid *did_out,
			vns_err *err)
{
	return guard(err, [&] {
		vns_docid did = db->db.add_document(doc->doc);

		if (did_out)
			*did_out = did;
		return VNS_OK;
	});
}

vns_status vns_xwdb_delete(vns_xwdb *db, const char *idterm,
			   unsigned long *count_out, vns_err *err)
{
	return guard(err, [&] {
		unsigned long count = db->db.get_termfreq(idterm);

		db->db.delete_document(idterm);
		if (count_out)
			*count_out = count;
		return VNS_OK;
	});
}

vns_status vns_xwdb_commit(vns_xwdb *db, vns_err *err)
{
	return guard(err, [&] {
		db->db.commit();
		return VNS_OK;
	});
}

vns_status vns_xwdb_begin(vns_xwdb *db, int flushed, vns_err *err)
{
	return guard(err, [&] {
		db->db.begin_transaction(flushed != 0);
		db->in_txn = true;
		return VNS_OK;
	});
}

/* Xapian ends the transaction whether or not these two throw. */
vns_status vns_xwdb_commit_transaction(vns_xwdb *db, vns_err *err)
{
	return guard(err, [&] {
		db->in_txn = false;
		db->db.commit_transaction();
		return VNS_OK;
	});
}

vns_status vns_xwdb_cancel_transaction(vns_xwdb *db, vns_err *err)
{
	return guard(err, [&] {
		db->in_txn = false;
		db->db.cancel_transaction();
		return VNS_OK;
	});
}

vns_status vns_xwdb_add_synonym(vns_xwdb *db, const char *term,
				const char *synonym, vns_err *err)
{
	return guard(err, [&] {
		db->db.add_synonym(term, synonym);
		return VNS_OK;
	});
}

vns_status vns_xwdb_add_spelling(vns_xwdb *db, const char *word,
				 unsigned inc, vns_err *err)
{
	return guard(err, [&] {
		db->db.add_spelling(word, inc);
		return VNS_OK;
	});
}

vns_status vns_xwdb_set_metadata(vns_xwdb *db, const char *key,
				 const char *value, vns_err *err)
{
	return guard(err, [&] {
		db->db.set_metadata(key, value);
		return VNS_OK;
	});
}

vns_status vns_xwdb_doccount(vns_xwdb *db, unsigned long *out, vns_err *err)
{
	return guard(err, [&] {
		*out = db->db.get_doccount();
		return VNS_OK;
	});
}

/* WritableDatabase's destructor commits unless a transaction is open, in
 * which case it cancels it. An unflushed transaction, once cancelled, also
 * drops the changes made before it began - so opening one here is how the
 * handle closes without committing. */
void vns_xwdb_free(vns_xwdb *db)
{
	if (!db)
		return;
	guard(nullptr, [&] {
		if (!db->in_txn)
			db->db.begin_transaction(false);
		return VNS_OK;
	});
	delete db;
}

/* ---- documents -------------------------------------------------------- */

vns_xdoc *vns_xdoc_new(void)
{
	vns_xdoc *doc = nullptr;

	guard(nullptr, [&] {
		doc = new vns_xdoc();
		return VNS_OK;
	});
	return doc;
}

vns_status vns_xdoc_add_term(vns_xdoc *doc, const char *term, size_t len,
			     unsigned wdf_inc, vns_err *err)
{
	return guard(err, [&] {
		doc->doc.add_term(std::string(term, len), wdf_inc);
		return VNS_OK;
	});
}

vns_status vns_xdoc_add_posting(vns_xdoc *doc, const char *term, size_t len,
				unsigned pos, unsigned wdf_inc, vns_err *err)
{
	return guard(err, [&] {
		doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
		return VNS_OK;
	});
}

vns_status vns_xdoc_add_boolean(vns_xdoc *doc, const char *term, size_t len,
				vns_err *err)
{
	return guard(err, [&] {
		doc->doc.add_boolean_term(std::string(term, len));
		return VNS_OK;
	});
}

vns_status vns_xdoc_set_value(vns_xdoc *doc, unsigned slot, const char *value,
			      size_t len, vns_err *err)
{
	return guard(err, [&] {
		doc->doc.add_value(slot, std::string(value, len));
		doc->values.erase(slot);
		return VNS_OK;
	});
}

vns_status vns_xdoc_set_data(vns_xdoc *doc, const char *data, size_t len,
			     vns_err *err)
{
	return guard(err, [&] {
		doc->doc.set_data(std::string(data, len));
		doc->have_data = false;
		return VNS_OK;
	});
}

vns_status vns_xdoc_data(const vns_xdoc *doc, const char **out, size_t *len,
			 vns_err *err)
{
	return guard(err, [&] {
		if (!doc->have_data) {
			doc->data = doc->doc.get_data();
			doc->have_data = true;
		}
		*out = doc->data.c_str();
		*len = doc->data.size();
		return VNS_OK;
	});
}

vns_status vns_xdoc_value(const vns_xdoc *doc, unsigned slot,
			  const char **out, size_t *len, vns_err *err)
{
	return guard(err, [&] {
		auto found = doc->values.find(slot);

		if (found == doc->values.end())
			found = doc->values
					.emplace(slot, doc->doc.get_value(slot))
					.first;
		*out = found->second.c_str();
		*len = found->second.size();
		return VNS_OK;
	});
}

vns_status vns_xdoc_terms(const vns_xdoc *doc,
			  int (*fn)(void *ctx, const char *term, size_t len,
				    unsigned wdf),
			  void *ctx, vns_err *err)
{
	return guard(err, [&] {
		Xapian::TermIterator end = doc->doc.termlist_end();

		for (Xapian::TermIterator t = doc->doc.termlist_begin();
		     t != end; ++t) {
			const std::string term = *t;

			if (fn(ctx, term.data(), term.size(), t.get_wdf()))
				break;
		}
		return VNS_OK;
	});
}

void vns_xdoc_free(vns_xdoc *doc)
{
	delete doc;
}

/* ---- queries ---------------------------------------------------------- */

/* Xapian's operator for each vns_xop, in the enum's order. */
static const Xapian::Query::op xapian_ops[] = {
	Xapian::Query::OP_AND,       Xapian::Query::OP_OR,
	Xapian::Query::OP_AND_NOT,   Xapian::Query::OP_AND_MAYBE,
	Xapian::Query::OP_FILTER,    Xapian::Query::OP_PHRASE,
	Xapian::Query::OP_NEAR,      Xapian::Query::OP_SYNONYM,
	Xapian::Query::OP_ELITE_SET,
};
static_assert(sizeof xapian_ops / sizeof xapian_ops[0] == VNS_XOP_ELITE_SET + 1,
	      "xapian_ops must list every vns_xop");

vns_xquery *vns_xquery_term(const char *term, size_t len, unsigned qf,
			    unsigned pos, vns_err *err)
{
	return new_query(err, [&] {
		return Xapian::Query(std::string(term, len), qf, pos);
	});
}

vns_xquery *vns_xquery_combine(vns_xop op, vns_xquery *const *subs, size_t n,
			       unsigned window, vns_err *err)
{
	unsigned index;

	/* read op as the int a C caller may have passed: an out-of-range
	 * value is valid C but must not be loaded as a C++ vns_xop */
	static_assert(sizeof op == sizeof index, "vns_xop is int-sized");
	std::memcpy(&index, &op, sizeof index);
	if (index >= sizeof xapian_ops / sizeof xapian_ops[0]) {
		vns_err_set(err, VNS_EINVAL, "unknown query operator %u", index);
		return nullptr;
	}
	return new_query(err, [&] {
		std::vector<Xapian::Query> kept;

		for (size_t i = 0; i < n; i++)
			if (subs[i])
				kept.push_back(subs[i]->q);
		return Xapian::Query(xapian_ops[index], kept.begin(), kept.end(),
				     window);
	});
}

vns_xquery *vns_xquery_scale(const vns_xquery *q, double factor, vns_err *err)
{
	if (!(factor >= 0)) {
		vns_err_set(err, VNS_EINVAL, "weight factor %g is not >= 0",
			    factor);
		return nullptr;
	}
	return new_query(err, [&] {
		return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor);
	});
}

vns_xquery *vns_xquery_value_range(unsigned slot, const char *lo,
				   const char *hi, vns_err *err)
{
	return new_query(err, [&] {
		if (lo && hi)
			return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
					     lo, hi);
		if (hi)
			return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
		return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
				     lo ? lo : "");
	});
}

vns_xquery *vns_xquery_match_all(vns_err *err)
{
	return new_query(err, [] { return Xapian::Query::MatchAll; });
}

vns_xquery *vns_xquery_match_nothing(vns_err *err)
{
	return new_query(err, [] { return Xapian::Query::MatchNothing; });
}

int vns_xquery_is_empty(const vns_xquery *q)
{
	return q->q.empty() ? 1 : 0;
}

char *vns_xquery_describe(const vns_xquery *q)
{
	char *out = nullptr;

	guard(nullptr, [&] { return dup_string(q->q.get_description(), &out,
						nullptr); });
	return out;
}

void vns_xquery_free(vns_xquery *q)
{
	delete q;
}

/* ---- enquire ---------------------------------------------------------- */

vns_status vns_xenquire_new(vns_xdb *db, vns_xenquire **out, vns_err *err)
{
	*out = nullptr;
	return guard(err, [&] {
		*out = new vns_xenquire(db);
		return VNS_OK;
	});
}

vns_status vns_xenquire_set_query(vns_xenquire *e, const vns_xquery *q,
				  vns_err *err)
{
	return guard(err, [&] {
		e->enq.set_query(q->q);
		return VNS_OK;
	});
}

vns_status vns_xenquire_set_bm25(vns_xenquire *e, double k1, double k2,
				 double k3, double b, double min_normlen,
				 vns_err *err)
{
	return guard(err, [&] {
		e->enq.set_weighting_scheme(
			Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
		return VNS_OK;
	});
}

vns_status vns_xenquire_sort_by_value(vns_xenquire *e, unsigned slot,
				      int reverse, vns_err *err)
{
	return guard(err, [&] {
		e->distinct = false;
		e->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
		return VNS_OK;
	});
}

vns_status vns_xenquire_sort_by_relevance(vns_xenquire *e, vns_err *err)
{
	return guard(err, [&] {
		e->distinct = false;
		e->enq.set_sort_by_relevance();
		return VNS_OK;
	});
}

vns_status vns_xenquire_sort_by_relevance_then_value(vns_xenquire *e,
						     unsigned slot,
						     vns_err *err)
{
	return guard(err, [&] {
		e->distinct = false;
		e->enq.set_sort_by_relevance_then_value(slot, false);
		return VNS_OK;
	});
}

vns_status vns_xenquire_docid_order(vns_xenquire *e, int descending,
				    vns_err *err)
{
	return guard(err, [&] {
		e->enq.set_docid_order(descending ? Xapian::Enquire::DESCENDING
						  : Xapian::Enquire::ASCENDING);
		return VNS_OK;
	});
}

vns_status vns_xenquire_add_spy(vns_xenquire *e, vns_xspy *spy, vns_err *err)
{
	return guard(err, [&] {
		e->spies.push_back(spy);
		return VNS_OK;
	});
}

vns_status vns_xenquire_set_spy_query(vns_xenquire *e, const vns_xquery *q,
				      vns_err *err)
{
	return guard(err, [&] {
		e->spy_query = q->q;
		return VNS_OK;
	});
}

/* rank_distinct: pages ending past this rank are left to Xapian's own
 * sort and collapse; a page is picked from this many rows more than it
 * needs; after a failed pick, this many matches skip the pick. */
#define DISTINCT_PAGE_MAX 100
#define DISTINCT_MARGIN 3
#define DISTINCT_SKIP 15

/* One row of a plain relevance match, with its keys. */
struct keyed_row {
	double weight;
	Xapian::docid did;
	Xapian::doccount index; /* in the match, which starts at rank 0 */
	std::string key, tie;
};

/* The values in slot of the rows (in docid order) that want() picks,
 * read along one value stream into field: a value read per document
 * would find its block anew each time. */
template <typename Want>
static void read_slot(const Xapian::Database &db, Xapian::valueno slot,
		      const std::vector<keyed_row *> &by_did,
		      std::string keyed_row::*field, Want want)
{
	Xapian::ValueIterator v = db.valuestream_begin(slot),
			      end = db.valuestream_end(slot);

	for (keyed_row *r : by_did) {
		if (!want(*r))
			continue;
		if (v == end)
			break;
		v.skip_to(r->did);
		if (v != end && v.get_docid() == r->did)
			r->*field = *v;
	}
}

/* The key_slot values of rows (in Xapian's order: weight, then docid),
 * and the tie_slot values of the rows whose weight another row shares,
 * the only ones the order needs. */
static void read_keys(const vns_xenquire *e, const Xapian::Database &db,
		      std::vector<keyed_row> &rows)
{
	std::vector<keyed_row *> by_did;
	std::vector<bool> tied(rows.size());

	for (size_t i = 0; i < rows.size(); i++) {
		by_did.push_back(&rows[i]);
		tied[i] = (i > 0 && rows[i - 1].weight == rows[i].weight) ||
			  (i + 1 < rows.size() &&
			   rows[i + 1].weight == rows[i].weight);
	}
	std::sort(by_did.begin(), by_did.end(),
		  [](const keyed_row *a, const keyed_row *b) {
			  return a->did < b->did;
		  });
	read_slot(db, e->key_slot, by_did, &keyed_row::key,
		  [](const keyed_row &) { return true; });
	read_slot(db, e->tie_slot, by_did, &keyed_row::tie,
		  [&](const keyed_row &r) { return bool(tied[r.index]); });
}

/* The page offset .. offset+count of e's match in rank_distinct's order,
 * picked from a plain relevance match of a few more rows than the page
 * needs, into m; false when those rows cannot decide the page. No
 * document left out of that match weighs more than its last row, so a
 * row that does is where it belongs among the rows, and so is its key's
 * best copy (no other copy can be better); the page is decided when it
 * holds only such rows, or when the match held every document. */
static bool pick_distinct(vns_xenquire *e, unsigned offset, unsigned count,
			  vns_xmset &m)
{
	Xapian::doccount need = offset + count, want = need + DISTINCT_MARGIN;
	Xapian::MSet ms = e->enq.get_mset(0, want);
	std::vector<keyed_row> rows;
	std::vector<const keyed_row *> distinct;
	std::unordered_set<std::string> seen;
	bool whole = ms.size() < want;
	double floor = ms.empty() ? 0 : ms[ms.size() - 1].get_weight();
	Xapian::doccount sure = 0;

	rows.reserve(ms.size());
	for (auto it = ms.begin(); it != ms.end(); ++it)
		rows.push_back({ it.get_weight(), *it, it.get_rank(), {}, {} });
	read_keys(e, e->db->db, rows);
	std::stable_sort(rows.begin(), rows.end(),
			 [](const keyed_row &a, const keyed_row &b) {
				 return a.weight != b.weight ? a.weight > b.weight
							     : a.tie < b.tie;
			 });
	for (const keyed_row &r : rows)
		if (r.key.empty() || seen.insert(r.key).second) {
			distinct.push_back(&r);
			sure += whole || r.weight > floor;
		}
	if (!whole && sure < need)
		return false;
	m.mset = ms;
	m.picked = true;
	m.first = offset;
	for (Xapian::doccount i = offset; i < need && i < sure; i++)
		m.rows.push_back(distinct[i]->index);
	/* exact when the match held every document; else at least the
	 * distinct rows seen, and Xapian's counts less the copies seen (those
	 * further down are not known) */
	Xapian::doccount copies = rows.size() - distinct.size();
	m.lower = whole ? sure : distinct.size();
	m.upper = whole ? sure : ms.get_matches_upper_bound() - copies;
	m.estimate = whole ? sure
			   : std::min(std::max(ms.get_matches_estimated(),
					       copies + m.lower) - copies,
				      m.upper);
	return true;
}

/* The ranked match into m: with rank_distinct, picked from a plain
 * relevance match when that can decide the page (not for remote shards,
 * whose rows' keys would each cost a round trip, nor for an exact count),
 * else with Xapian's sort and collapse. Where copies fill the top rows
 * (an index of many republished articles), a pick that failed is followed
 * by DISTINCT_SKIP matches that go to Xapian's collapse straight away:
 * it handles copies as it matches, and a failed pick is a match wasted. */
static void ranked_match(vns_xenquire *e, unsigned offset, unsigned count,
			 unsigned check_at_least, vns_xmset &m)
{
	if (e->distinct) {
		bool pick = !check_at_least && !e->db->remote &&
			    offset + count <= DISTINCT_PAGE_MAX;
		if (pick && e->db->skip_picks) {
			e->db->skip_picks--;
			pick = false;
		}
		if (pick) {
			e->enq.set_sort_by_relevance();
			e->enq.set_collapse_key(Xapian::BAD_VALUENO);
			if (pick_distinct(e, offset, count, m))
				return;
			e->db->skip_picks = DISTINCT_SKIP;
		}
		e->enq.set_sort_by_relevance_then_value(e->tie_slot, false);
		e->enq.set_collapse_key(e->key_slot, 1);
	}
	m.mset = e->enq.get_mset(offset, count, check_at_least);
}

/* With spies: they count every match in a match of their own, boolean
 * (no weights computed) and returning no rows, with fresh counts each
 * time, so that a retried or repeated match is not counted twice; the
 * ranked match then stops as early as the page allows. (Counting inside
 * the ranked match would also let Xapian 1.4 show the spies some of the
 * page's documents twice over several remote shards.) */
static void run_match(vns_xenquire *e, unsigned offset, unsigned count,
		      unsigned check_at_least, vns_xmset &m)
{
	if (!e->spies.empty()) {
		Xapian::Enquire counting(e->db->db);
		counting.set_query(e->spy_query.empty() ? e->enq.get_query()
							: e->spy_query);
		counting.set_weighting_scheme(Xapian::BoolWeight());
		std::shared_ptr<const column> col = current_column(*e->db);
		for (vns_xspy *s : e->spies) {
			s->spy.reset();
			s->col_spy.reset();
			if (col && col->slot == s->slot && col->sep == s->sep) {
				s->col_spy = std::make_unique<column_spy>(col);
				counting.add_matchspy(s->col_spy.get());
			} else {
				s->spy = std::make_unique<
					Xapian::ValueCountMatchSpy>(s->slot);
				counting.add_matchspy(s->spy.get());
			}
		}
		counting.get_mset(0, 0, e->db->db.get_doccount());
	}
	ranked_match(e, offset, count, check_at_least, m);
}

vns_status vns_xenquire_get_mset(vns_xenquire *e, unsigned offset,
				 unsigned count, unsigned check_at_least,
				 vns_xmset **out, vns_err *err)
{
	*out = nullptr;
	return guard(err, [&] {
		std::unique_ptr<vns_xmset> m;

		for (int tries = 1;; tries++) {
			try {
				m = std::make_unique<vns_xmset>();
				run_match(e, offset, count, check_at_least,
					  *m);
				break;
			} catch (const Xapian::DatabaseModifiedError &) {
				if (tries >= 5)
					throw;
				e->db->db.reopen();
			}
		}
		m->db = e->db->db;
		*out = m.release();
		return VNS_OK;
	});
}

vns_status vns_xenquire_set_collapse(vns_xenquire *e, unsigned slot,
				     unsigned max, vns_err *err)
{
	return guard(err, [&] {
		e->distinct = false;
		e->enq.set_collapse_key(slot, max);
		return VNS_OK;
	});
}

vns_status vns_xenquire_rank_distinct(vns_xenquire *e, unsigned tie_slot,
				      unsigned key_slot, vns_err *err)
{
	return guard(err, [&] {
		e->distinct = true;
		e->tie_slot = tie_slot;
		e->key_slot = key_slot;
		return VNS_OK;
	});
}

void vns_xenquire_free(vns_xenquire *e)
{
	delete e;
}

/* ---- result sets ------------------------------------------------------ */

unsigned long vns_xmset_estimated(const vns_xmset *m)
{
	if (m->picked)
		return m->estimate;
	return or_default<unsigned long>(
		0, [&] { return m->mset.get_matches_estimated(); });
}

unsigned long vns_xmset_lower_bound(const vns_xmset *m)
{
	if (m->picked)
		return m->lower;
	return or_default<unsigned long>(
		0, [&] { return m->mset.get_matches_lower_bound(); });
}

unsigned long vns_xmset_upper_bound(const vns_xmset *m)
{
	if (m->picked)
		return m->upper;
	return or_default<unsigned long>(
		0, [&] { return m->mset.get_matches_upper_bound(); });
}

int vns_xmset_picked(const vns_xmset *m)
{
	return m->picked ? 1 : 0;
}

unsigned vns_xmset_size(const vns_xmset *m)
{
	if (m->picked)
		return (unsigned)m->rows.size();
	return or_default<unsigned>(0, [&] { return m->mset.size(); });
}

/* The index in m->mset of row i of the page. */
static Xapian::doccount in_mset(const vns_xmset *m, size_t i)
{
	return m->picked ? m->rows[i] : (Xapian::doccount)i;
}

int vns_xmset_next(vns_xmset *m, vns_err *err)
{
	vns_status st = guard(err, [&] {
		m->at = m->started ? m->at + m->on_row : 0;
		m->on_row = m->at < vns_xmset_size(m);
		if (m->on_row)
			m->it = m->mset[in_mset(m, m->at)];
		m->started = true;
		return VNS_OK;
	});

	if (st != VNS_OK) {
		m->on_row = false;
		return -(int)st;
	}
	return m->on_row ? VNS_ROW : VNS_DONE;
}

vns_status vns_xmset_seek(vns_xmset *m, unsigned index, vns_err *err)
{
	unsigned size = vns_xmset_size(m);

	if (index >= size)
		return vns_err_set(err, VNS_EINVAL,
				   "row %u of a page of %u rows", index, size);
	return guard(err, [&] {
		m->at = index;
		m->it = m->mset[in_mset(m, index)];
		m->started = m->on_row = true;
		return VNS_OK;
	});
}

vns_docid vns_xmset_docid(const vns_xmset *m)
{
	if (!m->on_row)
		return 0;
	return or_default<vns_docid>(0, [&] { return *m->it; });
}

double vns_xmset_weight(const vns_xmset *m)
{
	if (!m->on_row)
		return 0;
	return or_default<double>(0, [&] { return m->it.get_weight(); });
}

unsigned vns_xmset_rank(const vns_xmset *m)
{
	if (!m->on_row)
		return 0;
	if (m->picked)
		return m->first + (unsigned)m->at;
	return or_default<unsigned>(0, [&] { return m->it.get_rank(); });
}

vns_status vns_xmset_data(vns_xmset *m, const char **data, size_t *len,
			  vns_err *err)
{
	*data = nullptr;
	*len = 0;
	if (!m->on_row)
		return vns_err_set(err, VNS_EINVAL, "no current row in result set");
	return guard(err, [&] {
		for (int tries = 1;; tries++) {
			try {
				m->data = tries == 1
					? m->it.get_document().get_data()
					: m->db.get_document(*m->it).get_data();
				*data = m->data.data();
				*len = m->data.size();
				return VNS_OK;
			} catch (const Xapian::DatabaseModifiedError &) {
				if (tries >= 5)
					throw;
				m->db.reopen();
			}
		}
	});
}

/* The positions of term in document did of db, malloc'd into out/n. */
static vns_status copy_positions(Xapian::Database &db, Xapian::docid did,
				 const std::string &term, unsigned **out,
				 size_t *n, vns_err *err)
{
	std::vector<unsigned> v;

	for (auto p = db.positionlist_begin(did, term),
		  end = db.positionlist_end(did, term);
	     p != end; ++p)
		v.push_back(*p);
	if (v.empty())
		return VNS_OK;
	*out = static_cast<unsigned *>(malloc(v.size() * sizeof **out));
	if (!*out)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	std::copy(v.begin(), v.end(), *out);
	*n = v.size();
	return VNS_OK;
}

vns_status vns_xmset_positions(vns_xmset *m, const char *term, size_t len,
			       unsigned **out, size_t *n, vns_err *err)
{
	*out = nullptr;
	*n = 0;
	if (!m->on_row)
		return vns_err_set(err, VNS_EINVAL, "no current row in result set");
	return guard(err, [&] {
		std::string t(term, len);
		for (int tries = 1;; tries++) {
			try {
				return copy_positions(m->db, *m->it, t, out, n,
						      err);
			} catch (const Xapian::DatabaseModifiedError &) {
				if (tries >= 5)
					throw;
				m->db.reopen();
			}
		}
	});
}

vns_status vns_xmset_snippet(vns_xmset *m, const char *text, size_t length,
			     const char *hi_start, const char *hi_end,
			     char **out, vns_err *err)
{
	*out = nullptr;
	return guard(err, [&] {
		std::string s = m->mset.snippet(
			text, length, Xapian::Stem(),
			Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
				Xapian::MSet::SNIPPET_EXHAUSTIVE,
			hi_start ? hi_start : "", hi_end ? hi_end : "");

		return dup_string(s, out, err);
	});
}

void vns_xmset_free(vns_xmset *m)
{
	delete m;
}

/* ---- spies ------------------------------------------------------------ */

vns_status vns_xspy_new(unsigned slot, vns_xspy **out, vns_err *err)
{
	return vns_xspy_new_multi(slot, '\0', out, err);
}

vns_status vns_xspy_new_multi(unsigned slot, char sep, vns_xspy **out,
			      vns_err *err)
{
	*out = nullptr;
	return guard(err, [&] {
		*out = new vns_xspy{
			slot, sep,
			std::make_unique<Xapian::ValueCountMatchSpy>(slot),
			nullptr};
		return VNS_OK;
	});
}

unsigned long vns_xspy_total(const vns_xspy *spy)
{
	return spy->col_spy ? spy->col_spy->total
	       : spy->spy   ? spy->spy->get_total()
			    : 0;
}

/* Every entry the spy counted, with its count, most frequent first (ties
 * in value order). */
static std::vector<std::pair<std::string, Xapian::doccount>>
spy_entries(const vns_xspy &spy)
{
	std::vector<std::pair<std::string, Xapian::doccount>> v;

	if (spy.col_spy) {
		const column_spy &c = *spy.col_spy;
		for (size_t i = 0; i < c.counts.size(); i++)
			if (c.counts[i])
				v.emplace_back(c.col->names[i], c.counts[i]);
	} else if (spy.spy) {
		std::unordered_map<std::string, Xapian::doccount> counts;
		for (Xapian::TermIterator t = spy.spy->values_begin();
		     t != spy.spy->values_end(); ++t)
			each_entry(*t, spy.sep, [&](std::string e) {
				counts[std::move(e)] += t.get_termfreq();
			});
		v.assign(counts.begin(), counts.end());
	}
	std::sort(v.begin(), v.end(), [](const auto &a, const auto &b) {
		return a.second != b.second ? a.second > b.second
					    : a.first < b.first;
	});
	return v;
}

vns_status vns_xspy_values(const vns_xspy *spy, unsigned max,
			   int (*fn)(void *ctx, const char *value, size_t len,
				     unsigned long count),
			   void *ctx, vns_err *err)
{
	return guard(err, [&] {
		unsigned n = 0;

		for (const auto &e : spy_entries(*spy))
			if ((max && n++ == max) ||
			    fn(ctx, e.first.data(), e.first.size(), e.second))
				break;
		return VNS_OK;
	});
}

void vns_xspy_free(vns_xspy *spy)
{
	delete spy;
}
