#include "text/reader_stream.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace cronista {
namespace {

// A stream that hands out at most `chunk` bytes per read, like a pipe.
class ChunkedStream : public ByteStream {
 public:
  ChunkedStream(std::string bytes, size_t chunk) : bytes_(std::move(bytes)), chunk_(chunk) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min({n, chunk_, bytes_.size() - pos_});
    bytes_.copy(buf, k, pos_);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  size_t chunk_;
  size_t pos_ = 0;
};

BufferedReader Reader(std::string bytes, size_t chunk = 3) {
  return BufferedReader(std::make_unique<ChunkedStream>(std::move(bytes), chunk));
}

TEST(ReaderStreamTest, PeekDoesNotConsume) {
  BufferedReader r = Reader("hello world");
  Result<std::string_view> head = r.Peek(5);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, "hello");
  std::string all;
  ASSERT_TRUE(r.ReadAtMost(100, &all).ok());
  EXPECT_EQ(all, "hello world");
  head = r.Peek(5);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, "");
}

TEST(ReaderStreamTest, ReadAtMostStopsOneBytePastTheLimit) {
  BufferedReader r = Reader(std::string(1000, 'a'), 7);
  std::string out;
  ASSERT_TRUE(r.ReadAtMost(10, &out).ok());
  EXPECT_EQ(out.size(), 11u);
}

TEST(ReaderStreamTest, ReadLines) {
  BufferedReader r = Reader("one\r\n\nthree\nlast");
  std::string line;
  bool overlong = true;
  std::vector<std::string> lines;
  for (;;) {
    Result<bool> got = r.ReadLine(100, &line, &overlong);
    ASSERT_TRUE(got.ok());
    if (!*got) break;
    EXPECT_FALSE(overlong);
    lines.push_back(line);
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"one\r", "", "three", "last"}));
}

TEST(ReaderStreamTest, OverlongLineIsSkippedNotHeld) {
  BufferedReader r(std::make_unique<StringByteStream>(std::string(300000, 'x') + "\nnext\n"));
  std::string line;
  bool overlong = false;
  Result<bool> got = r.ReadLine(1000, &line, &overlong);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_TRUE(overlong);
  EXPECT_EQ(line.size(), 1000u);
  got = r.ReadLine(1000, &line, &overlong);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_FALSE(overlong);
  EXPECT_EQ(line, "next");
  got = r.ReadLine(1000, &line, &overlong);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(*got);
}

}  // namespace
}  // namespace cronista
