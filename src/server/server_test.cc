// The HTTP API (server.h, docs/api.md) end to end: a SQLite database holding
// the bundled examples and a document with emoji and guillemets, served on
// an ephemeral loopback port, asked with httplib's client (and raw sockets
// for requests a client would tidy up).
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cronista/reader.h"
#include "pg_test_db.h"
#include "store/readonly_db.h"
#include "store/store.h"
#include "test_pipeline.h"

namespace cronista::server {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

// Starts a server over `db` in a thread; stops it on destruction.
class Running {
 public:
  explicit Running(ServerOptions options) {
    options.log_errors = false;
    auto s = ApiServer::Create(options);
    if (!s.ok()) {
      ADD_FAILURE() << s.status().ToString();
      return;
    }
    server_ = std::move(*s);
    auto port = server_->Bind("127.0.0.1", 0);
    if (!port.ok()) {
      ADD_FAILURE() << port.status().ToString();
      return;
    }
    port_ = *port;
    thread_ = std::thread([this] { EXPECT_TRUE(server_->Listen().ok()); });
  }
  ~Running() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }

 private:
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// Sends `request` as is and returns the response: its head and a body of
// Content-Length bytes.
std::string RawRequest(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    size_t head = out.find("\r\n\r\n");
    if (head == std::string::npos) continue;
    size_t length = 0;
    size_t cl = out.find("Content-Length: ");
    if (cl != std::string::npos && cl < head) length = std::stoul(out.substr(cl + 16));
    if (out.size() >= head + 4 + length) break;
  }
  close(fd);
  return out;
}

int StatusOf(const std::string& response) {
  // "HTTP/1.1 404 Not Found"
  if (response.size() < 12) return 0;
  return std::stoi(response.substr(9, 3));
}

std::string BodyOf(const std::string& response) {
  size_t p = response.find("\r\n\r\n");
  return p == std::string::npos ? "" : response.substr(p + 4);
}

// UTF-8 -> UTF-16, written out here so as not to trust the server's code.
std::u16string ToUtf16(const std::string& s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c;
      n = 1;
    } else if (c < 0xE0) {
      cp = c & 0x1F;
      n = 2;
    } else if (c < 0xF0) {
      cp = c & 0x0F;
      n = 3;
    } else {
      cp = c & 0x07;
      n = 4;
    }
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

// Italian with accents, guillemets and emoji before the actors, so that byte
// and UTF-16 offsets differ by several units.
constexpr const char* kEmojiDoc =
    "date 2024-06-20\n\n"
    "Città 😀🎉 «perché» — Putin incontra Kim a Pyongyang\n\n"
    "Più tardi 🚀 il presidente russo Vladimir Putin ha incontrato Kim Jong-un a Pyongyang. "
    "«È un giorno storico», ha detto Putin. La Russia ha firmato un accordo con la Corea del "
    "Nord.\n";

// Stores the bundled examples and the emoji document in `target`; sets the
// emoji document's id and the number of documents.
void Ingest(const std::string& target, int64_t* emoji_doc, int* documents) {
  auto store = Store::Open(target);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  int stored = 0;
  for (const char* f :
       {"en/putin-kim-pact.txt", "it/iran-israele.txt", "it/meloni-zelensky-roma.txt",
        "fr/sommet-otan.txt", "es/cumbre-iberoamericana.txt"}) {
    Document d = CodeFile(std::string(CRONISTA_SOURCE_DATA_DIR) + "/../examples/" + f);
    auto r = (*store)->Add(d);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    stored += r->stored;
  }
  Document emoji;
  ASSERT_TRUE(ParsePlainText(kEmojiDoc, "emoji.txt", ReaderOptions(), &emoji).ok());
  emoji.meta.id = "emoji";
  ASSERT_TRUE(TestPipeline().Process(&emoji).ok());
  auto r = (*store)->Add(emoji);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  *emoji_doc = r->doc;
  *documents = stored + 1;
}

std::set<std::string> Keys(const Json& o) {
  std::set<std::string> out;
  for (auto it = o.begin(); it != o.end(); ++it) out.insert(it.key());
  return out;
}

// The emoji document's spans, in UTF-16 code units, cut out the covered text.
void ExpectUtf16Spans(const Json& d) {
  std::string text = d["text"];
  std::u16string u16 = ToUtf16(text);
  auto span = [&u16](const Json& r) {
    size_t s = r["start"], e = r["end"];
    EXPECT_LE(s, e);
    EXPECT_LE(e, u16.size());
    return e <= u16.size() && s <= e ? u16.substr(s, e - s) : std::u16string();
  };
  ASSERT_FALSE(d["mentions"].empty());
  bool shifted = false;
  for (const Json& m : d["mentions"]) {
    EXPECT_EQ(span(m), ToUtf16(m["text"].get<std::string>())) << m.dump();
    size_t byte = text.find(m["text"].get<std::string>());
    shifted = shifted || (byte != std::string::npos && byte != m["start"].get<size_t>());
  }
  EXPECT_TRUE(shifted) << "no mention after the emoji";
  ASSERT_FALSE(d["events"].empty());
  for (const Json& e : d["events"]) {
    EXPECT_EQ(span(e), ToUtf16(e["trigger"].get<std::string>())) << e.dump();
  }
  ASSERT_FALSE(d["quotes"].empty());
  for (const Json& q : d["quotes"]) {
    EXPECT_EQ(span(q), ToUtf16(q["text"].get<std::string>())) << q.dump();
  }
  ASSERT_FALSE(d["places"].empty());
  bool pyongyang = false;
  for (const Json& p : d["places"]) {
    EXPECT_FALSE(span(p).empty()) << p.dump();
    if (p["name"] == "Pyongyang") {
      EXPECT_EQ(span(p), u"Pyongyang") << p.dump();
      pyongyang = true;
    }
  }
  EXPECT_TRUE(pyongyang);
  // Sentences start at 0 and end within the text (the last at its end, bar
  // the final newline).
  ASSERT_FALSE(d["sentences"].empty());
  EXPECT_EQ(d["sentences"][0]["start"], 0);
  EXPECT_GE(d["sentences"].back()["end"].get<size_t>() + 1, u16.size());
  for (const Json& t : d["times"]) span(t);
}

class ServerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    static std::atomic<int> counter{0};
    dir_ = new fs::path(
        fs::temp_directory_path() /
        ("cronista_server_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++)));
    fs::create_directories(*dir_);
    db_ = new std::string((*dir_ / "api.db").string());
    Ingest(*db_, &emoji_doc_, &documents_);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
    delete db_;
  }

  void SetUp() override {
    ServerOptions plain;
    plain.db = *db_;
    server_ = std::make_unique<Running>(plain);
  }

  // GET `path` from the default server: status and parsed body.
  Json Get(const std::string& path, int expect_status = 200) {
    auto c = server_->Client();
    auto r = c.Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return Json();
    EXPECT_EQ(r->status, expect_status) << path << ": " << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    Json j = Json::parse(r->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": " << r->body;
    return j;
  }

  // The error message of a request expected to fail with `status`.
  std::string Error(const std::string& path, int status) {
    Json j = Get(path, status);
    EXPECT_TRUE(j.contains("error")) << j.dump();
    if (!j.contains("error")) return "";
    EXPECT_EQ(j["error"]["status"], status);
    return j["error"]["message"].get<std::string>();
  }

  static fs::path* dir_;
  static std::string* db_;
  static int64_t emoji_doc_;
  static int documents_;
  std::unique_ptr<Running> server_;
};

fs::path* ServerTest::dir_ = nullptr;
std::string* ServerTest::db_ = nullptr;
int64_t ServerTest::emoji_doc_ = 0;
int ServerTest::documents_ = 0;

TEST_F(ServerTest, Health) {
  Json j = Get("/api/health");
  EXPECT_EQ(Keys(j), (std::set<std::string>{"status", "version", "schema_version", "documents",
                                            "events", "allow_code"}));
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["documents"], documents_);
  EXPECT_GT(j["events"].get<int>(), 0);
  EXPECT_EQ(j["allow_code"], false);
  EXPECT_NE(Error("/api/health?x=1", 400).find("unknown parameter 'x'"), std::string::npos);
}

TEST_F(ServerTest, EventsShapeFiltersAndPages) {
  Json all = Get("/api/events?limit=1000");
  EXPECT_EQ(all["limit"], 1000);
  EXPECT_EQ(all["offset"], 0);
  int total = all["total"];
  ASSERT_GT(total, 3);
  ASSERT_EQ(all["rows"].size(), static_cast<size_t>(total));
  EXPECT_EQ(
      Keys(all["rows"][0]),
      (std::set<std::string>{"id",          "date",         "source",    "target", "code",
                             "root",        "quad",         "goldstein", "plover", "modality",
                             "place",       "country",      "lat",       "lon",    "num_mentions",
                             "num_sources", "num_articles", "sentence",  "doc",    "rule"}));
  EXPECT_EQ(Get("/api/health")["events"], total);
  // Default page.
  Json page = Get("/api/events");
  EXPECT_EQ(page["limit"], 50);
  EXPECT_EQ(page["total"], total);
  // Pages are slices of the whole list.
  Json two = Get("/api/events?limit=2&offset=1");
  ASSERT_EQ(two["rows"].size(), 2u);
  EXPECT_EQ(two["rows"][0]["id"], all["rows"][1]["id"]);
  EXPECT_EQ(two["rows"][1]["id"], all["rows"][2]["id"]);
  EXPECT_EQ(two["total"], total);
  EXPECT_EQ(Get("/api/events?offset=100000")["rows"].size(), 0u);

  // Actor prefix, either side; lower case is upper-cased.
  Json rus = Get("/api/events?actor=rus&limit=1000");
  ASSERT_GT(rus["total"].get<int>(), 0);
  EXPECT_LT(rus["total"].get<int>(), total);
  for (const Json& e : rus["rows"]) {
    std::string s = e["source"], t = e["target"];
    EXPECT_TRUE(s.starts_with("RUS") || t.starts_with("RUS")) << e.dump();
  }
  // Directed dyad, then undirected.
  Json dyad = Get("/api/events?source=RUS&target=PRK&limit=1000");
  ASSERT_GT(dyad["total"].get<int>(), 0);
  for (const Json& e : dyad["rows"]) {
    EXPECT_TRUE(e["source"].get<std::string>().starts_with("RUS"));
    EXPECT_TRUE(e["target"].get<std::string>().starts_with("PRK"));
  }
  Json both = Get("/api/events?source=RUS&target=PRK&undirected=1&limit=1000");
  EXPECT_GE(both["total"].get<int>(), dyad["total"].get<int>());
  // Code, quad, modality, dates, document, full text.
  for (const Json& e : Get("/api/events?quad=1,2&limit=1000")["rows"]) {
    EXPECT_LE(e["quad"].get<int>(), 2);
  }
  for (const Json& e : Get("/api/events?code=04&code=05&limit=1000")["rows"]) {
    std::string c = e["code"];
    EXPECT_TRUE(c.starts_with("04") || c.starts_with("05")) << c;
  }
  for (const Json& e : Get("/api/events?modality=asserted&limit=1000")["rows"]) {
    EXPECT_EQ(e["modality"], "asserted");
  }
  for (const Json& e : Get("/api/events?from=2024-06-01&to=2024-06-30&limit=1000")["rows"]) {
    EXPECT_TRUE(e["date"].get<std::string>().starts_with("2024-06")) << e.dump();
  }
  Json in_doc = Get("/api/events?doc=" + std::to_string(emoji_doc_) + "&limit=1000");
  EXPECT_GT(in_doc["total"].get<int>(), 0);
  Json text = Get("/api/events?q=Pyongyang&limit=1000");
  EXPECT_GT(text["total"].get<int>(), 0);
  EXPECT_LT(text["total"].get<int>(), total);
  EXPECT_EQ(Get("/api/events?lang=fr&actor=PRK")["total"], 0);
  // Empty values are absent.
  EXPECT_EQ(Get("/api/events?actor=&q=&from=")["total"], total);
}

TEST_F(ServerTest, BadParametersAre400NamingThem) {
  EXPECT_EQ(Error("/api/events?from=2024-13-01", 400),
            "from: expected YYYY-MM-DD, got '2024-13-01'");
  EXPECT_NE(Error("/api/events?to=yesterday", 400).find("to:"), std::string::npos);
  EXPECT_NE(Error("/api/events?from=2024-07-01&to=2024-06-01", 400).find("after"),
            std::string::npos);
  EXPECT_NE(Error("/api/events?limit=1001", 400).find("limit: expected an integer from 1 to 1000"),
            std::string::npos);
  EXPECT_NE(Error("/api/events?limit=0", 400).find("limit"), std::string::npos);
  EXPECT_NE(Error("/api/events?limit=ten", 400).find("limit"), std::string::npos);
  EXPECT_NE(Error("/api/events?offset=-1", 400).find("offset"), std::string::npos);
  EXPECT_NE(Error("/api/events?quad=5", 400).find("quad"), std::string::npos);
  EXPECT_NE(Error("/api/events?modality=probable", 400).find("modality"), std::string::npos);
  EXPECT_NE(Error("/api/events?code=05a", 400).find("code"), std::string::npos);
  EXPECT_NE(Error("/api/events?actor=RU%27S", 400).find("actor"), std::string::npos);
  EXPECT_NE(Error("/api/events?doc=x", 400).find("doc"), std::string::npos);
  EXPECT_NE(Error("/api/events?undirected=maybe", 400).find("undirected"), std::string::npos);
  EXPECT_NE(Error("/api/events?undirected=1", 400).find("undirected"), std::string::npos);
  EXPECT_NE(Error("/api/events?lang=it%3B", 400).find("lang"), std::string::npos);
  EXPECT_NE(Error("/api/events?limit=1&limit=2", 400).find("more than once"), std::string::npos);
  EXPECT_NE(Error("/api/events?actors=RUS", 400).find("unknown parameter 'actors'"),
            std::string::npos);
  EXPECT_NE(Error("/api/series?by=year", 400).find("by:"), std::string::npos);
  EXPECT_NE(Error("/api/actors?n=0", 400).find("n:"), std::string::npos);
  EXPECT_NE(Error("/api/dyads?country_level=2", 400).find("country_level"), std::string::npos);
  EXPECT_NE(Error("/api/places?n=100000", 400).find("n:"), std::string::npos);
  EXPECT_NE(Error("/api/quotes?scare=x", 400).find("scare"), std::string::npos);
  EXPECT_NE(Error("/api/commitments?on=2024-06", 400).find("on:"), std::string::npos);
  EXPECT_NE(Error("/api/commitments?type=alliance", 400).find("type"), std::string::npos);
  EXPECT_NE(Error("/api/commitments?defend=PRK&type=offence", 400).find("defence"),
            std::string::npos);
  EXPECT_NE(Error("/api/documents?q=" + std::string(600, 'a'), 400).find("q:"), std::string::npos);
  EXPECT_NE(Error("/api/documents/abc", 400).find("id"), std::string::npos);
  EXPECT_NE(Error("/api/documents/0", 400).find("id"), std::string::npos);
  // SQL and FTS syntax are plain text.
  EXPECT_EQ(Get("/api/events?q=%27%3B%20DROP%20TABLE%20events%3B--")["total"], 0);
  EXPECT_EQ(Get("/api/documents?q=NEAR(a%20b)%20OR%20*%20%22")["total"], 0);
  EXPECT_GT(Get("/api/health")["events"].get<int>(), 0);
}

TEST_F(ServerTest, Aggregates) {
  Json series = Get("/api/series");
  EXPECT_EQ(series["by"], "month");
  ASSERT_FALSE(series["rows"].empty());
  EXPECT_EQ(Keys(series["rows"][0]),
            (std::set<std::string>{"period", "events", "goldstein_sum", "goldstein_mean", "quad1",
                                   "quad2", "quad3", "quad4"}));
  std::string last;
  for (const Json& r : series["rows"]) {
    std::string p = r["period"];
    EXPECT_EQ(p.size(), 7u) << p;
    EXPECT_GT(p, last);
    last = p;
    EXPECT_EQ(r["events"].get<int>(), r["quad1"].get<int>() + r["quad2"].get<int>() +
                                          r["quad3"].get<int>() + r["quad4"].get<int>());
  }
  Json weeks = Get("/api/series?by=week&actor=RUS");
  EXPECT_EQ(weeks["by"], "week");
  for (const Json& r : weeks["rows"]) {
    EXPECT_EQ(r["period"].get<std::string>().substr(4, 2), "-W");
  }
  EXPECT_EQ(Get("/api/series?by=day")["by"], "day");

  Json actors = Get("/api/actors?n=3");
  ASSERT_FALSE(actors["rows"].empty());
  EXPECT_LE(actors["rows"].size(), 3u);
  EXPECT_EQ(Keys(actors["rows"][0]),
            (std::set<std::string>{"actor", "events", "as_source", "as_target", "goldstein_mean"}));
  for (const Json& r : Get("/api/actors?country_level=1")["rows"]) {
    EXPECT_EQ(r["actor"].get<std::string>().size(), 3u) << r.dump();
  }

  Json dyads = Get("/api/dyads?country_level=1");
  ASSERT_FALSE(dyads["rows"].empty());
  EXPECT_EQ(Keys(dyads["rows"][0]),
            (std::set<std::string>{"source", "target", "events", "cooperation", "conflict",
                                   "goldstein_mean"}));
  bool rus_prk = false;
  for (const Json& r : dyads["rows"]) {
    EXPECT_LE(r["cooperation"].get<int>() + r["conflict"].get<int>(), r["events"].get<int>());
    rus_prk = rus_prk || (r["source"] == "RUS" && r["target"] == "PRK") ||
              (r["source"] == "PRK" && r["target"] == "RUS");
  }
  EXPECT_TRUE(rus_prk) << dyads.dump();

  Json places = Get("/api/places?modality=all");
  ASSERT_FALSE(places["rows"].empty()) << places.dump();
  EXPECT_EQ(Keys(places["rows"][0]),
            (std::set<std::string>{"place_id", "name", "country", "kind", "lat", "lon", "events",
                                   "goldstein_mean"}));
  for (const Json& r : places["rows"]) {
    EXPECT_TRUE(r["lat"].is_number());
    EXPECT_TRUE(r["lon"].is_number());
    EXPECT_GT(r["events"].get<int>(), 0);
  }
  EXPECT_EQ(Get("/api/places?n=1")["rows"].size(), 1u);
}

TEST_F(ServerTest, QuotesSpeakersCommitments) {
  Json quotes = Get("/api/quotes?limit=1000");
  ASSERT_FALSE(quotes["rows"].empty());
  EXPECT_EQ(Keys(quotes["rows"][0]),
            (std::set<std::string>{"speaker_actor", "speaker_name", "text", "scare", "date", "doc",
                                   "doc_title", "sentence", "rule"}));
  Json putin = Get("/api/quotes?speaker=putin");
  ASSERT_FALSE(putin["rows"].empty());
  for (const Json& q : putin["rows"]) {
    EXPECT_NE(q["speaker_name"].get<std::string>().find("Putin"), std::string::npos) << q.dump();
  }
  EXPECT_EQ(Get("/api/quotes?limit=1&offset=1")["rows"][0], quotes["rows"][1]);

  Json speakers = Get("/api/speakers?n=5");
  ASSERT_FALSE(speakers["rows"].empty());
  EXPECT_EQ(Keys(speakers["rows"][0]),
            (std::set<std::string>{"speaker_actor", "speaker_name", "quotes"}));

  Json c = Get("/api/commitments?on=2030-01-01");
  EXPECT_EQ(c["on"], "2030-01-01");
  ASSERT_FALSE(c["rows"].empty()) << c.dump();
  EXPECT_EQ(Keys(c["rows"][0]),
            (std::set<std::string>{"committed", "parties", "type", "condition", "mutual", "date",
                                   "num_articles", "first_doc", "sentence"}));
  // Not yet signed in 2020.
  EXPECT_TRUE(Get("/api/commitments?on=2020-01-01")["rows"].empty());
  Json defend = Get("/api/commitments?on=2030-01-01&defend=PRK");
  ASSERT_FALSE(defend["rows"].empty());
  EXPECT_EQ(defend["rows"][0]["committed"], "RUS");
  // Today by default.
  EXPECT_EQ(Get("/api/commitments")["on"].get<std::string>().size(), 10u);
}

TEST_F(ServerTest, DocumentsList) {
  Json docs = Get("/api/documents");
  EXPECT_EQ(docs["total"], documents_);
  ASSERT_EQ(docs["rows"].size(), static_cast<size_t>(documents_));
  EXPECT_EQ(Keys(docs["rows"][0]),
            (std::set<std::string>{"id", "doc_id", "title", "date", "lang", "source", "url",
                                   "n_events", "n_quotes", "snippet"}));
  Json search = Get("/api/documents?q=Pyongyang");
  EXPECT_GT(search["total"].get<int>(), 0);
  EXPECT_LT(search["total"].get<int>(), documents_);
  EXPECT_EQ(search["rows"].size(), static_cast<size_t>(search["total"].get<int>()));
  // Diacritics folded: "citta" finds "Città".
  EXPECT_EQ(Get("/api/documents?q=citta")["total"], 1);
  Json page = Get("/api/documents?limit=2&offset=1");
  ASSERT_EQ(page["rows"].size(), 2u);
  EXPECT_EQ(page["rows"][0]["id"], docs["rows"][1]["id"]);
}

TEST_F(ServerTest, DocumentOffsetsAreUtf16) {
  Json d = Get("/api/documents/" + std::to_string(emoji_doc_));
  EXPECT_EQ(Keys(d), (std::set<std::string>{"id", "doc_id", "title", "url", "source", "date",
                                            "lang", "text", "sentences", "mentions", "events",
                                            "quotes", "places", "times", "commitments"}));
  EXPECT_EQ(d["id"], emoji_doc_);
  EXPECT_EQ(d["doc_id"], "emoji");
  EXPECT_EQ(d["lang"], "it");
  ExpectUtf16Spans(d);
  ASSERT_FALSE(d["mentions"].empty());
  EXPECT_EQ(Keys(d["mentions"][0]), (std::set<std::string>{"idx", "start", "end", "text", "kind",
                                                           "actor", "entity_id", "rule"}));
  ASSERT_FALSE(d["events"].empty());
  EXPECT_EQ(Keys(d["events"][0]),
            (std::set<std::string>{"idx", "event", "start", "end", "trigger", "code", "root",
                                   "quad", "goldstein", "plover", "modality", "background",
                                   "source", "target", "date", "place", "rule", "sentence"}));
  ASSERT_FALSE(d["quotes"].empty());
  EXPECT_EQ(Keys(d["quotes"][0]),
            (std::set<std::string>{"idx", "start", "end", "text", "scare", "speaker_name",
                                   "speaker_actor", "cue", "rule"}));

  // The English example's commitment.
  Json docs = Get("/api/documents?q=Pyongyang%20pact");
  ASSERT_FALSE(docs["rows"].empty());
  Json pact = Get("/api/documents/" + std::to_string(docs["rows"][0]["id"].get<int64_t>()));
  ASSERT_FALSE(pact["commitments"].empty());
  EXPECT_EQ(
      Keys(pact["commitments"][0]),
      (std::set<std::string>{"idx", "type", "parties", "condition", "mutual", "date", "sentence"}));

  EXPECT_NE(Error("/api/documents/999999", 404).find("no document"), std::string::npos);
}

TEST_F(ServerTest, Utf16OffsetsFunction) {
  std::string s = "aé😀«b";  // 1 + 2 + 4 + 2 + 1 bytes; 1 + 1 + 2 + 1 + 1 units
  std::vector<uint32_t> u = Utf16Offsets(s);
  ASSERT_EQ(u.size(), s.size() + 1);
  EXPECT_EQ(u[0], 0u);
  EXPECT_EQ(u[1], 1u);  // é
  EXPECT_EQ(u[2], 1u);  // inside é
  EXPECT_EQ(u[3], 2u);  // 😀
  EXPECT_EQ(u[7], 4u);  // «
  EXPECT_EQ(u[9], 5u);  // b
  EXPECT_EQ(u[10], 6u);
  // A stray continuation byte and a truncated sequence count one unit each.
  std::vector<uint32_t> bad = Utf16Offsets(
      "\x80"
      "a\xE2\x82");
  EXPECT_EQ(bad, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(Utf16Offsets(""), std::vector<uint32_t>{0});
}

TEST_F(ServerTest, UnknownPathsMethodsAndMalformedRequests) {
  EXPECT_NE(Error("/api/nothing", 404).find("/api/nothing"), std::string::npos);
  Error("/api", 404);
  Error("/api/events/1", 404);
  Error("/api/documents/1/2", 404);
  auto c = server_->Client();
  auto post = c.Post("/api/events", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(Json::parse(post->body)["error"]["status"], 405);
  auto del = c.Delete("/api/health");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  auto get_code = c.Get("/api/code");
  ASSERT_TRUE(get_code);
  EXPECT_EQ(get_code->status, 405);
  EXPECT_EQ(get_code->get_header_value("Allow"), "POST, OPTIONS");
  auto head = c.Head("/api/health");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());

  // A method httplib does not know, and a request line that is not HTTP.
  std::string trace = RawRequest(
      server_->port(), "TRACE /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(trace), 405) << trace;
  EXPECT_EQ(Json::parse(BodyOf(trace), nullptr, false)["error"]["status"], 405) << trace;
  // A body where none is read: answered, and the connection closed.
  std::string get_body = RawRequest(server_->port(),
                                    "GET /api/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                    "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  EXPECT_EQ(StatusOf(get_body), 200) << get_body;
  EXPECT_NE(get_body.find("Connection: close"), std::string::npos) << get_body;
  std::string junk = RawRequest(server_->port(), "HELLO\r\n\r\n");
  EXPECT_EQ(StatusOf(junk), 400) << junk;
  // A URI over 8 KiB.
  std::string longuri =
      RawRequest(server_->port(), "GET /api/events?q=" + std::string(10000, 'a') +
                                      " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(longuri), 414) << longuri.substr(0, 200);
}

TEST_F(ServerTest, CodeIsForbiddenWithoutAllowCode) {
  auto c = server_->Client();
  auto r = c.Post("/api/code", "Putin ha incontrato Kim a Pyongyang.", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(Json::parse(r->body)["error"]["message"].get<std::string>().find("--allow-code"),
            std::string::npos);
  // Bodies over the limit are refused first, wherever they go: 413 in JSON.
  for (const char* path : {"/api/code", "/api/events", "/"}) {
    auto big = c.Post(path, std::string(3u << 20, 'a'), "text/plain");
    ASSERT_TRUE(big) << path;
    EXPECT_EQ(big->status, 413) << path;
    EXPECT_EQ(big->get_header_value("Connection"), "close");
    Json e = Json::parse(big->body, nullptr, false);
    ASSERT_FALSE(e.is_discarded()) << big->body;
    EXPECT_EQ(e["error"]["status"], 413);
    EXPECT_NE(e["error"]["message"].get<std::string>().find("1048576"), std::string::npos);
  }
}

TEST_F(ServerTest, CodeWithAllowCode) {
  ServerOptions o;
  o.db = *db_;
  o.allow_code = true;
  o.pipeline = &TestPipeline();
  o.max_body_bytes = 64 * 1024;
  Running coder(o);
  auto c = coder.Client();
  EXPECT_EQ(Json::parse(c.Get("/api/health")->body)["allow_code"], true);

  auto text = c.Post("/api/code",
                     "date 2024-06-19\n\nIl presidente russo Vladimir Putin ha incontrato Kim "
                     "Jong-un a Pyongyang.\n",
                     "text/plain; charset=utf-8");
  ASSERT_TRUE(text);
  ASSERT_EQ(text->status, 200) << text->body;
  Json j = Json::parse(text->body);
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["id"], "request");
  EXPECT_EQ(j["lang"], "it");
  EXPECT_EQ(j["date"]["value"], "2024-06-19");
  EXPECT_FALSE(j["events"].empty()) << text->body;
  EXPECT_FALSE(j.contains("error"));

  Json in = {{"id", "mine"},
             {"title", "Summit"},
             {"date", "2024-06-19"},
             {"lang", "en"},
             {"url", "https://example.test/a"},
             {"text",
              "Russian President Vladimir Putin met North Korean leader Kim Jong-un in "
              "Pyongyang."}};
  auto json = c.Post("/api/code", in.dump(2), "application/json");
  ASSERT_TRUE(json);
  ASSERT_EQ(json->status, 200) << json->body;
  Json out = Json::parse(json->body);
  EXPECT_EQ(out["id"], "mine");
  EXPECT_EQ(out["title"], "Summit");
  EXPECT_EQ(out["url"], "https://example.test/a");
  EXPECT_FALSE(out["events"].empty());
  EXPECT_FALSE(out["mentions"].empty());

  // Never stored.
  EXPECT_EQ(Json::parse(c.Get("/api/health")->body)["documents"], documents_);

  auto malformed = c.Post("/api/code", "{\"text\": \"unterminated", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
  std::string m = Json::parse(malformed->body)["error"]["message"];
  EXPECT_NE(m.find("JSON"), std::string::npos) << m;
  auto no_text = c.Post("/api/code", "{\"title\": \"x\"}", "application/json");
  ASSERT_TRUE(no_text);
  EXPECT_EQ(no_text->status, 400);
  EXPECT_NE(no_text->body.find("text"), std::string::npos);
  auto empty = c.Post("/api/code", "", "text/plain");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400) << empty->body;
  auto big = c.Post("/api/code", std::string(65 * 1024, 'a'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  Json e = Json::parse(big->body, nullptr, false);
  ASSERT_FALSE(e.is_discarded()) << big->body;
  EXPECT_EQ(e["error"]["status"], 413);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("65536"), std::string::npos);
  // Chunked, without a length: cut at the limit too.
  const std::string chunk(16 * 1024, 'b');
  auto chunked = coder.Client().Post(
      "/api/code",
      [&chunk](size_t offset, httplib::DataSink& sink) {
        if (offset >= 40 * chunk.size()) {
          sink.done();
        } else {
          sink.write(chunk.data(), chunk.size());
        }
        return true;
      },
      "text/plain");
  if (chunked) {  // the server may close before the client has sent it all
    EXPECT_EQ(chunked->status, 413);
  }
  // A small chunked article is read whole.
  auto small = coder.Client().Post(
      "/api/code",
      [](size_t offset, httplib::DataSink& sink) {
        const std::string text = "Putin ha incontrato Kim a Pyongyang.";
        if (offset == 0) {
          sink.write(text.data(), text.size());
        } else {
          sink.done();
        }
        return true;
      },
      "text/plain");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 200) << small->body;
  // Parameters are not taken.
  auto param = c.Post("/api/code?store=1", "Putin.", "text/plain");
  ASSERT_TRUE(param);
  EXPECT_EQ(param->status, 400);
}

TEST_F(ServerTest, StaticFilesFromTheEmbeddedTableOnly) {
  auto c = server_->Client();
  auto index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(index->body.find("<html"), std::string::npos);
  std::string csp = index->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_EQ(index->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  std::string etag = index->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c.Get("/", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto same = c.Get("/index.html");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->body, index->body);

  for (const char* path :
       {"/assets/../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2fetc%2fpasswd", "/..%5c..%5cetc%5cpasswd", "/etc/passwd", "//etc/passwd",
        "/assets/", "/assets/nothing.js", "/index.html/", "/./index.html", "/assets/%00.js"}) {
    std::string r = RawRequest(server_->port(), std::string("GET ") + path +
                                                    " HTTP/1.1\r\nHost: x\r\nConnection: "
                                                    "close\r\n\r\n");
    EXPECT_EQ(StatusOf(r), 404) << path << ": " << r.substr(0, 300);
    EXPECT_EQ(r.find("root:"), std::string::npos) << path;
    Json e = Json::parse(BodyOf(r), nullptr, false);
    EXPECT_EQ(e["error"]["status"], 404) << path;
  }
  auto post = c.Post("/", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST_F(ServerTest, CorsOnlyWhenAsked) {
  auto c = server_->Client();
  auto r = c.Get("/api/health", {{"Origin", "http://evil.test"}});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  auto pre = c.Options("/api/events");
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 405);
  EXPECT_FALSE(pre->has_header("Access-Control-Allow-Origin"));

  ServerOptions o;
  o.db = *db_;
  o.cors_origin = "http://localhost:5173";
  Running cors(o);
  auto cc = cors.Client();
  auto g = cc.Get("/api/health", {{"Origin", "http://localhost:5173"}});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->get_header_value("Access-Control-Allow-Origin"), "http://localhost:5173");
  auto err = cc.Get("/api/events?limit=0");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->status, 400);
  EXPECT_EQ(err->get_header_value("Access-Control-Allow-Origin"), "http://localhost:5173");
  auto p = cc.Options("/api/events");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, 204);
  EXPECT_EQ(p->get_header_value("Access-Control-Allow-Origin"), "http://localhost:5173");
  EXPECT_NE(p->get_header_value("Access-Control-Allow-Methods").find("GET"), std::string::npos);
}

TEST_F(ServerTest, ConcurrentLoad) {
  // The load check, in small: 2,000 requests from 32 clients.
  const std::vector<std::string> paths = {"/api/health",
                                          "/api/events?limit=20",
                                          "/api/events?actor=RUS",
                                          "/api/series?by=week",
                                          "/api/actors",
                                          "/api/dyads?country_level=1",
                                          "/api/places",
                                          "/api/quotes",
                                          "/api/speakers",
                                          "/api/commitments?on=2030-01-01",
                                          "/api/documents?q=Putin",
                                          "/api/documents/" + std::to_string(emoji_doc_),
                                          "/"};
  constexpr int kClients = 32, kRequests = 2000;
  std::atomic<int> next{0}, errors{0};
  std::vector<std::thread> clients;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", server_->port());
      c.set_keep_alive(i % 2 == 0);  // half reuse their connection
      c.set_read_timeout(30, 0);
      for (int n = next++; n < kRequests; n = next++) {
        auto r = c.Get(paths[static_cast<size_t>(n) % paths.size()]);
        if (!r || r->status != 200) ++errors;
      }
    });
  }
  for (auto& t : clients) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(errors, 0);
  EXPECT_LT(seconds, 60);
  std::printf("[ load ] %d requests from %d clients in %.2f s\n", kRequests, kClients, seconds);
}

TEST(ReadOnlyDatabase, NeverCreatesOrWrites) {
  fs::path dir = fs::temp_directory_path() / ("cronista_ro_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string missing = (dir / "missing.db").string();
  auto none = OpenReadOnlyDatabase(missing);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(missing));

  // Not a cronista database.
  std::string other = (dir / "other.db").string();
  {
    auto db = OpenSqlDatabase(other);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER)").ok());
  }
  auto foreign = OpenReadOnlyDatabase(other);
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("not a cronista database"), std::string::npos);
  ServerOptions o;
  o.db = other;
  auto server = ApiServer::Create(o);
  EXPECT_FALSE(server.ok());

  std::string path = (dir / "ok.db").string();
  { ASSERT_TRUE(Store::Open(path).ok()); }
  auto db = OpenReadOnlyDatabase(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_FALSE((*db)->Exec("CREATE TABLE x (a INTEGER)").ok());
  EXPECT_FALSE((*db)->Exec("DELETE FROM documents").ok());

  // A statement past the time limit is interrupted.
  ReadOnlyOptions quick;
  quick.statement_timeout_ms = 50;
  auto slow = OpenReadOnlyDatabase(path, quick);
  ASSERT_TRUE(slow.ok());
  auto st = (*slow)->Prepare(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
      "SELECT COUNT(*) FROM n");
  ASSERT_TRUE(st.ok());
  auto t0 = std::chrono::steady_clock::now();
  auto row = (*st)->Step();
  ASSERT_FALSE(row.ok());
  EXPECT_TRUE(IsTimeLimit(row.status())) << row.status().ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  fs::remove_all(dir);
}

// The same server over PostgreSQL: the queries the API adds (places, document
// count, a document's records) and the read-only session.
TEST(ServerPostgresTest, EndpointsAndReadOnly) {
  ScratchPostgresDb pg;
  if (pg.skipped()) GTEST_SKIP() << pg.skip_reason();
  ASSERT_TRUE(pg.status().ok()) << pg.status().ToString();
  int64_t emoji_doc = 0;
  int documents = 0;
  Ingest(pg.url(), &emoji_doc, &documents);
  ServerOptions o;
  o.db = pg.url();
  o.threads = 4;
  Running server(o);
  auto c = server.Client();
  auto get = [&c](const std::string& path) {
    auto r = c.Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return Json();
    EXPECT_EQ(r->status, 200) << path << ": " << r->body;
    return Json::parse(r->body, nullptr, false);
  };
  EXPECT_EQ(get("/api/health")["documents"], documents);
  Json events = get("/api/events?actor=RUS&limit=5&offset=1");
  EXPECT_GT(events["total"].get<int>(), 0);
  EXPECT_FALSE(get("/api/series?by=week")["rows"].empty());
  EXPECT_FALSE(get("/api/actors?country_level=1")["rows"].empty());
  EXPECT_FALSE(get("/api/dyads?country_level=1&source=RUS&target=PRK")["rows"].empty());
  Json places = get("/api/places?modality=all");
  ASSERT_FALSE(places["rows"].empty());
  EXPECT_TRUE(places["rows"][0]["lat"].is_number());
  EXPECT_FALSE(get("/api/quotes?speaker=putin")["rows"].empty());
  EXPECT_FALSE(get("/api/speakers")["rows"].empty());
  EXPECT_FALSE(get("/api/commitments?on=2030-01-01&defend=PRK")["rows"].empty());
  EXPECT_EQ(get("/api/documents")["total"], documents);
  Json search = get("/api/documents?q=Pyongyang");
  EXPECT_GT(search["total"].get<int>(), 0);
  EXPECT_EQ(search["rows"].size(), static_cast<size_t>(search["total"].get<int>()));
  Json doc = get("/api/documents/" + std::to_string(emoji_doc));
  ExpectUtf16Spans(doc);
  auto missing = c.Get("/api/documents/999999");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);

  // Concurrent requests, each worker on its own connection.
  std::atomic<int> errors{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&server, &errors] {
      auto cc = server.Client();
      for (int n = 0; n < 25; ++n) {
        auto r = cc.Get(n % 2 ? "/api/events?limit=10" : "/api/dyads?country_level=1");
        if (!r || r->status != 200) ++errors;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(errors, 0);

  auto ro = OpenReadOnlyDatabase(pg.url());
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_FALSE((*ro)->Exec("CREATE TABLE x (a INTEGER)").ok());
  EXPECT_FALSE((*ro)->Exec("DELETE FROM documents").ok());
}

TEST_F(ServerTest, PortInUseIsAnError) {
  ServerOptions o;
  o.db = *db_;
  auto second = ApiServer::Create(o);
  ASSERT_TRUE(second.ok());
  auto bound = (*second)->Bind("127.0.0.1", server_->port());
  EXPECT_FALSE(bound.ok());
}

TEST(ServerHelpers, Loopback) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("192.168.1.10"));
  EXPECT_FALSE(IsLoopbackHost("::"));
  EXPECT_FALSE(IsLoopbackHost("example.com"));
}

}  // namespace
}  // namespace cronista::server
