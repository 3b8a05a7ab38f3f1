"""End-to-end tests of the `cronista` command: bad inputs, order, exit codes, memory.

Usage: python3 tests/cli_test.py path/to/cronista
"""
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
results = []


def run(args, stdin=None):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, cwd=ROOT)
    lines = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines() if l.strip()]
    return p.returncode, lines, p.stderr.decode("utf-8", "replace")


def check(name, cond, detail=""):
    results.append(cond)
    print(("ok     " if cond else "FAILED ") + name + ("" if cond else "  " + str(detail)))


GOOD_IT = ("date 2024-06-19 esteri\n\nIl sen. Rossi ha incontrato il ministro a Roma. "
           "«Siamo pronti», ha detto il dott. Bianchi.\n")


def test_bad_directory(tmp):
    d = os.path.join(tmp, "batch")
    os.makedirs(d)
    with open(os.path.join(d, "a_good.txt"), "w", encoding="utf-8") as f:
        f.write(GOOD_IT)
    open(os.path.join(d, "b_empty.txt"), "wb").close()
    rnd = random.Random(7)
    with open(os.path.join(d, "c_random.bin"), "wb") as f:
        f.write(bytes(rnd.getrandbits(8) for _ in range(4096)))
    with open(os.path.join(d, "d_bad_utf8.txt"), "wb") as f:
        f.write("L'Italia è pronta. ".encode() * 20 + b"Caff\xe8 e t\xe8.\n")
    with open(os.path.join(d, "e_huge.txt"), "wb") as f:
        chunk = b"parola " * (1 << 16)
        for _ in range((50 << 20) // len(chunk) + 1):
            f.write(chunk)
    # Memory must not grow with the 50 MB file: compare with the same command on
    # the good article alone (dictionaries and patterns loaded, nothing big read).
    # ru_maxrss of children is the largest child so far, so the baseline runs first.
    base = os.path.join(tmp, "baseline")
    os.makedirs(base)
    with open(os.path.join(base, "a_good.txt"), "w", encoding="utf-8") as f:
        f.write(GOOD_IT)
    run(["code", "-j", "2", base])
    baseline_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rc, lines, err = run(["code", "-j", "2", d])
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    check("bad batch: exit status 1", rc == 1, rc)
    check("bad batch: one line per input, in order", [l["id"] for l in lines] ==
          ["a_good", "b_empty", "c_random", "d_bad_utf8", "e_huge"], [l["id"] for l in lines])
    by_id = {l["id"]: l for l in lines}
    good = by_id.get("a_good", {})
    check("bad batch: good article coded", "error" not in good and good.get("lang") == "it"
          and good.get("date") == {"value": "2024-06-19", "precision": "day"}, good)
    for bad in ("b_empty", "c_random", "e_huge"):
        check("bad batch: %s reported as error" % bad, "error" in by_id.get(bad, {}), by_id.get(bad))
        check("bad batch: stderr names %s" % bad, sum(bad in l for l in err.splitlines()
                                                       if "error:" in l) == 1, err)
    utf = by_id.get("d_bad_utf8", {})
    check("bad batch: invalid UTF-8 repaired with a warning", "error" not in utf and
          [w["code"] for w in utf.get("warnings", [])] == ["invalid_utf8"], utf)
    check("bad batch: huge file is resource_exhausted",
          by_id.get("e_huge", {}).get("error", {}).get("code") == "resource_exhausted")
    check("bad batch: memory bounded (max RSS %.0f MB, baseline %.0f MB, < baseline + 12 MB, "
          "< 90 MB)" % (rss_mb, baseline_mb), rss_mb < baseline_mb + 12 and rss_mb < 90, rss_mb)


def test_order_and_jobs(tmp):
    d = os.path.join(tmp, "many")
    os.makedirs(d)
    for i in range(60):
        with open(os.path.join(d, "doc%03d.txt" % i), "w", encoding="utf-8") as f:
            f.write("Documento numero %d. " % i * (1 + i % 7) + "\n")
    rc1, one, _ = run(["code", "-j", "1", d])
    rc4, four, _ = run(["code", "-j", "4", d])
    check("order: same output with -j 1 and -j 4", rc1 == 0 and rc4 == 0 and one == four)
    check("order: input order kept", [l["id"] for l in four] == ["doc%03d" % i for i in range(60)])


def test_stdin_jsonl_gzip(tmp):
    lines = [{"id": "a", "text": "The U.S. Senate voted on Tuesday. Mr. Smith said \"no\".",
              "lang": "en", "feed": "wire"},
             "this is not json",
             {"id": "b", "date": "2024-06", "text": "Putin ha firmato il patto."}]
    raw = "\n".join(l if isinstance(l, str) else json.dumps(l) for l in lines).encode() + b"\n"
    rc, out, err = run(["code", "-"], stdin=raw)
    check("stdin jsonl: exit 1 for the bad line", rc == 1, rc)
    check("stdin jsonl: three output lines", len(out) == 3, out)
    if len(out) == 3:
        check("stdin jsonl: unknown field passed through", out[0].get("extra") == {"feed": "wire"},
              out[0])
        check("stdin jsonl: lang from metadata", out[0]["lang"] == "en" and
              out[0]["lang_confidence"] == 1, out[0])
        check("stdin jsonl: abbreviations do not split", len(out[0]["sentences"]) == 2, out[0])
        check("stdin jsonl: bad line reported with its line number",
              "error" in out[1] and ":2" in out[1]["source"], out[1])
        check("stdin jsonl: month date", out[2]["date"] == {"value": "2024-06",
                                                           "precision": "month"}, out[2])
    gz = os.path.join(tmp, "feed.jsonl.gz")
    with gzip.open(gz, "wb") as f:
        f.write(raw)
    rc2, out2, _ = run(["code", gz])
    check("gzip jsonl: same documents as plain", rc2 == 1 and [l["id"] for l in out2 if "error"
                                                              not in l] == ["a", "b"], out2)
    rc3, out3, _ = run(["code"], stdin=gzip.compress(GOOD_IT.encode()))
    check("gzip stdin: decoded", rc3 == 0 and len(out3) == 1 and out3[0]["lang"] == "it", out3)


def test_usage_errors(tmp):
    rc, _, err = run(["code", os.path.join(tmp, "does-not-exist.txt")])
    check("usage: missing input is exit 2 with a message", rc == 2 and "does-not-exist" in err,
          (rc, err))
    rc, _, _ = run(["code", "--no-such-option"])
    check("usage: unknown option is exit 2", rc == 2, rc)
    rc, _, err = run(["code", "--data", tmp, os.path.join(ROOT, "examples")])
    check("fatal: bad data folder is exit 3", rc == 3 and "data" in err, (rc, err))
    for sub in ([], ["code"]):
        p = subprocess.run([BIN] + sub + ["--help"], capture_output=True)
        check("help: %s --help" % " ".join(["cronista"] + sub), p.returncode == 0 and
              b"Usage" in p.stdout, p.returncode)


def test_examples():
    rc, out, err = run(["code", "examples"])
    langs = {l["id"].split("/")[0]: l["lang"] for l in out}
    check("examples: all coded, language matches folder", rc == 0 and
          all(k == v for k, v in langs.items()) and len(out) >= 4, (rc, langs, err))


with tempfile.TemporaryDirectory() as tmp:
    test_bad_directory(tmp)
    test_order_and_jobs(tmp)
    test_stdin_jsonl_gzip(tmp)
    test_usage_errors(tmp)
    test_examples()

failed = results.count(False)
print("%d passed, %d failed" % (len(results) - failed, failed))
sys.exit(1 if failed else 0)
