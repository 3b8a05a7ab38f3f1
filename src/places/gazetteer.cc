#include "places/gazetteer.h"

#include <charconv>
#include <cstdio>

namespace cronista {

namespace {

constexpr std::string_view kMagic = "#! cronista-gazetteer 1";
constexpr size_t kLanguages = Gazetteer::kNameLanguages.size();
constexpr size_t kFields = 9 + kLanguages;
static_assert(kLanguages == std::size(GazetteerPlace{}.name_counts));

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::string_view PlaceKindName(PlaceKind k) {
  switch (k) {
    case PlaceKind::kCountry:
      return "country";
    case PlaceKind::kAdmin1:
      return "admin1";
    case PlaceKind::kCity:
      return "city";
  }
  return "city";
}

int Gazetteer::NameColumn(std::string_view lang) {
  for (size_t i = 0; i < kLanguages; ++i) {
    if (kNameLanguages[i] == lang) return static_cast<int>(i);
  }
  return -1;
}

int32_t Gazetteer::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

int32_t Gazetteer::CountryIndex(std::string_view alpha3) const {
  auto it = country_by_code_.find(alpha3);
  return it == country_by_code_.end() ? -1 : it->second;
}

std::span<const std::string_view> Gazetteer::Names(size_t i, std::string_view lang) const {
  int column = NameColumn(lang);
  if (column < 0) return {};
  const GazetteerPlace& p = places_[i];
  size_t begin = p.names_begin;
  for (int c = 0; c < column; ++c) begin += p.name_counts[c];
  return std::span<const std::string_view>(names_).subspan(begin, p.name_counts[column]);
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Load(const std::string& data_dir) {
  return LoadFile(data_dir + "/common/gazetteer.tsv");
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::LoadFile(const std::string& path) {
  // One read of the whole file (about 1 MB) into a buffer of its size: the
  // places view it.
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (f == nullptr) return Status::NotFound("cannot open gazetteer " + path);
  std::string text;
  if (std::fseek(f.get(), 0, SEEK_END) == 0) {
    long size = std::ftell(f.get());
    if (size > 0) text.resize(static_cast<size_t>(size));
    std::rewind(f.get());
  }
  size_t n = std::fread(text.data(), 1, text.size(), f.get());
  text.resize(n);
  // Whatever the size said, read to the end.
  char buf[1 << 12];
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) text.append(buf, n);
  if (std::ferror(f.get())) return Status::IoError("cannot read gazetteer " + path);
  return Parse(std::move(text), path);
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Parse(std::string text,
                                                          const std::string& name) {
  std::shared_ptr<Gazetteer> g(new Gazetteer());
  g->text_ = std::move(text);
  const std::string_view all = g->text_;
  // About 95 bytes and two names a line in the generated file.
  size_t lines = all.size() / 90 + 1;
  g->places_.reserve(lines);
  g->names_.reserve(lines * 2 * kLanguages);
  g->by_id_.reserve(lines);
  int line_no = 0;
  auto bad = [&](const std::string& what) {
    return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": " + what);
  };
  std::array<std::string_view, kFields> f;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t eol = all.find('\n', pos);
    std::string_view line = all.substr(pos, eol == all.npos ? all.npos : eol - pos);
    pos = eol == all.npos ? all.size() : eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1) {
      if (line != kMagic) {
        return bad("not a gazetteer (want first line '" + std::string(kMagic) + "')");
      }
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    size_t n = 0, start = 0;
    for (;;) {
      size_t tab = line.find('\t', start);
      if (n == kFields) return bad("more than " + std::to_string(kFields) + " fields");
      f[n++] = line.substr(start, tab == line.npos ? line.npos : tab - start);
      if (tab == line.npos) break;
      start = tab + 1;
    }
    if (n != kFields) {
      return bad("want " + std::to_string(kFields) + " tab-separated fields, found " +
                 std::to_string(n));
    }
    for (size_t i = 0; i < n; ++i) {
      if (f[i].empty()) return bad("empty field " + std::to_string(i + 1) + " (write '-')");
    }
    GazetteerPlace p;
    p.id = f[0];
    p.name = f[1];
    if (f[2] == "country") {
      p.kind = PlaceKind::kCountry;
    } else if (f[2] == "admin1") {
      p.kind = PlaceKind::kAdmin1;
    } else if (f[2] == "city") {
      p.kind = PlaceKind::kCity;
    } else {
      return bad("unknown kind '" + std::string(f[2]) + "' (want country, admin1 or city)");
    }
    if (f[3].size() != 3) return bad("bad country code '" + std::string(f[3]) + "'");
    auto [cit, added] =
        g->country_by_code_.emplace(f[3], static_cast<uint16_t>(g->countries_.size()));
    if (added) {
      if (g->countries_.size() == UINT16_MAX) return bad("too many countries");
      g->countries_.push_back({std::string(f[3]), -1, -1});
    }
    p.country = cit->second;
    if (f[4] != "-") {
      if (p.kind != PlaceKind::kCity) return bad("only a city has a first-level division");
      auto a = g->by_id_.find(f[4]);
      if (a == g->by_id_.end() || g->places_[a->second].kind != PlaceKind::kAdmin1) {
        return bad("unknown first-level division '" + std::string(f[4]) + "'");
      }
      p.admin1 = a->second;
    }
    if (!ParseNumber(f[5], &p.lat) || p.lat < -90 || p.lat > 90) {
      return bad("bad latitude '" + std::string(f[5]) + "'");
    }
    if (!ParseNumber(f[6], &p.lon) || p.lon < -180 || p.lon > 180) {
      return bad("bad longitude '" + std::string(f[6]) + "'");
    }
    if (!ParseNumber(f[7], &p.population) || p.population < 0) {
      return bad("bad population '" + std::string(f[7]) + "'");
    }
    p.feature = f[8];
    p.capital = p.kind == PlaceKind::kCity && p.feature == "PPLC";
    p.names_begin = static_cast<uint32_t>(g->names_.size());
    for (size_t l = 0; l < kLanguages; ++l) {
      // `|`-separated, as written: the generator pads nothing.
      size_t count = 0;
      std::string_view field = f[9 + l];
      for (size_t s = 0;;) {
        size_t bar = field.find('|', s);
        std::string_view one = field.substr(s, bar == field.npos ? field.npos : bar - s);
        if (!one.empty() && one != "-") {
          g->names_.push_back(one);
          ++count;
        }
        if (bar == field.npos) break;
        s = bar + 1;
      }
      if (count == 0) return bad("no names_" + std::string(kNameLanguages[l]));
      if (count > UINT8_MAX) return bad("too many names_" + std::string(kNameLanguages[l]));
      p.name_counts[l] = static_cast<uint8_t>(count);
    }
    int32_t index = static_cast<int32_t>(g->places_.size());
    if (!g->by_id_.emplace(p.id, index).second) {
      return bad("duplicate id '" + std::string(p.id) + "'");
    }
    Country& c = g->countries_[p.country];
    if (p.kind == PlaceKind::kCountry && c.place < 0) c.place = index;
    if (p.capital && c.capital < 0) c.capital = index;
    g->places_.push_back(p);
  }
  if (line_no == 0) return Status::InvalidArgument(name + ": empty gazetteer");
  return std::shared_ptr<const Gazetteer>(std::move(g));
}

}  // namespace cronista
