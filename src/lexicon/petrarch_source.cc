#include "lexicon/petrarch_source.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "text/utf8.h"

namespace cronista {

Status ReadPetrarchSource(const std::string& path, PetrarchSource* f,
                          std::vector<std::string>* notes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::NotFound("no such file: " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path);
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  f->text.resize(size > 0 ? static_cast<size_t>(size) : 0);
  if (size > 0 && !in.read(f->text.data(), size)) return Status::IoError("error reading " + path);
  f->path = path;
  f->name = fs::path(path).filename().string();
  if (!ScanUtf8(f->text).valid()) {
    f->text = RepairUtf8(f->text);
    if (notes != nullptr) notes->push_back(f->name + ": invalid UTF-8 replaced with U+FFFD");
  }
  std::string_view body = StripUtf8Bom(f->text);
  while (!body.empty()) {
    size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f->lines.push_back(line);
    if (nl == std::string_view::npos) break;
    body.remove_prefix(nl + 1);
  }
  return Status::Ok();
}

}  // namespace cronista
