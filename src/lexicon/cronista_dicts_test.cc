#include "lexicon/cronista_dicts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cronista {
namespace {

using ::testing::UnorderedElementsAre;

TEST(InflectTest, GeneratesMissingFormsOfTheLastWord) {
  std::vector<InflectionRule> rules = {
      {"demonym", "o", {"a", "i", "e"}}, {"demonym", "e", {"i"}}, {"demonym", "ese", {"esi"}}};
  DictionarySet d;
  ActorSpec nk;
  nk.subkind = "demonym";
  nk.phrases = {"nordcoreano", "nordcoreani"};
  ActorSpec fr;
  fr.subkind = "demonym";
  fr.phrases = {"francese"};
  ActorSpec capital;
  capital.subkind = "capital";
  capital.phrases = {"Mosca"};
  d.actors = {nk, fr, capital};
  Inflect(rules, &d);
  EXPECT_THAT(d.actors[0].phrases,
              UnorderedElementsAre("nordcoreano", "nordcoreani", "nordcoreana", "nordcoreane"));
  // The longest ending wins: francese -> francesi, not francesi + francesa.
  EXPECT_THAT(d.actors[1].phrases, UnorderedElementsAre("francese", "francesi"));
  EXPECT_THAT(d.actors[2].phrases, UnorderedElementsAre("Mosca"));
}

}  // namespace
}  // namespace cronista
