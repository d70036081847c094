# folio — typesetting pipeline of the BG13 report. See README.md.
#
#   make pdf     out/report.pdf from report/report.xml (installs deps as root)
#   make test    unit and end-to-end tests, then "N passed, N failed"
#   make check   validate report/report.xml only
#   make spell   spelling report (out/spelling.txt, .json, report-proof.pdf)
#   make print   the printer's edition and out/preflight.txt
#   make archive the PDF/A-1b candidate out/report-archive.pdf
#   make fuzz    libFuzzer over load + layout + PDF (SECONDS=60)
#   make bench   speed figures: spelling beside hunspell -l; pdf beside XeLaTeX and Typst
#   make asan    the tests again with an ASan+UBSan build
#   make tsan    the tests again with a ThreadSanitizer build
#   make art     redraw the stand-in logos and figures (tools/draw-art.py)
#   make bench-typo  typography figures beside XeLaTeX's (not in CI)
#   make clean   remove out/

CC ?= cc
OUT := out
PKGS := libxml-2.0 harfbuzz harfbuzz-subset libdeflate
CFLAGS ?= -O2 -g
WARN := -std=c11 -Wall -Wextra -Wshadow -Wno-unused-parameter
DEFS := -D_POSIX_C_SOURCE=200809L -DFOLIO_DATADIR='"$(CURDIR)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lhyphen -lhunspell -lm -pthread
# The dynamic linker looks each symbol up in the libraries in the order
# the executable names them, and every library binds libc's: named
# first, those lookups end at the first library tried.
FIRST_LIBS := -Wl,--push-state,--no-as-needed -lc -Wl,--pop-state
# out/folio takes libxml2, libhyphen, libdeflate and hunspell from
# Debian's static libraries (in the -dev packages above), and what they
# need but libz: ICU (libicuuc, its data), liblzma, libstdc++ and
# libgcc. `ldd out/folio` lists 15 objects instead of 24 (20 with
# libxml2, libhyphen, libdeflate and hunspell alone static): libstdc++
# alone bound 4,300 symbols at every start. `out/folio`
# with no arguments (fork to reap, 60 runs): 2.6-3.0 ms -> 1.6-1.9 ms.
# ICU's data makes the file 38 MB, of which a run reads the few pages it
# uses. An update of one of these libraries needs a rebuild, as make
# does. The tests and the sanitizer builds link all of them shared.
FOLIO_LIBS = $(FIRST_LIBS) -Wl,-Bstatic -lxml2 -lhyphen -ldeflate \
	-lhunspell -licuuc -licudata -llzma -lstdc++ -Wl,-Bdynamic \
	-Wl,--as-needed \
	$(shell pkg-config --libs harfbuzz harfbuzz-subset 2>/dev/null) \
	-lz -lhpdf -lm -pthread -static-libgcc

SRC := $(filter-out src/main.c,$(wildcard src/*.c))
HDR := $(wildcard src/*.h)
GEN := schema hyph-data valid-tables
OBJ := $(SRC:src/%.c=$(OUT)/obj/%.o) $(GEN:%=$(OUT)/obj/%.o)
ASAN_OBJ := $(SRC:src/%.c=$(OUT)/asan/%.o) $(GEN:%=$(OUT)/asan/%.o)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer
TSAN_OBJ := $(SRC:src/%.c=$(OUT)/tsan/%.o) $(GEN:%=$(OUT)/tsan/%.o)
UNIT := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all pdf test check asan tsan clean deps deps-test art bench-typo spell bench print archive fuzz
.DELETE_ON_ERROR:

all: $(OUT)/folio

deps:
	@tools/deps.sh build
deps-test:
	@tools/deps.sh test

$(OUT)/.deps: tools/deps.sh | $(OUT)
	@tools/deps.sh build && touch $@

$(OUT):
	@mkdir -p $(OUT)/obj $(OUT)/asan $(OUT)/tests

# the RelaxNG schema is compiled into the program, without its comments
# and the white space between its tags, which libxml2 would parse and
# drop at every start (1.8 M of the 36 M instructions of the compile);
# perl is perl-base, always on Debian
$(OUT)/schema.c: src/docbook-subset.rng | $(OUT)
	@{ echo '/* generated from src/docbook-subset.rng */'; \
	   echo 'const char load_schema_rng[] = {'; \
	   perl -0777 -pe 's/<!--.*?-->//gs; s/>\s+</></g' $< | \
	     od -An -v -tx1 | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '0};'; \
	   echo 'const unsigned long load_schema_rng_len = sizeof load_schema_rng - 1;'; \
	 } > $@

# the hyphenation patterns as libhyphen loads them, compiled in (hyph.h);
# the program still reads a file that has changed since
HYPH_DIR := /usr/share/hyphen
$(OUT)/hyph-compile: tools/hyph-compile.c src/hyph.h $(OUT)/.deps
	$(CC) $(WARN) $(CFLAGS) $(DEFS) $< -lhyphen -o $@
$(OUT)/hyph-data.c: $(OUT)/hyph-compile $(wildcard $(HYPH_DIR)/hyph_*.dic)
	$(OUT)/hyph-compile $(HYPH_DIR) > $@

# the schema as tables (valid.h), so that a valid document is checked
# without libxml2's RelaxNG compile
$(OUT)/rng-tables: tools/rng-tables.c src/valid_tab.h $(OUT)/.deps
	$(CC) $(WARN) $(CFLAGS) $(DEFS) $(PKG_CFLAGS) $< \
	  $(shell pkg-config --libs libxml-2.0 2>/dev/null) -o $@
$(OUT)/valid-tables.c: $(OUT)/rng-tables src/docbook-subset.rng
	$(OUT)/rng-tables src/docbook-subset.rng > $@

# the generated sources (GEN: data, not code to check), one rule a build
GEN_HDR := src/hyph.h src/valid_tab.h
$(GEN:%=$(OUT)/obj/%.o): $(OUT)/obj/%.o: $(OUT)/%.c $(GEN_HDR)
	$(CC) $(CFLAGS) -c $< -o $@
$(GEN:%=$(OUT)/asan/%.o): $(OUT)/asan/%.o: $(OUT)/%.c $(GEN_HDR)
	$(CC) -O1 -c $< -o $@
$(GEN:%=$(OUT)/tsan/%.o): $(OUT)/tsan/%.o: $(OUT)/%.c $(GEN_HDR)
	@mkdir -p $(OUT)/tsan
	$(CC) -O1 -c $< -o $@

$(OUT)/obj/%.o: src/%.c $(HDR) $(OUT)/.deps
	$(CC) $(WARN) $(CFLAGS) $(DEFS) $(PKG_CFLAGS) -c $< -o $@
$(OUT)/asan/%.o: src/%.c $(HDR) $(OUT)/.deps
	$(CC) $(WARN) -O1 -g $(SAN) $(DEFS) $(PKG_CFLAGS) -c $< -o $@
$(OUT)/tsan/%.o: src/%.c $(HDR) $(OUT)/.deps
	@mkdir -p $(OUT)/tsan
	$(CC) $(WARN) -O1 -g -fsanitize=thread $(DEFS) $(PKG_CFLAGS) -c $< -o $@

$(OUT)/folio: $(OBJ) $(OUT)/obj/main.o
	$(CC) $(CFLAGS) $^ $(FOLIO_LIBS) -o $@
$(OUT)/asan/folio: $(ASAN_OBJ) $(OUT)/asan/main.o
	$(CC) $(SAN) $^ $(PKG_LIBS) -o $@
$(OUT)/tsan/folio: $(TSAN_OBJ) $(OUT)/tsan/main.o
	$(CC) -fsanitize=thread $^ $(PKG_LIBS) -o $@

# unit tests link the modules (not main)
$(OUT)/tests/%: tests/unit/%.c tests/unit/test.h $(OBJ)
	$(CC) $(WARN) $(CFLAGS) $(DEFS) $(PKG_CFLAGS) -Isrc $< $(OBJ) $(PKG_LIBS) -o $@
$(OUT)/asan/tests/%: tests/unit/%.c tests/unit/test.h $(ASAN_OBJ)
	@mkdir -p $(OUT)/asan/tests
	$(CC) $(WARN) -O1 -g $(SAN) $(DEFS) $(PKG_CFLAGS) -Isrc $< $(ASAN_OBJ) $(PKG_LIBS) -o $@
$(OUT)/tsan/tests/%: tests/unit/%.c tests/unit/test.h $(TSAN_OBJ)
	@mkdir -p $(OUT)/tsan/tests
	$(CC) $(WARN) -O1 -g -fsanitize=thread $(DEFS) $(PKG_CFLAGS) -Isrc $< $(TSAN_OBJ) $(PKG_LIBS) -o $@

pdf: $(OUT)/folio
	$(OUT)/folio pdf report/report.xml -o $(OUT)/report.pdf

check: $(OUT)/folio
	$(OUT)/folio check report/report.xml

# the spelling report of report/report.xml: out/spelling.txt (also on
# stdout), out/spelling.json and the proof; exit 1 while there are findings
spell: $(OUT)/folio
	$(OUT)/folio spell report/report.xml --report $(OUT)/spelling.txt \
	  --json $(OUT)/spelling.json --proof $(OUT)/report-proof.pdf

# the printer's edition: bleed, crop marks, CMYK, pages padded to a
# multiple of 4, and the preflight report; exit 1 when a requirement fails
print: $(OUT)/folio
	$(OUT)/folio preflight report/report.xml -o $(OUT)/report-print.pdf \
	  --report $(OUT)/preflight.txt

# the archive edition: a PDF/A-1b candidate (see README.md)
archive: $(OUT)/folio
	$(OUT)/folio pdf --style bg13-archive report/report.xml \
	  -o $(OUT)/report-archive.pdf

# speed: folio spell on a 400,000-word document beside hunspell -l, then
# folio pdf on generated 50/250/2,000-page reports beside one XeLaTeX pass
# and Typst (tools/bench.sh: installs texlive, pandoc and typst.ts, the
# latter into out/bench, as root; never in CI). BENCH_ARGS=--no-peers etc.
bench: $(OUT)/folio
	@tools/deps.sh bench
	-@tools/bench-spell.sh $(OUT)/folio $(OUT)/bench
	@tools/bench.sh $(BENCH_ARGS) $(OUT)/folio

test: deps-test $(OUT)/folio $(UNIT:%=$(OUT)/tests/%)
	@FOLIO=$(OUT)/folio UNIT_DIR=$(OUT)/tests tests/run.sh

asan: deps-test $(OUT)/asan/folio $(UNIT:%=$(OUT)/asan/tests/%)
	@ASAN_OPTIONS=detect_leaks=1 FOLIO_ASAN=1 FOLIO=$(OUT)/asan/folio \
	  UNIT_DIR=$(OUT)/asan/tests tests/run.sh

# the threads (schema check, style, hyphenation ahead, compression) under
# ThreadSanitizer: the unit tests and the end-to-end tests again
tsan: deps-test $(OUT)/tsan/folio $(UNIT:%=$(OUT)/tsan/tests/%)
	@TSAN_OPTIONS=halt_on_error=1:exitcode=66 FOLIO_ASAN=1 \
	  FOLIO=$(OUT)/tsan/folio UNIT_DIR=$(OUT)/tsan/tests tests/run.sh

art:
	python3 tools/draw-art.py

# libFuzzer over load, layout and the PDF writer (tests/fuzz/): a finding
# fails the run and lands in out/fuzz/crashes/; keep it, fixed, in
# tests/fuzz/regress/ (replayed by tests/e2e/fuzz-regress.sh)
SECONDS ?= 60
$(OUT)/fuzz/fuzz_folio: $(SRC) $(HDR) tests/fuzz/fuzz_folio.c $(OUT)/schema.c \
                        $(OUT)/hyph-data.c $(OUT)/valid-tables.c $(OUT)/.deps
	@tools/deps.sh fuzz
	@mkdir -p $(OUT)/fuzz
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined $(DEFS) \
	  $(PKG_CFLAGS) -Isrc $(SRC) tests/fuzz/fuzz_folio.c $(OUT)/schema.c \
	  $(OUT)/hyph-data.c $(OUT)/valid-tables.c $(PKG_LIBS) -o $@
fuzz: $(OUT)/fuzz/fuzz_folio
	tests/fuzz/run.sh $< $(SECONDS) $(OUT)/fuzz

# typography against XeLaTeX on the same text (tools/bench-typo.sh);
# installs texlive as root, never run in CI
bench-typo: pdf
	@tools/bench-typo.sh $(BENCH_TYPO_ARGS)

clean:
	rm -rf $(OUT)
