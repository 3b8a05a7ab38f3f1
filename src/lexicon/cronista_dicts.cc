#include "lexicon/cronista_dicts.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cronista {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> Alternatives(std::string_view field) {
  std::vector<std::string> out;
  for (const std::string& p : Split(field, '|')) {
    std::string t = Trim(p);
    if (!t.empty() && t != "-") out.push_back(std::move(t));
  }
  return out;
}

// Calls fn(line_number, fields) for every data line of a tab-separated file.
template <typename Fn>
Status ForEachRow(const std::string& path, Fn fn) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || line[0] == '#') continue;
    Status st = fn(n, Split(line, '\t'));
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

// Rule names are relative to the data folder: "data/it/actors.tsv:12".
std::string RuleName(const std::string& path, int line) {
  fs::path p(path);
  std::string name = p.filename().string();
  fs::path parent = p.parent_path();
  for (int i = 0; i < 2 && !parent.empty() && parent.filename() != "data"; ++i) {
    name = parent.filename().string() + "/" + name;
    parent = parent.parent_path();
  }
  return "data/" + name + ":" + std::to_string(line);
}

Status BadRow(const std::string& path, int line, const std::string& what) {
  return Status::InvalidArgument(path + ":" + std::to_string(line) + ": " + what);
}

MentionKind KindOf(const std::string& kind, bool* ok) {
  *ok = true;
  if (kind == "country" || kind == "demonym" || kind == "region") return MentionKind::kCountry;
  if (kind == "capital") return MentionKind::kPlace;
  if (kind == "group") return MentionKind::kGroup;
  if (kind == "metonym" || kind == "org" || kind == "party" || kind == "media") {
    return MentionKind::kOrg;
  }
  *ok = false;
  return MentionKind::kOrg;
}

}  // namespace

Result<CountryTable> LoadCountries(const std::string& path) {
  CountryTable t;
  Status st = ForEachRow(path, [&](int n, const std::vector<std::string>& f) {
    if (f.size() < 5) return BadRow(path, n, "want 5 fields: alpha2 alpha3 numeric cameo regions");
    CountryInfo c{Trim(f[0]), Trim(f[1]), Trim(f[3]), Alternatives(f[4])};
    if (c.cameo.size() != 3) return BadRow(path, n, "bad CAMEO code '" + c.cameo + "'");
    t.cameo_by_alpha2[c.alpha2] = c.cameo;
    t.by_cameo[c.cameo] = std::move(c);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return t;
}

Status LoadPeople(const std::string& dir, DictionarySet* out) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".tsv") files.push_back(e.path().string());
  }
  if (ec) return Status::NotFound("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const std::string& path : files) {
    Status st = ForEachRow(path, [&](int n, const std::vector<std::string>& f) {
      if (f.size() != 5) return BadRow(path, n, "want 5 fields: id names short gender roles");
      ActorSpec a;
      a.kind = MentionKind::kPerson;
      a.entity = Trim(f[0]);
      a.phrases = Alternatives(f[1]);
      if (a.phrases.empty()) return BadRow(path, n, "no name");
      a.name = a.phrases[0];
      a.short_phrases = Alternatives(f[2]);
      std::string g = Trim(f[3]);
      a.gender = g.empty() ? '-' : g[0];
      a.rule = RuleName(path, n);
      a.subkind = "person";
      for (const std::string& role : Split(f[4], ';')) {
        std::string r = Trim(role);
        if (r.empty()) continue;
        std::vector<std::string> parts = Split(r, ' ');
        if (parts.size() != 3) return BadRow(path, n, "bad role '" + r + "'");
        size_t dots = parts[2].find("..");
        if (dots == std::string::npos) return BadRow(path, n, "role dates need '..': " + r);
        DatedCode dc;
        dc.code = parts[0];
        dc.office = parts[1];
        std::string from = parts[2].substr(0, dots), to = parts[2].substr(dots + 2);
        if (!from.empty() && !ParseDayNumber(from, false, &dc.start)) {
          return BadRow(path, n, "bad start date in '" + r + "'");
        }
        if (!to.empty() && !ParseDayNumber(to, true, &dc.end)) {
          return BadRow(path, n, "bad end date in '" + r + "'");
        }
        a.dated.push_back(std::move(dc));
      }
      out->actors.push_back(std::move(a));
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

Status LoadActorPhrases(const std::string& path, DictionarySet* out) {
  return ForEachRow(path, [&](int n, const std::vector<std::string>& f) {
    if (f.size() < 3) return BadRow(path, n, "want phrase, code, kind[, example]");
    ActorSpec a;
    a.phrases = Alternatives(f[0]);
    if (a.phrases.empty()) return BadRow(path, n, "no phrase");
    a.code = Trim(f[1]);
    a.subkind = Trim(f[2]);
    bool ok;
    a.kind = KindOf(a.subkind, &ok);
    if (!ok) return BadRow(path, n, "unknown kind '" + a.subkind + "'");
    a.name = a.phrases[0];
    // Names of a country (names, demonyms, regions) are one entity with the
    // code; other actors are one entity per line.
    a.entity = a.kind == MentionKind::kCountry ? a.code : a.code + ":" + a.name;
    a.rule = RuleName(path, n);
    out->actors.push_back(std::move(a));
    return Status::Ok();
  });
}

Status LoadRolePhrases(const std::string& path, DictionarySet* out) {
  return ForEachRow(path, [&](int n, const std::vector<std::string>& f) {
    if (f.size() < 3) return BadRow(path, n, "want phrase, sector, office[, example]");
    AgentSpec a;
    a.phrases = Alternatives(f[0]);
    if (a.phrases.empty()) return BadRow(path, n, "no phrase");
    a.sector = Trim(f[1]) == "-" ? "" : Trim(f[1]);
    a.office = Trim(f[2]) == "-" ? "" : Trim(f[2]);
    a.rule = RuleName(path, n);
    out->agents.push_back(std::move(a));
    return Status::Ok();
  });
}

Status LoadRegions(const std::string& path, const std::string& lang, DictionarySet* out) {
  size_t column = lang == "it" ? 2 : lang == "en" ? 1 : 0;
  if (column == 0) return Status::Ok();
  return ForEachRow(path, [&](int n, const std::vector<std::string>& f) {
    if (f.size() < 4) return BadRow(path, n, "want code, name_en, name_it, kind");
    ActorSpec a;
    a.kind = MentionKind::kCountry;
    a.code = Trim(f[0]);
    a.phrases = Alternatives(f[column]);
    a.name = a.phrases.empty() ? a.code : a.phrases[0];
    a.entity = a.code;
    a.subkind = "region";
    a.rule = RuleName(path, n);
    if (!a.phrases.empty()) out->actors.push_back(std::move(a));
    return Status::Ok();
  });
}

Status AddCldrCountryNames(const CountryTable& countries, const std::string& lang,
                           DictionarySet* out) {
  icu::Locale display(lang.c_str());
  for (const auto& [alpha2, cameo] : countries.cameo_by_alpha2) {
    icu::Locale region("", alpha2.c_str());
    icu::UnicodeString name;
    region.getDisplayCountry(display, name);
    std::string utf8;
    name.toUTF8String(utf8);
    // ICU echoes the code back when it has no name.
    if (utf8.empty() || utf8 == alpha2) continue;
    ActorSpec a;
    a.kind = MentionKind::kCountry;
    a.code = cameo;
    a.entity = cameo;
    a.name = utf8;
    a.phrases.push_back(utf8);
    a.subkind = "country";
    a.rule = "cldr:" + lang + ":" + alpha2;
    out->actors.push_back(std::move(a));
  }
  return Status::Ok();
}

Result<std::vector<InflectionRule>> LoadInflections(const std::string& path) {
  std::vector<InflectionRule> rules;
  std::ifstream in(path);
  if (!in) return rules;  // no file: no generated forms
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (Trim(line).empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    InflectionRule r;
    ss >> r.kind >> r.ending;
    for (std::string w; ss >> w;) r.replacements.push_back(w);
    if (r.ending.empty() || r.replacements.empty()) {
      return BadRow(path, n, "want: kind ending replacement...");
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

void Inflect(const std::vector<InflectionRule>& rules, DictionarySet* dicts) {
  for (ActorSpec& a : dicts->actors) {
    std::vector<std::string> added;
    for (const std::string& phrase : a.phrases) {
      const InflectionRule* best = nullptr;
      for (const InflectionRule& r : rules) {
        if (r.kind != a.subkind || phrase.size() <= r.ending.size() + 1) continue;
        if (!phrase.ends_with(r.ending) || phrase.back() == ' ') continue;
        if (best == nullptr || r.ending.size() > best->ending.size()) best = &r;
      }
      if (best == nullptr) continue;
      std::string stem = phrase.substr(0, phrase.size() - best->ending.size());
      for (const std::string& rep : best->replacements) added.push_back(stem + rep);
    }
    for (std::string& form : added) {
      if (std::find(a.phrases.begin(), a.phrases.end(), form) == a.phrases.end()) {
        a.phrases.push_back(std::move(form));
      }
    }
  }
}

Status LoadLanguageDictionaries(const std::string& data_dir, const std::string& lang,
                                const CountryTable& countries, DictionarySet* out) {
  std::error_code ec;
  std::string people = data_dir + "/common/people";
  if (fs::is_directory(people, ec)) CRONISTA_RETURN_IF_ERROR(LoadPeople(people, out));
  CRONISTA_RETURN_IF_ERROR(AddCldrCountryNames(countries, lang, out));
  std::string regions = data_dir + "/common/regions.tsv";
  if (fs::exists(regions, ec)) CRONISTA_RETURN_IF_ERROR(LoadRegions(regions, lang, out));
  // Names written alike in every language (companies), then the language's own.
  std::string common_actors = data_dir + "/common/actors.tsv";
  if (fs::exists(common_actors, ec)) {
    CRONISTA_RETURN_IF_ERROR(LoadActorPhrases(common_actors, out));
  }
  std::string actors = data_dir + "/" + lang + "/actors.tsv";
  if (fs::exists(actors, ec)) CRONISTA_RETURN_IF_ERROR(LoadActorPhrases(actors, out));
  auto inflections = LoadInflections(data_dir + "/" + lang + "/inflections.txt");
  if (!inflections.ok()) return inflections.status();
  Inflect(*inflections, out);
  std::string roles = data_dir + "/" + lang + "/roles.tsv";
  if (fs::exists(roles, ec)) CRONISTA_RETURN_IF_ERROR(LoadRolePhrases(roles, out));
  return Status::Ok();
}

}  // namespace cronista
