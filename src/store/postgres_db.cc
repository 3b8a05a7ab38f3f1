// The PostgreSQL backend of SqlDatabase (sql.h), on libpq; also the choice of
// backend (OpenSqlDatabase) and the placeholder rewriting.
#include <libpq-fe.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql_backends.h"

namespace cronista {

namespace {

// Parameter types sent with PQexecParams (pg_type OIDs, stable since forever;
// the server headers that define them are not in libpq-dev). A parameter is
// typed as the same value written as a literal would be: integers as integer,
// or bigint when too large (an int8 would not fit substr(text, int, int) or
// date + int); text and NULL as "unknown", inferred from the context like a
// quoted literal. Doubles go as float8 to keep every bit. So a bare `? IS
// NULL` bound to text or NULL has no type: write `CAST(? AS TEXT) IS NULL`,
// which both backends take.
constexpr Oid kInt4Oid = 23;
constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;

// Transactions that write take this transaction-scoped advisory lock, so they
// run one at a time across processes, as SQLite's BEGIN IMMEDIATE does: an
// ingest's "is this document/event already stored?" checks then see every
// commit made before its own transaction began.
constexpr const char* kWriteLockSql = "SELECT pg_advisory_xact_lock(7254100)";

// libpq's messages end with a newline and may span lines ("...failed\n\tIs
// the server running..."): one line for a Status.
std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Where a connection string points, without its password: rebuilt from the
// parsed options rather than by editing the string, so no spelling of the
// password (URL user info, ?password=, password='...') can slip through.
std::string DescribeTarget(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (opts == nullptr) {
    if (err) PQfreemem(err);
    return "postgresql://(unparsable connection string)";
  }
  std::string host, port, db, user;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    std::string_view k = o->keyword;
    if (k == "host" || (k == "hostaddr" && host.empty())) host = o->val;
    if (k == "port") port = o->val;
    if (k == "dbname") db = o->val;
    if (k == "user") user = o->val;
  }
  PQconninfoFree(opts);
  if (!host.empty() && host[0] != '/' && host[0] != '@') {  // TCP
    return "postgresql://" + (user.empty() ? "" : user + "@") + host +
           (port.empty() ? "" : ":" + port) + "/" + db;
  }
  // A unix socket directory (or the default) goes in the query, as in a URL.
  std::string query;
  auto add = [&query](const char* key, const std::string& v) {
    if (v.empty()) return;
    query += query.empty() ? "?" : "&";
    query += key;
    query += "=";
    query += v;
  };
  add("host", host);
  add("port", port);
  add("user", user);
  return "postgresql:///" + db + query;
}

// The connection, shared by the database and its statements, so that a
// statement outliving its database is still safe to destroy.
struct PgConn {
  PGconn* conn = nullptr;
  std::string where;  // DescribeTarget
  PgConn(PGconn* c, std::string w) : conn(c), where(std::move(w)) {}
  ~PgConn() { PQfinish(conn); }
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;
};

StatusCode CodeForSqlState(std::string_view state) {
  if (state == "57014") return StatusCode::kResourceExhausted;  // statement_timeout, cancel
  std::string_view cls = state.substr(0, 2);
  if (cls == "42" || cls == "23" || cls == "22" || cls == "0A" || cls == "25") {
    // syntax, missing table/column; constraint; bad data; unsupported; bad
    // transaction state
    return StatusCode::kInvalidArgument;
  }
  if (cls == "08" || cls == "57" || cls == "58") return StatusCode::kIoError;
  if (cls == "53" || cls == "54") return StatusCode::kResourceExhausted;
  if (cls == "XX") return StatusCode::kDataLoss;  // includes data_corrupted
  return StatusCode::kInternal;
}

// The Status for a failed command (`res` may be null).
Status ResultError(const PgConn& c, const PGresult* res, std::string_view sql) {
  std::string msg;
  if (res != nullptr) {
    const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    if (primary != nullptr) msg = primary;
    const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    if (detail != nullptr) msg += std::string(" (") + detail + ")";
  }
  if (msg.empty()) msg = OneLine(PQerrorMessage(c.conn));
  if (msg.empty() && res != nullptr) msg = PQresStatus(PQresultStatus(res));
  if (PQstatus(c.conn) == CONNECTION_BAD) {
    return Status::IoError("lost the connection to PostgreSQL at " + c.where + ": " + msg);
  }
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string m = c.where + ": " + msg;
  if (state != nullptr) m += std::string(" [SQLSTATE ") + state + "]";
  if (!sql.empty()) m += " (in: " + SqlSnippet(sql) + ")";
  return Status(state ? CodeForSqlState(state) : StatusCode::kInternal, m);
}

bool ResultOk(const PGresult* res) {
  if (res == nullptr) return false;
  ExecStatusType s = PQresultStatus(res);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string FormatDouble(double v) {
  // PostgreSQL spells these its own way; %.17g prints every other double so
  // that it reads back bit for bit.
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

class PgStatement : public SqlStatement {
 public:
  PgStatement(std::shared_ptr<PgConn> conn, std::string sql, int placeholders)
      : conn_(std::move(conn)), sql_(std::move(sql)), placeholders_(placeholders) {}

  void Bind(int i, int64_t v) override {
    bool small = v >= INT32_MIN && v <= INT32_MAX;
    Set(i, std::to_string(v), small ? kInt4Oid : kInt8Oid);
  }
  void Bind(int i, double v) override { Set(i, FormatDouble(v), kFloat8Oid); }
  void Bind(int i, std::string_view v) override { Set(i, std::string(v), 0); }
  void BindNull(int i) override { Set(i, std::nullopt, 0); }

  Result<bool> Step() override {
    if (!error_.ok()) return error_;
    if (!executed_) {
      executed_ = true;
      // Unbound parameters are NULL, as in SQLite.
      size_t n = std::max(params_.size(), static_cast<size_t>(placeholders_));
      params_.resize(n);
      types_.resize(n, 0);
      std::vector<const char*> values(n);
      for (size_t i = 0; i < n; ++i) values[i] = params_[i] ? params_[i]->c_str() : nullptr;
      res_.reset(PQexecParams(conn_->conn, sql_.c_str(), static_cast<int>(n), types_.data(),
                              values.data(), nullptr, nullptr, /*resultFormat=*/0));
      if (!ResultOk(res_.get())) {
        error_ = ResultError(*conn_, res_.get(), sql_);
        res_.reset();
        return error_;
      }
      row_ = 0;
    } else if (res_ != nullptr && row_ < PQntuples(res_.get())) {
      ++row_;
    }
    return res_ != nullptr && row_ < PQntuples(res_.get());
  }

  int ColumnCount() const override { return res_ ? PQnfields(res_.get()) : 0; }
  std::string ColumnName(int col) const override {
    const char* name = res_ ? PQfname(res_.get(), col) : nullptr;
    return name ? name : "";
  }
  bool IsNull(int col) const override { return Value(col) == nullptr; }
  int64_t Int(int col) const override {
    const char* v = Value(col);
    if (v == nullptr) return 0;
    // Booleans come back as t/f (e.g. from EXISTS); SQLite gives 1/0.
    if (v[0] == 't' && v[1] == '\0') return 1;
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return std::strtoll(v, nullptr, 10);
  }
  double Double(int col) const override {
    const char* v = Value(col);
    return v ? std::strtod(v, nullptr) : 0.0;
  }
  std::string Text(int col) const override {
    const char* v = Value(col);
    if (v == nullptr) return "";
    return std::string(v, static_cast<size_t>(PQgetlength(res_.get(), row_, col)));
  }

  void Reset() override {
    res_.reset();
    params_.clear();
    types_.clear();
    executed_ = false;
    row_ = 0;
    error_ = Status::Ok();
  }

 private:
  void Set(int i, std::optional<std::string> v, Oid type) {
    if (i < 1 || i > 65535) {  // the protocol's limit
      if (error_.ok()) {
        error_ = Status::InvalidArgument(conn_->where + ": no parameter " + std::to_string(i) +
                                         " (in: " + SqlSnippet(sql_) + ")");
      }
      return;
    }
    size_t k = static_cast<size_t>(i);
    if (params_.size() < k) {
      params_.resize(k);
      types_.resize(k, 0);
    }
    params_[k - 1] = std::move(v);
    types_[k - 1] = type;
  }

  // The current row's value, or null (NULL, no row, no such column).
  const char* Value(int col) const {
    if (res_ == nullptr || row_ >= PQntuples(res_.get()) || col < 0 ||
        col >= PQnfields(res_.get()) || PQgetisnull(res_.get(), row_, col)) {
      return nullptr;
    }
    return PQgetvalue(res_.get(), row_, col);
  }

  std::shared_ptr<PgConn> conn_;
  std::string sql_;
  int placeholders_;
  std::vector<std::optional<std::string>> params_;
  std::vector<Oid> types_;
  ResultPtr res_;
  bool executed_ = false;
  int row_ = 0;
  Status error_;
};

class PgDatabase : public SqlDatabase {
 public:
  explicit PgDatabase(std::shared_ptr<PgConn> conn) : conn_(std::move(conn)) {}

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }

  Status Exec(std::string_view sql) override {
    std::string s(sql);
    ResultPtr res(PQexec(conn_->conn, s.c_str()));
    if (ResultOk(res.get())) return Status::Ok();
    return ResultError(*conn_, res.get(), sql);
  }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
    // Nothing goes to the server yet: PQexecParams parses, plans and runs in
    // one round trip, so SQL errors show at the first Step().
    if (PQstatus(conn_->conn) == CONNECTION_BAD) {
      return Status::IoError("lost the connection to PostgreSQL at " + conn_->where);
    }
    int n = 0;
    std::string pg = ToDollarPlaceholders(sql, &n);
    return std::unique_ptr<SqlStatement>(new PgStatement(conn_, std::move(pg), n));
  }

  Status Begin() override {
    // PostgreSQL only warns on a nested BEGIN; refuse it as SQLite does, so
    // the bug shows with either backend.
    if (PQtransactionStatus(conn_->conn) != PQTRANS_IDLE &&
        PQstatus(conn_->conn) == CONNECTION_OK) {
      return Status::InvalidArgument(conn_->where + ": a transaction is already open");
    }
    CRONISTA_RETURN_IF_ERROR(Exec("BEGIN"));
    Status s = Exec(kWriteLockSql);
    if (!s.ok()) (void)Rollback();
    return s;
  }

  Status Commit() override {
    ResultPtr res(PQexec(conn_->conn, "COMMIT"));
    if (!ResultOk(res.get())) return ResultError(*conn_, res.get(), "COMMIT");
    // COMMIT of a transaction that an earlier error aborted succeeds with the
    // tag ROLLBACK: the caller must hear that nothing was written.
    if (std::strcmp(PQcmdStatus(res.get()), "ROLLBACK") == 0) {
      return Status::InvalidArgument(conn_->where +
                                     ": the transaction failed earlier and was rolled back");
    }
    return Status::Ok();
  }

  Status Rollback() override {
    if (PQstatus(conn_->conn) == CONNECTION_OK &&
        PQtransactionStatus(conn_->conn) == PQTRANS_IDLE) {
      return Status::Ok();
    }
    return Exec("ROLLBACK");
  }

  std::string Describe() const override { return conn_->where; }

 private:
  std::shared_ptr<PgConn> conn_;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(const std::string& conninfo,
                                                          const OpenOptions& options) {
  std::string where = DescribeTarget(conninfo);
  // expand_dbname: `dbname` holds the whole URL or key=value string.
  const char* keys[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {conninfo.c_str(), "cronista", nullptr};
  auto conn = std::make_shared<PgConn>(PQconnectdbParams(keys, values, 1), where);
  if (conn->conn == nullptr)
    return Status::ResourceExhausted("out of memory connecting to " + where);
  if (PQstatus(conn->conn) != CONNECTION_OK) {
    return Status::IoError("cannot connect to PostgreSQL at " + where + ": " +
                           OneLine(PQerrorMessage(conn->conn)));
  }
  // Statements such as CREATE TABLE IF NOT EXISTS send NOTICEs that libpq
  // would print on stderr; cronista's own messages say what matters.
  PQsetNoticeProcessor(conn->conn, IgnoreNotice, nullptr);
  auto db = std::make_unique<PgDatabase>(conn);
  CRONISTA_RETURN_IF_ERROR(db->Exec("SET client_min_messages = warning"));
  if (options.read_only) {
    CRONISTA_RETURN_IF_ERROR(db->Exec("SET default_transaction_read_only = on"));
  }
  if (options.read_only || options.timeout_ms > 0) {
    CRONISTA_RETURN_IF_ERROR(
        db->Exec("SET statement_timeout = " + std::to_string(std::max(options.timeout_ms, 0))));
  }
  return std::unique_ptr<SqlDatabase>(std::move(db));
}

bool IsPostgresTarget(std::string_view target) {
  return target.starts_with("postgresql:") || target.starts_with("postgres://");
}

Result<std::unique_ptr<SqlDatabase>> OpenSqlDatabase(const std::string& target) {
  return OpenSqlDatabase(target, OpenOptions{});
}

Result<std::unique_ptr<SqlDatabase>> OpenSqlDatabase(const std::string& target,
                                                     const OpenOptions& options) {
  if (target.empty()) return Status::InvalidArgument("no database given");
  if (!IsPostgresTarget(target)) return OpenSqliteDatabase(target, options);
  if (target.starts_with("postgresql://") || target.starts_with("postgres://")) {
    return OpenPostgresDatabase(target, options);
  }
  // "postgresql:host=... dbname=...": a libpq key=value string.
  return OpenPostgresDatabase(target.substr(std::strlen("postgresql:")), options);
}

std::string ToDollarPlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  auto is_word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || static_cast<unsigned char>(c) >= 0x80;
  };
  // Copies sql[i..] up to and including `end` (or all that is left).
  auto copy_through = [&](size_t end) {
    end = end == std::string_view::npos ? sql.size() : end;
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    char c = sql[i];
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      // A doubled quote ('it''s') closes and reopens the literal: same effect.
      // E'...' strings also escape with backslashes.
      bool backslash = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                       (i < 2 || !is_word(sql[i - 2]));
      size_t j = i + 1;
      while (j < sql.size() && sql[j] != c) j += backslash && sql[j] == '\\' ? 2 : 1;
      copy_through(j < sql.size() ? j + 1 : std::string_view::npos);
    } else if (c == '-' && next == '-') {
      size_t nl = sql.find('\n', i);
      copy_through(nl == std::string_view::npos ? nl : nl + 1);
    } else if (c == '/' && next == '*') {
      size_t end = sql.find("*/", i + 2);
      copy_through(end == std::string_view::npos ? end : end + 2);
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  if (count != nullptr) *count = n;
  return out;
}

std::string ToDollarPlaceholders(std::string_view sql) {
  return ToDollarPlaceholders(sql, nullptr);
}

}  // namespace cronista
