// Byte streams under the readers: files, standard input, strings and gzip
// (text/gzip.h), plus a buffered reader that peeks, reads lines and reads
// whole documents without ever holding more than a caller-given limit.
//
// Error statuses from streams carry no document name; the reader that owns
// the stream prefixes its origin.
#ifndef CRONISTA_TEXT_READER_STREAM_H_
#define CRONISTA_TEXT_READER_STREAM_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "cronista/status.h"

namespace cronista {

// A forward-only source of bytes. Not thread-safe.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to `n` (> 0) bytes into `buf`. Returns how many were read; 0
  // means the end of the stream. After an error the stream is unusable.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Reads a POSIX file descriptor, retrying on EINTR. Closes it on destruction
// when `owned`.
class FdByteStream : public ByteStream {
 public:
  FdByteStream(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdByteStream() override;
  FdByteStream(const FdByteStream&) = delete;
  FdByteStream& operator=(const FdByteStream&) = delete;
  Result<size_t> Read(char* buf, size_t n) override;

 private:
  int fd_;
  bool owned_;
};

// Reads bytes held in memory (a copy of them).
class StringByteStream : public ByteStream {
 public:
  explicit StringByteStream(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<size_t> Read(char* buf, size_t n) override;

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

// Buffers another stream. Its own memory is one fixed buffer (kBufferSize);
// the reads below bound what they append to their output.
class BufferedReader : public ByteStream {
 public:
  static constexpr size_t kBufferSize = 64 * 1024;

  explicit BufferedReader(std::unique_ptr<ByteStream> in);

  // The next min(n, kBufferSize) bytes, fewer only at the end of the stream,
  // without consuming them. The view lives until the next call.
  Result<std::string_view> Peek(size_t n);

  Result<size_t> Read(char* buf, size_t n) override;

  // Appends the rest of the stream to `*out`, stopping once `*out` would
  // exceed `limit` bytes: it then holds `limit` + 1 bytes, which tells the
  // caller "too big" without the whole stream being read.
  Status ReadAtMost(size_t limit, std::string* out);

  // Reads the next line into `*line` (replacing it), without its '\n'.
  // Returns false at the end of the stream (no line). A line longer than
  // `limit` bytes is not kept: `*overlong` is set, `*line` holds its first
  // `limit` bytes, and the rest of the line is read and dropped.
  Result<bool> ReadLine(size_t limit, std::string* line, bool* overlong);

 private:
  // Refills the buffer when empty; returns false at the end of the stream.
  Result<bool> Fill();

  std::unique_ptr<ByteStream> in_;
  std::unique_ptr<char[]> buf_;
  size_t begin_ = 0, end_ = 0;  // unread bytes are buf_[begin_, end_)
  bool eof_ = false;
};

}  // namespace cronista

#endif  // CRONISTA_TEXT_READER_STREAM_H_
