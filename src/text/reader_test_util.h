// Helpers for the reader tests (header-only, used by *_test.cc only): a
// temporary directory removed at the end of the test, and gzip compression.
#ifndef CRONISTA_TEXT_READER_TEST_UTIL_H_
#define CRONISTA_TEXT_READER_TEST_UTIL_H_

#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>

namespace cronista::testing {

// A fresh directory under the system temporary directory, removed with all
// its content on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::temp_directory_path() /
        ("cronista-reader-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `bytes` to `rel` (parent folders created); returns the full path.
  std::string Write(const std::string& rel, std::string_view bytes) const {
    std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<long>(bytes.size()));
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

// gzip-compresses what `produce` yields, calling it until it returns an empty
// view, and hands each compressed chunk to `consume`. Streams, so tests can
// make large archives without holding their content.
inline void GzipStream(const std::function<std::string_view()>& produce,
                       const std::function<void(std::string_view)>& consume) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  char out[1 << 16];
  for (;;) {
    std::string_view in = produce();
    int flush = in.empty() ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(out);
      z.avail_out = sizeof out;
      deflate(&z, flush);
      consume(std::string_view(out, sizeof out - z.avail_out));
    } while (z.avail_out == 0);
    if (flush == Z_FINISH) break;
  }
  deflateEnd(&z);
}

inline std::string GzipCompress(std::string_view data) {
  std::string result;
  bool given = false;
  GzipStream(
      [&]() -> std::string_view {
        if (given) return {};
        given = true;
        return data;
      },
      [&](std::string_view chunk) { result.append(chunk); });
  return result;
}

}  // namespace cronista::testing

#endif  // CRONISTA_TEXT_READER_TEST_UTIL_H_
