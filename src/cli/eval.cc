// `cronista eval ner|events|quotes|time`: figures on gold data sets (KIND,
// CoNLL-2003, PLOVER, PolNeAR, TimeBank). Scores are information, not
// pass/fail: the exit status says whether the evaluation could run.
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
#include "eval/quote_eval.h"
#include "eval/time_eval.h"

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

// Options of `cronista eval quotes` and `cronista eval time`.
struct EvalGoldOptions {
  std::string gold;  // folder
  std::string data_dir;
  size_t limit = 0;
  std::string errors_path;
  std::string format = "table";
};

// Writes `header` and `rows` (one a line) to `path`; false on failure.
bool WriteErrorRows(const std::string& path, std::string_view header,
                    const std::vector<std::string>& rows) {
  std::ofstream out(path, std::ios::binary);
  out << header << "\n";
  for (const std::string& row : rows) out << row << "\n";
  out.close();
  return static_cast<bool>(out);
}

nlohmann::ordered_json SpanCountsJson(const eval::SpanCounts& c) {
  nlohmann::ordered_json j;
  j["gold"] = c.gold;
  j["gold_found"] = c.gold_found;
  j["predicted"] = c.predicted;
  j["predicted_correct"] = c.predicted_correct;
  j["precision"] = c.precision();
  j["recall"] = c.recall();
  j["f1"] = c.f1();
  return j;
}

std::string SpanRow(std::string_view name, const eval::SpanCounts& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "    %-14s %6zu %6zu %6zu %8zu %10.3f %7.3f %6.3f\n",
                std::string(name).c_str(), c.gold, c.gold_found, c.predicted, c.predicted_correct,
                c.precision(), c.recall(), c.f1());
  return buf;
}

double Share(size_t n, size_t d) { return d ? double(n) / d : 0.0; }

// The Pipeline for an evaluation, or null after reporting why; *seconds gets
// the load time.
std::unique_ptr<Pipeline> EvalPipeline(const char* command, const std::string& data_dir,
                                       double* seconds) {
  PipelineOptions popt;
  popt.data_dir = data_dir;
  const auto t0 = std::chrono::steady_clock::now();
  auto pipeline = Pipeline::Create(popt);
  *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!pipeline.ok()) {
    std::fprintf(stderr, "cronista eval %s: %s\n", command, pipeline.status().ToString().c_str());
    return nullptr;
  }
  return std::move(pipeline).value();
}

// Reports what an evaluation could not use, writes the errors file and
// returns the exit status.
int FinishEval(const char* command, const EvalGoldOptions& opt,
               const std::vector<std::string>& bad_files, std::string_view header,
               const std::vector<std::string>& rows) {
  for (const std::string& b : bad_files) {
    std::fprintf(stderr, "cronista eval %s: skipped %s\n", command, b.c_str());
  }
  if (!opt.errors_path.empty()) {
    if (!WriteErrorRows(opt.errors_path, header, rows)) {
      std::fprintf(stderr, "cronista eval %s: cannot write %s\n", command, opt.errors_path.c_str());
      return kExitFatal;
    }
    std::fprintf(stderr, "cronista eval %s: %zu errors written to %s\n", command, rows.size(),
                 opt.errors_path.c_str());
  }
  return bad_files.empty() ? kExitOk : kExitSomeFailed;
}

int RunEvalQuotes(const EvalGoldOptions& opt) {
  double load = 0;
  auto pipeline = EvalPipeline("quotes", opt.data_dir, &load);
  if (!pipeline) return kExitFatal;
  auto r = eval::EvaluateQuotes(*pipeline, opt.gold, opt.limit);
  if (!r.ok()) {
    std::fprintf(stderr, "cronista eval quotes: %s\n", r.status().ToString().c_str());
    return r.status().code() == StatusCode::kNotFound ? kExitUsage : kExitFatal;
  }
  if (opt.format == "json") {
    nlohmann::ordered_json j;
    j["gold"] = opt.gold;
    j["documents"] = r->documents;
    j["extra_annotations"] = r->extra_annotations;
    j["bad_files"] = r->bad_files.size();
    j["failed"] = r->failed;
    j["attributions"] = r->attributions;
    j["quoted_attributions"] = r->quoted_attributions;
    j["quoted_attributions_found"] = r->quoted_attributions_found;
    j["single_quotes"] = r->single_quotes;
    j["unclosed_quotes"] = r->unclosed_quotes;
    j["exact"] = SpanCountsJson(r->exact);
    j["overlap"] = SpanCountsJson(r->overlap);
    j["not_scored"] = {{"scare", r->scare},
                       {"scare_on_gold", r->scare_on_gold},
                       {"in_other_content", r->in_other_content}};
    j["speaker"] = {
        {"scored", r->speaker_scored},       {"correct", r->speaker_correct},
        {"accuracy", r->speaker_accuracy()}, {"unknown", r->speaker_unknown},
        {"pronoun", r->speaker_pronoun},     {"pronoun_correct", r->speaker_pronoun_correct},
        {"no_source", r->no_source},         {"first_person_source", r->first_person_source}};
    j["load_seconds"] = load;
    j["seconds"] = r->seconds;
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::string out;
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "%s: %zu articles (%zu further annotators' files not scored), %zu attributions, "
                  "%zu quoted; loaded in %.2f s, coded and scored in %.2f s\n"
                  "  gold quotes: %zu passages inside quotation marks (%zu in single marks, %zu "
                  "cut by the end of their content)\n",
                  opt.gold.c_str(), r->documents, r->extra_annotations, r->attributions,
                  r->quoted_attributions, load, r->seconds, r->exact.gold, r->single_quotes,
                  r->unclosed_quotes);
    out += buf;
    out += "  quote detection    gold  found   pred  correct  precision  recall     F1\n";
    out += SpanRow("exact", r->exact);
    out += SpanRow("overlap", r->overlap);
    std::snprintf(
        buf, sizeof buf,
        "  quoted attributions with a quote found (overlap): %.3f (%zu/%zu)\n"
        "  speaker accuracy on found quotes: %.3f (%zu/%zu); pronoun sources %.3f (%zu/%zu); no "
        "speaker given: %zu\n"
        "  not scored: %zu scare quotes (%zu on gold quotes), %zu predictions inside other "
        "attributions' content, %zu found quotes without source, %zu with a first-person source\n",
        Share(r->quoted_attributions_found, r->quoted_attributions), r->quoted_attributions_found,
        r->quoted_attributions, r->speaker_accuracy(), r->speaker_correct, r->speaker_scored,
        Share(r->speaker_pronoun_correct, r->speaker_pronoun), r->speaker_pronoun_correct,
        r->speaker_pronoun, r->speaker_unknown, r->scare, r->scare_on_gold, r->in_other_content,
        r->no_source, r->first_person_source);
    out += buf;
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return FinishEval("quotes", opt, r->bad_files, eval::kQuoteErrorsHeader, r->errors);
}

int RunEvalTime(const EvalGoldOptions& opt) {
  double load = 0;
  auto pipeline = EvalPipeline("time", opt.data_dir, &load);
  if (!pipeline) return kExitFatal;
  auto r = eval::EvaluateTimes(*pipeline, opt.gold, opt.limit);
  if (!r.ok()) {
    std::fprintf(stderr, "cronista eval time: %s\n", r.status().ToString().c_str());
    return r.status().code() == StatusCode::kNotFound ? kExitUsage : kExitFatal;
  }
  constexpr TimeType kTimeTypes[] = {TimeType::kDate, TimeType::kTime, TimeType::kDuration,
                                     TimeType::kSet};
  if (opt.format == "json") {
    nlohmann::ordered_json j;
    j["gold"] = opt.gold;
    j["documents"] = r->documents;
    j["no_dct"] = r->no_dct;
    j["bad_files"] = r->bad_files.size();
    j["failed"] = r->failed;
    j["strict"] = SpanCountsJson(r->strict);
    j["relaxed"] = SpanCountsJson(r->relaxed);
    j["type_accuracy"] = r->type_accuracy();
    j["value_accuracy"] = r->value_accuracy();
    nlohmann::ordered_json types;
    for (TimeType t : kTimeTypes) {
      const size_t k = static_cast<size_t>(t);
      types[std::string(TimeTypeName(t))] = {{"gold", r->gold_by_type[k]},
                                             {"found", r->found_by_type[k]}};
    }
    j["types"] = std::move(types);
    j["other_type"] = r->other_type;
    j["empty_timexes"] = r->empty_timexes;
    j["load_seconds"] = load;
    j["seconds"] = r->seconds;
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::string out;
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "%s: %zu documents (%zu without a creation time), %zu TIMEX3; loaded in %.2f s, "
                  "coded and scored in %.2f s\n",
                  opt.gold.c_str(), r->documents, r->no_dct, r->strict.gold, load, r->seconds);
    out += buf;
    out += "  TIMEX3 detection   gold  found   pred  correct  precision  recall     F1\n";
    out += SpanRow("strict", r->strict);
    out += SpanRow("relaxed", r->relaxed);
    std::snprintf(buf, sizeof buf,
                  "  on relaxed matches: type accuracy %.3f (%zu/%zu), value accuracy %.3f "
                  "(%zu/%zu)\n  relaxed recall by type:",
                  r->type_accuracy(), r->type_correct, r->relaxed.gold_found, r->value_accuracy(),
                  r->value_correct, r->relaxed.gold_found);
    out += buf;
    for (TimeType t : kTimeTypes) {
      const size_t k = static_cast<size_t>(t);
      std::snprintf(buf, sizeof buf, " %s %.3f (%zu/%zu)", std::string(TimeTypeName(t)).c_str(),
                    Share(r->found_by_type[k], r->gold_by_type[k]), r->found_by_type[k],
                    r->gold_by_type[k]);
      out += buf;
    }
    out += "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return FinishEval("time", opt, r->bad_files, eval::kTimeErrorsHeader, r->errors);
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

  auto qopt = std::make_shared<EvalGoldOptions>();
  CLI::App* quotes = eval_cmd->add_subcommand(
      "quotes",
      "Quotations: detection precision, recall and F1 (exact and overlapping spans) and\n"
      "speaker accuracy on PolNeAR (attributions whose content starts with a quotation\n"
      "mark). Scores are information: the exit status is 0 whatever they are. See\n"
      "docs/cli.md.");
  quotes->add_option("--gold", qopt->gold, "PolNeAR folder holding text/ and attributions/")
      ->required()
      ->check(CLI::ExistingDirectory);
  quotes->add_option("--data", qopt->data_dir, "Data folder (default: $CRONISTA_DATA or built-in)");
  quotes->add_option("--limit", qopt->limit, "Evaluate only the first N articles")
      ->check(CLI::NonNegativeNumber);
  quotes->add_option("--errors", qopt->errors_path,
                     "Write missed, spurious, misplaced quotes and wrong speakers to FILE (TSV)");
  quotes->add_option("--format", qopt->format, "Report format: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  quotes->callback([qopt, exit_code] { *exit_code = RunEvalQuotes(*qopt); });

  auto topt = std::make_shared<EvalGoldOptions>();
  CLI::App* time = eval_cmd->add_subcommand(
      "time",
      "Temporal expressions: TIMEX3 detection precision, recall and F1 (strict and\n"
      "relaxed spans), type and value accuracy on TimeML files (TimeBank), each document\n"
      "dated by its creation time. Scores are information: the exit status is 0 whatever\n"
      "they are. See docs/cli.md.");
  time->add_option("--gold", topt->gold, "Folder of TimeML files (*.tml)")
      ->required()
      ->check(CLI::ExistingDirectory);
  time->add_option("--data", topt->data_dir, "Data folder (default: $CRONISTA_DATA or built-in)");
  time->add_option("--limit", topt->limit, "Evaluate only the first N files")
      ->check(CLI::NonNegativeNumber);
  time->add_option("--errors", topt->errors_path,
                   "Write missed and spurious expressions, wrong types and values to FILE (TSV)");
  time->add_option("--format", topt->format, "Report format: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  time->callback([topt, exit_code] { *exit_code = RunEvalTime(*topt); });
}

}  // namespace cronista::cli
