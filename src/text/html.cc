// ParseHtml: the article text and metadata of an HTML page, parsed by Gumbo.
#include <gumbo.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cronista/reader.h"
#include "text/reader_common.h"
#include "text/utf8.h"

namespace cronista {

namespace {

// ---------------------------------------------------------------------------
// Bounding Gumbo's cost.
//
// Time: Gumbo's tree construction scans the stack of open elements for most
// tags, so its time grows with tags × nesting depth (100,000 nested <div>s
// take 16 s). Before parsing, a rough tokenizer estimates that product and
// pages over kMaxWork are refused. Real pages are far under it (a 10 MB page:
// ~300,000 tags at depth ~30, ~10 M).
//
// Memory: Gumbo needs some 150 bytes per element, and HTML's rules can make
// many elements from few bytes (26 KB of unclosed <b id=N> tags re-opened in
// 2,000 <div>s make 400,000 elements). So Gumbo allocates from a GumboArena
// with a hard budget: past it, the parse is abandoned and all its memory
// freed at once.
constexpr uint64_t kMaxWork = 100'000'000;
constexpr size_t kMaxGumboBytes = size_t{256} << 20;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (EqualsIgnoreCase(name, n)) return true;
  }
  return false;
}

// Position of the first case-insensitive occurrence of `needle` in `s` at or
// after `from`, or npos.
size_t FindIgnoreCase(std::string_view s, std::string_view needle, size_t from = 0) {
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    if (EqualsIgnoreCase(s.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

// Estimates Gumbo's work on `html`: the sum over tags of the open-element
// stack size, from a simplified tokenizer. Comments, raw-text elements, void
// elements and the implicit closing of a <p>, <li>, ... by a sibling of the
// same name are modelled; the rest of HTML's tree-construction rules are not,
// and where the model is unsure it errs towards more work. Stops counting
// past kMaxWork.
uint64_t EstimateWork(std::string_view html) {
  uint64_t work = 0;
  std::vector<std::string_view> open;
  size_t foreign = 0;  // open <svg>/<math>, where "/>" closes an element
  size_t i = 0;
  while (work <= kMaxWork && (i = html.find('<', i)) != std::string_view::npos) {
    if (html.substr(i).starts_with("<!--")) {
      // Ends at "-->" or "--!>"; "<!-->" and "<!--->" are whole comments.
      size_t end = std::min(html.find("-->", i + 2), html.find("--!>", i + 2));
      i = end == std::string_view::npos ? html.size() : html.find('>', end) + 1;
      continue;
    }
    bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    size_t name_start = i + 1 + (end_tag ? 1 : 0);
    if (name_start >= html.size() || !IsAsciiAlpha(html[name_start])) {
      ++i;  // "<!doctype", "<?xml", "< 3": not an element
      continue;
    }
    size_t name_end = name_start;
    while (name_end < html.size() &&
           std::string_view(" \t\r\n\f/>").find(html[name_end]) == std::string_view::npos) {
      ++name_end;
    }
    std::string_view name = html.substr(name_start, name_end - name_start);
    // The end of the tag: the first '>' outside a quoted attribute value (a
    // quote opens a value only right after '=').
    size_t j = name_end;
    char quote = 0;
    char last = 0;  // last non-blank character outside quotes
    for (; j < html.size(); ++j) {
      char c = html[j];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if ((c == '"' || c == '\'') && last == '=') {
        quote = c;
      } else if (c == '>') {
        break;
      }
      if (quote == 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') last = c;
    }
    bool self_closing = j > name_end && j < html.size() && html[j - 1] == '/';
    i = j < html.size() ? j + 1 : html.size();

    if (end_tag) {
      for (size_t k = open.size(); k-- > 0;) {
        ++work;
        if (EqualsIgnoreCase(open[k], name)) {
          for (size_t m = k; m < open.size(); ++m) {
            if (IsOneOf(open[m], {"svg", "math"})) --foreign;
          }
          open.resize(k);
          break;
        }
      }
      continue;
    }
    // Void elements are HTML's; in <svg>/<math> "/>" closes any element.
    if (foreign > 0 ? self_closing
                    : IsOneOf(name, {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                     "link", "meta", "param", "source", "track", "wbr"})) {
      continue;
    }
    if (!open.empty() && EqualsIgnoreCase(open.back(), name) &&
        IsOneOf(name, {"p", "li", "dt", "dd", "option", "tr", "td", "th"})) {
      open.pop_back();
    }
    open.push_back(name);
    if (IsOneOf(name, {"svg", "math"})) ++foreign;
    work += open.size();
    if (foreign > 0) continue;  // inside <svg>/<math> no element holds raw text
    if (IsOneOf(name,
                {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})) {
      size_t close = FindIgnoreCase(html, "</" + std::string(name), i);
      i = close == std::string_view::npos ? html.size() : close;
    } else if (EqualsIgnoreCase(name, "plaintext")) {
      break;
    }
  }
  return work;
}

// Gumbo's allocator: every block is linked into the arena so that a parse
// can be abandoned midway (by longjmp from Allocate, back into
// ParseWithBudget) and all its memory freed by the destructor. Freeing
// everything at once also spares Gumbo's recursive gumbo_destroy_output.
class GumboArena {
 public:
  explicit GumboArena(size_t budget) : budget_(budget) {}
  ~GumboArena() {
    while (head_ != nullptr) {
      Block* next = head_->next;
      std::free(head_);
      head_ = next;
    }
  }
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;

  // Parses `html`; nullptr when the memory budget ran out.
  GumboOutput* ParseWithBudget(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &Allocate;
    options.deallocator = &Deallocate;
    options.userdata = this;
    options.max_errors = 0;  // Gumbo's error list is not used: do not build it
    // Allocate() longjmps here when over budget. Only Gumbo's C frames lie
    // in between, so no destructor is skipped.
    if (setjmp(exhausted_) != 0) return nullptr;
    return gumbo_parse_with_options(&options, html.data(), html.size());
  }

 private:
  struct alignas(std::max_align_t) Block {
    Block* prev;
    Block* next;
    size_t size;
  };

  static void* Allocate(void* userdata, size_t size) {
    auto* arena = static_cast<GumboArena*>(userdata);
    Block* b = nullptr;
    if (size <= arena->budget_ - arena->live_) {
      b = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    }
    if (b == nullptr) std::longjmp(arena->exhausted_, 1);
    *b = {nullptr, arena->head_, size};
    if (arena->head_ != nullptr) arena->head_->prev = b;
    arena->head_ = b;
    arena->live_ += size;
    return b + 1;
  }

  static void Deallocate(void* userdata, void* ptr) {
    if (ptr == nullptr) return;
    auto* arena = static_cast<GumboArena*>(userdata);
    Block* b = static_cast<Block*>(ptr) - 1;
    (b->prev != nullptr ? b->prev->next : arena->head_) = b->next;
    if (b->next != nullptr) b->next->prev = b->prev;
    arena->live_ -= b->size;
    std::free(b);
  }

  size_t budget_;
  size_t live_ = 0;
  Block* head_ = nullptr;
  std::jmp_buf exhausted_;
};

// ---------------------------------------------------------------------------
// Character sets.

// The charset declared in the first 1024 bytes (<meta charset=...> or
// http-equiv Content-Type), lower-cased; empty when none.
std::string DeclaredCharset(std::string_view html) {
  std::string_view head = html.substr(0, 1024);
  size_t at = FindIgnoreCase(head, "charset");
  if (at == std::string_view::npos) return {};
  size_t i = at + 7;
  while (i < head.size() &&
         (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\'')) {
    ++i;
  }
  std::string name;
  while (i < head.size() && (IsAsciiAlpha(head[i]) || (head[i] >= '0' && head[i] <= '9') ||
                             std::string_view("-_.:").find(head[i]) != std::string_view::npos)) {
    name.push_back(Lower(head[i++]));
  }
  return name;
}

// `bytes` converted from `charset` to UTF-8 with ICU, or nullopt when ICU
// does not know the charset. Labels that browsers read as windows-1252 are
// read so here too.
std::optional<std::string> ToUtf8(std::string_view bytes, std::string charset) {
  if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" ||
      charset == "ascii") {
    charset = "windows-1252";
  }
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset.c_str(), &err),
                                                          ucnv_close);
  if (U_FAILURE(err)) return std::nullopt;
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), err);
  if (U_FAILURE(err)) return std::nullopt;
  std::string out;
  text.toUTF8String(out);
  return out;
}

// ---------------------------------------------------------------------------
// Walking Gumbo's tree, without recursion (pages can nest deeply).

const GumboVector* Children(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
      return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return &node->v.element.children;
    default:
      return nullptr;
  }
}

bool IsElement(const GumboNode* node) { return node->type == GUMBO_NODE_ELEMENT; }
GumboTag TagOf(const GumboNode* node) {
  return IsElement(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}

// Calls enter(node) on each node of the subtree in document order; enter
// returns false to skip the node's children. After the children, calls
// leave(node) for nodes whose children were visited.
template <typename Enter, typename Leave>
void Walk(const GumboNode* root, Enter enter, Leave leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  if (!enter(root)) return;
  std::vector<Frame> stack{{root, 0}};
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector* children = Children(top.node);
    if (children == nullptr || top.next_child >= children->length) {
      const GumboNode* done = top.node;
      stack.pop_back();
      leave(done);
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[top.next_child++]);
    if (enter(child)) stack.push_back({child, 0});
  }
}

template <typename Enter>
void Walk(const GumboNode* root, Enter enter) {
  Walk(root, enter, [](const GumboNode*) {});
}

std::string_view Attribute(const GumboNode* node, const char* name) {
  if (!IsElement(node)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a != nullptr ? std::string_view(a->value) : std::string_view();
}

// Elements whose content is never article text.
bool IsBoilerplate(const GumboNode* node) {
  switch (TagOf(node)) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_TEMPLATE:
      return true;
    default:
      return node->type == GUMBO_NODE_TEMPLATE ||
             (IsElement(node) && gumbo_get_attribute(&node->v.element.attributes, "hidden"));
  }
}

// Elements that start and end a paragraph of the output.
bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Builds text as paragraphs separated by "\n\n", collapsing each run of
// white space (Unicode White_Space, so also no-break spaces) to one space.
class TextBuilder {
 public:
  void AddText(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      UChar32 c;
      size_t start = i;
      U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, s.size(), c);
      if (c >= 0 && u_isUWhiteSpace(c)) {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !para_.empty() && para_.back() != '\n') para_.push_back(' ');
      pending_space_ = false;
      para_.append(s.substr(start, i - start));
    }
  }
  void LineBreak() {
    if (!para_.empty() && para_.back() != '\n') para_.push_back('\n');
    pending_space_ = false;
  }
  void ParagraphBreak() {
    while (!para_.empty() && para_.back() == '\n') para_.pop_back();
    if (!para_.empty()) {
      if (!out_.empty()) out_.append("\n\n");
      out_.append(para_);
      para_.clear();
    }
    pending_space_ = false;
  }
  std::string Finish() {
    ParagraphBreak();
    return std::move(out_);
  }

 private:
  std::string out_;
  std::string para_;
  bool pending_space_ = false;
};

// The text of the subtree at `root`, boilerplate left out.
std::string ExtractText(const GumboNode* root) {
  TextBuilder text;
  Walk(
      root,
      [&](const GumboNode* node) {
        switch (node->type) {
          case GUMBO_NODE_TEXT:
          case GUMBO_NODE_CDATA:
          case GUMBO_NODE_WHITESPACE:
            text.AddText(node->v.text.text);
            return false;
          case GUMBO_NODE_ELEMENT:
            if (node != root && IsBoilerplate(node)) return false;
            if (TagOf(node) == GUMBO_TAG_BR) text.LineBreak();
            if (IsBlock(TagOf(node))) text.ParagraphBreak();
            return true;
          case GUMBO_NODE_DOCUMENT:
            return true;
          default:  // comments, templates
            return false;
        }
      },
      [&](const GumboNode* node) {
        if (IsBlock(TagOf(node))) text.ParagraphBreak();
      });
  return text.Finish();
}

// `s` on one line, white space collapsed (for titles).
std::string CollapseSpace(std::string_view s) {
  TextBuilder text;
  text.AddText(s);
  return text.Finish();
}

// All text under `node` on one line (for titles).
std::string InlineText(const GumboNode* node) {
  TextBuilder text;
  Walk(node, [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
      text.AddText(n->v.text.text);
      return false;
    }
    return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_DOCUMENT;
  });
  return text.Finish();
}

// Elements of the document with tag `tag`, in document order, outside
// boilerplate when `skip_boilerplate`.
std::vector<const GumboNode*> FindAll(const GumboNode* root, GumboTag tag, bool skip_boilerplate) {
  std::vector<const GumboNode*> found;
  Walk(root, [&](const GumboNode* n) {
    if (!IsElement(n) && n->type != GUMBO_NODE_DOCUMENT) return false;
    if (skip_boilerplate && IsBoilerplate(n)) return false;
    if (TagOf(n) == tag) found.push_back(n);
    return true;
  });
  return found;
}

size_t TextLength(const GumboNode* node) { return ExtractText(node).size(); }

// The element that holds the article: the <article> with the most text, else
// the first <main>, else the element whose <p> children hold the most text,
// else <body>.
const GumboNode* FindArticleRoot(const GumboNode* document, const GumboNode* body) {
  const GumboNode* best = nullptr;
  size_t best_len = 0;
  for (const GumboNode* article : FindAll(document, GUMBO_TAG_ARTICLE, true)) {
    size_t len = TextLength(article);
    if (len > best_len) best = article, best_len = len;
  }
  if (best != nullptr) return best;
  for (const GumboNode* main : FindAll(document, GUMBO_TAG_MAIN, true)) {
    if (TextLength(main) > 0) return main;
  }
  // Parents in document order, so that ties go to the first.
  std::vector<const GumboNode*> parents;
  std::unordered_map<const GumboNode*, size_t> p_text;
  for (const GumboNode* p : FindAll(document, GUMBO_TAG_P, true)) {
    auto [it, added] = p_text.try_emplace(p->parent, 0);
    if (added) parents.push_back(p->parent);
    it->second += TextLength(p);
  }
  for (const GumboNode* parent : parents) {
    if (p_text[parent] > best_len) best = parent, best_len = p_text[parent];
  }
  return best != nullptr ? best : body;
}

// ---------------------------------------------------------------------------
// Metadata.

struct HeadMeta {
  std::string og_title, og_url, og_site_name, canonical;
  std::vector<std::string> dates;  // candidates, best first
};

HeadMeta ReadHeadMeta(const GumboNode* document) {
  HeadMeta m;
  std::string published, pubdate, other_date;
  Walk(document, [&](const GumboNode* n) {
    if (!IsElement(n) && n->type != GUMBO_NODE_DOCUMENT) return false;
    if (TagOf(n) == GUMBO_TAG_META) {
      std::string_view key = Attribute(n, "property");
      if (key.empty()) key = Attribute(n, "name");
      if (key.empty()) key = Attribute(n, "itemprop");
      std::string content(TrimAscii(Attribute(n, "content")));
      if (content.empty()) return false;
      if (EqualsIgnoreCase(key, "og:title") && m.og_title.empty()) m.og_title = content;
      if (EqualsIgnoreCase(key, "og:url") && m.og_url.empty()) m.og_url = content;
      if (EqualsIgnoreCase(key, "og:site_name") && m.og_site_name.empty()) {
        m.og_site_name = content;
      }
      if (EqualsIgnoreCase(key, "article:published_time") && published.empty()) {
        published = content;
      }
      if (IsOneOf(key, {"pubdate", "publishdate", "datePublished"}) && pubdate.empty()) {
        pubdate = content;
      }
      if (IsOneOf(key, {"date", "dc.date", "dc.date.issued"}) && other_date.empty()) {
        other_date = content;
      }
      return false;
    }
    if (TagOf(n) == GUMBO_TAG_LINK && m.canonical.empty()) {
      std::string_view rel = Attribute(n, "rel");
      if (FindIgnoreCase(rel, "canonical") != std::string_view::npos) {
        m.canonical = std::string(TrimAscii(Attribute(n, "href")));
      }
      return false;
    }
    return true;
  });
  for (std::string* d : {&published, &pubdate, &other_date}) {
    if (!d->empty()) m.dates.push_back(std::move(*d));
  }
  return m;
}

void FillMeta(const GumboOutput* out, Document* doc) {
  DocumentMeta& meta = doc->meta;
  HeadMeta head = ReadHeadMeta(out->document);

  if (std::optional<std::string> lang = LanguageFromTag(Attribute(out->root, "lang"))) {
    meta.lang = *lang;
    meta.lang_from_meta = true;
    meta.lang_confidence = 1.0;
  }

  meta.title = CollapseSpace(head.og_title);
  if (meta.title.empty()) {
    std::vector<const GumboNode*> titles = FindAll(out->document, GUMBO_TAG_TITLE, false);
    if (!titles.empty()) meta.title = InlineText(titles.front());
  }
  if (meta.title.empty()) {
    std::vector<const GumboNode*> h1 = FindAll(out->document, GUMBO_TAG_H1, false);
    if (!h1.empty()) meta.title = InlineText(h1.front());
  }

  meta.url = !head.canonical.empty() ? head.canonical : head.og_url;
  meta.source = head.og_site_name;

  for (const GumboNode* time : FindAll(out->document, GUMBO_TAG_TIME, false)) {
    std::string_view datetime = TrimAscii(Attribute(time, "datetime"));
    if (!datetime.empty()) {
      head.dates.emplace_back(datetime);
      break;
    }
  }
  for (const std::string& d : head.dates) {
    if (std::optional<PartialDate> date = PartialDate::Parse(d)) {
      meta.date = *date;
      return;
    }
  }
  if (!head.dates.empty()) {
    doc->AddWarning("bad_date", "unrecognised date \"" +
                                    std::string(TruncateUtf8(head.dates.front(), 100)) +
                                    "\" in the HTML metadata");
  }
}

}  // namespace

Status ParseHtml(std::string_view bytes, std::string_view origin, const ReaderOptions& options,
                 Document* doc) {
  doc->meta.origin = std::string(origin);
  if (bytes.size() > options.max_document_bytes) {
    return OversizeError(origin, bytes.size(), options.max_document_bytes);
  }
  if (bytes.size() > UINT32_MAX) return OversizeError(origin, bytes.size(), UINT32_MAX);
  std::string_view raw = StripUtf8Bom(bytes);

  // A page that is not UTF-8 but declares its charset is converted first.
  std::string converted;
  if (!ScanUtf8(raw).valid()) {
    std::string charset = DeclaredCharset(raw);
    if (!charset.empty() && charset != "utf-8" && charset != "utf8") {
      if (std::optional<std::string> utf8 = ToUtf8(raw, charset)) {
        converted = std::move(*utf8);
        raw = converted;
      }
    }
  }
  Result<Utf8Scan> scan = CheckTextBytes(raw, origin, options);
  if (!scan.ok()) return scan.status();
  std::string html = RepairText(raw, *scan, doc);

  if (EstimateWork(html) > kMaxWork) {
    return Status::ResourceExhausted(std::string(origin) +
                                     ": HTML nests elements too deeply to parse in bounded time");
  }
  GumboArena arena(kMaxGumboBytes);
  GumboOutput* out = arena.ParseWithBudget(html);
  if (out == nullptr) {
    return Status::ResourceExhausted(std::string(origin) + ": HTML parse tree over the " +
                                     std::to_string(kMaxGumboBytes >> 20) + " MiB memory limit");
  }
  FillMeta(out, doc);
  std::vector<const GumboNode*> bodies = FindAll(out->document, GUMBO_TAG_BODY, false);
  const GumboNode* body = bodies.empty() ? out->root : bodies.front();
  const GumboNode* article = FindArticleRoot(out->document, body);
  doc->text = ExtractText(article);
  if (doc->text.empty() && article != body) doc->text = ExtractText(body);

  if (IsBlankUtf8(doc->text)) {
    return Status::InvalidArgument(std::string(origin) +
                                   ": empty document (no article text in the HTML)");
  }
  return Status::Ok();
}

}  // namespace cronista
