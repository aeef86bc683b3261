# planportal: build, serve and test the bundled portal.
GO      ?= go
BIN     := bin/planportal
ADDR    ?= 127.0.0.1:8080
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
VNU     := tests/e2e/node_modules/vnu-jar/build/dist/vnu.jar
E2E_DEPS := tests/e2e/node_modules/.installed

.PHONY: all build serve test vet cross fmt-check unit fuzz e2e e2e-deps quality bench bench-tools clean

all: build

$(BIN): FORCE
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./generator
FORCE:

## build: compile planportal and build the bundled site into public/
build: $(BIN)
	./$(BIN) build

## serve: build, then serve the portal at http://$(ADDR)/
serve: build
	@echo "planportal: open http://$(ADDR)/ in your browser"
	./$(BIN) serve --addr $(ADDR)

## test: formatting, vet, the cross-compilation, every Go test (with the HTML validator
## installed first), each fuzz target for FUZZTIME, then the browser quality gates (make e2e)
test: fmt-check vet cross unit fuzz
	@$(MAKE) --no-print-directory e2e

## fuzz: run each fuzz target for FUZZTIME: front matter and structure, the recogniser, the
## importer (text and Word files), the query parser, whole searches on a small index. A
## failing input is saved under the package's testdata/fuzz/ and from then on runs with the
## ordinary tests: commit it.
FUZZTIME ?= 30s
# FUZZMINIMIZE bounds the minimising of each new input: a minimisation still running at
# FUZZTIME's end has failed a run with "context deadline exceeded" and no input (CI, 07:09).
FUZZMINIMIZE ?= 5s
FUZZ_TARGETS := content:FuzzParse content:FuzzRecognise content:FuzzFindNote analysis:FuzzExtractTargets importer:FuzzImport importer:FuzzDocxText search:FuzzParseQuery search/bleveindex:FuzzSearch
# Go 1.26's fuzz coordinator can also fail a clean run with a bare "context deadline
# exceeded" when FUZZTIME ends while a worker is mid-call (go.dev/issue/75804, fixed in Go
# 1.27; CI 2026-12-04 03:11, FuzzRecognise, no input written). Such a run, and only such a
# run (no "Failing input written", no panic), is tried once more; any other failure fails.
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; name=$${t##*:}; \
		for try in 1 2; do \
		echo "fuzz: $$pkg $$name for $(FUZZTIME)"; log=$$(mktemp); \
		if $(GO) test ./generator/$$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) >$$log 2>&1; \
		then cat $$log; rm -f $$log; break; fi; cat $$log; \
		if [ $$try = 1 ] && grep -q 'context deadline exceeded' $$log && ! grep -q -e 'Failing input written' -e 'panic:' $$log; \
		then echo "fuzz: $$name: the Go fuzz coordinator's deadline race (go.dev/issue/75804), no failing input; once more"; rm -f $$log; continue; fi; \
		rm -f $$log; exit 1; \
		done; \
	done

unit: e2e-deps
	PLANPORTAL_REQUIRE_VNU=1 PLANPORTAL_VNU=$(CURDIR)/$(VNU) $(GO) test -count=1 ./...

fmt-check:
	@out="$$(gofmt -l generator)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

## cross: build planportal and vet every package, tests included, for the other systems it
## runs on: the disclosure offices' Windows desktops and macOS
CROSS ?= windows/amd64 windows/386 darwin/arm64
cross:
	@set -e; for t in $(CROSS); do \
		echo "cross: $$t"; \
		GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build -o /dev/null ./generator/...; \
		GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) vet ./...; \
	done

# The validator (vnu-jar) and the browser test tools (playwright-core, axe-core, lighthouse)
# come pinned from npm; no install script runs, so nothing downloads a browser of its own.
e2e-deps: $(E2E_DEPS)
$(E2E_DEPS): tests/e2e/package.json tests/e2e/package-lock.json
	cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@test -f $(VNU)
	@touch $@

## e2e: the quality gates in Debian's chromium against planportal serve: journeys, keyboard,
## 375 px, zoom, print, axe-core, Lighthouse (mobile and desktop) and page weight
CHROMIUM ?= /usr/bin/chromium
e2e: $(BIN) e2e-deps
	@test -x $(CHROMIUM) || { echo "e2e: $(CHROMIUM) not found (apt-get install chromium fonts-noto-cjk; .ci/run does)"; exit 1; }
	cd tests/e2e && CHROMIUM=$(CHROMIUM) PLANPORTAL_BIN=$(CURDIR)/$(BIN) node --test-reporter=spec run.mjs

## quality: run the e2e gates and write their Lighthouse scores and page weights into QUALITY.md
quality: $(BIN) e2e-deps
	cd tests/e2e && CHROMIUM=$(CHROMIUM) PLANPORTAL_BIN=$(CURDIR)/$(BIN) QUALITY_MD=$(CURDIR)/QUALITY.md node --test-reporter=spec run.mjs

## bench: generated corpora of 1,000, 2,000 and 5,000 plans: builds, rebuilds, search over
## HTTP, and Hugo + Pagefind on the same corpora; the report is appended to BENCHMARKS.md.
## Then the Go micro-benchmarks. The national-scale run, the full build and search only, with
## 5,000 plans for the projection: make bench BENCH_SIZES=5000,50000 BENCH_ONLY=full,search
## (about 1 GB of Markdown and 20 GB of output: check free disk and memory first).
BENCH_SIZES ?= 1000,2000,5000
BENCH_ONLY  ?= all
bench: $(BIN) bench-tools
	./$(BIN) bench --sizes $(BENCH_SIZES) --only $(BENCH_ONLY) --tools $(TOOLS) --append BENCHMARKS.md
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./generator/...

## bench-tools: the peers make bench compares with, pinned: Hugo built from source through the
## Go module proxy, Pagefind from npm (its binary package). When one cannot be had, bench
## says so in its report and compares without it. TOOLS may be relative to the repository or
## absolute (make bench-tools TOOLS=/work/tools).
TOOLS            := bin/tools
HUGO_VERSION     := v0.164.0
PAGEFIND_VERSION := 1.6.0
bench-tools:
	@test -x $(TOOLS)/hugo || GOBIN=$(abspath $(TOOLS)) GOFLAGS= $(GO) install github.com/gohugoio/hugo@$(HUGO_VERSION) || \
		echo "bench-tools: Hugo $(HUGO_VERSION) could not be built: bench compares without it"
	@test -x $(TOOLS)/node_modules/.bin/pagefind || npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error pagefind@$(PAGEFIND_VERSION) || \
		echo "bench-tools: Pagefind $(PAGEFIND_VERSION) could not be installed: bench compares without it"

## clean: remove build output
clean:
	rm -rf public bin search.bleve .public.* .search.bleve.* tests/e2e/node_modules
