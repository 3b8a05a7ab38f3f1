// Actor tagging end to end: dictionaries, dated roles, role phrases and
// coreference, on short articles written for the purpose (tests/data/actors/)
// and the bundled English example.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "cronista/pipeline.h"
#include "cronista/reader.h"
#include "test_pipeline.h"

namespace cronista {
namespace {

Document Code(const std::string& path) { return CodeFile(path); }

struct Found {
  std::string kind, actor, entity;
};

// Mentions by text (the first mention of each text).
std::map<std::string, Found> ByText(const Document& d) {
  std::map<std::string, Found> out;
  for (const Mention& m : d.mentions) {
    std::string text(std::string_view(d.text).substr(m.start, m.end - m.start));
    std::string entity = m.entity >= 0 ? d.entities[m.entity].id : "";
    out.emplace(text, Found{std::string(MentionKindName(m.kind)), m.actor, entity});
  }
  return out;
}

void Expect(const std::map<std::string, Found>& got, const std::string& text,
            const std::string& actor, const std::string& entity = "*") {
  auto it = got.find(text);
  ASSERT_NE(it, got.end()) << "no mention '" << text << "'";
  EXPECT_EQ(it->second.actor, actor) << text;
  if (entity != "*") {
    EXPECT_EQ(it->second.entity, entity) << text;
  }
}

TEST(ActorsTest, ItalianPactArticle) {
  Document d = Code(std::string(CRONISTA_TEST_DATA_DIR) + "/actors/it_patto.txt");
  auto got = ByText(d);
  // One entity, RUSGOV, through name, surname and epithets.
  Expect(got, "Vladimir Putin", "RUSGOV", "putin_vladimir");
  Expect(got, "Putin", "RUSGOV", "putin_vladimir");
  Expect(got, "leader russo", "RUSGOV", "putin_vladimir");
  Expect(got, "capo del Cremlino", "RUSGOV", "putin_vladimir");
  // Kim, with "il presidente del Paese asiatico" resolved from context.
  Expect(got, "Kim Jong-un", "PRKGOV", "kim_jong_un");
  Expect(got, "Kim", "PRKGOV", "kim_jong_un");
  Expect(got, "presidente del Paese asiatico", "PRKGOV", "kim_jong_un");
  // Countries, capitals and blocs.
  Expect(got, "Russia", "RUS");
  Expect(got, "Mosca", "RUS");
  Expect(got, "Nord Corea", "PRK");
  Expect(got, "Pyongyang", "PRK");
  Expect(got, "Vietnam", "VNM");
  Expect(got, "Hanoi", "VNM");
  Expect(got, "Ucraina", "UKR");
  Expect(got, "Occidente", "WST");
  Expect(got, "Paesi occidentali", "WST");
  // Vietnamese office holders with their 2024 codes.
  Expect(got, "To Lam", "VNMGOV", "to_lam");
  Expect(got, "Pham Minh Chinh", "VNMGOV", "pham_minh_chinh");
  Expect(got, "Dang Minh Koi", "VNMGOV");
  Expect(got, "agenzia Vietnam News Agency", "VNMMED");
  // A name no dictionary knows is still a person, without a code.
  ASSERT_TRUE(got.count("Marco Ferrante"));
  EXPECT_EQ(got["Marco Ferrante"].kind, "PERSON");
  EXPECT_EQ(got["Marco Ferrante"].actor, "");
}

TEST(ActorsTest, EnglishExampleArticle) {
  Document d = Code(std::string(CRONISTA_SOURCE_DATA_DIR) + "/../examples/en/putin-kim-pact.txt");
  auto got = ByText(d);
  Expect(got, "Vladimir Putin", "RUSGOV", "putin_vladimir");
  Expect(got, "Russian President", "RUSGOV", "putin_vladimir");
  Expect(got, "Kremlin", "RUSGOV");
  Expect(got, "North Korean leader", "PRKGOV", "kim_jong_un");
  Expect(got, "Kim Jong-un", "PRKGOV", "kim_jong_un");
  Expect(got, "Kim", "PRKGOV", "kim_jong_un");
  Expect(got, "Pyongyang", "PRK");
  Expect(got, "North Korea", "PRK");
  Expect(got, "Moscow", "RUS");
  Expect(got, "Hanoi", "VNM");
  Expect(got, "Ukraine", "UKR");
  Expect(got, "To Lam", "VNMGOV", "to_lam");
  Expect(got, "Pham Minh Chinh", "VNMGOV");
  Expect(got, "Dang Minh Khoi", "VNMGOV");
  Expect(got, "Vietnam News Agency", "VNMMED");
  ASSERT_TRUE(got.count("Anna Marsh"));  // the reporter: a person, no actor code
  EXPECT_EQ(got["Anna Marsh"].kind, "PERSON");
  EXPECT_EQ(got["Anna Marsh"].actor, "");
}

TEST(ActorsTest, RolesResolveAtTheArticleDate) {
  // Putin was prime minister in 2010 (still RUSGOV); "il presidente russo"
  // then named Medvedev, and in 2024 Putin.
  Document d;
  d.text = "Il presidente russo ha incontrato Vladimir Putin a Mosca.";
  d.meta.lang = "it";
  d.meta.lang_from_meta = true;
  d.meta.date = *PartialDate::Parse("2010-03-01");
  ASSERT_TRUE(TestPipeline().Process(&d).ok());
  auto got = ByText(d);
  Expect(got, "presidente russo", "RUSGOV", "medvedev_dmitry");
  Expect(got, "Vladimir Putin", "RUSGOV", "putin_vladimir");

  Document later;
  later.text = d.text;
  later.meta = d.meta;
  later.meta.date = *PartialDate::Parse("2024-06-19");
  ASSERT_TRUE(TestPipeline().Process(&later).ok());
  Expect(ByText(later), "presidente russo", "RUSGOV", "putin_vladimir");
}

TEST(ActorsTest, PersonOutsideEveryRoleHasNoCode) {
  Document d;
  d.text = "Vladimir Putin era a San Pietroburgo.";
  d.meta.lang = "it";
  d.meta.lang_from_meta = true;
  d.meta.date = *PartialDate::Parse("1995-01-01");
  ASSERT_TRUE(TestPipeline().Process(&d).ok());
  auto got = ByText(d);
  ASSERT_TRUE(got.count("Vladimir Putin"));
  EXPECT_EQ(got["Vladimir Putin"].kind, "PERSON");
  EXPECT_EQ(got["Vladimir Putin"].actor, "");
}

}  // namespace
}  // namespace cronista
