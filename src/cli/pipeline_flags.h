// Flags shared by the commands that read and code articles (`code`,
// `ingest`): input format and size limit, data folder, language fallback and
// extra dictionaries.
#ifndef CRONISTA_CLI_PIPELINE_FLAGS_H_
#define CRONISTA_CLI_PIPELINE_FLAGS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cronista/pipeline.h"
#include "cronista/reader.h"

namespace cronista::cli {

struct PipelineFlags {
  std::vector<std::string> inputs;
  int jobs = 0;
  std::string format = "auto";
  size_t max_doc_bytes = 10u << 20;
  std::string data_dir;
  std::string fallback_lang;
  std::vector<std::string> dictionaries;
  bool dictionaries_only = false;
  bool quiet = false;
};

// Adds the inputs and the flags above to `cmd`.
void AddPipelineFlags(CLI::App* cmd, PipelineFlags* flags);

// Worker threads: --jobs, else every core.
int Threads(const PipelineFlags& flags);

// Builds the reader and pipeline; on failure prints "cronista COMMAND: ..."
// and returns the exit status to use (usage or fatal), else 0.
int OpenInputs(const char* command, const PipelineFlags& flags, bool explain,
               std::unique_ptr<DocumentSource>* source, std::unique_ptr<Pipeline>* pipeline);

}  // namespace cronista::cli

#endif  // CRONISTA_CLI_PIPELINE_FLAGS_H_
