#include "cronista/document.h"

#include <cstdio>

namespace cronista {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `*pos` into `*out`, advancing `*pos`.
bool ReadDigits(std::string_view s, size_t* pos, size_t n, int* out) {
  if (s.size() - *pos < n) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

// Reads one or two digits (a month or a day written "6" or "06").
bool ReadOneOrTwoDigits(std::string_view s, size_t* pos, int* out) {
  size_t n = 0;
  while (n < 2 && *pos + n < s.size() && IsDigit(s[*pos + n])) ++n;
  return n > 0 && ReadDigits(s, pos, n, out);
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Checks what follows the time of day: fractional seconds (only after
// seconds), then an optional zone "Z", "+02", "+0200" or "+02:00". The zone is
// checked but not applied: the date keeps the local time as written.
bool ParseTimeSuffix(std::string_view s, size_t pos, bool after_seconds) {
  if (after_seconds && pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    size_t start = ++pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    if (pos == start) return false;
  }
  if (pos == s.size()) return true;
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  ++pos;
  int hh = 0, mm = 0;
  if (!ReadDigits(s, &pos, 2, &hh)) return false;
  if (pos < s.size() && s[pos] == ':') ++pos;
  if (pos < s.size() && !ReadDigits(s, &pos, 2, &mm)) return false;
  return pos == s.size() && hh <= 14 && mm <= 59;
}

}  // namespace

std::string_view DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kNone:
      return "none";
    case DatePrecision::kYear:
      return "year";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kDay:
      return "day";
    case DatePrecision::kTime:
      return "time";
  }
  return "none";
}

std::string PartialDate::ToString() const {
  char buf[64];
  int n = 0;
  switch (precision) {
    case DatePrecision::kNone:
      return "";
    case DatePrecision::kYear:
      n = std::snprintf(buf, sizeof buf, "%04d", year);
      break;
    case DatePrecision::kMonth:
      n = std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      break;
    case DatePrecision::kDay:
      n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      break;
    case DatePrecision::kTime:
      n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour,
                        minute, second);
      break;
  }
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

std::optional<PartialDate> PartialDate::Parse(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);

  PartialDate d;
  size_t pos = 0;
  if (!ReadDigits(s, &pos, 4, &d.year) || d.year == 0) return std::nullopt;
  d.precision = DatePrecision::kYear;
  if (pos == s.size()) return d;

  if (s.size() == 8 && IsDigit(s[pos])) {  // 20240619
    if (!ReadDigits(s, &pos, 2, &d.month) || !ReadDigits(s, &pos, 2, &d.day)) return std::nullopt;
    d.precision = DatePrecision::kDay;
  } else {
    char sep = s[pos];
    if (sep != '-' && sep != '/') return std::nullopt;
    ++pos;
    if (!ReadOneOrTwoDigits(s, &pos, &d.month)) return std::nullopt;
    d.precision = DatePrecision::kMonth;
    if (pos < s.size()) {
      if (s[pos] != sep) return std::nullopt;
      ++pos;
      if (!ReadOneOrTwoDigits(s, &pos, &d.day)) return std::nullopt;
      d.precision = DatePrecision::kDay;
    }
  }
  if (d.month < 1 || d.month > 12) return std::nullopt;
  if (d.precision == DatePrecision::kDay && (d.day < 1 || d.day > DaysInMonth(d.year, d.month))) {
    return std::nullopt;
  }
  if (pos == s.size()) return d;

  // A time of day, after 'T' or a space, only after a full date.
  if (d.precision != DatePrecision::kDay || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) {
    return std::nullopt;
  }
  ++pos;
  if (!ReadDigits(s, &pos, 2, &d.hour) || pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  if (!ReadDigits(s, &pos, 2, &d.minute)) return std::nullopt;
  bool has_seconds = pos < s.size() && s[pos] == ':';
  if (has_seconds) {
    ++pos;
    if (!ReadDigits(s, &pos, 2, &d.second)) return std::nullopt;
  }
  if (d.hour > 23 || d.minute > 59 || d.second > 59) return std::nullopt;
  if (!ParseTimeSuffix(s, pos, has_seconds)) return std::nullopt;
  d.precision = DatePrecision::kTime;
  return d;
}

}  // namespace cronista

namespace cronista {

std::string_view MentionKindName(MentionKind k) {
  switch (k) {
    case MentionKind::kPerson:
      return "PERSON";
    case MentionKind::kOrg:
      return "ORG";
    case MentionKind::kPlace:
      return "PLACE";
    case MentionKind::kCountry:
      return "COUNTRY";
    case MentionKind::kGroup:
      return "GROUP";
    case MentionKind::kRole:
      return "ROLE";
  }
  return "ORG";
}

std::string_view ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kNegated:
      return "negated";
    case Modality::kHypothetical:
      return "hypothetical";
    case Modality::kFuture:
      return "future";
    case Modality::kReported:
      return "reported";
  }
  return "asserted";
}

std::string_view TimeTypeName(TimeType t) {
  switch (t) {
    case TimeType::kDate:
      return "DATE";
    case TimeType::kTime:
      return "TIME";
    case TimeType::kDuration:
      return "DURATION";
    case TimeType::kSet:
      return "SET";
  }
  return "DATE";
}

}  // namespace cronista
