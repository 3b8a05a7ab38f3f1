// Event coding end to end, on an Italian article written for the purpose
// (tests/data/events/it_patto.txt) and the bundled English example: the
// phenomena of the seed article (agreements, visits and their hosts,
// invitations, support, planned talks, a negated condemnation of a background
// attack, a hypothetical promise of mutual assistance).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cronista/pipeline.h"
#include "cronista/reader.h"
#include "test_pipeline.h"
#include "time/time_tagger.h"

namespace cronista {
namespace {

Document Code(const std::string& path) { return CodeFile(path); }

bool Prefix(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

// Events whose source/target start with the given codes and whose code starts
// with `code`; modality "" = any.
std::vector<const Event*> Find(const Document& d, const std::string& src, const std::string& tgt,
                               const std::string& code, const std::string& modality = "") {
  std::vector<const Event*> out;
  for (const Event& e : d.events) {
    if (Prefix(e.source.actor, src) && Prefix(e.target.actor, tgt) && Prefix(e.code, code) &&
        (modality.empty() || ModalityName(e.modality) == modality)) {
      out.push_back(&e);
    }
  }
  return out;
}

std::string Dump(const Document& d) {
  std::string s;
  for (const Event& e : d.events) {
    s += e.source.actor + " -> " + e.target.actor + " " + e.code + " " +
         std::string(ModalityName(e.modality)) + (e.background ? " background" : "") + " " +
         e.rule + "\n";
  }
  return s;
}

void ExpectSeedPhenomena(const Document& d) {
  SCOPED_TRACE(Dump(d));
  // Agreement, both directions, asserted.
  EXPECT_FALSE(Find(d, "RUSGOV", "PRKGOV", "057", "asserted").empty());
  EXPECT_FALSE(Find(d, "PRKGOV", "RUSGOV", "057", "asserted").empty());
  // The visit and its host.
  EXPECT_FALSE(Find(d, "RUSGOV", "PRK", "042").empty());
  EXPECT_FALSE(Find(d, "PRK", "RUSGOV", "043").empty());
  // Support for Russia's war.
  EXPECT_FALSE(Find(d, "PRKGOV", "RUS", "051").empty());
  // The invitation to Moscow: 036 or root 04.
  EXPECT_TRUE(!Find(d, "RUSGOV", "PRKGOV", "036").empty() ||
              !Find(d, "RUSGOV", "PRKGOV", "04").empty());
  // Putin in Vietnam, and the planned talks.
  EXPECT_FALSE(Find(d, "RUSGOV", "VNM", "042").empty());
  EXPECT_FALSE(Find(d, "VNM", "RUSGOV", "043").empty());
  EXPECT_FALSE(Find(d, "RUSGOV", "VNM", "04", "future").empty());
  // Vietnam never condemned the attack: negated, never asserted.
  EXPECT_FALSE(Find(d, "VNM", "RUS", "111", "negated").empty());
  EXPECT_TRUE(Find(d, "VNM", "RUS", "11", "asserted").empty());
  // The attack itself is background only.
  auto attacks = Find(d, "RUS", "UKR", "19");
  EXPECT_FALSE(attacks.empty());
  for (const Event* e : attacks) EXPECT_TRUE(e->background);
  // Mutual assistance if attacked: intent (root 03), hypothetical; no asserted aid.
  EXPECT_FALSE(Find(d, "RUS", "PRK", "03", "hypothetical").empty());
  EXPECT_FALSE(Find(d, "PRK", "RUS", "03", "hypothetical").empty());
  EXPECT_TRUE(Find(d, "RUS", "PRK", "07", "asserted").empty());
  EXPECT_TRUE(Find(d, "PRK", "RUS", "07", "asserted").empty());
  // No media outlet, company or byline as a party.
  for (const Event& e : d.events) {
    for (const std::string& a : {e.source.actor, e.target.actor}) {
      EXPECT_EQ(a.find("MED"), std::string::npos) << a;
      EXPECT_EQ(a.find("BUS"), std::string::npos) << a;
    }
  }
  // Dated by a time expression of the sentence, else like the article.
  for (const Event& e : d.events) {
    if (e.time < 0) {
      EXPECT_EQ(e.date.ToString(), d.meta.date.ToString());
      EXPECT_EQ(e.date.precision, d.meta.date.precision);
    } else {
      ASSERT_LT(static_cast<size_t>(e.time), d.times.size());
      auto date = DateOfTimex(d.times[e.time]);
      ASSERT_TRUE(date.has_value());
      EXPECT_EQ(e.date.ToString(), date->ToString());
      EXPECT_EQ(d.sentences[e.sentence].start <= d.times[e.time].start &&
                    d.times[e.time].start < d.sentences[e.sentence].end,
                true);
    }
  }
  // Provenance on every event.
  for (const Event& e : d.events) {
    EXPECT_FALSE(e.rule.empty());
    EXPECT_LT(e.trigger_start, e.trigger_end);
    EXPECT_LT(e.sentence, d.sentences.size());
    EXPECT_GE(e.source.mention, 0);
    EXPECT_GE(e.target.mention, 0);
  }
}

TEST(EventsTest, ItalianPactArticle) {
  ExpectSeedPhenomena(Code(std::string(CRONISTA_TEST_DATA_DIR) + "/events/it_patto.txt"));
}

TEST(EventsTest, EnglishPactArticle) {
  ExpectSeedPhenomena(
      Code(std::string(CRONISTA_SOURCE_DATA_DIR) + "/../examples/en/putin-kim-pact.txt"));
}

// One sentence, coded as an article in `lang` dated 2024-07-10.
Document CodeSentence(const std::string& lang, const std::string& text) {
  Document d;
  d.text = text;
  d.meta.lang = lang;
  d.meta.lang_from_meta = true;
  d.meta.date = *PartialDate::Parse("2024-07-10");
  EXPECT_TRUE(TestPipeline().Process(&d).ok());
  return d;
}

TEST(EventsTest, CountryOfTheSubjectNounActs) {
  Document d = CodeSentence("en", "A Russian drone attacked Kyiv.");
  SCOPED_TRACE(Dump(d));
  EXPECT_FALSE(Find(d, "RUS", "UKR", "19").empty());
  d = CodeSentence("en", "Senior Hungarian and Romanian officials agreed to cooperate.");
  SCOPED_TRACE(Dump(d));
  EXPECT_FALSE(Find(d, "HUN", "ROM", "03").empty());
  EXPECT_FALSE(Find(d, "ROM", "HUN", "03").empty());
}

TEST(EventsTest, TitleAndNameAreOneParticipant) {
  // "Bulgarian President" + a name no dictionary codes: one actor, BGRGOV.
  Document d = CodeSentence("en",
                            "Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov "
                            "today signed a treaty of friendship.");
  SCOPED_TRACE(Dump(d));
  EXPECT_FALSE(Find(d, "LBYGOV", "BGRGOV", "057").empty());
  EXPECT_FALSE(Find(d, "BGRGOV", "LBYGOV", "057").empty());
  // A country before an uncoded title and name gives the country.
  d = CodeSentence("en",
                   "U.S. Secretary of State Warren Christopher telephoned Russian Foreign "
                   "Minister Andrei Kozyrev on Tuesday.");
  SCOPED_TRACE(Dump(d));
  EXPECT_FALSE(Find(d, "USA", "RUSGOV", "04").empty());
}

TEST(EventsTest, QuantityHeadsTheSubject) {
  Document d = CodeSentence("it", "Migliaia di israeliani hanno manifestato contro Netanyahu.");
  SCOPED_TRACE(Dump(d));
  EXPECT_FALSE(Find(d, "ISR", "ISRGOV", "14").empty());
}

TEST(EventsTest, BetweenXAndY) {
  Document d = CodeSentence("en", "Talks between Israel and Hamas resumed in Cairo on Monday.");
  SCOPED_TRACE(Dump(d));
  EXPECT_FALSE(Find(d, "ISR", "PSE", "04").empty());
  EXPECT_FALSE(Find(d, "PSE", "ISR", "04").empty());
}

TEST(EventsTest, PlaceIsTargetOfForceOnly) {
  Document d = CodeSentence("en", "Israel carried out airstrikes in Gaza.");
  SCOPED_TRACE(Dump(d));
  EXPECT_FALSE(Find(d, "ISR", "PSE", "19").empty());
}

TEST(EventsTest, WhoCondemnsAnActIsNotItsAgent) {
  Document d = CodeSentence("it", "Biden ha condannato l'attentato contro Robert Fico.");
  SCOPED_TRACE(Dump(d));
  EXPECT_FALSE(Find(d, "USAGOV", "SVK", "111").empty());
  EXPECT_TRUE(Find(d, "USA", "SVK", "18").empty());
  EXPECT_TRUE(Find(d, "USA", "SVK", "19").empty());
}

}  // namespace
}  // namespace cronista
