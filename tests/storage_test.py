"""End-to-end tests of `cronista ingest`: idempotence, SIGKILL safety, concurrent
writers, bad documents, and the analyst's questions on the stored articles.

Usage: python3 tests/storage_test.py path/to/cronista [PG_URL_FILE]

Runs against a SQLite file always, and against PostgreSQL too when PG_URL_FILE
names a file holding a postgresql:// URL (the server `make test` starts).
The database content is compared through a dump that leaves out row ids,
timestamps and first-report fields, which depend on the order of writing.
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
PG_URL_FILE = sys.argv[2] if len(sys.argv) > 2 else ""
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
results = []


def check(name, cond, detail=""):
    results.append(cond)
    print(("ok     " if cond else "FAILED ") + name + ("" if cond else "  " + str(detail)[:2000]),
          flush=True)


def ingest(db, inputs, extra=(), wait=True):
    args = [BIN, "ingest", "--db", db, "--progress", "none", "-j", "2"] + list(extra) + inputs
    if not wait:
        return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p = subprocess.run(args, cwd=ROOT, capture_output=True)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def query(db, args):
    p = subprocess.run([BIN, "query", "--db", db, "--format", "json"] + args, cwd=ROOT,
                       capture_output=True)
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace")
    return json.loads(p.stdout.decode("utf-8") or "[]"), p.stderr.decode("utf-8", "replace")


# --- database access: sqlite3 for files, psql for PostgreSQL -----------------

def sql_rows(db, sql):
    if db.startswith("postgres"):
        p = subprocess.run(["psql", db, "-X", "-q", "-A", "-t", "-F", "\x1f", "-R", "\x1e",
                            "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True)
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode())
        out = p.stdout.decode("utf-8")
        rows = [tuple(r.split("\x1f")) for r in out.split("\x1e") if r.strip("\n")]
        return [tuple(c.strip("\n") for c in r) for r in rows]
    con = sqlite3.connect(db)
    try:
        return [tuple("" if c is None else str(c) for c in r) for r in con.execute(sql)]
    finally:
        con.close()


TABLES = ["documents", "sentences", "entities", "mentions", "times", "places", "events",
          "event_mentions", "quotes", "commitments", "commitment_parties"]


def counts(db):
    return {t: int(sql_rows(db, "SELECT COUNT(*) FROM " + t)[0][0]) for t in TABLES}


# Everything that must not depend on the order or number of ingest runs.
DUMP = {
    "documents": "SELECT hash, doc_id, url, title, lang, date, day, n_sentences, n_mentions, "
                 "n_events, n_quotes, n_commitments, length(text) FROM documents",
    "sentences": "SELECT d.hash, s.idx, s.start_byte, s.end_byte, s.text FROM sentences s "
                 "JOIN documents d ON d.id = s.doc",
    "mentions": "SELECT d.hash, m.idx, m.text, m.kind, m.actor, m.rule FROM mentions m "
                "JOIN documents d ON d.id = m.doc",
    "entities": "SELECT d.hash, e.idx, e.entity_id, e.actor FROM entities e "
                "JOIN documents d ON d.id = e.doc",
    "places": "SELECT d.hash, p.idx, p.place_id FROM places p JOIN documents d ON d.id = p.doc",
    "times": "SELECT d.hash, t.idx, t.value FROM times t JOIN documents d ON d.id = t.doc",
    "quotes": "SELECT d.hash, q.idx, q.text, q.speaker_actor FROM quotes q "
              "JOIN documents d ON d.id = q.doc",
    "events": "SELECT source, target, code, modality, date, place_id, num_mentions, "
              "num_sources, num_articles, goldstein FROM events",
    "event_mentions": "SELECT d.hash, m.idx, e.source, e.target, e.code, e.date, m.rule "
                      "FROM event_mentions m JOIN documents d ON d.id = m.doc "
                      "JOIN events e ON e.id = m.event",
    "commitments": "SELECT d.hash, c.idx, c.type, c.parties, c.mutual, c.date, e.code "
                   "FROM commitments c JOIN documents d ON d.id = c.doc "
                   "LEFT JOIN events e ON e.id = c.event",
    "commitment_parties": "SELECT d.hash, p.idx, p.party FROM commitment_parties p "
                          "JOIN documents d ON d.id = p.doc",
}


def dump(db):
    out = {}
    for table, sql in DUMP.items():
        rows = sql_rows(db, sql)
        # Floats print alike from both backends once rounded.
        out[table] = sorted(tuple(_norm(c) for c in r) for r in rows)
    return out


def _norm(c):
    try:
        f = float(c)
        if "." in c or "e" in c:
            return "%.6g" % f
    except ValueError:
        pass
    return c


def consistent(db):
    """Every stored document is complete and every event's counts match its reports."""
    problems = []
    for table, col in [("sentences", "n_sentences"), ("mentions", "n_mentions"),
                       ("event_mentions", "n_events"), ("quotes", "n_quotes"),
                       ("commitments", "n_commitments")]:
        bad = sql_rows(db, "SELECT d.id FROM documents d WHERE d.%s <> (SELECT COUNT(*) FROM %s x "
                           "WHERE x.doc = d.id)" % (col, table))
        if bad:
            problems.append("%s: %d documents with missing rows" % (table, len(bad)))
    bad = sql_rows(db, "SELECT e.id FROM events e WHERE e.num_mentions <> (SELECT COUNT(*) FROM "
                       "event_mentions m WHERE m.event = e.id) OR e.num_articles <> (SELECT "
                       "COUNT(DISTINCT m.doc) FROM event_mentions m WHERE m.event = e.id)")
    if bad:
        problems.append("%d events with wrong counts" % len(bad))
    orphans = sql_rows(db, "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM "
                           "event_mentions m WHERE m.event = e.id)")
    if orphans[0][0] != "0":
        problems.append("%s events without a report" % orphans[0][0])
    if not db.startswith("postgres"):
        ic = sql_rows(db, "PRAGMA integrity_check")
        if ic != [("ok",)]:
            problems.append("integrity_check: %s" % ic)
        fts = sql_rows(db, "SELECT COUNT(*) FROM documents_fts")
        docs = sql_rows(db, "SELECT COUNT(*) FROM documents")
        if fts != docs:
            problems.append("fts rows %s != documents %s" % (fts, docs))
    return problems


# --- the corpus ---------------------------------------------------------------

ARTICLES = [os.path.join(ROOT, p) for p in [
    "examples/en/putin-kim-pact.txt", "examples/it/meloni-zelensky-roma.txt",
    "examples/it/iran-israele.txt", "examples/es/cumbre-iberoamericana.txt",
    "examples/fr/sommet-otan.txt", "tests/data/events/it_patto.txt"]]


def body(path):
    """The article's text without its plain-text header lines."""
    text = open(path, encoding="utf-8").read()
    head, _, rest = text.partition("\n\n")
    return rest if head.startswith("date ") else text


def make_corpus(path, n, seed):
    """n JSON Lines articles: the bundled ones under several titles, outlets and
    dates, so that events repeat across articles and get merged."""
    rnd = random.Random(seed)
    texts = [body(p) for p in ARTICLES]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            k = rnd.randrange(len(texts))
            doc = {"id": "a%05d" % i, "title": "Report %d" % i,
                   "source": "outlet%d" % rnd.randrange(5),
                   "url": "https://news%d.example/%d" % (rnd.randrange(5), i),
                   "date": "2024-06-%02d" % rnd.randint(18, 21), "text": texts[k]}
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
            if i == n // 2:
                f.write('{"id": "broken", "text": \n')  # a bad line: reported, skipped


# --- tests ----------------------------------------------------------------------

def test_twice(db, name):
    inputs = ["examples", "tests/data/events/it_patto.txt"]
    rc, err = ingest(db, inputs)
    check(name + ": first ingest succeeds", rc == 0, err)
    first = counts(db)
    before = dump(db)
    n_docs = 1 + sum(len([f for f in files if f.endswith(".txt")])
                     for _, _, files in os.walk(os.path.join(ROOT, "examples")))
    check(name + ": stores documents, events, quotes, a commitment",
          first["documents"] == n_docs and first["events"] > 10 and first["quotes"] > 3
          and first["commitments"] >= 1, first)
    rc, err = ingest(db, inputs)
    check(name + ": second ingest succeeds", rc == 0, err)
    check(name + ": second ingest reports the documents as already stored",
          "%d already stored" % n_docs in err, err)
    check(name + ": row counts unchanged by a second ingest", counts(db) == first,
          (first, counts(db)))
    check(name + ": content unchanged by a second ingest", dump(db) == before)
    check(name + ": consistent", not consistent(db), consistent(db))

    rows, err = query(db, ["--dyad", "RUS,PRK", "--by", "month"])
    june = [r for r in rows or [] if r.get("period") == "2024-06"]
    check(name + ": RUS-PRK monthly series has June 2024 with two or more events",
          june and int(june[0]["events"]) >= 2, (rows, err))
    rows, err = query(db, ["--dyad", "RUS,PRK"])
    codes = {r["code"][:3] for r in rows or []}
    check(name + ": RUS-PRK events include the agreement (057) and the visit (042)",
          {"057", "042"} <= codes, (codes, err))
    rows, err = query(db, ["--committed-to-defend", "PRK", "--on", "2024-07-01"])
    who = {r["committed"] for r in rows or []}
    check(name + ": RUS is committed to defend PRK on 2024-07-01", "RUS" in who, (rows, err))
    rows, err = query(db, ["--committed-to-defend", "PRK", "--on", "2024-05-01"])
    check(name + ": nobody is committed to defend PRK before the pact", rows == [], (rows, err))
    rows, err = query(db, ["--quotes", "--speaker", "PUTIN"])
    rows2, _ = query(db, ["--quotes", "--speaker", "RUS"])
    check(name + ": Putin's quotations are queryable", bool(rows) or bool(rows2), (rows, err))


def test_kill(db, corpus, reference, name, kills):
    """SIGKILL the ingest at random moments; the database must stay consistent
    and a final run must give exactly the reference content."""
    rnd = random.Random(11)
    t0 = time.time()
    rc, err = ingest(db + "-timing" if not db.startswith("postgres") else db, [corpus])
    full = time.time() - t0
    if db.startswith("postgres"):
        reset_pg(db)
    killed = 0
    for k in range(kills):
        p = ingest(db, [corpus], wait=False)
        # Later runs skip what is stored and finish sooner: kill early.
        time.sleep(rnd.uniform(0.05, max(0.1, full * (0.6 if k == 0 else 0.25))))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            killed += 1
        p.wait()
        problems = consistent(db)
        check("%s: consistent after SIGKILL %d" % (name, k + 1), not problems, problems)
    check("%s: the ingest was killed while running" % name, killed >= max(1, kills // 2),
          "killed %d of %d" % (killed, kills))
    rc, err = ingest(db, [corpus])
    check(name + ": the last run finishes (one bad line reported)",
          rc == 1 and "corpus.jsonl:" in err,
          (rc, err[-500:]))
    got = dump(db)
    diff = {t for t in got if got[t] != reference[t]}
    check(name + ": nothing lost, nothing duplicated after kills", not diff,
          {t: (len(got[t]), len(reference[t])) for t in diff})


def reset_pg(url):
    sql_rows(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_twice(os.path.join(tmp, "twice.db"), "sqlite")

        corpus = os.path.join(tmp, "corpus.jsonl")
        make_corpus(corpus, 1500, seed=5)
        ref_db = os.path.join(tmp, "reference.db")
        rc, err = ingest(ref_db, [corpus])
        check("sqlite: a bad line is reported with its document and the batch goes on",
              rc == 1 and "corpus.jsonl:" in err and "1 failed" in err, err[-500:])
        reference = dump(ref_db)
        check("sqlite: repeated reports are merged (num_articles > 1)",
              any(int(r[8]) > 1 for r in reference["events"]))
        test_kill(os.path.join(tmp, "killed.db"), corpus, reference, "sqlite", kills=6)

        # Two SQLite writers at once: the write lock queues them.
        both = os.path.join(tmp, "both.db")
        procs = [ingest(both, [corpus], wait=False) for _ in range(2)]
        for p in procs:
            p.communicate()
        check("sqlite: two concurrent ingests store everything once", dump(both) == reference)

        if PG_URL_FILE and os.path.exists(PG_URL_FILE):
            url = open(PG_URL_FILE).read().strip()
            reset_pg(url)
            test_twice(url, "postgresql")
            reset_pg(url)
            rc, err = ingest(url, [corpus])
            check("postgresql: the corpus ingest reports the bad line", rc == 1, err[-500:])
            check("postgresql: same content as SQLite", dump(url) == reference,
                  {t: len(v) for t, v in dump(url).items()})
            reset_pg(url)
            procs = [ingest(url, [corpus], wait=False) for _ in range(2)]
            errs = [p.communicate()[1].decode() for p in procs]
            check("postgresql: two concurrent ingests store everything once",
                  dump(url) == reference, errs)
            check("postgresql: consistent after concurrent ingests", not consistent(url),
                  consistent(url))
            reset_pg(url)
            test_kill(url, corpus, reference, "postgresql", kills=3)
        else:
            print("skip   postgresql: no server (pass the URL file the test fixture writes)")

    failed = results.count(False)
    print("%d checks, %d failed" % (len(results), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
