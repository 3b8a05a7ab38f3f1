#include "cli/pipeline_flags.h"

#include <cstdio>
#include <thread>

#include "cli/commands.h"

namespace cronista::cli {

void AddPipelineFlags(CLI::App* cmd, PipelineFlags* f) {
  cmd->add_option("inputs", f->inputs, "Files, directories or - (stdin)");
  cmd->add_option("-j,--jobs", f->jobs, "Worker threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", f->format, "Input format: auto, text, jsonl, html")
      ->capture_default_str();
  cmd->add_option("--max-doc-bytes", f->max_doc_bytes,
                  "Largest document accepted, in bytes (larger ones are reported and skipped)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--data", f->data_dir, "Data folder (default: $CRONISTA_DATA or built-in)");
  cmd->add_option("--lang-fallback", f->fallback_lang,
                  "Language to assume when identification is unreliable");
  cmd->add_option("--dict", f->dictionaries,
                  "Extra dictionaries, FORMAT:PATH (petrarch:DIR: PETRARCH actor, agent and "
                  "discard files, for English); repeatable");
  cmd->add_flag("--dict-only", f->dictionaries_only,
                "Code actors with the --dict dictionaries alone, not cronista's own");
  cmd->add_flag("-q,--quiet", f->quiet, "Print only errors on stderr");
}

int Threads(const PipelineFlags& f) {
  int threads = f.jobs > 0 ? f.jobs : static_cast<int>(std::thread::hardware_concurrency());
  return threads < 1 ? 1 : threads;
}

int OpenInputs(const char* command, const PipelineFlags& f, bool explain,
               std::unique_ptr<DocumentSource>* source, std::unique_ptr<Pipeline>* pipeline) {
  ReaderOptions ropt;
  ropt.max_document_bytes = f.max_doc_bytes;
  if (!ParseInputFormat(f.format, &ropt.format)) {
    std::fprintf(stderr, "cronista %s: unknown --format '%s' (auto, text, jsonl, html)\n", command,
                 f.format.c_str());
    return kExitUsage;
  }
  PipelineOptions popt;
  popt.data_dir = f.data_dir;
  popt.fallback_lang = f.fallback_lang;
  popt.dictionaries = f.dictionaries;
  popt.dictionaries_only = f.dictionaries_only;
  popt.explain = explain;
  auto p = Pipeline::Create(popt);
  if (!p.ok()) {
    std::fprintf(stderr, "cronista %s: %s\n", command, p.status().ToString().c_str());
    return kExitFatal;
  }
  std::vector<std::string> inputs = f.inputs;
  if (inputs.empty()) inputs.push_back("-");
  auto s = DocumentSource::Open(inputs, ropt);
  if (!s.ok()) {
    std::fprintf(stderr, "cronista %s: %s\n", command, s.status().message().c_str());
    return kExitUsage;
  }
  *pipeline = std::move(*p);
  *source = std::move(*s);
  return 0;
}

}  // namespace cronista::cli
