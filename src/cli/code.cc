// `cronista code`: read articles, code them on all cores, print JSON Lines in
// input order.
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "core/parallel.h"
#include "cronista/json_output.h"
#include "cronista/pipeline.h"
#include "cronista/reader.h"

namespace cronista::cli {

namespace {

struct CodeOptions {
  std::vector<std::string> inputs;
  int jobs = 0;
  bool tokens = false;
  bool quiet = false;
  std::string format = "auto";
  size_t max_doc_bytes = 10u << 20;
  std::string data_dir;
  std::string fallback_lang;
  std::vector<std::string> dictionaries;
  bool dictionaries_only = false;
  bool explain = false;
};

// The events of a document in words: per event, its sentence, the coded
// line and the clause analysis with the pattern that fired.
std::string ExplainEvents(const Document& doc) {
  std::string out = "# " + (doc.meta.id.empty() ? doc.meta.origin : doc.meta.id) + " (" +
                    doc.meta.lang + ", " + std::to_string(doc.events.size()) + " events)\n";
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    std::string sentence(doc.SentenceText(doc.sentences[e.sentence]));
    for (char& c : sentence) {
      if (c == '\n') c = ' ';
    }
    out += "\n[" + std::to_string(i + 1) + "] " + e.source.actor + " -> " + e.target.actor + "  " +
           e.code + " (root " + e.root + ", quad " + std::to_string(e.quad) + ", " + e.plover +
           ")  " + std::string(ModalityName(e.modality)) + (e.background ? ", background" : "") +
           "\n    sentence " + std::to_string(e.sentence + 1) + ": " + sentence +
           "\n    why: " + e.explanation + "\n";
  }
  return out;
}

struct Work {
  ReadItem item;
  std::string line;  // the JSON output
};

int RunCode(const CodeOptions& opt) {
  ReaderOptions ropt;
  ropt.max_document_bytes = opt.max_doc_bytes;
  if (!ParseInputFormat(opt.format, &ropt.format)) {
    std::fprintf(stderr, "cronista code: unknown --format '%s' (auto, text, jsonl, html)\n",
                 opt.format.c_str());
    return kExitUsage;
  }
  PipelineOptions popt;
  popt.data_dir = opt.data_dir;
  popt.fallback_lang = opt.fallback_lang;
  popt.dictionaries = opt.dictionaries;
  popt.dictionaries_only = opt.dictionaries_only;
  popt.explain = opt.explain;
  auto pipeline = Pipeline::Create(popt);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "cronista code: %s\n", pipeline.status().ToString().c_str());
    return kExitFatal;
  }
  std::vector<std::string> inputs = opt.inputs;
  if (inputs.empty()) inputs.push_back("-");
  auto source = DocumentSource::Open(inputs, ropt);
  if (!source.ok()) {
    std::fprintf(stderr, "cronista code: %s\n", source.status().message().c_str());
    return kExitUsage;
  }

  int threads = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::thread::hardware_concurrency());
  if (threads < 1) threads = 1;
  JsonOptions jopt;
  jopt.tokens = opt.tokens;
  const Pipeline& p = **pipeline;
  size_t coded = 0, failed = 0, warned = 0;
  bool output_ok = true;

  RunOrdered<Work>(
      threads, static_cast<size_t>(threads) * 4, [&](Work* w) { return (*source)->Next(&w->item); },
      [&](Work& w) {
        if (w.item.status.ok()) w.item.status = p.Process(&w.item.doc);
        if (opt.explain && w.item.status.ok()) {
          w.line = ExplainEvents(w.item.doc);
        } else {
          w.line = w.item.status.ok() ? DocumentToJson(w.item.doc, jopt)
                                      : ErrorToJson(w.item.doc.meta, w.item.status);
        }
      },
      [&](Work& w) {
        const DocumentMeta& m = w.item.doc.meta;
        if (!w.item.status.ok()) {
          ++failed;
          std::fprintf(stderr, "cronista: error: %s\n", w.item.status.message().c_str());
        } else {
          ++coded;
          if (!w.item.doc.warnings.empty()) ++warned;
          if (!opt.quiet) {
            for (const Warning& warn : w.item.doc.warnings) {
              std::fprintf(stderr, "cronista: warning: %s: %s\n", m.origin.c_str(),
                           warn.message.c_str());
            }
          }
        }
        w.line.push_back('\n');
        if (std::fwrite(w.line.data(), 1, w.line.size(), stdout) != w.line.size()) {
          output_ok = false;
        }
      });

  if (std::fflush(stdout) != 0) output_ok = false;
  if (!opt.quiet || failed > 0) {
    std::fprintf(stderr, "cronista code: %zu coded, %zu failed, %zu with warnings\n", coded, failed,
                 warned);
  }
  if (!output_ok) {
    std::fprintf(stderr, "cronista code: error writing the output\n");
    return kExitFatal;
  }
  return failed > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace

void RegisterCode(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<CodeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "code",
      "Code articles and print one JSON object per document per line, in input order.\n"
      "Inputs are files, directories (recursive) or - for standard input (the default);\n"
      ".gz files are decompressed. Schema: docs/output.md.");
  cmd->add_option("inputs", opt->inputs, "Files, directories or - (stdin)");
  cmd->add_option("-j,--jobs", opt->jobs, "Worker threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--tokens", opt->tokens, "Include tokens in the output");
  cmd->add_option("--format", opt->format, "Input format: auto, text, jsonl, html")
      ->capture_default_str();
  cmd->add_option("--max-doc-bytes", opt->max_doc_bytes,
                  "Largest document accepted, in bytes (larger ones are reported and skipped)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--data", opt->data_dir, "Data folder (default: $CRONISTA_DATA or built-in)");
  cmd->add_option("--lang-fallback", opt->fallback_lang,
                  "Language to assume when identification is unreliable");
  cmd->add_option("--dict", opt->dictionaries,
                  "Extra dictionaries, FORMAT:PATH (petrarch:DIR: PETRARCH actor, agent and "
                  "discard files, for English); repeatable");
  cmd->add_flag("--dict-only", opt->dictionaries_only,
                "Code actors with the --dict dictionaries alone, not cronista's own");
  cmd->add_flag("--explain", opt->explain,
                "Instead of JSON, print each event with its clause analysis and the pattern "
                "that fired, in words");
  cmd->add_flag("-q,--quiet", opt->quiet, "Print only errors on stderr");
  cmd->callback([opt, exit_code] { *exit_code = RunCode(*opt); });
}

}  // namespace cronista::cli
