"""Acceptance checks of `cronista code` on the seed article (reads its JSON line on stdin)."""
import json
import sys

OPEN_CLOSE = {"«": "»", "“": "”", "„": "“"}


def unbalanced(text):
    """True when a sentence text leaves a quotation open or closes one it did not open."""
    depth = []
    for ch in text:
        if ch in OPEN_CLOSE and not (ch == "“" and depth and depth[-1] == "„"):
            depth.append(ch)
        elif depth and ch == OPEN_CLOSE[depth[-1]]:
            depth.pop()
        elif ch in "»”":
            return True
    return bool(depth) or text.count('"') % 2 == 1


def main():
    doc = json.loads(sys.stdin.readline())
    raw = open(sys.argv[1], "rb").read() if len(sys.argv) > 1 else None
    checks = []
    checks.append(("lang is it", doc.get("lang") == "it", doc.get("lang")))
    checks.append(("date 2024-06, month precision",
                   doc.get("date") == {"value": "2024-06", "precision": "month"}, doc.get("date")))
    checks.append(("section 'video suggerito'", doc.get("section") == "video suggerito",
                   doc.get("section")))
    sents = doc.get("sentences", [])
    checks.append(("has sentences", len(sents) > 5, len(sents)))
    # Actors (issue 3's acceptance list): text -> expected actor code; texts in
    # one group must share one entity.
    mentions = {}
    for m in doc.get("mentions", []):
        mentions.setdefault(m["text"], m)
    expect = {
        "Vladimir Putin": "RUSGOV", "Putin": "RUSGOV", "leader russo": "RUSGOV",
        "capo del Cremlino": "RUSGOV", "Kim Jong-un": "PRKGOV", "Kim": "PRKGOV",
        "presidente del Paese asiatico": "PRKGOV", "Russia": "RUS", "Mosca": "RUS",
        "Corea del Nord": "PRK", "Nord Corea": "PRK", "Pyongyang": "PRK", "Vietnam": "VNM",
        "Hanoi": "VNM", "Ucraina": "UKR", "Occidente": "WST", "Paesi occidentali": "WST",
        "Nguyen Phu Trong": "VNMGOV", "To Lam": "VNMGOV", "Pham Minh Chinh": "VNMGOV",
        "Tran Thanh Man": "VNMLEG", "Dang Minh Koi": "VNMGOV",
        "agenzia Vietnam News Agency": "VNMMED", "Biagio Chiariello": "",
    }
    for text, code in expect.items():
        got = mentions.get(text, {}).get("actor")
        checks.append(("mention %r -> %s" % (text, code or "PERSON without code"),
                       got == code and (code or mentions[text]["kind"] == "PERSON"), got))
    for group in (["Vladimir Putin", "Putin", "leader russo", "capo del Cremlino"],
                  ["Kim Jong-un", "Kim", "presidente del Paese asiatico"]):
        ids = {mentions.get(t, {}).get("entity") for t in group}
        checks.append(("one entity: " + ", ".join(group), len(ids) == 1 and None not in ids,
                       ids))
    # Events (issue 4 done-when list).
    evs = doc.get("events", [])

    def find(src, tgt, code, modality=None):
        return [e for e in evs if e["source"]["actor"].startswith(src)
                and e["target"]["actor"].startswith(tgt) and e["code"].startswith(code)
                and (modality is None or e["modality"] == modality)]

    def ev(name, ok, got=None):
        checks.append(("event " + name, ok, got))

    ev("RUSGOV->PRKGOV 057 asserted", bool(find("RUSGOV", "PRKGOV", "057", "asserted")))
    ev("PRKGOV->RUSGOV 057 asserted", bool(find("PRKGOV", "RUSGOV", "057", "asserted")))
    ev("RUSGOV->PRK 042", bool(find("RUSGOV", "PRK", "042")))
    ev("PRK->RUSGOV 043", bool(find("PRK", "RUSGOV", "043")))
    ev("PRKGOV->RUS 051", bool(find("PRKGOV", "RUS", "051")))
    ev("RUSGOV->PRKGOV 036 or root 04",
       bool(find("RUSGOV", "PRKGOV", "036") or find("RUSGOV", "PRKGOV", "04")))
    ev("RUSGOV->VNM 042", bool(find("RUSGOV", "VNM", "042")))
    ev("VNM->RUSGOV 043", bool(find("VNM", "RUSGOV", "043")))
    ev("RUSGOV->VNM talks, future", bool(find("RUSGOV", "VNM", "04", "future")))
    ev("VNM->RUS 111 negated", bool(find("VNM", "RUS", "111", "negated")))
    ev("no asserted VNM->RUS 11", not find("VNM", "RUS", "11", "asserted"))
    attacks = find("RUS", "UKR", "19")
    ev("RUS->UKR 19 only as background", bool(attacks) and all(e["background"] for e in attacks))
    ev("RUS<->PRK root 03 hypothetical",
       bool(find("RUS", "PRK", "03", "hypothetical")) and bool(find("PRK", "RUS", "03",
                                                                       "hypothetical")))
    ev("no asserted root 07 between RUS and PRK",
       not (find("RUS", "PRK", "07", "asserted") or find("PRK", "RUS", "07", "asserted")))
    media = [e for e in evs if any(a.endswith("MED") or a.endswith("BUS") or a == "ITAMED"
                                   for a in (e["source"]["actor"], e["target"]["actor"]))]
    ev("no journalist, newspaper or WhatsApp as a party", not media,
       [(e["source"]["actor"], e["target"]["actor"], e["code"]) for e in media])
    # Quotations, dates, places, commitments (issue 5 done-when list).
    raw_text = None
    if raw is not None:
        raw_text = raw[doc.get("body_offset", 0):].decode("utf-8")
    quotes = doc.get("quotes", [])

    def quote_starting(prefix):
        for q in quotes:
            if q["text"].replace("\u2019", "'").startswith(prefix):
                return q
        return None

    for prefix, actor in (("Se dovessero far fronte", "RUSGOV"),
                          ("Un nuovo accordo di natura difensiva", "RUSGOV"),
                          ("l'alleato più onesto", "PRKGOV"),
                          ("non ci saranno differenze", "PRKGOV"),
                          ("un'occasione per i leader", "VNMGOV"),
                          ("intensificare la cooperazione", "VNMGOV")):
        q = quote_starting(prefix)
        got = q and q.get("speaker") and q["speaker"].get("actor")
        checks.append(("quote %r -> %s" % (prefix, actor), got == actor and not q["scare"],
                       (got, q and q.get("rule"))))
    for prefix in ("alleanza", "senza esitare"):
        q = quote_starting(prefix)
        checks.append(("quote %r is scare" % prefix, bool(q and q["scare"]), q))
    dated = all(e.get("date") and e["date"]["value"] == "2024-06"
                and e["date"]["precision"] == "month" for e in evs)
    checks.append(("every event dated 2024-06 (month)", dated and bool(evs),
                   sorted({(e.get("date") or {}).get("value") for e in evs}, key=str)))
    places = doc.get("places", [])

    def place_of(e):
        return places[e["place"]] if e.get("place") is not None else None

    for code, src, tgt in (("057", "RUSGOV", "PRKGOV"), ("042", "RUSGOV", "PRK")):
        got = [place_of(e) for e in find(src, tgt, code)]
        ok = bool(got) and all(p and p["country"] == "PRK" and p["name"] == "Pyongyang"
                               and abs(p["lat"] - 39.03) < 0.1 for p in got)
        checks.append(("%s %s->%s placed in Pyongyang" % (code, src, tgt), ok,
                       [p and p["name"] for p in got]))
    got = [place_of(e) for e in find("RUSGOV", "VNM", "042")]
    checks.append(("042 RUSGOV->VNM placed in Vietnam",
                   bool(got) and all(p and p["country"] == "VNM" for p in got),
                   [p and p["name"] for p in got]))
    com = doc.get("commitments", [])
    ok = (len(com) == 1 and sorted(com[0]["parties"]) == ["PRK", "RUS"]
          and com[0]["type"] == "defence" and com[0]["mutual"]
          and "attack" in com[0]["condition"]
          and com[0]["date"] == {"value": "2024-06", "precision": "month"})
    checks.append(("one commitment: RUS, PRK, defence, armed attack, mutual, 2024-06", ok, com))
    failed = 0
    for name, ok, got in checks:
        print("  %-50s %s%s" % (name, "ok" if ok else "FAILED", "" if ok else " (got %r)" % (got,)))
        failed += not ok
    print("  sentences: %d; lang_confidence %.3f" % (len(sents), doc.get("lang_confidence", 0)))
    if raw is not None:
        body = raw[doc.get("body_offset", 0):]
        split = [s for s in sents if unbalanced(body[s["start"]:s["end"]].decode("utf-8"))]
        print("  sentences with an unbalanced quotation: %d" % len(split))
        failed += bool(split)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
