"""`cronista export` read back by the tools analysts load GDELT and PLOVER with.

Usage: python3 tests/export_loader_test.py path/to/cronista [DB]

Without DB, ingests examples/ into a temporary SQLite file first
(`cronista ingest examples --db TMP`). Loads the GDELT export with pandas, as
GDELT's own loaders do (tab-separated, no header, the 61 official column
names, every column text, no quoting), and checks its shape; checks the
PLOVER JSON Lines, the CSV (RFC 4180) and the quotation files; and the exit
statuses for a missing database and bad options. Exits 77 (skipped) when
pandas cannot be imported.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77

try:
    import pandas as pd
except ImportError:
    # The Debian package installs pandas for the system python3 only; a
    # python3 earlier on PATH (pyenv, a venv) may not see it.
    system = "/usr/bin/python3"
    if (os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system)
            and not os.environ.get("CRONISTA_EXPORT_TEST_REEXEC")):
        os.environ["CRONISTA_EXPORT_TEST_REEXEC"] = "1"
        os.execv(system, [system] + sys.argv)
    print("SKIP: pandas is not importable (apt-get install python3-pandas)")
    sys.exit(SKIP)

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB_ARG = sys.argv[2] if len(sys.argv) > 2 else ""

# The GDELT 2.0 event table, in the codebook's order.
GDELT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"] +
    [f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")] +
    ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
     "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"] +
    [f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")] +
    ["DATEADDED", "SOURCEURL"])
assert len(GDELT_COLUMNS) == 61

results = []


def check(name, cond, detail=""):
    results.append(bool(cond))
    print(("ok     " if cond else "FAILED ") + name + ("" if cond else "  " + str(detail)[:2000]))


def export(db, *args):
    p = subprocess.run([BIN, "export", "--db", db, "-q"] + list(args), capture_output=True,
                       cwd=ROOT)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def test_gdelt(db):
    rc, text, err = export(db, "--format", "gdelt", "--modality", "all")
    lines = text.split("\n")
    check("gdelt: exit 0, output ends with a newline", rc == 0 and text.endswith("\n"), err)
    lines = lines[:-1]
    check("gdelt: some events", len(lines) > 0, err)
    bad = [l for l in lines if l.count("\t") != 60]
    check("gdelt: every line has exactly 61 tab-separated fields", not bad, bad[:3])
    try:
        df = pd.read_csv(io.StringIO(text), sep="\t", header=None, names=GDELT_COLUMNS,
                         dtype=str, quoting=csv.QUOTE_NONE, keep_default_na=False)
        parsed = True
    except Exception as e:  # any parser error fails the test
        parsed = False
        df = None
        check("gdelt: pandas reads it", False, repr(e))
    if not parsed:
        return
    check("gdelt: pandas reads it", True)
    check("gdelt: shape is (lines, 61)", df.shape == (len(lines), 61), df.shape)
    check("gdelt: GlobalEventID unique integers",
          df["GlobalEventID"].str.fullmatch(r"\d+").all() and df["GlobalEventID"].is_unique)
    check("gdelt: Day is YYYYMMDD or empty",
          df["Day"].str.fullmatch(r"(\d{8})?").all(), df["Day"].tolist())
    dated = df[df["Day"] != ""]
    check("gdelt: MonthYear and Year agree with Day",
          (dated["MonthYear"] == dated["Day"].str[:6]).all() and
          (dated["Year"] == dated["Day"].str[:4]).all())
    check("gdelt: FractionDate is YYYY.FFFF",
          dated["FractionDate"].str.fullmatch(r"\d{4}\.\d{4}").all())
    check("gdelt: EventCode digits, base and root are its prefixes",
          df["EventCode"].str.fullmatch(r"\d{2,4}").all() and
          (df["EventBaseCode"] == df["EventCode"].str[:3]).all() and
          (df["EventRootCode"] == df["EventCode"].str[:2]).all())
    check("gdelt: QuadClass 1-4", df["QuadClass"].isin(["1", "2", "3", "4"]).all())
    check("gdelt: GoldsteinScale numeric in [-10, 10]",
          pd.to_numeric(df["GoldsteinScale"]).between(-10, 10).all())
    nums = df[["NumMentions", "NumSources", "NumArticles"]].apply(pd.to_numeric)
    check("gdelt: NumMentions >= NumArticles >= NumSources >= 1",
          ((nums["NumMentions"] >= nums["NumArticles"]) &
           (nums["NumArticles"] >= nums["NumSources"]) & (nums["NumSources"] >= 1)).all(),
          nums.values.tolist())
    check("gdelt: IsRootEvent 0/1", df["IsRootEvent"].isin(["0", "1"]).all())
    check("gdelt: ActionGeo_Type 0-5", df["ActionGeo_Type"].isin(list("012345")).all())
    geo = df[df["ActionGeo_Type"] != "0"]
    check("gdelt: located events have lat/long",
          len(geo) > 0 and pd.to_numeric(geo["ActionGeo_Lat"]).between(-90, 90).all() and
          pd.to_numeric(geo["ActionGeo_Long"]).between(-180, 180).all())
    check("gdelt: DATEADDED is YYYYMMDDHHMMSS",
          df["DATEADDED"].str.fullmatch(r"\d{14}").all())
    check("gdelt: SOURCEURL never empty", (df["SOURCEURL"] != "").all())
    check("gdelt: actor country codes are the first three letters",
          ((df["Actor1CountryCode"] == "") |
           (df["Actor1CountryCode"] == df["Actor1Code"].str[:3]) |
           df["Actor1Code"].str.match(r"(IGO|NGO|IMG|MNC)")).all())
    rus_prk = df[(df["Actor1Code"].str.startswith("RUS")) & (df["Actor2Code"].str.startswith("PRK"))]
    check("gdelt: the example's RUS -> PRK agreement is there",
          (rus_prk["EventRootCode"] == "05").any(), rus_prk[["Actor1Code", "EventCode"]])

    rc, text, err = export(db, "--format", "gdelt", "--modality", "all", "--header")
    check("gdelt --header: first line is the 61 names",
          rc == 0 and text.split("\n", 1)[0].split("\t") == GDELT_COLUMNS, text[:400])
    hdf = pd.read_csv(io.StringIO(text), sep="\t", dtype=str, quoting=csv.QUOTE_NONE,
                      keep_default_na=False)
    check("gdelt --header: pandas with header=0 gets the same table",
          list(hdf.columns) == GDELT_COLUMNS and hdf.equals(df))

    rc, text, _ = export(db, "--format", "gdelt")
    asserted = len(text.splitlines())
    check("gdelt: the default exports asserted events only (fewer or equal)",
          rc == 0 and 0 < asserted <= len(lines), (asserted, len(lines)))
    rc, text, _ = export(db, "--format", "gdelt", "--dyad", "RUS,PRK", "--modality", "all")
    check("gdelt --dyad RUS,PRK: only that dyad",
          rc == 0 and text and all(l.split("\t")[5].startswith("RUS") and
                                   l.split("\t")[15].startswith("PRK")
                                   for l in text.splitlines()), text[:300])


def test_plover(db):
    rc, text, err = export(db, "--format", "plover", "--modality", "all")
    check("plover: exit 0", rc == 0, err)
    records, bad = [], []
    for line in text.splitlines():
        try:
            records.append(json.loads(line))
        except ValueError as e:
            bad.append((line[:200], str(e)))
    check("plover: every line is a JSON object", not bad and records and
          all(isinstance(r, dict) for r in records), bad[:3])
    missing = [r for r in records
               if not all(k in r for k in ("id", "date", "actor", "event", "recipient",
                                           "event_text", "mode", "context", "text_info"))]
    check("plover: required and optional PLOVER fields present", not missing, missing[:2])
    check("plover: id, actor and event non-empty strings",
          all(isinstance(r["id"], str) and r["id"] and isinstance(r["actor"], str) and
              r["actor"] and isinstance(r["event"], str) and r["event"] for r in records))
    check("plover: date is YYYY-MM-DD (null only when undated)",
          all(r["date"] is None and r["date_precision"] == "none" or
              isinstance(r["date"], str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
              for r in records), [r["date"] for r in records])
    check("plover: context a list, text_info an object with the document",
          all(isinstance(r["context"], list) and isinstance(r["text_info"], dict) and
              r["text_info"].get("doc_id") for r in records))
    check("plover: mode empty for asserted events, the modality otherwise",
          all((r["mode"] == "") == (r["modality"] in ("asserted", "reported")) for r in records))
    check("plover: CAMEO code, Goldstein and QuadClass kept",
          all(re.fullmatch(r"\d{2,4}", r["code"]) and isinstance(r["goldstein"], (int, float))
              and r["quad"] in (1, 2, 3, 4) for r in records))
    ids = [r["id"] for r in records]
    check("plover: ids unique", len(ids) == len(set(ids)))


def test_csv(db):
    rc, text, err = export(db, "--format", "csv", "--modality", "all")
    check("csv: exit 0, CRLF lines", rc == 0 and text.endswith("\r\n"), err)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    check("csv: a header and one row per event, all the same width",
          len(rows) > 1 and rows[0][0] == "id" and len({len(r) for r in rows}) == 1,
          {len(r) for r in rows})
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    check("csv: pandas reads it with the same shape",
          df.shape == (len(rows) - 1, len(rows[0])), df.shape)


def test_quotes(db):
    rc, text, err = export(db, "--format", "quotes", "--header")
    lines = text.splitlines()
    check("quotes: exit 0, a header and quotations", rc == 0 and len(lines) > 1, err)
    check("quotes: every line has 8 tab-separated fields",
          all(l.count("\t") == 7 for l in lines), [l for l in lines if l.count("\t") != 7][:3])
    df = pd.read_csv(io.StringIO(text), sep="\t", dtype=str, quoting=csv.QUOTE_NONE,
                     keep_default_na=False)
    check("quotes: pandas reads it", df.shape == (len(lines) - 1, 8), df.shape)
    check("quotes: DATE is YYYYMMDDHHMMSS, offsets integers",
          df["DATE"].str.fullmatch(r"\d{14}").all() and
          df["Offset"].str.fullmatch(r"\d+").all() and df["Length"].str.fullmatch(r"\d+").all())
    check("quotes: the seed article's Putin quotation has its speaker",
          ((df["SpeakerActor"] == "RUSGOV") & df["Quote"].str.contains("military assistance")).any(),
          df[["Speaker", "SpeakerActor", "Quote"]].values.tolist()[:5])
    rc, text, err = export(db, "--format", "gkg-quotes")
    lines = text.splitlines()
    ok = rc == 0 and lines and all(l.count("\t") == 4 for l in lines)
    blocks = [b for l in lines for b in l.split("\t")[3].split("#")] if ok else []
    check("gkg-quotes: one line per document, Offset|Length|Verb|Quote blocks",
          ok and all(re.fullmatch(r"\d+\|\d+\|[^|#]*\|[^|#]*", b) for b in blocks),
          (err, lines[:2]))


def test_usage(tmp, db):
    missing = os.path.join(tmp, "nope.db")
    rc, _, err = export(missing)
    check("usage: a missing database is exit 2, named, and not created",
          rc == 2 and "nope.db" in err and not os.path.exists(missing), (rc, err))
    empty = os.path.join(tmp, "empty.db")
    open(empty, "wb").close()
    rc, _, err = export(empty)
    check("usage: an empty file is not a cronista database (exit 2)",
          rc == 2 and "not a cronista database" in err, (rc, err))
    for args in (["--format", "gdel"], ["--quad", "5"], ["--from", "June"],
                 ["--modality", "sure"], ["--format", "quotes", "--actor", "RUS"],
                 ["--dyad", "RUS"]):
        rc, out, err = export(db, *args)
        check("usage: %s is exit 2" % " ".join(args), rc == 2 and out == "" and err, (rc, err))
    out_file = os.path.join(tmp, "out.tsv")
    rc, out, err = export(db, "--format", "gdelt", "-o", out_file)
    check("-o writes the file, nothing on stdout",
          rc == 0 and out == "" and os.path.getsize(out_file) > 0, (rc, err))
    rc, _, err = export(db, "-o", os.path.join(tmp, "no", "such", "dir", "x.tsv"))
    check("fatal: an unwritable output is exit 3", rc == 3 and err, (rc, err))


with tempfile.TemporaryDirectory() as tmp:
    db = DB_ARG
    if not db:
        db = os.path.join(tmp, "examples.db")
        p = subprocess.run([BIN, "ingest", os.path.join(ROOT, "examples"), "--db", db, "-q"],
                           capture_output=True, cwd=ROOT)
        check("ingest examples", p.returncode == 0 and os.path.exists(db),
              p.stderr.decode("utf-8", "replace")[-2000:])
    test_gdelt(db)
    test_plover(db)
    test_csv(db)
    test_quotes(db)
    test_usage(tmp, db)

failed = results.count(False)
print("%d passed, %d failed" % (len(results) - failed, failed))
sys.exit(1 if failed else 0)
