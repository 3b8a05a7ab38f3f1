// Tests of DocumentSource: files, directories, gzip, standard input, and the
// per-document errors.
#include "cronista/reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "text/reader_source.h"
#include "text/reader_stream.h"
#include "text/reader_test_util.h"

namespace cronista {
namespace {

using testing::GzipCompress;
using testing::TempDir;

// One item out of a source, flattened for comparison.
struct Out {
  StatusCode code;
  std::string message;
  std::string id;
  std::string origin;
  std::string text;
};

std::vector<Out> Drain(DocumentSource& source) {
  std::vector<Out> out;
  ReadItem item;
  while (source.Next(&item)) {
    out.push_back({item.status.code(), item.status.message(), item.doc.meta.id,
                   item.doc.meta.origin, item.doc.text});
  }
  return out;
}

std::vector<Out> ReadAll(const std::vector<std::string>& inputs, ReaderOptions options = {}) {
  auto source = DocumentSource::Open(inputs, options);
  EXPECT_TRUE(source.ok()) << source.status().ToString();
  if (!source.ok()) return {};
  return Drain(**source);
}

std::vector<Out> ReadStdin(std::string bytes, ReaderOptions options = {}) {
  auto source =
      OpenDocumentSource({"-"}, options, std::make_unique<StringByteStream>(std::move(bytes)));
  EXPECT_TRUE(source.ok());
  return Drain(**source);
}

TEST(ReaderTest, FormatNames) {
  InputFormat f = InputFormat::kText;
  EXPECT_TRUE(ParseInputFormat("jsonl", &f));
  EXPECT_EQ(f, InputFormat::kJsonLines);
  EXPECT_TRUE(ParseInputFormat("auto", &f));
  EXPECT_EQ(f, InputFormat::kAuto);
  EXPECT_FALSE(ParseInputFormat("xml", &f));
  EXPECT_EQ(InputFormatName(InputFormat::kHtml), "html");
  EXPECT_EQ(InputFormatName(InputFormat::kText), "text");
}

TEST(ReaderTest, MissingInputFailsOpen) {
  TempDir dir;
  std::string missing = (dir.path() / "nope.txt").string();
  auto source = DocumentSource::Open({dir.Write("a.txt", "Testo."), missing}, {});
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(source.status().message(), missing + ": no such file or directory");
}

TEST(ReaderTest, FileGivenDirectly) {
  TempDir dir;
  std::string path = dir.Write("000_20bd3aca1793c53b.txt",
                               " date 2024-06 video suggerito\n\nAsse Russia-Corea del Nord.\n");
  ReadItem item;
  auto source = DocumentSource::Open({path}, {});
  ASSERT_TRUE(source.ok());
  ASSERT_TRUE((*source)->Next(&item));
  ASSERT_TRUE(item.status.ok()) << item.status.ToString();
  EXPECT_EQ(item.doc.meta.id, "000_20bd3aca1793c53b");
  EXPECT_EQ(item.doc.meta.origin, path);
  EXPECT_EQ(item.doc.meta.section, "video suggerito");
  EXPECT_EQ(item.doc.meta.date.ToString(), "2024-06");
  EXPECT_EQ(item.doc.text, "Asse Russia-Corea del Nord.\n");
  EXPECT_FALSE((*source)->Next(&item));
}

TEST(ReaderTest, DirectoryRecursionOrderAndIds) {
  TempDir dir;
  dir.Write("corpus/en/business/002.txt", "Business two.");
  dir.Write("corpus/en/business/001.txt", "Business one.");
  dir.Write("corpus/en/a.txt", "Top level a.");  // "a.txt" < "business/"
  dir.Write("corpus/en/business.txt", "Sorted before the folder: '.' < '/'.");
  dir.Write("corpus/en/tech/001.text", "Tech one.");
  dir.Write("corpus/en/.hidden.txt", "Skipped.");
  dir.Write("corpus/en/.git/config", "Skipped too.");
  std::filesystem::path root = dir.path() / "corpus" / "en";
  std::vector<Out> out = ReadAll({root.string() + "/"});
  std::vector<std::string> ids, origins;
  for (const Out& o : out) {
    EXPECT_EQ(o.code, StatusCode::kOk) << o.message;
    ids.push_back(o.id);
    origins.push_back(o.origin);
  }
  EXPECT_EQ(
      ids, (std::vector<std::string>{"a", "business", "business/001", "business/002", "tech/001"}));
  EXPECT_EQ(origins[2], root.string() + "/business/001.txt");
  EXPECT_EQ(out[2].text, "Business one.");
}

TEST(ReaderTest, InputsInTheOrderGiven) {
  TempDir dir;
  std::string b = dir.Write("b.txt", "Bee.");
  std::string a = dir.Write("a.txt", "Ay.");
  std::vector<Out> out = ReadAll({b, a});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, "b");
  EXPECT_EQ(out[1].id, "a");
}

TEST(ReaderTest, JsonLinesWithABadLineInTheMiddle) {
  TempDir dir;
  std::string path = dir.Write("feed.jsonl",
                               "{\"id\":\"one\",\"text\":\"First.\",\"desk\":\"esteri\"}\n"
                               "\n"
                               "{\"text\": broken}\n"
                               "   \n"
                               "{\"text\":\"Fourth, without id.\"}\r\n");
  std::vector<Out> out = ReadAll({path});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].code, StatusCode::kOk);
  EXPECT_EQ(out[0].id, "one");
  EXPECT_EQ(out[0].origin, path + ":1");
  EXPECT_EQ(out[1].code, StatusCode::kInvalidArgument);
  EXPECT_EQ(out[1].origin, path + ":3");
  EXPECT_EQ(out[1].id, "feed:3");
  EXPECT_TRUE(out[1].message.starts_with(path + ":3: JSON parse error at byte ")) << out[1].message;
  EXPECT_EQ(out[2].code, StatusCode::kOk);
  EXPECT_EQ(out[2].id, "feed:5");
  EXPECT_EQ(out[2].text, "Fourth, without id.");
}

TEST(ReaderTest, JsonLinesKeepsUnknownFields) {
  TempDir dir;
  std::string path = dir.Write("f.ndjson", "{\"text\":\"T.\",\"desk\":\"esteri\",\"n\":3}\n");
  auto source = DocumentSource::Open({path}, {});
  ASSERT_TRUE(source.ok());
  ReadItem item;
  ASSERT_TRUE((*source)->Next(&item));
  EXPECT_EQ(item.doc.meta.extra_json, "{\"desk\":\"esteri\",\"n\":3}");
}

TEST(ReaderTest, OverlongJsonLineIsSkippedAndReadingGoesOn) {
  TempDir dir;
  std::string big = "{\"text\":\"" + std::string(5000, 'x') + "\"}";
  std::string path =
      dir.Write("feed.jsonl", "{\"text\":\"Before.\"}\n" + big + "\n{\"text\":\"After.\"}\n");
  ReaderOptions options;
  options.max_document_bytes = 1000;
  std::vector<Out> out = ReadAll({path}, options);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].text, "Before.");
  EXPECT_EQ(out[1].code, StatusCode::kResourceExhausted);
  EXPECT_EQ(out[1].message, path + ":2: document is over the 1000-byte limit (--max-doc-bytes)");
  EXPECT_EQ(out[2].text, "After.");
  EXPECT_EQ(out[2].origin, path + ":3");
}

TEST(ReaderTest, EmptyJsonLinesFileIsOneEmptyDocument) {
  TempDir dir;
  std::string path = dir.Write("none.jsonl", "\n  \n");
  std::vector<Out> out = ReadAll({path});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].message, path + ": empty document");
  EXPECT_EQ(out[0].id, "none");
}

TEST(ReaderTest, HtmlByExtensionAndBySniffing) {
  TempDir dir;
  std::string page =
      "<!doctype html><html><head><title>Titolo</title></head><body><nav>Menu</nav>"
      "<article><p>Il testo.</p></article><footer>Fine</footer></body></html>";
  std::vector<Out> out = ReadAll({dir.Write("a.htm", page), dir.Write("b.page", "\n  " + page)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].text, "Il testo.");
  EXPECT_EQ(out[1].text, "Il testo.");
  EXPECT_EQ(out[1].id, "b");
}

TEST(ReaderTest, SniffingJsonAndText) {
  TempDir dir;
  std::vector<Out> out = ReadAll({dir.Write("feed.data", "{\"text\":\"Da JSON.\"}\n"),
                                  dir.Write("note", "<b>not html</b> just text\n")});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].text, "Da JSON.");
  EXPECT_EQ(out[0].origin, (dir.path() / "feed.data").string() + ":1");
  EXPECT_EQ(out[1].text, "<b>not html</b> just text\n");
  EXPECT_EQ(out[1].id, "note");
}

TEST(ReaderTest, ForcedFormat) {
  TempDir dir;
  ReaderOptions options;
  options.format = InputFormat::kText;
  std::vector<Out> out = ReadAll({dir.Write("x.jsonl", "{\"text\":\"raw\"}\n")}, options);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].text, "{\"text\":\"raw\"}\n");
}

TEST(ReaderTest, GzipTextAndJsonLines) {
  TempDir dir;
  std::string txt =
      dir.Write("story.txt.gz", GzipCompress("date 2024-06-19\n\nTesto compresso.\n"));
  std::string jsonl = dir.Write(
      "feed.jsonl.gz", GzipCompress("{\"text\":\"Uno.\"}\n{\"id\":7,\"text\":\"Due.\"}\n"));
  // No .gz suffix, but the magic bytes say gzip.
  std::string magic = dir.Write("packed.txt", GzipCompress("Riconosciuto dai byte.\n"));
  std::vector<Out> out = ReadAll({txt, jsonl, magic});
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].code, StatusCode::kOk) << out[0].message;
  EXPECT_EQ(out[0].id, "story");
  EXPECT_EQ(out[0].text, "Testo compresso.\n");
  EXPECT_EQ(out[1].id, "feed:1");
  EXPECT_EQ(out[1].text, "Uno.");
  EXPECT_EQ(out[2].id, "7");
  EXPECT_EQ(out[2].origin, jsonl + ":2");
  EXPECT_EQ(out[3].text, "Riconosciuto dai byte.\n");
}

TEST(ReaderTest, CorruptGzip) {
  TempDir dir;
  std::string gz = GzipCompress(std::string(5000, 'a') + " and more text to damage");
  gz.resize(gz.size() / 2);
  std::string truncated = dir.Write("cut.txt.gz", gz);
  std::string fake = dir.Write("fake.txt.gz", "plain text, not gzip");
  std::string after = dir.Write("ok.txt", "Still read.");
  std::vector<Out> out = ReadAll({truncated, fake, after});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].code, StatusCode::kDataLoss);
  EXPECT_TRUE(out[0].message.starts_with(truncated + ": truncated gzip data")) << out[0].message;
  EXPECT_EQ(out[1].code, StatusCode::kDataLoss);
  EXPECT_EQ(out[1].message, fake + ": not gzip data (no gzip magic bytes)");
  EXPECT_EQ(out[2].code, StatusCode::kOk);
}

TEST(ReaderTest, StandardInput) {
  std::vector<Out> out = ReadStdin("Una riga.\n\nUn'altra, dallo stesso documento.\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].id, "stdin");
  EXPECT_EQ(out[0].origin, "-");
  EXPECT_EQ(out[0].text, "Una riga.\n\nUn'altra, dallo stesso documento.\n");

  out = ReadStdin("{\"text\":\"A.\"}\n{\"id\":\"b\",\"text\":\"B.\"}\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, "stdin:1");
  EXPECT_EQ(out[0].origin, "-:1");
  EXPECT_EQ(out[1].id, "b");
  EXPECT_EQ(out[1].origin, "-:2");

  out = ReadStdin(GzipCompress("{\"text\":\"Compresso.\"}\n"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].text, "Compresso.");

  out = ReadStdin("");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].message, "-: empty document");
}

TEST(ReaderTest, StandardInputOversizeIsStreamedNotHeld) {
  ReaderOptions options;
  options.max_document_bytes = 1 << 16;
  std::vector<Out> out = ReadStdin(std::string(1 << 20, 'x'), options);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, StatusCode::kResourceExhausted);
  EXPECT_EQ(out[0].message, "-: document is over the 65536-byte limit (--max-doc-bytes)");
}

TEST(ReaderTest, EmptyBlankAndBinaryFilesDoNotStopTheBatch) {
  TempDir dir;
  std::string empty = dir.Write("empty.txt", "");
  std::string blank = dir.Write("blank.txt", " \n\t\r\n");
  std::mt19937 rng(12345);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng() & 0xFF);
  std::string random = dir.Write("random.bin", noise);
  std::string nul = dir.Write("nul.txt", std::string("abc\0def", 7));
  std::string good = dir.Write("good.txt", "Testo valido.");
  std::vector<Out> out = ReadAll({empty, blank, random, nul, good});
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].message, empty + ": empty document");
  EXPECT_EQ(out[1].message, blank + ": empty document");
  EXPECT_EQ(out[2].code, StatusCode::kDataLoss);
  EXPECT_EQ(out[2].id, "random");
  EXPECT_EQ(out[3].message, nul + ": contains NUL bytes: binary file?");
  EXPECT_EQ(out[4].code, StatusCode::kOk);
}

TEST(ReaderTest, RandomBytesWithoutNulAreNotUtf8) {
  TempDir dir;
  std::mt19937 rng(7);
  std::string noise(4096, 'x');
  for (char& c : noise) c = static_cast<char>(0x80 | (rng() & 0x7F));
  std::vector<Out> out = ReadAll({dir.Write("noise.txt", noise)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, StatusCode::kDataLoss);
  EXPECT_NE(out[0].message.find(": not UTF-8 text: "), std::string::npos) << out[0].message;
  EXPECT_NE(out[0].message.find("% of bytes invalid"), std::string::npos);
}

TEST(ReaderTest, InvalidUtf8IsRepairedWithWarning) {
  TempDir dir;
  std::string path = dir.Write(
      "latin.txt", "\xEF\xBB\xBFIl caff\xE8 \xE8 caldo, e la redazione lo beve ogni mattina.\n");
  auto source = DocumentSource::Open({path}, {});
  ASSERT_TRUE(source.ok());
  ReadItem item;
  ASSERT_TRUE((*source)->Next(&item));
  ASSERT_TRUE(item.status.ok()) << item.status.ToString();
  EXPECT_TRUE(item.doc.text.starts_with("Il caff\xEF\xBF\xBD \xEF\xBF\xBD caldo"));
  ASSERT_EQ(item.doc.warnings.size(), 1u);
  EXPECT_EQ(item.doc.warnings[0].code, "invalid_utf8");
  EXPECT_EQ(item.doc.warnings[0].message, "repaired 2 invalid UTF-8 sequences with U+FFFD");
}

TEST(ReaderTest, FiftyMegabyteFileIsRejectedBeforeReading) {
  TempDir dir;
  std::filesystem::path path = dir.path() / "big.txt";
  {
    std::ofstream f(path, std::ios::binary);
    std::string chunk(1 << 20, 'a');
    for (int i = 0; i < 50; ++i) f.write(chunk.data(), static_cast<long>(chunk.size()));
  }
  std::string after = dir.Write("after.txt", "Dopo.");
  std::vector<Out> out = ReadAll({path.string(), after});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].code, StatusCode::kResourceExhausted);
  // The size in the message comes from stat(), before any read.
  EXPECT_EQ(out[0].message, path.string() +
                                ": document is 52428800 bytes, over the 10485760-byte limit "
                                "(--max-doc-bytes)");
  EXPECT_EQ(out[0].id, "big");
  EXPECT_EQ(out[1].text, "Dopo.");
}

TEST(ReaderTest, FiftyMegabyteGzipIsStoppedAtTheLimit) {
  TempDir dir;
  std::filesystem::path path = dir.path() / "big.txt.gz";
  {
    std::ofstream f(path, std::ios::binary);
    std::string chunk(1 << 20, 'a');
    int left = 50;
    testing::GzipStream(
        [&]() -> std::string_view { return left-- > 0 ? chunk : std::string_view(); },
        [&](std::string_view gz) { f.write(gz.data(), static_cast<long>(gz.size())); });
  }
  ASSERT_LT(std::filesystem::file_size(path), 1u << 20);
  std::vector<Out> out = ReadAll({path.string()});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, StatusCode::kResourceExhausted);
  EXPECT_EQ(out[0].message,
            path.string() + ": document is over the 10485760-byte limit (--max-doc-bytes)");
}

TEST(ReaderTest, UnreadableFile) {
  TempDir dir;
  std::string path = dir.Write("secret.txt", "Testo.");
  std::string after = dir.Write("visible.txt", "Visibile.");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  if (::geteuid() == 0) {
    ::chmod(path.c_str(), 0644);
    GTEST_SKIP() << "running as root, which can read a chmod 000 file";
  }
  std::vector<Out> out = ReadAll({path, after});
  ::chmod(path.c_str(), 0644);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].code, StatusCode::kIoError);
  EXPECT_EQ(out[0].message, path + ": cannot open: Permission denied");
  EXPECT_EQ(out[1].code, StatusCode::kOk);
}

TEST(ReaderTest, UnlistableDirectory) {
  TempDir dir;
  dir.Write("docs/a.txt", "Prima.");
  dir.Write("docs/locked/b.txt", "Chiuso.");
  dir.Write("docs/z.txt", "Ultima.");
  std::string locked = (dir.path() / "docs" / "locked").string();
  ASSERT_EQ(::chmod(locked.c_str(), 0), 0);
  if (::geteuid() == 0) {
    ::chmod(locked.c_str(), 0755);
    GTEST_SKIP() << "running as root, which can list a chmod 000 directory";
  }
  std::vector<Out> out = ReadAll({(dir.path() / "docs").string()});
  ::chmod(locked.c_str(), 0755);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].text, "Prima.");
  EXPECT_EQ(out[1].code, StatusCode::kIoError);
  EXPECT_EQ(out[1].message, locked + ": cannot list directory: Permission denied");
  EXPECT_EQ(out[2].text, "Ultima.");
}

}  // namespace
}  // namespace cronista
