// `cronista dicts`: load dictionaries, report what they hold and how long
// loading and compiling took. A check for dictionary authors and for users
// bringing their own (PETRARCH) dictionaries.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cronista/pipeline.h"
#include "events/codebook.h"
#include "events/event_coder.h"
#include "events/event_patterns.h"
#include "lexicon/actor_lexicon.h"
#include "lexicon/cronista_dicts.h"
#include "lexicon/morphology.h"
#include "lexicon/petrarch_actors.h"
#include "lexicon/petrarch_verbs.h"
#include "text/text_rules.h"

namespace cronista::cli {

namespace {

struct DictsOptions {
  std::vector<std::string> langs = {"it", "en"};
  std::vector<std::string> dictionaries;
  std::string data_dir;
  bool notes = false;
};

double MsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int RunDicts(DictsOptions opt) {
  auto data_dir = FindDataDir(opt.data_dir);
  if (!data_dir.ok()) {
    std::fprintf(stderr, "cronista dicts: %s\n", data_dir.status().ToString().c_str());
    return kExitFatal;
  }
  opt.data_dir = *data_dir;
  auto countries = LoadCountries(opt.data_dir + "/common/countries.tsv");
  if (!countries.ok()) {
    std::fprintf(stderr, "cronista dicts: %s\n", countries.status().ToString().c_str());
    return kExitFatal;
  }
  for (const std::string& lang : opt.langs) {
    auto t0 = std::chrono::steady_clock::now();
    auto rules = LoadTextRules(opt.data_dir + "/" + lang, lang);
    DictionarySet dicts;
    Status st = rules.ok() ? LoadLanguageDictionaries(opt.data_dir, lang, *countries, &dicts)
                           : rules.status();
    auto grammar = LoadActorGrammar(opt.data_dir + "/" + lang + "/actor_grammar.txt");
    if (!st.ok() || !grammar.ok()) {
      std::fprintf(stderr, "cronista dicts: %s\n",
                   (!st.ok() ? st : grammar.status()).ToString().c_str());
      return kExitFatal;
    }
    size_t people = 0;
    for (const ActorSpec& a : dicts.actors) people += a.kind == MentionKind::kPerson;
    size_t actors = dicts.actors.size(), agents = dicts.agents.size();
    auto lex =
        ActorLexicon::Build(std::move(dicts), *rules, *countries, std::move(grammar).value());
    std::printf("%s: %zu actors (%zu people), %zu role words, %zu phrases compiled in %.0f ms\n",
                lang.c_str(), actors, people, agents, lex.ok() ? (*lex)->size() : 0, MsSince(t0));
    // Event patterns: parse, inflect every head and compile.
    auto t2 = std::chrono::steady_clock::now();
    std::vector<EventPattern> patterns;
    Status pst = LoadEventPatternDir(opt.data_dir + "/" + lang + "/events", lang, &patterns);
    auto morph = Morphology::Load(opt.data_dir, lang);
    auto book = Codebook::Load(opt.data_dir + "/common");
    if (!pst.ok() || !morph.ok() || !book.ok()) {
      std::fprintf(stderr, "cronista dicts: %s\n",
                   (!pst.ok()     ? pst
                    : !morph.ok() ? morph.status()
                                  : book.status())
                       .ToString()
                       .c_str());
      return kExitFatal;
    }
    size_t examples = 0;
    for (const EventPattern& p : patterns) examples += !p.example.empty();
    auto cg = LoadClauseGrammar(opt.data_dir + "/" + lang + "/clause_grammar.txt", *morph);
    if (!cg.ok()) {
      std::fprintf(stderr, "cronista dicts: %s\n", cg.status().ToString().c_str());
      return kExitFatal;
    }
    auto coder = EventCoder::Build(patterns, *morph, std::move(cg).value(),
                                   std::make_shared<const Codebook>(std::move(book).value()));
    if (!coder.ok()) {
      std::fprintf(stderr, "cronista dicts: %s\n", coder.status().ToString().c_str());
      return kExitFatal;
    }
    std::printf("%s: %zu event patterns (%zu with examples), %zu head forms, compiled in %.0f ms\n",
                lang.c_str(), patterns.size(), examples, (*coder)->head_form_count(), MsSince(t2));
  }
  for (const std::string& spec : opt.dictionaries) {
    if (spec.rfind("petrarch:", 0) != 0) {
      std::fprintf(stderr, "cronista dicts: unknown dictionary '%s' (supported: petrarch:DIR)\n",
                   spec.c_str());
      return kExitUsage;
    }
    auto t0 = std::chrono::steady_clock::now();
    DictionarySet dicts;
    PetrarchLoadStats stats;
    Status st = LoadPetrarchDirectory(spec.substr(9), &dicts, &stats);
    double load_ms = MsSince(t0);
    if (!st.ok()) {
      std::fprintf(stderr, "cronista dicts: %s\n", st.ToString().c_str());
      return kExitFatal;
    }
    auto rules = LoadTextRules(opt.data_dir + "/en", "en");
    auto t1 = std::chrono::steady_clock::now();
    auto lex = ActorLexicon::Build(std::move(dicts), *rules, *countries, ActorGrammar());
    std::printf(
        "%s: %zu files; %zu actors (%zu phrases, %zu dated codes), %zu agents (%zu phrases), "
        "%zu discards (%zu story-level); loaded in %.0f ms, compiled (%zu phrases) in %.0f ms; "
        "%zu repairs\n",
        spec.c_str(), stats.files, stats.actors, stats.actor_phrases, stats.dated_codes,
        stats.agents, stats.agent_phrases, stats.discards, stats.story_discards, load_ms,
        lex.ok() ? (*lex)->size() : 0, MsSince(t1), stats.notes.size());
    if (opt.notes) {
      for (const std::string& n : stats.notes) std::printf("  %s\n", n.c_str());
    }
    // Verb dictionaries (CAMEO*.txt).
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(spec.substr(9), ec)) {
      std::string name = entry.path().filename().string();
      if (name.rfind("CAMEO", 0) != 0 || entry.path().extension() != ".txt") continue;
      auto t3 = std::chrono::steady_clock::now();
      std::vector<EventPattern> patterns;
      PetrarchVerbStats vstats;
      Status vst = LoadPetrarchVerbs(entry.path().string(), &patterns, &vstats);
      if (!vst.ok()) {
        std::fprintf(stderr, "cronista dicts: %s\n", vst.ToString().c_str());
        return kExitFatal;
      }
      std::printf(
          "%s: %zu synonym sets, %zu verb blocks, %zu verbs, %zu patterns (%zu null); "
          "loaded in %.0f ms; %zu repairs\n",
          name.c_str(), vstats.synonym_sets, vstats.verb_blocks, vstats.verbs, patterns.size(),
          vstats.null_patterns, MsSince(t3), vstats.notes.size());
      if (opt.notes) {
        for (const std::string& n : vstats.notes) std::printf("  %s\n", n.c_str());
      }
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterDicts(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<DictsOptions>();
  CLI::App* cmd =
      app.add_subcommand("dicts", "Load the dictionaries and report their size and load time.");
  cmd->add_option("--lang", opt->langs, "Languages to load (default: it en)");
  cmd->add_option("--dict", opt->dictionaries, "Extra dictionaries, FORMAT:PATH (petrarch:DIR)");
  cmd->add_option("--data", opt->data_dir, "Data folder (default: as for code)");
  cmd->add_flag("--notes", opt->notes, "List every repair made while loading --dict files");
  cmd->callback([opt, exit_code] { *exit_code = RunDicts(*opt); });
}

}  // namespace cronista::cli
