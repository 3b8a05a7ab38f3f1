#!/usr/bin/env bash
# make eval: figures on the shared evaluation material; skips, saying so, when
# ../shared is absent. Fails only when an acceptance check fails.
set -euo pipefail
build="${1:-build}"
shared="${2:-../shared}"
cronista="$build/cronista"
if [ ! -d "$shared" ]; then
  echo "eval: SKIPPED: $shared not found (evaluation needs the shared material)"
  exit 0
fi
status=0

seed=$(ls "$shared"/seeds/*.txt 2>/dev/null | head -1 || true)
if [ -n "$seed" ]; then
  echo "== seed article: $seed"
  "$cronista" code -q "$seed" | python3 "$(dirname "$0")/eval_seed.py" "$seed" || status=1
  echo "== seed article stored (issue 6 done-when): ingested twice, then queried"
  python3 "$(dirname "$0")/eval_store.py" "$cronista" "$seed" || status=1
fi

if [ -d "$shared/corpus" ]; then
  echo "== language identification on the shared corpora (folder language = truth)"
  for lang in it fr es en; do
    d="$shared/corpus/$lang"
    [ -d "$d" ] || continue
    "$cronista" code -q "$d" | python3 -c '
import json, sys
want = sys.argv[1]
n = ok = 0
wrong = {}
for line in sys.stdin:
    d = json.loads(line)
    if "error" in d: continue
    n += 1
    if d["lang"] == want: ok += 1
    else: wrong[d["lang"]] = wrong.get(d["lang"], 0) + 1
print("langid %s: %d/%d documents = %.4f accuracy; other guesses: %s" % (want, ok, n, ok / max(n, 1), wrong or "none"))
' "$lang"
  done
fi

# Entity recognition: figures only, never a failure (scores are information).
kind="$shared/eval/ner-it/KIND_WN_dev.tsv"
conll="$shared/eval/ner-en/conll2003_eng.testa"
ner_args=()
[ -f "$kind" ] && ner_args+=(--kind "$kind")
[ -f "$conll" ] && ner_args+=(--conll "$conll")
if [ ${#ner_args[@]} -gt 0 ]; then
  echo "== entity recognition (exact spans, PER/ORG/LOC; errors in $build/ner_errors.tsv)"
  "$cronista" eval ner "${ner_args[@]}" --errors "$build/ner_errors.tsv" ||
    echo "eval ner: exited with status $? (not counted as a failure)"
fi
# Event coding on PLOVER's gold records: figures only (scores are information).
gsr="$shared/eval/events-en/PLOVER_GSR_CAMEO.json"
if [ -f "$gsr" ]; then
  echo "== events: (source, target, root) on PLOVER gold records (errors in $build/event_errors.tsv)"
  "$cronista" eval events --gold "$gsr" --errors "$build/event_errors.tsv" ||
    echo "eval events: exited with status $? (not counted as a failure)"
  if [ -d "$shared/dictionaries/petrarch" ]; then
    for only in --dict-only ""; do
      "$cronista" eval events --gold "$gsr" --dict "petrarch:$shared/dictionaries/petrarch" $only ||
        echo "eval events (PETRARCH): exited with status $? (not counted as a failure)"
    done
  fi
fi
# Quotations on PolNeAR's training articles: figures only (scores are information).
polnear="$shared/eval/quotes-en/polnear-train"
if [ -d "$polnear" ]; then
  echo "== quotes: PolNeAR train, attributions quoted in marks (errors in $build/quote_errors.tsv)"
  "$cronista" eval quotes --gold "$polnear" --errors "$build/quote_errors.tsv" ||
    echo "eval quotes: exited with status $? (not counted as a failure)"
fi
# Temporal expressions on TimeBank: figures only (scores are information).
timebank="$shared/eval/time-en/TimeBank"
if [ -d "$timebank" ]; then
  echo "== time: TimeBank TIMEX3 (errors in $build/time_errors.tsv)"
  "$cronista" eval time --gold "$timebank" --errors "$build/time_errors.tsv" ||
    echo "eval time: exited with status $? (not counted as a failure)"
fi
if [ -f "$shared/reference/cameo-codes.csv" ]; then
  echo "== CAMEO codebook against the reference"
  python3 "$(dirname "$0")/check_codebook.py" "$(dirname "$0")/../data" "$shared/reference/cameo-codes.csv" || status=1
fi

echo "== dictionaries: sizes and load times (ours; PETRARCH's when present)"
dict_args=()
[ -d "$shared/dictionaries/petrarch" ] && dict_args+=(--dict "petrarch:$shared/dictionaries/petrarch")
"$cronista" dicts "${dict_args[@]}" || status=1

exit $status
