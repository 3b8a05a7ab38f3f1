#include "text/gzip.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "text/reader_stream.h"
#include "text/reader_test_util.h"

namespace cronista {
namespace {

// Decompresses `gz` completely (bounded by `limit`).
Result<std::string> Gunzip(std::string gz, size_t limit = 1 << 20) {
  BufferedReader reader(
      std::make_unique<GzipByteStream>(std::make_unique<StringByteStream>(std::move(gz))));
  std::string out;
  Status st = reader.ReadAtMost(limit, &out);
  if (!st.ok()) return st;
  return out;
}

TEST(GzipTest, Magic) {
  EXPECT_TRUE(HasGzipMagic("\x1F\x8B\x08"));
  EXPECT_FALSE(HasGzipMagic("\x1F"));
  EXPECT_FALSE(HasGzipMagic("plain"));
}

TEST(GzipTest, RoundTrip) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "riga " + std::to_string(i) + " àèìòù\n";
  Result<std::string> out = Gunzip(testing::GzipCompress(text), text.size());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, text);
}

TEST(GzipTest, ConcatenatedMembers) {
  Result<std::string> out =
      Gunzip(testing::GzipCompress("first\n") + testing::GzipCompress("second\n"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "first\nsecond\n");
}

TEST(GzipTest, TruncatedIsDataLoss) {
  std::string gz = testing::GzipCompress(std::string(10000, 'x') + "tail");
  gz.resize(gz.size() - 6);
  Result<std::string> out = Gunzip(gz);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(out.status().message().find("truncated gzip data"), std::string::npos);
}

TEST(GzipTest, CorruptIsDataLoss) {
  std::string gz = testing::GzipCompress("some text that will be damaged in the middle");
  for (size_t i = 12; i < gz.size() - 8; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5A);
  Result<std::string> out = Gunzip(gz);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(out.status().message().find("gzip"), std::string::npos);
}

TEST(GzipTest, TrailingGarbageIsDataLoss) {
  Result<std::string> out = Gunzip(testing::GzipCompress("ok") + "garbage");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(out.status().message().find("trailing garbage"), std::string::npos);
}

TEST(GzipTest, ReadingStopsAtTheLimit) {
  // 8 MB of zeros compress to ~8 KB; reading stops after limit + 1 bytes.
  std::string zeros(8 << 20, '\0');
  std::string gz = testing::GzipCompress(zeros);
  Result<std::string> out = Gunzip(gz, 1000);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->size(), 1001u);
}

}  // namespace
}  // namespace cronista
