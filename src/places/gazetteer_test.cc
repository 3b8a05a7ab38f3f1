#include "places/gazetteer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace cronista {
namespace {

const std::string kTestData = std::string(CRONISTA_TEST_DATA_DIR) + "/places";

constexpr std::string_view kHeader = "#! cronista-gazetteer 1\n";
constexpr std::string_view kItaly =
    "iso:ITA\tItaly\tcountry\tITA\t-\t41.89\t12.51\t0\tPCL\tItaly\tItalia\n";
constexpr std::string_view kLazio =
    "adm1:IT.07\tLazio\tadmin1\tITA\t-\t41.89\t12.51\t0\tADM1\tLazio|Latium\tLazio\n";

std::shared_ptr<const Gazetteer> TestGazetteer() {
  auto g = Gazetteer::Load(kTestData);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? *g : nullptr;
}

// The error of parsing `body` after a valid header and two valid lines.
std::string ParseError(std::string_view body) {
  auto g = Gazetteer::Parse(
      std::string(kHeader) + std::string(kItaly) + std::string(kLazio) + std::string(body),
      "g.tsv");
  return g.ok() ? "ok" : g.status().message();
}

TEST(GazetteerTest, LoadsPlacesWithTheirFields) {
  auto g = TestGazetteer();
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->size(), 53u);
  int32_t p = g->Find("geonames:1871859");
  ASSERT_GE(p, 0);
  const GazetteerPlace& pyongyang = g->place(p);
  EXPECT_EQ(pyongyang.name, "Pyongyang");
  EXPECT_EQ(pyongyang.kind, PlaceKind::kCity);
  EXPECT_EQ(g->country_code(pyongyang.country), "PRK");
  EXPECT_TRUE(pyongyang.capital);
  EXPECT_EQ(pyongyang.feature, "PPLC");
  EXPECT_EQ(pyongyang.population, 3222000);
  EXPECT_NEAR(pyongyang.lat, 39.03, 1e-9);
  EXPECT_NEAR(pyongyang.lon, 125.75, 1e-9);
  ASSERT_GE(pyongyang.admin1, 0);
  EXPECT_EQ(g->place(pyongyang.admin1).id, "adm1:KP.12");

  const GazetteerPlace& italy = g->place(g->Find("iso:ITA"));
  EXPECT_EQ(italy.kind, PlaceKind::kCountry);
  EXPECT_EQ(italy.admin1, -1);
  EXPECT_FALSE(italy.capital);
  EXPECT_EQ(g->place(g->Find("adm1:IT.07")).kind, PlaceKind::kAdmin1);
  EXPECT_EQ(g->Find("geonames:0"), -1);
  EXPECT_EQ(PlaceKindName(PlaceKind::kAdmin1), "admin1");
}

TEST(GazetteerTest, NamesPerLanguage) {
  auto g = TestGazetteer();
  ASSERT_NE(g, nullptr);
  int32_t kyiv = g->Find("geonames:703448");
  auto it = g->Names(kyiv, "it");
  ASSERT_EQ(it.size(), 3u);
  EXPECT_EQ(it[0], "Kyiv");
  EXPECT_EQ(it[2], "Chiev");
  auto en = g->Names(kyiv, "en");
  ASSERT_EQ(en.size(), 2u);
  EXPECT_EQ(en[1], "Kiev");
  // No column for French: only the main name applies.
  EXPECT_TRUE(g->Names(kyiv, "fr").empty());
  EXPECT_EQ(Gazetteer::NameColumn("it"), 1);
  EXPECT_EQ(Gazetteer::NameColumn("fr"), -1);
}

TEST(GazetteerTest, CountriesAndCapitals) {
  auto g = TestGazetteer();
  ASSERT_NE(g, nullptr);
  int32_t rus = g->CountryIndex("RUS");
  ASSERT_GE(rus, 0);
  EXPECT_EQ(g->country_code(rus), "RUS");
  EXPECT_EQ(g->place(g->CountryPlace(rus)).id, "iso:RUS");
  EXPECT_EQ(g->place(g->Capital(rus)).id, "geonames:524901");
  // Saint Petersburg is a seat, not the capital; Brazil's capital is not listed.
  EXPECT_EQ(g->Capital(g->CountryIndex("BRA")), -1);
  EXPECT_EQ(g->CountryIndex("XXX"), -1);
}

TEST(GazetteerTest, ReportsMalformedLinesWithFileAndLine) {
  EXPECT_EQ(ParseError(""), "ok");
  EXPECT_EQ(ParseError("# a comment\n\n"), "ok");
  EXPECT_EQ(ParseError("iso:FRA\tFrance\tcountry\tFRA\t-\t48.85\t2.35\t0\tPCL\tFrance\n"),
            "g.tsv:4: want 11 tab-separated fields, found 10");
  EXPECT_EQ(ParseError("iso:FRA\tFrance\tcountry\tFRA\t-\t48.85\t2.35\t0\tPCL\tFrance\t\n"),
            "g.tsv:4: empty field 11 (write '-')");
  EXPECT_EQ(ParseError("iso:FRA\tFrance\tnation\tFRA\t-\t48.85\t2.35\t0\tPCL\tFrance\tFrancia\n"),
            "g.tsv:4: unknown kind 'nation' (want country, admin1 or city)");
  EXPECT_EQ(ParseError("iso:FRA\tFrance\tcountry\tFR\t-\t48.85\t2.35\t0\tPCL\tFrance\tFrancia\n"),
            "g.tsv:4: bad country code 'FR'");
  EXPECT_EQ(ParseError("iso:FRA\tFrance\tcountry\tFRA\t-\t98.85\t2.35\t0\tPCL\tFrance\tFrancia\n"),
            "g.tsv:4: bad latitude '98.85'");
  EXPECT_EQ(ParseError("iso:FRA\tFrance\tcountry\tFRA\t-\t48.85\t2,35\t0\tPCL\tFrance\tFrancia\n"),
            "g.tsv:4: bad longitude '2,35'");
  EXPECT_EQ(
      ParseError("iso:FRA\tFrance\tcountry\tFRA\t-\t48.85\t2.35\tmany\tPCL\tFrance\tFrancia\n"),
      "g.tsv:4: bad population 'many'");
  EXPECT_EQ(ParseError("iso:ITA\tItaly\tcountry\tITA\t-\t41.89\t12.51\t0\tPCL\tItaly\tItalia\n"),
            "g.tsv:4: duplicate id 'iso:ITA'");
  EXPECT_EQ(
      ParseError("geonames:1\tRome\tcity\tITA\tadm1:IT.99\t41.89\t12.51\t1\tPPLC\tRome\tRoma\n"),
      "g.tsv:4: unknown first-level division 'adm1:IT.99'");
  EXPECT_EQ(ParseError("geonames:1\tRome\tcity\tITA\tiso:ITA\t41.89\t12.51\t1\tPPLC\tRome\tRoma\n"),
            "g.tsv:4: unknown first-level division 'iso:ITA'");
  EXPECT_EQ(
      ParseError(
          "adm1:IT.08\tMolise\tadmin1\tITA\tadm1:IT.07\t41.6\t14.6\t0\tADM1\tMolise\tMolise\n"),
      "g.tsv:4: only a city has a first-level division");
  EXPECT_EQ(ParseError("geonames:1\tRome\tcity\tITA\t-\t41.89\t12.51\t1\tPPLC\tRome\t-\n"),
            "g.tsv:4: no names_it");
  auto no_magic = Gazetteer::Parse(std::string(kItaly), "g.tsv");
  ASSERT_FALSE(no_magic.ok());
  EXPECT_EQ(no_magic.status().message(),
            "g.tsv:1: not a gazetteer (want first line '#! cronista-gazetteer 1')");
  auto missing = Gazetteer::Load("/nonexistent");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(GazetteerTest, AcceptsCarriageReturns) {
  auto g = Gazetteer::Parse(
      "#! cronista-gazetteer 1\r\n" + std::string(kItaly.substr(0, kItaly.size() - 1)) + "\r\n",
      "g.tsv");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ((*g)->Names(0, "it")[0], "Italia");
}

// The shipped gazetteer: loads, and holds what the tagger relies on.
TEST(GazetteerTest, ShippedGazetteerIsConsistent) {
  auto loaded = Gazetteer::Load(CRONISTA_SOURCE_DATA_DIR);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Gazetteer& g = **loaded;
  EXPECT_GT(g.size(), 5000u);
  size_t countries = 0;
  for (size_t i = 0; i < g.size(); ++i) {
    const GazetteerPlace& p = g.place(i);
    if (p.kind == PlaceKind::kCountry) {
      ++countries;
      EXPECT_EQ(p.id, "iso:" + g.country_code(p.country)) << p.id;
    }
    if (p.admin1 >= 0) {
      EXPECT_EQ(g.place(p.admin1).country, p.country) << p.id;
    }
  }
  EXPECT_GE(countries, 240u);
  for (size_t c = 0; c < g.country_count(); ++c) {
    EXPECT_GE(g.CountryPlace(static_cast<uint16_t>(c)), 0) << g.country_code(c);
  }
  const GazetteerPlace& pyongyang = g.place(g.Capital(g.CountryIndex("PRK")));
  EXPECT_EQ(pyongyang.name, "Pyongyang");
  EXPECT_NEAR(pyongyang.lat, 39.03, 0.05);
  EXPECT_NEAR(pyongyang.lon, 125.75, 0.05);
}

}  // namespace
}  // namespace cronista
