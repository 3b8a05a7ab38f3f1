"""Checks the data files under data/ against the formats in docs/actor-dictionaries.md.

Usage: python3 scripts/check_data.py [DATA_DIR]
Prints one line per problem (file:line: problem) and a summary; exits 1 on problems.
"""
import glob
import os
import re
import sys

OFFICES = set("""head_of_state president vice_president monarch supreme_leader head_of_government
prime_minister chancellor deputy_prime_minister foreign_minister defence_minister
interior_minister finance_minister justice_minister minister secretary_general party_leader
opposition_leader speaker legislator chief_of_staff military_commander intelligence_chief
central_bank_governor judge governor mayor ambassador spokesperson rebel_leader
militant_leader religious_leader head_of_organisation envoy leader""".split())
DATE = r"\d{4}(?:-\d\d(?:-\d\d)?)?"
ROLE = re.compile(r"^([A-Z]{3}(?:[A-Z]{3}){0,3}) ([a-z_]+) (%s)?\.\.(%s)?$" % (DATE, DATE))
ID = re.compile(r"^[a-z0-9_]+$")
KINDS = {"country", "capital", "demonym", "metonym", "region", "org", "group", "party", "media"}
CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3}){0,3}$")


def pad(d):
    """Comparable form of a partial date: 2024-06 -> 2024-06-00."""
    parts = d.split("-") + ["00", "00"]
    return "-".join(parts[:3])


def check_people(path, seen, problems):
    count = roles = 0
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines or lines[0].strip() != "#! cronista-people 1":
        problems.append("%s:1: first line must be '#! cronista-people 1'" % path)
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = "%s:%d" % (path, n)
        fields = line.split("\t")
        if len(fields) != 5:
            problems.append("%s: %d fields, want 5 (id, names, short, gender, roles)" %
                            (where, len(fields)))
            continue
        pid, names, short, gender, role_text = fields
        if not ID.match(pid):
            problems.append("%s: bad id %r" % (where, pid))
        if pid in seen:
            problems.append("%s: id %s already defined at %s" % (where, pid, seen[pid]))
        seen[pid] = where
        if not names or any(not n.strip() for n in names.split("|")):
            problems.append("%s: empty name" % where)
        if gender not in ("m", "f", "-"):
            problems.append("%s: gender %r not m/f/-" % (where, gender))
        if not short.strip():
            problems.append("%s: empty short field (use -)" % where)
        for role in role_text.split(";"):
            m = ROLE.match(role.strip())
            if not m:
                problems.append("%s: bad role %r" % (where, role.strip()))
                continue
            if m.group(2) not in OFFICES:
                problems.append("%s: unknown office %r" % (where, m.group(2)))
            if m.group(3) and m.group(4) and pad(m.group(3)) > pad(m.group(4)):
                problems.append("%s: role %r ends before it starts" % (where, role.strip()))
            roles += 1
        count += 1
    return count, roles


def check_phrases(path, kinds, problems):
    count = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            where = "%s:%d" % (path, n)
            if len(fields) not in (3, 4):
                problems.append("%s: %d fields, want 3 or 4" % (where, len(fields)))
                continue
            if any(not p.strip() for p in fields[0].split("|")):
                problems.append("%s: empty phrase" % where)
            if kinds is not None:
                if not CODE.match(fields[1]):
                    problems.append("%s: bad code %r" % (where, fields[1]))
                if fields[2] not in kinds:
                    problems.append("%s: unknown kind %r" % (where, fields[2]))
            else:
                if fields[1] != "-" and not re.match(r"^[A-Z]{3}$", fields[1]):
                    problems.append("%s: bad sector %r" % (where, fields[1]))
                if fields[2] != "-" and fields[2] not in OFFICES:
                    problems.append("%s: unknown office %r" % (where, fields[2]))
            count += 1
    return count


def check_cross_language(data, problems):
    """The same all-capital acronym (NATO, OECD) must have one code in every language."""
    codes = {}
    for path in sorted(glob.glob(os.path.join(data, "*", "actors.tsv"))):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                fields = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(fields) < 3:
                    continue
                for phrase in fields[0].split("|"):
                    if len(phrase) >= 2 and phrase.isupper():
                        codes.setdefault(phrase, {})[fields[1]] = "%s:%d" % (path, n)
    for phrase, by_code in sorted(codes.items()):
        if len(by_code) > 1:
            problems.append("%s: one acronym, several codes: %s" % (phrase, ", ".join(
                "%s (%s)" % (c, w) for c, w in sorted(by_code.items()))))


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..",
                                                              "data")
    problems, seen = [], {}
    people = roles = phrases = 0
    for path in sorted(glob.glob(os.path.join(data, "common", "people", "*.tsv"))):
        p, r = check_people(path, seen, problems)
        people += p
        roles += r
    for path in sorted(glob.glob(os.path.join(data, "*", "actors.tsv"))):
        phrases += check_phrases(path, KINDS, problems)
    for path in sorted(glob.glob(os.path.join(data, "*", "roles.tsv"))):
        phrases += check_phrases(path, None, problems)
    check_cross_language(data, problems)
    for p in problems:
        print(p)
    print("check_data: %d people, %d roles, %d phrase lines, %d problems" %
          (people, roles, phrases, len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
