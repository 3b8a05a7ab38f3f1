// The quote tagger: finds the direct quotations of a document and who said
// them.
//
// Quotations. Quotation marks come from the tokenizer (kTokOpenQuote,
// kTokCloseQuote). A closing mark closes the nearest open mark of its family
// (« », “ ” „ ‟, " , ‘ ’ ‚, '), so nested quotations stay inside the outer one,
// which alone is reported; two apostrophes in a row (''like this'') make one
// double mark. A quotation may cross sentences; it crosses a paragraph break
// when the next paragraph opens again with a mark of the same family (the
// newspaper convention for a quotation of several paragraphs). A mark left
// open at the end of its paragraph is dropped, and single marks, which double
// as apostrophes, pair only inside one sentence.
//
// Cues. data/<lang>/speech.txt lists cue verbs (every form from
// lexicon/morphology.h, optionally only some forms), cue phrases ("secondo",
// "according to", "le parole del") and the small closed classes the method
// reads (auxiliaries, prepositions, determiners, pronouns...). Cues inside a
// quotation never count.
//
// Attachment, in order of preference, for each quotation:
//   cue-after     a cue right after it, in the same sentence: "…", ha detto X;
//                 "…," X said; "…", le parole del capo del Cremlino; "…!" X
//                 shouted (not after a closing period: that ends the sentence;
//                 not past a subordinator: "…," when asked)
//   cue-before    a cue right before it: X said: "…"; ha assicurato che "…";
//                 definendo la Russia "…" (naming verbs take an object);
//                 secondo X, "…"; a cue that introduces the next quotation
//                 with "che", a colon or an object is that one's only
//   colon         no cue, a colon before it: Putin: "…"
//   cue-sentence  a cue elsewhere in its sentence (one with a speaker first):
//                 X said relations had become an "alliance"
//   cue-next      a cue opening the next sentence behind clitics and
//                 auxiliaries: "…". Lo ha detto Berlusconi
//   previous      a quotation with no cue that fills its sentences, or of
//                 four words or more in the sentence right after a quotation
//                 with a speaker, in its paragraph ("…," said X. Y "kind of
//                 misspoke…"): the speaker of the quotation or cue just before
//                 it (within two sentences and one paragraph break)
// A quotation of three words or fewer that is not attached by cue-after,
// cue-before, cue-next or colon is flagged `scare`; it keeps the speaker of a
// cue-sentence attachment ("alleanza", "senza esitare" in reported speech).
//
// Speakers of a cue, in order:
//   agent       a participle's agent: "as reported by X", "riferito da X"
//   clause      a gerund shares its sentence's subject: the speaker of an
//               earlier cue in the sentence, else its first person, role or
//               organisation outside quotations, prepositional phrases and
//               possessives ("Lo stesso Kim ha evidenziato…, definendo")
//   subject     the subject before the verb (after auxiliaries and adverbs),
//               back to the clause start: of "NAME, DESCRIPTION, said" the
//               first phrase, else the last; in it the mention that ends it
//               before any preposition; a person named in apposition wins
//               over a role or a nameless phrase (apposition: "l'ambasciatore
//               del Vietnam in Russia, Dang Minh Koi"); with no mention, the
//               words themselves ("a campaign spokesman")
//   pronoun     he/she/lui/lei resolved like a dropped subject, passing over
//               people of the other sex (speech.txt's female and male lists)
//   relative    "X, che ha detto" / "X, who said": X
//   clause      also: a verb right after another cue verb of its sentence
//               shares that one's speaker ("X went on to say")
//   inverted    the subject after the verb: right after a quotation ("…,"
//               said X), or, where subjects are dropped, a mention ("ha detto
//               Putin"); phrases starting with a preposition are skipped (the
//               addressee: "all'agenzia Vietnam News Agency"). In English also
//               after a comma elsewhere ("…will hurt farmers, said Unruh, a
//               lawyer"), when the subject is a short phrase ending the clause
//               or closed by a comma or "who", with no auxiliary, link word,
//               pronoun, place or date in it ("…, said the plan would fail"
//               has none)
//   object      a phrase's speaker: "secondo X", "le parole del X"
//   dropped     (pro-drop languages only) the last speaker: walking back up to
//               six sentences and two paragraph breaks, the first sentence
//               with a cue's speaker (a mention, or words that name a person:
//               capitalised words outside the closed classes, "Brafman", or a
//               phrase with a word of the female or male lists, "a
//               spokeswoman"), a name with no mention opening the sentence as
//               its subject ("Fiorina was upfront about…": capitalised words
//               followed by a lower-case word or a comma, written capitalised
//               inside some sentence of the document or carrying a title, and
//               no place or date), or a person or role outside quotations (its
//               first outside prepositional phrases), skipping sentences whose
//               subject is a pronoun ("lo ha definito", "Ha assicurato che").
//               Countries and organisations never stand for a dropped
//               subject.
// English never drops subjects: a subject that names no one gives no speaker.
//
// Each Quote records its cue's byte range (auxiliaries included: "ha detto";
// the colon for colon attachments; 0, 0 for none and previous) and a rule
// "ATTACHMENT:SPEAKER-SOURCE FILE:LINE" naming the cue's speech.txt entry,
// e.g. "cue-after:dropped it/speech.txt:61"; "colon:subject", "previous" and
// "none" have no entry; SPEAKER-SOURCE is "none" when the cue gives no one.
// speaker_name is the entity's canonical name, else the mention's words, else
// the words of a subject with no mention. speaker_start/end are the bytes of
// the words naming the speaker: the mention, else those words; for a pronoun
// or a dropped subject, its antecedent's (a pronoun left unresolved gives no
// speaker).
//
// Cost: one hash look-up per token outside quotations, and a few bounded
// scans around each quotation and cue; in a document with quotations, one
// sorted list of its capitalised words (for names opening a sentence) and a
// byte per token marking places and dates; no allocation per token.
#ifndef CRONISTA_QUOTES_QUOTE_TAGGER_H_
#define CRONISTA_QUOTES_QUOTE_TAGGER_H_

#include <memory>
#include <string>
#include <vector>

#include "cronista/document.h"
#include "cronista/status.h"
#include "lexicon/morphology.h"

namespace cronista {

class QuoteTagger {
 public:
  // Reads `lang_dir`/speech.txt (lang_dir is data/<lang>) and inflects its cue
  // verbs with `morph`, which must be the same language's. Errors name the
  // file and line.
  static Result<std::unique_ptr<QuoteTagger>> Load(const std::string& lang_dir,
                                                   const Morphology& morph);
  ~QuoteTagger();

  // Replaces doc->quotes with the document's direct quotations, in text
  // order. Requires tokens, sentences, mentions and entities (the actor
  // stage); without mentions, speakers are named by their words only.
  // Thread-safe: the tagger is only read.
  void Tag(Document* doc) const;

  // An example sentence of a cue entry, with the speaker it must yield
  // (speech.txt's EXAMPLE and SPEAKER fields), for the tests.
  struct Example {
    std::string source;   // "it/speech.txt:12"
    std::string text;     // the sentence
    std::string speaker;  // the expected speaker_name
  };
  const std::vector<Example>& examples() const;

  struct Tables;  // defined in quote_tagger.cc

 private:
  explicit QuoteTagger(std::unique_ptr<const Tables> tables);
  std::unique_ptr<const Tables> tables_;
};

}  // namespace cronista

#endif  // CRONISTA_QUOTES_QUOTE_TAGGER_H_
