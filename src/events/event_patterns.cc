#include "events/event_patterns.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cronista {

namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? s.npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// ASCII lower case; pattern words are written in lower case already, but a
// capitalised word in a data file should not silently never match.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsCode(std::string_view c) {
  if (c.size() < 2 || c.size() > 4) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

Status ParsePattern(std::string_view text, EventPattern* p) {
  std::vector<std::string_view> elems;
  for (std::string_view e : Split(text, ' ')) {
    if (!e.empty()) elems.push_back(e);
  }
  if (elems.empty()) return Status::InvalidArgument("empty pattern");
  // Head.
  bool noun = false, verb = false;
  for (std::string_view alt : Split(elems[0], '|')) {
    if (alt.rfind("n:", 0) == 0) {
      noun = true;
      alt.remove_prefix(2);
    } else {
      verb = true;
    }
    if (alt.empty() || alt == "+" || alt == "$" || alt == "*") {
      return Status::InvalidArgument("pattern head '" + std::string(elems[0]) + "' is not a word");
    }
    p->heads.push_back(Lower(alt));
  }
  if (noun && verb) {
    return Status::InvalidArgument("head '" + std::string(elems[0]) + "' mixes verbs and n: nouns");
  }
  p->head_kind = noun ? HeadKind::kNoun : HeadKind::kVerb;
  for (size_t i = 1; i < elems.size(); ++i) {
    PatternElement el;
    std::string_view e = elems[i];
    if (e == "+") {
      el.kind = PatternElement::Kind::kTarget;
    } else if (e == "$") {
      el.kind = PatternElement::Kind::kSource;
    } else if (e == "*") {
      el.kind = PatternElement::Kind::kGap;
    } else {
      for (std::string_view alt : Split(e, '|')) {
        if (alt.empty()) {
          return Status::InvalidArgument("empty alternative in '" + std::string(e) + "'");
        }
        std::vector<std::string> words;
        for (std::string_view w : Split(alt, '_')) {
          if (w.empty()) {
            return Status::InvalidArgument("empty word in '" + std::string(alt) + "'");
          }
          words.push_back(Lower(w));
        }
        el.alternatives.push_back(std::move(words));
      }
    }
    p->after.push_back(std::move(el));
  }
  return Status::Ok();
}

}  // namespace

Status ParseEventPatterns(std::string_view text, std::string_view rule_prefix,
                          std::vector<EventPattern>* out) {
  int line_no = 0;
  bool header = false;
  for (std::string_view line : Split(text, '\n')) {
    ++line_no;
    auto where = [&]() { return std::string(rule_prefix) + ":" + std::to_string(line_no) + ": "; };
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.rfind("#!", 0) == 0) {
      if (Trim(line) != "#! cronista-events 1") {
        return Status::InvalidArgument(where() + "unknown format line '" + std::string(line) +
                                       "' (expected '#! cronista-events 1')");
      }
      header = true;
      continue;
    }
    // A comment starts with '#' at the start of a field or after a space.
    size_t hash = line.find('#');
    while (hash != std::string_view::npos && hash > 0 && line[hash - 1] != ' ' &&
           line[hash - 1] != '\t') {
      hash = line.find('#', hash + 1);
    }
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    if (Trim(line).empty()) continue;
    if (!header) {
      return Status::InvalidArgument(where() + "missing '#! cronista-events 1' first line");
    }
    std::vector<std::string_view> fields = Split(line, '\t');
    if (fields.size() < 3 || fields.size() > 4) {
      return Status::InvalidArgument(where() + "expected 3 or 4 TAB-separated fields, found " +
                                     std::to_string(fields.size()));
    }
    EventPattern p;
    p.rule = std::string(rule_prefix) + ":" + std::to_string(line_no);
    std::string_view code = Trim(fields[0]);
    size_t colon = code.find(':');
    p.code = std::string(code.substr(0, colon));
    if (colon != std::string_view::npos) p.paired = std::string(code.substr(colon + 1));
    if (!IsCode(p.code) || (colon != std::string_view::npos && !IsCode(p.paired))) {
      return Status::InvalidArgument(where() + "bad CAMEO code '" + std::string(code) + "'");
    }
    Status st = ParsePattern(Trim(fields[1]), &p);
    if (!st.ok()) return Status::InvalidArgument(where() + std::string(st.message()));
    std::string_view flags = Trim(fields[2]);
    if (flags != "-") {
      for (std::string_view f : Split(flags, ',')) {
        f = Trim(f);
        if (f == "mutual") {
          p.mutual = true;
        } else if (f == "future") {
          p.future = true;
        } else {
          return Status::InvalidArgument(where() + "unknown flag '" + std::string(f) + "'");
        }
      }
    }
    if (fields.size() == 4) {
      std::string_view ex = Trim(fields[3]);
      size_t arrow = ex.rfind(" => ");
      if (arrow != std::string_view::npos) {
        std::istringstream codes{std::string(ex.substr(arrow + 4))};
        std::string src, tgt, extra;
        if (!(codes >> src >> tgt) || (codes >> extra)) {
          return Status::InvalidArgument(where() + "example must end with '=> SOURCE TARGET'");
        }
        if (src != "-") p.expect_source = src;
        if (tgt != "-") p.expect_target = tgt;
        ex = Trim(ex.substr(0, arrow));
      }
      p.example = std::string(ex);
    }
    out->push_back(std::move(p));
  }
  return Status::Ok();
}

Status LoadEventPatternDir(const std::string& dir, std::string_view lang,
                           std::vector<EventPattern>* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") {
      files.push_back(entry.path());
    }
  }
  if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::IoError("cannot read " + f.string());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string prefix = std::string(lang) + "/events/" + f.filename().string();
    CRONISTA_RETURN_IF_ERROR(ParseEventPatterns(ss.str(), prefix, out));
  }
  return Status::Ok();
}

}  // namespace cronista
