// Tokenisation: splits Document::text into tokens with byte offsets, flags
// and normalised forms.
//
// A hand-written UTF-8 scanner (ICU character properties, no regular
// expressions, no word BreakIterator). White space separates chunks; inside a
// chunk, words are runs of letters, digits and marks joined by connectors
// that do not break a word:
//   - a period between digits (1.500, 3.5), or between letters when the next
//     letter is lower case or the previous segment is a single letter
//     (Fanpage.it, dott.ssa, U.S.A, S.p.A); "fine.Poi" splits;
//   - a comma between digits (1,500, 3,5); a slash or colon between digits
//     (19/06/2024, 14:30);
//   - a hyphen (- ‐ ‑) between word characters (Jong-un, Sud-est, COVID-19),
//     flagged kTokHyphenated; a dash with spaces around is punctuation;
//   - an apostrophe (' ’ ‘ ʼ) between letters (O'Brien, rock'n'roll), unless
//     the rules split it: elision (l' + alleato, all’ + “ + operazione) or
//     English clitics (Putin + 's, do + n't);
//   - & between capitals (AT&T); a % right after digits ends the token (50%).
// A period right after a word stays in the token, flagged kTokAbbrev, when
// word + "." is an abbreviation of the language or the word is an initialism
// (J., U.S., e.g.). URLs (http://, https://, ftp://, www.), bare domains
// (Fanpage.it, example.com/path) and e-mail addresses are single tokens.
// Quotation marks are single tokens flagged open or close from the mark and
// its neighbours. Other punctuation is one token per character, except runs
// of . ! ? (..., ?!) and of - (--).
#ifndef CRONISTA_TEXT_TOKENIZER_H_
#define CRONISTA_TEXT_TOKENIZER_H_

#include "cronista/document.h"
#include "text/text_rules.h"

namespace cronista {

// Replaces doc->tokens with the tokens of doc->text (which is not modified):
// byte offsets into the text, norm = interned NormalizeToken() of the token's
// bytes (in doc->strings), lemma = norm, and the TokenFlag bits except
// kTokSentenceStart/kTokSentenceEnd (set by SentenceSegmenter). The first
// token is flagged space, newline and paragraph "before". Texts longer than
// 4 GiB are tokenised up to 4 GiB, with a warning.
// Thread-safe for distinct documents; `rules` is only read.
void Tokenize(const TextRules& rules, Document* doc);

}  // namespace cronista

#endif  // CRONISTA_TEXT_TOKENIZER_H_
