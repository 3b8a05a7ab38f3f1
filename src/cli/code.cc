// `cronista code`: read articles, code them on all cores, print JSON Lines in
// input order.
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/pipeline_flags.h"
#include "core/parallel.h"
#include "cronista/json_output.h"
#include "cronista/pipeline.h"
#include "cronista/reader.h"

namespace cronista::cli {

namespace {

struct CodeOptions {
  PipelineFlags in;
  bool tokens = false;
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
  std::unique_ptr<DocumentSource> source;
  std::unique_ptr<Pipeline> pipeline;
  if (int rc = OpenInputs("code", opt.in, opt.explain, &source, &pipeline)) return rc;
  const int threads = Threads(opt.in);
  JsonOptions jopt;
  jopt.tokens = opt.tokens;
  const Pipeline& p = *pipeline;
  size_t coded = 0, failed = 0, warned = 0;
  bool output_ok = true;

  RunOrdered<Work>(
      threads, static_cast<size_t>(threads) * 4, [&](Work* w) { return source->Next(&w->item); },
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
          if (!opt.in.quiet) {
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
  if (!opt.in.quiet || failed > 0) {
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
  AddPipelineFlags(cmd, &opt->in);
  cmd->add_flag("--tokens", opt->tokens, "Include tokens in the output");
  cmd->add_flag("--explain", opt->explain,
                "Instead of JSON, print each event with its clause analysis and the pattern "
                "that fired, in words");
  cmd->callback([opt, exit_code] { *exit_code = RunCode(*opt); });
}

}  // namespace cronista::cli
