// ParseJsonLine: one article as one JSON object.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "cronista/reader.h"
#include "text/reader_common.h"
#include "text/utf8.h"

namespace cronista {

namespace {

// Ordered, so that unknown fields pass through in their input order.
using Json = nlohmann::ordered_json;

// Parse error messages quote the input; keep them printable on one line.
constexpr size_t kMaxErrorDetailBytes = 200;

// Records the first syntax error of a SAX parse and ignores everything else.
// Used only to explain a line that Json::parse rejected.
class ErrorCatcher : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    position_ = position;
    std::string_view what = ex.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line
    // 1, column 18: " prefix: the position is reported separately.
    size_t column = what.find("column ");
    size_t colon = column == std::string_view::npos ? column : what.find(": ", column);
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
    detail_ = RepairUtf8(TruncateUtf8(what, kMaxErrorDetailBytes));
    return false;
  }

  size_t position() const { return position_; }
  const std::string& detail() const { return detail_; }

 private:
  size_t position_ = 0;
  std::string detail_ = "syntax error";
};

Status ParseError(std::string_view line, std::string_view origin) {
  ErrorCatcher catcher;
  Json::sax_parse(line, &catcher);
  return Status::InvalidArgument(std::string(origin) + ": JSON parse error at byte " +
                                 std::to_string(catcher.position()) + ": " + catcher.detail());
}

std::string Quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

// The known string fields and where they go.
std::string* StringField(std::string_view key, DocumentMeta* meta) {
  if (key == "url") return &meta->url;
  if (key == "title") return &meta->title;
  if (key == "source") return &meta->source;
  if (key == "section") return &meta->section;
  return nullptr;
}

// Applies a known metadata field to `meta`; returns false when its value has
// the wrong type or shape (the caller then keeps it in `extra` and warns).
// Null values count as absent.
bool ApplyField(std::string_view key, const Json& value, Document* doc) {
  DocumentMeta& meta = doc->meta;
  if (value.is_null()) return true;
  if (std::string* field = StringField(key, &meta)) {
    if (!value.is_string()) return false;
    *field = value.get<std::string>();
    return true;
  }
  if (key == "id") {
    if (value.is_string()) {
      // An empty id names nothing: keep the derived one.
      if (!value.get_ref<const std::string&>().empty()) meta.id = value.get<std::string>();
    } else if (value.is_number()) {
      meta.id = value.dump();
    } else {
      return false;
    }
    return true;
  }
  if (key == "lang") {
    if (!value.is_string()) return false;
    const std::string& tag = value.get_ref<const std::string&>();
    if (TrimAscii(tag).empty()) return true;
    std::optional<std::string> lang = LanguageFromTag(tag);
    if (!lang) return false;
    meta.lang = *lang;
    meta.lang_from_meta = true;
    meta.lang_confidence = 1.0;
    return true;
  }
  // key == "date": strings, or numbers such as 2024 or 20240619.
  std::string text = value.is_string()   ? value.get<std::string>()
                     : value.is_number() ? value.dump()
                                         : std::string();
  std::optional<PartialDate> date = PartialDate::Parse(text);
  if (!date) {
    doc->AddWarning("bad_date", "unrecognised date " + RepairUtf8(TruncateUtf8(value.dump(), 100)) +
                                    ", kept in extra");
    return false;
  }
  meta.date = *date;
  return true;
}

bool IsKnownField(std::string_view key) {
  return key == "id" || key == "url" || key == "title" || key == "source" || key == "section" ||
         key == "lang" || key == "date";
}

}  // namespace

Status ParseJsonLine(std::string_view line, std::string_view origin, const ReaderOptions& options,
                     Document* doc) {
  doc->meta.origin = std::string(origin);
  if (line.size() > options.max_document_bytes) {
    return OversizeError(origin, line.size(), options.max_document_bytes);
  }
  line = StripUtf8Bom(line);
  if (TrimAscii(line).empty()) return EmptyDocumentError(origin);
  Result<Utf8Scan> scan = CheckTextBytes(line, origin, options);
  if (!scan.ok()) return scan.status();
  // The JSON parser rejects invalid UTF-8, so repair first (and warn).
  std::string repaired;
  if (!scan->valid()) {
    repaired = RepairText(line, *scan, doc);
    line = repaired;
  }

  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return ParseError(line, origin);
  if (!j.is_object()) {
    return Status::InvalidArgument(std::string(origin) + ": JSON line is " +
                                   std::string(j.type_name()) + ", not an object");
  }

  // The text: "text", else "body", else "content"; the first present and not
  // null is the one. Aliases not used as the text are unknown fields.
  std::string text_key;
  for (const char* key : {"text", "body", "content"}) {
    auto it = j.find(key);
    if (it != j.end() && !it->is_null()) {
      text_key = key;
      break;
    }
  }

  Json extra = Json::object();
  for (auto& [key, value] : j.items()) {
    if (key == text_key || (key == "text" && value.is_null())) continue;
    if (IsKnownField(key)) {
      if (ApplyField(key, value, doc)) continue;
      if (key != "date") {
        doc->AddWarning("bad_field", Quoted(key) + " is " + std::string(value.type_name()) +
                                         ", not the expected value; kept in extra");
      }
    }
    extra[key] = std::move(value);
  }
  if (!extra.empty()) {
    doc->meta.extra_json =
        extra.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
  }

  if (text_key.empty()) {
    return Status::InvalidArgument(std::string(origin) +
                                   ": no \"text\" field (nor \"body\" or \"content\")");
  }
  Json& text = j[text_key];
  if (!text.is_string()) {
    return Status::InvalidArgument(std::string(origin) + ": " + Quoted(text_key) + " is " +
                                   std::string(text.type_name()) + ", not a string");
  }
  doc->text = std::move(text.get_ref<std::string&>());
  // Escapes can put NUL bytes in the text; the same rules as for files apply.
  Result<Utf8Scan> text_scan = CheckTextBytes(doc->text, origin, options);
  if (!text_scan.ok()) return text_scan.status();
  if (IsBlankUtf8(doc->text)) return EmptyDocumentError(origin);
  return Status::Ok();
}

}  // namespace cronista
