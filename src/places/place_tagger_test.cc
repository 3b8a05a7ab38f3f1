#include "places/place_tagger.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_pipeline.h"
#include "text/segmenter.h"
#include "text/text_rules.h"
#include "text/tokenizer.h"

namespace cronista {
namespace {

namespace fs = std::filesystem;

const std::string kTestData = std::string(CRONISTA_TEST_DATA_DIR) + "/places";
const std::string kData = CRONISTA_SOURCE_DATA_DIR;

struct Language {
  TextRules rules;
  std::unique_ptr<SentenceSegmenter> segmenter;
  std::unique_ptr<PlaceTagger> tagger;
};

// `lang` with the source tree's text rules and the places of `data_dir`
// (the test gazetteer or the shipped one); built once per pair.
const Language& Lang(const std::string& lang, const std::string& data_dir = kTestData) {
  static std::map<std::string, std::unique_ptr<Language>> cache;
  std::unique_ptr<Language>& l = cache[data_dir + "|" + lang];
  if (l) return *l;
  l = std::make_unique<Language>();
  auto rules = LoadTextRules(kData + "/" + lang, lang);
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  l->rules = *rules;
  l->segmenter = std::move(SentenceSegmenter::Create(l->rules)).value();
  auto g = Gazetteer::Load(data_dir);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  auto t = PlaceTagger::Build(*g, data_dir, lang, l->rules);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  if (t.ok()) l->tagger = std::move(t).value();
  return *l;
}

// A tokenised and segmented document in `lang`.
Document MakeDoc(const std::string& lang, std::string text) {
  Document d;
  d.text = std::move(text);
  d.meta.lang = lang;
  const Language& l = Lang(lang);
  Tokenize(l.rules, &d);
  l.segmenter->Segment(&d);
  return d;
}

// Adds a mention over the `nth` occurrence of `phrase` (which must start and
// end on token edges), keeping mentions in text order.
void Mention(Document* d, std::string_view phrase, MentionKind kind, std::string actor = "",
             int nth = 0) {
  size_t pos = d->text.find(phrase);
  for (int i = 0; i < nth && pos != std::string::npos; ++i) pos = d->text.find(phrase, pos + 1);
  ASSERT_NE(pos, std::string::npos) << phrase;
  cronista::Mention m;
  m.start = static_cast<uint32_t>(pos);
  m.end = static_cast<uint32_t>(pos + phrase.size());
  m.kind = kind;
  m.actor = std::move(actor);
  bool begun = false;
  for (uint32_t i = 0; i < d->tokens.size(); ++i) {
    const Token& t = d->tokens[i];
    if (t.start == m.start) {
      m.token_begin = i;
      begun = true;
    }
    if (t.end() == m.end) m.token_end = i + 1;
  }
  ASSERT_TRUE(begun && m.token_end > m.token_begin) << phrase << " is not on token edges";
  d->mentions.push_back(std::move(m));
  std::sort(d->mentions.begin(), d->mentions.end(),
            [](const auto& a, const auto& b) { return a.token_begin < b.token_begin; });
}

// "text=id" for every place, in order.
std::vector<std::string> Places(const Document& d) {
  std::vector<std::string> out;
  for (const Place& p : d.places) {
    out.push_back(d.text.substr(p.start, p.end - p.start) + "=" + p.id);
  }
  return out;
}

using V = std::vector<std::string>;

std::vector<std::string> Tag(Document* d) {
  Lang(d->meta.lang).tagger->Tag(d);
  return Places(*d);
}

TEST(PlaceTaggerTest, ResolvesPlaceAndCountryMentions) {
  Document d = MakeDoc("it", "Kim ha ricevuto a Pyongyang il presidente della Russia.");
  Mention(&d, "Pyongyang", MentionKind::kPlace, "PRK");
  Mention(&d, "Russia", MentionKind::kCountry, "RUS");
  EXPECT_EQ(Tag(&d), (V{"Pyongyang=geonames:1871859", "Russia=iso:RUS"}));
  const Place& p = d.places[0];
  EXPECT_EQ(p.mention, 0);
  EXPECT_EQ(p.name, "Pyongyang");
  EXPECT_EQ(p.country, "PRK");
  EXPECT_EQ(p.kind, "city");
  EXPECT_NEAR(p.lat, 39.03, 1e-9);
  EXPECT_NEAR(p.lon, 125.75, 1e-9);
  EXPECT_EQ(d.places[1].mention, 1);
  EXPECT_EQ(d.places[1].kind, "country");
  EXPECT_EQ(d.places[1].name, "Russia");
}

TEST(PlaceTaggerTest, DemonymsAreNotPlaces) {
  // Case tells the demonym "argentina" from the country; a demonym that names
  // no place gives nothing either.
  Document d = MakeDoc("it",
                       "Il presidente russo ha incontrato una delegazione argentina. "
                       "Poi l'Argentina ha votato.");
  Mention(&d, "russo", MentionKind::kCountry, "RUS");
  Mention(&d, "argentina", MentionKind::kCountry, "ARG");
  Mention(&d, "Argentina", MentionKind::kCountry, "ARG");
  EXPECT_EQ(Tag(&d), V{"Argentina=iso:ARG"});
  Document e = MakeDoc("en", "Russian forces entered Russia.");
  Mention(&e, "Russian", MentionKind::kCountry, "RUS");
  Mention(&e, "Russia", MentionKind::kCountry, "RUS", 1);
  EXPECT_EQ(Tag(&e), V{"Russia=iso:RUS"});
  // A COUNTRY mention names a place of its own country: "German" (DEU) is not
  // the Isle of Man's German parish; "Georgia" coded USA is the state.
  Document g = MakeDoc("en", "German officials visited Georgia.");
  Mention(&g, "German", MentionKind::kCountry, "DEU");
  Mention(&g, "Georgia", MentionKind::kCountry, "USA");
  EXPECT_EQ(Tag(&g), V{"Georgia=adm1:US.GA"});
  // Coded with a region or bloc, it names none; and "German" lends no
  // context to a one-word division of the Isle of Man found by preposition.
  Document h = MakeDoc("en", "Western officials of German descent met in Victoria.");
  Mention(&h, "Western", MentionKind::kCountry, "WST");
  Mention(&h, "German", MentionKind::kCountry, "DEU");
  Mention(&h, "Victoria", MentionKind::kCountry, "WST");
  EXPECT_EQ(Tag(&h), V{});
  Document f = MakeDoc("it", "Una delegazione russa è arrivata in russia.");
  Mention(&f, "russia", MentionKind::kCountry, "RUS");
  EXPECT_EQ(Tag(&f), V{});  // a capitalised name needs a capital letter
}

TEST(PlaceTaggerTest, CountryBeatsDivisionAndCity) {
  Document d = MakeDoc("en", "The president of Georgia spoke.");
  Mention(&d, "Georgia", MentionKind::kCountry, "GEO");
  EXPECT_EQ(Tag(&d), V{"Georgia=iso:GEO"});
  // Without the actor stage's code the country still wins.
  Document e = MakeDoc("en", "They met in Georgia.");
  Mention(&e, "Georgia", MentionKind::kPlace);
  EXPECT_EQ(Tag(&e), V{"Georgia=iso:GEO"});
}

TEST(PlaceTaggerTest, CityAbsorbsDivisionsOfItsName) {
  // Mosca names the city, its federal city and the oblast; Washington the
  // capital and the state; Pyongyang the city and its division.
  Document d = MakeDoc("it", "Da Mosca a Washington, poi a Pyongyang.");
  Mention(&d, "Mosca", MentionKind::kPlace, "RUS");
  Mention(&d, "Washington", MentionKind::kPlace, "USA");
  Mention(&d, "Pyongyang", MentionKind::kPlace);
  EXPECT_EQ(Tag(&d), (V{"Mosca=geonames:524901", "Washington=geonames:4140963",
                        "Pyongyang=geonames:1871859"}));
}

TEST(PlaceTaggerTest, DivisionBeatsCityOfAnotherCountry) {
  Document d = MakeDoc("en", "Officials in Victoria raised the budget.");
  Mention(&d, "Victoria", MentionKind::kPlace);
  EXPECT_EQ(Tag(&d), V{"Victoria=adm1:AU.07"});
  // The actor stage's code decides.
  Document e = MakeDoc("en", "Officials in Victoria raised the budget.");
  Mention(&e, "Victoria", MentionKind::kPlace, "CAN");
  EXPECT_EQ(Tag(&e), V{"Victoria=geonames:6174041"});
}

TEST(PlaceTaggerTest, DocumentContextBeatsCapitalAndPopulation) {
  Document alone = MakeDoc("en", "The rally in Athens was large.");
  Mention(&alone, "Athens", MentionKind::kPlace);
  EXPECT_EQ(Tag(&alone), V{"Athens=geonames:264371"});  // the capital
  Document us = MakeDoc("en", "The United States sent aid. The rally in Athens was large.");
  Mention(&us, "United States", MentionKind::kCountry, "USA");
  Mention(&us, "Athens", MentionKind::kPlace);
  EXPECT_EQ(Tag(&us), (V{"United States=iso:USA", "Athens=geonames:4180386"}));
  // Both countries named: the capital again. Actor codes of any mention count.
  Document both = MakeDoc("en", "The United States sent aid. Greek officials met in Athens.");
  Mention(&both, "United States", MentionKind::kCountry, "USA");
  Mention(&both, "Greek officials", MentionKind::kRole, "GRCGOV");
  Mention(&both, "Athens", MentionKind::kPlace);
  EXPECT_EQ(Tag(&both), (V{"United States=iso:USA", "Athens=geonames:264371"}));
}

TEST(PlaceTaggerTest, NamedDivisionPicksItsCity) {
  Document d = MakeDoc("en", "The summit in San Jose, California, ended.");
  Mention(&d, "San Jose", MentionKind::kPlace, "CRI");
  Mention(&d, "California", MentionKind::kPlace);
  EXPECT_EQ(Tag(&d), (V{"San Jose=geonames:5392171", "California=adm1:US.CA"}));
  Document e = MakeDoc("en", "The summit in San Jose ended.");
  Mention(&e, "San Jose", MentionKind::kPlace);
  EXPECT_EQ(Tag(&e), V{"San Jose=geonames:3621849"});
}

TEST(PlaceTaggerTest, PreferredNameBreaksTies) {
  // "Scozia" is Scotland's Italian name and only an alternative of Nova Scotia's.
  Document d = MakeDoc("it", "Il referendum in Scozia è fallito.");
  Mention(&d, "Scozia", MentionKind::kPlace);
  EXPECT_EQ(Tag(&d), V{"Scozia=adm1:GB.SCT"});
}

TEST(PlaceTaggerTest, UntaggedNamesAfterPrepositions) {
  Document d = MakeDoc("it",
                       "Il ministro ucraino è arrivato nella Crimea e poi a San Pietroburgo. "
                       "Crimea e Lazio hanno votato. Il sindaco di Londra è atteso a gennaio.");
  Mention(&d, "ucraino", MentionKind::kCountry, "UKR");
  EXPECT_EQ(Tag(&d),
            (V{"Crimea=adm1:UA.11", "San Pietroburgo=geonames:498817", "Londra=geonames:2643743"}));
  EXPECT_EQ(d.places[0].mention, -1);
  EXPECT_EQ(d.places[0].kind, "admin1");
  // A capitalised word after the name: the name is part of a longer one.
  Document e = MakeDoc("en", "He works in New York Times Square and lives in New York.");
  EXPECT_EQ(Tag(&e), V{"New York=geonames:5128581"});
  EXPECT_EQ(e.text.substr(e.places[0].start, 3), "New");
  EXPECT_GT(e.places[0].start, 30u);
  // Nor an "of" word and a capitalised word: "Palma di Montechiaro".
  Document p = MakeDoc("it", "È nato a Londra di Sotto, non a Londra di sera.");
  EXPECT_EQ(Tag(&p), V{"Londra=geonames:2643743"});
  EXPECT_GT(p.places[0].start, 30u);
  // A name a mention covers is the mention's business.
  Document f = MakeDoc("en", "He met Victoria Beckham in London.");
  Mention(&f, "Victoria Beckham", MentionKind::kPerson);
  EXPECT_EQ(Tag(&f), V{"London=geonames:2643743"});
  // "the" is no preposition, although English lists it among the "of" words.
  Document g = MakeDoc("en", "He saw the London of his youth.");
  EXPECT_EQ(Tag(&g), V{});
}

TEST(PlaceTaggerTest, FreeDivisionsNeedTheirCountry) {
  // Haiti's Nord département is not the north of any country.
  Document d = MakeDoc("it", "Piove nel Nord del Paese e su Lazio.");
  EXPECT_EQ(Tag(&d), V{});
  Document e = MakeDoc("it", "Il presidente di Haiti è arrivato nel Nord.");
  Mention(&e, "Haiti", MentionKind::kCountry, "HTI");
  EXPECT_EQ(Tag(&e), (V{"Haiti=iso:HTI", "Nord=adm1:HT.09"}));
  // A mention needs no context.
  Document f = MakeDoc("it", "Piove nel Nord e in Lazio.");
  Mention(&f, "Lazio", MentionKind::kPlace);
  EXPECT_EQ(Tag(&f), (V{"Lazio=adm1:IT.07"}));
}

TEST(PlaceTaggerTest, PrepositionAndArticle) {
  // "in the X": a country or a division, not a city ("the London team").
  Document d = MakeDoc("en", "He drove for the London team and then lived in the United States.");
  EXPECT_EQ(Tag(&d), V{"United States=iso:USA"});
  Document c = MakeDoc("en", "He spoke in a Rio de Janeiro court.");
  Mention(&c, "Rio de Janeiro", MentionKind::kPerson);
  c.mentions.back().rule = "heuristic:capitalised";
  EXPECT_EQ(Tag(&c), V{});
  Document e = MakeDoc("en", "Rain fell in the Crimea. Ukraine protested.");
  Mention(&e, "Ukraine", MentionKind::kCountry, "UKR");
  EXPECT_EQ(Tag(&e), (V{"Crimea=adm1:UA.11", "Ukraine=iso:UKR"}));
}

TEST(PlaceTaggerTest, NamesWithArticles) {
  // "L'Aia": the article matches in any case, and the name without it
  // follows an articulated preposition.
  Document d = MakeDoc("it",
                       "La corte dell'Aia ha deciso. Il giudice è tornato all'Aia. "
                       "Lui vive a L'Aia, lei a l'Aia. In Aia no.");
  EXPECT_EQ(Tag(&d), (V{"Aia=geonames:2747373", "Aia=geonames:2747373", "L'Aia=geonames:2747373",
                        "l'Aia=geonames:2747373"}));
  Document e = MakeDoc("en", "The court sits in the Hague and in The Hague.");
  EXPECT_EQ(Tag(&e), (V{"the Hague=geonames:2747373", "The Hague=geonames:2747373"}));
}

TEST(PlaceTaggerTest, PlaceNamesFileAddsAndRemoves) {
  Document d = MakeDoc("it", "Il presidente è tornato a Pietroburgo, poi a Kiev, non a Chiev.");
  EXPECT_EQ(Tag(&d), (V{"Pietroburgo=geonames:498817", "Kiev=geonames:703448"}));
  EXPECT_EQ(Lang("it").tagger->Candidates("Chiev"), std::vector<int32_t>{});
}

TEST(PlaceTaggerTest, CountryAndCapitalNamesOfTheActorDictionaries) {
  const PlaceTagger& t = *Lang("it").tagger;
  const Gazetteer& g = t.gazetteer();
  auto ids = [&](std::string_view name) {
    std::vector<std::string> out;
    for (int32_t q : t.Candidates(name)) out.emplace_back(g.place(q).id);
    return out;
  };
  EXPECT_EQ(ids("Nord Corea"), V{"iso:PRK"});
  EXPECT_EQ(ids("nordcorea"), V{"iso:PRK"});
  EXPECT_EQ(ids("Pyeongyang"), V{"geonames:1871859"});  // a capital: the capital city
  EXPECT_EQ(ids("Tel Aviv"), V{"geonames:293397"});     // a city of its own, not Jerusalem
  EXPECT_EQ(ids("Inghilterra"), V{"adm1:GB.ENG"});      // a division of its own
  EXPECT_EQ(ids("russo"), V{});                         // demonyms name nothing
  Document d = MakeDoc("it", "Russia e Nord Corea hanno firmato un patto.");
  Mention(&d, "Russia", MentionKind::kCountry, "RUS");
  Mention(&d, "Nord Corea", MentionKind::kCountry, "PRK");
  EXPECT_EQ(Tag(&d), (V{"Russia=iso:RUS", "Nord Corea=iso:PRK"}));
  // English: "Washington" from the dictionary goes to the capital.
  const PlaceTagger& en = *Lang("en").tagger;
  std::vector<int32_t> w = en.Candidates("Washington");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(g.place(w[1]).id, "geonames:4140963");
}

TEST(PlaceTaggerTest, MentionExtendsOverUncoveredWords) {
  Document d = MakeDoc("en", "He landed in Rio de Janeiro on Monday.");
  Mention(&d, "Rio", MentionKind::kPlace);
  EXPECT_EQ(Tag(&d), V{"Rio de Janeiro=geonames:3451190"});
  EXPECT_EQ(d.places[0].mention, 0);
  // A heuristic mention (no actor code) whose name goes on names another place.
  Document e = MakeDoc("it", "È nato a Londra di Sotto.");
  Mention(&e, "Londra", MentionKind::kPlace);
  EXPECT_EQ(Tag(&e), V{});
  Document f = MakeDoc("it", "È nato a Londra di Sotto.");
  Mention(&f, "Londra", MentionKind::kPlace, "GBR");
  EXPECT_EQ(Tag(&f), V{"Londra=geonames:2643743"});
}

TEST(PlaceTaggerTest, MentionsOfOtherKinds) {
  // Names inside a role are free: a preposition, or a preposition and an
  // article, before them.
  Document d = MakeDoc("en", "The president of Georgia met envoys of the United States.");
  Mention(&d, "president of Georgia", MentionKind::kRole, "GEOGOV");
  Mention(&d, "envoys of the United States", MentionKind::kRole, "USAGOV");
  EXPECT_EQ(Tag(&d), (V{"Georgia=iso:GEO", "United States=iso:USA"}));
  EXPECT_EQ(d.places[0].mention, -1);
  // An organisation coded with a country is a place of that country when
  // its whole name is one.
  Document e = MakeDoc("en", "Kyiv said the London Stock Exchange would reopen.");
  Mention(&e, "Kyiv", MentionKind::kOrg, "UKRGOV");
  Mention(&e, "London Stock Exchange", MentionKind::kOrg, "GBRBUS");
  EXPECT_EQ(Tag(&e), V{"Kyiv=geonames:703448"});
  EXPECT_EQ(e.places[0].mention, 0);
  // A heuristic person that is a place name after a preposition is a place.
  Document f = MakeDoc("it", "La giunta di Rio de Janeiro ha incontrato San Jose Perez.");
  Mention(&f, "Rio de Janeiro", MentionKind::kPerson, "");
  f.mentions.back().rule = "heuristic:capitalised";
  Mention(&f, "San Jose Perez", MentionKind::kPerson, "");
  f.mentions.back().rule = "heuristic:capitalised";
  EXPECT_EQ(Tag(&f), V{"Rio de Janeiro=geonames:3451190"});
  EXPECT_EQ(f.places[0].mention, -1);
  Document g = MakeDoc("it", "La giunta di Rio de Janeiro si è riunita.");
  Mention(&g, "Rio de Janeiro", MentionKind::kPerson, "");
  g.mentions.back().rule = "data/common/people/x.tsv:1";
  EXPECT_EQ(Tag(&g), V{});
  // A name may run over several PLACE and COUNTRY mentions.
  Document h = MakeDoc("en", "He voted in Trinidad and Tobago yesterday.");
  Mention(&h, "Trinidad", MentionKind::kPlace);
  Mention(&h, "Tobago", MentionKind::kPlace);
  EXPECT_EQ(Tag(&h), V{"Trinidad and Tobago=iso:TTO"});
  EXPECT_EQ(h.places[0].mention, 0);
}

TEST(PlaceTaggerTest, CapitalsInHeadlinesAndTextOrder) {
  Document d = MakeDoc("it", "VERTICE A MOSCA CON LA COREA DEL NORD\n\nPoi a Kiev.");
  Mention(&d, "MOSCA", MentionKind::kPlace, "RUS");
  Mention(&d, "COREA DEL NORD", MentionKind::kCountry, "PRK");
  EXPECT_EQ(Tag(&d),
            (V{"MOSCA=geonames:524901", "COREA DEL NORD=iso:PRK", "Kiev=geonames:703448"}));
  // Tag replaces what was there; a document without tokens has no places.
  Lang("it").tagger->Tag(&d);
  EXPECT_EQ(d.places.size(), 3u);
  Document empty = MakeDoc("it", "");
  empty.places.push_back(Place());
  EXPECT_EQ(Tag(&empty), V{});
}

TEST(PlaceTaggerTest, BuildReportsBadPlaceNames) {
  fs::path dir = fs::temp_directory_path() / ("cronista_places_" + std::to_string(::getpid()));
  fs::create_directories(dir / "it");
  auto g = Gazetteer::Load(kTestData);
  ASSERT_TRUE(g.ok());
  auto build = [&](const std::string& body) {
    std::ofstream(dir / "it" / "place_names.tsv") << body;
    auto t = PlaceTagger::Build(*g, dir.string(), "it", Lang("it").rules);
    return t.ok() ? std::string("ok") : t.status().message();
  };
  std::string file = (dir / "it" / "place_names.tsv").string();
  EXPECT_EQ(build("#! cronista-place-names 1\ngeonames:498817\tPietroburgo\tA Pietroburgo.\n"),
            "ok");
  EXPECT_EQ(build("#! cronista-place-names 1\n# c\n\ngeonames:1\tRoma\tA Roma.\n"),
            file + ":4: unknown gazetteer id 'geonames:1'");
  EXPECT_EQ(build("#! cronista-place-names 1\ngeonames:498817\tPietroburgo||Leningrado\tx\n"),
            file + ":2: empty name");
  EXPECT_EQ(build("#! cronista-place-names 1\ngeonames:498817\n"),
            file + ":2: want id, names, example (tab-separated)");
  EXPECT_EQ(build("geonames:498817\tPietroburgo\tx\n"),
            file + ":1: want first line '#! cronista-place-names 1'");
  fs::remove_all(dir);
  EXPECT_FALSE(PlaceTagger::Build(nullptr, kTestData, "it", Lang("it").rules).ok());
}

// The shipped data, behind the real actor stage.

Document CodeText(const std::string& lang, std::string text) {
  Document d;
  d.text = std::move(text);
  d.meta.lang = lang;
  d.meta.lang_from_meta = true;
  EXPECT_TRUE(TestPipeline().Process(&d).ok());
  Lang(lang, kData).tagger->Tag(&d);
  return d;
}

const Place* Find(const Document& d, std::string_view text) {
  for (const Place& p : d.places) {
    if (d.text.substr(p.start, p.end - p.start) == text) return &p;
  }
  return nullptr;
}

TEST(PlaceTaggerDataTest, ItalianArticle) {
  Document d = CodeText(
      "it",
      "Il presidente russo è arrivato a Pyongyang, alla prima visita in Corea del Nord da "
      "anni. Russia e Nord Corea hanno firmato un patto. Poi il leader è volato ad Hanoi, in "
      "Vietnam, mentre a Mosca si parlava dell'Ucraina.");
  const Place* p = Find(d, "Pyongyang");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->id, "geonames:1871859");
  EXPECT_EQ(p->country, "PRK");
  EXPECT_NEAR(p->lat, 39.03, 0.05);
  EXPECT_NEAR(p->lon, 125.75, 0.05);
  EXPECT_GE(p->mention, 0);
  for (auto [text, id] :
       std::vector<std::pair<std::string, std::string>>{{"Corea del Nord", "iso:PRK"},
                                                        {"Nord Corea", "iso:PRK"},
                                                        {"Russia", "iso:RUS"},
                                                        {"Hanoi", "geonames:1581130"},
                                                        {"Vietnam", "iso:VNM"},
                                                        {"Mosca", "geonames:524901"},
                                                        {"Ucraina", "iso:UKR"}}) {
    const Place* q = Find(d, text);
    ASSERT_NE(q, nullptr) << text;
    EXPECT_EQ(q->id, id) << text;
  }
  EXPECT_EQ(Find(d, "russo"), nullptr);
}

TEST(PlaceTaggerDataTest, EnglishExample) {
  Document d = CodeFile(kData + "/../examples/en/putin-kim-pact.txt");
  Lang("en", kData).tagger->Tag(&d);
  std::map<std::string, std::string> ids;
  for (const Place& p : d.places) ids[d.text.substr(p.start, p.end - p.start)] = p.id;
  EXPECT_EQ(ids["Pyongyang"], "geonames:1871859");
  EXPECT_EQ(ids["North Korea"], "iso:PRK");
  EXPECT_EQ(ids["Moscow"], "geonames:524901");
  EXPECT_EQ(ids["Hanoi"], "geonames:1581130");
  EXPECT_EQ(ids["Washington"], "geonames:4140963");
  EXPECT_EQ(ids["Russia"], "iso:RUS");
  EXPECT_EQ(ids["Ukraine"], "iso:UKR");
  EXPECT_EQ(ids["Vietnam"], "iso:VNM");
  EXPECT_EQ(ids.count("Russian"), 0u);
  for (size_t i = 1; i < d.places.size(); ++i) {
    EXPECT_LE(d.places[i - 1].end, d.places[i].start);
  }
}

// Every name of every place in the shipped gazetteer, in both languages,
// finds its place again (tokenisation and keys agree between compiling and
// matching), except the names place_names.tsv removes.
TEST(PlaceTaggerDataTest, EveryNameFindsItsPlace) {
  for (const std::string lang : {"en", "it"}) {
    const PlaceTagger& t = *Lang(lang, kData).tagger;
    const Gazetteer& g = t.gazetteer();
    std::set<std::pair<std::string, std::string>> removed;  // (id, name)
    std::ifstream in(kData + "/" + lang + "/place_names.tsv");
    for (std::string line; std::getline(in, line);) {
      size_t a = line.find('\t'), b = line.find('\t', a + 1);
      if (line.empty() || line[0] == '#' || b == std::string::npos) continue;
      std::istringstream names(line.substr(a + 1, b - a - 1));
      for (std::string name; std::getline(names, name, '|');) {
        if (name[0] == '!') removed.emplace(line.substr(0, a), name.substr(1));
      }
    }
    size_t checked = 0, lost = 0;
    for (size_t i = 0; i < g.size(); ++i) {
      std::vector<std::string_view> names{g.place(i).name};
      for (std::string_view n : g.Names(i, lang)) names.push_back(n);
      for (std::string_view n : names) {
        if (removed.count({std::string(g.place(i).id), std::string(n)})) continue;
        std::vector<int32_t> c = t.Candidates(n);
        ++checked;
        if (std::find(c.begin(), c.end(), static_cast<int32_t>(i)) == c.end()) {
          ++lost;
          ADD_FAILURE() << lang << ": '" << n << "' does not find " << g.place(i).id;
          if (lost > 10) return;
        }
      }
    }
    EXPECT_GT(checked, g.size());
  }
}

// Tag is const and thread-safe: threads tagging copies of one document agree.
TEST(PlaceTaggerDataTest, ThreadsAgree) {
  Document d = CodeText("it",
                        "Il ministro è volato da Mosca a Pyongyang, poi ad Hanoi. La battaglia "
                        "di Bakhmut e i raid su Kharkiv continuano mentre a Kiev si vota.");
  std::vector<std::string> want = Places(d);
  ASSERT_GE(want.size(), 4u);
  const PlaceTagger* tagger = Lang("it", kData).tagger.get();
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int r = 0; r < 200; ++r) {
        Document copy;
        copy.text = d.text;
        copy.tokens = d.tokens;
        copy.sentences = d.sentences;
        copy.mentions = d.mentions;
        for (const Token& tok : d.tokens) copy.strings.Intern(d.TokenNorm(tok));
        tagger->Tag(&copy);
        ok[k] += Places(copy) == want;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, std::vector<int>(4, 200));
}

// data/<lang>/place_names.tsv: every name it adds names its place, every name
// it removes does not, and an example shows an added name.
TEST(PlaceTaggerDataTest, PlaceNamesFiles) {
  for (const std::string lang : {"en", "it"}) {
    std::ifstream in(kData + "/" + lang + "/place_names.tsv");
    const PlaceTagger& t = *Lang(lang, kData).tagger;
    const Gazetteer& g = t.gazetteer();
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#') continue;
      std::string where = lang + "/place_names.tsv:" + std::to_string(n);
      size_t a = line.find('\t'), b = line.find('\t', a + 1);
      ASSERT_NE(b, std::string::npos) << where;
      int32_t place = g.Find(line.substr(0, a));
      ASSERT_GE(place, 0) << where;
      std::string example = line.substr(b + 1);
      bool shown = false, adds = false;
      std::istringstream names(line.substr(a + 1, b - a - 1));
      for (std::string name; std::getline(names, name, '|');) {
        bool remove = name[0] == '!';
        std::vector<int32_t> c = t.Candidates(remove ? name.substr(1) : name);
        EXPECT_EQ(std::count(c.begin(), c.end(), place), remove ? 0 : 1) << where << ": " << name;
        adds = adds || !remove;
        shown = shown || (!remove && example.find(name) != std::string::npos);
      }
      EXPECT_TRUE(shown || !adds) << where << ": the example shows none of the names";
    }
  }
}

}  // namespace
}  // namespace cronista
