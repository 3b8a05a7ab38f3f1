#!/usr/bin/env bash
# make bench: throughput figures on ../shared/corpus (skips when absent).
set -euo pipefail
build="${1:-build}"
shared="${2:-../shared}"
if [ ! -d "$shared/corpus" ]; then
  echo "bench: SKIPPED: $shared/corpus not found (the benchmarks need the shared corpora)"
  exit 0
fi
echo "== text pipeline; MB/s and documents/s, median of 5 runs, 1 thread and all cores"
for lang in it en fr es; do
  [ -d "$shared/corpus/$lang" ] || continue
  echo "-- corpus/$lang"
  "$build/text_bench" "$shared/corpus/$lang" --runs 5 --lang "$lang"
  "$build/text_bench" "$shared/corpus/$lang" --runs 5
done
echo "-- corpus (all languages)"
"$build/text_bench" "$shared/corpus" --runs 5
"$build/text_bench" "$shared/corpus" --runs 5 --actors
echo "== whole pipeline with events: sentences/s per core (target: 25,000), median of 5"
for lang in it en; do
  [ -d "$shared/corpus/$lang" ] || continue
  echo "-- corpus/$lang"
  "$build/text_bench" "$shared/corpus/$lang" --runs 5 --lang "$lang" --events
done
echo "== actors: dictionary load time and tagging throughput (one core, median of 5)"
for lang in it en; do
  [ -d "$shared/corpus/$lang" ] || continue
  "$build/actors_bench" "$lang" "$shared/corpus/$lang" --runs 5
done
