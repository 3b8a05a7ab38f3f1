#include "text/gzip.h"

#include <algorithm>
#include <climits>
#include <string>

namespace cronista {

bool HasGzipMagic(std::string_view prefix) {
  return prefix.size() >= 2 && static_cast<unsigned char>(prefix[0]) == 0x1F &&
         static_cast<unsigned char>(prefix[1]) == 0x8B;
}

GzipByteStream::GzipByteStream(std::unique_ptr<ByteStream> in)
    : in_(std::move(in)), input_(new unsigned char[kInputSize]) {
  // 16 + MAX_WBITS: gzip wrapper only (not zlib or raw deflate).
  if (inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK) {
    initialised_ = true;
  } else {
    error_ = Status::Internal("cannot initialise zlib");
  }
}

GzipByteStream::~GzipByteStream() {
  if (initialised_) inflateEnd(&z_);
}

Result<bool> GzipByteStream::FillInput() {
  if (z_.avail_in > 0) return true;
  if (input_eof_) return false;
  Result<size_t> got = in_->Read(reinterpret_cast<char*>(input_.get()), kInputSize);
  if (!got.ok()) return got.status();
  if (*got == 0) {
    input_eof_ = true;
    return false;
  }
  z_.next_in = input_.get();
  z_.avail_in = static_cast<uInt>(*got);
  return true;
}

Result<size_t> GzipByteStream::Read(char* buf, size_t n) {
  if (!error_.ok()) return error_;
  if (done_) return size_t{0};
  z_.next_out = reinterpret_cast<unsigned char*>(buf);
  z_.avail_out = static_cast<uInt>(std::min<size_t>(n, UINT_MAX));
  const uInt want = z_.avail_out;
  while (z_.avail_out == want) {  // until some output, the end, or an error
    Result<bool> more = FillInput();
    if (!more.ok()) return error_ = more.status();
    if (!*more) {
      return error_ = Status::DataLoss("truncated gzip data (unexpected end of input)");
    }
    int rc = inflate(&z_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      // Another member may follow; anything else after a member is an error.
      more = FillInput();
      if (!more.ok()) return error_ = more.status();
      if (!*more) {
        done_ = true;
        break;
      }
      if (z_.next_in[0] != 0x1F) {
        return error_ = Status::DataLoss("trailing garbage after gzip data");
      }
      inflateReset(&z_);
    } else if (rc == Z_BUF_ERROR) {
      // No progress possible with the input at hand: loop to read more.
      continue;
    } else if (rc != Z_OK) {
      std::string why = z_.msg != nullptr ? z_.msg : "error " + std::to_string(rc);
      return error_ = Status::DataLoss("corrupt gzip data: " + why);
    }
  }
  return static_cast<size_t>(want - z_.avail_out);
}

}  // namespace cronista
