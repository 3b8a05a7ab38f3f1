#!/usr/bin/env bash
# make run: code the bundled example articles and show the result.
# (Storage and the dashboard arrive with the storage and dashboard stages;
# until then this prints the coded documents.)
set -euo pipefail
build="${1:-build}"
out="$build/examples.jsonl"
"$build/cronista" code examples > "$out"
python3 - "$out" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    if "error" in d:
        print("%-40s ERROR %s" % (d["id"], d["error"]["message"]))
        continue
    date = d["date"]["value"] if d["date"] else "-"
    actors = sorted({m["actor"] for m in d.get("mentions", []) if m["actor"]})
    print("%-28s %-2s %.2f  %-10s %3d sentences %3d mentions  %s" % (
        d["id"], d["lang"], d["lang_confidence"], date, len(d["sentences"]),
        len(d.get("mentions", [])), " ".join(actors)[:70]))
PY
echo "run: coded $(wc -l < "$out") example articles into $out (one JSON object per line)"
