// `cronista ingest`: read articles, code them on all cores, store them in a
// SQLite file or a PostgreSQL database, one transaction per document.
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/pipeline_flags.h"
#include "cli/progress.h"
#include "core/parallel.h"
#include "cronista/pipeline.h"
#include "cronista/reader.h"
#include "store/store.h"

namespace cronista::cli {

namespace {

namespace fs = std::filesystem;

struct IngestOptions {
  PipelineFlags in;
  std::string db = "cronista.db";
  int dedup_window = 0;
  int batch = 64;
  std::string progress = "auto";
  int log_seconds = 10;
};

bool IsJsonLinesName(std::string name) {
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) {
    name.resize(name.size() - 3);
  }
  for (const char* ext : {".jsonl", ".ndjson", ".json"}) {
    size_t n = std::char_traits<char>::length(ext);
    if (name.size() >= n && name.compare(name.size() - n, n, ext) == 0) return true;
  }
  return false;
}

// Non-empty lines of a (possibly gzipped) file: its number of documents.
size_t CountLines(const fs::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return 1;
  size_t lines = 0;
  bool content = false;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) {
    for (int i = 0; i < n; ++i) {
      if (buf[i] == '\n') {
        lines += content;
        content = false;
      } else if (buf[i] != ' ' && buf[i] != '\r' && buf[i] != '\t') {
        content = true;
      }
    }
  }
  gzclose(f);
  return lines + content;
}

// How many documents the inputs hold, for the ETA; 0 when unknown (stdin).
size_t EstimateDocuments(const std::vector<std::string>& inputs) {
  size_t total = 0;
  auto count = [&total](const fs::path& p) {
    total += IsJsonLinesName(p.filename().string()) ? CountLines(p) : 1;
  };
  for (const std::string& input : inputs) {
    if (input == "-") return 0;
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      for (auto it = fs::recursive_directory_iterator(
               input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().filename().string()[0] != '.') count(it->path());
      }
    } else if (fs::is_regular_file(input, ec)) {
      count(input);
    }
  }
  return total;
}

struct Work {
  ReadItem item;
};

int RunIngest(const IngestOptions& opt) {
  ProgressMode mode;
  if (!ParseProgressMode(opt.progress, &mode)) {
    std::fprintf(stderr, "cronista ingest: unknown --progress '%s' (auto, bar, log, none)\n",
                 opt.progress.c_str());
    return kExitUsage;
  }
  if (opt.in.quiet) mode = ProgressMode::kNone;
  StoreOptions sopt;
  sopt.dedup_window_days = opt.dedup_window;
  sopt.batch_documents = opt.batch;
  auto store = Store::Open(opt.db, sopt);
  if (!store.ok()) {
    std::fprintf(stderr, "cronista ingest: %s\n", store.status().message().c_str());
    return kExitFatal;
  }
  std::unique_ptr<DocumentSource> source;
  std::unique_ptr<Pipeline> pipeline;
  if (int rc = OpenInputs("ingest", opt.in, false, &source, &pipeline)) return rc;
  const int threads = Threads(opt.in);

  Progress progress(mode, "cronista ingest",
                    mode == ProgressMode::kNone ? 0 : EstimateDocuments(opt.in.inputs),
                    std::chrono::seconds(opt.log_seconds));
  size_t read = 0, stored = 0, present = 0, failed = 0, new_events = 0, merged = 0;
  int store_failures_in_a_row = 0;
  bool fatal = false;
  const auto start = std::chrono::steady_clock::now();
  const Pipeline& p = *pipeline;
  RunOrdered<Work>(
      threads, static_cast<size_t>(threads) * 4,
      [&](Work* w) { return !fatal && source->Next(&w->item); },
      [&](Work& w) {
        if (w.item.status.ok()) w.item.status = p.Process(&w.item.doc);
      },
      [&](Work& w) {
        ++read;
        if (fatal) return;
        if (!w.item.status.ok()) {
          ++failed;
          progress.Message("cronista: error: " + w.item.status.message());
        } else {
          auto added = (*store)->Add(w.item.doc);
          if (!added.ok()) {
            ++failed;
            progress.Message("cronista: error: " + added.status().message());
            // A database that refuses three documents in a row is gone (or
            // full): stop rather than fail every remaining document.
            if (++store_failures_in_a_row >= 3) fatal = true;
          } else {
            store_failures_in_a_row = 0;
            if (added->stored) {
              ++stored;
              new_events += added->new_events;
              merged += added->merged_events;
            } else {
              ++present;
            }
            if (!opt.in.quiet) {
              for (const Warning& warn : w.item.doc.warnings) {
                progress.Message("cronista: warning: " + w.item.doc.meta.origin + ": " +
                                 warn.message);
              }
            }
          }
        }
        progress.Update(read);
      });
  if (Status flushed = (*store)->Flush(); !flushed.ok()) {
    progress.Message("cronista: error: committing the last documents: " + flushed.message());
    fatal = true;
  }
  progress.Finish();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!opt.in.quiet || failed > 0 || fatal) {
    std::fprintf(stderr,
                 "cronista ingest: %zu documents read: %zu stored, %zu already stored, %zu "
                 "failed; %zu new events, %zu reports of stored events; %.2f s (%.1f docs/s) "
                 "into %s\n",
                 read, stored, present, failed, new_events, merged, secs,
                 secs > 0 ? read / secs : 0.0, (*store)->db().Describe().c_str());
  }
  if (fatal) {
    std::fprintf(stderr, "cronista ingest: stopped after repeated storage errors\n");
    return kExitFatal;
  }
  return failed > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace

void RegisterIngest(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<IngestOptions>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Code articles and store them in a database, one transaction per document.\n"
      "Documents already stored (same URL, title, date and text) are skipped, so an\n"
      "interrupted ingest can simply be run again. Schema: docs/schema.md.");
  AddPipelineFlags(cmd, &opt->in);
  cmd->add_option("--db", opt->db, "SQLite file (created when missing) or postgresql:// URL")
      ->capture_default_str();
  cmd->add_option("--dedup-window", opt->dedup_window,
                  "Reports of the same event (source, target, code, modality, place) dated up "
                  "to this many days apart are one event")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--batch", opt->batch,
                  "Commit every N documents (or every 250 ms); each document is still all or "
                  "nothing, and a re-run stores what an interrupted one had not committed")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--progress", opt->progress,
                  "auto (a bar on a terminal, log lines otherwise), bar, log or none")
      ->capture_default_str();
  cmd->add_option("--log-every", opt->log_seconds, "Seconds between progress log lines")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([opt, exit_code] { *exit_code = RunIngest(*opt); });
}

}  // namespace cronista::cli
