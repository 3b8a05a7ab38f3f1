#include "eval/time_eval.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <utility>

#include "text/utf8.h"

namespace cronista::eval {

namespace {

namespace fs = std::filesystem;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

size_t LineAt(std::string_view xml, size_t pos) {
  return 1 + static_cast<size_t>(std::count(xml.begin(), xml.begin() + pos, '\n'));
}

// Decodes the entity or character reference at xml[i] ('&') into *out and
// returns the bytes it took; an unknown or malformed one is copied as a
// literal '&' (1 byte), as a lenient reader of hand-edited files should.
size_t DecodeEntity(std::string_view xml, size_t i, std::string* out) {
  const size_t semi = xml.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) {
    out->push_back('&');
    return 1;
  }
  const std::string_view name = xml.substr(i + 1, semi - i - 1);
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& [n, c] : kNamed) {
    if (name == n) {
      out->push_back(c);
      return semi - i + 1;
    }
  }
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    uint32_t cp = 0;
    bool ok = !digits.empty();
    for (char c : digits) {
      int d = c >= '0' && c <= '9'          ? c - '0'
              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : -1;
      if (d < 0 || cp > 0x10FFFF) {
        ok = false;
        break;
      }
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    if (ok && cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
      uint8_t buf[4];
      int32_t len = 0;
      U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(cp));
      out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
      return semi - i + 1;
    }
  }
  out->push_back('&');
  return 1;
}

std::string DecodeText(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      i += DecodeEntity(s, i, &out);
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// A tag's name and the value of one attribute ("" when absent). `tag` is the
// text between '<' and '>'.
std::string_view TagName(std::string_view tag) {
  size_t n = 0;
  while (n < tag.size() && !IsSpace(tag[n]) && tag[n] != '/' && tag[n] != '>') ++n;
  return tag.substr(0, n);
}

std::string Attribute(std::string_view tag, std::string_view name) {
  size_t i = TagName(tag).size();
  while (i < tag.size()) {
    while (i < tag.size() && (IsSpace(tag[i]) || tag[i] == '/')) ++i;
    const size_t n0 = i;
    while (i < tag.size() && tag[i] != '=' && !IsSpace(tag[i])) ++i;
    const std::string_view attr = tag.substr(n0, i - n0);
    while (i < tag.size() && IsSpace(tag[i])) ++i;
    if (i >= tag.size() || tag[i] != '=') return "";  // malformed: give up
    ++i;
    while (i < tag.size() && IsSpace(tag[i])) ++i;
    if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) return "";
    const size_t close = tag.find(tag[i], i + 1);
    if (close == std::string_view::npos) return "";
    if (attr == name) return DecodeText(tag.substr(i + 1, close - i - 1));
    i = close + 1;
  }
  return "";
}

// The position of the opening tag <NAME> or <NAME ...> at or after `from`,
// npos when none; *after gets the position past its '>'.
size_t FindOpenTag(std::string_view xml, std::string_view name, size_t from, size_t* after) {
  for (size_t i = xml.find('<', from); i != std::string_view::npos; i = xml.find('<', i + 1)) {
    if (xml.substr(i + 1, name.size()) != name) continue;
    const size_t next = i + 1 + name.size();
    if (next < xml.size() && xml[next] != '>' && !IsSpace(xml[next]) && xml[next] != '/') {
      continue;
    }
    const size_t gt = xml.find('>', next);
    if (gt == std::string_view::npos) return std::string_view::npos;
    *after = gt + 1;
    return i;
  }
  return std::string_view::npos;
}

// The value of the creation time: the TIMEX3 in DCT, else the first TIMEX3
// outside [text_begin, text_end) whose functionInDocument is CREATION_TIME.
std::string CreationTime(std::string_view xml, size_t text_begin, size_t text_end) {
  size_t after = 0;
  if (size_t dct = FindOpenTag(xml, "DCT", 0, &after);
      dct != std::string_view::npos && dct < text_begin) {
    const size_t end = xml.find("</DCT>", after);
    size_t tag_end = 0;
    const size_t t = FindOpenTag(xml, "TIMEX3", after, &tag_end);
    if (t != std::string_view::npos && (end == std::string_view::npos || t < end)) {
      return Attribute(xml.substr(t + 1, tag_end - t - 2), "value");
    }
  }
  for (size_t from = 0;;) {
    const size_t t = FindOpenTag(xml, "TIMEX3", from, &after);
    if (t == std::string_view::npos) return "";
    from = after;
    if (t >= text_begin && t < text_end) continue;
    const std::string_view tag = xml.substr(t + 1, after - t - 2);
    if (Attribute(tag, "functionInDocument") == "CREATION_TIME") return Attribute(tag, "value");
  }
}

int TypeIndex(std::string_view type) {
  for (int i = 0; i < 4; ++i) {
    if (TimeTypeName(static_cast<TimeType>(i)) == type) return i;
  }
  return -1;
}

std::string Describe(std::string_view type, std::string_view value) {
  return std::string(type) + " " + (value.empty() ? "\"\"" : std::string(value));
}

std::string Describe(const TimeExpr& t) {
  std::string s = Describe(TimeTypeName(t.type), t.value);
  if (!t.rule.empty()) s += " " + t.rule;
  return s;
}

std::string Row(std::string_view doc, std::string_view kind, std::string_view text,
                std::string_view gold, std::string_view predicted) {
  std::string row = EvalCell(doc);
  row += '\t';
  row += kind;
  row += '\t';
  row += EvalCell(text);
  row += '\t';
  row += EvalCell(gold);
  row += '\t';
  row += EvalCell(predicted);
  return row;
}

}  // namespace

Result<TimeMlDocument> ParseTimeMl(std::string_view xml, std::string_view name) {
  const std::string where(name);
  if (!ScanUtf8(xml).valid()) return Status::InvalidArgument(where + ": not UTF-8");
  xml = StripUtf8Bom(xml);
  TimeMlDocument doc;
  doc.id = where;
  size_t after = 0;
  if (size_t d = FindOpenTag(xml, "DOCID", 0, &after); d != std::string_view::npos) {
    const size_t end = xml.find('<', after);
    const std::string id = DecodeText(Trim(xml.substr(after, end - after)));
    if (!id.empty()) doc.id = id;
  }
  size_t begin = 0;
  if (FindOpenTag(xml, "TEXT", 0, &begin) == std::string_view::npos) {
    return Status::InvalidArgument(where + ": no <TEXT> element");
  }
  const size_t end = xml.find("</TEXT>", begin);
  if (end == std::string_view::npos) return Status::InvalidArgument(where + ": no </TEXT>");
  doc.dct_value = CreationTime(xml, begin, end);
  if (auto date = PartialDate::Parse(doc.dct_value)) doc.dct = *date;

  struct Open {
    uint32_t start;  // in the stripped text
    size_t at;       // of the tag in the file, for messages
    std::string tid, type, value;
  };
  std::vector<Open> open;
  std::string& text = doc.text;
  text.reserve(end - begin);
  auto error = [&](size_t pos, std::string_view what) {
    return Status::InvalidArgument(where + ":" + std::to_string(LineAt(xml, pos)) + ": " +
                                   std::string(what));
  };
  for (size_t i = begin; i < end;) {
    const char c = xml[i];
    if (c == '&') {
      i += DecodeEntity(xml.substr(0, end), i, &text);
      continue;
    }
    if (c != '<') {
      text.push_back(c);
      ++i;
      continue;
    }
    const std::string_view rest = xml.substr(i, end - i);
    if (rest.starts_with("<!--")) {
      const size_t close = rest.find("-->");
      if (close == std::string_view::npos) return error(i, "comment not closed");
      i += close + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      const size_t close = rest.find("]]>");
      if (close == std::string_view::npos) return error(i, "CDATA not closed");
      text.append(rest.substr(9, close - 9));
      i += close + 3;
      continue;
    }
    const size_t gt = rest.find('>');
    if (gt == std::string_view::npos) return error(i, "tag not closed");
    const std::string_view tag = rest.substr(1, gt - 1);
    i += gt + 1;
    if (tag.starts_with("/")) {
      if (TagName(tag.substr(1)) != "TIMEX3") continue;
      if (open.empty()) return error(i - 1, "</TIMEX3> without <TIMEX3>");
      Open o = std::move(open.back());
      open.pop_back();
      const uint32_t e = static_cast<uint32_t>(text.size());
      if (e == o.start) {
        ++doc.empty_timexes;
      } else {
        doc.timexes.push_back(
            {o.start, e, std::move(o.tid), std::move(o.type), std::move(o.value)});
      }
      continue;
    }
    if (TagName(tag) != "TIMEX3") continue;  // EVENT, SIGNAL, <?...?>, anything else
    if (tag.ends_with("/")) {
      ++doc.empty_timexes;  // a non-consuming expression
      continue;
    }
    if (text.size() >= UINT32_MAX / 2) return Status::ResourceExhausted(where + ": too large");
    open.push_back({static_cast<uint32_t>(text.size()), i - gt - 1, Attribute(tag, "tid"),
                    Attribute(tag, "type"), Attribute(tag, "value")});
  }
  if (!open.empty()) {
    return error(open.back().at, "<TIMEX3 tid=\"" + open.back().tid + "\"> not closed");
  }
  if (!ScanUtf8(text).valid()) return Status::InvalidArgument(where + ": not UTF-8 once decoded");
  std::stable_sort(doc.timexes.begin(), doc.timexes.end(),
                   [](const GoldTimex& a, const GoldTimex& b) { return a.start < b.start; });
  return doc;
}

void ScoreTimes(const TimeMlDocument& gold, const std::vector<TimeExpr>& predicted,
                TimeEvalResult* r, std::vector<std::string>* errors) {
  const std::string_view text = gold.text;
  const uint32_t size = static_cast<uint32_t>(text.size());
  r->empty_timexes += gold.empty_timexes;
  struct Pred {
    uint32_t start, end;
    const TimeExpr* expr;
  };
  std::vector<Pred> preds;
  preds.reserve(predicted.size());
  for (const TimeExpr& t : predicted) {
    const uint32_t s = std::min(t.start, size);
    preds.push_back({s, std::min(std::max(t.end, s), size), &t});
  }
  auto span = [&](uint32_t s, uint32_t e) { return text.substr(s, e - s); };

  for (const GoldTimex& g : gold.timexes) {
    ++r->strict.gold;
    ++r->relaxed.gold;
    const int type = TypeIndex(g.type);
    if (type >= 0) {
      ++r->gold_by_type[type];
    } else {
      ++r->other_type;
    }
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
    const std::string gdesc = Describe(g.type, g.value);
    if (best == nullptr) {
      if (errors != nullptr) errors->push_back(Row(gold.id, "FN", span(g.start, g.end), gdesc, ""));
      continue;
    }
    if (exact) ++r->strict.gold_found;
    ++r->relaxed.gold_found;
    if (type >= 0) ++r->found_by_type[type];
    const TimeExpr& p = *best->expr;
    const bool type_ok = TimeTypeName(p.type) == g.type;
    const bool value_ok = p.value == g.value;
    r->type_correct += type_ok ? 1 : 0;
    r->value_correct += value_ok ? 1 : 0;
    if (errors == nullptr) continue;
    const std::string pdesc = "'" + std::string(span(best->start, best->end)) + "' " + Describe(p);
    if (!exact) errors->push_back(Row(gold.id, "SPAN", span(g.start, g.end), gdesc, pdesc));
    if (!type_ok) errors->push_back(Row(gold.id, "TYPE", span(g.start, g.end), gdesc, pdesc));
    if (!value_ok) errors->push_back(Row(gold.id, "VALUE", span(g.start, g.end), gdesc, pdesc));
  }

  for (const Pred& p : preds) {
    ++r->strict.predicted;
    ++r->relaxed.predicted;
    bool exact = false, overlap = false;
    for (const GoldTimex& g : gold.timexes) {
      exact = exact || (p.start == g.start && p.end == g.end);
      overlap = overlap || (p.start < g.end && g.start < p.end);
    }
    r->strict.predicted_correct += exact ? 1 : 0;
    r->relaxed.predicted_correct += overlap ? 1 : 0;
    if (!overlap && errors != nullptr) {
      errors->push_back(Row(gold.id, "FP", span(p.start, p.end), "", Describe(*p.expr)));
    }
  }
}

Result<TimeEvalResult> EvaluateTimes(const Pipeline& pipeline, const std::string& dir,
                                     size_t limit) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a folder");
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".tml") files.push_back(it->path());
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  if (files.empty()) return Status::NotFound(dir + ": no .tml files");
  std::sort(files.begin(), files.end());

  TimeEvalResult r;
  const auto t0 = std::chrono::steady_clock::now();
  std::string xml;
  for (const fs::path& path : files) {
    if (limit > 0 && r.documents >= limit) break;
    const std::string p = path.string();
    if (Status st = ReadEvalFile(p, &xml); !st.ok()) {
      r.bad_files.push_back(st.message());
      continue;
    }
    auto gold = ParseTimeMl(xml, p);  // messages name the path
    if (!gold.ok()) {
      r.bad_files.push_back(gold.status().message());
      continue;
    }
    if (gold->id == p) gold->id = path.stem().string();
    ++r.documents;
    if (!gold->dct.known()) ++r.no_dct;
    Document doc;
    doc.text = gold->text;
    doc.meta.id = gold->id;
    doc.meta.origin = p;
    doc.meta.lang = "en";
    doc.meta.lang_confidence = 1.0;
    doc.meta.lang_from_meta = true;
    doc.meta.date = gold->dct;
    if (Status ps = pipeline.Process(&doc); !ps.ok()) {
      ++r.failed;
      r.bad_files.push_back(p + ": not coded: " + ps.ToString());
      doc.times.clear();
    }
    ScoreTimes(*gold, doc.times, &r, &r.errors);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace cronista::eval
