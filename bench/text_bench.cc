// Throughput of the pipeline so far (read + language id + normalise + segment
// + tokenise) over a corpus folder, on one core and on all cores. Prints the
// median of N runs. With --lang L every document is given language L as if by
// metadata, which measures read + normalise + segment + tokenise without
// language identification.
// With --actors the actor stage runs too; with --events the actor and event
// stages (the whole pipeline so far), reporting sentences/s per core as well.
// Usage: text_bench DIR [DIR...] [--runs N] [--lang L] [--actors] [--events]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "core/parallel.h"
#include "core/tune.h"
#include "cronista/pipeline.h"
#include "cronista/reader.h"

namespace {

using cronista::Document;
using cronista::DocumentSource;
using cronista::Pipeline;
using cronista::ReadItem;

struct Run {
  double seconds = 0;
  size_t docs = 0, bytes = 0, sentences = 0, tokens = 0, failed = 0, events = 0;
};

Run CodeAll(const Pipeline& p, const std::vector<std::string>& inputs, int threads,
            const std::string& lang) {
  Run r;
  auto source = DocumentSource::Open(inputs, cronista::ReaderOptions());
  if (!source.ok()) {
    std::fprintf(stderr, "text_bench: %s\n", source.status().ToString().c_str());
    std::exit(2);
  }
  auto t0 = std::chrono::steady_clock::now();
  cronista::RunOrdered<ReadItem>(
      threads, static_cast<size_t>(threads) * 8,
      [&](ReadItem* item) { return (*source)->Next(item); },
      [&](ReadItem& item) {
        if (!lang.empty()) {
          item.doc.meta.lang = lang;
          item.doc.meta.lang_from_meta = true;
        }
        if (item.status.ok()) item.status = p.Process(&item.doc);
      },
      [&](ReadItem& item) {
        if (!item.status.ok()) {
          ++r.failed;
          return;
        }
        ++r.docs;
        r.bytes += item.doc.text.size();
        r.sentences += item.doc.sentences.size();
        r.tokens += item.doc.tokens.size();
        r.events += item.doc.events.size();
      });
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  cronista::TuneAllocator();
  std::vector<std::string> inputs;
  int runs = 5;
  std::string lang;
  bool actors = false, events = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--actors") == 0) {
      actors = true;
    } else if (std::strcmp(argv[i], "--events") == 0) {
      actors = events = true;
    } else if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
      lang = argv[++i];
    } else {
      inputs.push_back(argv[i]);
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr,
                 "usage: text_bench DIR [DIR...] [--runs N] [--lang L] [--actors] [--events]\n");
    return 2;
  }
  cronista::PipelineOptions popt;
  popt.actors = actors;
  popt.events = events;
  auto pipeline = Pipeline::Create(popt);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "text_bench: %s\n", pipeline.status().ToString().c_str());
    return 3;
  }
  int cores = std::max(1u, std::thread::hardware_concurrency());
  CodeAll(**pipeline, inputs, cores, lang);  // warm the page cache
  for (int threads : {1, cores}) {
    std::vector<double> mbps, dps, sps;
    Run last;
    for (int i = 0; i < runs; ++i) {
      last = CodeAll(**pipeline, inputs, threads, lang);
      mbps.push_back(last.bytes / 1e6 / last.seconds);
      dps.push_back(last.docs / last.seconds);
      sps.push_back(last.sentences / last.seconds / threads);
    }
    std::printf(
        "%s, %d thread%s: %.1f MB/s, %.0f docs/s, %.0f sentences/s per core (median of %d; "
        "%zu docs, %.1f MB, %zu sentences, %zu tokens, %zu events, %zu failed)\n",
        events         ? "whole pipeline (text, actors, quotes, time, places, events, commitments)"
        : actors       ? "text + actors"
        : lang.empty() ? "read+langid+normalise+segment+tokenise"
                       : "read+normalise+segment+tokenise (lang given)",
        threads, threads == 1 ? "" : "s", Median(mbps), Median(dps), Median(sps), runs, last.docs,
        last.bytes / 1e6, last.sentences, last.tokens, last.events, last.failed);
    if (cores == 1) break;
  }
  return 0;
}
