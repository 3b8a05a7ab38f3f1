#include "text/text_rules.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "text/normalize.h"

namespace cronista {

namespace {

namespace fs = std::filesystem;

// Splits a line into white-space separated fields, dropping a comment that
// starts with '#' at the beginning of the line or after white space.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] == '#') break;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

bool HasLetter(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && u_isalpha(c)) return true;
  }
  return false;
}

bool FirstLetterIsUpper(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && u_isalpha(c)) return u_isupper(c) || u_istitle(c);
  }
  return false;
}

// Reads `path` line by line, calling `fn(line_number, line)`; a missing file
// is not an error (`*found` tells). Stops at the first error `fn` returns.
template <typename Fn>
Status ForEachLine(const fs::path& path, bool* found, Fn fn) {
  std::error_code ec;
  *found = fs::is_regular_file(path, ec);
  if (!*found) return Status::Ok();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path.string());
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view view(line);
    if (number == 1 && view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
    CRONISTA_RETURN_IF_ERROR(fn(number, view));
  }
  if (in.bad()) return Status::IoError("error reading " + path.string());
  return Status::Ok();
}

std::string Where(const fs::path& path, int line) {
  return path.string() + ":" + std::to_string(line) + ": ";
}

Status LoadAbbreviations(const fs::path& path, TextRules* rules) {
  bool found = false;
  return ForEachLine(path, &found, [&](int number, std::string_view line) -> Status {
    std::vector<std::string_view> f = Fields(line);
    if (f.empty()) return Status::Ok();
    bool may_end = false;
    if (f.size() == 2 && f[1] == "may-end") {
      may_end = true;
    } else if (f.size() >= 2) {
      return Status::InvalidArgument(Where(path, number) + "unexpected '" + std::string(f[1]) +
                                     "' after the abbreviation (only 'may-end' is allowed)");
    }
    if (!HasLetter(f[0])) {
      return Status::InvalidArgument(Where(path, number) + "abbreviation '" + std::string(f[0]) +
                                     "' has no letter");
    }
    rules->AddAbbreviation(f[0], may_end);
    return Status::Ok();
  });
}

Status LoadTokenizerSettings(const fs::path& path, TextRules* rules) {
  bool found = false;
  return ForEachLine(path, &found, [&](int number, std::string_view line) -> Status {
    std::vector<std::string_view> f = Fields(line);
    if (f.empty()) return Status::Ok();
    const std::string_view key = f[0];
    auto bad = [&](const std::string& what) {
      return Status::InvalidArgument(Where(path, number) + what);
    };
    if (key == "elision") {
      if (f.size() != 2 || (f[1] != "yes" && f[1] != "no")) {
        return bad("'elision' takes one value, yes or no");
      }
      rules->split_elision = f[1] == "yes";
      return Status::Ok();
    }
    if (key != "clitics" && key != "elision_prefixes" && key != "apostrophe_words" &&
        key != "quote_cues") {
      return bad("unknown key '" + std::string(key) + "'");
    }
    if (f.size() < 2) return bad("'" + std::string(key) + "' needs at least one value");
    for (size_t i = 1; i < f.size(); ++i) {
      std::string v = NormalizeToken(f[i]);
      if (key == "clitics") {
        if (v.find('\'') == std::string::npos) {
          return bad("clitic '" + std::string(f[i]) + "' has no apostrophe");
        }
        rules->clitic_suffixes.push_back(std::move(v));
      } else if (key == "elision_prefixes") {
        if (!v.empty() && v.back() == '\'') v.pop_back();
        if (v.empty() || v.find('\'') != std::string::npos) {
          return bad("bad elision prefix '" + std::string(f[i]) + "'");
        }
        rules->elision_prefixes.insert(std::move(v));
      } else if (key == "apostrophe_words") {
        if (v.size() < 2 || v.back() != '\'') {
          return bad("apostrophe word '" + std::string(f[i]) + "' must end with an apostrophe");
        }
        rules->apostrophe_words.insert(std::move(v));
      } else {
        rules->quote_cues.insert(std::move(v));
      }
    }
    return Status::Ok();
  });
}

}  // namespace

void TextRules::AddAbbreviation(std::string_view as_written, bool may_end) {
  std::string folded = NormalizeToken(as_written);
  if (folded.empty()) return;
  abbreviations_as_written.emplace_back(as_written);
  // Cased only when every spelling in the file starts upper-case ("Sen." and
  // "sen." together match both).
  if (!FirstLetterIsUpper(as_written)) {
    cased_abbreviations.erase(folded);
  } else if (abbreviations.count(folded) == 0) {
    cased_abbreviations.insert(folded);
  }
  if (may_end) sentence_final_abbreviations.insert(folded);
  for (size_t dot = folded.find('.'); dot != std::string::npos && dot + 1 < folded.size();
       dot = folded.find('.', dot + 1)) {
    abbreviation_prefixes.insert(folded.substr(0, dot + 1));
  }
  if (folded.find('.') == std::string::npos) {
    max_plain_abbreviation_length = std::max(max_plain_abbreviation_length, folded.size());
    const auto b = static_cast<unsigned char>(as_written[0]);
    if (b >= 0x80) {
      for (int i = 0xC0; i < 0x100; ++i) plain_abbreviation_initials.set(i);  // any letter
    } else {
      plain_abbreviation_initials.set(b);
      if (!FirstLetterIsUpper(as_written)) {
        plain_abbreviation_initials.set(static_cast<unsigned char>(std::toupper(b)));
        plain_abbreviation_initials.set(static_cast<unsigned char>(std::tolower(b)));
      }
    }
  }
  abbreviations.insert(std::move(folded));
}

Result<TextRules> LoadTextRules(const std::string& lang_dir, const std::string& lang) {
  TextRules rules;
  rules.lang = lang;
  std::error_code ec;
  if (lang_dir.empty() || !fs::is_directory(lang_dir, ec)) return rules;
  const fs::path dir(lang_dir);
  CRONISTA_RETURN_IF_ERROR(LoadAbbreviations(dir / "abbreviations.txt", &rules));
  CRONISTA_RETURN_IF_ERROR(LoadTokenizerSettings(dir / "tokenizer.txt", &rules));
  return rules;
}

}  // namespace cronista
