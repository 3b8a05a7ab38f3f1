#include "lexicon/petrarch_actors.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>
#include <utility>

#include "lexicon/petrarch_source.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace cronista {

namespace {

namespace fs = std::filesystem;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

void Note(PetrarchLoadStats* stats, std::string note) {
  if (stats != nullptr) stats->notes.push_back(std::move(note));
}

// A dictionary file in memory, split into lines (without line ends).
using SourceFile = PetrarchSource;

Status ReadSource(const std::string& path, SourceFile* f, PetrarchLoadStats* stats) {
  CRONISTA_RETURN_IF_ERROR(ReadPetrarchSource(path, f, stats ? &stats->notes : nullptr));
  if (stats != nullptr) ++stats->files;
  return Status::Ok();
}

// The line without its comment: '#' starts a comment anywhere on a line.
std::string_view Body(std::string_view line) { return line.substr(0, line.find('#')); }
std::string_view Comment(std::string_view line) {
  size_t h = line.find('#');
  return h == std::string_view::npos ? std::string_view() : line.substr(h);
}

// Words of a PETRARCH phrase joined by single spaces, as written: '_' and
// blanks separate words, control characters are dropped.
std::string SpacedWords(std::string_view phrase) {
  std::string out;
  bool space = false;
  for (char ch : phrase) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '_' || IsBlank(ch)) {
      space = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7f) continue;
    if (space) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  return out;
}

// "VLADIMIR V. PUTIN" -> "Vladimir V. Putin", "AL-QAEDA" -> "Al-Qaeda",
// "O'NEIL" -> "O'Neil", "PEOPLE'S" -> "People's".
std::string TitleCase(std::string_view spaced) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(spaced.data(), static_cast<int32_t>(spaced.size())));
  icu::UnicodeString out;
  UChar32 prev = 0;
  int32_t run = 0;                // letters in the current word so far
  int32_t run_at_apostrophe = 0;  // letters before the last apostrophe
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalpha(c)) {
      bool upper = prev == '\'' ? run_at_apostrophe == 1 : !u_isalnum(prev);
      out.append(upper ? u_totitle(c) : u_tolower(c));
      ++run;
    } else {
      if (c == '\'') run_at_apostrophe = run;
      run = 0;
      out.append(c);
    }
    prev = c;
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

// Stable id part for a head phrase: words joined by '_', case kept.
std::string HeadId(std::string_view head) {
  std::string id = SpacedWords(head);
  std::replace(id.begin(), id.end(), ' ', '_');
  return id;
}

// --- Dates -----------------------------------------------------------------

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool MakeDay(int y, int m, int d, DayNumber* out) {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  *out = y * 10000 + m * 100 + d;
  return true;
}

DayNumber DayBefore(DayNumber n) {
  int y = n / 10000, m = n / 100 % 100, d = n % 100;
  if (--d == 0) {
    if (--m == 0) {
      m = 12;
      --y;
    }
    d = DaysInMonth(y, m);
  }
  return y * 10000 + m * 100 + d;
}

// ParsePetrarchDate, plus readings for the odd lengths found in the real
// files; `*how` says which reading was used when it was not a standard one.
bool ReadDate(std::string_view s, DayNumber* out, std::string* how) {
  if (ParsePetrarchDate(s, out)) return true;
  if (!AllDigits(s)) return false;
  // PETRARCH reads anything longer than 6 digits as yyyy mm and the rest as
  // the day: "2004017" is 2004-01-07, "201005011" 2010-05-11.
  if (s.size() == 7 || s.size() == 9) {
    if (MakeDay(ToInt(s.substr(0, 4)), ToInt(s.substr(4, 2)), ToInt(s.substr(6)), out)) {
      *how = "read as yyyy-mm-" + std::string(s.substr(6));
      return true;
    }
  }
  // A stray prefix before a full date: "1920030320" is 2003-03-20.
  if (s.size() > 8 && ParsePetrarchDate(s.substr(s.size() - 8), out)) {
    *how = "read as " + std::string(s.substr(s.size() - 8));
    return true;
  }
  return false;
}

// --- Codes -----------------------------------------------------------------

// One "[CODE date-restriction]" group.
struct CodeItem {
  std::string code;  // "" for the null code "---"
  bool dated = false;
  DayNumber start = kDawnOfTime, end = kEndOfTime;
};

bool IsCodeChar(char c) { return IsUpper(c) || IsDigit(c); }

// Parses the inside of a "[...]" group of an actor file. Returns "" and sets
// `*item` (or sets `*drop` with a reason in `*note` when a dated code cannot
// be used), or returns what is wrong.
std::string ParseActorCode(std::string_view inner, CodeItem* item, bool* drop, std::string* note) {
  inner = Trim(inner);
  if (inner.empty()) return "empty code '[]'";
  size_t sp = 0;
  while (sp < inner.size() && !IsBlank(inner[sp])) ++sp;
  const std::string_view code = inner.substr(0, sp);
  if (code != "---" && !std::all_of(code.begin(), code.end(), IsCodeChar)) {
    return "bad code '" + std::string(code) + "' (expected upper-case letters and digits)";
  }
  item->code = code == "---" ? "" : std::string(code);
  std::string rest;  // the date restriction without blanks: "> 130701" is ">130701"
  for (char c : inner.substr(sp)) {
    if (!IsBlank(c)) rest.push_back(c);
  }
  if (rest.empty()) return "";
  item->dated = true;
  const std::string shown = "[" + std::string(inner) + "]";
  auto read = [&](std::string_view digits, DayNumber* day) {
    std::string how;
    if (!ReadDate(digits, day, &how)) {
      *drop = true;
      *note = "unreadable date '" + std::string(digits) + "' in " + shown + "; code dropped";
      return false;
    }
    if (!how.empty()) *note = "date '" + std::string(digits) + "' in " + shown + " " + how;
    return true;
  };
  if (rest[0] == '>' || rest[0] == '<') {
    std::string_view digits = std::string_view(rest).substr(1);
    if (!AllDigits(digits)) return "bad date restriction '" + rest + "'";
    DayNumber day = 0;
    if (!read(digits, &day)) return "";
    if (rest[0] == '>') {
      item->start = day;
    } else {
      item->end = DayBefore(day);
    }
    return "";
  }
  size_t dash = rest.find('-');
  if (dash != std::string::npos) {
    std::string_view a = std::string_view(rest).substr(0, dash);
    std::string_view b = std::string_view(rest).substr(dash + 1);
    if (!AllDigits(a) || !AllDigits(b)) return "bad date restriction '" + rest + "'";
    if (!read(a, &item->start) || !read(b, &item->end)) return "";
    if (item->start > item->end) {
      *drop = true;
      *note = "empty date range in " + shown + " (ends before it starts); code dropped";
    }
    return "";
  }
  if (AllDigits(rest)) {  // "[USAGOV 19820101]": read as "from that day"
    if (!read(rest, &item->start)) return "";
    if (note->empty()) *note = "bare date in " + shown + " read as '>" + rest + "'";
    return "";
  }
  return "bad date restriction '" + rest + "'";
}

// CAMEO's three-character type codes (CAMEO manual, actor codes): domestic
// roles, international actor types and religions. Part of the code grammar,
// not a word list: a code whose first chunk is none of these starts with a
// country or region ("RUS", "USAASM", "WAF"). "SUN" (Sunni) is also the Soviet
// Union in the Phoenix files, so it counts as a type only after the first chunk.
bool IsTypeChunk(std::string_view chunk, bool first) {
  static constexpr std::string_view kTypes[] = {
      "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF",  //
      "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB",  //
      "LEG", "MED", "REF", "MOD", "RAD", "IGO", "IMG", "MNC", "NGM", "NGO", "UIS",  //
      "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "HIN",  //
      "HSD", "ITH", "JAN", "JEW", "JHN", "LDS", "MOS", "MUS", "NEW", "ORT", "PRO",  //
      "SHI", "SHN", "SIK", "SUF", "TAO", "ZRO"};
  if (!first && chunk == "SUN") return true;
  return std::find(std::begin(kTypes), std::end(kTypes), chunk) != std::end(kTypes);
}

bool AllUpper(std::string_view s) { return std::all_of(s.begin(), s.end(), IsUpper); }

// A country or region, possibly with sub-national or status chunks
// ("RUS", "USAASM", "IRQOCC"), but no role or type.
bool IsCountryLevel(std::string_view code) {
  if (code.size() < 3 || code.size() % 3 != 0 || !AllUpper(code)) return false;
  for (size_t i = 0; i < code.size(); i += 3) {
    if (IsTypeChunk(code.substr(i, 3), i == 0)) return false;
  }
  return true;
}

bool HasChunk(std::string_view code, std::string_view chunk) {
  for (size_t i = 0; i + 3 <= code.size(); i += 3) {
    if (code.substr(i, 3) == chunk) return true;
  }
  return false;
}

bool IsGroupCode(std::string_view code) {
  return code.substr(0, 3) == "IMG" || HasChunk(code, "REB") || HasChunk(code, "INS") ||
         HasChunk(code, "SEP") || HasChunk(code, "UAF");
}

// --- Actors ----------------------------------------------------------------

struct Block {
  size_t line = 0;   // index of the head line
  std::string head;  // the head phrase as written ("VLADIMIR_PUTIN_")
  std::vector<std::string> phrases;
  std::vector<CodeItem> codes;
  bool saw_code = false;        // a code group was read, even if it was dropped
  bool person_comment = false;  // "# CountryInfo.txt", "# IGOrulers.txt"
  bool open() const { return !head.empty(); }
};

// Splits the phrase part of a line: a '+' after white space starts another
// synonym ("+TAIOAN_ +TAWIAN_"); a '+' inside a word is kept ("B+H_OCEAN").
std::vector<std::string_view> SplitPhrases(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '+' && IsBlank(s[i - 1])) {
      out.push_back(Trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(Trim(s.substr(start)));
  return out;
}

MentionKind ActorKind(const Block& b) {
  const CodeItem* primary = nullptr;  // the undated code, else the latest dated one
  size_t dated = 0;
  bool eli = false;
  for (const CodeItem& c : b.codes) {
    if (c.code.empty()) continue;
    if (HasChunk(c.code, "ELI")) eli = true;
    if (c.dated) {
      ++dated;
      if (primary == nullptr ||
          (primary->dated && std::pair(c.end, c.start) > std::pair(primary->end, primary->start))) {
        primary = &c;
      }
    } else if (primary == nullptr || primary->dated) {
      primary = &c;
    }
  }
  if (primary == nullptr) return MentionKind::kOrg;  // only null codes: "INDIAN_OCEAN [---]"
  if (b.person_comment) return MentionKind::kPerson;
  const std::string& p = primary->code;
  if (IsCountryLevel(p)) return MentionKind::kCountry;
  if (IsGroupCode(p)) return MentionKind::kGroup;
  const std::string_view first = std::string_view(p).substr(0, 3);
  if (!primary->dated && !eli && (first == "IGO" || first == "NGO" || first == "MNC")) {
    return MentionKind::kOrg;
  }
  if (dated > 0 || eli) return MentionKind::kPerson;
  return MentionKind::kOrg;
}

void FinishBlock(const SourceFile& f, Block* b, DictionarySet* out, PetrarchLoadStats* stats) {
  if (!b->open()) return;
  if (b->codes.empty()) {
    Note(stats, f.Rule(b->line) + ": actor '" + b->head + "' has no " +
                    (b->saw_code ? "usable " : "") + "code; skipped");
    *b = Block();
    return;
  }
  ActorSpec a;
  a.kind = ActorKind(*b);
  bool have_undated = false;
  for (CodeItem& c : b->codes) {
    if (c.dated) {
      a.dated.push_back(DatedCode{std::move(c.code), "", c.start, c.end});
    } else if (!c.code.empty()) {
      if (!have_undated) {
        a.code = std::move(c.code);
        have_undated = true;
      } else if (c.code != a.code) {
        Note(stats, f.Rule(b->line) + ": second undated code " + c.code + " of '" + b->head +
                        "' ignored (keeps " + a.code + ")");
      }
    }
  }
  const std::string spaced = SpacedWords(b->head);
  a.entity = "petrarch:" + HeadId(b->head);
  a.name = TitleCase(spaced);
  a.rule = f.Rule(b->line);
  a.case_from_phrase = false;
  a.phrases = std::move(b->phrases);
  if (stats != nullptr) {
    ++stats->actors;
    stats->actor_phrases += a.phrases.size();
    stats->dated_codes += a.dated.size();
  }
  out->actors.push_back(std::move(a));
  *b = Block();
}

bool MentionsPersonSource(std::string_view comment) {
  if (comment.empty()) return false;
  std::string lower = AsciiLower(comment);
  return Contains(lower, "countryinfo") || Contains(lower, "igorulers");
}

// Appends `phrase` (PETRARCH form) to the block; "" on success.
std::string AddPhrase(std::string_view phrase, Block* b) {
  std::string text = PetrarchPhraseToText(phrase);
  if (text.empty()) return "empty phrase";
  if (std::find(b->phrases.begin(), b->phrases.end(), text) == b->phrases.end()) {
    b->phrases.push_back(std::move(text));
  }
  return "";
}

// --- Agents ----------------------------------------------------------------

// Regular plural of the last word of a lower-case phrase; "" when none is
// formed (words that end in a single 's' are taken to be plural already, and
// words that do not end in a letter are left alone).
std::string RegularPlural(const std::string& p) {
  if (p.empty() || p.back() < 'a' || p.back() > 'z') return "";
  auto ends = [&](std::string_view s) { return std::string_view(p).ends_with(s); };
  if (ends("ss") || ends("x") || ends("z") || ends("ch") || ends("sh")) return p + "es";
  if (ends("s")) return "";
  if (ends("man")) return p.substr(0, p.size() - 3) + "men";
  if (ends("y") && p.size() >= 2 &&
      std::string_view("aeiou").find(p[p.size() - 2]) == std::string_view::npos) {
    return p.substr(0, p.size() - 1) + "ies";
  }
  return p + "s";
}

// Expands "!SET!" markers in `phrase` into every combination of their values.
// Returns "" on success, else what is wrong.
std::string ExpandSubstitutions(
    std::string_view phrase,
    const std::map<std::string, std::vector<std::string>, std::less<>>& sets,
    std::vector<std::string>* forms, bool* had_marker) {
  forms->assign(1, "");
  *had_marker = false;
  size_t i = 0;
  while (i < phrase.size()) {
    size_t a = phrase.find('!', i);
    std::string_view literal = phrase.substr(i, a == std::string_view::npos ? a : a - i);
    for (std::string& f : *forms) f.append(literal);
    if (a == std::string_view::npos) break;
    size_t b = phrase.find('!', a + 1);
    if (b == std::string_view::npos) return "unmatched '!' in '" + std::string(phrase) + "'";
    std::string_view marker = phrase.substr(a, b - a + 1);
    auto it = sets.find(marker);
    if (it == sets.end()) return "undefined substitution set " + std::string(marker);
    std::vector<std::string> next;
    next.reserve(forms->size() * it->second.size());
    for (const std::string& f : *forms) {
      for (const std::string& v : it->second) next.push_back(f + v);
    }
    *forms = std::move(next);
    *had_marker = true;
    i = b + 1;
  }
  return "";
}

}  // namespace

std::string PetrarchPhraseToText(std::string_view phrase) {
  return NormalizeToken(SpacedWords(phrase));
}

bool ParsePetrarchDate(std::string_view s, DayNumber* out) {
  if (!AllDigits(s)) return false;
  if (s.size() == 6) {
    int y = ToInt(s.substr(0, 2));
    y += y <= 30 ? 2000 : 1900;
    return MakeDay(y, ToInt(s.substr(2, 2)), ToInt(s.substr(4, 2)), out);
  }
  if (s.size() == 8) {
    return MakeDay(ToInt(s.substr(0, 4)), ToInt(s.substr(4, 2)), ToInt(s.substr(6, 2)), out);
  }
  return false;
}

Status LoadPetrarchActors(const std::string& path, DictionarySet* out, PetrarchLoadStats* stats) {
  SourceFile f;
  if (Status s = ReadSource(path, &f, stats); !s.ok()) return s;
  // Head lines bound the number of actors: reserve once instead of moving
  // tens of thousands of ActorSpecs while the vector grows.
  size_t heads = 0;
  for (std::string_view line : f.lines) {
    std::string_view t = Trim(line);
    if (!t.empty() && t[0] != '#' && t[0] != '+' && t[0] != '[') ++heads;
  }
  out->actors.reserve(out->actors.size() + heads);
  Block block;
  for (size_t i = 0; i < f.lines.size(); ++i) {
    const std::string_view line = f.lines[i];
    const std::string_view body = Trim(Body(line));
    if (body.empty()) continue;  // blank or comment line
    const size_t open = body.find('[');
    const std::string_view phrase_part = Trim(body.substr(0, open));
    const std::string_view code_part =
        open == std::string_view::npos ? std::string_view() : body.substr(open);
    const char first = body[0];
    if (first == '[') {
      if (!block.open()) return Status::InvalidArgument(f.Where(i) + "code before any actor name");
    } else if (first == '+') {
      if (!block.open())
        return Status::InvalidArgument(f.Where(i) + "synonym before any actor name");
      for (std::string_view p : SplitPhrases(phrase_part.substr(1))) {
        if (std::string e = AddPhrase(p, &block); !e.empty()) {
          return Status::InvalidArgument(f.Where(i) + e + " in synonym");
        }
      }
    } else {
      std::vector<std::string_view> parts = SplitPhrases(phrase_part);
      // A head line after a head that has no codes yet names the same actor:
      // the codes that follow belong to all of them.
      if (!block.open() || block.saw_code) {
        FinishBlock(f, &block, out, stats);
        block.line = i;
        block.head = std::string(parts[0]);
      }
      for (std::string_view p : parts) {
        if (std::string e = AddPhrase(p, &block); !e.empty()) {
          return Status::InvalidArgument(f.Where(i) + e + " in actor name");
        }
      }
    }
    if (MentionsPersonSource(Comment(line))) block.person_comment = true;
    // Code groups, separated by blanks; text after the last one is ignored.
    size_t k = 0;
    while (k < code_part.size()) {
      while (k < code_part.size() && IsBlank(code_part[k])) ++k;
      if (k >= code_part.size()) break;
      if (code_part[k] != '[') {
        Note(stats, f.Rule(i) + ": text after the codes ignored: '" +
                        std::string(code_part.substr(k)) + "'");
        break;
      }
      const size_t close = code_part.find(']', k);
      const size_t reopen = code_part.find('[', k + 1);
      if (close == std::string_view::npos || reopen < close) {
        return Status::InvalidArgument(f.Where(i) + "missing ']'");
      }
      CodeItem item;
      bool drop = false;
      std::string note;
      std::string error =
          ParseActorCode(code_part.substr(k + 1, close - k - 1), &item, &drop, &note);
      if (!error.empty()) return Status::InvalidArgument(f.Where(i) + error);
      if (!note.empty()) Note(stats, f.Rule(i) + ": " + note);
      block.saw_code = true;
      if (!drop) block.codes.push_back(std::move(item));
      k = close + 1;
    }
  }
  FinishBlock(f, &block, out, stats);
  return Status::Ok();
}

Status LoadPetrarchAgents(const std::string& path, DictionarySet* out, PetrarchLoadStats* stats) {
  SourceFile f;
  if (Status s = ReadSource(path, &f, stats); !s.ok()) return s;
  // Substitution sets first ("!PERSON! = MAN, MEN, ..."), so that they may be
  // used on any line.
  std::map<std::string, std::vector<std::string>, std::less<>> sets;
  std::vector<bool> is_set(f.lines.size(), false);
  for (size_t i = 0; i < f.lines.size(); ++i) {
    const std::string_view body = Trim(Body(f.lines[i]));
    const size_t eq = body.find('=');
    if (body.empty() || body[0] != '!' || eq == std::string_view::npos || body.find('[') < eq) {
      continue;
    }
    is_set[i] = true;
    const std::string_view name = Trim(body.substr(0, eq));
    if (name.size() < 3 || name.back() != '!' || name.find('!', 1) != name.size() - 1) {
      return Status::InvalidArgument(f.Where(i) + "bad substitution set name '" +
                                     std::string(name) + "' (expected !NAME!)");
    }
    std::vector<std::string> values;
    std::string_view list = body.substr(eq + 1);
    while (true) {
      const size_t comma = list.find(',');
      std::string value;
      for (char c : list.substr(0, comma)) {
        if (!IsBlank(c)) value.push_back(c);
      }
      if (value.empty()) {
        return Status::InvalidArgument(f.Where(i) + "empty value in substitution set " +
                                       std::string(name));
      }
      values.push_back(std::move(value));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
    if (!sets.emplace(std::string(name), std::move(values)).second) {
      return Status::InvalidArgument(f.Where(i) + "substitution set " + std::string(name) +
                                     " defined twice");
    }
  }
  for (size_t i = 0; i < f.lines.size(); ++i) {
    const std::string_view body = Trim(Body(f.lines[i]));
    if (body.empty() || is_set[i] || body.starts_with("<!")) continue;
    AgentSpec agent;
    agent.rule = f.Rule(i);
    agent.case_from_phrase = false;
    // The code: "[~GOV]", or "[IGO~]"; PETRARCH also accepts "[~ENV}".
    const size_t open = body.find('[');
    std::string_view left = body;
    if (open == std::string_view::npos) {
      Note(stats, f.Rule(i) + ": agent without a code; it adds no sector");
    } else {
      left = body.substr(0, open);
      const size_t close = body.find_first_of("]}", open);
      if (close == std::string_view::npos)
        return Status::InvalidArgument(f.Where(i) + "missing ']'");
      const std::string_view code = Trim(body.substr(open + 1, close - open - 1));
      std::string_view sector = code;
      if (sector.starts_with('~')) {
        sector.remove_prefix(1);
      } else if (sector.ends_with('~')) {
        sector.remove_suffix(1);
      } else {
        return Status::InvalidArgument(f.Where(i) + "agent code '" + std::string(code) +
                                       "' must start or end with '~'");
      }
      if (sector.empty() || !std::all_of(sector.begin(), sector.end(), IsCodeChar)) {
        return Status::InvalidArgument(f.Where(i) + "bad agent code '" + std::string(code) + "'");
      }
      agent.sector = std::string(sector);
      if (body[close] == '}') Note(stats, f.Rule(i) + ": code closed with '}' instead of ']'");
      const std::string_view after = Trim(body.substr(close + 1));
      if (!after.empty()) {
        Note(stats, f.Rule(i) + ": text after the code ignored: '" + std::string(after) + "'");
      }
    }
    // The phrase and its optional {plural}.
    std::string_view phrase = left;
    bool plural_given = false;
    std::string_view plural;
    const size_t brace = left.find('{');
    if (brace != std::string_view::npos) {
      const size_t cbrace = left.find('}', brace);
      if (cbrace == std::string_view::npos)
        return Status::InvalidArgument(f.Where(i) + "missing '}'");
      if (!Trim(left.substr(cbrace + 1)).empty()) {
        return Status::InvalidArgument(f.Where(i) + "unexpected text after '}'");
      }
      phrase = left.substr(0, brace);
      plural = left.substr(brace + 1, cbrace - brace - 1);
      plural_given = true;
    }
    phrase = Trim(phrase);
    if (phrase.empty()) return Status::InvalidArgument(f.Where(i) + "missing phrase");
    if (phrase.find_first_of("{}]") != std::string_view::npos) {
      return Status::InvalidArgument(f.Where(i) + "unexpected bracket in '" + std::string(phrase) +
                                     "'");
    }
    std::vector<std::string> forms;
    bool had_marker = false;
    if (std::string e = ExpandSubstitutions(phrase, sets, &forms, &had_marker); !e.empty()) {
      return Status::InvalidArgument(f.Where(i) + e);
    }
    auto add = [&](std::string text) {
      if (text.empty()) return;
      if (std::find(agent.phrases.begin(), agent.phrases.end(), text) == agent.phrases.end()) {
        agent.phrases.push_back(std::move(text));
      }
    };
    for (const std::string& form : forms) {
      std::string text = PetrarchPhraseToText(form);
      if (text.empty()) return Status::InvalidArgument(f.Where(i) + "empty phrase");
      // Substituted forms carry their own number; no plural is formed.
      std::string regular = had_marker || plural_given ? "" : RegularPlural(text);
      add(std::move(text));
      add(std::move(regular));
    }
    if (plural_given && !had_marker) add(PetrarchPhraseToText(plural));
    if (stats != nullptr) {
      ++stats->agents;
      stats->agent_phrases += agent.phrases.size();
    }
    out->agents.push_back(std::move(agent));
  }
  return Status::Ok();
}

Status LoadPetrarchDiscards(const std::string& path, DictionarySet* out, PetrarchLoadStats* stats) {
  SourceFile f;
  if (Status s = ReadSource(path, &f, stats); !s.ok()) return s;
  for (size_t i = 0; i < f.lines.size(); ++i) {
    std::string_view body = Trim(Body(f.lines[i]));
    if (body.empty()) continue;
    const bool story = body[0] == '+';
    if (story) body.remove_prefix(1);
    if (body.find_first_of("[]{}") != std::string_view::npos) {
      return Status::InvalidArgument(f.Where(i) + "unexpected bracket in discard '" +
                                     std::string(body) + "' (an actor or agent entry?)");
    }
    std::string text = PetrarchPhraseToText(body);
    if (text.empty()) return Status::InvalidArgument(f.Where(i) + "empty discard");
    out->discards.push_back(story ? "+" + text : std::move(text));
    if (stats != nullptr) {
      ++stats->discards;
      if (story) ++stats->story_discards;
    }
  }
  return Status::Ok();
}

Status LoadPetrarchDirectory(const std::string& dir, DictionarySet* out, PetrarchLoadStats* stats) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("not a directory: " + dir);
  std::vector<std::string> actors, agents, discards;
  fs::directory_iterator it(dir, ec);
  if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
  for (const fs::directory_entry& e : it) {
    if (!e.is_regular_file(ec)) continue;
    const std::string name = AsciiLower(e.path().filename().string());
    if (!name.ends_with(".txt")) continue;
    if (name.ends_with(".actors.txt")) {
      actors.push_back(e.path().string());
    } else if (Contains(name, "agents")) {
      agents.push_back(e.path().string());
    } else if (Contains(name, "discards")) {
      discards.push_back(e.path().string());
    }
  }
  if (actors.empty() && agents.empty() && discards.empty()) {
    return Status::NotFound(
        "no PETRARCH dictionaries (*.actors.txt, *agents*.txt, "
        "*discards*.txt) in " +
        dir);
  }
  for (auto* list : {&actors, &agents, &discards}) std::sort(list->begin(), list->end());
  for (const std::string& p : actors) {
    if (Status s = LoadPetrarchActors(p, out, stats); !s.ok()) return s;
  }
  for (const std::string& p : agents) {
    if (Status s = LoadPetrarchAgents(p, out, stats); !s.ok()) return s;
  }
  for (const std::string& p : discards) {
    if (Status s = LoadPetrarchDiscards(p, out, stats); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace cronista
