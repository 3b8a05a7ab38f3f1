#include "lexicon/petrarch_verbs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <system_error>
#include <utility>

#include "lexicon/petrarch_source.h"

namespace cronista {

namespace {

namespace fs = std::filesystem;

using Alternatives = std::vector<std::vector<std::string>>;
using Kind = PatternElement::Kind;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Pieces of `s` between any of the characters in `seps`, empty pieces dropped.
std::vector<std::string_view> Split(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find_first_of(seps, i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

template <typename T>
void AddUnique(std::vector<T>* v, const T& x) {
  if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}

// Every sequence of `a` followed by every sequence of `b`.
Alternatives Product(Alternatives a, const Alternatives& b) {
  if (a.size() == 1 && a.front().empty()) return b;
  if (b.size() == 1) {
    for (auto& x : a) x.insert(x.end(), b.front().begin(), b.front().end());
    return a;
  }
  Alternatives out;
  out.reserve(a.size() * b.size());
  for (const auto& x : a) {
    for (const auto& y : b) {
      std::vector<std::string> seq;
      seq.reserve(x.size() + y.size());
      seq.insert(seq.end(), x.begin(), x.end());
      seq.insert(seq.end(), y.begin(), y.end());
      out.push_back(std::move(seq));
    }
  }
  return out;
}

// The dictionary file in memory, split into lines (without line ends).
using SourceFile = PetrarchSource;

void AddNote(PetrarchVerbStats* stats, std::string note) {
  if (stats != nullptr) stats->notes.push_back(std::move(note));
}

Status ReadSource(const std::string& path, SourceFile* f, PetrarchVerbStats* stats) {
  return ReadPetrarchSource(path, f, stats ? &stats->notes : nullptr);
}

// The line without its comment: '#' starts a comment anywhere on a line.
std::string_view Body(std::string_view line) { return Trim(line.substr(0, line.find('#'))); }

// --- Codes -------------------------------------------------------------------

struct Code {
  std::string code;    // "057", "---", or "" when only a paired code is given
  std::string paired;  // "" or "043"
};

// One side of a code: "057", "---" or (when `may_be_empty`) "". Returns ""
// or what is wrong; a repair goes to `*note`.
std::string ReadCode(std::string_view s, bool may_be_empty, std::string* out, std::string* note) {
  s = Trim(s);
  if (s == "---") {
    *out = "---";
    return "";
  }
  if (s.empty()) {
    if (may_be_empty) return "";
    return "empty code";
  }
  size_t n = 0;
  while (n < s.size() && IsDigit(s[n])) ++n;
  if (n == 0) return "bad code '" + std::string(s) + "' (expected digits or ---)";
  *out = std::string(s.substr(0, n));
  if (n < s.size()) {
    *note = "code '" + std::string(s) + "' read as '" + *out + "'";
  } else if (n < 2 || n > 4) {
    *note = "unusual code '" + *out + "' kept";
  }
  return "";
}

// The inside of a "[...]" group: "057", "042:043", ":173", "---".
std::string ParseCode(std::string_view inner, Code* code, std::vector<std::string>* notes) {
  std::string note;
  const size_t colon = inner.find(':');
  std::string e;
  if (colon == std::string_view::npos) {
    e = ReadCode(inner, false, &code->code, &note);
  } else {
    std::string_view paired = inner.substr(colon + 1);
    if (paired.find(':') != std::string_view::npos) {
      return "bad code '[" + std::string(inner) + "]'";
    }
    e = ReadCode(inner.substr(0, colon), true, &code->code, &note);
    if (e.empty()) {
      std::string note2;
      e = ReadCode(paired, false, &code->paired, &note2);
      if (note.empty()) note = std::move(note2);
    }
  }
  if (!e.empty()) return e + " in '[" + std::string(inner) + "]'";
  if (!note.empty()) notes->push_back(std::move(note));
  return "";
}

// A line body split at its "[...]" code group.
struct CodeSplit {
  std::string_view text;  // before the '['
  bool has_code = false;
  std::string_view code;  // inside the brackets
  std::string_view rest;  // after the ']', trimmed
};

std::string SplitCode(std::string_view body, CodeSplit* s) {
  const size_t open = body.find('[');
  if (open == std::string_view::npos) {
    s->text = body;
    return "";
  }
  const size_t close = body.find(']', open);
  const size_t reopen = body.find('[', open + 1);
  if (close == std::string_view::npos || reopen < close) return "missing ']'";
  s->text = body.substr(0, open);
  s->has_code = true;
  s->code = body.substr(open + 1, close - open - 1);
  s->rest = Trim(body.substr(close + 1));
  return "";
}

// --- Verbs -------------------------------------------------------------------

// The words around the verb word of a multi-word verb.
struct Tail {
  std::vector<std::string> pre, post;
  bool operator==(const Tail&) const = default;
};

// Heads that share one tail.
struct HeadGroup {
  Tail tail;
  std::vector<std::string> heads, forms;
};

struct Verb {
  size_t line = 0;
  bool own_code = false;
  Code code;
  std::vector<HeadGroup> groups;  // one per distinct tail; the verb line's first
};

struct VerbWords {
  std::string verb;
  Tail tail;
};

bool HasSpecial(std::string_view s) { return s.find_first_of("()[]{}*&$%^") != s.npos; }

// "+ASK_FOR" -> verb "ask", post {"for"}; "RE_+ASSURE" -> pre {"re"}, verb
// "assure"; "HURRY" -> "hurry". Without a '+', the first word is the verb.
std::string ParseVerbWords(std::string_view spec, VerbWords* out) {
  if (HasSpecial(spec)) return "unexpected character in verb '" + std::string(spec) + "'";
  std::vector<std::string_view> parts = Split(spec, "_");
  size_t verb = parts.size();
  for (size_t k = 0; k < parts.size(); ++k) {
    if (parts[k][0] != '+') continue;
    if (verb != parts.size()) return "two '+' in verb '" + std::string(spec) + "'";
    verb = k;
    parts[k].remove_prefix(1);
  }
  if (verb == parts.size()) verb = 0;
  if (parts.empty() || parts[verb].empty()) return "empty verb '" + std::string(spec) + "'";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k != verb && (parts[k].empty() || parts[k].find('+') != std::string_view::npos)) {
      return "bad verb '" + std::string(spec) + "'";
    }
    if (k < verb) out->tail.pre.push_back(AsciiLower(parts[k]));
    if (k > verb) out->tail.post.push_back(AsciiLower(parts[k]));
  }
  if (parts[verb].find('+') != std::string_view::npos) {
    return "bad verb '" + std::string(spec) + "'";
  }
  out->verb = AsciiLower(parts[verb]);
  return "";
}

HeadGroup* GroupFor(std::vector<HeadGroup>* groups, const Tail& tail) {
  for (HeadGroup& g : *groups) {
    if (g.tail == tail) return &g;
  }
  groups->push_back(HeadGroup{tail, {}, {}});
  return &groups->back();
}

// Heads of `verbs` merged by tail, in order of first appearance; a form equal
// to a head of its group is dropped.
template <typename Filter>
std::vector<HeadGroup> MergeGroups(const std::vector<Verb>& verbs, Filter keep) {
  std::vector<HeadGroup> out;
  for (const Verb& v : verbs) {
    if (!keep(v)) continue;
    for (const HeadGroup& g : v.groups) {
      HeadGroup* m = GroupFor(&out, g.tail);
      for (const std::string& h : g.heads) AddUnique(&m->heads, h);
      for (const std::string& s : g.forms) AddUnique(&m->forms, s);
    }
  }
  for (HeadGroup& g : out) {
    std::erase_if(g.forms, [&](const std::string& s) {
      return std::find(g.heads.begin(), g.heads.end(), s) != g.heads.end();
    });
  }
  return out;
}

// --- Patterns ----------------------------------------------------------------

struct PatternLine {
  size_t line = 0;
  Code code;
  std::vector<PatternElement> before, after;
  bool mutual = false;
};

struct Block {
  bool open = false;
  size_t line = 0;
  Code code;
  std::vector<Verb> verbs;
  std::vector<PatternLine> patterns;
};

PatternElement Words(Alternatives alternatives, bool adjacent) {
  PatternElement e;
  e.kind = Kind::kWords;
  e.alternatives = std::move(alternatives);
  e.adjacent = adjacent;
  return e;
}

PatternElement Slot(Kind kind) {
  PatternElement e;
  e.kind = kind;
  return e;
}

class Loader {
 public:
  Loader(const SourceFile& f, std::vector<EventPattern>* out, PetrarchVerbStats* stats)
      : f_(f), out_(out), stats_(stats) {}

  Status Run() {
    std::vector<bool> is_set(f_.lines.size(), false);
    if (Status s = ReadSets(&is_set); !s.ok()) return s;
    size_t transformations = 0, first_transformation = 0;
    for (size_t i = 0; i < f_.lines.size(); ++i) {
      if (is_set[i]) continue;
      const std::string_view body = Body(f_.lines[i]);
      if (body.empty()) continue;
      Status s;
      if (body.starts_with("---")) {
        s = Header(i, body);
      } else if (body[0] == '-') {
        s = Pattern(i, body.substr(1));
      } else if (body[0] == '~') {
        if (transformations++ == 0) first_transformation = i;
      } else {
        s = VerbLine(i, body);
      }
      if (!s.ok()) return s;
    }
    Finish();
    if (transformations > 0) {
      Note(first_transformation,
           std::to_string(transformations) + " transformation line(s) ('~') ignored");
    }
    return Status::Ok();
  }

 private:
  Status Error(size_t i, const std::string& message) const {
    return Status::InvalidArgument(f_.Where(i) + message);
  }
  void Note(size_t i, const std::string& message) { AddNote(stats_, f_.Rule(i) + ": " + message); }
  // Adds to a counter of the stats, if any.
  void Count(size_t PetrarchVerbStats::*field) {
    if (stats_ != nullptr) ++(stats_->*field);
  }
  // Notes from a helper that does not know the line.
  void Notes(size_t i, std::vector<std::string>* pending) {
    for (const std::string& n : *pending) Note(i, n);
    pending->clear();
  }

  // Synonym sets: a `&NAME` line and the `+MEMBER` lines that follow it (blank
  // and comment lines may come between). Any other line ends the set.
  Status ReadSets(std::vector<bool>* is_set) {
    Alternatives* set = nullptr;
    size_t set_line = 0;
    auto close = [&] {
      if (set != nullptr && set->empty()) Note(set_line, "empty synonym set");
      set = nullptr;
    };
    for (size_t i = 0; i < f_.lines.size(); ++i) {
      const std::string_view body = Body(f_.lines[i]);
      if (body.empty()) continue;
      if (body[0] == '&') {
        close();
        size_t end = 0;
        while (end < body.size() && !IsBlank(body[end])) ++end;
        std::string_view name = body.substr(1, end - 1);
        while (name.ends_with('_')) name.remove_suffix(1);
        if (name.empty() || HasSpecial(name) || name.find('+') != std::string_view::npos) {
          return Error(i, "bad synonym set name '" + std::string(body.substr(0, end)) + "'");
        }
        if (end < body.size()) {
          Note(i, "text after the set name ignored: '" + std::string(Trim(body.substr(end))) + "'");
        }
        auto [it, added] = sets_.emplace(AsciiUpper(name), Alternatives());
        if (!added) return Error(i, "synonym set &" + std::string(name) + " defined twice");
        set = &it->second;
        set_line = i;
        Count(&PetrarchVerbStats::synonym_sets);
        (*is_set)[i] = true;
      } else if (body[0] == '+' && set != nullptr) {
        (*is_set)[i] = true;
        std::string_view member = body.substr(1);
        if (HasSpecial(member)) {
          return Error(i, "unexpected character in set member '" + std::string(body) + "'");
        }
        std::vector<std::string> words;
        for (std::string_view w : Split(member, "_ \t")) words.push_back(AsciiLower(w));
        if (words.empty()) return Error(i, "empty set member");
        AddUnique(set, words);
      } else {
        close();
      }
    }
    close();
    return Status::Ok();
  }

  Status Header(size_t i, std::string_view body) {
    Finish();
    CodeSplit cs;
    if (std::string e = SplitCode(body, &cs); !e.empty()) return Error(i, e);
    std::string_view name = cs.text;
    while (!name.empty() && (name[0] == '-' || IsBlank(name[0]))) name.remove_prefix(1);
    name = Trim(name);
    if (name.empty()) return Error(i, "verb block without a name");
    block_ = Block();
    block_.open = true;
    block_.line = i;
    Count(&PetrarchVerbStats::verb_blocks);
    if (!cs.has_code) {
      Note(i, "verb block without a code; default '---'");
      block_.code.code = "---";
    } else {
      std::vector<std::string> pending;
      if (std::string e = ParseCode(cs.code, &block_.code, &pending); !e.empty()) {
        return Error(i, e);
      }
      Notes(i, &pending);
    }
    if (cs.rest.find_first_not_of("- \t") != std::string_view::npos) {
      Note(i, "text after the code ignored: '" + std::string(cs.rest) + "'");
    }
    return Status::Ok();
  }

  Status VerbLine(size_t i, std::string_view body) {
    if (!block_.open) {
      return Error(i, body[0] == '+' ? "'+' line outside a synonym set or verb block"
                                     : "verb before any verb block");
    }
    CodeSplit cs;
    if (std::string e = SplitCode(body, &cs); !e.empty()) return Error(i, e);
    Verb v;
    v.line = i;
    if (cs.has_code) {
      std::vector<std::string> pending;
      if (std::string e = ParseCode(cs.code, &v.code, &pending); !e.empty()) return Error(i, e);
      Notes(i, &pending);
      v.own_code = true;
      if (!cs.rest.empty()) Note(i, "text after the code ignored: '" + std::string(cs.rest) + "'");
    }
    std::string_view text = Trim(cs.text);
    if (size_t semi = text.find(';'); semi != std::string_view::npos) {
      Note(i, "text after ';' ignored: '" + std::string(Trim(text.substr(semi))) + "'");
      text = Trim(text.substr(0, semi));
    }
    const size_t brace = text.find('{');
    const std::string_view spec = Trim(text.substr(0, brace));
    if (spec.empty()) return Error(i, "missing verb");
    if (spec.find_first_of(" \t") != std::string_view::npos) {
      return Error(i, "unexpected text after the verb in '" + std::string(spec) + "'");
    }
    VerbWords words;
    if (std::string e = ParseVerbWords(spec, &words); !e.empty()) return Error(i, e);
    bool literal_only = false;
    std::vector<std::string_view> forms;
    if (brace != std::string_view::npos) {
      const size_t close = text.find('}', brace);
      if (close == std::string_view::npos) return Error(i, "unterminated '{'");
      if (!Trim(text.substr(close + 1)).empty()) {
        return Error(
            i, "unexpected text after '}': '" + std::string(Trim(text.substr(close + 1))) + "'");
      }
      forms = Split(text.substr(brace + 1, close - brace - 1), " \t,");
      literal_only = forms.empty();
    }
    HeadGroup* main = GroupFor(&v.groups, words.tail);
    (literal_only ? main->forms : main->heads).push_back(words.verb);
    for (std::string_view form : forms) {
      VerbWords fw;
      if (std::string e = ParseVerbWords(form, &fw); !e.empty()) return Error(i, e);
      HeadGroup* g = GroupFor(&v.groups, fw.tail);
      if (std::find(g->heads.begin(), g->heads.end(), fw.verb) == g->heads.end()) {
        AddUnique(&g->forms, fw.verb);
      }
    }
    // Verbs listed in several blocks are kept in each; say so.
    std::string key = words.verb;
    for (const std::string& w : words.tail.pre) key = w + " " + key;
    for (const std::string& w : words.tail.post) key += " " + w;
    auto [it, added] = seen_.emplace(key, std::make_pair(block_.line, i));
    if (!added && it->second.first != block_.line) {
      Note(i, "verb '" + key + "' also in the block at line " +
                  std::to_string(it->second.first + 1) + "; both kept");
    }
    block_.verbs.push_back(std::move(v));
    Count(&PetrarchVerbStats::verbs);
    return Status::Ok();
  }

  // The alternatives of one blank-separated word: '_' joins consecutive
  // words, '&' names a set, '/' separates alternatives. Sets `*undefined`
  // (and returns "") for an undefined set.
  std::string WordAlternatives(std::string_view word, Alternatives* out, std::string* undefined,
                               bool* slash) {
    const std::vector<std::string_view> parts = Split(word, "_");
    *out = Alternatives(1);
    for (size_t k = 0; k < parts.size();) {
      std::string_view p = parts[k];
      if (p.find_first_of("*+$%^") != std::string_view::npos) {
        return "unexpected character in '" + std::string(word) + "'";
      }
      if (p[0] == '&') {
        // The longest chain of parts that names a set.
        std::string name = AsciiUpper(p.substr(1));
        if (name.empty() || name.find('&') != std::string::npos) {
          return "bad set name in '" + std::string(word) + "'";
        }
        const Alternatives* members = nullptr;
        size_t used = k;
        for (size_t j = k; j < parts.size(); ++j) {
          if (j > k) name += "_" + AsciiUpper(parts[j]);
          auto it = sets_.find(name);
          if (it != sets_.end()) {
            members = &it->second;
            used = j;
          }
        }
        if (members == nullptr) {
          if (undefined->empty()) undefined->assign("&" + std::string(p.substr(1)));
          return "";
        }
        *out = Product(std::move(*out), *members);
        k = used + 1;
        continue;
      }
      if (p.find('&') != std::string_view::npos) {
        return "unexpected '&' in '" + std::string(word) + "'";
      }
      Alternatives alts;
      if (p.find('/') != std::string_view::npos) {
        *slash = true;
        for (std::string_view a : Split(p, "/")) alts.push_back({AsciiLower(a)});
        if (alts.empty()) return "bad word '" + std::string(word) + "'";
      } else {
        alts.push_back({AsciiLower(p)});
      }
      *out = Product(std::move(*out), alts);
      ++k;
    }
    if (out->size() == 1 && out->front().empty())
      return "empty word in '" + std::string(word) + "'";
    return "";
  }

  Status Pattern(size_t i, std::string_view text_and_code) {
    if (!block_.open) return Error(i, "pattern before any verb block");
    CodeSplit cs;
    if (std::string e = SplitCode(text_and_code, &cs); !e.empty()) return Error(i, e);
    if (!cs.has_code) return Error(i, "pattern without a code");
    PatternLine p;
    p.line = i;
    std::vector<std::string> pending;
    if (std::string e = ParseCode(cs.code, &p.code, &pending); !e.empty()) return Error(i, e);
    Notes(i, &pending);
    if (!cs.rest.empty()) Note(i, "text after the code ignored: '" + std::string(cs.rest) + "'");

    bool after = false, star = false, in_paren = false, in_brace = false, slash = false;
    size_t paren_elements = 0;
    Alternatives brace;
    std::string undefined;
    auto side = [&]() -> std::vector<PatternElement>& { return after ? p.after : p.before; };
    for (std::string_view token : Split(cs.text, " \t")) {
      // Brackets at the ends of the token: "(TO", "{BANNED", "PARTIES})".
      std::string_view core = token;
      size_t openers = 0, closers = 0;
      while (openers < core.size() && (core[openers] == '(' || core[openers] == '{')) ++openers;
      core.remove_prefix(openers);
      while (closers < core.size() &&
             (core[core.size() - 1 - closers] == ')' || core[core.size() - 1 - closers] == '}')) {
        ++closers;
      }
      const std::string_view open_part = token.substr(0, openers);
      const std::string_view close_part = core.substr(core.size() - closers);
      core.remove_suffix(closers);
      if (core.find_first_of("(){}") != std::string_view::npos) {
        return Error(i, "unexpected bracket in '" + std::string(token) + "'");
      }
      // Check the brackets before using the token: a ')' with no '(' drops it.
      bool paren = in_paren, brace_open = in_brace, stray = false;
      for (char c : open_part) {
        if (c == '(') {
          if (paren) return Error(i, "nested '(' in '" + std::string(token) + "'");
          if (brace_open) return Error(i, "'(' inside '{ }' in '" + std::string(token) + "'");
          paren = true;
        } else {
          if (brace_open) return Error(i, "nested '{' in '" + std::string(token) + "'");
          brace_open = true;
        }
      }
      for (char c : close_part) {
        if (c == '}') {
          if (!brace_open) stray = true;
          brace_open = false;
        } else {
          if (brace_open) return Error(i, "')' before '}' in '" + std::string(token) + "'");
          if (!paren) stray = true;
          paren = false;
        }
      }
      if (stray) {
        Note(i, "unmatched closing bracket; '" + std::string(token) + "' ignored");
        continue;
      }
      for (char c : open_part) {
        if (c == '(') {
          in_paren = true;
          paren_elements = 0;
        } else {
          in_brace = true;
          brace = Alternatives(1);
        }
      }
      if (!core.empty()) {
        const size_t before_size = p.before.size(), after_size = p.after.size();
        const size_t at = core.find('*');
        if (core == "+" || core == "$" || core == "^" || core == "%") {
          if (in_brace) return Error(i, "'" + std::string(core) + "' inside '{ }'");
          Kind kind = core == "+" ? Kind::kTarget : core == "$" ? Kind::kSource : Kind::kGap;
          if (core == "%") {
            p.mutual = true;
            kind = after ? Kind::kTarget : Kind::kSource;
          }
          side().push_back(Slot(kind));
        } else if (at != std::string_view::npos) {
          // "*", "*_LAWS", "SPY_*_DEAL": the verb; words joined to it by '_'
          // are adjacent to it. PETRARCH splits the line at the '*', so
          // "*SCEPTICAL" is "* SCEPTICAL".
          if (in_brace) return Error(i, "'*' inside '{ }'");
          if (star || core.find('*', at + 1) != std::string_view::npos) {
            return Error(i, "two '*' in the pattern");
          }
          const std::string_view left = core.substr(0, at), right = core.substr(at + 1);
          auto glued = [&](std::string_view piece, bool adjacent, std::vector<PatternElement>* to) {
            if (piece.find_first_not_of('_') == std::string_view::npos) return std::string();
            if (!adjacent) {
              Note(i,
                   "'*' not separated from '" + std::string(piece) + "'; read as a separate word");
            }
            Alternatives alts;
            std::string e = WordAlternatives(piece, &alts, &undefined, &slash);
            if (e.empty()) to->push_back(Words(std::move(alts), adjacent));
            return e;
          };
          if (std::string e = glued(left, left.ends_with('_'), &p.before); !e.empty()) {
            return Error(i, e);
          }
          if (std::string e = glued(right, right.starts_with('_'), &p.after); !e.empty()) {
            return Error(i, e);
          }
          star = true;
          after = true;
        } else {
          Alternatives alts;
          if (std::string e = WordAlternatives(core, &alts, &undefined, &slash); !e.empty()) {
            return Error(i, e);
          }
          if (in_brace) {
            brace = Product(std::move(brace), alts);
          } else {
            side().push_back(Words(std::move(alts), false));
          }
        }
        paren_elements += p.before.size() - before_size + p.after.size() - after_size;
        if (in_brace) ++paren_elements;
      }
      for (char c : close_part) {
        if (c == '}') {
          in_brace = false;
          if (brace.size() == 1 && brace.front().empty()) return Error(i, "empty '{ }'");
          side().push_back(Words(std::move(brace), false));
          brace.clear();
        } else {
          in_paren = false;
          if (paren_elements == 0) return Error(i, "empty '( )'");
        }
      }
    }
    if (in_brace) return Error(i, "unterminated '{'");
    if (in_paren) return Error(i, "unterminated '('");
    if (!star) return Error(i, "pattern without '*' (the verb)");
    if (slash) Note(i, "'/' read as alternatives");
    if (!undefined.empty()) {
      Note(i, "undefined synonym set " + undefined + "; pattern skipped");
      return Status::Ok();
    }
    block_.patterns.push_back(std::move(p));
    return Status::Ok();
  }

  // One EventPattern per head group; the elements of `p` (if any) are moved
  // into the last one.
  void Emit(size_t line, const Code& code, const std::vector<HeadGroup>& groups, PatternLine* p) {
    size_t last = groups.size();
    for (size_t k = 0; k < groups.size(); ++k) {
      if (!groups[k].heads.empty() || !groups[k].forms.empty()) last = k;
    }
    for (size_t k = 0; k < groups.size(); ++k) {
      const HeadGroup& g = groups[k];
      if (g.heads.empty() && g.forms.empty()) continue;
      EventPattern e;
      e.rule = f_.Rule(line);
      e.code = code.code;
      e.paired = code.paired;
      e.head_kind = HeadKind::kVerb;
      e.heads = g.heads;
      e.head_forms = g.forms;
      const bool move = p != nullptr && k == last;
      if (p != nullptr) {
        e.mutual = p->mutual;
        if (move) {
          e.before = std::move(p->before);
        } else {
          e.before = p->before;
        }
      }
      if (!g.tail.pre.empty()) e.before.push_back(Words({g.tail.pre}, true));
      if (!g.tail.post.empty()) {
        e.after.reserve(1 + (p != nullptr ? p->after.size() : 0));
        e.after.push_back(Words({g.tail.post}, true));
      }
      if (move && e.after.empty()) {
        e.after = std::move(p->after);
      } else if (move) {
        std::move(p->after.begin(), p->after.end(), std::back_inserter(e.after));
      } else if (p != nullptr) {
        e.after.insert(e.after.end(), p->after.begin(), p->after.end());
      }
      Count(&PetrarchVerbStats::patterns);
      if (e.code == "---") Count(&PetrarchVerbStats::null_patterns);
      out_->push_back(std::move(e));
    }
  }

  // Emits the block's patterns in line order.
  void Finish() {
    if (!block_.open) return;
    Block& b = block_;
    if (b.code.code != "---") {
      Emit(b.line, b.code, MergeGroups(b.verbs, [](const Verb& v) { return !v.own_code; }),
           nullptr);
    }
    const std::vector<HeadGroup> all = MergeGroups(b.verbs, [](const Verb&) { return true; });
    size_t vi = 0, pi = 0;
    while (vi < b.verbs.size() || pi < b.patterns.size()) {
      if (pi == b.patterns.size() ||
          (vi < b.verbs.size() && b.verbs[vi].line < b.patterns[pi].line)) {
        const Verb& v = b.verbs[vi++];
        if (v.own_code) Emit(v.line, v.code, v.groups, nullptr);
      } else {
        PatternLine& p = b.patterns[pi++];
        Emit(p.line, p.code, all, &p);
      }
    }
    block_ = Block();
  }

  const SourceFile& f_;
  std::vector<EventPattern>* out_;
  PetrarchVerbStats* stats_;
  std::map<std::string, Alternatives, std::less<>> sets_;  // upper-case name, no '&'
  std::map<std::string, std::pair<size_t, size_t>> seen_;  // verb -> (block line, verb line)
  Block block_;
};

}  // namespace

Status LoadPetrarchVerbs(const std::string& path, std::vector<EventPattern>* out,
                         PetrarchVerbStats* stats) {
  SourceFile f;
  if (Status s = ReadSource(path, &f, stats); !s.ok()) return s;
  size_t dashes = 0;
  for (std::string_view line : f.lines) {
    if (line.starts_with('-')) ++dashes;
  }
  out->reserve(out->size() + 2 * dashes);
  return Loader(f, out, stats).Run();
}

}  // namespace cronista
