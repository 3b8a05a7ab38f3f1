// Loader for the PETRARCH CAMEO verb dictionary (CAMEO.2.0.txt) into
// EventPatterns (events/event_patterns.h). Conventions follow the actor
// loader (lexicon/petrarch_actors.h): errors name the file and line
// ("…/CAMEO.2.0.txt:12: unterminated '('"), repairs and skipped items are
// recorded as notes ("CAMEO.2.0.txt:8443: ..."), and `*out` is appended to,
// never cleared (on error it may hold the patterns of the blocks before the
// faulty line).
//
// The file
// --------
//   &NAME            a synonym set; its members follow as `+WORD` lines
//   +WORD_WORD       (a member of several words joined by '_'; a trailing '_'
//                    is dropped). Sets may be defined anywhere in the file.
//   ---  NAME  [CODE]  ---        a verb block; CODE is the block's default
//   VERB [CODE]                   a verb of the block, with optional own code
//   VERB {FORM FORM ...} [CODE]   ... and its irregular forms
//   +VERB_WORD {+FORM_WORD ...}   a multi-word verb: '+' marks the verb word
//   - BEFORE * AFTER [CODE]       a pattern of the block; '*' is the verb
//   ~ ...                         a transformation: skipped (one note)
//   # ...                         a comment, anywhere on a line
//
// The mapping
// -----------
// * Verbs. A verb line gives a head: its verb word, lower case, as a lemma in
//   `heads` ("HURRY {HURRIES HURRYING HURRIED}" -> heads {"hurry"}, head_forms
//   {"hurries", "hurrying", "hurried"}). "VERB {}" (no other forms) puts the
//   word in `head_forms` only, with no lemma, so it is not inflected.
//   Multi-word verbs keep their other words as adjacent elements:
//   "+ASK_FOR {+ASKED_FOR +ASKING_FOR}" -> heads {"ask"}, head_forms {"asked",
//   "asking"}, `after` starting with kWords {{"for"}} adjacent=true. Words
//   before the '+' word ("RE_+ASSURE") become the last `before` element. When
//   the forms of one verb differ in their other words ("+WIRE_TAP
//   {+WIRE_TAPS}"), each distinct tail gets its own EventPattern, with the
//   lemma in the one whose tail matches the verb line.
// * Patterns attach to the block (PETRARCH keys them by the block's meaning),
//   so every pattern line applies to every verb of the block, wherever the
//   verb line stands in it. Verbs that share the same extra words (all
//   single-word verbs; "ask for" and "search for") share one EventPattern:
//   heads and head_forms are the union over those verbs. So a pattern line
//   yields one EventPattern, plus one per further tail of multi-word verbs.
// * Head-only patterns (no elements): one for each verb line with its own
//   code (rule = the verb line), and, when the block's default code is not
//   "---", one for the verbs of the block without an own code (rule = the
//   block header). A "---" default adds nothing: it is the same as no pattern.
// * Pattern elements, in text order; those left of `*` go to `before`, those
//   right of it to `after`:
//     WORD         kWords, one alternative {"word"}
//     A/B          kWords {{"a"}, {"b"}} (the real file uses it; noted)
//     A_B          kWords {{"a", "b"}}: consecutive words
//     &SET         kWords, one alternative per member ({"prime", "minister"});
//                  a set name is the longest defined prefix of an '_' chain,
//                  so "&FIGHT_GAMES" without such a set is &FIGHT then "games"
//     {A B &SET}   one kWords element whose alternatives are the consecutive
//                  sequences ({"a","b",member} for every member)
//     (A B C)      a prepositional group: its elements in order, none adjacent
//                  (determiners and adjectives may intervene, as in PETRARCH's
//                  match of the preposition's object noun phrase)
//     +            kTarget
//     $            kSource
//     ^            kGap
//     %            mutual = true, and an actor slot where it stands: kSource
//                  left of `*` (the compound subject), kTarget right of it
//     *_WORD       the element right after the verb has adjacent = true
//     WORD_*       the element right before the verb has adjacent = true
//   `adjacent` in `before` means "immediately before the next element, or the
//   verb for the last one"; in `after`, "immediately after the previous
//   element, or the verb for the first one".
// * Codes: "[057]" -> code "057"; "[042:043]" -> code "042", paired "043";
//   "[---]" -> code "---" (a null pattern); "[:173]" -> code "" and paired
//   "173" (no event from the source, only the target's paired event). Codes
//   stay strings with their leading zeros. Odd codes are kept and noted
//   (lengths other than 2-4 digits; "[080!]" is read as "080").
// * rule = "<file name>:<line>", e.g. "CAMEO.2.0.txt:3631".
//
// Tolerated, with a note: text after a code, TABARI ';' comments on verb
// lines, a ')' with no '(' (the whole blank-separated token is dropped:
// "(WITH VISIT) VISIT)" -> "(WITH VISIT)"), a pattern that uses an undefined
// synonym set (skipped: it cannot match), empty sets, verbs listed in more
// than one block (all kept). Errors: unterminated or mismatched brackets, a
// pattern with no or two `*`, a missing or unreadable code, patterns or verbs
// before any verb block.
#ifndef CRONISTA_LEXICON_PETRARCH_VERBS_H_
#define CRONISTA_LEXICON_PETRARCH_VERBS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "cronista/status.h"
#include "events/event_patterns.h"

namespace cronista {

// What a load read. Counts add up over calls that share one stats object.
struct PetrarchVerbStats {
  size_t synonym_sets = 0;   // `&NAME` sets defined
  size_t verb_blocks = 0;    // `---  NAME  [CODE]  ---` headers
  size_t verbs = 0;          // verb lines (single- and multi-word)
  size_t patterns = 0;       // EventPatterns appended (pattern lines and head-only)
  size_t null_patterns = 0;  // of which with code "---"
  // One line per repair or skipped item: "CAMEO.2.0.txt:8443: undefined
  // synonym set &WEATHER; pattern skipped".
  std::vector<std::string> notes;
};

// Appends one EventPattern per pattern line and one per verb line that
// carries its own code (head-only pattern; a block's default code applies to
// every verb of the block with no own code), plus the extra EventPatterns for
// multi-word verbs described above.
Status LoadPetrarchVerbs(const std::string& path, std::vector<EventPattern>* out,
                         PetrarchVerbStats* stats = nullptr);

}  // namespace cronista

#endif  // CRONISTA_LEXICON_PETRARCH_VERBS_H_
