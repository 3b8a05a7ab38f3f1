#include "eval/quote_eval.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>
#include <utility>

#include "text/utf8.h"

namespace cronista::eval {

SpanCounts& SpanCounts::operator+=(const SpanCounts& o) {
  gold += o.gold;
  gold_found += o.gold_found;
  predicted += o.predicted;
  predicted_correct += o.predicted_correct;
  return *this;
}

namespace {

namespace fs = std::filesystem;

// Gold files larger than this are refused (the largest PolNeAR article is
// about 60 KB).
constexpr uintmax_t kMaxFileBytes = 16u << 20;
// Quoted text in error rows is cut to this many bytes.
constexpr size_t kMaxCellBytes = 200;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool Overlaps(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) { return a0 < b1 && b0 < a1; }

bool OverlapsAny(const std::vector<ByteSpan>& spans, uint32_t start, uint32_t end) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const ByteSpan& s) { return Overlaps(s.start, s.end, start, end); });
}

// --- Quotation marks -------------------------------------------------------

enum class Family : uint8_t { kNone, kDouble, kSingle };

struct Mark {
  Family family = Family::kNone;
  uint32_t length = 0;  // bytes
  bool can_open = false, can_close = false;
};

// Whether the code point ending before byte `i` (AlnumBefore) or starting at
// it (AlnumAt) is a letter or digit; false at the ends of the text.
bool AlnumBefore(std::string_view text, size_t i) {
  if (i == 0) return false;
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, pos, c);
  return c >= 0 && u_isalnum(c);
}

bool AlnumAt(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, static_cast<int32_t>(text.size()), c);
  return c >= 0 && u_isalnum(c);
}

bool SpaceBefore(std::string_view text, size_t i) { return i == 0 || IsSpace(text[i - 1]); }
bool SpaceAt(std::string_view text, size_t i) { return i >= text.size() || IsSpace(text[i]); }

// The quotation mark starting at byte `i`, if any. Apostrophes count as single
// marks only at a word's edge: opening after a non-letter, closing before one.
Mark MarkAt(std::string_view text, size_t i) {
  const std::string_view rest = text.substr(i);
  const unsigned char c = static_cast<unsigned char>(rest[0]);
  if (c == '"') return {Family::kDouble, 1, true, true};
  if (c == '\'') {
    if (rest.starts_with("''")) return {Family::kDouble, 2, true, true};
    return {Family::kSingle, 1, !AlnumBefore(text, i) && !SpaceAt(text, i + 1),
            !SpaceBefore(text, i) && !AlnumAt(text, i + 1)};
  }
  if (c == '`') {
    if (rest.starts_with("``")) return {Family::kDouble, 2, true, false};
    return {};
  }
  if (c == 0xC2 && rest.size() >= 2) {
    if (rest[1] == '\xAB') return {Family::kDouble, 2, true, false};  // «
    if (rest[1] == '\xBB') return {Family::kDouble, 2, false, true};  // »
    return {};
  }
  if (c == 0xE2 && rest.size() >= 3 && rest[1] == '\x80') {
    switch (rest[2]) {
      case '\x9C':  // “
      case '\x9E':  // „
        return {Family::kDouble, 3, true, false};
      case '\x9D':  // ”
        return {Family::kDouble, 3, false, true};
      case '\x98':  // ‘
        return {Family::kSingle, 3, !AlnumBefore(text, i), false};
      case '\x99':  // ’ (an apostrophe inside a word)
        return {Family::kSingle, 3, false, !SpaceBefore(text, i) && !AlnumAt(text, i + 3)};
      default:
        return {};
    }
  }
  return {};
}

void TrimSpace(std::string_view text, uint32_t* start, uint32_t* end) {
  while (*start < *end && IsSpace(text[*start])) ++*start;
  while (*end > *start && IsSpace(text[*end - 1])) --*end;
}

// The length of a closing quotation mark ending at byte `end`; 0 when none.
uint32_t ClosingMarkBefore(std::string_view text, size_t end) {
  for (uint32_t len : {3u, 2u, 1u}) {
    if (end < len) continue;
    const Mark m = MarkAt(text, end - len);
    if (m.length == len && m.can_close) return len;
  }
  return 0;
}

// [start, end) without white space at its ends and, when it starts with an
// opening quotation mark and ends with a closing one, without them: a
// prediction that includes the marks is compared as one inside them. One
// layer only, so a quotation ending with a quotation inside it keeps its
// inner closing mark.
void TrimSpaceAndMarks(std::string_view text, uint32_t* start, uint32_t* end) {
  TrimSpace(text, start, end);
  if (*start >= *end) return;
  const Mark open = MarkAt(text, *start);
  if (!open.can_open || *start + open.length > *end) return;
  const uint32_t close = ClosingMarkBefore(text, *end);
  if (close == 0 || *end - close < *start + open.length) return;
  *start += open.length;
  *end -= close;
  TrimSpace(text, start, end);
}

// Whether a mark may open a passage: one that can open, or any double mark
// when it starts the content (a few articles open a quotation with a closing
// mark).
bool Opens(const Mark& m, bool at_content_start) {
  return m.can_open || (at_content_start && m.family == Family::kDouble);
}

// The quoted passages of a gold attribution's content (see the header).
void FindPassages(std::string_view text, const GoldAttribution& a, size_t index,
                  std::vector<GoldQuote>* out) {
  if (a.content.empty()) return;
  uint32_t hull_start = a.content.front().start, hull_end = a.content.front().end;
  for (const ByteSpan& f : a.content) {
    hull_start = std::min(hull_start, f.start);
    hull_end = std::max(hull_end, f.end);
  }
  uint32_t first = hull_start;
  while (first < hull_end && IsSpace(text[first])) ++first;
  auto in_content = [&](uint32_t pos) {
    return std::any_of(a.content.begin(), a.content.end(),
                       [&](const ByteSpan& f) { return f.start <= pos && pos < f.end; });
  };
  bool inside = false, counts = false;
  Family family = Family::kNone;
  uint32_t open_at = 0;
  auto emit = [&](uint32_t end, bool unclosed) {
    uint32_t s = open_at, e = end;
    TrimSpace(text, &s, &e);
    if (counts && s < e) {
      GoldQuote q;
      q.start = s;
      q.end = e;
      q.single = family == Family::kSingle;
      q.unclosed = unclosed;
      q.attribution = index;
      out->push_back(q);
    }
  };
  for (uint32_t i = hull_start; i < hull_end;) {
    const Mark m = MarkAt(text, i);
    if (m.family == Family::kNone || i + m.length > hull_end) {
      ++i;
      continue;
    }
    if (!inside) {
      if (Opens(m, i == first)) {
        inside = true;
        family = m.family;
        open_at = i + m.length;
        counts = in_content(i);
      }
    } else if (m.family == family && m.can_close) {
      emit(i, false);
      inside = false;
    }
    i += m.length;
  }
  if (inside) emit(hull_end, true);
}

enum class PronounKind : uint8_t { kNone, kThird, kFirstSecond };

// Whether a source is a lone pronoun, and which.
PronounKind PronounOf(std::string_view s) {
  std::string lower;
  for (char c : s) {
    if (IsSpace(c)) continue;
    lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  static constexpr std::string_view kThird[] = {"he",  "she",  "they", "it",   "who",  "him",
                                                "her", "them", "this", "that", "which"};
  static constexpr std::string_view kFirstSecond[] = {"i", "me", "we", "us", "you"};
  if (std::find(std::begin(kThird), std::end(kThird), lower) != std::end(kThird)) {
    return PronounKind::kThird;
  }
  if (std::find(std::begin(kFirstSecond), std::end(kFirstSecond), lower) !=
      std::end(kFirstSecond)) {
    return PronounKind::kFirstSecond;
  }
  return PronounKind::kNone;
}

std::string SpanText(std::string_view text, const std::vector<ByteSpan>& spans) {
  std::string out;
  for (const ByteSpan& s : spans) {
    if (!out.empty()) out += ' ';
    out += text.substr(s.start, s.end - s.start);
  }
  return out;
}

std::string Row(std::string_view doc, std::string_view kind, std::string_view text,
                std::string_view note) {
  std::string row = EvalCell(doc);
  row += '\t';
  row += kind;
  row += '\t';
  row += EvalCell(text);
  row += '\t';
  row += EvalCell(note);
  return row;
}

// Parses "123" into *out; false unless the whole field is digits.
bool ParseUint(std::string_view s, uint32_t* out) {
  if (s.empty() || s.size() > 9) return false;
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  *out = v;
  return true;
}

// brat's "Type a b;c d" field: the type and the fragments (code points).
bool ParseSpanField(std::string_view field, std::string* type, std::vector<ByteSpan>* frags) {
  const size_t sp = field.find(' ');
  if (sp == std::string_view::npos || sp == 0) return false;
  *type = field.substr(0, sp);
  std::string_view rest = field.substr(sp + 1);
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    std::string_view frag = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    const size_t mid = frag.find(' ');
    ByteSpan f;
    if (mid == std::string_view::npos || !ParseUint(frag.substr(0, mid), &f.start) ||
        !ParseUint(frag.substr(mid + 1), &f.end) || f.start > f.end) {
      return false;
    }
    frags->push_back(f);
  }
  return !frags->empty();
}

// A line "T12\t..." or "E3\t...": a letter, digits, a tab.
bool IsAnnLine(std::string_view line, char kind) {
  if (line.size() < 3 || line[0] != kind) return false;
  size_t i = 1;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  return i > 1 && i < line.size() && line[i] == '\t';
}

}  // namespace

Status ReadEvalFile(const std::string& path, std::string* out) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError(path + ": " + ec.message());
  if (size > kMaxFileBytes) {
    return Status::ResourceExhausted(path + ": larger than " + std::to_string(kMaxFileBytes >> 20) +
                                     " MiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  out->resize(size);
  in.read(out->data(), static_cast<std::streamsize>(size));
  if (static_cast<uintmax_t>(in.gcount()) != size) return Status::IoError(path + ": read error");
  return Status::Ok();
}

std::string EvalCell(std::string_view s) {
  std::string_view cut = TruncateUtf8(s, kMaxCellBytes);
  std::string out(cut);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  if (cut.size() < s.size()) out += "…";
  return out;
}

Result<GoldQuoteDocument> ParsePolnear(std::string text, std::string_view ann,
                                       std::string_view id) {
  const std::string where(id);
  if (!ScanUtf8(text).valid()) return Status::InvalidArgument("its text is not UTF-8");
  if (text.size() >= UINT32_MAX / 2) return Status::ResourceExhausted("its text is too large");
  GoldQuoteDocument doc;
  doc.id = where;
  doc.text = std::move(text);
  const std::string_view t = doc.text;
  // Byte offset of each code point, and of the end.
  std::vector<uint32_t> cp_byte;
  cp_byte.reserve(t.size() + 1);
  for (uint32_t i = 0; i < t.size(); ++i) {
    if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) cp_byte.push_back(i);
  }
  cp_byte.push_back(static_cast<uint32_t>(t.size()));
  const uint32_t cps = static_cast<uint32_t>(cp_byte.size() - 1);

  // The date is the second field of the name: "nyt_2016-01-29_slug".
  if (size_t a = where.find('_'); a != std::string::npos) {
    const size_t b = where.find('_', a + 1);
    if (auto d = PartialDate::Parse(std::string_view(where).substr(a + 1, b - a - 1))) {
      doc.date = *d;
    }
  }

  // Spans first: E lines may name T lines written after them.
  struct Span {
    std::string type;
    std::vector<ByteSpan> frags;
  };
  std::unordered_map<std::string, Span> spans;
  std::vector<std::pair<size_t, std::string_view>> events;  // line number, line
  size_t lineno = 0;
  for (size_t pos = 0; pos < ann.size();) {
    size_t nl = ann.find('\n', pos);
    if (nl == std::string_view::npos) nl = ann.size();
    std::string_view line = ann.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsAnnLine(line, 'E')) {
      events.emplace_back(lineno, line);
      continue;
    }
    if (!IsAnnLine(line, 'T')) continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = line.find('\t', tab1 + 1);
    Span s;
    if (!ParseSpanField(line.substr(tab1 + 1, tab2 - tab1 - 1), &s.type, &s.frags)) {
      return Status::InvalidArgument("line " + std::to_string(lineno) + ": malformed span '" +
                                     std::string(line.substr(0, 80)) + "'");
    }
    for (ByteSpan& f : s.frags) {
      if (f.end > cps) {
        return Status::InvalidArgument("line " + std::to_string(lineno) +
                                       ": offset past the text (" + std::to_string(f.end) + " > " +
                                       std::to_string(cps) + " characters)");
      }
      f.start = cp_byte[f.start];
      f.end = cp_byte[f.end];
    }
    std::sort(s.frags.begin(), s.frags.end(),
              [](const ByteSpan& a, const ByteSpan& b) { return a.start < b.start; });
    spans[std::string(line.substr(0, tab1))] = std::move(s);
  }

  for (const auto& [ln, line] : events) {
    const size_t tab1 = line.find('\t');
    std::string_view rest = line.substr(tab1 + 1);
    if (size_t tab2 = rest.find('\t'); tab2 != std::string_view::npos) rest = rest.substr(0, tab2);
    GoldAttribution a;
    a.id = line.substr(0, tab1);
    while (!rest.empty()) {
      const size_t sp = rest.find(' ');
      std::string_view arg = rest.substr(0, sp);
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      if (arg.empty()) continue;
      const size_t colon = arg.find(':');
      if (colon == std::string_view::npos) {
        return Status::InvalidArgument("line " + std::to_string(ln) + ": malformed argument '" +
                                       std::string(arg) + "'");
      }
      const std::string_view role = arg.substr(0, colon);
      auto it = spans.find(std::string(arg.substr(colon + 1)));
      if (it == spans.end()) {
        return Status::InvalidArgument("line " + std::to_string(ln) + ": no span " +
                                       std::string(arg.substr(colon + 1)));
      }
      const std::vector<ByteSpan>& f = it->second.frags;
      if (role.starts_with("Content")) {
        a.content.insert(a.content.end(), f.begin(), f.end());
      } else if (role == "Source") {
        a.source.insert(a.source.end(), f.begin(), f.end());
      }
    }
    auto by_start = [](const ByteSpan& x, const ByteSpan& y) { return x.start < y.start; };
    std::sort(a.content.begin(), a.content.end(), by_start);
    std::sort(a.source.begin(), a.source.end(), by_start);
    if (!a.content.empty()) {
      uint32_t s = a.content.front().start;
      const uint32_t e = a.content.back().end;
      while (s < e && IsSpace(t[s])) ++s;
      const Mark m = s < t.size() ? MarkAt(t, s) : Mark();
      a.quoted = Opens(m, true) && s + m.length <= e;
    }
    if (!a.source.empty()) {
      const PronounKind p = PronounOf(SpanText(t, a.source));
      a.pronoun_source = p == PronounKind::kThird;
      a.first_person_source = p == PronounKind::kFirstSecond;
    }
    doc.attributions.push_back(std::move(a));
  }

  // Antecedent proxies: the closest non-pronoun source before each pronoun one.
  for (GoldAttribution& a : doc.attributions) {
    if (!a.pronoun_source) continue;
    const GoldAttribution* best = nullptr;
    for (const GoldAttribution& b : doc.attributions) {
      if (b.source.empty() || b.pronoun_source || b.first_person_source) continue;
      if (b.source.front().start >= a.source.front().start) continue;
      if (best == nullptr || b.source.front().start > best->source.front().start) best = &b;
    }
    if (best != nullptr) a.antecedent = best->source;
  }
  for (size_t i = 0; i < doc.attributions.size(); ++i) {
    if (doc.attributions[i].quoted) FindPassages(t, doc.attributions[i], i, &doc.quotes);
  }
  std::sort(doc.quotes.begin(), doc.quotes.end(), [](const GoldQuote& a, const GoldQuote& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  return doc;
}

void ScoreQuotes(const GoldQuoteDocument& gold, const Document& doc, QuoteEvalResult* r,
                 std::vector<std::string>* errors) {
  const std::string_view text = gold.text;
  const uint32_t size = static_cast<uint32_t>(text.size());
  r->attributions += gold.attributions.size();
  for (const GoldAttribution& a : gold.attributions) r->quoted_attributions += a.quoted ? 1 : 0;
  for (const GoldQuote& g : gold.quotes) {
    r->single_quotes += g.single ? 1 : 0;
    r->unclosed_quotes += g.unclosed ? 1 : 0;
  }
  auto on_gold = [&](uint32_t s, uint32_t e) {
    return std::any_of(gold.quotes.begin(), gold.quotes.end(),
                       [&](const GoldQuote& g) { return Overlaps(g.start, g.end, s, e); });
  };

  // The scored predictions, trimmed.
  struct Pred {
    uint32_t start, end;
    size_t index;  // into doc.quotes
  };
  std::vector<Pred> preds;
  std::vector<Pred> scare;
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    uint32_t s = std::min(q.start, size), e = std::min(std::max(q.end, s), size);
    TrimSpaceAndMarks(text, &s, &e);
    if (q.scare) {
      ++r->scare;
      if (on_gold(s, e)) {
        ++r->scare_on_gold;
        scare.push_back({s, e, i});
      }
      continue;
    }
    if (!on_gold(s, e)) {
      const bool in_content =
          std::any_of(gold.attributions.begin(), gold.attributions.end(),
                      [&](const GoldAttribution& a) { return OverlapsAny(a.content, s, e); });
      if (in_content) {
        ++r->in_other_content;
        continue;
      }
    }
    preds.push_back({s, e, i});
  }

  auto speaker_text = [&](const Quote& q) {
    std::string s = q.speaker_name.empty() ? "?" : "'" + q.speaker_name + "'";
    if (q.speaker_mention >= 0 && static_cast<size_t>(q.speaker_mention) < doc.mentions.size()) {
      const Mention& m = doc.mentions[q.speaker_mention];
      if (m.start < m.end && m.end <= size) {
        s += " (mention '" + std::string(text.substr(m.start, m.end - m.start)) + "')";
      }
    } else if (q.speaker_start < q.speaker_end && q.speaker_end <= size) {
      s += " (words '" +
           std::string(text.substr(q.speaker_start, q.speaker_end - q.speaker_start)) + "')";
    }
    if (!q.rule.empty()) s += " " + q.rule;
    return s;
  };
  // Whether `q` names its speaker by words of the text: a speaker span inside
  // the text that is not a lone pronoun (which names no one).
  auto written = [&](const Quote& q) {
    return q.speaker_start < q.speaker_end && q.speaker_end <= size &&
           PronounOf(text.substr(q.speaker_start, q.speaker_end - q.speaker_start)) ==
               PronounKind::kNone;
  };
  // Whether the speaker of `q` (its mention, any mention of its entity, or
  // its words as written) overlaps `spans`.
  auto speaker_on = [&](const Quote& q, const std::vector<ByteSpan>& spans) {
    if (spans.empty()) return false;
    if (written(q) && OverlapsAny(spans, q.speaker_start, q.speaker_end)) return true;
    int32_t entity = q.speaker_entity;
    if (q.speaker_mention >= 0 && static_cast<size_t>(q.speaker_mention) < doc.mentions.size()) {
      const Mention& m = doc.mentions[q.speaker_mention];
      if (OverlapsAny(spans, m.start, m.end)) return true;
      if (entity < 0) entity = m.entity;
    }
    if (entity < 0) return false;
    return std::any_of(doc.mentions.begin(), doc.mentions.end(), [&](const Mention& m) {
      return m.entity == entity && OverlapsAny(spans, m.start, m.end);
    });
  };

  std::vector<bool> attribution_found(gold.attributions.size(), false);
  for (const GoldQuote& g : gold.quotes) {
    ++r->exact.gold;
    ++r->overlap.gold;
    const std::string_view gtext = text.substr(g.start, g.end - g.start);
    const Pred* best = nullptr;
    uint32_t best_overlap = 0;
    bool exact = false;
    for (const Pred& p : preds) {
      exact = exact || (p.start == g.start && p.end == g.end);
      const uint32_t lo = std::max(p.start, g.start), hi = std::min(p.end, g.end);
      if (hi > lo && hi - lo > best_overlap) {
        best_overlap = hi - lo;
        best = &p;
      }
    }
    const GoldAttribution& a = gold.attributions[g.attribution];
    if (exact) ++r->exact.gold_found;
    if (best == nullptr) {
      if (errors != nullptr) {
        std::string note = "missed";
        for (const Pred& s : scare) {
          if (Overlaps(s.start, s.end, g.start, g.end)) {
            note = "marked scare: '" + std::string(text.substr(s.start, s.end - s.start)) + "'";
            break;
          }
        }
        if (!a.source.empty()) note += "; source '" + SpanText(text, a.source) + "'";
        errors->push_back(Row(gold.id, "FN", gtext, note));
      }
      continue;
    }
    ++r->overlap.gold_found;
    attribution_found[g.attribution] = true;
    const Quote& q = doc.quotes[best->index];
    if (!exact && errors != nullptr) {
      errors->push_back(Row(
          gold.id, "SPAN", gtext,
          "predicted '" + std::string(text.substr(best->start, best->end - best->start)) + "'"));
    }
    if (a.source.empty()) {
      ++r->no_source;
      continue;
    }
    if (a.first_person_source) {
      ++r->first_person_source;
      continue;
    }
    ++r->speaker_scored;
    r->speaker_pronoun += a.pronoun_source ? 1 : 0;
    const bool known =
        q.speaker_entity >= 0 ||
        (q.speaker_mention >= 0 && static_cast<size_t>(q.speaker_mention) < doc.mentions.size()) ||
        written(q);
    if (!known) ++r->speaker_unknown;
    const bool right =
        known && (speaker_on(q, a.source) || (a.pronoun_source && speaker_on(q, a.antecedent)));
    if (right) {
      ++r->speaker_correct;
      r->speaker_pronoun_correct += a.pronoun_source ? 1 : 0;
    } else if (errors != nullptr) {
      std::string note = "gold '" + SpanText(text, a.source) + "'";
      if (a.pronoun_source) {
        note += a.antecedent.empty() ? " (no antecedent)"
                                     : " (antecedent '" + SpanText(text, a.antecedent) + "')";
      }
      note += "; predicted " + (known ? speaker_text(q) : "no speaker " + q.rule);
      errors->push_back(Row(gold.id, "SPEAKER", gtext, note));
    }
  }
  for (bool f : attribution_found) r->quoted_attributions_found += f ? 1 : 0;

  for (const Pred& p : preds) {
    ++r->exact.predicted;
    ++r->overlap.predicted;
    bool exact = false, overlap = false;
    for (const GoldQuote& g : gold.quotes) {
      exact = exact || (p.start == g.start && p.end == g.end);
      overlap = overlap || Overlaps(p.start, p.end, g.start, g.end);
    }
    r->exact.predicted_correct += exact ? 1 : 0;
    r->overlap.predicted_correct += overlap ? 1 : 0;
    if (!overlap && errors != nullptr) {
      errors->push_back(Row(gold.id, "FP", text.substr(p.start, p.end - p.start),
                            "no gold quote; speaker " + speaker_text(doc.quotes[p.index])));
    }
  }
}

Result<QuoteEvalResult> EvaluateQuotes(const Pipeline& pipeline, const std::string& path,
                                       size_t limit) {
  const fs::path root(path);
  const fs::path ann_dir = root / "attributions", text_dir = root / "text";
  std::error_code ec;
  if (!fs::is_directory(ann_dir, ec) || !fs::is_directory(text_dir, ec)) {
    return Status::NotFound(path + ": not a PolNeAR folder (no attributions/ and text/)");
  }
  // Annotation files grouped by article: "NAME_ANNOTATOR.ann" -> NAME.
  std::map<std::string, std::vector<fs::path>> articles;
  for (fs::directory_iterator it(ann_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != ".ann") continue;
    const std::string stem = p.stem().string();
    const size_t us = stem.rfind('_');
    std::string name = us == std::string::npos ? stem : stem.substr(0, us);
    std::error_code exists_ec;
    if (!fs::exists(text_dir / (name + ".txt"), exists_ec)) name = stem;  // no annotator suffix
    articles[name].push_back(p);
  }
  if (ec) return Status::IoError(ann_dir.string() + ": " + ec.message());
  if (articles.empty()) return Status::NotFound(ann_dir.string() + ": no .ann files");

  QuoteEvalResult r;
  const auto t0 = std::chrono::steady_clock::now();
  for (auto& [name, anns] : articles) {
    if (limit > 0 && r.documents >= limit) break;
    std::sort(anns.begin(), anns.end());
    r.extra_annotations += anns.size() - 1;
    std::string text, ann;
    const fs::path text_path = text_dir / (name + ".txt");
    Status st = ReadEvalFile(text_path.string(), &text);
    if (st.ok()) st = ReadEvalFile(anns.front().string(), &ann);
    if (!st.ok()) {
      r.bad_files.push_back(st.message());
      continue;
    }
    auto gold = ParsePolnear(std::move(text), ann, name);
    if (!gold.ok()) {
      r.bad_files.push_back(anns.front().string() + ": " + gold.status().message());
      continue;
    }
    ++r.documents;
    Document doc;
    doc.text = gold->text;
    doc.meta.id = name;
    doc.meta.origin = text_path.string();
    doc.meta.lang = "en";
    doc.meta.lang_confidence = 1.0;
    doc.meta.lang_from_meta = true;
    doc.meta.date = gold->date;
    if (Status ps = pipeline.Process(&doc); !ps.ok()) {
      ++r.failed;
      r.bad_files.push_back(text_path.string() + ": not coded: " + ps.ToString());
      doc.quotes.clear();
    }
    ScoreQuotes(*gold, doc, &r, &r.errors);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace cronista::eval
