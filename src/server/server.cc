// The HTTP API server (server.h, docs/api.md) on cpp-httplib.
//
// Every request goes through Impl::Dispatch, which routes it, validates its
// parameters and turns any failure into a JSON error: ApiError for the
// expected ones (bad parameter 400, unknown path 404, wrong method 405, ...),
// any other exception into a 500. httplib's own failures (malformed request,
// URI too long) reach the error handler, which answers in JSON too.
//
// Bodies (only POST /api/code uses one): a POST, PUT, PATCH or DELETE with a
// body is read through a content reader that stops at --max-body whether or
// not the client sent a Content-Length (httplib would read a chunked body
// into memory without a limit), then dispatched. Every other request is
// answered from the pre-routing handler, before httplib reads anything; one
// that came with a body anyway (a GET with a body) closes the connection.
#include "server/server.h"

#include <arpa/inet.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <exception>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "cronista/json_output.h"
#include "cronista/reader.h"
#include "server/assets.h"
#include "store/dates.h"
#include "store/query.h"
#include "store/readonly_db.h"
#include "store/schema.h"

#ifndef CRONISTA_VERSION
#define CRONISTA_VERSION "0.0.0"
#endif

namespace cronista::server {

namespace {

using Json = nlohmann::ordered_json;
using httplib::Request;
using httplib::Response;

constexpr const char* kJsonType = "application/json; charset=utf-8";

// Scripts and styles from the server itself only; inline styles are allowed
// because chart libraries set them. Nothing may frame the dashboard.
constexpr const char* kHtmlPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// JSON is never a document.
constexpr const char* kApiPolicy = "default-src 'none'; frame-ancestors 'none'";

// An expected failure, answered as {"error": {"status": S, "message": M}}.
// `detail` goes to the server's log only (paths, SQL).
struct ApiError {
  int status;
  std::string message;
  std::string detail = "";
};

std::string Dump(const Json& j) {
  // Invalid UTF-8 (from a request parameter, say) is replaced, never thrown.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string ErrorBody(int status, const std::string& message) {
  Json j;
  j["error"]["status"] = status;
  j["error"]["message"] = message;
  return Dump(j);
}

void SetError(Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(ErrorBody(status, message), kJsonType);
}

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

// Whether the client sent a body (which only POST /api/code reads).
bool HasBody(const Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  std::string length = req.get_header_value("Content-Length");
  return !length.empty() && length != "0";
}

// A value quoted for a message, cut to a readable length.
std::string Quoted(std::string_view v) {
  constexpr size_t kMax = 80;
  if (v.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
    return "'" + std::string(v.substr(0, cut)) + "...'";
  }
  return "'" + std::string(v) + "'";
}

// ---------------------------------------------------------------------------
// Parameters.

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YYYY-MM-DD, a real calendar date; with `partial` also YYYY-MM and YYYY.
bool IsDate(std::string_view s, bool partial) {
  auto num = [&s](size_t from, size_t n, int* out) {
    if (!IsDigits(s.substr(from, n))) return false;
    std::from_chars(s.data() + from, s.data() + from + n, *out);
    return true;
  };
  int year = 0, month = 0, day = 0;
  if (s.size() == 4) return partial && num(0, 4, &year);
  if (s.size() != 7 && s.size() != 10) return false;
  if (s.size() == 7 && !partial) return false;
  if (!num(0, 4, &year) || s[4] != '-' || !num(5, 2, &month) || month < 1 || month > 12) {
    return false;
  }
  if (s.size() == 7) return true;
  if (s[7] != '-' || !num(8, 2, &day)) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int last = month == 2 && leap ? 29 : kDays[month - 1];
  return day >= 1 && day <= last;
}

std::string Join(const std::vector<std::string_view>& v) {
  std::string out;
  for (std::string_view s : v) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

// The query parameters of a request, checked against the names an endpoint
// takes. An empty value counts as absent (as an empty form field).
class Params {
 public:
  Params(const Request& req, std::vector<std::string_view> known) : req_(req) {
    for (const auto& [key, value] : req.params) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        throw ApiError{400, "unknown parameter " + Quoted(key) + " (" + req.path + " takes " +
                                (known.empty() ? std::string("none") : Join(known)) + ")"};
      }
    }
  }

  // The value, "" when absent. A parameter given twice is an error: only
  // lists may repeat.
  std::string Get(const std::string& name, size_t max_bytes = 200) const {
    std::string out;
    auto [b, e] = req_.params.equal_range(name);
    int n = 0;
    for (auto it = b; it != e; ++it) {
      if (it->second.empty()) continue;
      if (++n > 1) throw ApiError{400, name + ": given more than once"};
      out = it->second;
    }
    if (out.size() > max_bytes) {
      throw ApiError{400, name + ": longer than " + std::to_string(max_bytes) + " bytes"};
    }
    return out;
  }

  // Comma-separated values, the parameter repeatable: actor=RUS,PRK or
  // actor=RUS&actor=PRK. Empty items are skipped.
  std::vector<std::string> List(const std::string& name) const {
    std::vector<std::string> out;
    auto [b, e] = req_.params.equal_range(name);
    for (auto it = b; it != e; ++it) {
      std::string_view v = it->second;
      while (!v.empty()) {
        size_t comma = v.find(',');
        std::string_view item = v.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        v.remove_prefix(comma + 1);
      }
    }
    if (out.size() > 100) throw ApiError{400, name + ": more than 100 values"};
    return out;
  }

  int64_t Int(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
    std::string v = Get(name, 40);
    if (v.empty()) return fallback;
    int64_t out = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || end != v.data() + v.size() || out < min || out > max) {
      std::string range = max == std::numeric_limits<int64_t>::max()
                              ? std::to_string(min) + " or more"
                              : "from " + std::to_string(min) + " to " + std::to_string(max);
      throw ApiError{400, name + ": expected an integer " + range + ", got " + Quoted(v)};
    }
    return out;
  }

  bool Flag(const std::string& name) const {
    std::string v = Get(name, 10);
    if (v.empty() || v == "0" || v == "false" || v == "no") return false;
    if (v == "1" || v == "true" || v == "yes") return true;
    throw ApiError{400, name + ": expected 1 or 0, got " + Quoted(v)};
  }

  // YYYY-MM-DD (with `partial`, also YYYY-MM and YYYY), or "".
  std::string Date(const std::string& name, bool partial) const {
    std::string v = Get(name, 40);
    if (!v.empty() && !IsDate(v, partial)) {
      throw ApiError{400, name + ": expected YYYY-MM-DD, got " + Quoted(v)};
    }
    return v;
  }

 private:
  const Request& req_;
};

// A CAMEO actor code: letters and digits, upper-cased.
std::string ActorCode(const std::string& name, std::string v) {
  bool ok = !v.empty() && v.size() <= 32 && std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
  if (!ok) {
    throw ApiError{400, name + ": " + Quoted(v) + " is not a CAMEO actor code (e.g. RUS, RUSGOV)"};
  }
  for (char& c : v) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return v;
}

const std::vector<std::string_view> kModalities = {"asserted", "negated", "hypothetical", "future",
                                                   "reported"};
const std::vector<std::string_view> kCommitmentTypes = {
    "defence",      "offence",     "neutrality", "non-aggression",
    "consultation", "cooperation", "partnership"};

// The parameters of the event filter, taken by every event endpoint.
const std::vector<std::string_view> kFilterNames = {
    "actor", "source", "target", "undirected", "code", "quad",  "modality",
    "lang",  "from",   "to",     "q",          "doc",  "limit", "offset"};

std::vector<std::string_view> With(std::vector<std::string_view> a,
                                   const std::vector<std::string_view>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The event filter. Lists show every modality by default; counts
// (`aggregate`) count asserted events unless asked otherwise, as `cronista
// query` and the exports do. limit and offset apply to lists only.
EventFilter EventFilterFrom(const Params& p, bool aggregate) {
  EventFilter f;
  for (const std::string& a : p.List("actor")) f.actors.push_back(ActorCode("actor", a));
  std::string source = p.Get("source", 40), target = p.Get("target", 40);
  if (!source.empty()) f.source = ActorCode("source", source);
  if (!target.empty()) f.target = ActorCode("target", target);
  f.undirected = p.Flag("undirected");
  if (f.undirected && f.source.empty() && f.target.empty()) {
    throw ApiError{400, "undirected: needs source and/or target"};
  }
  for (const std::string& c : p.List("code")) {
    if (!IsDigits(c) || c.size() > 4) {
      throw ApiError{400, "code: " + Quoted(c) + " is not a CAMEO event code (1 to 4 digits)"};
    }
    f.codes.push_back(c);
  }
  for (const std::string& q : p.List("quad")) {
    if (q.size() != 1 || q[0] < '1' || q[0] > '4') {
      throw ApiError{400, "quad: expected 1, 2, 3 or 4, got " + Quoted(q)};
    }
    f.quads.push_back(q[0] - '0');
  }
  bool all = false;
  std::vector<std::string> modalities = p.List("modality");
  for (const std::string& m : modalities) {
    if (m == "all") {
      all = true;
    } else if (std::find(kModalities.begin(), kModalities.end(), m) == kModalities.end()) {
      throw ApiError{400,
                     "modality: " + Quoted(m) + " is not one of " + Join(kModalities) + ", all"};
    } else {
      f.modalities.push_back(m);
    }
  }
  if (all) f.modalities.clear();
  if (modalities.empty() && aggregate) f.modalities = {"asserted"};
  f.lang = p.Get("lang", 20);
  if (!f.lang.empty() && !std::all_of(f.lang.begin(), f.lang.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
      })) {
    throw ApiError{400, "lang: expected a language code such as it or en, got " + Quoted(f.lang)};
  }
  f.from = p.Date("from", true);
  f.to = p.Date("to", true);
  if (!f.from.empty() && !f.to.empty() && f.from.size() == f.to.size() && f.from > f.to) {
    throw ApiError{400, "from: " + f.from + " is after to " + f.to};
  }
  f.text = p.Get("q", 500);
  f.doc = p.Int("doc", 0, 1, std::numeric_limits<int64_t>::max());
  f.limit = p.Int("limit", 50, 1, 1000);
  f.offset = p.Int("offset", 0, 0, 1'000'000'000);
  return f;
}

// ---------------------------------------------------------------------------
// JSON.

Json Cell(const SqlValue& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return std::isfinite(*d) ? Json(*d) : Json();
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return nullptr;
}

// Rows as objects keyed by column name. Columns named start and end are
// byte offsets mapped through `utf16` when given.
Json Rows(const Table& t, const std::vector<uint32_t>* utf16 = nullptr) {
  Json rows = Json::array();
  for (const auto& row : t.rows) {
    Json o = Json::object();
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const SqlValue& v = i < row.size() ? row[i] : SqlValue();
      const std::string& name = t.columns[i];
      const auto* n = std::get_if<int64_t>(&v);
      if (utf16 != nullptr && n != nullptr && (name == "start" || name == "end")) {
        int64_t b = std::clamp<int64_t>(*n, 0, static_cast<int64_t>(utf16->size()) - 1);
        o[name] = (*utf16)[static_cast<size_t>(b)];
      } else {
        o[name] = Cell(v);
      }
    }
    rows.push_back(std::move(o));
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Connections: one per worker at a time, reused.

class Pool {
 public:
  explicit Pool(DatabaseFactory open) : open_(std::move(open)) {}

  std::unique_ptr<SqlDatabase> Take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return db;
      }
    }
    auto db = open_();
    if (!db.ok()) {
      throw ApiError{503, "the database is unavailable", db.status().message()};
    }
    return std::move(*db);
  }

  void Give(std::unique_ptr<SqlDatabase> db) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(db));
  }

 private:
  DatabaseFactory open_;
  std::mutex mu_;
  std::vector<std::unique_ptr<SqlDatabase>> idle_;
};

// A connection taken from the pool for one request; back to the pool after,
// unless it failed in a way that may have broken it.
class Lease {
 public:
  explicit Lease(Pool& pool) : pool_(pool), db_(pool.Take()) {}
  ~Lease() {
    if (db_ && !broken_) pool_.Give(std::move(db_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  SqlDatabase& db() { return *db_; }

  // The value of a query, or the ApiError for its failure.
  template <typename T>
  T Check(Result<T> r) {
    if (r.ok()) return std::move(*r);
    const Status& s = r.status();
    if (IsTimeLimit(s)) {
      throw ApiError{503, "the query took too long (over the server's time limit); narrow it"};
    }
    if (s.code() == StatusCode::kNotFound) throw ApiError{404, s.message()};
    if (s.code() == StatusCode::kIoError) broken_ = true;
    // Parameters are validated before the query runs, so what remains is
    // the server's problem; the details (paths, SQL) go to its log only.
    if (s.code() == StatusCode::kIoError) {
      throw ApiError{503, "the database is unavailable", s.message()};
    }
    throw ApiError{500, "internal error: a database query failed", s.message()};
  }

 private:
  Pool& pool_;
  std::unique_ptr<SqlDatabase> db_;
  bool broken_ = false;
};

// ---------------------------------------------------------------------------
// Static files.

struct Asset {
  const EmbeddedAsset* file;
  std::string etag;
};

std::string ETagOf(std::string_view data) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "\"%016llx-%zx\"", static_cast<unsigned long long>(h),
                data.size());
  return buf;
}

// httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed when
// Debian built the library): a burst of new connections overflows it and
// the extra SYNs wait a second for their retransmission. Listening again on
// the bound socket raises the backlog.
class HttpServer : public httplib::Server {
 public:
  void RaiseBacklog() {
    socket_t sock = svr_sock_;
    if (sock != INVALID_SOCKET) ::listen(sock, SOMAXCONN);
  }
};

}  // namespace

// ---------------------------------------------------------------------------

struct ApiServer::Impl {
  ServerOptions options;
  std::unique_ptr<Pool> pool;
  HttpServer http;
  std::unordered_map<std::string, Asset> assets;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> listen_started{false};
  std::atomic<bool> listen_done{false};
  bool bound = false;

  using Handler = Json (Impl::*)(const Request&, Lease&);
  struct Route {
    std::string_view path;
    Handler handler;
  };

  void Setup();
  void Dispatch(const Request& req, Response& res, const std::string* body);
  void ReadAndDispatch(const Request& req, Response& res, const httplib::ContentReader& reader);
  void Api(const Request& req, Response& res, const std::string* body);
  void Static(const Request& req, Response& res);
  void AddHeaders(const Request& req, Response& res) const;
  httplib::Server::HandlerResponse OnError(const Request& req, Response& res) const;
  std::string TooLarge() const {
    return "request body too large: the limit is " + std::to_string(options.max_body_bytes) +
           " bytes (cronista serve --max-body)";
  }
  void LogError(const Request& req, int status, const std::string& message) const;

  Json Health(const Request& req, Lease& lease);
  Json Events(const Request& req, Lease& lease);
  Json Series(const Request& req, Lease& lease);
  Json Actors(const Request& req, Lease& lease);
  Json Dyads(const Request& req, Lease& lease);
  Json Places(const Request& req, Lease& lease);
  Json Quotes(const Request& req, Lease& lease);
  Json Speakers(const Request& req, Lease& lease);
  Json Commitments(const Request& req, Lease& lease);
  Json Documents(const Request& req, Lease& lease);
  Json Document(const Request& req, Lease& lease);
  void Code(const Request& req, Response& res, const std::string* body);
};

void ApiServer::Impl::Setup() {
  for (size_t i = 0; i < kEmbeddedAssetCount; ++i) {
    const EmbeddedAsset& a = kEmbeddedAssets[i];
    assets[a.path] = Asset{&a, ETagOf(a.data())};
  }
  int threads = std::max(1, options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  time_t timeout = std::max(1, options.timeout_seconds);
  http.set_read_timeout(timeout, 0);
  http.set_write_timeout(timeout, 0);
  // A kept-alive connection holds its worker: hand workers round often.
  http.set_keep_alive_timeout(3);
  http.set_keep_alive_max_count(20);
  http.set_payload_max_length(options.max_body_bytes);
  http.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default, SO_REUSEPORT, would let a second
  // server bind the same port and share its connections.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // The dispatcher, not httplib, routes every request (and so tells 404
  // from 405). Requests without a body are answered here, before httplib
  // would read one.
  http.set_pre_routing_handler([this](const Request& req, Response& res) {
    bool body = HasBody(req);
    if (body && (req.method == "POST" || req.method == "PUT" || req.method == "PATCH" ||
                 req.method == "DELETE")) {
      return httplib::Server::HandlerResponse::Unhandled;  // to ReadAndDispatch
    }
    Dispatch(req, res, nullptr);
    if (body) res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  });
  // Request paths are at most 8 KiB (414 beyond), which std::regex takes.
  auto with_body = [this](const Request& req, Response& res, const httplib::ContentReader& reader) {
    ReadAndDispatch(req, res, reader);
  };
  http.Post(".*", with_body);
  http.Put(".*", with_body);
  http.Patch(".*", with_body);
  http.Delete(".*", with_body);
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const Request& req, Response& res) { return OnError(req, res); }));
  http.set_exception_handler([this](const Request& req, Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    LogError(req, 500, what);
    SetError(res, 500, "internal error");
  });
  http.set_post_routing_handler(
      [this](const Request& req, Response& res) { AddHeaders(req, res); });
}

void ApiServer::Impl::LogError(const Request& req, int status, const std::string& message) const {
  if (!options.log_errors) return;
  // The path as sent, without control characters that would mangle the log.
  std::string path = req.path.substr(0, 200);
  for (char& c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  std::fprintf(stderr, "cronista serve: %d %s %s: %s\n", status, req.method.c_str(), path.c_str(),
               message.c_str());
}

void ApiServer::Impl::AddHeaders(const Request& req, Response& res) const {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  if (!res.has_header("Content-Security-Policy")) {
    std::string type = res.get_header_value("Content-Type");
    res.set_header("Content-Security-Policy",
                   type.starts_with("text/html") ? kHtmlPolicy : kApiPolicy);
  }
  if (IsApiPath(req.path)) {
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    if (!options.cors_origin.empty()) {
      res.set_header("Access-Control-Allow-Origin", options.cors_origin);
      res.set_header("Vary", "Origin");
    }
  }
}

httplib::Server::HandlerResponse ApiServer::Impl::OnError(const Request& req, Response& res) const {
  // Our handlers' errors already have their JSON body.
  if (!res.body.empty() || res.content_length_ > 0) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  std::string message;
  switch (res.status) {
    case 400: {
      static const std::vector<std::string_view> kKnown = {"GET",    "HEAD",  "POST",   "PUT",
                                                           "DELETE", "PATCH", "OPTIONS"};
      // A well-formed request line with a method httplib does not route.
      if (req.version.starts_with("HTTP/1.") && !req.method.empty() &&
          std::find(kKnown.begin(), kKnown.end(), req.method) == kKnown.end()) {
        res.status = 405;
        res.set_header("Allow", req.path == "/api/code" ? "POST" : "GET, HEAD");
        message = "method " + req.method + " is not allowed";
      } else {
        message = "malformed request";
      }
      break;
    }
    case 404:
      message = "not found: " + req.path;
      break;
    case 413:
      message = TooLarge();
      break;
    case 414:
      message = "request URI too long";
      break;
    case 416:
      message = "range not satisfiable";
      break;
    default:
      message = res.status >= 500 ? "internal error" : "request failed";
      break;
  }
  if (res.status >= 500) LogError(req, res.status, message);
  res.set_content(ErrorBody(res.status, message), kJsonType);
  return httplib::Server::HandlerResponse::Handled;
}

void ApiServer::Impl::ReadAndDispatch(const Request& req, Response& res,
                                      const httplib::ContentReader& reader) {
  std::string body;
  bool too_big = false;
  bool read = reader([&](const char* data, size_t n) {
    if (body.size() + n > options.max_body_bytes) {
      too_big = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  // httplib sets 413 itself for a Content-Length over the limit.
  if (too_big || res.status == 413) {
    res.set_header("Connection", "close");
    SetError(res, 413, TooLarge());
  } else if (!read) {
    res.set_header("Connection", "close");
    SetError(res, 400, "the request body could not be read");
  } else {
    Dispatch(req, res, &body);
  }
}

void ApiServer::Impl::Dispatch(const Request& req, Response& res, const std::string* body) {
  try {
    if (IsApiPath(req.path)) {
      Api(req, res, body);
    } else {
      Static(req, res);
    }
  } catch (const ApiError& e) {
    if (e.status >= 500) {
      LogError(req, e.status, e.detail.empty() ? e.message : e.message + ": " + e.detail);
    }
    SetError(res, e.status, e.message);
  } catch (const std::exception& e) {
    LogError(req, 500, e.what());
    SetError(res, 500, "internal error");
  } catch (...) {
    LogError(req, 500, "unknown exception");
    SetError(res, 500, "internal error");
  }
}

void ApiServer::Impl::Api(const Request& req, Response& res, const std::string* body) {
  static const Route kRoutes[] = {
      {"/api/health", &Impl::Health},
      {"/api/events", &Impl::Events},
      {"/api/series", &Impl::Series},
      {"/api/actors", &Impl::Actors},
      {"/api/dyads", &Impl::Dyads},
      {"/api/places", &Impl::Places},
      {"/api/quotes", &Impl::Quotes},
      {"/api/speakers", &Impl::Speakers},
      {"/api/commitments", &Impl::Commitments},
      {"/api/documents", &Impl::Documents},
  };
  Handler handler = nullptr;
  bool code = req.path == "/api/code";
  for (const Route& r : kRoutes) {
    if (req.path == r.path) handler = r.handler;
  }
  if (handler == nullptr && req.path.starts_with("/api/documents/") &&
      req.path.find('/', std::string_view("/api/documents/").size()) == std::string::npos) {
    handler = &Impl::Document;
  }
  if (handler == nullptr && !code) {
    throw ApiError{404, "no API endpoint " + req.path + " (see docs/api.md)"};
  }
  const char* allow = code ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
  if (req.method == "OPTIONS") {
    // A CORS preflight, answered only when CORS is on.
    if (options.cors_origin.empty()) {
      res.set_header("Allow", allow);
      throw ApiError{405, "OPTIONS: CORS is off (cronista serve --cors ORIGIN turns it on)"};
    }
    res.status = 204;
    res.set_header("Allow", allow);
    res.set_header("Access-Control-Allow-Methods", allow);
    res.set_header("Access-Control-Allow-Headers", "Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
    return;
  }
  bool get = req.method == "GET" || req.method == "HEAD";
  if (code ? req.method != "POST" : !get) {
    res.set_header("Allow", allow);
    throw ApiError{405, "method " + req.method + " is not allowed on " + req.path + " (use " +
                            (code ? "POST" : "GET") + ")"};
  }
  if (code) {
    Code(req, res, body);
    return;
  }
  Lease lease(*pool);
  Json answer = (this->*handler)(req, lease);
  res.status = 200;
  res.set_content(Dump(answer), kJsonType);
}

Json ApiServer::Impl::Health(const Request& req, Lease& lease) {
  Params p(req, {});
  DatabaseSummary s = lease.Check(Summarize(lease.db()));
  Json j;
  j["status"] = "ok";
  j["version"] = CRONISTA_VERSION;
  j["schema_version"] = kSchemaVersion;
  j["documents"] = s.documents;
  j["events"] = s.events;
  j["allow_code"] = options.allow_code && options.pipeline != nullptr;
  return j;
}

Json ApiServer::Impl::Events(const Request& req, Lease& lease) {
  Params p(req, kFilterNames);
  EventFilter f = EventFilterFrom(p, false);
  int64_t total = lease.Check(CountEvents(lease.db(), f));
  Table rows = lease.Check(QueryEvents(lease.db(), f));
  Json j;
  j["total"] = total;
  j["limit"] = f.limit;
  j["offset"] = f.offset;
  j["rows"] = Rows(rows);
  return j;
}

Json ApiServer::Impl::Series(const Request& req, Lease& lease) {
  Params p(req, With(kFilterNames, {"by"}));
  EventFilter f = EventFilterFrom(p, true);
  std::string by = p.Get("by", 20);
  if (by.empty()) by = "month";
  TimeBucket bucket;
  if (!ParseTimeBucket(by, &bucket)) {
    throw ApiError{400, "by: expected day, week or month, got " + Quoted(by)};
  }
  Json j;
  j["by"] = by;
  j["rows"] = Rows(lease.Check(EventSeries(lease.db(), f, bucket)));
  return j;
}

Json ApiServer::Impl::Actors(const Request& req, Lease& lease) {
  Params p(req, With(kFilterNames, {"n", "country_level"}));
  EventFilter f = EventFilterFrom(p, true);
  int n = static_cast<int>(p.Int("n", 20, 1, 1000));
  bool country = p.Flag("country_level");
  Json j;
  j["rows"] = Rows(lease.Check(TopActors(lease.db(), f, n, country)));
  return j;
}

Json ApiServer::Impl::Dyads(const Request& req, Lease& lease) {
  Params p(req, With(kFilterNames, {"n", "country_level"}));
  EventFilter f = EventFilterFrom(p, true);
  int n = static_cast<int>(p.Int("n", 50, 1, 1000));
  bool country = p.Flag("country_level");
  Json j;
  j["rows"] = Rows(lease.Check(TopDyads(lease.db(), f, n, country)));
  return j;
}

Json ApiServer::Impl::Places(const Request& req, Lease& lease) {
  Params p(req, With(kFilterNames, {"n"}));
  EventFilter f = EventFilterFrom(p, true);
  int n = static_cast<int>(p.Int("n", 500, 1, 1000));
  Json j;
  j["rows"] = Rows(lease.Check(EventPlaces(lease.db(), f, n)));
  return j;
}

namespace {

QuoteFilter QuoteFilterFrom(const Params& p) {
  QuoteFilter f;
  f.speaker = p.Get("speaker", 200);
  f.text = p.Get("q", 500);
  f.from = p.Date("from", true);
  f.to = p.Date("to", true);
  if (!f.from.empty() && !f.to.empty() && f.from.size() == f.to.size() && f.from > f.to) {
    throw ApiError{400, "from: " + f.from + " is after to " + f.to};
  }
  f.with_scare = p.Flag("scare");
  return f;
}

}  // namespace

Json ApiServer::Impl::Quotes(const Request& req, Lease& lease) {
  Params p(req, {"speaker", "q", "from", "to", "scare", "limit", "offset"});
  QuoteFilter f = QuoteFilterFrom(p);
  f.limit = p.Int("limit", 50, 1, 1000);
  f.offset = p.Int("offset", 0, 0, 1'000'000'000);
  Json j;
  j["rows"] = Rows(lease.Check(QueryQuotes(lease.db(), f)));
  return j;
}

Json ApiServer::Impl::Speakers(const Request& req, Lease& lease) {
  Params p(req, {"speaker", "q", "from", "to", "scare", "n"});
  QuoteFilter f = QuoteFilterFrom(p);
  int n = static_cast<int>(p.Int("n", 50, 1, 1000));
  Json j;
  j["rows"] = Rows(lease.Check(QuoteSpeakers(lease.db(), f, n)));
  return j;
}

Json ApiServer::Impl::Commitments(const Request& req, Lease& lease) {
  Params p(req, {"on", "party", "defend", "type"});
  CommitmentFilter f;
  f.on = p.Date("on", false);
  if (f.on.empty()) f.on = LocalToday();
  std::string party = p.Get("party", 40), defend = p.Get("defend", 40);
  if (!party.empty()) f.party = ActorCode("party", party);
  if (!defend.empty()) f.defend = ActorCode("defend", defend);
  f.type = p.Get("type", 40);
  if (!f.type.empty() && std::find(kCommitmentTypes.begin(), kCommitmentTypes.end(), f.type) ==
                             kCommitmentTypes.end()) {
    throw ApiError{400, "type: " + Quoted(f.type) + " is not one of " + Join(kCommitmentTypes)};
  }
  if (!f.defend.empty() && !f.type.empty() && f.type != "defence") {
    throw ApiError{400, "type: defend asks about defence commitments, not " + Quoted(f.type)};
  }
  Json j;
  j["on"] = f.on;
  j["rows"] = Rows(lease.Check(CommitmentsInForce(lease.db(), f)));
  return j;
}

Json ApiServer::Impl::Documents(const Request& req, Lease& lease) {
  Params p(req, {"q", "limit", "offset"});
  std::string q = p.Get("q", 500);
  int64_t limit = p.Int("limit", 50, 1, 1000);
  int64_t offset = p.Int("offset", 0, 0, 1'000'000'000);
  int64_t total = lease.Check(CountDocuments(lease.db(), q));
  Json j;
  j["total"] = total;
  j["limit"] = limit;
  j["offset"] = offset;
  j["rows"] = Rows(lease.Check(SearchDocuments(lease.db(), q, limit, offset)));
  return j;
}

Json ApiServer::Impl::Document(const Request& req, Lease& lease) {
  Params p(req, {});
  std::string_view id_text = std::string_view(req.path).substr(std::strlen("/api/documents/"));
  int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (!IsDigits(id_text) || ec != std::errc() || end != id_text.data() + id_text.size() || id < 1) {
    throw ApiError{400, "id: expected a document number (documents.id), got " + Quoted(id_text)};
  }
  DocumentRecord r = lease.Check(FetchDocument(lease.db(), id));
  Json doc = Rows(r.document).at(0);
  const auto* text = std::get_if<std::string>(&r.document.rows.at(0).back());
  std::vector<uint32_t> utf16 = Utf16Offsets(text ? std::string_view(*text) : "");
  doc["sentences"] = Rows(r.sentences, &utf16);
  doc["mentions"] = Rows(r.mentions, &utf16);
  doc["events"] = Rows(r.events, &utf16);
  doc["quotes"] = Rows(r.quotes, &utf16);
  doc["places"] = Rows(r.places, &utf16);
  doc["times"] = Rows(r.times, &utf16);
  doc["commitments"] = Rows(r.commitments, &utf16);
  return doc;
}

void ApiServer::Impl::Code(const Request& req, Response& res, const std::string* posted) {
  if (!options.allow_code || options.pipeline == nullptr) {
    throw ApiError{403, "POST /api/code is off: start the server with cronista serve --allow-code"};
  }
  Params p(req, {});
  const std::string body = posted ? *posted : std::string();
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  ReaderOptions ropt;
  ropt.max_document_bytes = options.max_body_bytes;
  cronista::Document doc;
  doc.meta.id = "request";
  constexpr std::string_view kOrigin = "request body";
  Status s;
  if (type == "application/json" || type.ends_with("+json")) {
    s = ParseJsonLine(body, kOrigin, ropt, &doc);
  } else if (type == "text/html" || type == "application/xhtml+xml") {
    s = ParseHtml(body, kOrigin, ropt, &doc);
  } else {
    s = ParsePlainText(body, kOrigin, ropt, &doc);
  }
  if (s.ok()) s = options.pipeline->Process(&doc);
  if (!s.ok()) {
    int status = s.code() == StatusCode::kResourceExhausted ? 413
                 : s.code() == StatusCode::kInternal        ? 500
                                                            : 400;
    throw ApiError{status, s.message()};
  }
  res.status = 200;
  res.set_content(DocumentToJson(doc, JsonOptions()), kJsonType);
}

void ApiServer::Impl::Static(const Request& req, Response& res) {
  std::string name = req.path == "/" ? "index.html" : req.path.substr(1);
  auto it = assets.find(name);
  if (it == assets.end()) throw ApiError{404, "not found: " + req.path};
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    throw ApiError{405, "method " + req.method + " is not allowed on " + req.path};
  }
  const Asset& a = it->second;
  res.set_header("ETag", a.etag);
  // Revalidated on each use (a 304 when unchanged): a rebuilt binary never
  // serves stale files.
  res.set_header("Cache-Control", "no-cache");
  std::string type = a.file->content_type;
  if (type.starts_with("text/html")) {
    res.set_header("Content-Security-Policy", kHtmlPolicy);
    res.set_header("X-Frame-Options", "DENY");
  }
  if (req.get_header_value("If-None-Match") == a.etag) {
    res.status = 304;
    return;
  }
  res.status = 200;
  // Served from the embedded bytes without a copy.
  const EmbeddedAsset* file = a.file;
  res.set_content_provider(file->size(), type,
                           [file](size_t offset, size_t length, httplib::DataSink& sink) {
                             size_t n = std::min(length, file->size() - offset);
                             return sink.write(file->begin + offset, n);
                           });
}

// ---------------------------------------------------------------------------

Result<std::unique_ptr<ApiServer>> ApiServer::Create(const ServerOptions& options) {
  if (options.allow_code && options.pipeline == nullptr) {
    return Status::InvalidArgument("allow_code needs a pipeline");
  }
  std::unique_ptr<ApiServer> s(new ApiServer());
  s->impl_ = std::make_unique<Impl>();
  Impl& impl = *s->impl_;
  impl.options = options;
  DatabaseFactory open = options.open_database;
  if (!open) {
    ReadOnlyOptions ro;
    ro.statement_timeout_ms = std::max(1, options.timeout_seconds) * 1000;
    std::string target = options.db;
    open = [target, ro] { return OpenReadOnlyDatabase(target, ro); };
  }
  // A first connection now: a missing or foreign database fails here.
  auto first = open();
  if (!first.ok()) return first.status();
  impl.pool = std::make_unique<Pool>(open);
  impl.pool->Give(std::move(*first));
  impl.Setup();
  return s;
}

ApiServer::~ApiServer() {
  if (impl_) Stop();
}

Result<int> ApiServer::Bind(const std::string& host, int port) {
  int bound = 0;
  if (port == 0) {
    bound = impl_->http.bind_to_any_port(host);
    if (bound <= 0) bound = 0;
  } else if (impl_->http.bind_to_port(host, port)) {
    bound = port;
  }
  if (bound == 0) {
    return Status::IoError("cannot listen on " + host + ":" + std::to_string(port) +
                           " (address in use, or not an address of this machine?)");
  }
  impl_->http.RaiseBacklog();
  impl_->bound = true;
  return bound;
}

Status ApiServer::Listen() {
  if (!impl_->bound) return Status::InvalidArgument("Listen() before Bind()");
  impl_->listen_started = true;
  bool ok = true;
  if (!impl_->stop_requested) ok = impl_->http.listen_after_bind();
  impl_->listen_done = true;
  if (!ok && !impl_->stop_requested) return Status::IoError("the server stopped accepting");
  return Status::Ok();
}

void ApiServer::Stop() {
  impl_->stop_requested = true;
  if (!impl_->listen_started) return;
  // Listen() may be between its check and httplib's start: wait for either.
  while (!impl_->listen_done && !impl_->http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http.stop();
}

std::vector<uint32_t> Utf16Offsets(std::string_view text) {
  std::vector<uint32_t> out(text.size() + 1, 0);
  uint32_t units = 0;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 1;
    // A truncated or malformed sequence: its lead byte alone, one unit.
    if (len > 1) {
      if (i + len > text.size()) {
        len = 1;
      } else {
        for (size_t k = 1; k < len; ++k) {
          if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
            len = 1;
            break;
          }
        }
      }
    }
    for (size_t k = 0; k < len; ++k) out[i + k] = units;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  out[text.size()] = units;
  return out;
}

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr a{};
  if (inet_pton(AF_INET, host.c_str(), &a) == 1) {
    return (ntohl(a.s_addr) >> 24) == 127;
  }
  return false;
}

}  // namespace cronista::server
