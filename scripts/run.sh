#!/usr/bin/env bash
# make run: code the bundled example articles into ./cronista.db and serve the
# dashboard. Re-running is safe: articles already stored are skipped.
# Environment: CRONISTA_DB (default ./cronista.db), CRONISTA_LISTEN (default
# 127.0.0.1:8080).
set -euo pipefail
build="${1:-build}"
db="${CRONISTA_DB:-cronista.db}"
listen="${CRONISTA_LISTEN:-127.0.0.1:8080}"
"$build/cronista" ingest examples --db "$db"
"$build/cronista" query --db "$db" --top-dyads 10 --country-level --format table
exec "$build/cronista" serve --db "$db" --listen "$listen"
