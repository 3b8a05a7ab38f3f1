// Actor stage figures: time to load and compile every dictionary of a
// language, and actor-tagging throughput (matching, role phrases,
// coreference) over already tokenised documents, one core, median of N runs.
// Usage: actors_bench LANG DIR [--runs N] [--data DATA_DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "actors/actor_tagger.h"
#include "core/tune.h"
#include "cronista/reader.h"
#include "lexicon/actor_lexicon.h"
#include "lexicon/cronista_dicts.h"
#include "text/segmenter.h"
#include "text/text_rules.h"
#include "text/tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  cronista::TuneAllocator();
  if (argc < 3) {
    std::fprintf(stderr, "usage: actors_bench LANG DIR [--runs N] [--data DATA_DIR]\n");
    return 2;
  }
  std::string lang = argv[1], corpus = argv[2];
  std::string data = CRONISTA_SOURCE_DATA_DIR;
  int runs = 5;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--data") == 0) data = argv[i + 1];
  }
  auto rules = cronista::LoadTextRules(data + "/" + lang, lang);
  auto countries = cronista::LoadCountries(data + "/common/countries.tsv");
  if (!rules.ok() || !countries.ok()) {
    std::fprintf(stderr, "actors_bench: cannot load data from %s\n", data.c_str());
    return 3;
  }

  std::vector<double> load_ms;
  std::unique_ptr<cronista::ActorLexicon> lexicon;
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    cronista::DictionarySet dicts;
    cronista::Status st = cronista::LoadLanguageDictionaries(data, lang, *countries, &dicts);
    auto grammar = cronista::LoadActorGrammar(data + "/" + lang + "/actor_grammar.txt");
    if (!st.ok() || !grammar.ok()) {
      std::fprintf(stderr, "actors_bench: %s\n", st.ToString().c_str());
      return 3;
    }
    auto lex = cronista::ActorLexicon::Build(std::move(dicts), *rules, *countries,
                                             std::move(grammar).value());
    load_ms.push_back(Seconds(t0) * 1000);
    lexicon = std::move(lex).value();
  }
  std::printf("actors %s: load + compile every dictionary: %.0f ms (median of %d; %zu phrases)\n",
              lang.c_str(), Median(load_ms), runs, lexicon->size());

  // Tokenise the corpus once; then time tagging alone.
  auto segmenter = cronista::SentenceSegmenter::Create(*rules);
  auto source = cronista::DocumentSource::Open({corpus}, {});
  if (!segmenter.ok() || !source.ok()) return 3;
  std::vector<cronista::Document> docs;
  cronista::ReadItem item;
  size_t bytes = 0;
  while ((*source)->Next(&item)) {
    if (item.status.ok()) {
      cronista::Tokenize(*rules, &item.doc);
      (*segmenter)->Segment(&item.doc);
      bytes += item.doc.text.size();
      docs.push_back(std::move(item.doc));
    }
    item = cronista::ReadItem();
  }
  std::vector<double> mbps;
  size_t mentions = 0;
  for (int r = 0; r < runs; ++r) {
    mentions = 0;
    auto t0 = Clock::now();
    for (auto& d : docs) {
      cronista::TagActors(*lexicon, &d);
      mentions += d.mentions.size();
    }
    mbps.push_back(bytes / 1e6 / Seconds(t0));
  }
  std::printf(
      "actors %s: tagging %.1f MB/s on one core (median of %d; %zu docs, %.1f MB, %zu "
      "mentions)\n",
      lang.c_str(), Median(mbps), runs, docs.size(), bytes / 1e6, mentions);
  return 0;
}
