// The Pipeline: language identification, segmentation and (in later stages)
// every annotator, run over one Document at a time.
//
// A Pipeline is immutable once created and may be used from many threads at
// once, each thread on its own Document.
#ifndef CRONISTA_PIPELINE_H_
#define CRONISTA_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "cronista/document.h"
#include "cronista/status.h"

namespace cronista {

struct PipelineOptions {
  // Folder holding common/ and one folder per language. Empty: search
  // $CRONISTA_DATA, then the installed and source-tree locations.
  std::string data_dir;
  // Language used when identification is unreliable and metadata gives none.
  std::string fallback_lang = "";
  // Extra dictionaries, as FORMAT:PATH. Supported: "petrarch:DIR", a folder
  // of PETRARCH/TABARI actor, agent and discard files and CAMEO*.txt verb
  // dictionaries, loaded for English.
  std::vector<std::string> dictionaries;
  // Use only the extra dictionaries for their language's actors (not
  // cronista's own people, phrases and roles).
  bool dictionaries_only = false;
  // Run the actor stage (mentions, entities). Off: text stages only.
  bool actors = true;
  // Run the event stage (needs actors): Document::events.
  bool events = true;
  // Fill each event's explanation (cronista code --explain).
  bool explain = false;
};

// The data folder: `requested` when given (it must hold common/), else the
// first of $CRONISTA_DATA, <bin>/../share/cronista/data, <bin>/../data, the
// install prefix and the source tree that holds common/.
Result<std::string> FindDataDir(const std::string& requested);

class Lexicon;

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);
  ~Pipeline();

  // Annotates `doc` in place. Returns non-OK only for a document that cannot
  // be processed at all; problems worth knowing go to doc->warnings.
  Status Process(Document* doc) const;

  // Languages with a data folder loaded.
  std::vector<std::string> languages() const;
  const std::string& data_dir() const { return data_dir_; }

 private:
  Pipeline() = default;
  std::string data_dir_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cronista

#endif  // CRONISTA_PIPELINE_H_
