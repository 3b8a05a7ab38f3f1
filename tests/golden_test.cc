// Golden end-to-end test: every input under tests/data/golden/ is coded with
// tokens and compared, line by line, with NAME.expected.jsonl beside it.
// After a deliberate change, regenerate with CRONISTA_UPDATE_GOLDEN=1 and
// review the diff before committing it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cronista/json_output.h"
#include "cronista/pipeline.h"
#include "cronista/reader.h"

namespace cronista {
namespace {

namespace fs = std::filesystem;

std::string CodeToJsonLines(const Pipeline& p, const fs::path& input) {
  std::string out;
  auto source = DocumentSource::Open({input.string()}, {});
  if (!source.ok()) return "open failed: " + source.status().ToString();
  ReadItem item;
  while ((*source)->Next(&item)) {
    // Make the output independent of where the checkout lives.
    std::string origin = item.doc.meta.origin;
    item.doc.meta.origin = input.filename().string() + origin.substr(input.string().size());
    if (item.status.ok()) item.status = p.Process(&item.doc);
    out += item.status.ok() ? DocumentToJson(item.doc, {.tokens = true})
                            : ErrorToJson(item.doc.meta, item.status);
    out += '\n';
    item = ReadItem();
  }
  return out;
}

TEST(GoldenTest, InputsMatchExpectedOutput) {
  PipelineOptions opt;
  opt.data_dir = CRONISTA_SOURCE_DATA_DIR;
  auto p = Pipeline::Create(opt);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  bool update = std::getenv("CRONISTA_UPDATE_GOLDEN") != nullptr;
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(CRONISTA_TEST_DATA_DIR) / "golden")) {
    const fs::path& in = entry.path();
    if (in.string().ends_with(".expected.jsonl")) continue;
    fs::path expected_path = in.string() + ".expected.jsonl";
    std::string got = CodeToJsonLines(**p, in);
    if (update) {
      std::ofstream(expected_path) << got;
      continue;
    }
    std::ifstream f(expected_path);
    ASSERT_TRUE(f.good()) << "missing " << expected_path
                          << " (run with CRONISTA_UPDATE_GOLDEN=1 and review it)";
    std::stringstream want;
    want << f.rdbuf();
    std::istringstream got_lines(got), want_lines(want.str());
    std::string g, w;
    int line = 0;
    while (std::getline(want_lines, w)) {
      ++line;
      ASSERT_TRUE(std::getline(got_lines, g)) << in << ": output ends before line " << line;
      EXPECT_EQ(g, w) << in << " line " << line;
    }
    EXPECT_FALSE(std::getline(got_lines, g)) << in << ": output has extra lines";
    ++compared;
  }
  if (!update) {
    EXPECT_GE(compared, 4);
  }
}

}  // namespace
}  // namespace cronista
