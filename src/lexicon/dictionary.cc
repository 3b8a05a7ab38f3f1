#include "lexicon/dictionary.h"

#include <charconv>

namespace cronista {

bool ParseDayNumber(std::string_view s, bool end, DayNumber* out) {
  int parts[3] = {0, end ? 99 : 0, end ? 99 : 0};
  size_t widths[3] = {4, 2, 2};
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    if (pos == s.size() && i > 0) break;
    if (i > 0) {
      if (s[pos] != '-') return false;
      ++pos;
    }
    if (pos + widths[i] > s.size()) return false;
    auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + widths[i], parts[i]);
    if (ec != std::errc() || p != s.data() + pos + widths[i]) return false;
    pos += widths[i];
  }
  if (pos != s.size()) return false;
  if ((parts[1] < 1 || parts[1] > 12) && parts[1] != 99 && parts[1] != 0) return false;
  if ((parts[2] < 1 || parts[2] > 31) && parts[2] != 99 && parts[2] != 0) return false;
  *out = parts[0] * 10000 + parts[1] * 100 + parts[2];
  return true;
}

}  // namespace cronista
