#include "time/time_tagger.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "text/normalize.h"

namespace cronista {

namespace {

// ---------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian; day numbers count from 1970-01-01).

int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

// ISO weekday: Monday 1 .. Sunday 7. Day 0 (1970-01-01) was a Thursday.
int IsoWeekday(int64_t z) { return static_cast<int>(((z % 7) + 7 + 3) % 7) + 1; }

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// The ISO week-numbering year and week of day `z`.
void IsoWeek(int64_t z, int* week_year, int* week) {
  int64_t thursday = z - (IsoWeekday(z) - 1) + 3;
  int y, m, d;
  CivilFromDays(thursday, &y, &m, &d);
  *week_year = y;
  *week = static_cast<int>((thursday - DaysFromCivil(y, 1, 1)) / 7 + 1);
}

int64_t MondayOfIsoWeek(int week_year, int week) {
  int64_t jan4 = DaysFromCivil(week_year, 1, 4);
  return jan4 - (IsoWeekday(jan4) - 1) + 7 * (week - 1);
}

// ---------------------------------------------------------------------------
// Calendar points at a granularity: the values of DATE expressions.

enum class Gran : uint8_t {
  kNone,
  kCentury,
  kDecade,
  kYear,
  kHalf,
  kSeason,
  kQuarter,
  kMonth,
  kWeek,
  kWeekend,
  kDay
};

// Coarse to fine; a week and a month are not nested, but a week is finer.
int Rank(Gran g) {
  static constexpr int kRank[] = {0, 1, 2, 3, 4, 4, 5, 6, 7, 7, 8};
  return kRank[static_cast<int>(g)];
}

struct Point {
  Gran g = Gran::kNone;
  int y = 0;    // year; ISO week-year for weeks; first year for decades, centuries
  int m = 0;    // month (days and months)
  int d = 0;    // day of month (days)
  int idx = 0;  // quarter 1-4, half 1-2, season 1-4 (SP SU FA WI), ISO week
};

Point DayPoint(int64_t z) {
  Point p;
  p.g = Gran::kDay;
  CivilFromDays(z, &p.y, &p.m, &p.d);
  return p;
}

int64_t DayNumberOf(const Point& p) { return DaysFromCivil(p.y, p.m, p.d); }

// Units of relative expressions and durations.
enum class Unit : uint8_t {
  kNone,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kWeekend,
  kMonth,
  kQuarter,
  kHalf,
  kYear,
  kDecade,
  kCentury
};

Gran GranOf(Unit u) {
  switch (u) {
    case Unit::kSecond:
    case Unit::kMinute:
    case Unit::kHour:
    case Unit::kDay:
      return Gran::kDay;
    case Unit::kWeek:
      return Gran::kWeek;
    case Unit::kWeekend:
      return Gran::kWeekend;
    case Unit::kMonth:
      return Gran::kMonth;
    case Unit::kQuarter:
      return Gran::kQuarter;
    case Unit::kHalf:
      return Gran::kHalf;
    case Unit::kYear:
      return Gran::kYear;
    case Unit::kDecade:
      return Gran::kDecade;
    case Unit::kCentury:
      return Gran::kCentury;
    case Unit::kNone:
      break;
  }
  return Gran::kNone;
}

Point AddMonths(Point p, int k) {
  int total = p.y * 12 + (p.m - 1) + k;
  p.y = total >= 0 ? total / 12 : -((-total + 11) / 12);
  p.m = total - p.y * 12 + 1;
  if (p.g == Gran::kDay) p.d = std::min(p.d, DaysIn(p.y, p.m));
  return p;
}

// Moves `p` by `k` units. A unit finer than the point cannot move it (a day
// shift of a month-precision anchor): the point is returned unchanged, so the
// result keeps only what is known.
Point Shift(Point p, Unit u, int k) {
  switch (u) {
    case Unit::kDay:
      if (p.g == Gran::kDay) return DayPoint(DayNumberOf(p) + k);
      return p;
    case Unit::kWeek:
    case Unit::kWeekend:
      if (p.g == Gran::kDay) return DayPoint(DayNumberOf(p) + 7 * int64_t{k});
      if (p.g == Gran::kWeek || p.g == Gran::kWeekend) {
        Point q = DayPoint(MondayOfIsoWeek(p.y, p.idx) + 7 * int64_t{k});
        IsoWeek(DayNumberOf(q), &p.y, &p.idx);
      }
      return p;
    case Unit::kMonth:
      if (p.g == Gran::kDay || p.g == Gran::kMonth) return AddMonths(p, k);
      return p;
    case Unit::kQuarter:
    case Unit::kHalf: {
      int per_year = u == Unit::kQuarter ? 4 : 2;
      if (p.g == Gran::kDay || p.g == Gran::kMonth) return AddMonths(p, k * 12 / per_year);
      if ((u == Unit::kQuarter && p.g == Gran::kQuarter) ||
          (u == Unit::kHalf && p.g == Gran::kHalf)) {
        int total = p.y * per_year + (p.idx - 1) + k;
        p.y = total / per_year;
        p.idx = total % per_year + 1;
      }
      return p;
    }
    case Unit::kYear:
    case Unit::kDecade:
    case Unit::kCentury: {
      if (p.g == Gran::kNone) return p;
      int years = u == Unit::kYear ? k : u == Unit::kDecade ? 10 * k : 100 * k;
      if (Rank(p.g) < Rank(GranOf(u))) return p;
      p.y += years;
      if (p.g == Gran::kDay) p.d = std::min(p.d, DaysIn(p.y, p.m));
      if ((p.g == Gran::kWeek || p.g == Gran::kWeekend) && p.idx == 53) p.idx = 52;
      return p;
    }
    default:
      return p;
  }
}

// `p` at the coarser granularity `to`; a finer `to` leaves `p` as it is.
Point Coarsen(Point p, Gran to) {
  if (p.g == Gran::kNone || to == Gran::kNone || Rank(to) > Rank(p.g) || p.g == to) return p;
  if (p.g == Gran::kWeek || p.g == Gran::kWeekend) {
    // A week belongs to the month and year of its Thursday.
    p = DayPoint(MondayOfIsoWeek(p.y, p.idx) + 3);
  }
  if (to == Gran::kWeek || to == Gran::kWeekend) {
    if (p.g != Gran::kDay) return p;
    int wy, w;
    IsoWeek(DayNumberOf(p), &wy, &w);
    Point q;
    q.g = to;
    q.y = wy;
    q.idx = w;
    return q;
  }
  Point q;
  q.g = to;
  q.y = p.y;
  switch (to) {
    case Gran::kMonth:
      q.m = p.m;
      break;
    case Gran::kQuarter:
      if (p.g == Gran::kDay || p.g == Gran::kMonth) q.idx = (p.m - 1) / 3 + 1;
      break;
    case Gran::kHalf:
      if (p.g == Gran::kDay || p.g == Gran::kMonth) q.idx = (p.m - 1) / 6 + 1;
      if (p.g == Gran::kQuarter) q.idx = (p.idx - 1) / 2 + 1;
      break;
    case Gran::kDecade:
      q.y = p.y - ((p.y % 10) + 10) % 10;
      break;
    case Gran::kCentury:
      q.y = p.y - ((p.y % 100) + 100) % 100;
      break;
    default:
      break;
  }
  return q;
}

std::string FormatPoint(const Point& p, bool year_known = true) {
  char buf[64];
  char year[16];
  if (year_known) {
    std::snprintf(year, sizeof(year), "%04d", p.y);
  } else {
    std::snprintf(year, sizeof(year), "XXXX");
  }
  static constexpr const char* kSeasons[] = {"", "SP", "SU", "FA", "WI"};
  switch (p.g) {
    case Gran::kNone:
      return "";
    case Gran::kCentury:
      std::snprintf(buf, sizeof(buf), "%02d", p.y / 100);
      break;
    case Gran::kDecade:
      std::snprintf(buf, sizeof(buf), "%03d", p.y / 10);
      break;
    case Gran::kYear:
      std::snprintf(buf, sizeof(buf), "%s", year);
      break;
    case Gran::kHalf:
      std::snprintf(buf, sizeof(buf), "%s-H%d", year, p.idx);
      break;
    case Gran::kSeason:
      std::snprintf(buf, sizeof(buf), "%s-%s", year, kSeasons[std::clamp(p.idx, 1, 4)]);
      break;
    case Gran::kQuarter:
      std::snprintf(buf, sizeof(buf), "%s-Q%d", year, p.idx);
      break;
    case Gran::kMonth:
      std::snprintf(buf, sizeof(buf), "%s-%02d", year, p.m);
      break;
    case Gran::kWeek:
      std::snprintf(buf, sizeof(buf), "%s-W%02d", year, p.idx);
      break;
    case Gran::kWeekend:
      std::snprintf(buf, sizeof(buf), "%s-W%02d-WE", year, p.idx);
      break;
    case Gran::kDay:
      std::snprintf(buf, sizeof(buf), "%s-%02d-%02d", year, p.m, p.d);
      break;
  }
  return buf;
}

// ---------------------------------------------------------------------------
// Word classes and captures.

enum Class : uint8_t {
  kMonthC,
  kWeekdayC,
  kUnitC,
  kNumC,
  kFewC,
  kOrdC,
  kDayC,
  kYearC,
  kDecadeC,
  kHourC,
  kClockC,
  kNumDateC,
  kPartC,
  kSeasonC,
  kAmPmC,
  kRelDayC,
  kDirC,
  kUnitsC,
  kClassCount
};

constexpr std::array<std::string_view, kClassCount> kClassNames = {
    "MONTH", "WEEKDAY", "UNIT",    "NUM",  "FEW",    "ORD",  "DAY",    "YEAR", "DECADE",
    "HOUR",  "CLOCK",   "NUMDATE", "PART", "SEASON", "AMPM", "RELDAY", "DIR",  "UNITS"};

// Data word classes: the keyword of a word line and the class it fills.
struct WordClassName {
  std::string_view keyword;
  Class cls;
};
constexpr WordClassName kWordClasses[] = {
    {"month", kMonthC}, {"weekday", kWeekdayC}, {"unit", kUnitC}, {"number", kNumC},
    {"ordinal", kOrdC}, {"few", kFewC},         {"part", kPartC}, {"season", kSeasonC},
    {"ampm", kAmPmC},   {"relday", kRelDayC},   {"dir", kDirC},   {"decade", kDecadeC},
    {"units", kUnitsC},
};

constexpr int kUnset = INT_MIN;
constexpr int kVague = -2;  // a NUM that is "several", "a few": values with X

struct UnitName {
  std::string_view name;
  Unit unit;
};
constexpr UnitName kUnitNames[] = {
    {"second", Unit::kSecond}, {"minute", Unit::kMinute},   {"hour", Unit::kHour},
    {"day", Unit::kDay},       {"week", Unit::kWeek},       {"weekend", Unit::kWeekend},
    {"month", Unit::kMonth},   {"quarter", Unit::kQuarter}, {"half", Unit::kHalf},
    {"year", Unit::kYear},     {"decade", Unit::kDecade},   {"century", Unit::kCentury},
};

Unit ParseUnit(std::string_view s) {
  for (const auto& u : kUnitNames) {
    if (u.name == s) return u.unit;
  }
  return Unit::kNone;
}

// What the classes of a match captured (and rule options preset).
struct Caps {
  int year = kUnset, month = kUnset, day = kUnset, weekday = kUnset;
  int num = kUnset, ord = kUnset, decade = kUnset;
  int relday = kUnset, dir = kUnset;
  int hour = kUnset, minute = kUnset, ampm = kUnset;
  int part = kUnset;    // index into Rules::parts
  int season = kUnset;  // 1-4
  Unit unit = Unit::kNone;
};

// The values a word carries in each of its classes.
struct WordInfo {
  uint32_t classes = 0;
  uint32_t cap_only = 0;  // classes that need a capitalised token ("May")
  int month = 0, weekday = 0, num = 0, ord = 0, relday = 0, dir = 0, decade = 0;
  int part = 0, season = 0, ampm = 0;
  Unit unit = Unit::kNone;
  bool number_word = false;
  bool future_cue = false;  // option future_cues
  bool starts = false;      // some rule can start with this word (set after loading)
  StrId key = kNoStr;
};

// How a rule builds its value.
enum class Action : uint8_t { kDate, kDuration, kSet, kRef };
enum class Base : uint8_t {
  kAnchor,     // the article's date
  kFocus,      // the last date mentioned (anaphora: "a year earlier")
  kFocusUnit,  // the last date mentioned if it has the rule's unit ("the quarter")
};

struct Rule {
  TimeType type = TimeType::kDate;
  Action action = Action::kDate;
  Base base = Base::kAnchor;
  Caps preset;              // options that fill captures
  int sign = 0;             // multiplies NUM ("ago": -1, "tra": +1); 0 = use DIR
  int n = kUnset;           // default magnitude
  int num_to_decade = 0;    // NUM names a decade ("anni '90")
  bool unit_gran = false;   // base=focus, but the result at the unit's granularity
  uint32_t only_units = 0;  // only=: the units the rule accepts (bit per Unit); 0 = all
  std::string value;        // ref / set value
  std::string id;           // "data/en/time.txt:12"
};

// One expansion of a rule's optional elements and alternatives.
struct Variant {
  uint32_t rule = 0;
  uint8_t lead = 0, trail = 0;  // context symbols outside the span
};

struct Affix {
  std::vector<StrId> words;
  uint32_t types = 0;  // bit per TimeType it may extend; 0 = all
};

// Open addressing over token keys (hashes, never kNoStr) and trie edges:
// linear probing in a power-of-two table at most half full, so a lookup is a
// multiply, a mask and usually one probe.
inline size_t SlotOf(uint64_t key, size_t mask) {
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 17) & mask;
}

// Token key -> index into Rules::word_info.
class WordTable {
 public:
  // The index for `key`, or -1.
  int Find(StrId key) const {
    if (slots_.empty()) return -1;
    size_t mask = slots_.size() - 1;
    for (size_t i = SlotOf(key, mask);; i = (i + 1) & mask) {
      if (slots_[i].key == key) return static_cast<int>(slots_[i].index);
      if (slots_[i].key == kNoStr) return -1;
    }
  }
  void Insert(StrId key, uint32_t index) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    size_t i = SlotOf(key, mask);
    while (slots_[i].key != kNoStr && slots_[i].key != key) i = (i + 1) & mask;
    if (slots_[i].key == kNoStr) ++size_;
    slots_[i] = {key, index};
  }

 private:
  struct Slot {
    StrId key = kNoStr;
    uint32_t index = 0;
  };
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot());
    size_ = 0;
    for (const Slot& s : old) {
      if (s.key != kNoStr) Insert(s.key, s.index);
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

// (node, key) -> child node of the trie.
class EdgeTable {
 public:
  uint32_t Find(uint32_t node, StrId key) const {
    if (slots_.empty()) return 0;
    size_t mask = slots_.size() - 1;
    for (size_t i = SlotOf(Mix(node, key), mask);; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.key == key && s.node == node) return s.child;
      if (s.key == kNoStr) return 0;
    }
  }
  void Insert(uint32_t node, StrId key, uint32_t child) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    size_t i = SlotOf(Mix(node, key), mask);
    while (slots_[i].key != kNoStr) i = (i + 1) & mask;
    slots_[i] = {key, node, child};
    ++size_;
  }

 private:
  struct Slot {
    StrId key = kNoStr;
    uint32_t node = 0, child = 0;
  };
  static uint64_t Mix(uint32_t node, StrId key) { return key ^ (uint64_t{node} << 32 | node); }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 256 : old.size() * 2, Slot());
    size_ = 0;
    for (const Slot& s : old) {
      if (s.key != kNoStr) Insert(s.node, s.key, s.child);
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

StrId ClassKey(int c) { return HashString(std::string("\x01") + std::string(kClassNames[c])); }

// A token (or a part of a hyphenated token) as the matcher sees it.
struct Sym {
  StrId key = kNoStr;
  uint32_t tok = 0;
  uint32_t classes = 0;
  const WordInfo* w = nullptr;
  int num = kUnset;  // NUM value (composite number words included)
  uint8_t num_len = 1, year_len = 1;
  int year = kUnset, day = kUnset, ord = kUnset, decade = kUnset;
  int hour = kUnset, minute = kUnset;
  int nd_y = kUnset, nd_m = kUnset, nd_d = kUnset;  // numeric date
};

struct Candidate {
  size_t end;
  uint32_t variant;
  Caps caps;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

struct TimeTagger::Rules {
  std::string name;  // data/<lang>/time.txt
  WordTable words;   // token key -> index into word_info
  std::vector<WordInfo> word_info;
  std::vector<std::string> parts;  // part-of-day codes: "MO", "12:00"
  std::vector<Rule> rules;
  std::vector<Variant> variants;
  // Trie: node 0 is the root.
  EdgeTable edges;
  std::vector<std::vector<uint32_t>> node_variants{1};
  std::vector<uint32_t> node_classes{0};  // classes with an edge out of the node
  std::array<StrId, kClassCount> class_keys{};
  std::vector<Affix> prefixes, suffixes;
  bool month_first = false;        // numeric dates m/d/y
  bool short_numeric_date = true;  // "19/6" without a year
  bool clock_dot = false;          // "10.30" is a time of day
  // Determiners dropped before an adjectival compound ("the two-week" talks).
  std::vector<StrId> compound_determiners;
  std::vector<TimeTagger::Example> examples;

  uint32_t Child(uint32_t node, StrId key) const { return edges.Find(node, key); }
  // The word entry of `key`, created empty when missing (loading only).
  WordInfo& AddWord(StrId key) {
    int i = words.Find(key);
    if (i >= 0) return word_info[i];
    words.Insert(key, static_cast<uint32_t>(word_info.size()));
    WordInfo& w = word_info.emplace_back();
    w.key = key;
    return w;
  }
};

namespace {

using Rules = TimeTagger::Rules;

// ---------------------------------------------------------------------------
// Loading.

std::vector<std::string_view> SplitWs(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  for (;;) {
    size_t p = s.find(sep, b);
    out.push_back(s.substr(b, p == s.npos ? s.npos : p - b));
    if (p == s.npos) break;
    b = p + 1;
  }
  return out;
}

std::string_view TrimWs(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  bool neg = s[0] == '-';
  if (s[0] == '+' || s[0] == '-') s.remove_prefix(1);
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *out = neg ? -v : v;
  return true;
}

// The keys of a phrase written with '_' between words ("more_than").
std::vector<StrId> PhraseKeys(std::string_view phrase) {
  std::vector<StrId> keys;
  for (std::string_view w : SplitOn(phrase, '_')) {
    if (!w.empty()) keys.push_back(HashString(NormalizeToken(w)));
  }
  return keys;
}

// True when the form's first letter is upper case (ASCII or not): such a
// form only matches a capitalised token, as in abbreviations.txt.
bool FormNeedsCapital(std::string_view form) {
  std::string norm = NormalizeToken(form);
  return norm != form && !form.empty() && NormalizeToken(form.substr(0, 1)) != form.substr(0, 1);
}

class Loader {
 public:
  explicit Loader(Rules* r) : r_(r) {
    for (int c = 0; c < kClassCount; ++c) r_->class_keys[c] = ClassKey(c);
  }

  Status Line(int line_no, std::string_view raw) {
    line_ = line_no;
    // Split off an example, then the comment.
    std::string_view line = raw;
    std::string_view example;
    size_t ex = line.find(" ex: ");
    if (ex != line.npos) {
      example = TrimWs(line.substr(ex + 5));
      line = line.substr(0, ex);
    }
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line = line.substr(0, i);
        break;
      }
    }
    line = TrimWs(line);
    if (line.empty()) return Status::Ok();
    auto f = SplitWs(line);
    std::string_view head = f[0];
    if (head == "DATE" || head == "TIME" || head == "DURATION" || head == "SET") {
      return Pattern(f, example);
    }
    if (!example.empty()) return Error("only rule lines carry examples");
    if (head == "prefix" || head == "suffix") return AffixLine(f);
    if (head == "option") return Option(f);
    for (const auto& wc : kWordClasses) {
      if (wc.keyword == head) return WordLine(wc.cls, f);
    }
    return Error("unknown line kind '" + std::string(head) + "'");
  }

 private:
  Status Error(const std::string& msg) const {
    return Status::InvalidArgument(r_->name + ":" + std::to_string(line_) + ": " + msg);
  }

  WordInfo& Word(std::string_view form) { return r_->AddWord(HashString(NormalizeToken(form))); }

  Status WordLine(Class cls, const std::vector<std::string_view>& f) {
    if (f.size() != 3) return Error("expected: CLASS VALUE FORM|FORM...");
    std::string_view v = f[1];
    int iv = 0;
    bool is_int = ParseInt(v, &iv);
    int part_index = -1;
    Unit unit = Unit::kNone;
    int season = 0;
    switch (cls) {
      case kMonthC:
        if (!is_int || iv < 1 || iv > 12) return Error("month value must be 1-12");
        break;
      case kWeekdayC:
        if (!is_int || iv < 1 || iv > 7) return Error("weekday value must be 1-7 (Monday 1)");
        break;
      case kNumC:
      case kOrdC:
      case kDecadeC:
      case kRelDayC:
      case kDirC:
        if (!is_int) return Error("value must be an integer");
        break;
      case kUnitC:
      case kUnitsC:
        unit = ParseUnit(v);
        if (unit == Unit::kNone) return Error("unknown unit '" + std::string(v) + "'");
        break;
      case kSeasonC: {
        static constexpr std::string_view kS[] = {"SP", "SU", "FA", "WI"};
        for (int i = 0; i < 4; ++i) {
          if (v == kS[i]) season = i + 1;
        }
        if (season == 0) return Error("season value must be SP, SU, FA or WI");
        break;
      }
      case kPartC:
        part_index = PartIndex(v);
        break;
      case kAmPmC:
        if (v != "am" && v != "pm") return Error("ampm value must be am or pm");
        break;
      case kFewC:
        break;
      default:
        return Error("not a word class");
    }
    for (std::string_view form : SplitOn(f[2], '|')) {
      if (form.empty()) return Error("empty form");
      WordInfo& w = Word(form);
      w.classes |= 1u << cls;
      if (FormNeedsCapital(form)) {
        w.cap_only |= 1u << cls;
      } else {
        w.cap_only &= ~(1u << cls);
      }
      switch (cls) {
        case kMonthC:
          w.month = iv;
          break;
        case kWeekdayC:
          w.weekday = iv;
          break;
        case kNumC:
          w.num = iv;
          w.number_word = true;
          break;
        case kOrdC:
          w.ord = iv;
          break;
        case kDecadeC:
          w.decade = iv;
          break;
        case kRelDayC:
          w.relday = iv;
          break;
        case kDirC:
          w.dir = iv;
          break;
        case kUnitC:
        case kUnitsC:
          w.unit = unit;
          break;
        case kSeasonC:
          w.season = season;
          break;
        case kPartC:
          w.part = part_index;
          break;
        case kAmPmC:
          w.ampm = v == "pm" ? 12 : 0;
          break;
        default:
          break;
      }
    }
    return Status::Ok();
  }

  int PartIndex(std::string_view code) {
    for (size_t i = 0; i < r_->parts.size(); ++i) {
      if (r_->parts[i] == code) return static_cast<int>(i);
    }
    r_->parts.emplace_back(code);
    return static_cast<int>(r_->parts.size() - 1);
  }

  Status AffixLine(const std::vector<std::string_view>& f) {
    if (f.size() < 3) return Error("expected: prefix|suffix MOD PHRASE|PHRASE [TYPE...]");
    uint32_t types = 0;
    for (size_t i = 3; i < f.size(); ++i) {
      int t = TypeIndex(f[i]);
      if (t < 0) return Error("unknown type '" + std::string(f[i]) + "'");
      types |= 1u << t;
    }
    auto& list = f[0] == "prefix" ? r_->prefixes : r_->suffixes;
    for (std::string_view phrase : SplitOn(f[2], '|')) {
      Affix a;
      a.words = PhraseKeys(phrase);
      a.types = types;
      if (a.words.empty()) return Error("empty phrase");
      for (StrId k : a.words) r_->AddWord(k);
      list.push_back(std::move(a));
    }
    return Status::Ok();
  }

  static int TypeIndex(std::string_view t) {
    if (t == "DATE") return static_cast<int>(TimeType::kDate);
    if (t == "TIME") return static_cast<int>(TimeType::kTime);
    if (t == "DURATION") return static_cast<int>(TimeType::kDuration);
    if (t == "SET") return static_cast<int>(TimeType::kSet);
    return -1;
  }

  Status Option(const std::vector<std::string_view>& f) {
    if (f.size() < 3) return Error("expected: option KEY VALUE...");
    if (f[1] == "numeric_date") {
      if (f[2] != "dmy" && f[2] != "mdy") return Error("numeric_date is dmy or mdy");
      r_->month_first = f[2] == "mdy";
    } else if (f[1] == "numeric_date_short") {
      if (f[2] != "yes" && f[2] != "no") return Error("numeric_date_short is yes or no");
      r_->short_numeric_date = f[2] == "yes";
    } else if (f[1] == "clock_dot") {
      if (f[2] != "yes" && f[2] != "no") return Error("clock_dot is yes or no");
      r_->clock_dot = f[2] == "yes";
    } else if (f[1] == "compound_determiners") {
      for (size_t i = 2; i < f.size(); ++i) {
        for (std::string_view w : SplitOn(f[i], '|')) {
          r_->compound_determiners.push_back(HashString(NormalizeToken(w)));
        }
      }
    } else if (f[1] == "future_cues") {
      for (size_t i = 2; i < f.size(); ++i) {
        for (std::string_view w : SplitOn(f[i], '|')) {
          r_->AddWord(HashString(NormalizeToken(w))).future_cue = true;
        }
      }
    } else {
      return Error("unknown option '" + std::string(f[1]) + "'");
    }
    return Status::Ok();
  }

  // One element of a pattern: alternatives, each a class or a word sequence.
  struct Element {
    std::vector<std::vector<StrId>> alts;  // keys; a class is one class key
    bool optional = false, context = false;
  };

  Status Pattern(const std::vector<std::string_view>& f, std::string_view example) {
    Rule rule;
    rule.type = static_cast<TimeType>(TypeIndex(f[0]));
    rule.id = r_->name + ":" + std::to_string(line_);
    size_t eq = 1;
    while (eq < f.size() && f[eq] != "=") ++eq;
    if (eq == f.size() || eq == 1) return Error("expected: TYPE ELEMENT... = ACTION [OPTION...]");
    std::vector<Element> elements;
    for (size_t i = 1; i < eq; ++i) {
      std::string_view e = f[i];
      Element el;
      if (e.size() > 1 && e.back() == '?') {
        el.optional = true;
        e.remove_suffix(1);
      }
      if (e.size() > 2 && e.front() == '[' && e.back() == ']') {
        el.context = true;
        e = e.substr(1, e.size() - 2);
      }
      for (std::string_view alt : SplitOn(e, '|')) {
        if (alt.empty()) return Error("empty alternative in '" + std::string(f[i]) + "'");
        int cls = -1;
        for (int c = 0; c < kClassCount; ++c) {
          if (kClassNames[c] == alt) cls = c;
        }
        if (cls >= 0) {
          if (el.context) return Error("a context element must be words, not a class");
          el.alts.push_back({r_->class_keys[cls]});
        } else {
          bool upper = std::all_of(alt.begin(), alt.end(),
                                   [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
          if (upper && alt.size() > 1) return Error("unknown class '" + std::string(alt) + "'");
          auto keys = PhraseKeys(alt);
          for (StrId k : keys) r_->AddWord(k);
          el.alts.push_back(std::move(keys));
        }
      }
      elements.push_back(std::move(el));
    }
    // Context elements only at the edges.
    size_t lead_ctx = 0, trail_ctx = 0;
    while (lead_ctx < elements.size() && elements[lead_ctx].context) ++lead_ctx;
    while (trail_ctx < elements.size() - lead_ctx &&
           elements[elements.size() - 1 - trail_ctx].context) {
      ++trail_ctx;
    }
    for (size_t i = lead_ctx; i + trail_ctx < elements.size(); ++i) {
      if (elements[i].context) return Error("context elements [..] only at the start or end");
    }
    if (lead_ctx + trail_ctx == elements.size())
      return Error("a pattern needs a non-context element");
    CRONISTA_RETURN_IF_ERROR(ActionSpec(f, eq + 1, &rule));
    uint32_t rule_index = static_cast<uint32_t>(r_->rules.size());
    r_->rules.push_back(std::move(rule));
    // Expand alternatives and optional elements.
    struct Partial {
      std::vector<StrId> keys;
      uint8_t lead = 0, trail = 0;
    };
    std::vector<Partial> partials(1);
    for (size_t i = 0; i < elements.size(); ++i) {
      const Element& el = elements[i];
      std::vector<Partial> next;
      for (const Partial& p : partials) {
        if (el.optional) next.push_back(p);
        for (const auto& alt : el.alts) {
          Partial q = p;
          q.keys.insert(q.keys.end(), alt.begin(), alt.end());
          if (el.context && i < lead_ctx) q.lead += static_cast<uint8_t>(alt.size());
          if (el.context && i >= lead_ctx) q.trail += static_cast<uint8_t>(alt.size());
          next.push_back(std::move(q));
        }
      }
      partials = std::move(next);
      if (partials.size() > 4096) return Error("too many expansions");
    }
    for (const Partial& p : partials) {
      if (p.keys.size() == static_cast<size_t>(p.lead + p.trail)) continue;
      uint32_t node = 0;
      for (StrId k : p.keys) {
        uint32_t child = r_->Child(node, k);
        if (child == 0) {
          child = static_cast<uint32_t>(r_->node_variants.size());
          r_->node_variants.emplace_back();
          r_->node_classes.push_back(0);
          r_->edges.Insert(node, k, child);
          for (int c = 0; c < kClassCount; ++c) {
            if (r_->class_keys[c] == k) r_->node_classes[node] |= 1u << c;
          }
        }
        node = child;
      }
      r_->node_variants[node].push_back(static_cast<uint32_t>(r_->variants.size()));
      r_->variants.push_back(Variant{rule_index, p.lead, p.trail});
    }
    if (!example.empty()) {
      size_t arrow = example.rfind(" -> ");
      if (arrow == example.npos) return Error("example needs 'TEXT -> VALUE'");
      r_->examples.push_back({line_, std::string(TrimWs(example.substr(0, arrow))),
                              std::string(TrimWs(example.substr(arrow + 4)))});
    }
    return Status::Ok();
  }

  Status ActionSpec(const std::vector<std::string_view>& f, size_t i, Rule* rule) {
    if (i >= f.size()) return Error("missing action after '='");
    std::string_view a = f[i++];
    if (a == "date") {
      rule->action = Action::kDate;
    } else if (a == "duration") {
      rule->action = Action::kDuration;
    } else if (a == "set") {
      rule->action = Action::kSet;
    } else if (a == "ref") {
      rule->action = Action::kRef;
    } else {
      return Error("unknown action '" + std::string(a) + "' (date, duration, set, ref)");
    }
    bool fits = false;
    switch (rule->type) {
      case TimeType::kDate:
        fits = rule->action == Action::kDate || rule->action == Action::kRef;
        break;
      case TimeType::kTime:
        fits = rule->action == Action::kDate;
        break;
      case TimeType::kDuration:
        fits = rule->action == Action::kDuration;
        break;
      case TimeType::kSet:
        fits = rule->action == Action::kSet;
        break;
    }
    if (!fits)
      return Error("action '" + std::string(a) + "' does not build a " + std::string(f[0]));
    for (; i < f.size(); ++i) {
      std::string_view opt = f[i];
      size_t eq = opt.find('=');
      if (eq == opt.npos) {
        if ((rule->action == Action::kRef || rule->action == Action::kSet) && rule->value.empty()) {
          rule->value = std::string(opt);
          continue;
        }
        return Error("expected KEY=VALUE, got '" + std::string(opt) + "'");
      }
      std::string_view k = opt.substr(0, eq), v = opt.substr(eq + 1);
      int iv = 0;
      bool is_int = ParseInt(v, &iv);
      Caps& c = rule->preset;
      if (k == "unit") {
        c.unit = ParseUnit(v);
        if (c.unit == Unit::kNone) return Error("unknown unit '" + std::string(v) + "'");
      } else if (k == "base") {
        if (v == "focus") {
          rule->base = Base::kFocus;
        } else if (v == "focus-unit") {
          rule->base = Base::kFocusUnit;
        } else if (v == "anchor") {
          rule->base = Base::kAnchor;
        } else {
          return Error("base is anchor, focus or focus-unit");
        }
      } else if (k == "only") {
        for (std::string_view u : SplitOn(v, '|')) {
          Unit unit = ParseUnit(u);
          if (unit == Unit::kNone) return Error("unknown unit '" + std::string(u) + "'");
          rule->only_units |= 1u << static_cast<int>(unit);
        }
      } else if (k == "at") {
        if (v != "unit" && v != "focus") return Error("at is unit or focus");
        rule->unit_gran = v == "unit";
      } else if (k == "part") {
        c.part = PartIndex(v);
      } else if (k == "num" && v == "decade") {
        rule->num_to_decade = 1;
      } else if (k == "n" && v == "X") {
        rule->n = kVague;
      } else if (!is_int) {
        return Error("option '" + std::string(k) + "' needs an integer");
      } else if (k == "dir") {
        c.dir = iv;
      } else if (k == "sign") {
        rule->sign = iv;
      } else if (k == "n") {
        rule->n = iv;
      } else if (k == "year") {
        c.year = iv;
      } else if (k == "month") {
        c.month = iv;
      } else if (k == "day") {
        c.day = iv;
      } else if (k == "weekday") {
        c.weekday = iv;
      } else if (k == "relday") {
        c.relday = iv;
      } else if (k == "hour") {
        c.hour = iv;
      } else if (k == "minute") {
        c.minute = iv;
      } else if (k == "ord") {
        c.ord = iv;
      } else if (k == "season") {
        c.season = iv;
      } else if (k == "decade") {
        c.decade = iv;
      } else {
        return Error("unknown option '" + std::string(k) + "'");
      }
    }
    if ((rule->action == Action::kRef) && rule->value.empty()) return Error("ref needs a value");
    return Status::Ok();
  }

  Rules* r_;
  int line_ = 0;
};

// ---------------------------------------------------------------------------
// Token classification.

// Parses a numeric date token ("19/6", "19/06/2024", "2024-06-19", "6/19/24").
bool ParseNumericDate(std::string_view s, bool month_first, bool allow_short, Sym* sym) {
  int f[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int n = 0;
  for (size_t i = 0; i < s.size();) {
    if (n == 3) return false;
    size_t b = i;
    while (i < s.size() && IsDigit(s[i])) {
      if (i - b == 4) return false;
      f[n] = f[n] * 10 + (s[i++] - '0');
    }
    digits[n] = static_cast<int>(i - b);
    if (digits[n] == 0 || digits[n] > 4) return false;
    ++n;
    if (i < s.size()) {
      if (s[i] != '/' && s[i] != '-' && s[i] != '.') return false;
      ++i;
    }
  }
  int y = kUnset, m, d = kUnset;
  if (n == 3 && digits[0] == 4) {
    y = f[0], m = f[1], d = f[2];
  } else if (n == 2 && digits[0] == 4 && digits[1] <= 2) {
    y = f[0], m = f[1];  // 2024-06
  } else if (n == 3 || (n == 2 && allow_short)) {
    m = month_first ? f[0] : f[1];
    d = month_first ? f[1] : f[0];
    if (n == 3) {
      y = f[2];
      if (digits[2] == 2) y += y < 50 ? 2000 : 1900;
      if (digits[2] != 2 && digits[2] != 4) return false;
    }
  } else {
    return false;
  }
  if (m < 1 || m > 12) return false;
  if (d != kUnset && (d < 1 || d > 31 || (y != kUnset && d > DaysIn(y, m)))) return false;
  sym->nd_y = y;
  sym->nd_m = m;
  sym->nd_d = d;
  return true;
}

// Classes of a token or part that starts with a digit.
// Digits joined by '/' or '-' (and '.'), as numeric dates are written.
bool NumericDateShape(std::string_view s) {
  bool sep = false;
  for (char c : s) {
    if (c == '/' || c == '-') {
      sep = true;
    } else if (!IsDigit(c) && c != '.') {
      return false;
    }
  }
  return sep;
}

void ClassifyDigits(std::string_view s, uint32_t flags, const Rules& r, Sym* sym) {
  if ((flags & kTokDate) || NumericDateShape(s)) {
    if (ParseNumericDate(s, r.month_first, r.short_numeric_date, sym))
      sym->classes |= 1u << kNumDateC;
    return;
  }
  size_t i = 0;
  int v = 0;
  while (i < s.size() && IsDigit(s[i]) && i < 9) v = v * 10 + (s[i++] - '0');
  size_t nd = i;
  std::string_view rest = s.substr(i);
  if (rest.empty()) {
    sym->num = v;
    sym->classes |= 1u << kNumC;
    if (nd <= 2 && v >= 1 && v <= 31) {
      sym->day = v;
      sym->classes |= 1u << kDayC;
    }
    if (nd <= 2 && v <= 24) {
      sym->hour = v;
      sym->classes |= 1u << kHourC;
    }
    if (nd == 4 && v >= 1000 && v <= 2999) {
      sym->year = v;
      sym->classes |= 1u << kYearC;
    }
    return;
  }
  if ((rest[0] == ':' || rest[0] == '.') && rest.size() == 3 && IsDigit(rest[1]) &&
      IsDigit(rest[2]) && nd <= 2) {
    int mm = (rest[1] - '0') * 10 + (rest[2] - '0');
    if (v <= 24 && mm < 60 && (rest[0] == ':' || r.clock_dot)) {
      sym->hour = v;
      sym->minute = mm;
      sym->classes |= 1u << kClockC;
    }
    return;
  }
  if (rest == "s" && v % 10 == 0 && (nd == 4 || nd == 2)) {
    sym->decade = nd == 4 ? v / 10 : 190 + v / 10;
    sym->classes |= 1u << kDecadeC;
    return;
  }
  if (rest == "st" || rest == "nd" || rest == "rd" || rest == "th" || rest == "\xc2\xba" ||
      rest == "\xc2\xb0") {
    sym->ord = v;
    sym->classes |= 1u << kOrdC;
    if (v >= 1 && v <= 31) {
      sym->day = v;
      sym->classes |= 1u << kDayC;
    }
  }
}

void Classify(const Rules& r, const Token& t, std::string_view part, StrId key, Sym* sym) {
  sym->key = key;
  int wi = r.words.Find(key);
  if (wi >= 0) {
    const WordInfo& w = r.word_info[wi];
    sym->w = &w;
    uint32_t cls = w.classes;
    if (!t.has(kTokCapitalised)) cls &= ~w.cap_only;
    sym->classes |= cls;
    if (cls & (1u << kOrdC)) {
      sym->ord = w.ord;
      if (w.ord >= 1 && w.ord <= 31) {
        sym->day = w.ord;
        sym->classes |= 1u << kDayC;
      }
    }
    if (cls & (1u << kDecadeC)) sym->decade = w.decade;
  }
  // A part of "2000-2005" is no numeric date, whatever the token is.
  uint32_t flags = key == t.norm ? t.flags : t.flags & ~kTokDate;
  if (!part.empty() && IsDigit(part[0])) ClassifyDigits(part, flags, r, sym);
}

// Composite number words ("twenty four", "twenty-six", "two hundred") and
// spoken years ("nineteen ninety-six") starting at each symbol.
void ComposeNumbers(std::vector<Sym>* syms) {
  auto is_word = [&](size_t j) {
    const Sym& s = (*syms)[j];
    return s.w != nullptr && s.w->number_word && (s.classes & (1u << kNumC));
  };
  size_t n = syms->size();
  for (size_t i = 0; i < n; ++i) {
    if (!is_word(i)) continue;
    int total = 0, cur = 0, last = -1;  // last: 0 unit, 1 teen, 2 ten, 3 hundred, 4 thousand
    size_t j = i;
    while (j < n && is_word(j)) {
      int v = (*syms)[j].w->num;
      if (v == 100) {
        if (cur >= 10 || last == 3) break;
        cur = (cur == 0 ? 1 : cur) * 100;
        last = 3;
      } else if (v >= 1000) {
        if (last == 4) break;
        total += (cur == 0 ? 1 : cur) * v;
        cur = 0;
        last = 4;
      } else {
        bool ok = j == i || last == 3 || last == 4 || (last == 2 && v < 10);
        if (!ok) break;
        cur += v;
        last = v < 10 ? 0 : (v >= 20 && v % 10 == 0) ? 2 : 1;
      }
      ++j;
    }
    Sym& s = (*syms)[i];
    s.num = total + cur;
    s.num_len = static_cast<uint8_t>(j - i);
    if (s.num <= 24) {
      s.hour = s.num;
      s.classes |= 1u << kHourC;
    }
  }
  // Spoken years: two groups of 10-99 ("nineteen ninety-six", "twenty twenty-four").
  for (size_t i = 0; i < n; ++i) {
    Sym& s = (*syms)[i];
    if (!is_word(i) || s.num < 11 || s.num > 29 || s.num_len != 1) continue;
    size_t j = i + s.num_len;
    if (j >= n || !is_word(j)) continue;
    const Sym& t = (*syms)[j];
    if (t.num < 10 || t.num > 99) continue;
    s.year = s.num * 100 + t.num;
    s.year_len = static_cast<uint8_t>(s.num_len + t.num_len);
    s.classes |= 1u << kYearC;
  }
}

// ---------------------------------------------------------------------------
// Resolution.

struct Context {
  Point anchor;
  Point focus;
  bool focus_year_known = false;
  int focus_sentence = INT_MIN / 2;
  int sentence = 0;
  bool future = false;  // the sentence has a future cue
};

constexpr int kFocusWindow = 5;   // sentences a mentioned date stays the focus
constexpr size_t kCueWindow = 6;  // symbols between a future cue and the expression

// The year of month `m` (day `d`, or 0) for an expression without one, in
// direction `dir`: kUnset is the anchor's year, unless that puts the date more
// than ten months ahead (a December mentioned in February is last December) or
// the sentence looks forward (`future`) and the date is over a month past;
// -1 is the latest such month strictly before the anchor's month, +1 the
// earliest strictly after, 0 the anchor's year. TimeBank's news dates follow
// the anchor's year far more often than the nearest date.
int InferYear(const Point& a, int m, int d, int dir, bool future) {
  if (a.g == Gran::kNone) return kUnset;
  if (Rank(a.g) < Rank(Gran::kMonth) || a.g == Gran::kWeek || a.g == Gran::kWeekend || dir == 0) {
    return a.y;
  }
  // With a day, "lo scorso 12 giugno" in a paper of 20 June is this June;
  // within the anchor's month a month-precision anchor cannot tell, and keeps
  // its year.
  bool same_month_day = m == a.m && d > 0;
  if (dir == -1) {
    return m < a.m || (same_month_day && (a.g != Gran::kDay || d < a.d)) ? a.y : a.y - 1;
  }
  if (dir == 1) {
    return m > a.m || (same_month_day && (a.g != Gran::kDay || d > a.d)) ? a.y : a.y + 1;
  }
  int64_t az = DaysFromCivil(a.y, a.m, a.g == Gran::kDay ? a.d : 15);
  int64_t z = DaysFromCivil(a.y, m, d > 0 ? std::min(d, DaysIn(a.y, m)) : 15);
  if (z - az > 300) return a.y - 1;
  if (future && az - z > 31) return a.y + 1;
  return a.y;
}

// The year of quarter or half `idx` for an expression without one, by the
// same policy as InferYear: the anchor's year, unless that is three quarters
// ahead (a fourth quarter mentioned in the first) or past in a forward-looking
// sentence.
int InferPeriodYear(const Point& a, Unit u, int idx, int dir, bool future) {
  if (a.g == Gran::kNone) return kUnset;
  int per_year = u == Unit::kQuarter ? 4 : 2;
  int cur = 0;
  if (a.g == Gran::kDay || a.g == Gran::kMonth) {
    cur = (a.m - 1) / (12 / per_year) + 1;
  } else if ((a.g == Gran::kQuarter && u == Unit::kQuarter) ||
             (a.g == Gran::kHalf && u == Unit::kHalf)) {
    cur = a.idx;
  } else {
    return a.y;
  }
  if (dir == 0) return a.y;
  if (dir == -1) return idx < cur ? a.y : a.y - 1;
  if (dir == 1) return idx > cur ? a.y : a.y + 1;
  if (u == Unit::kQuarter && idx - cur >= 3) return a.y - 1;
  (void)future;  // earnings news name past and coming quarters alike
  return a.y;
}

struct Resolved {
  std::string value;
  Point point;  // the calendar point of a DATE/TIME (kNone otherwise)
  bool year_known = true;
  bool anaphoric = false;
  // An explicit date (a day, month, season, quarter, year or decade named as
  // such), which later anaphoric expressions may refer to; dates counted
  // from the anchor ("yesterday", "last year") are not.
  bool focus = false;
};

std::string UnitCode(Unit u) {
  switch (u) {
    case Unit::kSecond:
      return "S";
    case Unit::kMinute:
      return "M";
    case Unit::kHour:
      return "H";
    case Unit::kDay:
      return "D";
    case Unit::kWeek:
    case Unit::kWeekend:
      return "W";
    case Unit::kMonth:
      return "M";
    case Unit::kQuarter:
      return "Q";
    case Unit::kHalf:
      return "M";
    case Unit::kYear:
      return "Y";
    case Unit::kDecade:
      return "DE";
    case Unit::kCentury:
      return "CE";
    case Unit::kNone:
      break;
  }
  return "";
}

bool IsTimeUnit(Unit u) { return u == Unit::kSecond || u == Unit::kMinute || u == Unit::kHour; }

// "P3Y", "PT2H", "PXD"; a half counts six months, a decade ten years.
std::string DurationValue(Unit u, int n) {
  std::string v = IsTimeUnit(u) ? "PT" : "P";
  if (n == kVague) return v + "X" + UnitCode(u);
  if (u == Unit::kHalf) return v + std::to_string(6 * n) + "M";
  if (u == Unit::kDecade) return v + std::to_string(10 * n) + "Y";
  if (u == Unit::kCentury) return v + std::to_string(100 * n) + "Y";
  return v + std::to_string(n) + UnitCode(u);
}

bool ResolveDate(const Rules& r, const Rule& rule, const Caps& c, const Context& ctx,
                 Resolved* out) {
  const Point& a = ctx.anchor;
  int dir = c.dir;
  Point base = a;
  bool focus_ok = ctx.focus.g != Gran::kNone && ctx.focus_year_known &&
                  ctx.sentence - ctx.focus_sentence <= kFocusWindow;
  if (rule.base == Base::kFocus && focus_ok) {
    base = ctx.focus;
    out->anaphoric = true;
  }
  int magnitude = c.num != kUnset ? c.num : rule.n != kUnset ? rule.n : 1;
  // "June last year", "next year's first quarter", "the year-ago third
  // quarter": with unit=year, DIR (or sign) moves the year of the base.
  int year_delta = rule.sign != 0 ? rule.sign : dir;
  bool year_shift =
      rule.preset.unit == Unit::kYear && year_delta != kUnset && base.g != Gran::kNone;
  Point p;
  bool relative = false;  // needs the anchor
  bool year_known = true;
  bool explicit_date = true;  // named, not counted from the anchor
  if (c.decade != kUnset || (rule.num_to_decade && c.num != kUnset)) {
    int dec = c.decade;
    if (dec == kUnset) {
      int v = c.num;
      if (v >= 1000 && v <= 2990 && v % 10 == 0) {
        dec = v / 10;
      } else if (v >= 10 && v <= 90 && v % 10 == 0) {
        dec = (v >= 30 ? 190 : 200) + v / 10;
      } else {
        return false;
      }
    }
    p.g = Gran::kDecade;
    p.y = dec * 10;
  } else if (c.ord != kUnset && c.unit == Unit::kCentury) {
    if (c.ord < 1 || c.ord > 30) return false;
    p.g = Gran::kCentury;
    p.y = (c.ord - 1) * 100;
  } else if (c.ord != kUnset && c.unit != Unit::kQuarter && c.unit != Unit::kHalf &&
             c.month == kUnset) {
    return false;  // "the first year", "the second day": not calendar points
  } else if (c.month != kUnset) {
    int y = c.year;
    if (y == kUnset && year_shift) {
      y = base.y + year_delta;
    } else if (y == kUnset) {
      y = InferYear(a, c.month, c.day == kUnset ? 0 : c.day, dir, ctx.future);
      relative = true;
      if (y == kUnset) year_known = false;
    }
    if (c.day != kUnset) {
      if (c.day < 1 || c.day > (year_known ? DaysIn(y, c.month) : DaysIn(2000, c.month))) {
        return false;
      }
      p.g = Gran::kDay;
      p.d = c.day;
    } else {
      p.g = Gran::kMonth;
    }
    p.y = year_known ? y : 0;
    p.m = c.month;
    // "Friday, April 25": the weekday must agree; otherwise trust the date.
  } else if (c.season != kUnset) {
    int y = c.year;
    if (y == kUnset && year_shift) {
      y = base.y + year_delta;
    } else if (y == kUnset) {
      relative = true;
      if (a.g == Gran::kNone) {
        year_known = false;
        y = 0;
      } else {
        y = a.y + (dir == kUnset ? 0 : dir);
      }
    }
    p.g = Gran::kSeason;
    p.y = y;
    p.idx = c.season;
  } else if (c.ord != kUnset && (c.unit == Unit::kQuarter || c.unit == Unit::kHalf)) {
    int max = c.unit == Unit::kQuarter ? 4 : 2;
    if (c.ord < 1 || c.ord > max) return false;
    int y = c.year;
    if (y == kUnset && year_shift) {
      y = base.y + year_delta;
    } else if (y == kUnset) {
      relative = true;
      y = InferPeriodYear(a, c.unit, c.ord, dir, ctx.future);
      if (y == kUnset) {
        year_known = false;
        y = 0;
      }
    }
    p.g = c.unit == Unit::kQuarter ? Gran::kQuarter : Gran::kHalf;
    p.y = y;
    p.idx = c.ord;
  } else if (c.weekday != kUnset) {
    relative = true;
    explicit_date = false;
    if (a.g != Gran::kDay) {
      p = a;
    } else {
      int64_t z = DayNumberOf(a);
      int delta = c.weekday - IsoWeekday(z);  // -6..6
      if (dir == -1) {
        if (delta >= 0) delta -= 7;
      } else if (dir == 1) {
        if (delta <= 0) delta += 7;
      } else if (dir == 0 || ctx.future) {
        if (delta < 0) delta += 7;
      } else {
        if (delta > 0) delta -= 7;
      }
      p = DayPoint(z + delta);
    }
  } else if (c.relday != kUnset) {
    relative = true;
    explicit_date = false;
    p = Shift(a, Unit::kDay, c.relday);
  } else if (c.unit != Unit::kNone && !IsTimeUnit(c.unit)) {
    relative = true;
    explicit_date = false;
    int direction = rule.sign != 0 ? rule.sign : dir != kUnset ? dir : 0;
    if (magnitude == kVague) {
      out->value = direction < 0 ? "PAST_REF" : direction > 0 ? "FUTURE_REF" : "PRESENT_REF";
      out->point = Point();
      return true;
    }
    int k = magnitude * direction;
    Gran g = GranOf(c.unit);
    if (rule.base == Base::kFocusUnit && focus_ok && ctx.focus.g == g) {
      p = ctx.focus;
      out->anaphoric = true;
    } else {
      Unit u = c.unit;
      Point from = base;
      if (u == Unit::kWeekend && from.g == Gran::kDay && k < 0 &&
          IsoWeekday(DayNumberOf(from)) >= 6) {
        ++k;  // "last weekend" on a Sunday is this one
      }
      Gran out_g = g;
      if (out->anaphoric && !rule.unit_gran && Rank(base.g) > Rank(g)) out_g = base.g;
      p = Coarsen(Shift(from, u, k), out_g);
    }
  } else if (c.year != kUnset) {
    p.g = Gran::kYear;
    p.y = c.year;
  } else if (rule.type == TimeType::kTime && (c.hour != kUnset || c.part != kUnset)) {
    relative = true;
    explicit_date = false;
    p = dir != kUnset ? Shift(a, Unit::kDay, dir) : a;
  } else {
    return false;
  }
  if (relative && a.g == Gran::kNone && !out->anaphoric && year_known) {
    // Nothing to anchor to: found, but not normalised.
    out->value.clear();
    out->point = Point();
    return true;
  }
  out->year_known = year_known;
  out->point = p;
  out->focus = (explicit_date || rule.base == Base::kFocusUnit) && !out->anaphoric && year_known;
  if (rule.type != TimeType::kTime) {
    out->value = FormatPoint(p, year_known);
    return !out->value.empty();
  }
  // TIME: the day (X for what is unknown), then the time of day.
  std::string day;
  if (p.g == Gran::kDay) {
    day = FormatPoint(p, year_known);
  } else if (p.g == Gran::kMonth) {
    day = FormatPoint(p, year_known) + "-XX";
  } else if (p.g == Gran::kYear) {
    day = FormatPoint(p, year_known) + "-XX-XX";
  } else {
    day = "XXXX-XX-XX";
  }
  char buf[32];
  if (c.hour != kUnset) {
    int h = c.hour;
    if (c.ampm != kUnset) {
      if (h < 1 || h > 12) return false;
      h = c.ampm == 12 ? (h == 12 ? 12 : h + 12) : (h == 12 ? 0 : h);
    }
    int m = c.minute == kUnset ? 0 : c.minute;
    if (h > 24 || m > 59 || (h == 24 && m > 0)) return false;
    std::snprintf(buf, sizeof(buf), "T%02d:%02d", h, m);
  } else if (c.part != kUnset) {
    std::snprintf(buf, sizeof(buf), "T%s", r.parts[c.part].c_str());
  } else {
    return false;
  }
  out->value = day + buf;
  return true;
}

bool Resolve(const Rules& r, const Rule& rule, const Caps& c, const Context& ctx, Resolved* out) {
  if (rule.only_units != 0 && !(rule.only_units & (1u << static_cast<int>(c.unit)))) return false;
  switch (rule.action) {
    case Action::kRef:
      out->value = rule.value;
      return true;
    case Action::kDuration: {
      Unit u = c.unit;
      if (u == Unit::kNone) return false;
      int n = c.num != kUnset ? c.num : rule.n != kUnset ? rule.n : kUnset;
      // "the 1988 quarter" is no duration; "a half" is a fraction.
      if (n == kUnset || (n != kVague && (n <= 0 || n >= 1000)) || u == Unit::kHalf) return false;
      if (u == Unit::kWeekend) u = Unit::kWeek;
      out->value = DurationValue(u, n);
      return true;
    }
    case Action::kSet: {
      if (!rule.value.empty()) {
        out->value = rule.value;
        return true;
      }
      char buf[32];
      std::string time = c.part != kUnset ? "T" + r.parts[c.part] : "";
      if (c.weekday != kUnset) {
        std::snprintf(buf, sizeof(buf), "XXXX-WXX-%d", c.weekday);
        out->value = buf + time;
      } else if (c.month != kUnset) {
        std::snprintf(buf, sizeof(buf), "XXXX-%02d", c.month);
        out->value = buf;
      } else if (c.unit != Unit::kNone) {
        int n = c.num != kUnset && c.num > 0 ? c.num : 1;
        out->value = DurationValue(c.unit, n);
      } else if (!time.empty()) {
        out->value = "XXXX-XX-XX" + time;
      } else {
        return false;
      }
      return true;
    }
    case Action::kDate:
      return ResolveDate(r, rule, c, ctx, out);
  }
  return false;
}

// Applies class `cls` of `s` to captures; returns the symbols it consumes.
size_t Capture(int cls, const Sym& s, Caps* c) {
  switch (cls) {
    case kMonthC:
      c->month = s.w->month;
      return 1;
    case kWeekdayC:
      c->weekday = s.w->weekday;
      return 1;
    case kUnitC:
    case kUnitsC:
      c->unit = s.w->unit;
      return 1;
    case kNumC:
      c->num = s.num;
      return s.num_len;
    case kFewC:
      c->num = kVague;
      return 1;
    case kOrdC:
      c->ord = s.ord;
      return 1;
    case kDayC:
      c->day = s.day;
      return 1;
    case kYearC:
      c->year = s.year;
      return s.year_len;
    case kDecadeC:
      c->decade = s.decade;
      return 1;
    case kHourC:
      c->hour = s.hour;
      return s.w != nullptr && s.w->number_word ? s.num_len : 1;
    case kClockC:
      c->hour = s.hour;
      c->minute = s.minute;
      return 1;
    case kNumDateC:
      c->year = s.nd_y;
      c->month = s.nd_m;
      c->day = s.nd_d;
      return 1;
    case kPartC:
      c->part = s.w->part;
      return 1;
    case kSeasonC:
      c->season = s.w->season;
      return 1;
    case kAmPmC:
      c->ampm = s.w->ampm;
      return 1;
    case kRelDayC:
      c->relday = s.w->relday;
      return 1;
    case kDirC:
      c->dir = s.w->dir;
      return 1;
    default:
      return 1;
  }
}

void Walk(const Rules& r, uint32_t node, size_t pos, const Caps& caps, const std::vector<Sym>& syms,
          size_t end, std::vector<Candidate>* out) {
  for (uint32_t v : r.node_variants[node]) out->push_back({pos, v, caps});
  if (pos >= end) return;
  const Sym& s = syms[pos];
  if (uint32_t child = r.Child(node, s.key)) Walk(r, child, pos + 1, caps, syms, end, out);
  uint32_t classes = s.classes & r.node_classes[node];
  while (classes) {
    int c = __builtin_ctz(classes);
    classes &= classes - 1;
    uint32_t child = r.Child(node, r.class_keys[c]);
    if (child == 0) continue;
    Caps next = caps;
    size_t len = Capture(c, s, &next);
    if (pos + len <= end) Walk(r, child, pos + len, next, syms, end, out);
  }
}

// The longest affix ending at `at` (prefix, exclusive) or starting at `at`
// (suffix) within [lo, hi); returns its length in symbols.
size_t AffixAt(const std::vector<Affix>& affixes, const std::vector<Sym>& syms, size_t at,
               size_t lo, size_t hi, bool prefix, TimeType type) {
  size_t best = 0;
  for (const Affix& a : affixes) {
    size_t len = a.words.size();
    if (len <= best) continue;
    if (a.types != 0 && !(a.types & (1u << static_cast<int>(type)))) continue;
    size_t b = prefix ? at - std::min(at, len) : at;
    if (prefix ? (at < lo + len) : (at + len > hi)) continue;
    bool ok = true;
    for (size_t j = 0; j < len && ok; ++j) ok = syms[b + j].key == a.words[j];
    if (ok) best = len;
  }
  return best;
}

// True when the symbols before `e` end with a hyphenated token that holds a
// unit ("two-week", "third-quarter", "year-earlier").
bool CompoundWithUnit(const Document& doc, const std::vector<Sym>& syms, size_t e) {
  uint32_t tok = syms[e - 1].tok;
  if (!doc.tokens[tok].has(kTokHyphenated)) return false;
  constexpr uint32_t kUnits = (1u << kUnitC) | (1u << kUnitsC);
  for (size_t j = e; j > 0 && syms[j - 1].tok == tok; --j) {
    if (syms[j - 1].classes & kUnits) return true;
  }
  return false;
}

// The rule's presets, overridden by what the match captured.
Caps MergeCaps(const Caps& preset, const Caps& got) {
  Caps c = preset;
  auto take = [](int g, int* dst) {
    if (g != kUnset) *dst = g;
  };
  take(got.year, &c.year);
  take(got.month, &c.month);
  take(got.day, &c.day);
  take(got.weekday, &c.weekday);
  take(got.num, &c.num);
  take(got.ord, &c.ord);
  take(got.decade, &c.decade);
  take(got.relday, &c.relday);
  take(got.dir, &c.dir);
  take(got.hour, &c.hour);
  take(got.minute, &c.minute);
  take(got.ampm, &c.ampm);
  take(got.part, &c.part);
  take(got.season, &c.season);
  if (got.unit != Unit::kNone) c.unit = got.unit;
  return c;
}

Point AnchorOf(const PartialDate& d) {
  Point p;
  switch (d.precision) {
    case DatePrecision::kTime:
    case DatePrecision::kDay:
      p.g = Gran::kDay;
      p.y = d.year;
      p.m = d.month;
      p.d = d.day;
      break;
    case DatePrecision::kMonth:
      p.g = Gran::kMonth;
      p.y = d.year;
      p.m = d.month;
      break;
    case DatePrecision::kYear:
      p.g = Gran::kYear;
      p.y = d.year;
      break;
    case DatePrecision::kNone:
      break;
  }
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------

TimeTagger::TimeTagger() : rules_(std::make_unique<Rules>()) {}
TimeTagger::~TimeTagger() = default;

const std::vector<TimeTagger::Example>& TimeTagger::examples() const { return rules_->examples; }
size_t TimeTagger::rule_count() const { return rules_->rules.size(); }

Result<std::unique_ptr<TimeTagger>> TimeTagger::FromText(std::string_view text,
                                                         const std::string& name) {
  std::unique_ptr<TimeTagger> t(new TimeTagger());
  t->rules_->name = name;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Loader loader(t->rules_.get());
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == text.npos ? text.npos : nl - pos);
    pos = nl == text.npos ? text.size() : nl + 1;
    ++line_no;
    if (line_no == 1) {
      if (TrimWs(line) != "#! cronista-time 1") {
        return Status::InvalidArgument(name + ":1: expected '#! cronista-time 1'");
      }
      continue;
    }
    CRONISTA_RETURN_IF_ERROR(loader.Line(line_no, line));
  }
  if (line_no == 0) return Status::InvalidArgument(name + ": empty file");
  Rules& r = *t->rules_;
  for (WordInfo& w : r.word_info) w.starts = r.Child(0, w.key) != 0;
  return t;
}

Result<std::unique_ptr<TimeTagger>> TimeTagger::Load(const std::string& lang_dir) {
  std::string path = lang_dir + "/time.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  // Rule ids name the file as data/<lang>/time.txt, wherever the folder is.
  std::string lang = lang_dir;
  while (!lang.empty() && lang.back() == '/') lang.pop_back();
  size_t slash = lang.rfind('/');
  if (slash != std::string::npos) lang = lang.substr(slash + 1);
  return FromText(ss.str(), "data/" + lang + "/time.txt");
}

void TimeTagger::Tag(Document* doc) const {
  const Rules& r = *rules_;
  doc->times.clear();
  Context ctx;
  ctx.anchor = AnchorOf(doc->meta.date);
  std::vector<Sym> syms;
  std::vector<Candidate> cands;
  std::vector<size_t> cues;  // symbols of future cues in the window
  const size_t ns = doc->sentences.size();
  for (size_t si = 0; si < ns;) {
    // A window: the sentence, joined with the next ones while it ends on an
    // abbreviation ("at 5 p.m. | Wednesday" is split by the segmenter).
    uint32_t tb = doc->sentences[si].token_begin, te = doc->sentences[si].token_end;
    ctx.sentence = static_cast<int>(si);
    ++si;
    while (si < ns && te > tb && doc->tokens[te - 1].has(kTokAbbrev) && si - ctx.sentence < 3) {
      te = doc->sentences[si++].token_end;
    }
    syms.clear();
    cues.clear();
    for (uint32_t ti = tb; ti < te; ++ti) {
      const Token& t = doc->tokens[ti];
      // The norm's text matters only for digits and hyphenated words; other
      // tokens are classified by their key alone.
      bool hyphenated = t.has(kTokHyphenated) && !t.has(kTokDate);
      std::string_view norm;
      if (hyphenated || IsDigit(doc->text[t.start])) norm = doc->TokenNorm(t);
      if (hyphenated && norm.find('-') != norm.npos) {
        // "2024-06" is a date; "1989-90" and "2000-2005" are two years.
        Sym whole;
        whole.tok = ti;
        if (NumericDateShape(norm)) Classify(r, t, norm, t.norm, &whole);
        if (whole.classes & (1u << kNumDateC)) {
          syms.push_back(whole);
          continue;
        }
        for (std::string_view part : SplitOn(norm, '-')) {
          if (part.empty()) continue;
          Sym s;
          s.tok = ti;
          Classify(r, t, part, HashString(part), &s);
          syms.push_back(s);
        }
        continue;
      }
      Sym s;
      s.tok = ti;
      Classify(r, t, norm, t.norm, &s);
      if (s.w != nullptr && s.w->future_cue) cues.push_back(syms.size());
      syms.push_back(s);
    }
    ComposeNumbers(&syms);
    const size_t n = syms.size();
    size_t lo = 0;  // symbols before lo belong to an earlier expression
    for (size_t i = 0; i < n;) {
      if ((syms[i].classes & r.node_classes[0]) == 0 &&
          (syms[i].w == nullptr || !syms[i].w->starts)) {
        ++i;
        continue;  // nothing starts here
      }
      cands.clear();
      Walk(r, 0, i, Caps(), syms, n, &cands);
      std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
        if (a.end != b.end) return a.end > b.end;
        return a.variant < b.variant;
      });
      // A future cue shortly before the expression ("will resume on Friday",
      // not "said Friday it will").
      ctx.future = false;
      for (size_t q : cues) ctx.future |= q < i && i - q <= kCueWindow;
      size_t next = i + 1;
      for (const Candidate& c : cands) {
        const Variant& v = r.variants[c.variant];
        const Rule& rule = r.rules[v.rule];
        Caps caps = MergeCaps(rule.preset, c.caps);
        Resolved res;
        if (!Resolve(r, rule, caps, ctx, &res)) continue;
        size_t b = i + v.lead, e = c.end - v.trail;
        // An adjectival compound with a unit leaves its determiner out: "the
        // [two-week] talks", "its [third-quarter] profit" (not "the winter of
        // nineteen ninety-four").
        if (e - b > 1 && CompoundWithUnit(*doc, syms, e) &&
            std::find(r.compound_determiners.begin(), r.compound_determiners.end(), syms[b].key) !=
                r.compound_determiners.end()) {
          ++b;
        }
        if (rule.action != Action::kRef) {
          // Modifiers around the expression ("early", "the end of", "or so").
          for (int k = 0; k < 3; ++k) {
            size_t len = AffixAt(r.prefixes, syms, b, lo, n, true, rule.type);
            if (len == 0) break;
            b -= len;
          }
          e += AffixAt(r.suffixes, syms, e, lo, n, false, rule.type);
        }
        // Optional punctuation at an edge ("il 19 giugno[,]") stays out.
        while (e - b > 1 && doc->tokens[syms[e - 1].tok].has(kTokPunct)) --e;
        while (e - b > 1 && doc->tokens[syms[b].tok].has(kTokPunct)) ++b;
        // Whole tokens: a match inside "8-month-old" takes the token.
        uint32_t first = syms[b].tok, last = syms[e - 1].tok;
        TimeExpr t;
        t.start = doc->tokens[first].start;
        t.end = doc->tokens[last].end();
        t.type = rule.type;
        t.value = std::move(res.value);
        t.rule = rule.id;
        std::optional<PartialDate> pd = DateOfTimex(t);
        t.precision = pd ? pd->precision : DatePrecision::kNone;
        if (res.focus && res.point.g != Gran::kNone) {
          ctx.focus = res.point;
          ctx.focus_year_known = true;
          ctx.focus_sentence = ctx.sentence;
        }
        doc->times.push_back(std::move(t));
        // Go on after the last token of the expression.
        next = e;
        while (next < n && syms[next].tok == last) ++next;
        lo = next;
        break;
      }
      i = next;
    }
  }
}

// ---------------------------------------------------------------------------

std::optional<PartialDate> DateOfTimex(const TimeExpr& t) {
  if (t.type != TimeType::kDate && t.type != TimeType::kTime) return std::nullopt;
  std::string_view v = t.value;
  auto num = [&](size_t pos, size_t len, int* out) {
    if (pos + len > v.size()) return false;
    int x = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!IsDigit(v[i])) return false;
      x = x * 10 + (v[i] - '0');
    }
    *out = x;
    return true;
  };
  PartialDate d;
  if (!num(0, 4, &d.year)) return std::nullopt;
  d.precision = DatePrecision::kYear;
  if (v.size() == 4) return d;
  if (v[4] != '-' || v.size() < 7) return std::nullopt;
  char k = v[5];
  if (k == 'W' && IsDigit(v[6])) {
    int w = 0;
    if (!num(6, 2, &w) || w < 1 || w > 53) return std::nullopt;
    int64_t mon = MondayOfIsoWeek(d.year, w);
    bool weekend = v.substr(8) == "-WE";
    if (!weekend && v.size() != 8) return std::nullopt;
    int64_t first = weekend ? mon + 5 : mon, last = mon + 6;
    int y1, m1, d1, y2, m2, d2;
    CivilFromDays(first, &y1, &m1, &d1);
    CivilFromDays(last, &y2, &m2, &d2);
    PartialDate out;
    out.year = y1;
    if (y1 == y2 && m1 == m2) {
      out.month = m1;
      out.precision = DatePrecision::kMonth;
    } else if (y1 == y2) {
      out.precision = DatePrecision::kYear;
    } else {
      return std::nullopt;
    }
    return out;
  }
  // A quarter, half or season: the year holds it.
  if (k == 'Q' || k == 'H' || k == 'S' || k == 'F' || k == 'W') return d;
  if (!num(5, 2, &d.month) || d.month < 1 || d.month > 12) return std::nullopt;
  d.precision = DatePrecision::kMonth;
  if (v.size() == 7) return d;
  if (v[7] != '-') return std::nullopt;
  if (v.substr(8, 2) == "XX") return d;  // "2024-06-XXT10:00": the month is what is known
  if (!num(8, 2, &d.day) || d.day < 1 || d.day > DaysIn(d.year, d.month)) return std::nullopt;
  d.precision = DatePrecision::kDay;
  if (v.size() == 10) return d;
  if (v[10] != 'T') return std::nullopt;
  if (v.size() >= 16 && num(11, 2, &d.hour) && v[13] == ':' && num(14, 2, &d.minute)) {
    if (d.hour == 24) return d;  // midnight at the end of the day: keep the day
    d.precision = DatePrecision::kTime;
  }
  return d;
}

}  // namespace cronista
