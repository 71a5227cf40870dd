# briefbot: the commands developers and CI use. `make help` lists them.

GO       ?= go
SHARED   ?= ../shared
FUZZTIME ?= 10s
# Minimizing each new input takes up to a minute by default, in which a short run makes
# no progress (FuzzQuotes made 26 executions in 2 minutes; with 5 s, 35,781).
FUZZMIN  ?= 5s
BIN      ?= bin/briefbot

.PHONY: help test lint build run chat fuzz crash bench bench-ack bench-cli bench-stories bench-ingest eval eval-duc eval-mn eval-quotes eval-stories eval-extract fit clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

test: lint ## gofmt check, go vet, staticcheck and the race-enabled tests (what CI runs)
	$(GO) test -race -count=1 ./...

STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint: ## gofmt check, go vet and staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

build: ## build the briefbot binary into bin/
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/briefbot

run: ## print the briefing of the embedded seeds
	$(GO) run ./cmd/briefbot brief

chat: ## run the bot in the terminal (type /brief, /who-said TERM, /help)
	$(GO) run ./cmd/briefbot chat

fuzz: ## a short run of every fuzz target (FUZZTIME each)
	./.ci/fuzz-one ./summarize FuzzSegment $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./summarize FuzzSummarize $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./summarize FuzzManifest $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./summarize/quotes FuzzQuotes $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./summarize/stories FuzzGroup $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot FuzzParseWhoSaid $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot FuzzParseTopic $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/slack FuzzHTTPHandler $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/slack FuzzRender $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/discord FuzzRender $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/discord FuzzMention $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/discord FuzzAPITransport $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/discord FuzzRedactor $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./cmd/briefbot FuzzParseConfig $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/schedule FuzzParse $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/feeds FuzzCanonical $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/feeds FuzzExtract $(FUZZTIME) $(FUZZMIN)
	./.ci/fuzz-one ./bot/feeds FuzzFeed $(FUZZTIME) $(FUZZMIN)

SEED ?= 1

crash: ## the scheduler's crash test alone, with its counts (SEED=N; make test runs it too)
	BRIEFBOT_CRASH_SEED=$(SEED) $(GO) test -race -count=1 -run '^TestCrashExactlyOnce$$' -v ./cmd/briefbot

bench: ## benchmarks: briefings of the seeds, a 10-article topic, 1k and 10k articles
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./summarize ./summarize/quotes | tee bench.out

bench-ack: ## ack latency of 200 Slack, then Discord, commands sent 50 at a time over loopback (p50/p99)
	$(GO) test -run '^$$' -bench BenchmarkAck -benchtime 20x -count 5 ./bot/slack
	$(GO) test -run '^$$' -bench BenchmarkAck -benchtime 20x -count 5 ./bot/discord

bench-cli: build ## time `briefbot summarize` on 1k article files against the peers in $(SHARED)/tools/peers
	@command -v hyperfine >/dev/null || { echo "bench-cli needs hyperfine: apt-get install hyperfine"; exit 1; }
	$(GO) run ./internal/synth/gencorpus -n 1000 -out /tmp/briefbot-synth-1k
	cd $(SHARED)/tools/peers/floor && $(GO) build -o /tmp/briefbot-floor .
	cd $(SHARED)/tools/peers/go-textrank && GOFLAGS=-mod=mod $(GO) build -o /tmp/briefbot-textrank .
	hyperfine --warmup 2 --runs 10 \
	  '/tmp/briefbot-floor /tmp/briefbot-synth-1k' \
	  '$(BIN) summarize --words 100 /tmp/briefbot-synth-1k' \
	  '/tmp/briefbot-textrank /tmp/briefbot-synth-1k 100'

eval: eval-duc eval-mn eval-quotes eval-stories eval-extract ## every quality evaluation (needs $(SHARED))

eval-duc: build ## ROUGE on the DUC 2004 dev topics, the default and the LexRank baseline
	$(SHARED)/tools/duc-eval --data $(SHARED)/data/duc2004-dev --name briefbot \
	  --cmd '$(abspath $(BIN)) summarize --words 100 {dir}'
	$(SHARED)/tools/duc-eval --data $(SHARED)/data/duc2004-dev --name briefbot-lexrank \
	  --cmd '$(abspath $(BIN)) summarize --algorithm lexrank --words 100 {dir}'

eval-extract: build ## article text from 181 saved news pages, scored against the true text beside published extractors (needs $(SHARED))
	$(SHARED)/tools/extract-eval --data $(SHARED)/data/article-extraction --name briefbot \
	  --cmd '$(abspath $(BIN)) read --format json {file}'

eval-mn: ## ROUGE on the Multi-News sample, both algorithms (needs $(SHARED))
	$(GO) test -tags fit -run TestEvalMultiNews -count=1 -v ./summarize -shared $(abspath $(SHARED))

eval-stories: ## the grouping into stories: B-cubed and ARI on Multi-News and DUC 2004 mixes (needs $(SHARED))
	$(GO) run ./summarize/stories/internal/storyeval \
	  -multinews $(SHARED)/data/multi-news-validation -duc $(SHARED)/data/duc2004-dev

bench-stories: ## the grouping of 1k and 5k generated articles, and a 5k-article briefing of the top stories
	$(GO) test -run '^$$' -bench 'BenchmarkGroup' -benchmem -count 3 ./summarize/stories
	$(GO) test -run '^$$' -bench 'BenchmarkBriefStories' -benchmem -count 3 ./bot

bench-ingest: ## ingest 5,000 articles from 50 feeds on loopback into SQLite, read them back and group them
	$(GO) test -run '^$$' -bench 'BenchmarkIngest5000' -benchtime 1x -count 3 ./bot/feeds
	$(GO) test -run '^$$' -bench 'BenchmarkStore5000|BenchmarkBriefFromStore5000' -benchtime 1x -count 3 ./bot/store

SPLITS  ?= train dev
POLNEAR  = $(SHARED)/data/polnear
EVALOUT ?= /tmp/briefbot-eval

eval-quotes: build ## quotations scored on PolNeAR train and dev side by side, and on the seed gold (needs $(SHARED))
	@mkdir -p $(EVALOUT)
	@# The derived gold counts only quotations in double-quote characters: articles that
	@# quote with two apostrophes ('') hold quotations it does not annotate (docs/quality.md),
	@# so each split is also scored on the gold of the other articles (-dq).
	@for s in $(SPLITS); do \
	  $(BIN) quotes $(POLNEAR)/data/$$s/text > $(EVALOUT)/quotes-$$s.jsonl && \
	  $(SHARED)/tools/quote-eval polnear --gold $(POLNEAR)/derived/quotes.$$s.jsonl \
	    --pred $(EVALOUT)/quotes-$$s.jsonl --errors $(EVALOUT)/errors-$$s.jsonl > $(EVALOUT)/report-$$s.txt && \
	  $(SHARED)/tools/quote-eval polnear --gold $(POLNEAR)/derived/quotes.$$s.jsonl \
	    --pred $(EVALOUT)/quotes-$$s.jsonl --json > $(EVALOUT)/report-$$s.json && \
	  python3 -c 'import json, sys; sys.stdout.writelines(l for l in open(sys.argv[1]) if json.loads(l)["text"].count(chr(39) * 2) < 2)' \
	    $(POLNEAR)/derived/quotes.$$s.jsonl > $(EVALOUT)/gold-$$s-dq.jsonl && \
	  $(SHARED)/tools/quote-eval polnear --gold $(EVALOUT)/gold-$$s-dq.jsonl --ann-dir $(POLNEAR)/data/$$s/attributions \
	    --pred $(EVALOUT)/quotes-$$s.jsonl --json > $(EVALOUT)/report-$$s-dq.json || exit 1; \
	done
	$(GO) run ./summarize/quotes/internal/evaltable $(foreach s,$(SPLITS),$(s)=$(EVALOUT)/report-$(s).json,$(EVALOUT)/report-$(s)-dq.json)
	@echo "full reports: $(EVALOUT)/report-SPLIT.txt; errors: $(EVALOUT)/errors-SPLIT.jsonl"
	$(BIN) quotes > $(EVALOUT)/quotes-seeds.jsonl
	$(SHARED)/tools/quote-eval seeds --gold summarize/quotes/testdata/seeds-gold.tsv --pred $(EVALOUT)/quotes-seeds.jsonl --docs seeds

fit: ## refit the concept model of the summarizer on Multi-News (needs $(SHARED))
	$(GO) test -tags fit -run TestFitConceptModel -count=1 -v ./summarize -shared $(abspath $(SHARED))

clean: ## remove build output
	rm -rf bin bench.out
