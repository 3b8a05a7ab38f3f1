// The commitment tagger: records the obligations an agreement puts on its
// parties (who is bound to whom, to do what, on which condition) from the
// events the event coder found and the cue phrases of their sentences.
//
// Method (docs: the header of data/<lang>/commitments.txt):
//  1. Anchors. An event whose CAMEO code is listed as an anchor can carry a
//     commitment: the signing of an agreement (057, role `agreement`) or the
//     content of an obligation (0334 "promise to protect", 0332 "promise of
//     military aid", role `obligation`). Both its source and target must be
//     known countries or IGOs, and different; parties are country-level codes:
//     the first three letters of the actor code ("RUSGOV" -> "RUS"), or the
//     whole code of an IGO ("IGOWSTNAT").
//  2. Modality. A negated anchor never counts. A signing counts when asserted
//     or reported; a hypothetical signing counts only when the hypothesis is
//     the agreement's own content (a condition phrase after the trigger: "they
//     signed a pact to defend each other if attacked") and nothing marks the
//     signing itself as unreal (a speculative word before the trigger, "could
//     sign"; a conditional ending of the trigger, "firmerebbero"); a future
//     signing is not yet a commitment. An obligation counts when asserted or
//     reported, and when hypothetical or future only with a condition phrase in
//     the sentence: "si presterebbero reciproca assistenza in caso di
//     aggressione" is the conditional obligation itself, while "Russia might
//     send military aid" is speculation.
//  3. Cues. In the sentences that keep an anchor, the language's phrases are
//     matched: type cues ("patto di assistenza reciproca" defence, "trade
//     agreement" cooperation), condition phrases ("in caso di aggressione" ->
//     "armed attack on a party"), mutuality markers ("reciproca", "each
//     other"); a negator just before a type cue cancels it ("not a military
//     alliance"). Anchors that share parties in one sentence form one group
//     (a reciprocal signing gives two events); each cue belongs to the group
//     of the nearest anchor trigger.
//  4. Type. Of a group's candidates (type cues; the type a condition implies;
//     an anchor's default type, 0334 -> defence) the security types (defence,
//     offence, neutrality, non-aggression, consultation) win over cooperation
//     and partnership, then the strong cue over the weak, then the first.
//     A group without a candidate records nothing: an agreement whose content
//     the article does not describe binds nobody to anything we can name.
//  5. Mutuality. Mutual when a marker says so, when the parties co-sign (an
//     anchor in each direction) a type whose cue implies symmetry ("non-
//     aggression pact"), when each party takes the obligation (obligation
//     anchors both ways), or when the document shows each party taking it in
//     different sentences. Otherwise one-way: "X promised to defend Y" binds X;
//     the obliged party comes first in `parties`.
//  6. Merging. One commitment per (party set, type) per document: the
//     evidence of all sentences is merged (a headline and the body say the
//     same thing), keeping the first sentence with the strongest evidence (the
//     most facets among explicit type, condition, mutuality marker and
//     signing, then the strongest cue). A partnership between parties that
//     also have a security commitment is dropped: it names the treaty whose
//     clauses gave that commitment.
//  7. Date: the date of the agreement event (the first signing in the merged
//     evidence, else the chosen anchor) when set, else the article's date.
//
// Thread-safety: a loaded tagger is immutable; Tag() may run on many threads,
// each on its own Document.
#ifndef CRONISTA_COMMITMENTS_COMMITMENT_TAGGER_H_
#define CRONISTA_COMMITMENTS_COMMITMENT_TAGGER_H_

#include <memory>
#include <string>
#include <vector>

#include "cronista/document.h"
#include "cronista/status.h"

namespace cronista {

class CommitmentTagger {
 public:
  // An example sentence of the data file and what it must give:
  // "none", or "PARTY PARTY... TYPE mutual|one-way".
  struct Example {
    std::string rule;      // "it/commitments.txt:12"
    std::string sentence;  // the example text
    std::string expect;    // after "=>"
    // For a condition line: the condition the commitment must carry.
    std::string condition;
  };

  // Loads <lang_dir>/commitments.txt (the language is the folder's name) with
  // the language's tokeniser rules, and the country codes of
  // <lang_dir>/../common/countries.tsv. A language without commitments.txt
  // gives a tagger that records nothing; a malformed file is InvalidArgument
  // naming the file and line.
  static Result<std::unique_ptr<CommitmentTagger>> Load(const std::string& lang_dir);
  ~CommitmentTagger();

  // Fills doc->commitments (replacing what was there) from doc->events, the
  // tokens of their sentences and doc->meta.date. Requires tokens, sentences
  // and events.
  void Tag(Document* doc) const;

  // The example sentences of the data file, for tests.
  const std::vector<Example>& examples() const;
  // Number of cue phrases loaded (all kinds).
  size_t cue_count() const;

  struct Impl;  // defined in commitment_tagger.cc

 private:
  CommitmentTagger();
  std::unique_ptr<Impl> impl_;
};

}  // namespace cronista

#endif  // CRONISTA_COMMITMENTS_COMMITMENT_TAGGER_H_
