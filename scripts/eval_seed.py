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
