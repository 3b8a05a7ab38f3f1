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
echo "== storage: ingest of corpus/ into SQLite vs coding alone (all cores, median of 3)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 - "$build/cronista" "$shared/corpus" "$tmp" <<'PY'
import os, subprocess, sys, time
cronista, corpus, tmp = sys.argv[1:4]
docs = sum(len(f) for _, _, f in os.walk(corpus))
def run(args):
    t = time.time()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - t
code, ingest = [], []
for i in range(3):
    code.append(run([cronista, "code", "-q", corpus]))
    db = os.path.join(tmp, "bench%d.db" % i)
    ingest.append(run([cronista, "ingest", "-q", "--progress", "none", "--db", db, corpus]))
code.sort(); ingest.sort()
c, g = code[1], ingest[1]
print("code:   %d documents in %.2f s, %.0f documents/s" % (docs, c, docs / c))
print("ingest: %d documents in %.2f s, %.0f documents/s (%.2fx the time of code alone)"
      % (docs, g, docs / g, g / c))
db = os.path.join(tmp, "bench0.db")
print("database: %.1f MB for %d documents" % (os.path.getsize(db) / 1e6, docs))
PY
echo "== storage: query latency over one million generated events (SQLite)"
"$build/store_bench" --events 1000000 --queries 200
echo "== API: 2,000 requests from 32 concurrent clients on loopback (corpus ingested above)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$build/cronista" serve --db "$tmp/bench0.db" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
serve_pid=$!
python3 - "$port" <<'PY2'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/api/health" % sys.argv[1], timeout=1)
        break
    except Exception:
        time.sleep(0.2)
PY2
"$build/api_bench" --url "http://127.0.0.1:$port" --requests 2000 --clients 32 || echo "bench: API load check FAILED"
kill "$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true
