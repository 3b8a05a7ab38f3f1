"""Checks the CAMEO event codebook data/common/cameo_codes.tsv.

Usage: python3 scripts/check_codebook.py [DATA_DIR] [REFERENCE_CSV]

Checks the format: the version line, the column line, six TAB-separated fields, codes of two to
four digits kept as strings, root == first two digits of the code, quad == the GDELT QuadClass of
the root, goldstein a number in [-10, 10] written with one decimal, plover one of the PLOVER event
types (or OTHER), unique codes in ascending order, and a parent line for every three- and
four-digit code. When REFERENCE_CSV is given and exists (a CAMEO code list with columns "code" and
"goldstein"), the code sets must be equal and the Goldstein values must agree.
Prints one line per problem (file:line: problem) and a summary; exits 1 on problems.
"""
import csv
import os
import re
import sys

VERSION = "#! cronista-cameo 1"
COLUMNS = ["code", "root", "name", "goldstein", "quad", "plover"]
# PLOVER event types (Halterman et al.; the types POLECAT uses), plus OTHER for CAMEO 01 statements.
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
          "OTHER"}
CODE = re.compile(r"^\d{2,4}$")
GOLDSTEIN = re.compile(r"^-?\d{1,2}\.\d$")


def quad_of(root):
    """GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    4 material conflict."""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def check_table(path, problems):
    """Returns {code: (line number, goldstein or None)}."""
    codes = {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except OSError as e:
        problems.append("%s: cannot read: %s" % (path, e))
        return codes
    if not lines or lines[0].rstrip("\r") != VERSION:
        problems.append("%s:1: first line must be %r" % (path, VERSION))
    if len(lines) < 2 or lines[1].rstrip("\r").lstrip("#").strip().split("\t") != COLUMNS:
        problems.append("%s:2: second line must name the columns: # %s" %
                        (path, "\t".join(COLUMNS)))
    last = ""
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        where = "%s:%d" % (path, n)
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            problems.append("%s: %d fields, want %d (%s)" %
                            (where, len(fields), len(COLUMNS), ", ".join(COLUMNS)))
            continue
        code, root, name, gold, quad, plover = fields
        if not CODE.match(code):
            problems.append("%s: bad code %r (two to four digits)" % (where, code))
            continue
        if code in codes:
            problems.append("%s: code %s already defined at line %d" % (where, code, codes[code][0]))
            continue
        if code <= last:
            problems.append("%s: code %s out of order (after %s)" % (where, code, last))
        last = max(last, code)
        value = None
        if not re.match(r"^\d\d$", root) or not 1 <= int(root) <= 20:
            problems.append("%s: bad root %r (01..20)" % (where, root))
        elif root != code[:2]:
            problems.append("%s: root %s is not the first two digits of code %s" %
                            (where, root, code))
        elif quad != str(quad_of(root)):
            problems.append("%s: quad %r, want %d for root %s" % (where, quad, quad_of(root), root))
        if not name.strip() or name != name.strip():
            problems.append("%s: empty name or stray spaces" % where)
        try:
            value = float(gold)
        except ValueError:
            problems.append("%s: goldstein %r is not a number" % (where, gold))
        else:
            if not -10.0 <= value <= 10.0:
                problems.append("%s: goldstein %s outside [-10, 10]" % (where, gold))
            elif not GOLDSTEIN.match(gold):
                problems.append("%s: goldstein %r, write one decimal (e.g. 3.4, -10.0)" %
                                (where, gold))
        if plover not in PLOVER:
            problems.append("%s: unknown plover type %r" % (where, plover))
        codes[code] = (n, value)
    for code, (n, _) in sorted(codes.items()):
        if len(code) > 2 and code[:-1] not in codes:
            problems.append("%s:%d: code %s has no parent %s" % (path, n, code, code[:-1]))
    return codes


def check_reference(path, ref_path, codes, problems):
    ref = {}
    with open(ref_path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "code" not in reader.fieldnames:
            problems.append("%s: no 'code' column" % ref_path)
            return
        for row in reader:
            code = (row.get("code") or "").strip()
            if not code:
                continue
            try:
                ref[code] = float(row.get("goldstein", ""))
            except ValueError:
                ref[code] = None
    for code in sorted(set(ref) - set(codes)):
        problems.append("%s: code %s is in %s but missing" % (path, code, ref_path))
    for code in sorted(set(codes) - set(ref)):
        problems.append("%s:%d: code %s is not in %s" % (path, codes[code][0], code, ref_path))
    for code in sorted(set(codes) & set(ref)):
        n, mine = codes[code]
        if mine is not None and ref[code] is not None and abs(mine - ref[code]) > 0.05:
            problems.append("%s:%d: code %s goldstein %.1f, reference %g" %
                            (path, n, code, mine, ref[code]))


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..",
                                                              "data")
    ref_path = sys.argv[2] if len(sys.argv) > 2 else None
    path = os.path.join(data, "common", "cameo_codes.tsv")
    problems = []
    codes = check_table(path, problems)
    if ref_path:
        if os.path.exists(ref_path):
            check_reference(path, ref_path, codes, problems)
        else:
            print("check_codebook: reference %s not found, not compared" % ref_path)
    for p in problems:
        print(p)
    print("check_codebook: %d codes, %d problems" % (len(codes), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
