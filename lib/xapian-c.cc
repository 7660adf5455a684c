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
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

struct vns_xdb {
	Xapian::Database db;
};

struct vns_xwdb {
	Xapian::WritableDatabase db;
	bool in_txn = false; /* a transaction begun through this handle */
	/* a write failed: the first error, which every later change gets
	 * (see write_guard) */
	vns_status broken = VNS_OK;
	char why[VNS_ERR_MSG_MAX] = "";
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

/* Calls back into C for every document a match shows it. */
struct callback_spy : Xapian::MatchSpy {
	callback_spy(void (*f)(void *, vns_docid), void *c) : fn(f), ctx(c) {}
	void operator()(const Xapian::Document &doc, double) override
	{
		fn(ctx, doc.get_docid());
	}
	void (*fn)(void *, vns_docid);
	void *ctx;
};

/* A value-count spy, or a callback spy (one of the two is null). */
struct vns_xspy {
	std::unique_ptr<Xapian::ValueCountMatchSpy> count;
	std::unique_ptr<callback_spy> call;
};

/* Asks C which expand terms to keep. */
struct callback_decider : Xapian::ExpandDecider {
	callback_decider(int (*f)(void *, const char *, size_t), void *c)
		: fn(f), ctx(c) {}
	bool operator()(const std::string &term) const override
	{
		return fn(ctx, term.data(), term.size()) != 0;
	}
	int (*fn)(void *, const char *, size_t);
	void *ctx;
};

struct vns_xenquire {
	explicit vns_xenquire(vns_xdb *d) : db(d), enq(d->db) {}
	vns_xdb *db; /* reopened on DatabaseModifiedError */
	Xapian::Enquire enq;
};

struct vns_xmset {
	Xapian::MSet mset;
	Xapian::Database db; /* to re-read a row's document after a commit */
	Xapian::MSetIterator it;
	bool started = false;
	bool on_row = false;
	Xapian::doccount at = 0; /* the current row */
	std::string data; /* the last row data vns_xmset_data() read */
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
 * callback may then see an entry twice). A plain DatabaseError while
 * reading is a block Xapian could not read or unpack ("EOF reading
 * block", "inflate failed"): VNS_EDBCORRUPT, as the damage it is. */
template <typename F>
static vns_status read_guard(Xapian::Database &db, vns_err *err,
			     F &&fn) noexcept
{
	return guard(err, [&] {
		for (int tries = 1;; tries++) {
			try {
				return fn();
			} catch (const Xapian::DatabaseModifiedError &) {
				if (tries >= 5)
					throw;
				db.reopen();
			} catch (const Xapian::DatabaseError &e) {
				if (typeid(e) != typeid(Xapian::DatabaseError))
					throw;
				return from_xapian(err, VNS_EDBCORRUPT, e);
			}
		}
	});
}

/* guard() for a change to a writable database. Once Xapian has failed to
 * write one (a DatabaseError: a full disk, a damaged block), Xapian 1.4
 * can abort the process on a later write (an exception thrown while the
 * first unwinds inside the library), so the handle refuses every later
 * change with the first error; only vns_xwdb_free() is left to call.
 * Other errors (an invalid argument or operation) change nothing. */
template <typename F>
static vns_status write_guard(vns_xwdb *db, vns_err *err, F &&fn) noexcept
{
	bool failed = false;
	vns_err e;
	vns_status st;

	if (db->broken)
		return vns_err_set(err, db->broken,
				   "not written after an earlier error: %s",
				   db->why);
	vns_err_clear(&e);
	st = guard(&e, [&] {
		try {
			return fn();
		} catch (const Xapian::DatabaseError &) {
			failed = true;
			throw;
		}
	});
	if (failed) {
		db->broken = st;
		std::snprintf(db->why, sizeof db->why, "%s", vns_err_text(&e));
	}
	if (err)
		*err = e;
	return st;
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

/* ---- the version file --------------------------------------------------- */

/* Xapian 1.4's glass version file ("iamglass"): magic and format (16
 * bytes), uuid (16), then packed unsigned numbers: the revision and, for
 * each of its 6 tables, the root block, level << 2 | flags, the entries,
 * the block size >> 11, compress_min and the free list (a packed length
 * and bytes). Xapian takes a table's level as read and fills that many
 * cursor slots of a fixed array of 10 (GlassTable::basic_open): a damaged
 * level writes past the table object. The levels and block sizes are
 * checked here before Xapian opens the database; anything else wrong with
 * the file Xapian reports itself. */
enum { GLASS_HEAD = 32, GLASS_TABLES = 6, GLASS_MAX_LEVEL = 9 };

/* Read a packed unsigned number (7 bits a byte, low first). */
static bool unpack(const unsigned char **p, const unsigned char *end,
		   unsigned long long *out)
{
	unsigned shift = 0;

	*out = 0;
	while (*p < end && shift < 64) {
		unsigned char b = *(*p)++;

		*out |= (unsigned long long)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
		shift += 7;
	}
	return false;
}

/* A table's B-tree as the version file gives it. */
struct glass_root {
	unsigned long long root, level, block_size;
	bool fake; /* no blocks yet */
};

/* VNS_EDBCORRUPT when the version file of the database at path gives a
 * table a level or block size Xapian cannot hold; VNS_OK otherwise (also
 * when path has no such file, or it ends early: Xapian says so). Each
 * table's root goes to roots[] when given, and *nroots counts them. */
static vns_status check_version_file(const char *path, vns_err *err,
				     glass_root *roots = nullptr,
				     int *nroots = nullptr)
{
	unsigned char buf[256];
	std::string name = std::string(path) + "/iamglass";
	FILE *f = std::fopen(name.c_str(), "rb");
	size_t n;

	if (!f)
		return VNS_OK;
	n = std::fread(buf, 1, sizeof buf, f);
	std::fclose(f);
	const unsigned char *p = buf + GLASS_HEAD, *end = buf + n;
	unsigned long long v[6];

	if (n <= GLASS_HEAD || !unpack(&p, end, &v[0]))
		return VNS_OK;
	for (int t = 0; t < GLASS_TABLES; t++) {
		for (int i = 0; i < 6; i++)
			if (!unpack(&p, end, &v[i]))
				return VNS_OK;
		unsigned long long level = v[1] >> 2, size = v[3] << 11;
		if (level > GLASS_MAX_LEVEL || size < 2048 || size > 65536 ||
		    (size & (size - 1)))
			return vns_err_set(err, VNS_EDBCORRUPT,
					   "'%s': table %d: level %llu, block "
					   "size %llu: not a B-tree Xapian can "
					   "open", name.c_str(), t, level, size);
		if (roots) {
			roots[t] = { v[0], level, size, (v[1] & 1) != 0 };
			*nroots = t + 1;
		}
		if (v[5] > (unsigned long long)(end - p))
			return VNS_OK;
		p += v[5];
	}
	return VNS_OK;
}

/* The layout of a glass block (backends/glass/glass_table.h of Xapian
 * 1.4): numbers big-endian; the level at byte 4, the directory's end at
 * 9-10, the directory (2-byte item offsets) from byte 11. A leaf item
 * starts with its size less 3 in 13 bits under 3 flag bits, then its key
 * length; a branch item with the 4-byte child block, then its key length,
 * and is key length + 7 long. */
enum { GB_LEVEL = 4, GB_DIR_END = 9, GB_DIR_START = 11, GB_FIRST_BIT = 0x20,
       GB_SIZE_MASK = 0x1fff };

static unsigned get2(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* What is wrong with block b (size bytes, at the level its parent
 * expects), or nullptr;
 * the children of a branch go to kids. Xapian trusts these sizes and
 * offsets when it reads a block (only the level and the directory's end
 * are checked), and a wrong one makes it read or copy past the block. */
static const char *bad_block(const unsigned char *b, size_t size,
			     unsigned long long level,
			     std::vector<unsigned long long> &kids)
{
	unsigned dir_end = get2(b + GB_DIR_END);

	if (b[GB_LEVEL] != level)
		return "level not as its parent says";
	if (dir_end <= GB_DIR_START || dir_end > size || !(dir_end & 1))
		return "directory end outside the block";
	for (unsigned c = GB_DIR_START; c < dir_end; c += 2) {
		size_t o = get2(b + c);

		if (o < dir_end || o + (level ? 5 : 3) > size)
			return "item outside the block";
		if (level == 0) {
			size_t len = (get2(b + o) & GB_SIZE_MASK) + 3,
			       need = 3 + (size_t)b[o + 2] +
				      (b[o] & GB_FIRST_BIT ? 0 : 2);
			if (o + len > size || len < need)
				return "item ends outside the block";
		} else {
			if (o + (size_t)b[o + 4] + 7 > size)
				return "item ends outside the block";
			kids.push_back((unsigned long long)b[o] << 24 |
				       (unsigned long long)b[o + 1] << 16 |
				       (unsigned long long)b[o + 2] << 8 |
				       b[o + 3]);
		}
	}
	return nullptr;
}

/* VNS_EDBCORRUPT when a block of the database at path's B-trees (walked
 * from each table's root) has a size or offset that points outside it;
 * what Xapian's own check cannot be trusted to see, as it reads such a
 * block past its end too. */
static vns_status check_blocks(const char *path, vns_err *err)
{
	static const char *const names[GLASS_TABLES] = {
		"postlist", "docdata", "termlist", "position", "spelling",
		"synonym",
	};
	glass_root roots[GLASS_TABLES];
	int n = 0;

	if (check_version_file(path, err, roots, &n))
		return VNS_EDBCORRUPT;
	for (int t = 0; t < n; t++) {
		if (roots[t].fake)
			continue;
		std::string name = std::string(path) + "/" + names[t] + ".glass";
		FILE *f = std::fopen(name.c_str(), "rb");
		if (!f)
			continue;
		size_t size = roots[t].block_size;
		std::vector<unsigned char> b(size);
		std::vector<std::pair<unsigned long long, unsigned long long>>
			todo = { { roots[t].root, roots[t].level } };
		std::fseek(f, 0, SEEK_END);
		unsigned long long blocks = (unsigned long long)std::ftell(f) / size,
				   seen = 0;
		const char *why = nullptr;
		unsigned long long at = 0;

		while (!why && !todo.empty()) {
			std::vector<unsigned long long> kids;
			auto [blk, level] = todo.back();
			todo.pop_back();
			at = blk;
			if (blk >= blocks || ++seen > blocks)
				why = "block outside the table";
			else if (std::fseek(f, (long)(blk * size), SEEK_SET) ||
				 std::fread(b.data(), 1, size, f) != size)
				why = "block cannot be read";
			else if (!(why = bad_block(b.data(), size, level, kids)))
				for (auto k : kids)
					todo.push_back({ k, level - 1 });
		}
		std::fclose(f);
		if (why)
			return vns_err_set(err, VNS_EDBCORRUPT, "%s: block %llu: "
					   "%s", names[t], at, why);
	}
	return VNS_OK;
}

/* ---- read-only databases ---------------------------------------------- */

vns_status vns_xdb_open(const char *path, vns_xdb **out, vns_err *err)
{
	*out = nullptr;
	if (check_version_file(path, err))
		return VNS_EDBCORRUPT;
	return guard(err, [&] {
		auto db = std::make_unique<vns_xdb>();

		db->db = Xapian::Database(path);
		*out = db.release();
		return VNS_OK;
	});
}

vns_status vns_xdb_revision(vns_xdb *db, unsigned long *out, vns_err *err)
{
	return guard(err, [&] {
		*out = db->db.get_revision();
		return VNS_OK;
	});
}

vns_status vns_xdb_values(vns_xdb *db, unsigned slot,
			  int (*fn)(void *ctx, vns_docid did,
				    const char *value, size_t len),
			  void *ctx, vns_err *err)
{
	return read_guard(db->db, err, [&] {
		Xapian::ValueIterator end = db->db.valuestream_end(slot);

		for (Xapian::ValueIterator v = db->db.valuestream_begin(slot);
		     v != end; ++v) {
			const std::string value = *v;

			if (fn(ctx, v.get_docid(), value.data(), value.size()))
				break;
		}
		return VNS_OK;
	});
}

vns_status vns_xdb_values_of(vns_xdb *db, unsigned slot,
			     const vns_docid *dids, size_t n,
			     int (*fn)(void *ctx, size_t i, const char *value,
				       size_t len),
			     void *ctx, vns_err *err)
{
	return read_guard(db->db, err, [&] {
		Xapian::ValueIterator v = db->db.valuestream_begin(slot),
				      end = db->db.valuestream_end(slot);

		for (size_t i = 0; i < n && v != end; i++) {
			v.skip_to(dids[i]);
			if (v == end || v.get_docid() != dids[i])
				continue;
			const std::string value = *v;
			if (fn(ctx, i, value.data(), value.size()))
				break;
		}
		return VNS_OK;
	});
}

vns_status vns_xdb_doccount(vns_xdb *db, unsigned long *out, vns_err *err)
{
	return read_guard(db->db, err, [&] {
		*out = db->db.get_doccount();
		return VNS_OK;
	});
}

vns_status vns_xdb_termfreq(vns_xdb *db, const char *term, size_t len,
			    unsigned long *out, vns_err *err)
{
	return read_guard(db->db, err, [&] {
		*out = db->db.get_termfreq(std::string(term, len));
		return VNS_OK;
	});
}

vns_status vns_xdb_allterms(vns_xdb *db, const char *prefix,
			    int (*fn)(void *ctx, const char *term, size_t len,
				      unsigned long termfreq),
			    void *ctx, vns_err *err)
{
	return read_guard(db->db, err, [&] {
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

vns_status vns_xdb_document(vns_xdb *db, vns_docid did, vns_xdoc **out,
			    vns_err *err)
{
	*out = nullptr;
	return read_guard(db->db, err, [&] {
		auto doc = std::make_unique<vns_xdoc>(db->db.get_document(did));

		*out = doc.release();
		return VNS_OK;
	});
}

void vns_xdb_free(vns_xdb *db)
{
	delete db;
}

vns_status vns_xdb_check(const char *path, unsigned long *problems,
			 char **report, vns_err *err)
{
	*report = nullptr;
	if (check_blocks(path, err))
		return VNS_EDBCORRUPT;
	return guard(err, [&] {
		std::ostringstream out;

		*problems = Xapian::Database::check(
			path, Xapian::DBCHECK_SHORT_TREE, &out);
		return dup_string(out.str(), report, err);
	});
}

/* A quiet check's account heads each table with its name ("postlist:"),
 * followed by a line saying it is sound, or by the problems found. */
static bool is_heading(const std::string &line)
{
	return !line.empty() && line.back() == ':' &&
	       line.find(' ') == line.npos;
}

static bool is_remark(const std::string &line)
{
	return line.empty() || line.find("checked OK") != line.npos ||
	       line.find("not yet used") != line.npos || line == "Not present.";
}

/* The first problem in the account, after its table's name; or, when
 * there is none (the check threw), the last table named. */
static std::string first_problem(const std::string &account)
{
	std::istringstream in(account);
	std::string line, table = "iamglass";

	while (std::getline(in, line)) {
		if (is_heading(line))
			table = line.substr(0, line.size() - 1);
		else if (!is_remark(line))
			return table + ": " + line;
	}
	return table;
}

vns_status vns_xdb_verify(const char *path, vns_err *err)
{
	if (check_blocks(path, err))
		return VNS_EDBCORRUPT;
	return guard(err, [&] {
		std::ostringstream out;

		try {
			if (Xapian::Database::check(path, 0, &out) == 0)
				return VNS_OK;
		} catch (const Xapian::DatabaseOpeningError &) {
			throw;
		} catch (const Xapian::DatabaseError &e) {
			/* the check throws on a block it cannot walk */
			return vns_err_set(err, VNS_EDBCORRUPT, "%s: %s",
					   first_problem(out.str()).c_str(),
					   e.get_msg().c_str());
		}
		return vns_err_set(err, VNS_EDBCORRUPT, "%s",
				   first_problem(out.str()).c_str());
	});
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
	if (check_version_file(path, err))
		return VNS_EDBCORRUPT;
	return guard(err, [&] {
		auto db = std::make_unique<vns_xwdb>();

		db->db = Xapian::WritableDatabase(path, action);
		*out = db.release();
		return VNS_OK;
	});
}

vns_status vns_xwdb_replace(vns_xwdb *db, const char *idterm,
			    const vns_xdoc *doc, vns_docid *did_out,
			    vns_err *err)
{
	return write_guard(db, err, [&] {
		vns_docid did = db->db.replace_document(idterm, doc->doc);

		if (did_out)
			*did_out = did;
		return VNS_OK;
	});
}

vns_status vns_xwdb_delete(vns_xwdb *db, const char *idterm,
			   unsigned long *count_out, vns_err *err)
{
	return write_guard(db, err, [&] {
		unsigned long count = db->db.get_termfreq(idterm);

		db->db.delete_document(idterm);
		if (count_out)
			*count_out = count;
		return VNS_OK;
	});
}

vns_status vns_xwdb_commit(vns_xwdb *db, vns_err *err)
{
	return write_guard(db, err, [&] {
		db->db.commit();
		return VNS_OK;
	});
}

vns_status vns_xwdb_begin(vns_xwdb *db, int flushed, vns_err *err)
{
	return write_guard(db, err, [&] {
		db->db.begin_transaction(flushed != 0);
		db->in_txn = true;
		return VNS_OK;
	});
}

/* Xapian ends the transaction whether or not these two throw. */
vns_status vns_xwdb_commit_transaction(vns_xwdb *db, vns_err *err)
{
	return write_guard(db, err, [&] {
		db->in_txn = false;
		db->db.commit_transaction();
		return VNS_OK;
	});
}

vns_status vns_xwdb_cancel_transaction(vns_xwdb *db, vns_err *err)
{
	return write_guard(db, err, [&] {
		db->in_txn = false;
		db->db.cancel_transaction();
		return VNS_OK;
	});
}

vns_status vns_xwdb_set_metadata(vns_xwdb *db, const char *key,
				 const char *value, vns_err *err)
{
	return write_guard(db, err, [&] {
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
	vns_status st;

	if (!db)
		return;
	st = guard(nullptr, [&] {
		if (!db->in_txn)
			db->db.begin_transaction(false);
		return VNS_OK;
	});
	/* a handle that failed to write and cannot even open a transaction
	 * would commit in its destructor, where Xapian may abort the
	 * process: it is left open instead (its lock lasts until exit) */
	if (st && db->broken)
		return;
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

vns_xquery *vns_xquery_fixed_weight(double w, vns_err *err)
{
	if (!(w >= 0)) {
		vns_err_set(err, VNS_EINVAL, "weight %g is not >= 0", w);
		return nullptr;
	}
	return new_query(err, [&] {
		return Xapian::Query(
			(new Xapian::FixedWeightPostingSource(w))->release());
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

vns_status vns_xenquire_set_boolean(vns_xenquire *e, vns_err *err)
{
	return guard(err, [&] {
		e->enq.set_weighting_scheme(Xapian::BoolWeight());
		return VNS_OK;
	});
}

vns_status vns_xenquire_sort_by_value(vns_xenquire *e, unsigned slot,
				      int reverse, vns_err *err)
{
	return guard(err, [&] {
		e->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
		return VNS_OK;
	});
}

vns_status vns_xenquire_sort_by_relevance(vns_xenquire *e, vns_err *err)
{
	return guard(err, [&] {
		e->enq.set_sort_by_relevance();
		e->enq.set_collapse_key(Xapian::BAD_VALUENO);
		return VNS_OK;
	});
}

vns_status vns_xenquire_sort_by_relevance_then_value(vns_xenquire *e,
						     unsigned slot,
						     vns_err *err)
{
	return guard(err, [&] {
		e->enq.set_sort_by_relevance_then_value(slot, false);
		return VNS_OK;
	});
}

vns_status vns_xenquire_set_collapse(vns_xenquire *e, unsigned slot,
				     unsigned max, vns_err *err)
{
	return guard(err, [&] {
		e->enq.set_collapse_key(slot, max);
		return VNS_OK;
	});
}

vns_status vns_xenquire_add_spy(vns_xenquire *e, vns_xspy *spy, vns_err *err)
{
	return guard(err, [&] {
		if (spy->count)
			e->enq.add_matchspy(spy->count.get());
		else
			e->enq.add_matchspy(spy->call.get());
		return VNS_OK;
	});
}

vns_status vns_xenquire_get_mset(vns_xenquire *e, unsigned offset,
				 unsigned count, unsigned check_at_least,
				 vns_xmset **out, vns_err *err)
{
	*out = nullptr;
	return read_guard(e->db->db, err, [&] {
		auto m = std::make_unique<vns_xmset>();

		m->mset = e->enq.get_mset(offset, count, check_at_least);
		m->db = e->db->db;
		*out = m.release();
		return VNS_OK;
	});
}

vns_status vns_xenquire_eset(vns_xenquire *e, const vns_docid *rel, size_t n,
			     unsigned max, int exact,
			     int (*accept)(void *ctx, const char *term,
					   size_t len),
			     int (*fn)(void *ctx, const char *term, size_t len,
				       double weight),
			     void *ctx, vns_err *err)
{
	return read_guard(e->db->db, err, [&] {
		Xapian::RSet rset;
		callback_decider decider(accept, ctx);

		for (size_t i = 0; i < n; i++)
			rset.add_document(rel[i]);
		Xapian::ESet eset = e->enq.get_eset(
			max, rset,
			exact ? Xapian::Enquire::USE_EXACT_TERMFREQ : 0,
			accept ? &decider : nullptr);
		for (Xapian::ESetIterator t = eset.begin(); t != eset.end();
		     ++t) {
			const std::string term = *t;

			if (fn(ctx, term.data(), term.size(), t.get_weight()))
				break;
		}
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
	return or_default<unsigned long>(
		0, [&] { return m->mset.get_matches_estimated(); });
}

unsigned long vns_xmset_upper_bound(const vns_xmset *m)
{
	return or_default<unsigned long>(
		0, [&] { return m->mset.get_matches_upper_bound(); });
}

unsigned vns_xmset_size(const vns_xmset *m)
{
	return or_default<unsigned>(0, [&] { return m->mset.size(); });
}

int vns_xmset_next(vns_xmset *m, vns_err *err)
{
	vns_status st = guard(err, [&] {
		m->at = m->started ? m->at + m->on_row : 0;
		m->on_row = m->at < m->mset.size();
		if (m->on_row)
			m->it = m->mset[m->at];
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
		m->it = m->mset[index];
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
	return or_default<unsigned>(0, [&] { return m->it.get_rank(); });
}

vns_status vns_xmset_data(vns_xmset *m, const char **data, size_t *len,
			  vns_err *err)
{
	*data = nullptr;
	*len = 0;
	if (!m->on_row)
		return vns_err_set(err, VNS_EINVAL, "no current row in result set");
	return read_guard(m->db, err, [&] {
		m->data = m->db.get_document(*m->it).get_data();
		*data = m->data.data();
		*len = m->data.size();
		return VNS_OK;
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
	return read_guard(m->db, err, [&] {
		return copy_positions(m->db, *m->it, std::string(term, len), out,
				      n, err);
	});
}

void vns_xmset_free(vns_xmset *m)
{
	delete m;
}

/* ---- spies ------------------------------------------------------------ */

vns_status vns_xspy_new(unsigned slot, vns_xspy **out, vns_err *err)
{
	*out = nullptr;
	return guard(err, [&] {
		auto spy = std::make_unique<vns_xspy>();

		spy->count = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
		*out = spy.release();
		return VNS_OK;
	});
}

vns_status vns_xspy_new_callback(void (*fn)(void *ctx, vns_docid did),
				 void *ctx, vns_xspy **out, vns_err *err)
{
	*out = nullptr;
	return guard(err, [&] {
		auto spy = std::make_unique<vns_xspy>();

		spy->call = std::make_unique<callback_spy>(fn, ctx);
		*out = spy.release();
		return VNS_OK;
	});
}

unsigned long vns_xspy_total(const vns_xspy *spy)
{
	return spy->count ? spy->count->get_total() : 0;
}

vns_status vns_xspy_values(const vns_xspy *spy,
			   int (*fn)(void *ctx, const char *value, size_t len,
				     unsigned long count),
			   void *ctx, vns_err *err)
{
	return guard(err, [&] {
		if (!spy->count)
			return VNS_OK;
		for (Xapian::TermIterator t = spy->count->values_begin();
		     t != spy->count->values_end(); ++t) {
			const std::string value = *t;

			if (fn(ctx, value.data(), value.size(),
			       t.get_termfreq()))
				break;
		}
		return VNS_OK;
	});
}

void vns_xspy_free(vns_xspy *spy)
{
	delete spy;
}
