// `cronista eval ner`: entity recognition figures on gold data sets (KIND,
// CoNLL-2003). Scores are information, not pass/fail: the exit status says
// whether the evaluation could run.
#include "cli/eval.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cronista/pipeline.h"
#include "eval/event_eval.h"
#include "eval/ner_eval.h"

namespace cronista::cli {

namespace {

struct EvalNerOptions {
  std::string kind;
  std::string conll;
  std::string data_dir;
  size_t limit = 0;
  std::string errors_path;
  std::string format = "table";
};

// One gold file to evaluate on.
struct Corpus {
  std::string name;  // "kind", "conll"
  std::string lang;
  std::string path;
  double read_seconds = 0;
  size_t available = 0;  // documents in the file
  eval::NerResult result;
};

constexpr eval::NerType kTypes[] = {eval::NerType::kPer, eval::NerType::kOrg, eval::NerType::kLoc};

nlohmann::ordered_json CountsJson(const eval::NerCounts& c) {
  nlohmann::ordered_json j;
  j["gold"] = c.gold;
  j["predicted"] = c.predicted;
  j["correct"] = c.correct;
  j["precision"] = c.precision();
  j["recall"] = c.recall();
  j["f1"] = c.f1();
  return j;
}

std::string ToJson(const std::vector<Corpus>& corpora) {
  nlohmann::ordered_json out;
  out["corpora"] = nlohmann::ordered_json::array();
  for (const Corpus& c : corpora) {
    const eval::NerResult& r = c.result;
    nlohmann::ordered_json j;
    j["corpus"] = c.name;
    j["file"] = c.path;
    j["lang"] = c.lang;
    j["documents"] = r.documents;
    j["documents_in_file"] = c.available;
    j["sentences"] = r.sentences;
    j["tokens"] = r.tokens;
    j["failed"] = r.failed;
    j["read_seconds"] = c.read_seconds;
    j["seconds"] = r.seconds;
    nlohmann::ordered_json types;
    for (eval::NerType t : kTypes)
      types[std::string(eval::NerTypeName(t))] = CountsJson(r.scores.of(t));
    j["types"] = std::move(types);
    j["micro"] = CountsJson(r.scores.micro());
    j["gold_misc"] = r.scores.gold_misc;
    j["not_scored"] = {{"role", r.scores.unscored.role},
                       {"lower_country", r.scores.unscored.lower_country},
                       {"in_misc", r.scores.unscored.in_misc}};
    out["corpora"].push_back(std::move(j));
  }
  return out.dump(2) + "\n";
}

std::string Row(std::string_view name, const eval::NerCounts& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-6s %7zu %7zu %8zu %10.3f %7.3f %7.3f\n",
                std::string(name).c_str(), c.gold, c.predicted, c.correct, c.precision(),
                c.recall(), c.f1());
  return buf;
}

std::string ToTable(const std::vector<Corpus>& corpora) {
  std::string out;
  char buf[512];
  for (const Corpus& c : corpora) {
    const eval::NerResult& r = c.result;
    if (!out.empty()) out += "\n";
    std::snprintf(buf, sizeof buf,
                  "%s (%s, %s): %zu of %zu documents, %zu sentences, %zu tokens; read in %.2f s, "
                  "coded and scored in %.2f s\n",
                  c.path.c_str(), c.name.c_str(), c.lang.c_str(), r.documents, c.available,
                  r.sentences, r.tokens, c.read_seconds, r.seconds);
    out += buf;
    out += "  type      gold    pred  correct  precision  recall      F1\n";
    for (eval::NerType t : kTypes) out += Row(eval::NerTypeName(t), r.scores.of(t));
    out += Row("micro", r.scores.micro());
    std::snprintf(buf, sizeof buf,
                  "  not scored: %zu ROLE mentions, %zu lower-case COUNTRY mentions, %zu "
                  "predictions inside gold MISC (gold MISC entities: %zu)\n",
                  r.scores.unscored.role, r.scores.unscored.lower_country,
                  r.scores.unscored.in_misc, r.scores.gold_misc);
    out += buf;
    if (r.failed > 0) {
      std::snprintf(buf, sizeof buf, "  %zu documents could not be coded (counted as missed)\n",
                    r.failed);
      out += buf;
    }
  }
  return out;
}

int RunEvalNer(const EvalNerOptions& opt) {
  std::vector<Corpus> corpora;
  if (!opt.kind.empty()) corpora.push_back({"kind", "it", opt.kind, 0, 0, {}});
  if (!opt.conll.empty()) corpora.push_back({"conll", "en", opt.conll, 0, 0, {}});
  if (corpora.empty()) {
    std::fprintf(stderr,
                 "cronista eval ner: no gold file given; pass --kind FILE and/or --conll FILE "
                 "(see --help)\n");
    return kExitUsage;
  }

  // Read every gold file first, so a bad one fails before any coding.
  std::vector<std::vector<eval::GoldDocument>> gold(corpora.size());
  for (size_t i = 0; i < corpora.size(); ++i) {
    Corpus& c = corpora[i];
    const auto t0 = std::chrono::steady_clock::now();
    std::ifstream in(c.path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cronista eval ner: cannot open %s: %s\n", c.path.c_str(),
                   std::strerror(errno));
      return kExitUsage;
    }
    // Documents are named after the file name: "KIND_WN_dev.tsv#3", "...:120".
    const std::string origin = std::filesystem::path(c.path).filename().string();
    auto docs = c.name == "kind" ? eval::ReadKind(in, origin) : eval::ReadConll(in, origin);
    if (!docs.ok()) {
      if (docs.status().code() == StatusCode::kInvalidArgument) {
        std::fprintf(stderr, "cronista eval ner: %s is not a %s file: %s\n", c.path.c_str(),
                     c.name == "kind" ? "KIND (token<TAB>tag)" : "CoNLL-2003",
                     docs.status().message().c_str());
      } else {
        std::fprintf(stderr, "cronista eval ner: %s: %s\n", c.path.c_str(),
                     docs.status().ToString().c_str());
      }
      return kExitUsage;
    }
    gold[i] = std::move(docs).value();
    c.available = gold[i].size();
    c.read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  PipelineOptions popt;
  popt.data_dir = opt.data_dir;
  auto pipeline = Pipeline::Create(popt);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "cronista eval ner: %s\n", pipeline.status().ToString().c_str());
    return kExitFatal;
  }

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> errors(nullptr, &std::fclose);
  if (!opt.errors_path.empty()) {
    errors.reset(std::fopen(opt.errors_path.c_str(), "w"));
    if (!errors) {
      std::fprintf(stderr, "cronista eval ner: cannot write %s: %s\n", opt.errors_path.c_str(),
                   std::strerror(errno));
      return kExitFatal;
    }
  }

  eval::NerEvalOptions eopt;
  eopt.limit = opt.limit;
  eopt.errors = errors != nullptr;
  bool output_ok = true;
  if (errors) output_ok = std::fputs(std::string(eval::kErrorsHeader).c_str(), errors.get()) >= 0;
  size_t failed = 0, error_rows = 0;
  for (size_t i = 0; i < corpora.size(); ++i) {
    Corpus& c = corpora[i];
    c.result = eval::EvaluateNer(**pipeline, gold[i], c.name, c.lang, eopt);
    gold[i].clear();
    failed += c.result.failed;
    if (c.result.failed > 0) {
      std::fprintf(stderr, "cronista eval ner: %zu %s documents could not be coded; first: %s\n",
                   c.result.failed, c.name.c_str(), c.result.first_failure.c_str());
    }
    if (errors) {
      const std::string& rows = c.result.errors;
      error_rows += static_cast<size_t>(std::count(rows.begin(), rows.end(), '\n'));
      if (std::fwrite(rows.data(), 1, rows.size(), errors.get()) != rows.size()) output_ok = false;
      c.result.errors.clear();
    }
  }
  if (errors && std::fclose(errors.release()) != 0) output_ok = false;
  if (!output_ok) {
    std::fprintf(stderr, "cronista eval ner: error writing %s\n", opt.errors_path.c_str());
    return kExitFatal;
  }

  std::string report = opt.format == "json" ? ToJson(corpora) : ToTable(corpora);
  if (std::fwrite(report.data(), 1, report.size(), stdout) != report.size() ||
      std::fflush(stdout) != 0) {
    std::fprintf(stderr, "cronista eval ner: error writing the output\n");
    return kExitFatal;
  }
  if (!opt.errors_path.empty()) {
    std::fprintf(stderr, "cronista eval ner: %zu errors written to %s\n", error_rows,
                 opt.errors_path.c_str());
  }
  return failed > 0 ? kExitSomeFailed : kExitOk;
}

struct EvalEventsOptions {
  std::string gold;
  std::string data_dir;
  std::vector<std::string> dictionaries;
  bool dictionaries_only = false;
  size_t limit = 0;
  std::string errors_path;
  std::string format = "table";
};

int RunEvalEvents(const EvalEventsOptions& opt) {
  PipelineOptions popt;
  popt.data_dir = opt.data_dir;
  popt.dictionaries = opt.dictionaries;
  popt.dictionaries_only = opt.dictionaries_only;
  auto t0 = std::chrono::steady_clock::now();
  auto pipeline = Pipeline::Create(popt);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "cronista eval events: %s\n", pipeline.status().ToString().c_str());
    return kExitFatal;
  }
  double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto r = eval::EvaluateEvents(**pipeline, opt.gold, opt.limit);
  if (!r.ok()) {
    std::fprintf(stderr, "cronista eval events: %s\n", r.status().ToString().c_str());
    return kExitFatal;
  }
  std::string dicts = opt.dictionaries.empty() ? "cronista" : "";
  for (const auto& d : opt.dictionaries) dicts += (dicts.empty() ? "" : "+") + d;
  if (!opt.dictionaries.empty() && !opt.dictionaries_only) dicts = "cronista+" + dicts;
  if (opt.format == "json") {
    nlohmann::ordered_json j;
    j["gold"] = opt.gold;
    j["dictionaries"] = dicts;
    j["records"] = r->records;
    j["records_with_events"] = r->records_with_events;
    j["gold_tuples"] = r->gold_tuples;
    j["coded_tuples"] = r->coded_tuples;
    j["precision"] = r->precision();
    j["recall"] = r->recall();
    j["f1"] = r->f1();
    j["records_matched"] = r->records_matched;
    j["type_agreement"] = r->records_matched ? double(r->type_agree) / r->records_matched : 0.0;
    j["load_seconds"] = load;
    j["seconds"] = r->seconds;
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::printf(
        "%s with %s dictionaries: %zu records (%zu with events), loaded in %.2f s, coded in "
        "%.2f s\n"
        "  (source country, target country, root): precision %.3f (%zu/%zu), recall %.3f "
        "(%zu/%zu), F1 %.3f\n"
        "  PLOVER type agreement on matched records: %.3f (%zu/%zu)\n",
        opt.gold.c_str(), dicts.c_str(), r->records, r->records_with_events, load, r->seconds,
        r->precision(), r->correct_coded, r->coded_tuples, r->recall(), r->matched_gold,
        r->gold_tuples, r->f1(),
        r->records_matched ? double(r->type_agree) / r->records_matched : 0.0, r->type_agree,
        r->records_matched);
  }
  if (!opt.errors_path.empty()) {
    std::ofstream out(opt.errors_path);
    for (const auto& line : r->errors) out << line << "\n";
    if (!out) {
      std::fprintf(stderr, "cronista eval events: cannot write %s\n", opt.errors_path.c_str());
      return kExitFatal;
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterEval(CLI::App& app, int* exit_code) {
  CLI::App* eval_cmd =
      app.add_subcommand("eval", "Measure cronista against gold-standard data sets.");
  eval_cmd->require_subcommand(1);

  auto opt = std::make_shared<EvalNerOptions>();
  CLI::App* ner = eval_cmd->add_subcommand(
      "ner",
      "Entity recognition: exact-span precision, recall and F1 for PER, ORG and LOC\n"
      "(micro-averaged too) on KIND (Italian) and CoNLL-2003 (English) gold files.\n"
      "Scores are information: the exit status is 0 whatever they are. See docs/cli.md.");
  ner->add_option("--kind", opt->kind, "KIND gold file (token<TAB>BIO tag), coded as Italian")
      ->check(CLI::ExistingFile);
  ner->add_option("--conll", opt->conll, "CoNLL-2003 gold file (token POS chunk NE), as English")
      ->check(CLI::ExistingFile);
  ner->add_option("--data", opt->data_dir, "Data folder (default: $CRONISTA_DATA or built-in)");
  ner->add_option("--limit", opt->limit, "Evaluate only the first N documents of each file")
      ->check(CLI::NonNegativeNumber);
  ner->add_option("--errors", opt->errors_path,
                  "Write false positives and negatives with their context to FILE (TSV)");
  ner->add_option("--format", opt->format, "Report format: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  ner->callback([opt, exit_code] { *exit_code = RunEvalNer(*opt); });

  auto eopt = std::make_shared<EvalEventsOptions>();
  CLI::App* ev = eval_cmd->add_subcommand(
      "events",
      "Event coding: precision and recall of (source country, target country, root) on\n"
      "PLOVER gold records (PLOVER_GSR_CAMEO.json), and PLOVER type agreement. Scores are\n"
      "information: the exit status is 0 whatever they are. See docs/cli.md.");
  ev->add_option("--gold", eopt->gold, "PLOVER gold file (JSON array of records)")
      ->required()
      ->check(CLI::ExistingFile);
  ev->add_option("--data", eopt->data_dir, "Data folder (default: $CRONISTA_DATA or built-in)");
  ev->add_option("--dict", eopt->dictionaries, "Extra dictionaries (petrarch:DIR)");
  ev->add_flag("--dict-only", eopt->dictionaries_only,
               "Use only the --dict dictionaries for English actors and events");
  ev->add_option("--limit", eopt->limit, "Evaluate only the first N records")
      ->check(CLI::NonNegativeNumber);
  ev->add_option("--errors", eopt->errors_path,
                 "Write records with misses or wrong codes to FILE (TSV)");
  ev->add_option("--format", eopt->format, "Report format: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  ev->callback([eopt, exit_code] { *exit_code = RunEvalEvents(*eopt); });
}

}  // namespace cronista::cli
