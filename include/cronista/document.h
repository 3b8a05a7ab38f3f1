// The Document: one article and everything cronista learns about it.
//
// A Document owns its text and flat vectors of annotations. Annotations refer
// to the text by byte offsets and to each other by index, never by pointer, so
// a Document can be copied, moved across threads, serialised and compared as
// plain data. Offsets always point into `text`, which holds the article's bytes
// exactly as read (after UTF-8 repair, see warnings); normalised forms live in
// tokens, never in place of the original.
#ifndef CRONISTA_DOCUMENT_H_
#define CRONISTA_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/strings.h"

namespace cronista {

enum class DatePrecision : uint8_t { kNone = 0, kYear, kMonth, kDay, kTime };

// "none", "year", "month", "day", "time".
std::string_view DatePrecisionName(DatePrecision p);

// A calendar date known to some precision: 2024, 2024-06, 2024-06-19 or
// 2024-06-19T14:30:00. Fields below the precision are zero.
struct PartialDate {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  DatePrecision precision = DatePrecision::kNone;

  bool known() const { return precision != DatePrecision::kNone; }
  // ISO 8601 truncated to the precision ("2024-06"); empty when unknown.
  std::string ToString() const;
  // Parses ISO-like dates: "2024", "2024-06", "2024/06/19", "2024-06-19",
  // "2024-06-19T14:30", "2024-06-19 14:30:05", "2024-06-19T14:30:05Z",
  // "20240619". Returns nullopt for anything else or an impossible date.
  static std::optional<PartialDate> Parse(std::string_view s);
};

struct DocumentMeta {
  std::string id;      // stable identifier (input id, else derived from path)
  std::string origin;  // where it came from: "path", "path:line", "-:line"
  // Byte offset of `Document::text` inside the source (header lines of a
  // plain-text file come before it); 0 when the text is the whole source or an
  // extracted field (JSON Lines, HTML).
  size_t body_offset = 0;
  std::string url;
  std::string title;
  std::string source;            // publisher / outlet, when known
  std::string section;           // e.g. "video suggerito" from a header line
  PartialDate date;              // publication date
  std::string lang;              // ISO 639-1 code, "" when unknown
  double lang_confidence = 0.0;  // 0..1; 1.0 when given by metadata
  bool lang_from_meta = false;
  // Unknown input fields (JSON Lines), kept verbatim as one JSON object text,
  // passed through to output. Empty when none.
  std::string extra_json;
};

// Bit flags of a Token.
enum TokenFlag : uint32_t {
  kTokWord = 1u << 0,             // contains a letter
  kTokCapitalised = 1u << 1,      // first letter upper case
  kTokAllCaps = 1u << 2,          // every letter upper case (and at least two)
  kTokNumber = 1u << 3,           // digits, with separators: 1.500, 3,5, 2024
  kTokPunct = 1u << 4,            // punctuation or symbol
  kTokQuote = 1u << 5,            // a quotation mark
  kTokOpenQuote = 1u << 6,        // quotation mark opening a quote
  kTokCloseQuote = 1u << 7,       // quotation mark closing a quote
  kTokSpaceBefore = 1u << 8,      // preceded by white space (or start of text)
  kTokNewlineBefore = 1u << 9,    // preceded by a line break
  kTokParagraphStart = 1u << 10,  // preceded by a blank line (or start)
  kTokSentenceStart = 1u << 11,
  kTokHyphenated = 1u << 12,  // word-internal hyphen: Kim Jong-un's "Jong-un"
  kTokElision = 1u << 13,     // Italian elided article/preposition: "l'", "dell'"
  kTokClitic = 1u << 14,      // English clitic: "'s", "n't"
  kTokAbbrev = 1u << 15,      // abbreviation with its period: "Mr.", "U.S."
  kTokUrl = 1u << 16,
  kTokEmail = 1u << 17,
  kTokDate = 1u << 18,         // numeric date: 19/6, 19/06/2024, 2024-06-19
  kTokPercent = 1u << 19,      // 50%, 3,5%
  kTokTime = 1u << 20,         // 14:30
  kTokSentenceEnd = 1u << 21,  // . ! ? … ending a sentence
};

struct Token {
  uint32_t start = 0;   // byte offset into Document::text
  uint32_t length = 0;  // bytes
  // Normalised form: NFC, case-folded, typographic quotes/apostrophes/dashes
  // folded to ASCII (’ → ', “ ” « » → ", – — → -). Interned in
  // Document::strings.
  StrId norm = kNoStr;
  // Lemma; equal to norm until a morphology component sets it.
  StrId lemma = kNoStr;
  uint32_t flags = 0;

  uint32_t end() const { return start + length; }
  bool has(TokenFlag f) const { return (flags & f) != 0; }
};

struct Sentence {
  uint32_t token_begin = 0, token_end = 0;  // [begin, end) into tokens
  uint32_t start = 0, end = 0;              // byte range into text
};

// What a mention names.
enum class MentionKind : uint8_t {
  kPerson = 0,  // a person: "Vladimir Putin", "Putin", "Dang Minh Koi"
  kOrg,         // an organisation, party, agency, media outlet
  kPlace,       // a city or other place: "Pyongyang" (capitals also name countries)
  kCountry,     // a country, region or bloc, its name or demonym: "Russia", "russo"
  kGroup,       // an armed or militant group: "Hamas"
  kRole,        // a role phrase: "il presidente russo", "the North Korean leader"
};

// "PERSON", "ORG", "PLACE", "COUNTRY", "GROUP", "ROLE".
std::string_view MentionKindName(MentionKind k);

// A span of text that names an actor.
struct Mention {
  uint32_t token_begin = 0, token_end = 0;  // [begin, end) into tokens
  uint32_t start = 0, end = 0;              // byte range into text
  MentionKind kind = MentionKind::kPerson;
  std::string actor;    // CAMEO actor code valid at the article's date; "" when none
  int32_t entity = -1;  // index into Document::entities; -1 when none
  std::string rule;     // the dictionary entry ("data/it/actors.tsv:12") or heuristic
};

// One real-world actor, shared by all its mentions in the document.
struct Entity {
  std::string id;    // stable: a dictionary id ("putin_vladimir", "RUS") or "name:<text>"
  std::string name;  // canonical name
  MentionKind kind = MentionKind::kPerson;
  std::string actor;  // CAMEO code at the article's date; "" when none
};

// A direct quotation and who said it.
struct Quote {
  uint32_t start = 0, end = 0;  // byte range of the quoted words, inside the marks
  // Three words or fewer and not introduced by a cue of its own (after, before,
  // next sentence, colon); it may still carry the speaker of a cue elsewhere in
  // its sentence.
  bool scare = false;
  uint32_t cue_start = 0, cue_end = 0;  // the cue ("ha detto", "said", "secondo"); 0, 0 if none
  int32_t speaker_mention = -1;         // index into Document::mentions; -1 when none
  int32_t speaker_entity = -1;          // index into Document::entities; -1 when none
  std::string speaker_name;             // the speaker as named ("" when unknown)
  std::string speaker_actor;            // CAMEO actor code of the speaker ("" when none)
  std::string rule;                     // how it was attributed: "ATTACHMENT:SOURCE FILE:LINE"
  // The speaker as written: the bytes of its mention, else of the name or noun
  // phrase naming it with no mention ("Brafman", "a spokesman"); for a pronoun
  // (or a dropped subject), those of its antecedent. 0, 0 when none.
  uint32_t speaker_start = 0, speaker_end = 0;
};

// TIMEX3 types.
enum class TimeType : uint8_t { kDate = 0, kTime, kDuration, kSet };

// "DATE", "TIME", "DURATION", "SET".
std::string_view TimeTypeName(TimeType t);

// A temporal expression, normalised to a TIMEX3 value.
struct TimeExpr {
  uint32_t start = 0, end = 0;  // byte range
  TimeType type = TimeType::kDate;
  // TIMEX3 value: "2024-06-19", "2024-W25", "2024-06", "P3D", "XXXX-XX-XXT10:00",
  // "PRESENT_REF"; "" when it cannot be normalised.
  std::string value;
  DatePrecision precision = DatePrecision::kNone;  // for DATE and TIME values
  std::string rule;                                // the rule that matched ("data/it/time.txt:12")
};

// A place mention resolved in the gazetteer.
struct Place {
  uint32_t start = 0, end = 0;  // byte range
  int32_t mention = -1;         // index into Document::mentions; -1 when none
  std::string name;             // gazetteer name ("Pyongyang")
  std::string id;               // stable gazetteer id ("geonames:1871859", "iso:PRK")
  std::string country;          // ISO 3166 alpha-3 ("PRK")
  std::string kind;             // "country", "admin1", "city"
  double lat = 0.0, lon = 0.0;
};

// An obligation an agreement puts on its parties.
struct Commitment {
  std::vector<std::string> parties;  // CAMEO actor codes, country level ("RUS", "PRK")
  // ATOP categories: "defence", "offence", "neutrality", "non-aggression",
  // "consultation"; or "cooperation" / "partnership".
  std::string type;
  std::string condition;  // e.g. "armed attack on a party"; "" when unconditional
  bool mutual = false;
  PartialDate date;       // when signed (the event's date)
  uint32_t sentence = 0;  // index into Document::sentences
  int32_t event = -1;     // the agreement event (index into Document::events); -1 when none
  std::string rule;
};

// How an event is stated.
enum class Modality : uint8_t {
  kAsserted = 0,  // stated as fact
  kNegated,       // "non ha mai condannato", "did not attack"
  kHypothetical,  // conditional: "si presterebbero assistenza", "if attacked"
  kFuture,        // announced or planned: "will meet", "sono previsti colloqui"
  kReported,      // a claim attributed to someone: "ha detto che", "according to"
};

// "asserted", "negated", "hypothetical", "future", "reported".
std::string_view ModalityName(Modality m);

// One side of an event: the actor code and the mention that gave it.
struct EventActor {
  std::string actor;     // CAMEO actor code ("RUSGOV")
  int32_t mention = -1;  // index into Document::mentions; -1 when none
};

// Who did what to whom, coded in CAMEO.
struct Event {
  EventActor source, target;
  std::string code;  // CAMEO event code ("057")
  std::string root;  // its root ("05")
  int quad = 0;      // QuadClass 1..4
  double goldstein = 0.0;
  std::string plover;  // PLOVER event type ("AGREE")
  Modality modality = Modality::kAsserted;
  bool background = false;                      // a past event mentioned in passing
  uint32_t sentence = 0;                        // index into Document::sentences
  uint32_t trigger_start = 0, trigger_end = 0;  // byte range of the trigger word
  std::string rule;                             // the pattern that fired ("it/events/01-05.txt:12")
  // When it happened: the time expression governing its clause, else the
  // article's date; `time` indexes Document::times, -1 when none gave it.
  PartialDate date;
  int32_t time = -1;
  int32_t place = -1;  // index into Document::places; -1 when none
  // The clause analysis behind the event, in words (cronista code --explain).
  std::string explanation;
};

struct Warning {
  std::string code;     // stable machine-readable code, e.g. "invalid_utf8"
  std::string message;  // for people
};

class Document {
 public:
  std::string text;
  DocumentMeta meta;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<Mention> mentions;  // in text order, not overlapping
  std::vector<Entity> entities;
  std::vector<Event> events;  // in sentence order
  std::vector<Quote> quotes;  // in text order
  std::vector<TimeExpr> times;
  std::vector<Place> places;
  std::vector<Commitment> commitments;
  std::vector<Warning> warnings;
  // Strings behind token norms and lemmas.
  StringStore strings;

  std::string_view TokenText(const Token& t) const {
    return std::string_view(text).substr(t.start, t.length);
  }
  std::string_view TokenNorm(const Token& t) const { return strings.Lookup(t.norm); }
  std::string_view SentenceText(const Sentence& s) const {
    return std::string_view(text).substr(s.start, s.end - s.start);
  }
  void AddWarning(std::string code, std::string message) {
    warnings.push_back({std::move(code), std::move(message)});
  }
};

}  // namespace cronista

#endif  // CRONISTA_DOCUMENT_H_
