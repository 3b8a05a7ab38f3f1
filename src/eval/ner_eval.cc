#include "eval/ner_eval.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

namespace cronista::eval {

namespace {

std::string_view KindName(MentionKind k) {
  switch (k) {
    case MentionKind::kPerson:
      return "PERSON";
    case MentionKind::kOrg:
      return "ORG";
    case MentionKind::kPlace:
      return "PLACE";
    case MentionKind::kCountry:
      return "COUNTRY";
    case MentionKind::kGroup:
      return "GROUP";
    case MentionKind::kRole:
      return "ROLE";
  }
  return "?";
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// One token of a gold file with its parsed tag.
struct RawToken {
  std::string text;
  char prefix = 'O';  // 'O', 'B' or 'I'
  NerType type = NerType::kPer;
};

struct RawSentence {
  std::vector<RawToken> tokens;
  size_t line = 0;
  bool after_docstart = false;  // a -DOCSTART- line came before it
};

// Splits a non-blank line into token and tag; false when malformed.
using SplitFn = bool (*)(std::string_view line, std::string_view* token, std::string_view* tag);

// "token<TAB>tag" (extra middle columns are ignored).
bool SplitKind(std::string_view line, std::string_view* token, std::string_view* tag) {
  size_t first = line.find('\t');
  if (first == std::string_view::npos) return false;
  *token = line.substr(0, first);
  *tag = Trim(line.substr(line.rfind('\t') + 1));
  return !Trim(*token).empty() && !tag->empty();
}

// "token POS chunk tag": the first and last of the blank-separated fields.
bool SplitConll(std::string_view line, std::string_view* token, std::string_view* tag) {
  line = Trim(line);
  size_t end = 0;
  while (end < line.size() && !IsBlank(line[end])) ++end;
  size_t begin = line.size();
  while (begin > 0 && !IsBlank(line[begin - 1])) --begin;
  if (end >= begin) return false;  // a single field
  *token = line.substr(0, end);
  *tag = line.substr(begin);
  return true;
}

bool ParseTag(std::string_view tag, RawToken* tok) {
  if (tag == "O") {
    tok->prefix = 'O';
    return true;
  }
  if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') return false;
  std::string_view type = tag.substr(2);
  if (type == "PER") {
    tok->type = NerType::kPer;
  } else if (type == "ORG") {
    tok->type = NerType::kOrg;
  } else if (type == "LOC") {
    tok->type = NerType::kLoc;
  } else if (type == "MISC") {
    tok->type = NerType::kMisc;
  } else {
    return false;
  }
  tok->prefix = tag[0];
  return true;
}

std::string Where(std::string_view origin, size_t line) {
  return std::string(origin) + ":" + std::to_string(line);
}

Status ReadSentences(std::istream& in, std::string_view origin, SplitFn split,
                     std::string_view expected, std::vector<RawSentence>* out) {
  std::string line;
  size_t lineno = 0;
  RawSentence cur;
  bool docstart = false;
  auto flush = [&] {
    if (!cur.tokens.empty()) out->push_back(std::move(cur));
    cur = RawSentence();
  };
  while (std::getline(in, line)) {
    ++lineno;
    std::string_view l = line;
    if (lineno == 1 && l.starts_with("\xEF\xBB\xBF")) l.remove_prefix(3);  // BOM
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (Trim(l).empty()) {
      flush();
      continue;
    }
    std::string_view token, tag;
    if (!split(l, &token, &tag)) {
      return Status::InvalidArgument(Where(origin, lineno) + ": expected " + std::string(expected) +
                                     ", got '" + std::string(l.substr(0, 80)) + "'");
    }
    if (token == "-DOCSTART-") {
      flush();
      docstart = true;
      continue;
    }
    RawToken tok;
    tok.text = token;
    if (!ParseTag(tag, &tok)) {
      return Status::InvalidArgument(Where(origin, lineno) + ": unknown tag '" + std::string(tag) +
                                     "' (expected O, B-X or I-X with X one of PER, ORG, LOC, "
                                     "MISC)");
    }
    if (cur.tokens.empty()) {
      cur.line = lineno;
      cur.after_docstart = docstart;
      docstart = false;
    }
    cur.tokens.push_back(std::move(tok));
  }
  if (in.bad()) return Status::IoError(std::string(origin) + ": read error");
  flush();
  if (out->empty()) return Status::InvalidArgument(std::string(origin) + ": no tokens");
  return Status::Ok();
}

// Appends a sentence to a document: text, tokens and entities (IOB1 or IOB2).
void AppendSentence(const RawSentence& s, GoldDocument* doc) {
  if (!doc->sentences.empty()) doc->text.push_back('\n');
  GoldSentence gs;
  gs.token_begin = static_cast<uint32_t>(doc->tokens.size());
  gs.line = s.line;
  bool open = false;
  GoldEntity entity;
  auto close = [&](uint32_t end) {
    if (!open) return;
    entity.token_end = end;
    doc->entities.push_back(entity);
    open = false;
  };
  bool glue = false;  // the previous token was an elision ("dell'"): no space after it
  for (const RawToken& t : s.tokens) {
    const uint32_t k = static_cast<uint32_t>(doc->tokens.size());
    if (k > gs.token_begin && !glue) doc->text.push_back(' ');
    // Italian elided articles and prepositions are written against the next
    // word in real text ("dell'Occidente"); the gold files split them.
    glue = t.text.size() >= 2 && t.text.back() == '\'' && t.text[0] >= 'a' && t.text[0] <= 'z' &&
           std::isalpha(static_cast<unsigned char>(t.text[t.text.size() - 2]));
    GoldToken gt;
    gt.start = static_cast<uint32_t>(doc->text.size());
    doc->text += t.text;
    gt.end = static_cast<uint32_t>(doc->text.size());
    doc->tokens.push_back(gt);
    if (t.prefix == 'O') {
      close(k);
    } else if (t.prefix == 'B' || !open || entity.type != t.type) {
      close(k);
      open = true;
      entity.token_begin = k;
      entity.type = t.type;
    }
  }
  gs.token_end = static_cast<uint32_t>(doc->tokens.size());
  close(gs.token_end);
  doc->sentences.push_back(gs);
}

// Groups sentences into documents at the sentences marked in `starts`.
Result<std::vector<GoldDocument>> BuildDocuments(const std::vector<RawSentence>& sentences,
                                                 const std::vector<bool>& starts,
                                                 std::string_view origin) {
  std::vector<GoldDocument> docs;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (docs.empty() || starts[i]) {
      docs.emplace_back();
      docs.back().id = std::string(origin) + "#" + std::to_string(docs.size());
      docs.back().origin = Where(origin, sentences[i].line);
    }
    AppendSentence(sentences[i], &docs.back());
    if (docs.back().text.size() > std::numeric_limits<uint32_t>::max() / 2) {
      return Status::ResourceExhausted(docs.back().origin + ": document too large (over 2 GB)");
    }
  }
  return docs;
}

// Whether a sentence ends like one (a headline or a section heading does not).
bool EndsWithFinalPunctuation(const RawSentence& s) {
  std::string_view last = s.tokens.back().text;
  static constexpr std::string_view kFinal[] = {"!", "?", "…", "\"", "»", "”",
                                                "’", "'", ")", ":",  ";"};
  if (last.ends_with('.')) return true;
  return std::find(std::begin(kFinal), std::end(kFinal), last) != std::end(kFinal);
}

// Whether the first letter of text[start, end) is upper (or title) case.
bool FirstLetterUpper(std::string_view text, uint32_t start, uint32_t end) {
  if (end > text.size() || start >= end) return false;
  const char* s = text.data();
  int32_t i = static_cast<int32_t>(start);
  const int32_t n = static_cast<int32_t>(end);
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    if (u_isalpha(c)) return u_isupper(c) || u_istitle(c);
  }
  return false;
}

bool Overlaps(uint32_t a_start, uint32_t a_end, uint32_t b_start, uint32_t b_end) {
  return a_start < b_end && b_start < a_end;
}

std::string Quoted(std::string_view text, uint32_t start, uint32_t end) {
  return "'" + std::string(text.substr(start, end - start)) + "'";
}

// Tabs and line breaks become spaces, so a value stays in its TSV cell.
std::string Cell(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// The sentence holding byte `pos`.
size_t SentenceAt(const GoldDocument& gold, uint32_t pos) {
  auto it = std::upper_bound(
      gold.sentences.begin(), gold.sentences.end(), pos,
      [&](uint32_t p, const GoldSentence& s) { return p < gold.tokens[s.token_begin].start; });
  return it == gold.sentences.begin() ? 0 : static_cast<size_t>(it - gold.sentences.begin() - 1);
}

}  // namespace

std::string_view NerTypeName(NerType t) {
  switch (t) {
    case NerType::kPer:
      return "PER";
    case NerType::kOrg:
      return "ORG";
    case NerType::kLoc:
      return "LOC";
    case NerType::kMisc:
      return "MISC";
  }
  return "?";
}

Result<std::vector<GoldDocument>> ReadKind(std::istream& in, std::string_view origin) {
  std::vector<RawSentence> sentences;
  CRONISTA_RETURN_IF_ERROR(ReadSentences(in, origin, SplitKind, "'token<TAB>tag'", &sentences));
  std::vector<bool> starts(sentences.size());
  bool marked = std::any_of(sentences.begin(), sentences.end(),
                            [](const RawSentence& s) { return s.after_docstart; });
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (marked) {
      starts[i] = sentences[i].after_docstart;
    } else {
      starts[i] = i > 0 && !EndsWithFinalPunctuation(sentences[i]) &&
                  EndsWithFinalPunctuation(sentences[i - 1]);
    }
  }
  return BuildDocuments(sentences, starts, origin);
}

Result<std::vector<GoldDocument>> ReadConll(std::istream& in, std::string_view origin) {
  std::vector<RawSentence> sentences;
  CRONISTA_RETURN_IF_ERROR(
      ReadSentences(in, origin, SplitConll, "'token POS chunk tag'", &sentences));
  std::vector<bool> starts(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) starts[i] = sentences[i].after_docstart;
  return BuildDocuments(sentences, starts, origin);
}

std::optional<NerType> ScoredType(const Document& doc, const Mention& m) {
  switch (m.kind) {
    case MentionKind::kPerson:
      return NerType::kPer;
    case MentionKind::kOrg:
    case MentionKind::kGroup:
      return NerType::kOrg;
    case MentionKind::kPlace:
      return NerType::kLoc;
    case MentionKind::kCountry:
      if (FirstLetterUpper(doc.text, m.start, m.end)) return NerType::kLoc;
      return std::nullopt;
    case MentionKind::kRole:
      return std::nullopt;
  }
  return std::nullopt;
}

std::vector<Prediction> PredictionsOf(const Document& doc, Unscored* unscored) {
  std::vector<Prediction> out;
  for (const Mention& m : doc.mentions) {
    std::optional<NerType> type = ScoredType(doc, m);
    if (!type) {
      if (unscored != nullptr) {
        ++(m.kind == MentionKind::kRole ? unscored->role : unscored->lower_country);
      }
      continue;
    }
    Prediction p;
    p.start = m.start;
    p.end = m.end;
    p.type = *type;
    p.kind = m.kind;
    p.rule = m.rule;
    out.push_back(std::move(p));
  }
  return out;
}

bool AlignSpan(const std::vector<GoldToken>& tokens, uint32_t start, uint32_t end,
               uint32_t* token_begin, uint32_t* token_end) {
  if (start >= end) return false;
  auto b = std::lower_bound(tokens.begin(), tokens.end(), start,
                            [](const GoldToken& t, uint32_t pos) { return t.start < pos; });
  if (b == tokens.end() || b->start != start) return false;
  auto e = std::lower_bound(b, tokens.end(), end,
                            [](const GoldToken& t, uint32_t pos) { return t.end < pos; });
  if (e == tokens.end() || e->end != end) return false;
  *token_begin = static_cast<uint32_t>(b - tokens.begin());
  *token_end = static_cast<uint32_t>(e - tokens.begin()) + 1;
  return true;
}

double NerCounts::precision() const {
  return predicted == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(predicted);
}

double NerCounts::recall() const {
  return gold == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(gold);
}

double NerCounts::f1() const {
  double p = precision(), r = recall();
  return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
}

NerCounts& NerCounts::operator+=(const NerCounts& o) {
  gold += o.gold;
  predicted += o.predicted;
  correct += o.correct;
  return *this;
}

NerCounts NerScores::micro() const {
  NerCounts sum;
  for (const NerCounts& c : by_type) sum += c;
  return sum;
}

void NerScores::Add(const NerScores& o) {
  for (size_t i = 0; i < kScoredTypes; ++i) by_type[i] += o.by_type[i];
  unscored.role += o.unscored.role;
  unscored.lower_country += o.unscored.lower_country;
  unscored.in_misc += o.unscored.in_misc;
  gold_misc += o.gold_misc;
}

void ScoreDocument(const GoldDocument& gold, const std::vector<Prediction>& predicted,
                   NerScores* scores, std::vector<NerError>* errors) {
  struct Span {
    uint32_t start, end;  // bytes
    NerType type;
  };
  // Gold entities by token span, and their byte spans.
  std::map<std::pair<uint32_t, uint32_t>, size_t> by_tokens;
  std::vector<Span> gold_spans;
  for (const GoldEntity& e : gold.entities) {
    if (e.token_begin >= e.token_end || e.token_end > gold.tokens.size()) continue;
    gold_spans.push_back(
        {gold.tokens[e.token_begin].start, gold.tokens[e.token_end - 1].end, e.type});
    if (e.type == NerType::kMisc) {
      ++scores->gold_misc;
      continue;
    }
    ++scores->by_type[static_cast<size_t>(e.type)].gold;
    by_tokens.emplace(std::make_pair(e.token_begin, e.token_end), gold_spans.size() - 1);
  }
  std::vector<bool> found(gold_spans.size(), false);
  std::vector<Span> scored;  // the predictions scored
  std::vector<NerError> errs;

  for (const Prediction& p : predicted) {
    bool in_misc = std::any_of(gold_spans.begin(), gold_spans.end(), [&](const Span& g) {
      return g.type == NerType::kMisc && g.start <= p.start && p.end <= g.end;
    });
    if (in_misc) {
      ++scores->unscored.in_misc;
      continue;
    }
    scored.push_back({p.start, p.end, p.type});
    NerCounts& counts = scores->by_type[static_cast<size_t>(p.type)];
    ++counts.predicted;
    uint32_t tb = 0, te = 0;
    const bool aligned = AlignSpan(gold.tokens, p.start, p.end, &tb, &te);
    std::string note;
    if (aligned) {
      auto it = by_tokens.find({tb, te});
      if (it != by_tokens.end()) {
        const Span& g = gold_spans[it->second];
        if (g.type == p.type && !found[it->second]) {
          ++counts.correct;
          found[it->second] = true;
          continue;
        }
        note =
            g.type == p.type ? "duplicate prediction" : "gold " + std::string(NerTypeName(g.type));
      }
    }
    if (note.empty()) {
      for (const Span& g : gold_spans) {
        if (Overlaps(g.start, g.end, p.start, p.end)) {
          note = "partial: gold " + std::string(NerTypeName(g.type)) + " " +
                 Quoted(gold.text, g.start, g.end);
          break;
        }
      }
    }
    if (note.empty()) note = aligned ? "no gold entity" : "not on gold token boundaries";
    if (errors != nullptr) {
      note += "; ";
      note += KindName(p.kind);
      if (!p.rule.empty()) note += " " + p.rule;
      errs.push_back({true, p.type, p.start, p.end, std::move(note)});
    }
  }

  if (errors == nullptr) return;
  for (size_t i = 0; i < gold_spans.size(); ++i) {
    const Span& g = gold_spans[i];
    if (found[i] || g.type == NerType::kMisc) continue;
    std::string note;
    for (const Span& s : scored) {
      if (s.start == g.start && s.end == g.end) {
        note = "predicted " + std::string(NerTypeName(s.type));
        break;
      }
    }
    if (note.empty()) {
      for (const Span& s : scored) {
        if (Overlaps(g.start, g.end, s.start, s.end)) {
          note = "partial: predicted " + std::string(NerTypeName(s.type)) + " " +
                 Quoted(gold.text, s.start, s.end);
          break;
        }
      }
    }
    if (note.empty()) note = "missed";
    errs.push_back({false, g.type, g.start, g.end, std::move(note)});
  }
  std::stable_sort(errs.begin(), errs.end(), [](const NerError& a, const NerError& b) {
    return std::tie(a.start, a.end, a.false_positive) < std::tie(b.start, b.end, b.false_positive);
  });
  for (NerError& e : errs) errors->push_back(std::move(e));
}

std::string FormatErrors(std::string_view corpus, const GoldDocument& gold,
                         const std::vector<NerError>& errors) {
  std::string out;
  if (gold.sentences.empty()) return out;
  for (const NerError& e : errors) {
    if (e.start >= e.end || e.end > gold.text.size()) continue;
    const size_t s0 = SentenceAt(gold, e.start), s1 = SentenceAt(gold, e.end - 1);
    const uint32_t cstart = gold.tokens[gold.sentences[s0].token_begin].start;
    const uint32_t cend = gold.tokens[gold.sentences[s1].token_end - 1].end;
    std::string_view text = gold.text;
    std::string context = std::string(text.substr(cstart, e.start - cstart)) + "[[" +
                          std::string(text.substr(e.start, e.end - e.start)) + "]]" +
                          std::string(text.substr(e.end, cend > e.end ? cend - e.end : 0));
    out += Cell(corpus);
    out += '\t';
    out += Cell(gold.id);
    out += '\t';
    out += std::to_string(gold.sentences[s0].line);
    out += '\t';
    out += e.false_positive ? "FP" : "FN";
    out += '\t';
    out += NerTypeName(e.type);
    out += '\t';
    out += Cell(text.substr(e.start, e.end - e.start));
    out += '\t';
    out += Cell(e.note);
    out += '\t';
    out += Cell(context);
    out += '\n';
  }
  return out;
}

Document MakeDocument(const GoldDocument& gold, std::string_view lang) {
  Document doc;
  doc.text = gold.text;
  doc.meta.id = gold.id;
  doc.meta.origin = gold.origin;
  doc.meta.lang = lang;
  doc.meta.lang_confidence = 1.0;
  doc.meta.lang_from_meta = true;
  return doc;
}

NerResult EvaluateNer(const Pipeline& pipeline, const std::vector<GoldDocument>& docs,
                      std::string_view corpus, std::string_view lang,
                      const NerEvalOptions& options) {
  NerResult result;
  const auto t0 = std::chrono::steady_clock::now();
  const size_t n = options.limit > 0 ? std::min(options.limit, docs.size()) : docs.size();
  std::vector<NerError> errors;
  for (size_t i = 0; i < n; ++i) {
    const GoldDocument& gold = docs[i];
    ++result.documents;
    result.sentences += gold.sentences.size();
    result.tokens += gold.tokens.size();
    Document doc = MakeDocument(gold, lang);
    Status st = pipeline.Process(&doc);
    std::vector<Prediction> predicted;
    if (st.ok()) {
      predicted = PredictionsOf(doc, &result.scores.unscored);
    } else {
      if (result.failed++ == 0) result.first_failure = gold.origin + ": " + st.ToString();
    }
    errors.clear();
    ScoreDocument(gold, predicted, &result.scores, options.errors ? &errors : nullptr);
    if (options.errors) result.errors += FormatErrors(corpus, gold, errors);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace cronista::eval
