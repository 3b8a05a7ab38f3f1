#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace cronista::cli {

bool ParseProgressMode(const std::string& s, ProgressMode* out) {
  if (s == "auto") {
    *out = isatty(STDERR_FILENO) ? ProgressMode::kBar : ProgressMode::kLog;
  } else if (s == "bar") {
    *out = ProgressMode::kBar;
  } else if (s == "log") {
    *out = ProgressMode::kLog;
  } else if (s == "none") {
    *out = ProgressMode::kNone;
  } else {
    return false;
  }
  return true;
}

std::string FormatDuration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%ld s", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%ld min %02ld s", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
  }
  return buf;
}

Progress::Progress(ProgressMode mode, std::string label, size_t total,
                   std::chrono::milliseconds log_every)
    : mode_(mode),
      label_(std::move(label)),
      total_(total),
      log_every_(log_every),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

std::string Progress::Line(size_t done, bool bar) const {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = elapsed > 0 ? done / elapsed : 0.0;
  std::string out = label_ + ": ";
  char buf[160];
  // The total is an estimate made before reading; never show more than 100%.
  size_t total = total_ > 0 && done > total_ ? done : total_;
  if (total > 0) {
    double frac = static_cast<double>(done) / static_cast<double>(total);
    if (bar) {
      const int width = 30;
      int filled = static_cast<int>(frac * width);
      out += "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] ";
    }
    std::snprintf(buf, sizeof buf, "%zu/%zu documents (%.0f%%), %.1f docs/s", done, total,
                  frac * 100, rate);
    out += buf;
    if (rate > 0 && done < total) out += ", ETA " + FormatDuration((total - done) / rate);
  } else {
    std::snprintf(buf, sizeof buf, "%zu documents, %.1f docs/s", done, rate);
    out += buf;
  }
  return out;
}

void Progress::Update(size_t done) {
  last_done_ = done;
  if (mode_ == ProgressMode::kNone) return;
  auto now = std::chrono::steady_clock::now();
  auto interval = mode_ == ProgressMode::kBar ? std::chrono::milliseconds(200) : log_every_;
  if (now - last_ < interval) return;
  last_ = now;
  if (mode_ == ProgressMode::kBar) {
    std::fprintf(stderr, "\r%s\x1b[K", Line(done, true).c_str());
    drawn_ = true;
  } else {
    std::fprintf(stderr, "%s\n", Line(done, false).c_str());
  }
  std::fflush(stderr);
}

void Progress::Message(const std::string& line) {
  if (drawn_) std::fprintf(stderr, "\r\x1b[K");
  std::fprintf(stderr, "%s\n", line.c_str());
  if (drawn_) std::fprintf(stderr, "%s", Line(last_done_, true).c_str());
  std::fflush(stderr);
}

void Progress::Finish() {
  if (drawn_) std::fprintf(stderr, "\r\x1b[K");
  drawn_ = false;
  std::fflush(stderr);
}

}  // namespace cronista::cli
