#include "lexicon/morphology.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <unordered_map>
#include <utility>

namespace cronista {
namespace {

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string_view DropLast(std::string_view s, size_t n) {
  return s.substr(0, s.size() >= n ? s.size() - n : 0);
}

std::string Cat(std::string_view a, std::string_view b) {
  std::string s;
  s.reserve(a.size() + b.size());
  s.append(a);
  s.append(b);
  return s;
}

bool IsAsciiVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Lower case and NFC for the scripts the built-in rules deal with: ASCII and
// Latin-1 capitals are lowered, and a plain vowel followed by a combining grave
// or acute accent (U+0300, U+0301) becomes the precomposed letter. Everything
// else is copied unchanged.
std::string NormalizeWord(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < in.size()) {
      unsigned char d = static_cast<unsigned char>(in[i + 1]);
      // U+00C0..U+00DE are capitals (but U+00D7 is the multiplication sign).
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d += 0x20;
      out += static_cast<char>(c);
      out += static_cast<char>(d);
      ++i;
    } else if (c == 0xCC && i + 1 < in.size() && !out.empty() &&
               (in[i + 1] == '\x80' || in[i + 1] == '\x81') && IsAsciiVowel(out.back())) {
      // Vowel + U+0300 (grave) / U+0301 (acute): à á è é ì í ò ó ù ú.
      static constexpr std::string_view kVowels = "aeiou";
      static constexpr unsigned char kGraveByte[] = {0xA0, 0xA8, 0xAC, 0xB2, 0xB9};
      static constexpr unsigned char kAcuteByte[] = {0xA1, 0xA9, 0xAD, 0xB3, 0xBA};
      size_t v = kVowels.find(out.back());
      out.back() = static_cast<char>(0xC3);
      out += static_cast<char>(in[i + 1] == '\x80' ? kGraveByte[v] : kAcuteByte[v]);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// A combining diacritic (U+0300..U+036F) left after NormalizeWord means the
// text is not in a form the tables can hold.
bool HasCombiningMark(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]), d = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xCC && d >= 0x80) || (c == 0xCD && d <= 0xAF)) return true;
  }
  return false;
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? p : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::vector<std::string_view> SplitSpace(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Hash for heterogeneous lookup (find(string_view) without a copy).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Collects forms without repeats: a form added again ORs its features into
// the first occurrence, which keeps its place. An open-addressing table of
// indices into the output makes this linear (VerbForms runs for thousands of
// lemmas at load time).
class FormCollector {
 public:
  explicit FormCollector(std::vector<WordForm>* out) : out_(out), table_(256, -1) {}

  void Add(std::string form, uint16_t features) {
    if ((out_->size() + 1) * 2 > table_.size()) Grow();
    size_t mask = table_.size() - 1;
    for (size_t h = Hash(form) & mask;; h = (h + 1) & mask) {
      int32_t i = table_[h];
      if (i < 0) {
        table_[h] = static_cast<int32_t>(out_->size());
        out_->push_back({std::move(form), features});
        return;
      }
      if ((*out_)[i].form == form) {
        (*out_)[i].features |= features;
        return;
      }
    }
  }

 private:
  static size_t Hash(std::string_view s) {
    uint64_t h = 14695981039346656037ull;  // FNV-1a
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<size_t>(h ^ (h >> 29));
  }
  void Grow() {
    table_.assign(table_.size() * 2, -1);
    size_t mask = table_.size() - 1;
    for (size_t i = 0; i < out_->size(); ++i) {
      size_t h = Hash((*out_)[i].form) & mask;
      while (table_[h] >= 0) h = (h + 1) & mask;
      table_[h] = static_cast<int32_t>(i);
    }
  }

  std::vector<WordForm>* out_;
  std::vector<int32_t> table_;
};

void AddUnique(std::vector<std::string>* out, std::string s) {
  if (std::find(out->begin(), out->end(), s) == out->end()) out->push_back(std::move(s));
}

// ---------------------------------------------------------------------------
// Italian verbs
// ---------------------------------------------------------------------------

// A paradigm is a list of (cell, form) slots; a cell may hold several forms
// (alternatives such as "diedi|detti"). Person cells run 1sg..3pl; the
// imperative has five (2sg..3pl).
enum Cell : uint8_t {
  kCInf = 0,
  kCGer = 1,
  kCPp = 2,  // masculine singular; the other three are derived on output
  kCPres = 3,
  kCImpf = kCPres + 6,
  kCPast = kCImpf + 6,
  kCFut = kCPast + 6,
  kCCond = kCFut + 6,
  kCSubj = kCCond + 6,
  kCIsubj = kCSubj + 6,
  kCImp = kCIsubj + 6,  // kCImp + 0 is 2sg ... kCImp + 4 is 3pl
  kNumCells = kCImp + 5,
};

uint16_t CellFeatures(int cell) {
  if (cell == kCInf) return kInfinitive;
  if (cell == kCGer) return kGerund;
  if (cell == kCPp) return kParticiple;
  if (cell < kCImpf) return kPresent;
  if (cell < kCPast) return kImperfect;
  if (cell < kCFut) return kPast;
  if (cell < kCCond) return kFuture;
  if (cell < kCSubj) return kConditional;
  if (cell < kCIsubj) return kSubjunctive;
  if (cell < kCImp) return kSubjunctive | kImperfect;
  return kImperative;
}

struct Slot {
  uint8_t cell;
  std::string form;
};
using Paradigm = std::vector<Slot>;

enum class Conj : uint8_t { kNone, kAre, kEre, kIre };

Conj ConjOf(std::string_view infinitive) {
  if (infinitive.size() < 4) return Conj::kNone;
  if (EndsWith(infinitive, "are")) return Conj::kAre;
  if (EndsWith(infinitive, "ere")) return Conj::kEre;
  if (EndsWith(infinitive, "ire")) return Conj::kIre;
  return Conj::kNone;
}

// How an -ire verb forms its present: with -isc- (finisco; the default, as most
// -ire verbs do), without (parto), or both (eseguo, eseguisco).
enum class Isc : uint8_t { kDefault, kIsc, kPlain, kBoth };

// Endings of the regular conjugations, by cell group.
using Six = std::array<std::string_view, 6>;
constexpr Six kArePres = {"o", "i", "a", "iamo", "ate", "ano"};
constexpr Six kAreImpf = {"avo", "avi", "ava", "avamo", "avate", "avano"};
constexpr Six kArePast = {"ai", "asti", "ò", "ammo", "aste", "arono"};
constexpr Six kAreSubj = {"i", "i", "i", "iamo", "iate", "ino"};
constexpr Six kAreIsubj = {"assi", "assi", "asse", "assimo", "aste", "assero"};
constexpr std::array<std::string_view, 5> kAreImp = {"a", "i", "iamo", "ate", "ino"};
constexpr Six kEreFut = {"erò", "erai", "erà", "eremo", "erete", "eranno"};
constexpr Six kEreCond = {"erei", "eresti", "erebbe", "eremmo", "ereste", "erebbero"};
constexpr Six kErePres = {"o", "i", "e", "iamo", "ete", "ono"};
constexpr Six kEreImpf = {"evo", "evi", "eva", "evamo", "evate", "evano"};
// The passato remoto of -ere has two series: temei/temetti, temé/temette...
constexpr Six kErePast = {"ei", "esti", "é", "emmo", "este", "erono"};
constexpr Six kErePast2 = {"etti", "", "ette", "", "", "ettero"};
constexpr Six kEreSubj = {"a", "a", "a", "iamo", "iate", "ano"};
constexpr Six kEreIsubj = {"essi", "essi", "esse", "essimo", "este", "essero"};
constexpr std::array<std::string_view, 5> kEreImp = {"i", "a", "iamo", "ete", "ano"};
constexpr Six kIrePres = {"o", "i", "e", "iamo", "ite", "ono"};
constexpr Six kIrePresIsc = {"isco", "isci", "isce", "iamo", "ite", "iscono"};
constexpr Six kIreImpf = {"ivo", "ivi", "iva", "ivamo", "ivate", "ivano"};
constexpr Six kIrePast = {"ii", "isti", "ì", "immo", "iste", "irono"};
constexpr Six kIreFut = {"irò", "irai", "irà", "iremo", "irete", "iranno"};
constexpr Six kIreCond = {"irei", "iresti", "irebbe", "iremmo", "ireste", "irebbero"};
constexpr Six kIreSubjIsc = {"isca", "isca", "isca", "iamo", "iate", "iscano"};
constexpr Six kIreIsubj = {"issi", "issi", "isse", "issimo", "iste", "issero"};
constexpr std::array<std::string_view, 5> kIreImp = {"i", "a", "iamo", "ite", "ano"};
constexpr std::array<std::string_view, 5> kIreImpIsc = {"isci", "isca", "iamo", "ite", "iscano"};
// Future and conditional endings after an explicit stem ("porr" -> porrò).
constexpr Six kFutEnd = {"ò", "ai", "à", "emo", "ete", "anno"};
constexpr Six kCondEnd = {"ei", "esti", "ebbe", "emmo", "este", "ebbero"};
// Clitics attached to infinitives and gerunds (firmarlo, firmandone, recarsi).
constexpr std::array<std::string_view, 11> kClitics = {"lo", "la",  "li", "le", "ne", "si",
                                                       "ci", "gli", "mi", "ti", "vi"};

// Stem + ending for the -are conjugation, with its spelling rules:
//  - -care/-gare keep the hard sound before e/i with an h: cerchi, cercherà;
//  - -ciare/-giare/-sciare drop the i before e/i: comincerà, cominci, lasceremo;
//  - other -iare verbs drop the stem's i before i: studi, studino (but keep it
//    before e: studierà); with a stressed i (inviare, sciare: "tonic_i") only
//    before -ia-: inviamo, but invii, inviino, scierà.
std::string AreForm(std::string_view stem, std::string_view ending, bool tonic_i) {
  std::string s(stem);
  char e0 = ending.empty() ? '\0' : ending[0];
  if (!s.empty() && (e0 == 'e' || e0 == 'i')) {
    char last = s.back();
    if (last == 'c' || last == 'g') {
      s += 'h';
    } else if (last == 'i' && s.size() >= 2) {
      char prev = s[s.size() - 2];
      bool soft = prev == 'c' || prev == 'g';
      bool drop = tonic_i ? StartsWith(ending, "ia") : (e0 == 'i' || soft);
      if (drop) s.pop_back();
    }
  }
  s += ending;
  return s;
}

void Add(Paradigm* p, int cell, std::string form) {
  p->push_back({static_cast<uint8_t>(cell), std::move(form)});
}

// The regular paradigm of `model` (an -are/-ere/-ire infinitive) with the
// infinitive cell set to `infinitive` (they differ for porre, modelled on
// "ponere").
void RegularParadigm(std::string_view model, std::string_view infinitive, Conj conj, Isc isc,
                     bool tonic_i, Paradigm* p) {
  std::string_view stem = DropLast(model, 3);
  p->reserve(p->size() + 64);
  Add(p, kCInf, std::string(infinitive));
  if (conj == Conj::kAre) {
    auto f = [&](std::string_view e) { return AreForm(stem, e, tonic_i); };
    Add(p, kCGer, f("ando"));
    Add(p, kCPp, f("ato"));
    for (int i = 0; i < 6; ++i) {
      Add(p, kCPres + i, f(kArePres[i]));
      Add(p, kCImpf + i, f(kAreImpf[i]));
      Add(p, kCPast + i, f(kArePast[i]));
      Add(p, kCFut + i, f(kEreFut[i]));
      Add(p, kCCond + i, f(kEreCond[i]));
      Add(p, kCSubj + i, f(kAreSubj[i]));
      Add(p, kCIsubj + i, f(kAreIsubj[i]));
    }
    for (int i = 0; i < 5; ++i) Add(p, kCImp + i, f(kAreImp[i]));
    return;
  }
  bool ere = conj == Conj::kEre;
  bool plain = ere || isc == Isc::kPlain || isc == Isc::kBoth;
  bool with_isc = !ere && isc != Isc::kPlain;
  auto f = [&](std::string_view e) { return Cat(stem, e); };
  Add(p, kCGer, f("endo"));
  Add(p, kCPp, f(ere ? "uto" : "ito"));
  for (int i = 0; i < 6; ++i) {
    if (plain) Add(p, kCPres + i, f(ere ? kErePres[i] : kIrePres[i]));
    if (with_isc) Add(p, kCPres + i, f(kIrePresIsc[i]));
    Add(p, kCImpf + i, f(ere ? kEreImpf[i] : kIreImpf[i]));
    Add(p, kCPast + i, f(ere ? kErePast[i] : kIrePast[i]));
    if (ere && !kErePast2[i].empty()) Add(p, kCPast + i, f(kErePast2[i]));
    Add(p, kCFut + i, f(ere ? kEreFut[i] : kIreFut[i]));
    Add(p, kCCond + i, f(ere ? kEreCond[i] : kIreCond[i]));
    if (plain) Add(p, kCSubj + i, f(kEreSubj[i]));
    if (with_isc) Add(p, kCSubj + i, f(kIreSubjIsc[i]));
    Add(p, kCIsubj + i, f(ere ? kEreIsubj[i] : kIreIsubj[i]));
  }
  for (int i = 0; i < 5; ++i) {
    if (plain) Add(p, kCImp + i, f(ere ? kEreImp[i] : kIreImp[i]));
    if (with_isc) Add(p, kCImp + i, f(kIreImpIsc[i]));
  }
}

// One line of data/it/verbs.txt.
struct ItEntry {
  std::string lemma;  // the infinitive; for a suffix entry, the ending (no '-')
  bool suffix = false;
  int line = 0;
  std::string base;  // "=BASE": inflect like BASE
  std::string like;  // "like=MODEL": regular forms built on MODEL
  Isc isc = Isc::kDefault;
  bool tonic_i = false;
  // Explicit cells: alternatives per cell; "-" stands for the regular forms.
  std::vector<std::pair<uint8_t, std::vector<std::string>>> cells;
  std::vector<std::string> fut;     // future/conditional stems
  std::vector<std::string> strong;  // past= with one person: strong 1sg forms
  bool pres_set = false, subj_set = false, imp_set = false;
  // For entries with a base: the base's forms start with `q`, which gives way
  // to the lemma minus its last `common` bytes (ottenere =tenere: q "",
  // sciogliere =cogliere: q "c", ending "ogliere").
  std::string q;
  size_t common = 0;
};

std::vector<std::string> CellForms(const Paradigm& p, int cell) {
  std::vector<std::string> out;
  for (const Slot& s : p) {
    if (s.cell == cell) out.push_back(s.form);
  }
  return out;
}

// Replaces the forms of `cell` by `alts`; an alternative "-" keeps the forms
// the cell had.
void SetCell(Paradigm* p, int cell, const std::vector<std::string>& alts) {
  std::vector<std::string> old;
  bool keep = std::find(alts.begin(), alts.end(), "-") != alts.end();
  auto it = std::remove_if(p->begin(), p->end(), [&](Slot& s) {
    if (s.cell != cell) return false;
    if (keep) old.push_back(std::move(s.form));
    return true;
  });
  p->erase(it, p->end());
  for (const std::string& a : alts) {
    if (a == "-") {
      for (std::string& o : old) Add(p, cell, std::move(o));
    } else {
      Add(p, cell, a);
    }
  }
}

std::string FirstForm(const Paradigm& p, int cell) {
  for (const Slot& s : p) {
    if (s.cell == cell) return s.form;
  }
  return "";
}

// Applies the explicit cells of `e` to `p`. `conj` is the conjugation the
// forms follow (of the model for "like" entries), which decides the 2sg
// imperative of a derived imperative.
void ApplyOverrides(const ItEntry& e, Conj conj, Paradigm* p) {
  if (!e.fut.empty()) {
    std::vector<std::string> fut, cond;
    for (int i = 0; i < 6; ++i) {
      fut.clear();
      cond.clear();
      for (const std::string& stem : e.fut) {
        fut.push_back(Cat(stem, kFutEnd[i]));
        cond.push_back(Cat(stem, kCondEnd[i]));
      }
      SetCell(p, kCFut + i, fut);
      SetCell(p, kCCond + i, cond);
    }
  }
  for (const auto& [cell, alts] : e.cells) {
    if (cell >= kCPres && cell < kCImpf) SetCell(p, cell, alts);
  }
  // The present subjunctive follows an irregular present: its singular and
  // 3pl from the 1sg (vengo -> venga, vengano), its 1pl/2pl from the 1pl
  // (veniamo -> veniamo, veniate).
  if (e.pres_set && !e.subj_set) {
    std::string s1 = FirstForm(*p, kCPres), s4 = FirstForm(*p, kCPres + 3);
    if (EndsWith(s1, "o") && EndsWith(s4, "mo")) {
      std::string st(DropLast(s1, 1));
      for (int i = 0; i < 3; ++i) SetCell(p, kCSubj + i, {st + "a"});
      SetCell(p, kCSubj + 3, {s4});
      SetCell(p, kCSubj + 4, {Cat(DropLast(s4, 2), "te")});
      SetCell(p, kCSubj + 5, {st + "ano"});
    }
  }
  bool imp_given[5] = {false, false, false, false, false};
  for (const auto& [cell, alts] : e.cells) {
    if (cell < kCPres || cell >= kCImpf) SetCell(p, cell, alts);
    if (cell >= kCImp) imp_given[cell - kCImp] = true;
  }
  // Strong passato remoto: 1sg, 3sg and 3pl from one stem (presi, prese,
  // presero); the other persons stay regular (prendesti).
  if (!e.strong.empty()) {
    std::vector<std::string> s1, s3, s6;
    for (const std::string& f : e.strong) {
      if (f == "-") {
        s1.push_back("-");
        s3.push_back("-");
        s6.push_back("-");
      } else {
        std::string_view st = DropLast(f, 1);
        s1.push_back(f);
        s3.push_back(Cat(st, "e"));
        s6.push_back(Cat(st, "ero"));
      }
    }
    SetCell(p, kCPast, s1);
    SetCell(p, kCPast + 2, s3);
    SetCell(p, kCPast + 5, s6);
  }
  // The imperative follows an irregular present or subjunctive: 2sg from the
  // present (2sg; 3sg for -are verbs), 3sg/3pl from the subjunctive, 1pl/2pl
  // from the present.
  if (e.pres_set || e.subj_set) {
    static constexpr int kFrom[5] = {kCPres + 1, kCSubj + 2, kCPres + 3, kCPres + 4, kCSubj + 5};
    for (int i = 0; i < 5; ++i) {
      if (imp_given[i]) continue;
      int from = (i == 0 && conj == Conj::kAre) ? kCPres + 2 : kFrom[i];
      SetCell(p, kCImp + i, CellForms(*p, from));
    }
  }
}

// ---------------------------------------------------------------------------
// English verbs
// ---------------------------------------------------------------------------

struct EnEntry {
  int line = 0;
  std::vector<std::string> past, pp;  // empty: regular
  std::vector<std::string> s, pres, ing;
  bool dbl = false;   // always doubles its final consonant (commit -> committed)
  bool both = false;  // doubled and plain (travelled, traveled)
  bool ck = false;    // -c takes k (panic -> panicked)
};

bool EnVowel(std::string_view w, size_t i) {
  char c = w[i];
  if (c == 'u') return !(i > 0 && w[i - 1] == 'q');  // the u of "qu" is a consonant
  if (c == 'y') return i > 0 && !IsAsciiVowel(w[i - 1]);
  return c == 'a' || c == 'e' || c == 'i' || c == 'o';
}

// A one-syllable word ending consonant-vowel-consonant, the last not w, x or
// y: its final consonant doubles (stop -> stopped, stopping).
bool DoublesByRule(std::string_view w) {
  size_t n = w.size();
  if (n < 3) return false;
  char last = w[n - 1];
  if (last == 'w' || last == 'x' || last == 'y' || EnVowel(w, n - 1)) return false;
  if (!EnVowel(w, n - 2) || EnVowel(w, n - 3)) return false;
  int groups = 0;
  for (size_t i = 0; i < n; ++i) {
    if (EnVowel(w, i) && (i == 0 || !EnVowel(w, i - 1))) ++groups;
  }
  return groups == 1;
}

bool ConsonantBefore(std::string_view w, size_t from_end) {
  return w.size() > from_end && !IsAsciiVowel(w[w.size() - from_end - 1]);
}

std::string EnThird(std::string_view w) {
  if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") ||
      EndsWith(w, "sh")) {
    return Cat(w, "es");
  }
  if (EndsWith(w, "y") && ConsonantBefore(w, 1)) return Cat(DropLast(w, 1), "ies");
  if (EndsWith(w, "o") && ConsonantBefore(w, 1)) return Cat(w, "es");
  return Cat(w, "s");
}

// The stems the -ed and -ing endings attach to after any doubling.
void EnStems(std::string_view w, const EnEntry* e, std::vector<std::string>* out) {
  bool dbl = e != nullptr && (e->dbl || e->both);
  if (!dbl) dbl = DoublesByRule(w);
  if (e != nullptr && e->ck && EndsWith(w, "c")) {
    out->push_back(Cat(w, "k"));
    return;
  }
  if (dbl && !w.empty()) out->push_back(std::string(w) + w.back());
  if (!dbl || (e != nullptr && e->both)) out->push_back(std::string(w));
}

void EnEd(std::string_view w, const EnEntry* e, std::vector<std::string>* out) {
  if (EndsWith(w, "e")) {
    out->push_back(Cat(w, "d"));
  } else if (EndsWith(w, "y") && ConsonantBefore(w, 1)) {
    out->push_back(Cat(DropLast(w, 1), "ied"));
  } else {
    std::vector<std::string> stems;
    EnStems(w, e, &stems);
    for (const std::string& s : stems) out->push_back(s + "ed");
  }
}

void EnIng(std::string_view w, const EnEntry* e, std::vector<std::string>* out) {
  if (EndsWith(w, "ie")) {
    out->push_back(Cat(DropLast(w, 2), "ying"));
  } else if (EndsWith(w, "e") && w.size() > 2 && !EndsWith(w, "ee") && !EndsWith(w, "oe") &&
             !EndsWith(w, "ye")) {
    out->push_back(Cat(DropLast(w, 1), "ing"));
  } else {
    std::vector<std::string> stems;
    EnStems(w, e, &stems);
    for (const std::string& s : stems) out->push_back(s + "ing");
  }
}

// Prefixes under which an irregular verb stays irregular (withdraw, overcome,
// outrun, undergo, foresee, mislead, uphold), when the table lacks the compound.
constexpr std::array<std::string_view, 7> kEnPrefixes = {"over", "under", "out", "with",
                                                         "fore", "mis",   "up"};

// ---------------------------------------------------------------------------
// Nouns
// ---------------------------------------------------------------------------

struct NounIrregular {
  std::string_view singular;
  std::string_view plurals;  // '|'-separated
};

constexpr NounIrregular kEnNouns[] = {
    {"man", "men"},
    {"woman", "women"},
    {"child", "children"},
    {"person", "people|persons"},
    {"foot", "feet"},
    {"tooth", "teeth"},
    {"mouse", "mice"},
    {"goose", "geese"},
    {"ox", "oxen"},
    {"criterion", "criteria"},
    {"phenomenon", "phenomena"},
    {"medium", "media|mediums"},
    {"datum", "data"},
    {"bacterium", "bacteria"},
    {"curriculum", "curricula|curriculums"},
    {"memorandum", "memoranda|memorandums"},
    {"referendum", "referendums|referenda"},
    {"index", "indices|indexes"},
    {"appendix", "appendices|appendixes"},
    {"matrix", "matrices|matrixes"},
    {"cactus", "cacti|cactuses"},
    {"nucleus", "nuclei"},
    {"radius", "radii"},
    {"stimulus", "stimuli"},
    {"alumnus", "alumni"},
    {"fungus", "fungi|funguses"},
    {"thief", "thieves"},
    {"wife", "wives"},
    {"life", "lives"},
    {"knife", "knives"},
    {"half", "halves"},
    {"self", "selves"},
    {"leaf", "leaves"},
    {"wolf", "wolves"},
    {"shelf", "shelves"},
    {"loaf", "loaves"},
    {"calf", "calves"},
    {"hero", "heroes"},
    {"potato", "potatoes"},
    {"tomato", "tomatoes"},
    {"veto", "vetoes"},
    {"embargo", "embargoes|embargos"},
    {"echo", "echoes"},
    {"torpedo", "torpedoes"},
    {"cargo", "cargoes|cargos"},
    {"volcano", "volcanoes|volcanos"},
    {"tornado", "tornadoes|tornados"},
    {"mosquito", "mosquitoes|mosquitos"},
};

// Same in singular and plural (or only plural).
constexpr std::string_view kEnInvariable[] = {
    "sheep",      "deer",      "fish",         "series",      "species", "aircraft",
    "spacecraft", "offspring", "headquarters", "news",        "means",   "police",
    "people",     "personnel", "equipment",    "information", "advice",  "research",
    "livestock",  "swine",     "crossroads",   "barracks",    "gallows", "chaos",
};

// Nouns in -man whose plural is -mans.
constexpr std::string_view kEnManExceptions[] = {"human",    "german",  "roman",  "shaman",
                                                 "talisman", "caiman",  "cayman", "ottoman",
                                                 "walkman",  "doberman"};

constexpr NounIrregular kItNouns[] = {
    {"uomo", "uomini"},
    {"dio", "dei"},
    {"bue", "buoi"},
    {"mano", "mani"},
    {"ala", "ali"},
    {"arma", "armi"},
    {"moglie", "mogli"},
    {"tempio", "templi|tempi"},
    {"braccio", "braccia|bracci"},
    {"dito", "dita|diti"},
    {"uovo", "uova"},
    {"paio", "paia"},
    {"miglio", "miglia|migli"},
    {"centinaio", "centinaia"},
    {"migliaio", "migliaia"},
    {"osso", "ossa|ossi"},
    {"labbro", "labbra|labbri"},
    {"muro", "mura|muri"},
    {"ginocchio", "ginocchia|ginocchi"},
    {"lenzuolo", "lenzuola|lenzuoli"},
    {"grido", "grida|gridi"},
    {"eco", "echi"},
    {"collega", "colleghi|colleghe"},
    {"belga", "belgi|belghe"},
    {"amico", "amici|amica|amiche"},
    {"nemico", "nemici|nemica|nemiche"},
    {"greco", "greci|greca|greche"},
    {"porco", "porci"},
};

// Masculine nouns in -a, plural -i (problema -> problemi).
constexpr std::string_view kItMasculineA[] = {
    "problema",   "sistema",     "programma",   "tema",       "schema",    "dramma",
    "clima",      "dilemma",     "diploma",     "emblema",    "enigma",    "fantasma",
    "teorema",    "poema",       "stemma",      "trauma",     "pianeta",   "poeta",
    "atleta",     "profeta",     "papa",        "pilota",     "patriota",  "idiota",
    "despota",    "compatriota", "duca",        "monarca",    "patriarca", "gerarca",
    "oligarca",   "esarca",      "pigiama",     "carisma",    "dogma",     "paradigma",
    "panorama",   "prisma",      "stratagemma", "telegramma", "diagramma", "organigramma",
    "ideogramma", "cinema",
};

int VowelGroups(std::string_view w) {
  int n = 0;
  bool prev = false;
  for (char c : w) {
    bool v = IsAsciiVowel(c) || (static_cast<unsigned char>(c) >= 0x80);
    if (v && !prev) ++n;
    prev = v;
  }
  return n;
}

}  // namespace

// ---------------------------------------------------------------------------
// Tables and loading
// ---------------------------------------------------------------------------

struct Morphology::Tables {
  enum class Rules { kNone, kItalian, kEnglish };
  std::string lang;
  Rules rules = Rules::kNone;
  std::vector<ItEntry> it;
  StringMap<size_t> it_exact;
  std::vector<size_t> it_suffixes;  // longest ending first
  // The paradigm of every (non-suffix) entry, built once at load; empty
  // while loading.
  std::vector<Paradigm> it_cache;
  std::vector<Conj> it_cache_conj;
  StringMap<EnEntry> en;

  const ItEntry* ItResolve(std::string_view lemma) const {
    if (auto found = it_exact.find(lemma); found != it_exact.end()) return &it[found->second];
    for (size_t i : it_suffixes) {
      const ItEntry& e = it[i];
      if (lemma.size() > e.lemma.size() && EndsWith(lemma, e.lemma)) return &e;
    }
    return nullptr;
  }

  // Builds the paradigm of `lemma` (described by `e`, or regular when null).
  // Returns the conjugation the forms follow, kNone for a non-verb.
  Conj ItParadigm(const ItEntry* e, std::string_view lemma, int depth, Paradigm* p) const {
    if (e == nullptr) {
      Conj conj = ConjOf(lemma);
      if (conj == Conj::kNone) return conj;
      RegularParadigm(lemma, lemma, conj, Isc::kDefault, false, p);
      return conj;
    }
    size_t index = static_cast<size_t>(e - it.data());
    if (!e->suffix && index < it_cache.size()) {
      *p = it_cache[index];
      return it_cache_conj[index];
    }
    Conj conj;
    if (!e->base.empty()) {
      if (depth > 8) return Conj::kNone;  // cycles are rejected at load
      size_t base_index = it_exact.find(e->base)->second;
      Paradigm base_tmp;
      const Paradigm* base = &base_tmp;
      if (base_index < it_cache.size()) {
        base = &it_cache[base_index];
        conj = it_cache_conj[base_index];
      } else {
        conj = ItParadigm(&it[base_index], e->base, depth + 1, &base_tmp);
      }
      if (conj == Conj::kNone) return conj;
      std::string_view prefix = DropLast(lemma, e->common);
      p->reserve(base->size());
      for (const Slot& s : *base) {
        if (!StartsWith(s.form, e->q)) continue;  // checked at load
        std::string f;
        f.reserve(prefix.size() + s.form.size() - e->q.size());
        f.append(prefix);
        f.append(std::string_view(s.form).substr(e->q.size()));
        p->push_back({s.cell, std::move(f)});
      }
    } else {
      std::string_view model = e->like.empty() ? lemma : std::string_view(e->like);
      conj = ConjOf(model);
      if (conj == Conj::kNone) return conj;
      RegularParadigm(model, lemma, conj, e->isc, e->tonic_i, p);
    }
    ApplyOverrides(*e, conj, p);
    return conj;
  }

  void ItVerbForms(std::string_view lemma, std::string_view rest, std::vector<WordForm>* out) const;
  void EnVerbForms(std::string_view lemma, std::string_view rest, std::vector<WordForm>* out) const;
  std::vector<std::string> ItNounForms(std::string_view w) const;
  std::vector<std::string> EnNounForms(std::string_view w) const;
};

namespace {

Status BadLine(const std::string& path, int line, std::string_view what) {
  return Status::InvalidArgument(path + ":" + std::to_string(line) + ": " + std::string(what));
}

// Reads `path` and calls fn(line_number, tokens) for every non-blank line,
// with comments ('#' to the end of the line) removed and words normalised.
template <typename Fn>
Status ForEachLine(const std::string& path, Fn fn) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!IsValidUtf8(line)) return BadLine(path, n, "invalid UTF-8");
    std::string norm = NormalizeWord(line);
    if (HasCombiningMark(norm)) {
      return BadLine(path, n,
                     "combining accent that does not compose; write accented letters "
                     "precomposed (NFC)");
    }
    std::vector<std::string_view> tokens = SplitSpace(norm);
    if (tokens.empty()) continue;
    CRONISTA_RETURN_IF_ERROR(fn(n, tokens));
  }
  if (in.bad()) return Status::IoError("error reading " + path);
  return Status::Ok();
}

// A form in a table: letters (any UTF-8 beyond ASCII) and apostrophes.
bool IsFormText(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!((c >= 'a' && c <= 'z') || c == '\'' || c == '-' || u >= 0x80)) return false;
  }
  return true;
}

// "a|b,c,d|-" -> persons of alternatives.
Status ParseCells(std::string_view value, std::vector<std::vector<std::string>>* persons,
                  std::string* error) {
  for (std::string_view person : SplitOn(value, ',')) {
    std::vector<std::string> alts;
    for (std::string_view alt : SplitOn(person, '|')) {
      if (alt != "-" && !IsFormText(alt)) {
        *error = "bad form '" + std::string(alt) + "' in '" + std::string(value) + "'";
        return Status::InvalidArgument(*error);
      }
      if (std::find(alts.begin(), alts.end(), alt) == alts.end()) alts.emplace_back(alt);
    }
    persons->push_back(std::move(alts));
  }
  return Status::Ok();
}

Status ParseItLine(const std::string& path, int n, const std::vector<std::string_view>& tokens,
                   ItEntry* e) {
  std::string_view lemma = tokens[0];
  e->line = n;
  e->suffix = StartsWith(lemma, "-");
  if (e->suffix) lemma.remove_prefix(1);
  e->lemma = std::string(lemma);
  if (!IsFormText(lemma) || (ConjOf(lemma) == Conj::kNone && !EndsWith(lemma, "rre"))) {
    return BadLine(path, n,
                   "'" + std::string(tokens[0]) +
                       "' is not an infinitive in -are, -ere, -ire or "
                       "-rre");
  }
  std::vector<std::string> seen;
  for (size_t t = 1; t < tokens.size(); ++t) {
    std::string_view tok = tokens[t];
    if (tok[0] == '=') {
      if (!e->base.empty()) return BadLine(path, n, "two base verbs");
      e->base = std::string(tok.substr(1));
      if (ConjOf(e->base) == Conj::kNone && !EndsWith(e->base, "rre")) {
        return BadLine(path, n, "base '" + e->base + "' is not an infinitive");
      }
      continue;
    }
    size_t eq = tok.find('=');
    if (eq == std::string_view::npos) {
      if (tok == "isc") {
        e->isc = Isc::kIsc;
      } else if (tok == "plain") {
        e->isc = Isc::kPlain;
      } else if (tok == "both") {
        e->isc = Isc::kBoth;
      } else if (tok == "tonic-i") {
        e->tonic_i = true;
      } else {
        return BadLine(path, n,
                       "unknown flag '" + std::string(tok) +
                           "' (flags: isc plain both tonic-i; cells: key=forms)");
      }
      if ((e->isc != Isc::kDefault) && ConjOf(e->lemma) != Conj::kIre) {
        return BadLine(path, n, "isc/plain/both apply to -ire verbs only");
      }
      continue;
    }
    std::string key(tok.substr(0, eq));
    std::string_view value = tok.substr(eq + 1);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return BadLine(path, n, "key '" + key + "' given twice");
    }
    seen.push_back(key);
    if (value.empty()) return BadLine(path, n, "empty value for '" + key + "'");
    std::vector<std::vector<std::string>> persons;
    std::string error;
    if (!ParseCells(value, &persons, &error).ok()) return BadLine(path, n, error);
    auto count_is = [&](std::initializer_list<size_t> ok) {
      return std::find(ok.begin(), ok.end(), persons.size()) != ok.end();
    };
    auto no_dash = [&]() {
      for (const auto& alts : persons) {
        if (std::find(alts.begin(), alts.end(), "-") != alts.end()) return false;
      }
      return true;
    };
    auto set_six = [&](int first) {
      for (int i = 0; i < 6; ++i) e->cells.emplace_back(first + i, persons[i]);
    };
    if (key == "like") {
      if (!count_is({1}) || persons[0].size() != 1 || ConjOf(value) == Conj::kNone) {
        return BadLine(path, n, "like= takes one infinitive in -are, -ere or -ire");
      }
      e->like = std::string(value);
    } else if (key == "pres" || key == "impf" || key == "subj" || key == "isubj") {
      if (!count_is({6})) return BadLine(path, n, key + "= needs 6 persons separated by commas");
      set_six(key == "pres" ? kCPres : key == "impf" ? kCImpf : key == "subj" ? kCSubj : kCIsubj);
      if (key == "pres") e->pres_set = true;
      if (key == "subj") e->subj_set = true;
    } else if (key == "past") {
      if (count_is({6})) {
        set_six(kCPast);
      } else if (count_is({1})) {
        for (const std::string& f : persons[0]) {
          if (f != "-" && (f.size() < 2 || f.back() != 'i')) {
            return BadLine(path, n, "strong past '" + f + "' must be a 1st singular in -i");
          }
        }
        e->strong = persons[0];
      } else {
        return BadLine(path, n, "past= needs 6 persons, or one strong 1st singular (presi)");
      }
    } else if (key == "fut") {
      if (!count_is({1}) || !no_dash()) return BadLine(path, n, "fut= takes stems (porr|por)");
      e->fut = persons[0];
    } else if (key == "imp") {
      if (count_is({1})) {
        e->cells.emplace_back(kCImp, persons[0]);
      } else if (count_is({5})) {
        for (int i = 0; i < 5; ++i) e->cells.emplace_back(kCImp + i, persons[i]);
      } else {
        return BadLine(path, n, "imp= needs the 2nd singular, or 5 persons (2sg..3pl)");
      }
      e->imp_set = true;
    } else if (key == "pp" || key == "ger") {
      if (!count_is({1})) return BadLine(path, n, key + "= takes one form (alternatives with |)");
      e->cells.emplace_back(key == "pp" ? kCPp : kCGer, persons[0]);
    } else {
      return BadLine(
          path, n,
          "unknown key '" + key + "' (keys: like pres impf past fut subj isubj imp pp ger)");
    }
  }
  if (e->suffix && e->base.empty()) {
    return BadLine(path, n, "an ending entry (-" + e->lemma + ") needs =BASE");
  }
  if (e->base.empty() && e->like.empty() && EndsWith(e->lemma, "rre")) {
    return BadLine(path, n, "a verb in -rre needs like=MODEL (porre like=ponere) or =BASE");
  }
  if (!e->base.empty() && !e->like.empty()) return BadLine(path, n, "both =BASE and like=");
  if (!e->base.empty() && (e->isc != Isc::kDefault || e->tonic_i)) {
    return BadLine(path, n, "flags go on the base verb, not on =BASE entries");
  }
  return Status::Ok();
}

Status LoadItalian(const std::string& path, Morphology::Tables* t) {
  CRONISTA_RETURN_IF_ERROR(ForEachLine(path, [&](int n, const std::vector<std::string_view>& tok) {
    ItEntry e;
    CRONISTA_RETURN_IF_ERROR(ParseItLine(path, n, tok, &e));
    std::string key = (e.suffix ? "-" : "") + e.lemma;
    for (const ItEntry& other : t->it) {
      if (other.suffix == e.suffix && other.lemma == e.lemma) {
        return BadLine(path, n,
                       "'" + key + "' already given on line " + std::to_string(other.line));
      }
    }
    if (!e.suffix) t->it_exact.emplace(e.lemma, t->it.size());
    t->it.push_back(std::move(e));
    return Status::Ok();
  }));
  for (size_t i = 0; i < t->it.size(); ++i) {
    if (t->it[i].suffix) t->it_suffixes.push_back(i);
  }
  std::stable_sort(t->it_suffixes.begin(), t->it_suffixes.end(), [&](size_t a, size_t b) {
    return t->it[a].lemma.size() > t->it[b].lemma.size();
  });
  // Bases: must be listed, acyclic, and share an ending with the entry.
  for (ItEntry& e : t->it) {
    if (e.base.empty()) continue;
    const ItEntry* cur = &e;
    for (int depth = 0; !cur->base.empty(); ++depth) {
      auto found = t->it_exact.find(cur->base);
      if (found == t->it_exact.end()) {
        return BadLine(path, e.line, "base verb '" + cur->base + "' is not in the file");
      }
      if (depth > 8) return BadLine(path, e.line, "base verbs form a cycle");
      cur = &t->it[found->second];
    }
    size_t common = 0;
    if (e.suffix) {
      if (!EndsWith(e.base, e.lemma)) {
        return BadLine(path, e.line, "base '" + e.base + "' does not end in -" + e.lemma);
      }
      common = e.lemma.size();
    } else {
      while (common < e.lemma.size() && common < e.base.size() &&
             e.lemma[e.lemma.size() - 1 - common] == e.base[e.base.size() - 1 - common]) {
        ++common;
      }
      if (common < 4) {
        return BadLine(path, e.line,
                       "'" + e.lemma + "' and its base '" + e.base + "' share no stem ending");
      }
    }
    e.common = common;
    e.q = e.base.substr(0, e.base.size() - common);
  }
  // Every base form must begin with the part the entry replaces.
  for (const ItEntry& e : t->it) {
    if (e.base.empty() || e.q.empty()) continue;
    Paradigm base;
    t->ItParadigm(&t->it[t->it_exact.find(e.base)->second], e.base, 0, &base);
    for (const Slot& s : base) {
      if (!StartsWith(s.form, e.q)) {
        return BadLine(
            path, e.line,
            "form '" + s.form + "' of '" + e.base + "' does not begin with '" + e.q + "'");
      }
    }
  }
  std::vector<Paradigm> cache(t->it.size());
  std::vector<Conj> conj(t->it.size(), Conj::kNone);
  for (size_t i = 0; i < t->it.size(); ++i) {
    const ItEntry& e = t->it[i];
    if (!e.suffix) conj[i] = t->ItParadigm(&e, e.lemma, 0, &cache[i]);
  }
  t->it_cache = std::move(cache);
  t->it_cache_conj = std::move(conj);
  return Status::Ok();
}

bool IsEnOption(std::string_view tok) {
  return tok == "double" || tok == "both" || tok == "ck" || tok.find('=') != std::string_view::npos;
}

Status LoadEnglish(const std::string& path, Morphology::Tables* t) {
  return ForEachLine(path, [&](int n, const std::vector<std::string_view>& tok) {
    EnEntry e;
    e.line = n;
    std::string base(tok[0]);
    if (!IsFormText(base)) return BadLine(path, n, "bad verb '" + base + "'");
    size_t i = 1;
    std::string error;
    if (tok.size() >= 2 && !IsEnOption(tok[1])) {
      if (tok.size() < 3 || IsEnOption(tok[2])) {
        return BadLine(path, n,
                       "'" + base + " " + std::string(tok[1]) +
                           "': expected 'BASE PAST PARTICIPLE [options]' or 'BASE option...' "
                           "(options: double both ck s= pres= ing=)");
      }
      std::vector<std::vector<std::string>> past, pp;
      if (!ParseCells(tok[1], &past, &error).ok() || !ParseCells(tok[2], &pp, &error).ok()) {
        return BadLine(path, n, error);
      }
      if (past.size() != 1 || pp.size() != 1) {
        return BadLine(path, n, "alternatives are separated by '|', not ','");
      }
      e.past = std::move(past[0]);
      e.pp = std::move(pp[0]);
      for (const auto* v : {&e.past, &e.pp}) {
        if (std::find(v->begin(), v->end(), "-") != v->end()) {
          return BadLine(path, n, "'-' is not a form");
        }
      }
      i = 3;
    } else if (tok.size() < 2) {
      return BadLine(path, n, "'" + base + "' alone: give its past and participle, or an option");
    }
    for (; i < tok.size(); ++i) {
      std::string_view o = tok[i];
      if (o == "double") {
        e.dbl = true;
      } else if (o == "both") {
        e.both = true;
      } else if (o == "ck") {
        e.ck = true;
      } else if (size_t eq = o.find('='); eq != std::string_view::npos) {
        std::string_view key = o.substr(0, eq);
        std::vector<std::vector<std::string>> v;
        if (!ParseCells(o.substr(eq + 1), &v, &error).ok() || v.size() != 1) {
          return BadLine(path, n, error.empty() ? "bad value in '" + std::string(o) + "'" : error);
        }
        if (key == "s") {
          e.s = std::move(v[0]);
        } else if (key == "pres") {
          e.pres = std::move(v[0]);
        } else if (key == "ing") {
          e.ing = std::move(v[0]);
        } else {
          return BadLine(path, n, "unknown key '" + std::string(key) + "' (keys: s pres ing)");
        }
      } else {
        return BadLine(
            path, n,
            "unknown option '" + std::string(o) + "' (options: double both ck s= pres= ing=)");
      }
    }
    if (t->en.count(base)) {
      return BadLine(path, n,
                     "'" + base + "' already given on line " + std::to_string(t->en[base].line));
    }
    t->en.emplace(std::move(base), std::move(e));
    return Status::Ok();
  });
}

}  // namespace

Result<Morphology> Morphology::Load(const std::string& data_dir, std::string_view lang) {
  auto t = std::make_shared<Tables>();
  t->lang = std::string(lang);
  std::string path = data_dir + "/" + t->lang + "/verbs.txt";
  if (lang == "it") {
    t->rules = Tables::Rules::kItalian;
    CRONISTA_RETURN_IF_ERROR(LoadItalian(path, t.get()));
  } else if (lang == "en") {
    t->rules = Tables::Rules::kEnglish;
    CRONISTA_RETURN_IF_ERROR(LoadEnglish(path, t.get()));
  }
  return Morphology(std::move(t));
}

const std::string& Morphology::lang() const { return tables_->lang; }

// ---------------------------------------------------------------------------
// Verb forms
// ---------------------------------------------------------------------------

void Morphology::Tables::ItVerbForms(std::string_view lemma, std::string_view rest,
                                     std::vector<WordForm>* out) const {
  // Reflexive lemmas inflect as their base verb: recarsi -> recare, porsi ->
  // porre, ridursi -> ridurre. The clitic forms below give back "recarsi".
  std::string reflexive_base;
  std::string_view original = lemma;
  if (lemma.size() >= 5 && EndsWith(lemma, "rsi") && IsAsciiVowel(lemma[lemma.size() - 4])) {
    std::string_view stem = DropLast(lemma, 2);  // "recar", "por"
    std::string rre = Cat(stem, "re");
    if (ItResolve(rre) != nullptr) {
      reflexive_base = std::move(rre);
    } else {
      reflexive_base = Cat(stem, "e");
    }
    lemma = reflexive_base;
  }
  Paradigm p;
  const ItEntry* e = ItResolve(lemma);
  Conj conj = ItParadigm(e, lemma, 0, &p);
  if (conj == Conj::kNone) {
    out->push_back({Cat(original, rest), kInfinitive});
    return;
  }
  out->reserve(p.size() + 32);
  FormCollector forms(out);
  auto emit = [&](std::string f, uint16_t features) {
    if (!rest.empty()) f += rest;
    forms.Add(std::move(f), features);
  };
  // The infinitive slot comes first (overrides never replace it), so the
  // lemma is the first form.
  for (Slot& s : p) {
    uint16_t feat = CellFeatures(s.cell);
    if (s.cell == kCPp && EndsWith(s.form, "o")) {
      // Past participle in four genders/numbers: firmato, firmata, firmati, firmate.
      std::string f = s.form;
      for (char c : {'o', 'a', 'i', 'e'}) {
        f.back() = c;
        emit(f, feat);
      }
      continue;
    }
    if (s.cell == kCInf || s.cell == kCGer) {
      // Enclitic forms: the infinitive loses its final -e (-re after -rr:
      // porre -> porlo), the gerund takes the clitic as is.
      std::string_view base = s.form;
      if (s.cell == kCInf) base = DropLast(base, EndsWith(base, "rre") ? 2 : 1);
      emit(s.form, feat);
      for (std::string_view c : kClitics) emit(Cat(base, c), feat | kEnclitic);
    } else {
      emit(std::move(s.form), feat);
    }
  }
}

void Morphology::Tables::EnVerbForms(std::string_view lemma, std::string_view rest,
                                     std::vector<WordForm>* out) const {
  std::string_view prefix;
  const EnEntry* e = nullptr;
  if (auto found = en.find(lemma); found != en.end()) {
    e = &found->second;
  } else {
    for (std::string_view pre : kEnPrefixes) {
      if (lemma.size() > pre.size() + 1 && StartsWith(lemma, pre)) {
        if (auto f = en.find(lemma.substr(pre.size())); f != en.end() && !f->second.past.empty()) {
          e = &f->second;
          prefix = pre;
          lemma.remove_prefix(pre.size());
          break;
        }
      }
    }
  }
  FormCollector forms(out);
  auto emit = [&](std::string_view f, uint16_t features) {
    std::string s;
    s.reserve(prefix.size() + f.size() + rest.size());
    s.append(prefix);
    s.append(f);
    s.append(rest);
    forms.Add(std::move(s), features);
  };
  bool has_pres = e != nullptr && !e->pres.empty();
  emit(lemma, has_pres ? kInfinitive | kImperative : kInfinitive | kPresent | kImperative);
  if (has_pres) {
    for (const std::string& f : e->pres) emit(f, kPresent);
  }
  if (e != nullptr && !e->s.empty()) {
    for (const std::string& f : e->s) emit(f, kPresent);
  } else {
    emit(EnThird(lemma), kPresent);
  }
  std::vector<std::string> tmp;
  if (e != nullptr && !e->past.empty()) {
    for (const std::string& f : e->past) emit(f, kPast);
    for (const std::string& f : e->pp) emit(f, kParticiple);
  } else {
    EnEd(lemma, e, &tmp);
    for (const std::string& f : tmp) emit(f, kPast | kParticiple);
  }
  tmp.clear();
  if (e != nullptr && !e->ing.empty()) {
    tmp = e->ing;
  } else {
    EnIng(lemma, e, &tmp);
  }
  for (const std::string& f : tmp) emit(f, kGerund);
}

std::vector<WordForm> Morphology::VerbForms(std::string_view lemma_in) const {
  std::vector<WordForm> out;
  std::string lemma = NormalizeWord(lemma_in);
  // Several words: inflect the first, keep the rest ("carry out").
  size_t sep = lemma.find_first_of(" _");
  std::string_view word = std::string_view(lemma).substr(0, sep);
  std::string_view rest =
      sep == std::string::npos ? std::string_view() : std::string_view(lemma).substr(sep);
  if (word.empty()) return out;
  switch (tables_->rules) {
    case Tables::Rules::kItalian:
      tables_->ItVerbForms(word, rest, &out);
      break;
    case Tables::Rules::kEnglish:
      tables_->EnVerbForms(word, rest, &out);
      break;
    case Tables::Rules::kNone:
      out.push_back({lemma, kInfinitive});
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Noun forms
// ---------------------------------------------------------------------------

std::vector<std::string> Morphology::Tables::ItNounForms(std::string_view w) const {
  std::vector<std::string> out{std::string(w)};
  for (const NounIrregular& n : kItNouns) {
    if (n.singular == w) {
      for (std::string_view p : SplitOn(n.plurals, '|')) AddUnique(&out, std::string(p));
      return out;
    }
  }
  // Invariable: ending in a consonant or an accented vowel (film, città), in
  // -i (crisi) or -ie (specie, serie), or a single syllable (re, gru).
  char last = w.back();
  if (!IsAsciiVowel(last) || last == 'i' || EndsWith(w, "ie") || VowelGroups(w) < 2) return out;
  auto add = [&](std::string_view stem, std::string_view ending) {
    AddUnique(&out, Cat(stem, ending));
  };
  bool masculine_a =
      std::find(std::begin(kItMasculineA), std::end(kItMasculineA), w) != std::end(kItMasculineA);
  if (last == 'o') {
    std::string_view st = DropLast(w, 1);
    if (EndsWith(w, "co") || EndsWith(w, "go")) {
      // -co/-go: hard plural (parchi, dialoghi); -ci for the many sdruccioli
      // (politici; stress cannot be told from spelling, so -co gives both) and
      // -gi for -ologo persons (psicologi). Feminine -ca/-che, -ga/-ghe.
      add(st, "hi");
      if (EndsWith(w, "co") || EndsWith(w, "ologo") || EndsWith(w, "ofago")) add(st, "i");
      add(st, "a");
      add(st, "he");
    } else if (EndsWith(w, "io")) {
      // -io: studi (and zii, rinvii with a stressed i); feminine -ia, -ie;
      // -cio/-gio: baci, grigia, grige|grigie.
      st = DropLast(w, 2);
      bool soft = EndsWith(st, "c") || EndsWith(st, "g");
      add(st, "i");
      if (!soft) add(st, "ii");
      add(st, "ia");
      if (soft) add(st, "e");
      add(st, "ie");
    } else {
      add(st, "i");
      add(st, "a");
      add(st, "e");
    }
    return out;
  }
  if (last == 'a') {
    std::string_view st = DropLast(w, 1);
    bool hard = EndsWith(w, "ca") || EndsWith(w, "ga");
    // Masculine and common-gender nouns in -a: -ista, -cida, -iatra, -arca
    // (giornalisti, omicidi, pediatri, monarchi) and a listed few (problemi).
    bool common = EndsWith(w, "ista") || EndsWith(w, "cida") || EndsWith(w, "iatra") ||
                  EndsWith(w, "arca") || masculine_a;
    if (common) add(st, hard ? "hi" : "i");
    if (masculine_a && !EndsWith(w, "ista")) return out;  // problema: no *probleme
    if (hard) {
      add(st, "he");  // politica -> politiche, strega -> streghe
    } else if (EndsWith(w, "cia") || EndsWith(w, "gia")) {
      // -cia/-gia: province, camicie; usage varies, so both spellings.
      add(DropLast(w, 2), "e");
      add(st, "e");
    } else {
      add(st, "e");
    }
    return out;
  }
  if (last == 'e') {
    add(DropLast(w, 1), "i");  // nazione -> nazioni, forte -> forti
    return out;
  }
  return out;  // -u: gnu, tabù written without its accent
}

std::vector<std::string> Morphology::Tables::EnNounForms(std::string_view w) const {
  std::vector<std::string> out{std::string(w)};
  for (const NounIrregular& n : kEnNouns) {
    if (n.singular == w) {
      for (std::string_view p : SplitOn(n.plurals, '|')) AddUnique(&out, std::string(p));
      return out;
    }
  }
  if (std::find(std::begin(kEnInvariable), std::end(kEnInvariable), w) != std::end(kEnInvariable)) {
    return out;
  }
  // -man -> -men (spokesman, chairwoman), but not human, German...
  if (EndsWith(w, "man") && std::find(std::begin(kEnManExceptions), std::end(kEnManExceptions),
                                      w) == std::end(kEnManExceptions)) {
    AddUnique(&out, Cat(DropLast(w, 2), "en"));
    return out;
  }
  if (EndsWith(w, "sis") && w.size() > 4) {  // crisis -> crises, analysis -> analyses
    AddUnique(&out, Cat(DropLast(w, 2), "es"));
    return out;
  }
  // Already plural (talks, sanctions, series): ending in -s after a consonant
  // other than s, or in -ies.
  if (EndsWith(w, "ies") || (w.size() > 2 && w.back() == 's' && !IsAsciiVowel(w[w.size() - 2]) &&
                             w[w.size() - 2] != 's' && w[w.size() - 2] != 'y')) {
    return out;
  }
  if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") ||
      EndsWith(w, "sh")) {
    AddUnique(&out, Cat(w, "es"));
  } else if (EndsWith(w, "y") && ConsonantBefore(w, 1)) {
    AddUnique(&out, Cat(DropLast(w, 1), "ies"));
  } else {
    AddUnique(&out, Cat(w, "s"));
  }
  return out;
}

std::vector<std::string> Morphology::NounForms(std::string_view word_in) const {
  std::string w = NormalizeWord(word_in);
  if (w.empty()) return {};
  if (w.find_first_of(" _") != std::string::npos) return {w};
  switch (tables_->rules) {
    case Tables::Rules::kItalian:
      return tables_->ItNounForms(w);
    case Tables::Rules::kEnglish:
      return tables_->EnNounForms(w);
    case Tables::Rules::kNone:
      break;
  }
  return {w};
}

}  // namespace cronista
