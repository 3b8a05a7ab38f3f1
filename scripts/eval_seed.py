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
    failed = 0
    for name, ok, got in checks:
        print("  %-34s %s%s" % (name, "ok" if ok else "FAILED", "" if ok else " (got %r)" % (got,)))
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
