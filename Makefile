# planportal: build, serve and test the bundled portal.
GO      ?= go
BIN     := bin/planportal
ADDR    ?= 127.0.0.1:8080
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
VNU     := tests/e2e/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: all build serve test vet fmt-check unit e2e-deps bench clean

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

## test: formatting, vet, and every test (with the HTML validator installed first)
test: fmt-check vet e2e-deps
	PLANPORTAL_REQUIRE_VNU=1 PLANPORTAL_VNU=$(CURDIR)/$(VNU) $(GO) test -count=1 ./...

fmt-check:
	@out="$$(gofmt -l generator)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The validator (vnu-jar) and, later, browser test tools come pinned from npm.
e2e-deps: $(VNU)
$(VNU): tests/e2e/package.json tests/e2e/package-lock.json
	cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@test -f $(VNU) && touch $(VNU)

## bench: generated corpora of 1,000 and 5,000 plans: builds, rebuilds, search over HTTP;
## the report is appended to BENCHMARKS.md. Then the Go micro-benchmarks.
BENCH_SIZES ?= 1000,5000
bench: $(BIN)
	./$(BIN) bench --sizes $(BENCH_SIZES) --append BENCHMARKS.md
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./generator/...

## clean: remove build output
clean:
	rm -rf public bin search.bleve .public.* .search.bleve.* tests/e2e/node_modules
