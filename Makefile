# vnsearch - one non-recursive makefile. `make help` lists the targets.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
LIBDIR   = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
DATADIR  = $(PREFIX)/share/vnsearch
MANDIR   = $(PREFIX)/share/man

CC      ?= cc
CXX     ?= c++
BUILD   ?= build
CFLAGS  ?= -O2 -g
CXXFLAGS ?= -O2 -g
LDFLAGS ?=
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

PKGS      = xapian-core icu-uc icu-i18n jansson zlib libxml-2.0 libzip
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# The query programs start once per search (the CGI: one process a
# request), so what the dynamic loader would load is linked into them
# statically: its relocations and symbol lookups are then the link's.
# ICU and jansson always (libicudata goes static with libicuuc, or its
# 31 MB are copied, a copy relocation, at every start). They link
# Debian's shared libxapian, whatever else the build folder holds. Only
# when asked, `make XAPIAN_STATIC=build/xapian/libxapian.a` (built by
# `make static-xapian` from Debian's source of the installed version,
# which Debian ships as a shared library only) links libxapian with
# libstdc++, zlib and libuuid statically: about 3 ms of a 12 ms search.
# Their relative relocations are packed (DT_RELR: a few KB for the loader
# to read instead of 24 bytes each). The archive is a prerequisite of the
# programs (so a new one relinks them), linked after their objects.
XAPIAN_STATIC ?=
XAPIAN_STATIC_DIR = $(BUILD)/xapian
ifneq ($(wildcard $(XAPIAN_STATIC)),)
# an archive of another version than the headers would link wrongly
XAPIAN_DEB_VERSION := $(shell dpkg-query -W -f='$${Version}' libxapian-dev 2>/dev/null)
XAPIAN_STATIC_VERSION := $(shell cat $(dir $(XAPIAN_STATIC))version 2>/dev/null)
ifneq ($(XAPIAN_STATIC_VERSION),$(XAPIAN_DEB_VERSION))
$(error $(XAPIAN_STATIC) is libxapian '$(XAPIAN_STATIC_VERSION)', the installed libxapian-dev is '$(XAPIAN_DEB_VERSION)': run make static-xapian)
endif
endif
ifneq ($(XAPIAN_STATIC),)
QUERY_LIBS := -static-libstdc++ -static-libgcc \
	-Wl,-Bstatic -licuuc -licudata -ljansson -luuid -lz -Wl,-Bdynamic
else
QUERY_LIBS := $(shell pkg-config --libs xapian-core 2>/dev/null) \
	-Wl,-Bstatic -licuuc -licudata -ljansson -Wl,-Bdynamic -lz
endif
QUERY_LIBS += -lpthread -lm -Wl,-z,pack-relative-relocs
# Xapian allocates a node and a string per term, and the writer threads
# free the reading thread's copies of the records: glibc's malloc took
# 10-15% more CPU time than jemalloc to index the corpus
# (doc/performance.md). Linked when installed (scripts/deps.sh installs it),
# but not into sanitizer builds, whose allocator must see every block.
INDEX_MALLOC ?= $(shell pkg-config --libs jemalloc 2>/dev/null)
# OCR of scans (indexer/ocr.c, image.c, ocrcache.c): libtesseract,
# Leptonica, nettle's SHA-256, and GCC's OpenMP runtime (which Tesseract
# uses: ocr.c sets its threads); linked into the indexer and tests only
OCR_PKGS   = tesseract lept nettle
OCR_CFLAGS := $(shell pkg-config --cflags $(OCR_PKGS) 2>/dev/null)
OCR_LIBS   := $(shell pkg-config --libs $(OCR_PKGS) 2>/dev/null) -lgomp
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN     = -Wall -Wextra -Wshadow -Wvla
CWARN    = $(WARN) -Wstrict-prototypes
ALL_CPPFLAGS = -Ilib -I$(BUILD)/gen -DVNS_DATADIR='"$(DATADIR)"' -MMD -MP $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 -D_GNU_SOURCE $(CWARN) $(CFLAGS) $(PKG_CFLAGS) $(OCR_CFLAGS)
ALL_CXXFLAGS = -std=c++17 $(WARN) $(CXXFLAGS) $(PKG_CFLAGS)

LIB_C   := $(sort $(wildcard lib/*.c))
LIB_CXX := lib/xapian-c.cc
LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
LIBVNS  := $(BUILD)/libvnsearch.a
# the shared library: its SONAME changes when the ABI of vnsearch.h does
VNS_VERSION := $(shell sed -n 's/^\#define VNS_VERSION "\(.*\)"/\1/p' lib/vnsearch.h)
SONAME  := libvnsearch.so.0
LIBVNS_SO := $(BUILD)/libvnsearch.so.$(VNS_VERSION)
# what libvnsearch itself links (the .pc file's Requires.private)
LIB_PKGS := xapian-core icu-uc icu-i18n jansson zlib

INDEXER_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard indexer/*.c)))
QUERY_OBJ   := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard query/*.c)))
# the front ends' own modules (everything but their main()s), archived so
# that a program or test links only the modules it uses
INDEXER_A   := $(BUILD)/libindexer.a
QUERY_A     := $(BUILD)/libquery.a
INDEXER_MOD := $(filter-out %/main.o,$(INDEXER_OBJ))
QUERY_MOD   := $(filter-out %/main.o %/cgi_main.o,$(QUERY_OBJ))
PROGRAMS    := $(BUILD)/vnsearch-index $(BUILD)/vnsearch $(BUILD)/vnsearch.cgi \
	$(BUILD)/vnsearch.fcgi

TEST_SRC  := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

GEN := $(BUILD)/gen/stopwords.inc $(BUILD)/gen/syllables.inc \
	$(BUILD)/gen/wordbrk.inc

# the gazetteer is compiled in: scripts/gengaz.c (built from the analyser's
# own objects) turns corpus/*.tsv into C tables
GAZ_SRC := $(addprefix corpus/,provinces-2024.tsv provinces-2025.tsv \
	districts-2024.tsv products.tsv programmes.tsv)
GENGAZ_OBJ := $(addprefix $(BUILD)/,scripts/gengaz.o lib/analyse.o \
	lib/slug.o lib/buf.o lib/grow.o lib/status.o lib/utf8.o lib/vnchar.o)

.SECONDARY:

.PHONY: all deps demo check unit e2e follow sanitize install clean distclean help eval
.PHONY: web serve fuzz bench-cgi shards bench inbox library faults memcheck ocr
.PHONY: check-corpus static-xapian deb

DEMO_DB ?= $(BUILD)/sample-db

all: $(PROGRAMS) $(LIBVNS_SO)

$(BUILD)/gen/stopwords.inc: corpus/stopwords.txt
	@mkdir -p $(@D)
	LC_ALL=C sed -e 's/#.*//' -e 's/[[:space:]]*$$//' -e '/^$$/d' $< | LC_ALL=C sort -u | \
		sed -e 's/.*/"&",/' > $@.tmp && mv $@.tmp $@

$(BUILD)/gengaz: $(GENGAZ_OBJ)
	$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/gen/gazetteer.inc: $(BUILD)/gengaz $(GAZ_SRC)
	@mkdir -p $(@D)
	ASAN_OPTIONS=detect_leaks=0 $(BUILD)/gengaz corpus > $@.tmp && mv $@.tmp $@

$(BUILD)/lib/gazetteer.o: $(BUILD)/gen/gazetteer.inc

# legacy Vietnamese encodings: corpus/legacy-*.tsv (byte, code points) as
# C initialisers of a 256-entry table
LEGACY_INC := $(patsubst corpus/%.tsv,$(BUILD)/gen/%.inc,$(wildcard corpus/legacy-*.tsv))

$(BUILD)/gen/legacy-%.inc: corpus/legacy-%.tsv
	@mkdir -p $(@D)
	sed -e '/^#/d' -e 's/ /, 0x/g' \
		-e 's/^\([0-9A-F][0-9A-F]\)	\(.*\)$$/[0x\1] = { 0x\2 },/' $< > $@.tmp && mv $@.tmp $@

$(BUILD)/lib/legacy.o: $(LEGACY_INC)

# the synonym groups, analysed at build time by scripts/gensyn.c
GENSYN_OBJ := $(addprefix $(BUILD)/,scripts/gensyn.o lib/analyse.o \
	lib/buf.o lib/grow.o lib/status.o lib/utf8.o lib/vnchar.o)

$(BUILD)/gensyn: $(GENSYN_OBJ)
	$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/gen/synonyms.inc: $(BUILD)/gensyn corpus/synonyms.txt
	@mkdir -p $(@D)
	ASAN_OPTIONS=detect_leaks=0 $(BUILD)/gensyn corpus/synonyms.txt > $@.tmp && \
		mv $@.tmp $@

$(BUILD)/lib/synonyms.o: $(BUILD)/gen/synonyms.inc

# ICU's compiled word break rules, which the analyser opens without a
# lookup in ICU's data (scripts/genbrk.c; built from source: every object
# waits for $(GEN))
$(BUILD)/genbrk: scripts/genbrk.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

$(BUILD)/gen/wordbrk.inc: $(BUILD)/genbrk
	@mkdir -p $(@D)
	ASAN_OPTIONS=detect_leaks=0 $(BUILD)/genbrk > $@.tmp && mv $@.tmp $@

# the readings as one string pool and a table of (fold, offset) sorted by
# fold: no pointers, so nothing for the loader to relocate at every start
$(BUILD)/gen/syllables.inc: corpus/syllables.txt
	@mkdir -p $(@D)
	LC_ALL=C sed -e '/^#/d' $< | LC_ALL=C sort | LC_ALL=C awk -F '\t' ' \
		length($$1) > 15 || /["\\]/ { \
			print "syllables.txt: \x27" $$0 "\x27: a fold over 15 bytes," \
				" or a quote or backslash" \
				> "/dev/stderr"; exit 1 } \
		{ fold[NR] = $$1; forms[NR] = $$2 } \
		END { print "static const char forms_pool[] ="; \
			for (i = 1; i <= NR; i++) \
				printf "\t\"%s\\000\"\n", forms[i]; \
			print "\t;\nstatic const reading table[] = {"; \
			for (i = 1; i <= NR; i++) { \
				printf "\t{ \"%s\", %d },\n", fold[i], at; \
				at += length(forms[i]) + 1 } \
			print "};" }' > $@.tmp && mv $@.tmp $@

$(BUILD)/%.o: %.c | $(GEN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CPPFLAGS) $(ALL_CXXFLAGS) -c -o $@ $<

# the library's objects also go into the shared library
$(LIB_OBJ): ALL_CFLAGS += -fPIC
$(LIB_OBJ): ALL_CXXFLAGS += -fPIC

$(LIBVNS): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(INDEXER_A): $(INDEXER_MOD)
	@rm -f $@
	ar rcs $@ $^

$(QUERY_A): $(QUERY_MOD)
	@rm -f $@
	ar rcs $@ $^

# the shared library exports the functions vnsearch.h declares, nothing
# else (the version script is made from the header)
$(BUILD)/vnsearch.map: lib/vnsearch.h
	@mkdir -p $(@D)
	{ echo 'VNSEARCH_0 {'; echo 'global:'; \
	  sed -n 's/^[a-z].*[ *]\(vns_[a-z0-9_]*\)(.*/	\1;/p' $<; \
	  echo 'local: *;'; echo '};'; } > $@.tmp && mv $@.tmp $@

$(LIBVNS_SO): $(LIB_OBJ) $(BUILD)/vnsearch.map
	$(CXX) -shared $(CFLAGS) $(LDFLAGS) -Wl,-soname,$(SONAME) \
		-Wl,--version-script,$(BUILD)/vnsearch.map -Wl,-z,defs \
		-o $@ $(LIB_OBJ) $(shell pkg-config --libs $(LIB_PKGS) 2>/dev/null) -lpthread
	ln -sf $(@F) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libvnsearch.so

$(BUILD)/vnsearch-index $(BUILD)/tests/test_%: PKG_LIBS += $(OCR_LIBS)

$(BUILD)/vnsearch-index: $(BUILD)/indexer/main.o $(INDEXER_A) $(LIBVNS)
	$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(INDEX_MALLOC)

$(BUILD)/vnsearch: $(BUILD)/query/main.o $(QUERY_A) $(LIBVNS) $(XAPIAN_STATIC)
	$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(QUERY_LIBS)

$(BUILD)/vnsearch.cgi: $(BUILD)/query/cgi_main.o $(QUERY_A) $(LIBVNS) $(XAPIAN_STATIC)
	$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(QUERY_LIBS)

# the same page as a FastCGI program (libfcgi): one process, many requests
$(BUILD)/query/cgi_main-fcgi.o: query/cgi_main.c | $(GEN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -DVNS_FASTCGI $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/vnsearch.fcgi: $(BUILD)/query/cgi_main-fcgi.o $(QUERY_A) $(LIBVNS) $(XAPIAN_STATIC)
	$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(QUERY_LIBS) -lfcgi

# the page's style sheet, inlined and allowed by the CSP by its hash
$(BUILD)/gen/page_css.inc: query/page.css scripts/embed_css.py
	@mkdir -p $(@D)
	python3 scripts/embed_css.py query/page.css $@

$(BUILD)/query/page.o: $(BUILD)/gen/page_css.inc

$(BUILD)/tests/%.o: tests/%.c | $(GEN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Iindexer -Iquery $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -c -o $@ $<

# a test links its module with what that module needs: the front ends'
# archives, then the library
$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(QUERY_A) $(INDEXER_A) $(LIBVNS)
	$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(PKG_LIBS)

## deps: install the missing Debian packages that build and test vnsearch (apt-get)
deps:
	@sh scripts/deps.sh

## static-xapian: build libxapian.a from Debian's source of the installed
##        libxapian-dev, for `make XAPIAN_STATIC=build/xapian/libxapian.a`
static-xapian:
	sh scripts/xapian-static.sh $(XAPIAN_STATIC_DIR)

## demo: install what is missing, build, index corpus/sample and search it
demo: deps
	$(MAKE) all
	$(BUILD)/vnsearch-index --db $(DEMO_DB) corpus/sample
	$(BUILD)/vnsearch --db $(DEMO_DB) --limit 3 tra hoa vang

## check: install what is missing, build, run unit and end-to-end tests on
##        the repository's own data (corpus/sample, generated bulletins)
check: deps
	$(MAKE) unit library e2e web shards follow inbox faults memcheck ocr

## check-corpus: the end-to-end and shard tests on the real corpus in
##        ../shared, and the ranking figures (eval); without ../shared, a SKIP line
check-corpus: $(PROGRAMS)
	@if [ ! -d ../shared/corpus ]; then \
		echo "check-corpus: SKIP: needs the real corpus in ../shared, beside the checkout"; \
	else \
		set -e; \
		echo "python3 tests/e2e_corpus.py $(BUILD)"; \
		python3 tests/e2e_corpus.py $(BUILD); \
		echo "python3 tests/shards.py $(BUILD) --corpus"; \
		python3 tests/shards.py $(BUILD) --corpus; \
		if [ -n "$(SANITIZED)" ]; then \
			echo "check-corpus: eval skipped in a sanitizer build (figures, not memory checks)"; \
			exit 0; \
		fi; \
		echo "python3 scripts/eval.py --bin $(BUILD)"; \
		python3 scripts/eval.py --bin $(BUILD); \
		echo "python3 scripts/eval-like.py --bin $(BUILD)"; \
		python3 scripts/eval-like.py --bin $(BUILD); \
	fi

## unit: run the cmocka unit tests only
unit: $(TEST_BINS) $(BUILD)/gengaz
	@set -e; for t in $(TEST_BINS); do echo "== $$t"; \
		VNS_TEST_DATA=tests $$t; done
	@echo "== tests/gengaz-bad.sh"; tests/gengaz-bad.sh $(BUILD)/gengaz corpus

## e2e: index corpus/sample and generated bulletins, check real searches
e2e: $(PROGRAMS)
	python3 tests/e2e.py $(BUILD)

## shards: sharded and remote (xapian-tcpsrv) indexes equal one merged index
shards: $(PROGRAMS)
	python3 tests/shards.py $(BUILD)

## follow: feeds, JSON and OpenSearch on the page, --like over shards and
##         xapian-tcpsrv, --added-since (corpus/sample only)
follow: $(PROGRAMS)
	python3 tests/follow.py $(BUILD)

## bench: indexing and query figures against Omega and SQLite FTS5 (bench/run.sh)
bench: $(PROGRAMS) $(BUILD)/vns-bench
	sh bench/run.sh $(BUILD)

# linked as the search programs are, whose code it times
$(BUILD)/vns-bench: $(BUILD)/bench/inproc.o $(LIBVNS) $(XAPIAN_STATIC)
	$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(QUERY_LIBS)

## faults: signals, a killed run's scratch, a full disk (root), damaged indexes
faults: $(PROGRAMS)
	timeout 600 python3 tests/faults.py $(BUILD)

## memcheck: the programs end to end under valgrind (no errors, no definite leaks)
memcheck: $(PROGRAMS)
	$(if $(SANITIZED),@echo "SKIP memcheck: valgrind cannot run sanitizer builds", \
		sh tests/memcheck.sh $(BUILD))

## inbox: inbox mode: bad input, kill -9 during a batch, searches during commits
inbox: $(PROGRAMS)
	timeout 900 python3 tests/inbox.py $(BUILD)

## ocr: scans made at test time (PDF, PNG, JPEG, bad images) recognised and searched
ocr: $(PROGRAMS)
	python3 tests/ocr.py $(BUILD)

## web: the page behind lighttpd over HTTP, and in headless Chromium
web: $(PROGRAMS)
	python3 tests/web.py $(BUILD)

SERVE_PORT ?= 8080
# the index make builds (and rebuilds) from corpus/sample; SERVE_DB names
# an existing index instead, which serve only reads
SAMPLE_DB  := $(BUILD)/serve/db
SERVE_DB   ?=

$(BUILD)/serve/db.stamp: $(wildcard corpus/sample/*) | $(BUILD)/vnsearch-index
	@mkdir -p $(@D)
	rm -rf $(SAMPLE_DB)
	$(BUILD)/vnsearch-index --quiet --db $(SAMPLE_DB) corpus/sample
	@touch $@

## serve: the search page on http://127.0.0.1:$(SERVE_PORT)/search (lighttpd;
##        FastCGI; SERVE_CGI=1: vnsearch.cgi, a process per request) over
##        corpus/sample, indexed into build/serve/db; `make serve
##        SERVE_DB=/path/to/index` serves that index, read only
serve: deps $(PROGRAMS) $(if $(SERVE_DB),,$(BUILD)/serve/db.stamp)
	@[ -z "$(SERVE_DB)" ] || [ -e "$(SERVE_DB)" ] || \
		{ echo "serve: '$(SERVE_DB)': no such index" >&2; exit 1; }
	@mkdir -p $(BUILD)/serve/www
	@echo "vnsearch: http://127.0.0.1:$(SERVE_PORT)/search  (Ctrl-C stops the server)"
	VNS_WORK=$(abspath $(BUILD)/serve) VNS_PORT=$(SERVE_PORT) \
	VNS_CGI=$(abspath $(BUILD)/vnsearch.cgi) VNS_FCGI=$(abspath $(BUILD)/vnsearch.fcgi) \
	VNSEARCH_DB=$(abspath $(or $(SERVE_DB),$(SAMPLE_DB))) \
		lighttpd -D -f query/lighttpd$(if $(SERVE_CGI),,-fcgi).conf

# libFuzzer harness of the CGI query-string decoder (clang)
FUZZ_SECONDS ?= 60
FUZZ_DIR  := build-fuzz
FUZZ_SRC  := tests/fuzz_cgireq.c query/cgireq.c lib/qparse.c lib/escape.c \
	lib/buf.c lib/grow.c lib/status.c lib/utf8.c
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

$(FUZZ_DIR)/fuzz_cgireq: $(FUZZ_SRC) query/cgireq.h lib/qparse.h lib/escape.h
	@mkdir -p $(@D)
	clang -std=c11 -D_GNU_SOURCE $(CWARN) $(FUZZ_FLAGS) -Ilib -Iquery -o $@ $(FUZZ_SRC)

# libFuzzer harnesses of the readers (html, feed, office, jsonl, text: .txt
# with legacy encodings and PDF), of the analyser and of the query language;
# each starts from tests/fuzz-seeds-readers plus tests/fuzz-seeds-NAME
FUZZ_RD := html feed office jsonl text analyse qparse
FUZZ_RD_SRC := $(addprefix lib/,buf.c date.c grow.c status.c utf8.c analyse.c vnchar.c \
	legacy.c restore.c linktail.c doc.c lines.c qparse.c) \
	$(addprefix indexer/,docfile.c html.c feed.c office.c pdf.c readers.c \
	ocrpool.c scan.c ocr.c image.c ocrcache.c heading.c)

$(FUZZ_DIR)/fuzz_%: PKG_LIBS += $(OCR_LIBS)

$(FUZZ_DIR)/fuzz_%: tests/fuzz_%.c tests/fuzz_readers.h $(FUZZ_RD_SRC) | $(GEN) $(LEGACY_INC)
	@mkdir -p $(@D)
	clang -std=c11 -D_GNU_SOURCE $(CWARN) $(FUZZ_FLAGS) -Ilib -Iindexer -Iquery \
		-I$(BUILD)/gen $(PKG_CFLAGS) -o $@ $< $(FUZZ_RD_SRC) $(PKG_LIBS)

# libFuzzer harness of the stored-data decoder, checked against jansson
FUZZ_DD_SRC := tests/fuzz_docdata.c lib/docdata.c lib/buf.c lib/status.c \
	lib/utf8.c

$(FUZZ_DIR)/fuzz_docdata: $(FUZZ_DD_SRC) lib/docdata.h lib/schema.h
	@mkdir -p $(@D)
	clang -std=c11 -D_GNU_SOURCE $(CWARN) $(FUZZ_FLAGS) -Ilib $(PKG_CFLAGS) \
		-o $@ $(FUZZ_DD_SRC) -ljansson

# libFuzzer harness of a damaged index: the whole library, instrumented,
# searching and writing copies of a small index damaged as each input says
FUZZ_LIB_OBJ := $(LIB_C:%.c=$(FUZZ_DIR)/%.o) $(FUZZ_DIR)/lib/xapian-c.o

$(FUZZ_DIR)/lib/%.o: lib/%.c $(wildcard lib/*.h) | $(GEN) $(LEGACY_INC) \
		$(BUILD)/gen/gazetteer.inc $(BUILD)/gen/synonyms.inc
	@mkdir -p $(@D)
	clang -std=c11 -D_GNU_SOURCE $(CWARN) $(FUZZ_FLAGS) -Ilib -I$(BUILD)/gen \
		$(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/lib/xapian-c.o: lib/xapian-c.cc lib/xapian-c.h lib/status.h lib/vnsearch.h
	@mkdir -p $(@D)
	clang++ -std=c++17 $(WARN) $(FUZZ_FLAGS) -Ilib $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/fuzz_dbdamage: tests/fuzz_dbdamage.c tests/fuzz_dbdamage.supp $(FUZZ_LIB_OBJ)
	clang -std=c11 -D_GNU_SOURCE $(CWARN) $(FUZZ_FLAGS) -Ilib \
		-DVNS_FUZZ_SUPP='"$(abspath tests/fuzz_dbdamage.supp)"' -c \
		-o $(FUZZ_DIR)/fuzz_dbdamage.o $<
	clang++ $(FUZZ_FLAGS) -o $@ $(FUZZ_DIR)/fuzz_dbdamage.o $(FUZZ_LIB_OBJ) \
		$(shell pkg-config --libs $(LIB_PKGS) 2>/dev/null) -lpthread

## fuzz: run every fuzzer for FUZZ_SECONDS each (default 60)
fuzz: $(FUZZ_DIR)/fuzz_cgireq $(FUZZ_DIR)/fuzz_docdata $(FUZZ_RD:%=$(FUZZ_DIR)/fuzz_%) \
		$(FUZZ_DIR)/fuzz_dbdamage
	@mkdir -p $(FUZZ_DIR)/corpus-cgireq
	$(FUZZ_DIR)/fuzz_cgireq -max_total_time=$(FUZZ_SECONDS) -max_len=6000 \
		-timeout=10 -print_final_stats=1 $(FUZZ_DIR)/corpus-cgireq tests/fuzz-seeds-cgireq
	@mkdir -p $(FUZZ_DIR)/corpus-docdata
	$(FUZZ_DIR)/fuzz_docdata -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		-timeout=10 -print_final_stats=1 $(FUZZ_DIR)/corpus-docdata \
		tests/fuzz-seeds-docdata
	@mkdir -p $(FUZZ_DIR)/seeds-office && \
		python3 tests/mkdocs.py docx $(FUZZ_DIR)/seeds-office/a.docx T 2021-01-01 A 'Chè ngon.' && \
		python3 tests/mkdocs.py odt $(FUZZ_DIR)/seeds-office/a.odt T 2021-01-01 A 'Chè ngon.'
	set -e; for f in $(FUZZ_RD); do mkdir -p $(FUZZ_DIR)/corpus-$$f; \
		$(FUZZ_DIR)/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-rss_limit_mb=2048 -timeout=20 -print_final_stats=1 $(FUZZ_DIR)/corpus-$$f \
		tests/fuzz-seeds-readers $(FUZZ_DIR)/seeds-office \
		$$(test -d tests/fuzz-seeds-$$f && echo tests/fuzz-seeds-$$f) \
		> $(FUZZ_DIR)/fuzz_$$f.log 2>&1 || { tail -40 $(FUZZ_DIR)/fuzz_$$f.log; exit 1; }; \
		echo "fuzz_$$f:"; grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' \
		$(FUZZ_DIR)/fuzz_$$f.log; done
	@mkdir -p $(FUZZ_DIR)/corpus-dbdamage
	$(FUZZ_DIR)/fuzz_dbdamage -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		-len_control=0 -fork=1 -ignore_timeouts=1 -timeout=10 \
		-print_final_stats=1 $(FUZZ_DIR)/corpus-dbdamage \
		tests/fuzz-seeds-dbdamage

## bench-cgi: vnsearch.cgi vs Omega's CGI under lighttpd + wrk (see bench/cgi.sh)
bench-cgi: $(PROGRAMS)
	sh bench/cgi.sh $(BUILD)

## sanitize: the unit and end-to-end tests (check, and check-corpus when
##        ../shared is there) built with ASan+UBSan
# (Xapian's consistency check, which a writer runs on an index changed
# behind its back, deletes through a base class pointer of another size:
# libxapian's, so that report is off)
sanitize:
	ASAN_OPTIONS="$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}new_delete_type_mismatch=0" \
	$(MAKE) BUILD=build-san CFLAGS="$(SAN_FLAGS)" CXXFLAGS="$(SAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" INDEX_MALLOC= XAPIAN_STATIC= \
		SANITIZED=1 check check-corpus

## eval: ranking figures on ../shared/eval and ../shared/domain-dev, and
##       how related --like results are on ../shared/domain-dev (also in
##       check-corpus)
eval: $(PROGRAMS)
	python3 scripts/eval.py --bin $(BUILD)
	python3 scripts/eval-like.py --bin $(BUILD)

## install: programs, library (shared and static), header, pkg-config file,
##          data and man pages under $(DESTDIR)$(PREFIX)
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	install -m 644 $(LIBVNS) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(LIBVNS_SO) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(LIBVNS_SO)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libvnsearch.so
	install -m 644 lib/vnsearch.h $(DESTDIR)$(INCLUDEDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VNS_VERSION)|' \
		-e 's|@REQUIRES@|$(LIB_PKGS)|' lib/vnsearch.pc.in \
		> $(DESTDIR)$(LIBDIR)/pkgconfig/vnsearch.pc
	install -m 644 corpus/*.txt $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/sample
	install -m 644 corpus/sample/* $(DESTDIR)$(DATADIR)/sample/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/

## library: the installed library from outside: the header alone with
##          -pedantic, examples/minisearch.c built with pkg-config alone
##          against a staged install, giving the CLI's ids
library: all
	sh tests/library.sh $(BUILD)

## deb: the Debian packages (debian/, debhelper), built from a copy of the
##        tree in $(BUILD)/deb/src; the .deb files land in $(BUILD)/deb, checked by lintian
DEB_DIR = $(BUILD)/deb
deb:
	@sh scripts/deps.sh deb
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/src/vnsearch
	tar -cf - --exclude=./build --exclude=./build-san --exclude=./build-fuzz \
		--exclude=./.git . | tar -xf - -C $(DEB_DIR)/src/vnsearch
	cd $(DEB_DIR)/src/vnsearch && dpkg-buildpackage -us -uc -b
	mv $(DEB_DIR)/src/*.deb $(DEB_DIR)/src/*.changes $(DEB_DIR)/src/*.buildinfo $(DEB_DIR)/
	rm -rf $(DEB_DIR)/src
	lintian $(DEB_DIR)/*.changes | tee $(DEB_DIR)/lintian.txt
	@! grep -q '^E:' $(DEB_DIR)/lintian.txt
	@ls $(DEB_DIR)/*.deb

## clean: remove build outputs, but keep the static libxapian (make static-xapian)
clean:
	rm -rf build-san build-fuzz
	[ ! -d build ] || find build -mindepth 1 -maxdepth 1 ! -name xapian -exec rm -rf {} +

## distclean: remove build outputs and the static libxapian
distclean: clean
	rm -rf build

## help: list the targets
help:
	@sed -n 's/^## //p' Makefile

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
