// Progress of a long batch on stderr: a redrawn bar with documents/s and an
// ETA on a terminal, plain periodic log lines otherwise.
#ifndef CRONISTA_CLI_PROGRESS_H_
#define CRONISTA_CLI_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <string>

namespace cronista::cli {

enum class ProgressMode { kNone, kBar, kLog };

// "auto" picks kBar when stderr is a terminal, else kLog.
bool ParseProgressMode(const std::string& s, ProgressMode* out);

class Progress {
 public:
  // `total` is the expected number of documents, 0 when unknown (no ETA).
  // `log_every` is the interval between log lines in kLog mode.
  Progress(ProgressMode mode, std::string label, size_t total,
           std::chrono::milliseconds log_every = std::chrono::seconds(10));
  // Called after each document; redraws at most every 200 ms.
  void Update(size_t done);
  // Clears the bar (kBar) so that the summary line that follows is clean.
  void Finish();
  // Writes a message without garbling the bar.
  void Message(const std::string& line);

 private:
  std::string Line(size_t done, bool bar) const;
  ProgressMode mode_;
  std::string label_;
  size_t total_;
  size_t last_done_ = 0;
  bool drawn_ = false;
  std::chrono::milliseconds log_every_;
  std::chrono::steady_clock::time_point start_, last_;
};

// Formats seconds as "42 s", "3 min 05 s" or "1 h 02 min".
std::string FormatDuration(double seconds);

}  // namespace cronista::cli

#endif  // CRONISTA_CLI_PROGRESS_H_
