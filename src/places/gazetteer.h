// Gazetteer: the places the place tagger resolves (every country, every
// first-level division and the cities the news names most), read from
// data/common/gazetteer.tsv (format: docs/gazetteer.md).
//
// The gazetteer holds the places and their names as written; it knows nothing
// of tokenisation. Each language compiles the names it needs into a
// PlaceTagger (place_tagger.h). A Gazetteer is immutable once loaded and is
// meant to be shared, through std::shared_ptr<const Gazetteer>, by every
// language's tagger and every thread.
#ifndef CRONISTA_PLACES_GAZETTEER_H_
#define CRONISTA_PLACES_GAZETTEER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cronista/status.h"

namespace cronista {

enum class PlaceKind : uint8_t { kCountry = 0, kAdmin1, kCity };

// "country", "admin1", "city" (as in gazetteer.tsv and Place::kind).
std::string_view PlaceKindName(PlaceKind k);

// One line of gazetteer.tsv. The strings view the gazetteer's copy of the
// file and live as long as the Gazetteer.
struct GazetteerPlace {
  std::string_view id;    // "iso:PRK", "adm1:IT.07", "geonames:1871859"
  std::string_view name;  // main name ("Pyongyang")
  PlaceKind kind = PlaceKind::kCity;
  bool capital = false;  // feature == "PPLC"
  uint16_t country = 0;  // index into Gazetteer::country_code()
  int32_t admin1 = -1;   // a city's first-level division (index of a place); -1 when unknown
  double lat = 0.0, lon = 0.0;
  int64_t population = 0;           // cities; 0 for countries and divisions
  std::string_view feature;         // GeoNames feature code: "PPLC", "PPLA", "ADM1", "PCL", ...
  uint32_t names_begin = 0;         // first of its names_<lang> names in Gazetteer::names_
  uint8_t name_counts[2] = {0, 0};  // how many per column of kNameLanguages
};

class Gazetteer {
 public:
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // The languages that gazetteer.tsv has a names_<lang> column for, in column
  // order (part of the format, version 1).
  static constexpr std::array<std::string_view, 2> kNameLanguages = {"en", "it"};

  // Reads `data_dir`/common/gazetteer.tsv. NotFound when the file is missing;
  // InvalidArgument naming file and line when a line is malformed (wrong
  // field count, empty field, unknown kind, bad number, duplicate id, a city's
  // division that is not a division listed before it).
  static Result<std::shared_ptr<const Gazetteer>> Load(const std::string& data_dir);
  // The same from a file path, and from the file's text (`name` prefixes
  // error messages).
  static Result<std::shared_ptr<const Gazetteer>> LoadFile(const std::string& path);
  static Result<std::shared_ptr<const Gazetteer>> Parse(std::string text, const std::string& name);

  size_t size() const { return places_.size(); }
  const GazetteerPlace& place(size_t i) const { return places_[i]; }
  // Index of the place with id `id`, -1 when none.
  int32_t Find(std::string_view id) const;

  // The names_<lang> names of place `i` as written in the file, preferred
  // first; empty when the file has no column for `lang` (then only the main
  // name applies).
  std::span<const std::string_view> Names(size_t i, std::string_view lang) const;
  // Column of `lang` in kNameLanguages, -1 when none.
  static int NameColumn(std::string_view lang);

  // Countries: ISO 3166-1 alpha-3 codes, indexed by GazetteerPlace::country.
  size_t country_count() const { return countries_.size(); }
  const std::string& country_code(uint16_t c) const { return countries_[c].alpha3; }
  // Index of alpha-3 `code`, -1 when no place has it.
  int32_t CountryIndex(std::string_view alpha3) const;
  // The country's own entry ("iso:PRK"), -1 when the file lists none.
  int32_t CountryPlace(uint16_t c) const { return countries_[c].place; }
  // The country's capital city (its first PPLC city in file order, the most
  // populous), -1 when the file lists none.
  int32_t Capital(uint16_t c) const { return countries_[c].capital; }

 private:
  Gazetteer() = default;
  struct Country {
    std::string alpha3;
    int32_t place = -1, capital = -1;
  };
  std::string text_;  // the file; every string_view points into it
  std::vector<GazetteerPlace> places_;
  std::vector<std::string_view> names_;  // names_<lang>, per place and column
  std::vector<Country> countries_;
  std::unordered_map<std::string_view, int32_t> by_id_;
  std::unordered_map<std::string_view, uint16_t> country_by_code_;
};

}  // namespace cronista

#endif  // CRONISTA_PLACES_GAZETTEER_H_
