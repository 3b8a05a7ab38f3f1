// gzip decompression for the readers, streaming through zlib: memory use is
// zlib's window plus two fixed buffers, whatever the compressed or
// decompressed size.
#ifndef CRONISTA_TEXT_GZIP_H_
#define CRONISTA_TEXT_GZIP_H_

#include <zlib.h>

#include <memory>
#include <string_view>

#include "text/reader_stream.h"

namespace cronista {

// True when `prefix` starts with the gzip magic bytes 1F 8B.
bool HasGzipMagic(std::string_view prefix);

// Decompresses a gzip stream read from `in`: one member or several
// concatenated ones (as `cat a.gz b.gz` makes). Errors are kDataLoss: "corrupt
// gzip data: <zlib's reason>", "truncated gzip data" (the input ends inside a
// member), "trailing garbage after gzip data"; errors of `in` pass through.
class GzipByteStream : public ByteStream {
 public:
  explicit GzipByteStream(std::unique_ptr<ByteStream> in);
  ~GzipByteStream() override;
  GzipByteStream(const GzipByteStream&) = delete;
  GzipByteStream& operator=(const GzipByteStream&) = delete;

  Result<size_t> Read(char* buf, size_t n) override;

 private:
  // Makes more compressed input available; false at its end.
  Result<bool> FillInput();

  static constexpr size_t kInputSize = 64 * 1024;
  std::unique_ptr<ByteStream> in_;
  std::unique_ptr<unsigned char[]> input_;
  z_stream z_{};
  bool initialised_ = false;
  bool input_eof_ = false;
  bool done_ = false;  // every member decoded and the input exhausted
  Status error_;       // sticky: once set, every Read returns it
};

}  // namespace cronista

#endif  // CRONISTA_TEXT_GZIP_H_
