"""The seed article through storage: ingested twice into a fresh SQLite file
(row counts must not change), then the questions of issue 6's done-when.

Usage: python3 scripts/eval_store.py CRONISTA SEED
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

cronista, seed = sys.argv[1:3]
failed = 0


def check(name, ok, detail=""):
    global failed
    failed += not ok
    print(("ok     " if ok else "FAILED ") + name + ("" if ok else "  " + str(detail)[:800]))


def counts(db):
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'documents_fts%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    out = {t: con.execute("SELECT COUNT(*) FROM " + t).fetchone()[0] for t in tables}
    con.close()
    return out


def query(db, *args):
    p = subprocess.run([cronista, "query", "--db", db, "--format", "json"] + list(args),
                       capture_output=True, text=True)
    return json.loads(p.stdout or "[]") if p.returncode == 0 else p.stderr


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "seed.db")
    subprocess.run([cronista, "ingest", "-q", "--db", db, seed], check=True)
    first = counts(db)
    subprocess.run([cronista, "ingest", "-q", "--db", db, seed], check=True)
    second = counts(db)
    print("rows: " + ", ".join("%s %d" % kv for kv in sorted(first.items())))
    check("ingesting the seed twice leaves the same row counts", first == second, (first, second))
    check("its events, quotes and commitment are stored",
          first.get("events", 0) > 0 and first.get("quotes", 0) > 0
          and first.get("commitments", 0) == 1, first)
    series = query(db, "--dyad", "RUS,PRK", "--by", "month")
    print("query --dyad RUS,PRK --by month: %s" % series)
    june = [r for r in series if isinstance(r, dict) and r.get("period") == "2024-06"]
    check("the RUS-PRK monthly series shows June 2024", bool(june), series)
    events = query(db, "--dyad", "RUS,PRK", "--from", "2024-06-01", "--to", "2024-06-30")
    codes = sorted({e["code"] for e in events}) if isinstance(events, list) else events
    print("RUS -> PRK events in June 2024: %s" % codes)
    check("June 2024 has the agreement (057) and the visit (042)",
          isinstance(codes, list) and "057" in codes and "042" in codes, codes)
    who = query(db, "--committed-to-defend", "PRK", "--on", "2024-07-01")
    print("query --committed-to-defend PRK --on 2024-07-01: %s" % who)
    check("RUS is committed to defend PRK on 2024-07-01",
          isinstance(who, list) and [r["committed"] for r in who] == ["RUS"], who)
    out = subprocess.run([cronista, "export", "--db", db, "--format", "gdelt"],
                         capture_output=True, text=True).stdout.splitlines()
    check("the GDELT export has %d lines of exactly 61 fields" % len(out),
          bool(out) and all(len(line.split("\t")) == 61 for line in out))
sys.exit(1 if failed else 0)
