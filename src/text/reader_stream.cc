#include "text/reader_stream.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace cronista {

FdByteStream::~FdByteStream() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

Result<size_t> FdByteStream::Read(char* buf, size_t n) {
  for (;;) {
    ssize_t got = ::read(fd_, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) return Status::IoError(std::string("read error: ") + std::strerror(errno));
  }
}

Result<size_t> StringByteStream::Read(char* buf, size_t n) {
  size_t k = std::min(n, bytes_.size() - pos_);
  std::memcpy(buf, bytes_.data() + pos_, k);
  pos_ += k;
  return k;
}

BufferedReader::BufferedReader(std::unique_ptr<ByteStream> in)
    : in_(std::move(in)), buf_(new char[kBufferSize]) {}

Result<bool> BufferedReader::Fill() {
  if (begin_ < end_) return true;
  if (eof_) return false;
  begin_ = end_ = 0;
  Result<size_t> got = in_->Read(buf_.get(), kBufferSize);
  if (!got.ok()) return got.status();
  if (*got == 0) {
    eof_ = true;
    return false;
  }
  end_ = *got;
  return true;
}

Result<std::string_view> BufferedReader::Peek(size_t n) {
  n = std::min(n, kBufferSize);
  if (end_ - begin_ < n && begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  while (end_ - begin_ < n && !eof_) {
    Result<size_t> got = in_->Read(buf_.get() + end_, kBufferSize - end_);
    if (!got.ok()) return got.status();
    if (*got == 0) eof_ = true;
    end_ += *got;
  }
  return std::string_view(buf_.get() + begin_, std::min(n, end_ - begin_));
}

Result<size_t> BufferedReader::Read(char* buf, size_t n) {
  Result<bool> more = Fill();
  if (!more.ok()) return more.status();
  if (!*more) return size_t{0};
  size_t k = std::min(n, end_ - begin_);
  std::memcpy(buf, buf_.get() + begin_, k);
  begin_ += k;
  return k;
}

Status BufferedReader::ReadAtMost(size_t limit, std::string* out) {
  limit = std::min(limit, SIZE_MAX - 1);  // limit + 1 must not wrap
  for (;;) {
    Result<bool> more = Fill();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    // Room for one byte past the limit, so the caller can see the overflow.
    size_t room = limit + 1 - std::min(out->size(), limit + 1);
    size_t k = std::min(room, end_ - begin_);
    out->append(buf_.get() + begin_, k);
    begin_ += k;
    if (out->size() > limit) return Status::Ok();
  }
}

Result<bool> BufferedReader::ReadLine(size_t limit, std::string* line, bool* overlong) {
  line->clear();
  *overlong = false;
  bool any = false;
  for (;;) {
    Result<bool> more = Fill();
    if (!more.ok()) return more.status();
    if (!*more) return any;
    any = true;
    const char* start = buf_.get() + begin_;
    size_t avail = end_ - begin_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
    size_t len = nl != nullptr ? static_cast<size_t>(nl - start) : avail;
    if (!*overlong) {
      size_t keep = std::min(len, limit - std::min(line->size(), limit));
      line->append(start, keep);
      if (keep < len) *overlong = true;
    }
    begin_ += nl != nullptr ? len + 1 : len;
    if (nl != nullptr) return true;
  }
}

}  // namespace cronista
