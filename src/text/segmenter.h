// Sentence segmentation over tokens.
//
// ICU's sentence BreakIterator (run on the UTF-8 text through UText, wrapped
// with a FilteredBreakIterator that suppresses breaks after the language's
// abbreviations) proposes boundaries; they are moved to token boundaries and
// corrected with rules ICU lacks:
//   - paragraph breaks (blank lines) always end a sentence, and so does a line
//     break, unless the new line starts with a lower-case word and the line
//     before has no final punctuation (hard-wrapped text);
//   - no boundary after an abbreviation or initial token ("Mr.", "sen.",
//     "J."), except abbreviations marked may-end ("etc."); none before , ; :
//     ) ] }; none after ? or ! when a lower-case word follows;
//   - a boundary after "word." glued to a capitalised word ("fine.Poi");
//   - quotations: boundaries inside a quotation, or right after its closing
//     mark, are removed when the text after the closing mark continues the
//     sentence (a lower-case word, , ; : ( or a dash, or a speech cue such as
//     "said", "detto" possibly after capitalised words):
//       "Will you come?" he asked.            -> one sentence
//       “... assistenza”, le parole del capo  -> one sentence
//     A quotation that does not continue keeps its boundaries. Quotation
//     marks pair by family (« », “ ”, ‘ ’, straight "); unclosed ones pair
//     with nothing, and a pair spanning more than 1000 bytes or 3 boundaries
//     is ignored, so an unbalanced quote never swallows an article.
#ifndef CRONISTA_TEXT_SEGMENTER_H_
#define CRONISTA_TEXT_SEGMENTER_H_

#include <memory>

#include "cronista/document.h"
#include "cronista/status.h"
#include "text/text_rules.h"

namespace cronista {

class SentenceSegmenter {
 public:
  // Builds the ICU iterators for `rules.lang` and `rules`' abbreviations.
  // `rules` is copied from; it need not outlive the segmenter. Fails only
  // when ICU cannot build its iterator (missing ICU data).
  static Result<std::unique_ptr<SentenceSegmenter>> Create(const TextRules& rules);

  ~SentenceSegmenter();
  SentenceSegmenter(const SentenceSegmenter&) = delete;
  SentenceSegmenter& operator=(const SentenceSegmenter&) = delete;

  // Replaces doc->sentences with the sentences of doc->tokens (filled by
  // Tokenize()): consecutive token ranges covering every token once, in
  // order, each with the byte range from its first token's start to its last
  // token's end. Sets kTokSentenceStart on each sentence's first token and
  // kTokSentenceEnd on the punctuation that ends it (. ! ? …, or a final
  // abbreviation; the last such token before closing quotes and brackets),
  // if any: a headline has none. A document without tokens gets no
  // sentences.
  //
  // Thread-safe: may be called concurrently on distinct documents. Each
  // thread keeps its own clone of the ICU iterator, made on first use.
  void Segment(Document* doc) const;

 private:
  struct Impl;
  explicit SentenceSegmenter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cronista

#endif  // CRONISTA_TEXT_SEGMENTER_H_
