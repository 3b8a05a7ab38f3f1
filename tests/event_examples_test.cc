// Every example sentence of the event patterns (data/<lang>/events/*.txt) is
// coded as a one-sentence article dated 2024-06-15 and must fire its own
// pattern, with the code of the pattern and the expected source and target.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cronista/pipeline.h"
#include "events/event_patterns.h"
#include "test_pipeline.h"

namespace cronista {
namespace {

bool Prefix(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

void CheckExamples(const std::string& lang) {
  std::vector<EventPattern> patterns;
  Status st = LoadEventPatternDir(std::string(CRONISTA_SOURCE_DATA_DIR) + "/" + lang + "/events",
                                  lang, &patterns);
  ASSERT_TRUE(st.ok()) << st.ToString();
  size_t examples = 0;
  std::vector<std::string> failures;
  for (const EventPattern& p : patterns) {
    if (p.example.empty()) continue;
    ++examples;
    Document d;
    d.text = p.example;
    d.meta.id = p.rule;
    d.meta.lang = lang;
    d.meta.lang_from_meta = true;
    d.meta.date = *PartialDate::Parse("2024-06-15");
    ASSERT_TRUE(TestPipeline().Process(&d).ok());
    bool fired = false, right = false;
    std::string got;
    for (const Event& e : d.events) {
      got += " " + e.source.actor + "->" + e.target.actor + ":" + e.code + "(" + e.rule + ")";
      // The example must be coded with the pattern's code (by this pattern or
      // an equivalent one); a future or hypothetical material act is coded as
      // intent (root 03).
      bool code_ok = e.code == p.code || e.code == p.paired || (e.rule == p.rule && e.root == "03");
      if (!code_ok) continue;
      fired = true;
      if (code_ok && Prefix(e.source.actor, p.expect_source) &&
          Prefix(e.target.actor, p.expect_target)) {
        right = true;
      }
    }
    if (!right) {
      failures.push_back(p.rule + " [" + p.code + "] " + p.example + " => " + p.expect_source +
                         " " + p.expect_target +
                         (fired ? " | wrong actors:" : " | code not found:") + got);
    }
  }
  std::string report;
  for (const auto& f : failures) report += f + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << examples << " examples fail:\n"
                                << report;
  EXPECT_GT(examples, 20u) << "too few examples for " << lang;
}

TEST(EventExamplesTest, Italian) { CheckExamples("it"); }
TEST(EventExamplesTest, English) { CheckExamples("en"); }

}  // namespace
}  // namespace cronista
