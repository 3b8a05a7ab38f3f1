// DocumentSource: files, directories and standard input as a stream of
// documents; plus the InputFormat names.
#include "cronista/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "text/gzip.h"
#include "text/reader_common.h"
#include "text/reader_source.h"
#include "text/reader_stream.h"
#include "text/utf8.h"

namespace cronista {

namespace fs = std::filesystem;

std::string_view InputFormatName(InputFormat f) {
  switch (f) {
    case InputFormat::kAuto:
      return "auto";
    case InputFormat::kText:
      return "text";
    case InputFormat::kJsonLines:
      return "jsonl";
    case InputFormat::kHtml:
      return "html";
  }
  return "auto";
}

bool ParseInputFormat(std::string_view name, InputFormat* out) {
  for (InputFormat f :
       {InputFormat::kAuto, InputFormat::kText, InputFormat::kJsonLines, InputFormat::kHtml}) {
    if (name == InputFormatName(f)) {
      *out = f;
      return true;
    }
  }
  return false;
}

namespace {

// How much of a document's start the format sniffer looks at.
constexpr size_t kSniffBytes = 1024;

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - suffix.size(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

std::string_view WithoutGzSuffix(std::string_view name) {
  if (EndsWithIgnoreCase(name, ".gz")) name.remove_suffix(3);
  return name;
}

// `name` without ".gz" and then without its last extension: "a.jsonl.gz" ->
// "a", "business/001.txt" -> "business/001". A leading dot is not an
// extension.
std::string StripExtensions(std::string_view name) {
  name = WithoutGzSuffix(name);
  size_t slash = name.rfind('/');
  size_t base = slash == std::string_view::npos ? 0 : slash + 1;
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > base) name = name.substr(0, dot);
  return std::string(name);
}

InputFormat FormatFromName(std::string_view name) {
  name = WithoutGzSuffix(name);
  for (std::string_view ext : {".txt", ".text"}) {
    if (EndsWithIgnoreCase(name, ext)) return InputFormat::kText;
  }
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"}) {
    if (EndsWithIgnoreCase(name, ext)) return InputFormat::kJsonLines;
  }
  for (std::string_view ext : {".html", ".htm", ".xhtml"}) {
    if (EndsWithIgnoreCase(name, ext)) return InputFormat::kHtml;
  }
  return InputFormat::kAuto;
}

// The format of a document from its first bytes: '{' first -> JSON Lines,
// '<' first and an <html> or <!doctype html> tag -> HTML, else text.
InputFormat SniffFormat(std::string_view head) {
  head = TrimAscii(StripUtf8Bom(head));
  if (head.starts_with('{')) return InputFormat::kJsonLines;
  if (head.starts_with('<')) {
    std::string lower(head);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("<!doctype html") != std::string::npos ||
        lower.find("<html") != std::string::npos) {
      return InputFormat::kHtml;
    }
  }
  return InputFormat::kText;
}

// `status` with "<origin>: " before its message, same code.
Status WithOrigin(const Status& status, std::string_view origin) {
  return Status(status.code(), std::string(origin) + ": " + status.message());
}

Status ErrnoError(std::string_view origin, std::string_view what, int err) {
  return Status::IoError(std::string(origin) + ": " + std::string(what) + ": " +
                         std::strerror(err));
}

// A file to read, and how to name it.
struct FileEntry {
  fs::path path;       // to open
  std::string origin;  // for meta.origin and messages (valid UTF-8)
  std::string id;      // derived id (valid UTF-8)
  std::string name;    // the file name, for the format and the ".gz" suffix
};

// Walks a directory depth-first. Each directory's entries are visited in the
// byte order of their names, a directory's name compared as "name/": the
// walk yields files in the sorted order of their relative paths. Names
// starting with '.' are skipped, as are symbolic links to directories (no
// loops) and anything that is not a regular file or a directory.
class DirectoryWalk {
 public:
  DirectoryWalk(fs::path root, std::string root_given)
      : root_(std::move(root)), root_given_(std::move(root_given)) {
    levels_.emplace_back();
  }

  enum class Step { kFile, kError, kDone };

  // The next file, or an error for a directory that cannot be listed (then
  // `error_origin` names it).
  Step Next(FileEntry* file, Status* error, std::string* error_origin) {
    while (!levels_.empty()) {
      Level& level = levels_.back();
      if (!level.listed) {
        level.listed = true;
        std::error_code ec = List(&level);
        if (ec) {
          *error_origin = Origin(level.rel);
          *error = Status::IoError(*error_origin + ": cannot list directory: " + ec.message());
          levels_.pop_back();
          return Step::kError;
        }
      }
      if (level.next == level.children.size()) {
        levels_.pop_back();
        continue;
      }
      const Child& child = level.children[level.next++];
      fs::path rel = level.rel / child.name;
      if (child.is_dir) {
        levels_.emplace_back().rel = rel;
        continue;
      }
      file->path = root_ / rel;
      file->origin = Origin(rel);
      file->id = RepairUtf8(StripExtensions(rel.generic_string()));
      file->name = child.name;
      return Step::kFile;
    }
    return Step::kDone;
  }

 private:
  struct Child {
    std::string name;
    bool is_dir = false;
  };
  struct Level {
    fs::path rel;  // relative to the root
    std::vector<Child> children;
    size_t next = 0;
    bool listed = false;
  };

  std::string Origin(const fs::path& rel) const {
    return RepairUtf8((rel.empty() ? fs::path(root_given_) : fs::path(root_given_) / rel).string());
  }

  std::error_code List(Level* level) const {
    std::error_code ec;
    fs::directory_iterator it(root_ / level->rel, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.starts_with('.')) continue;
      std::error_code type_ec;
      fs::file_status st = it->symlink_status(type_ec);
      if (!type_ec && fs::is_symlink(st)) {
        st = it->status(type_ec);
        if (!type_ec && fs::is_directory(st)) continue;
      }
      if (type_ec) continue;  // vanished or dangling: nothing to read
      if (fs::is_directory(st)) {
        level->children.push_back({std::move(name), true});
      } else if (fs::is_regular_file(st)) {
        level->children.push_back({std::move(name), false});
      }
    }
    if (ec) return ec;
    std::sort(level->children.begin(), level->children.end(), [](const Child& a, const Child& b) {
      return (a.is_dir ? a.name + '/' : a.name) < (b.is_dir ? b.name + '/' : b.name);
    });
    return {};
  }

  fs::path root_;
  std::string root_given_;
  std::vector<Level> levels_;
};

// The documents of one JSON Lines stream, one per non-blank line.
class JsonLinesReader {
 public:
  JsonLinesReader(std::unique_ptr<BufferedReader> in, std::string origin, std::string stem,
                  const ReaderOptions& options)
      : in_(std::move(in)), origin_(std::move(origin)), stem_(std::move(stem)), options_(options) {}

  // Fills `item` from the next non-blank line; false at the end of the
  // stream. A read error ends the stream after being reported once. A stream
  // without any non-blank line is reported as one empty document.
  bool Next(ReadItem* item) {
    while (!done_) {
      bool overlong = false;
      Result<bool> got = in_->ReadLine(options_.max_document_bytes, &line_, &overlong);
      *item = ReadItem();
      if (got.ok() && !*got) {
        done_ = true;
        if (produced_) return false;
        item->doc.meta.origin = origin_;
        item->doc.meta.id = stem_;
        item->status = EmptyDocumentError(origin_);
        return true;
      }
      ++line_no_;
      std::string origin = origin_ + ":" + std::to_string(line_no_);
      item->doc.meta.origin = origin;
      item->doc.meta.id = stem_ + ":" + std::to_string(line_no_);
      if (!got.ok()) {
        done_ = true;
        item->status = WithOrigin(got.status(), origin);
      } else if (overlong) {
        item->status = OversizeStreamError(origin, options_.max_document_bytes);
      } else if (TrimAscii(StripUtf8Bom(line_)).empty()) {
        continue;
      } else {
        item->status = ParseJsonLine(line_, origin, options_, &item->doc);
      }
      produced_ = true;
      return true;
    }
    return false;
  }

 private:
  std::unique_ptr<BufferedReader> in_;
  std::string origin_, stem_;
  ReaderOptions options_;
  std::string line_;
  size_t line_no_ = 0;
  bool produced_ = false;  // an item came out of this stream
  bool done_ = false;
};

class Source : public DocumentSource {
 public:
  Source(std::vector<std::string> inputs, const ReaderOptions& options,
         std::unique_ptr<ByteStream> standard_input)
      : inputs_(std::move(inputs)), options_(options), stdin_(std::move(standard_input)) {}

  bool Next(ReadItem* item) override {
    for (;;) {
      *item = ReadItem();
      if (lines_ != nullptr) {
        if (lines_->Next(item)) return true;
        lines_.reset();
      }
      if (walk_) {
        FileEntry file;
        Status error;
        std::string error_origin;
        switch (walk_->Next(&file, &error, &error_origin)) {
          case DirectoryWalk::Step::kFile:
            if (ReadFile(file, item)) return true;
            continue;
          case DirectoryWalk::Step::kError:
            item->doc.meta.origin = item->doc.meta.id = error_origin;
            item->status = std::move(error);
            return true;
          case DirectoryWalk::Step::kDone:
            walk_.reset();
            continue;
        }
      }
      if (next_input_ == inputs_.size()) return false;
      const std::string& input = inputs_[next_input_++];
      if (input == "-") {
        std::unique_ptr<ByteStream> in = std::move(stdin_);
        if (in == nullptr) in = std::make_unique<StringByteStream>("");
        if (ReadStream(std::move(in), std::nullopt, "", "-", "stdin", item)) return true;
        continue;
      }
      std::error_code ec;
      if (fs::is_directory(input, ec)) {
        walk_.emplace(input, input);
        continue;
      }
      std::string name = fs::path(input).filename().string();
      FileEntry file{input, RepairUtf8(input), RepairUtf8(StripExtensions(name)), name};
      if (ReadFile(file, item)) return true;
    }
  }

 private:
  // Reads one file. Returns true when `item` is filled (a document or an
  // error), false when the file started a JSON Lines stream in lines_.
  bool ReadFile(const FileEntry& file, ReadItem* item) {
    item->doc.meta.origin = file.origin;
    item->doc.meta.id = file.id;
    int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      item->status = ErrnoError(file.origin, "cannot open", errno);
      return true;
    }
    auto stream = std::make_unique<FdByteStream>(fd, /*owned=*/true);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      item->status = ErrnoError(file.origin, "cannot stat", errno);
      return true;
    }
    if (S_ISDIR(st.st_mode)) {
      item->status = ErrnoError(file.origin, "cannot read", EISDIR);
      return true;
    }
    std::optional<size_t> size;
    if (S_ISREG(st.st_mode)) size = static_cast<size_t>(st.st_size);
    return ReadStream(std::move(stream), size, file.name, file.origin, file.id, item);
  }

  // Reads one input stream: decompresses gzip, picks the format, and either
  // fills `item` with the document (returns true) or starts lines_ (returns
  // false). `size` is the byte size of a regular file, checked against the
  // limit before anything is read.
  bool ReadStream(std::unique_ptr<ByteStream> stream, std::optional<size_t> size,
                  std::string_view name, const std::string& origin, const std::string& id,
                  ReadItem* item) {
    item->doc.meta.origin = origin;
    item->doc.meta.id = id;
    auto reader = std::make_unique<BufferedReader>(std::move(stream));
    Result<std::string_view> head = reader->Peek(2);
    if (!head.ok()) {
      item->status = WithOrigin(head.status(), origin);
      return true;
    }
    bool gzip = HasGzipMagic(*head);
    if (!gzip && !head->empty() && EndsWithIgnoreCase(name, ".gz")) {
      item->status = Status::DataLoss(origin + ": not gzip data (no gzip magic bytes)");
      return true;
    }
    if (gzip) {
      reader =
          std::make_unique<BufferedReader>(std::make_unique<GzipByteStream>(std::move(reader)));
    }

    InputFormat format = options_.format;
    if (format == InputFormat::kAuto) format = FormatFromName(name);
    if (format == InputFormat::kAuto) {
      Result<std::string_view> start = reader->Peek(kSniffBytes);
      if (!start.ok()) {
        item->status = WithOrigin(start.status(), origin);
        return true;
      }
      format = SniffFormat(*start);
    }
    if (format == InputFormat::kJsonLines) {
      lines_ = std::make_unique<JsonLinesReader>(std::move(reader), origin, id, options_);
      return false;
    }

    const size_t limit = options_.max_document_bytes;
    if (!gzip && size && *size > limit) {
      item->status = OversizeError(origin, *size, limit);
      return true;
    }
    std::string bytes;
    if (!gzip && size) bytes.reserve(*size + 1);  // one allocation; *size <= limit here
    if (Status st = reader->ReadAtMost(limit, &bytes); !st.ok()) {
      item->status = WithOrigin(st, origin);
      return true;
    }
    if (bytes.size() > limit) {
      item->status = OversizeStreamError(origin, limit);
      return true;
    }
    item->status = format == InputFormat::kHtml
                       ? ParseHtml(bytes, origin, options_, &item->doc)
                       : ParsePlainText(bytes, origin, options_, &item->doc);
    return true;
  }

  std::vector<std::string> inputs_;
  size_t next_input_ = 0;
  ReaderOptions options_;
  std::unique_ptr<ByteStream> stdin_;
  std::optional<DirectoryWalk> walk_;
  std::unique_ptr<JsonLinesReader> lines_;
};

}  // namespace

Result<std::unique_ptr<DocumentSource>> OpenDocumentSource(
    const std::vector<std::string>& inputs, const ReaderOptions& options,
    std::unique_ptr<ByteStream> standard_input) {
  for (const std::string& input : inputs) {
    if (input == "-") continue;
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    // Other failures (a parent directory without permission) are reported
    // for the document, when it is read.
    if (st.type() == fs::file_type::not_found || input.empty()) {
      return Status::NotFound(RepairUtf8(input) + ": no such file or directory");
    }
  }
  return std::unique_ptr<DocumentSource>(
      std::make_unique<Source>(inputs, options, std::move(standard_input)));
}

Result<std::unique_ptr<DocumentSource>> DocumentSource::Open(const std::vector<std::string>& inputs,
                                                             const ReaderOptions& options) {
  return OpenDocumentSource(inputs, options,
                            std::make_unique<FdByteStream>(STDIN_FILENO, /*owned=*/false));
}

}  // namespace cronista
