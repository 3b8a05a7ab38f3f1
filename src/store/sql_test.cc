#include "store/sql.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "pg_test_db.h"
#include "store/schema.h"

namespace cronista {
namespace {

// --- Placeholders and targets (no database) ---

TEST(SqlPlaceholdersTest, NumbersQuestionMarksInOrder) {
  EXPECT_EQ(ToDollarPlaceholders("SELECT 1"), "SELECT 1");
  EXPECT_EQ(ToDollarPlaceholders("INSERT INTO t VALUES (?, ?,?)"),
            "INSERT INTO t VALUES ($1, $2,$3)");
  std::string many = "SELECT ?";
  for (int i = 0; i < 11; ++i) many += ", ?";
  EXPECT_EQ(ToDollarPlaceholders(many).substr(ToDollarPlaceholders(many).size() - 5), ", $12");
}

TEST(SqlPlaceholdersTest, SkipsLiteralsIdentifiersAndComments) {
  EXPECT_EQ(ToDollarPlaceholders("SELECT '?' || ?"), "SELECT '?' || $1");
  // '' is a quote inside the literal, not its end.
  EXPECT_EQ(ToDollarPlaceholders("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  EXPECT_EQ(ToDollarPlaceholders("SELECT '', ?, ''''"), "SELECT '', $1, ''''");
  EXPECT_EQ(ToDollarPlaceholders("SELECT \"odd?name\" FROM t WHERE a = ?"),
            "SELECT \"odd?name\" FROM t WHERE a = $1");
  EXPECT_EQ(ToDollarPlaceholders("SELECT ? -- why?\n, ?"), "SELECT $1 -- why?\n, $2");
  EXPECT_EQ(ToDollarPlaceholders("SELECT ? -- why?"), "SELECT $1 -- why?");
  EXPECT_EQ(ToDollarPlaceholders("SELECT /* a ? b */ ?"), "SELECT /* a ? b */ $1");
  EXPECT_EQ(ToDollarPlaceholders("SELECT E'a\\'?', ?"), "SELECT E'a\\'?', $1");
  // Backslashes are plain characters in standard strings.
  EXPECT_EQ(ToDollarPlaceholders("SELECT 'a\\', ?"), "SELECT 'a\\', $1");
  EXPECT_EQ(ToDollarPlaceholders("SELECT 'città ?' , ?"), "SELECT 'città ?' , $1");
  // An unterminated literal is left for the server to report.
  EXPECT_EQ(ToDollarPlaceholders("SELECT ?, 'oops ?"), "SELECT $1, 'oops ?");
  EXPECT_EQ(ToDollarPlaceholders(""), "");
}

TEST(SqlTargetTest, RecognisesPostgresTargets) {
  EXPECT_TRUE(IsPostgresTarget("postgresql://u@h/db"));
  EXPECT_TRUE(IsPostgresTarget("postgres://h/db"));
  EXPECT_TRUE(IsPostgresTarget("postgresql:host=h dbname=db"));
  EXPECT_FALSE(IsPostgresTarget("cronista.db"));
  EXPECT_FALSE(IsPostgresTarget("./postgresql.db"));
  EXPECT_FALSE(IsPostgresTarget(""));
}

TEST(SqlTargetTest, EmptyTargetIsRefused) {
  auto db = OpenSqlDatabase("");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kInvalidArgument);
}

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = ::testing::TempDir() + "cronista_sql_test_XXXXXX";
    path_ = mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(SqliteOpenTest, MissingDirectoryNamesThePath) {
  TempDir dir;
  std::string path = dir.path() + "/no/such/dir/x.db";
  auto db = OpenSqlDatabase(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kIoError);
  EXPECT_NE(db.status().message().find(path), std::string::npos) << db.status().ToString();
}

TEST(SqliteOpenTest, NotADatabaseNamesThePath) {
  TempDir dir;
  std::string path = dir.path() + "/notes.txt";
  std::ofstream(path) << "these are not the bytes of a SQLite database, not at all\n";
  auto db = OpenSqlDatabase(path);
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find(path), std::string::npos) << db.status().ToString();
  EXPECT_NE(db.status().message().find("not a database"), std::string::npos);
}

TEST(SqliteOpenTest, CreatesTheFileInWalMode) {
  TempDir dir;
  std::string path = dir.path() + "/new.db";
  auto db = OpenSqlDatabase(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->dialect(), SqlDialect::kSqlite);
  EXPECT_EQ((*db)->Describe(), path);
  EXPECT_TRUE(std::filesystem::exists(path));
  for (auto [pragma, want] : {std::pair<const char*, const char*>{"PRAGMA journal_mode", "wal"},
                              {"PRAGMA foreign_keys", "1"},
                              {"PRAGMA synchronous", "1"},  // NORMAL
                              {"PRAGMA busy_timeout", "60000"}}) {
    auto st = (*db)->Prepare(pragma);
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    auto row = (*st)->Step();
    ASSERT_TRUE(row.ok() && *row) << pragma;
    EXPECT_EQ((*st)->Text(0), want) << pragma;
  }
}

TEST(PostgresOpenTest, UnreachableServerIsAnIoErrorWithoutPassword) {
  TempDir dir;  // an empty directory: no socket in it
  std::string url =
      "postgresql://someone:s3cr3t@/cronista_none?host=" + dir.path() + "&port=5999&password=pw2";
  auto db = OpenSqlDatabase(url);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kIoError);
  std::string m = db.status().message();
  EXPECT_NE(m.find("cronista_none"), std::string::npos) << m;
  EXPECT_NE(m.find(dir.path()), std::string::npos) << m;
  EXPECT_EQ(m.find("s3cr3t"), std::string::npos) << m;
  EXPECT_EQ(m.find("pw2"), std::string::npos) << m;
  // The key=value form, after the "postgresql:" prefix.
  auto kv = OpenSqlDatabase("postgresql:host=" + dir.path() +
                            " port=5999 dbname=cronista_none password='x y z'");
  ASSERT_FALSE(kv.ok());
  EXPECT_EQ(kv.status().code(), StatusCode::kIoError);
  EXPECT_EQ(kv.status().message().find("x y z"), std::string::npos) << kv.status().message();
}

// --- Both backends ---

enum class Backend { kSqlite, kPostgres };

// Names the parameter in test listings (and so in ctest's test names).
void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::kSqlite ? "Sqlite" : "Postgres");
}

class SqlBackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      ASSERT_FALSE(dir_.path().empty());
      target_ = dir_.path() + "/test.db";
    } else {
      pg_ = std::make_unique<ScratchPostgresDb>();
      if (pg_->skipped()) GTEST_SKIP() << pg_->skip_reason();
      ASSERT_TRUE(pg_->status().ok()) << pg_->status().ToString();
      target_ = pg_->url();
    }
    db_ = Open();
    ASSERT_NE(db_, nullptr);
  }
  void TearDown() override {
    db_.reset();
    pg_.reset();
  }

  std::unique_ptr<SqlDatabase> Open() {
    auto db = OpenSqlDatabase(target_);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }
  bool pg() const { return GetParam() == Backend::kPostgres; }

  // The single integer a query returns (-1 on failure).
  int64_t QueryInt(SqlDatabase& db, const std::string& sql) {
    auto st = db.Prepare(sql);
    if (!st.ok()) {
      ADD_FAILURE() << st.status().ToString();
      return -1;
    }
    auto row = (*st)->Step();
    if (!row.ok() || !*row) {
      ADD_FAILURE() << sql << ": " << row.status().ToString();
      return -1;
    }
    return (*st)->Int(0);
  }

  // The error of running `sql` through Prepare + Step (either may report it).
  Status RunError(const std::string& sql) {
    auto st = db_->Prepare(sql);
    if (!st.ok()) return st.status();
    return (*st)->Run();
  }

  TempDir dir_;
  std::unique_ptr<ScratchPostgresDb> pg_;
  std::string target_;
  std::unique_ptr<SqlDatabase> db_;
};

TEST_P(SqlBackendTest, DialectAndDescription) {
  EXPECT_EQ(db_->dialect(), pg() ? SqlDialect::kPostgres : SqlDialect::kSqlite);
  if (pg()) {
    EXPECT_NE(db_->Describe().find(pg_->name()), std::string::npos) << db_->Describe();
    // Trust authentication ignores the password; it must not be shown.
    auto with_pw = OpenSqlDatabase(target_ + "&password=hunter2");
    ASSERT_TRUE(with_pw.ok()) << with_pw.status().ToString();
    EXPECT_EQ((*with_pw)->Describe().find("hunter2"), std::string::npos);
    EXPECT_EQ((*with_pw)->Describe(), db_->Describe());
  } else {
    EXPECT_EQ(db_->Describe(), target_);
  }
}

TEST_P(SqlBackendTest, BindsAndReadsBackEveryType) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE t (k INTEGER PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, "
                        "s TEXT, n TEXT)")
                  .ok());
  auto ins = db_->Prepare("INSERT INTO t (k, i, d, s, n) VALUES (?, ?, ?, ?, ?)");
  ASSERT_TRUE(ins.ok()) << ins.status().ToString();
  struct Row {
    int64_t i;
    double d;
    std::string s;
  };
  const std::vector<Row> rows = {
      {std::numeric_limits<int64_t>::max(), 0.1, "it's a \"test\""},
      {std::numeric_limits<int64_t>::min(), 1.0 / 3.0, "città — 北京 — 😀"},
      {-1, -2.5e-300, "why? because ?? and '?' -- not a comment"},
      {0, 1e300, "back\\slash; semi; $1 dollar"},
      {42, -0.0, "line\nbreak\ttab"},
      {7, 123456789.123456789, ""},  // an empty string, not NULL
  };
  for (size_t k = 0; k < rows.size(); ++k) {
    (*ins)->Bind(1, static_cast<int>(k));
    (*ins)->Bind(2, rows[k].i);
    (*ins)->Bind(3, rows[k].d);
    (*ins)->Bind(4, rows[k].s);
    (*ins)->BindNull(5);
    Status s = (*ins)->Run();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  // The convenience overloads.
  (*ins)->Bind(1, 100);
  (*ins)->Bind(2, true);
  (*ins)->Bind(3, 2.0);
  (*ins)->Bind(4, "a C string");
  (*ins)->BindText(5, "");  // empty: NULL
  ASSERT_TRUE((*ins)->Run().ok());
  (*ins)->Bind(1, 101);
  (*ins)->Bind(2, false);
  (*ins)->BindNull(3);
  (*ins)->BindText(4, "x");
  (*ins)->BindText(5, std::string("y"));
  ASSERT_TRUE((*ins)->Run().ok());

  auto sel = db_->Prepare("SELECT k, i, d, s, n FROM t WHERE k < ? ORDER BY k");
  ASSERT_TRUE(sel.ok()) << sel.status().ToString();
  (*sel)->Bind(1, 100);
  for (size_t k = 0; k < rows.size(); ++k) {
    auto r = (*sel)->Step();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(*r) << "row " << k;
    EXPECT_EQ((*sel)->Int(0), static_cast<int64_t>(k));
    EXPECT_EQ((*sel)->Int(1), rows[k].i);
    EXPECT_EQ((*sel)->Double(2), rows[k].d) << "row " << k;  // exactly
    EXPECT_EQ((*sel)->Text(3), rows[k].s);
    EXPECT_FALSE((*sel)->IsNull(3));
    EXPECT_TRUE((*sel)->IsNull(4));
    EXPECT_EQ((*sel)->Text(4), "");
    EXPECT_EQ((*sel)->Int(4), 0);
  }
  ASSERT_EQ((*sel)->ColumnCount(), 5);
  EXPECT_EQ((*sel)->ColumnName(0), "k");
  EXPECT_EQ((*sel)->ColumnName(3), "s");
  auto end = (*sel)->Step();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
  // Done stays done until Reset (SQLite would otherwise run it again).
  end = (*sel)->Step();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);

  // Reset clears the bindings and the statement runs again.
  (*sel)->Reset();
  (*sel)->Bind(1, 1);
  auto r = (*sel)->Step();
  ASSERT_TRUE(r.ok() && *r);
  EXPECT_EQ((*sel)->Int(0), 0);
  r = (*sel)->Step();
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);

  auto more = db_->Prepare("SELECT i, d, s, n FROM t WHERE k >= 100 ORDER BY k");
  ASSERT_TRUE(more.ok());
  ASSERT_TRUE(*(*more)->Step());
  EXPECT_EQ((*more)->Int(0), 1);
  EXPECT_EQ((*more)->Double(1), 2.0);
  EXPECT_EQ((*more)->Text(2), "a C string");
  EXPECT_TRUE((*more)->IsNull(3));
  ASSERT_TRUE(*(*more)->Step());
  EXPECT_EQ((*more)->Int(0), 0);
  EXPECT_TRUE((*more)->IsNull(1));
  EXPECT_EQ((*more)->Text(3), "y");
}

TEST_P(SqlBackendTest, ParametersInExpressionsAndLiterals) {
  // '?' inside a literal is text; the real placeholders are numbered around it.
  auto st = db_->Prepare(
      "SELECT 'a?b' AS lit, ? AS p, -- is this one? no\n ? + 1 AS q, ? IS NULL AS is_null");
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  (*st)->Bind(1, "x'y");
  (*st)->Bind(2, int64_t{41});
  (*st)->Bind(3, int64_t{5});
  auto r = (*st)->Step();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(*r);
  EXPECT_EQ((*st)->Text(0), "a?b");
  EXPECT_EQ((*st)->Text(1), "x'y");
  EXPECT_EQ((*st)->Int(2), 42);
  EXPECT_EQ((*st)->Int(3), 0);  // a boolean reads as 0/1 on both backends
  EXPECT_EQ((*st)->ColumnName(2), "q");
  EXPECT_EQ(QueryInt(*db_, "SELECT 1 = 1"), 1);

  // Integers are typed like literals: int where they fit (functions taking
  // int accept them), bigint beyond.
  auto f = db_->Prepare("SELECT substr(?, ?, ?), ? + 1, ? * 2.5");
  ASSERT_TRUE(f.ok());
  (*f)->Bind(1, "cronista");
  (*f)->Bind(2, 2);
  (*f)->Bind(3, 3);
  (*f)->Bind(4, int64_t{5000000000});
  (*f)->Bind(5, 2.0);
  r = (*f)->Step();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(*r);
  EXPECT_EQ((*f)->Text(0), "ron");
  EXPECT_EQ((*f)->Int(1), 5000000001);
  EXPECT_EQ((*f)->Double(2), 5.0);

  // Optional filters: PostgreSQL cannot type a bare "? IS NULL" (NULL and
  // text parameters are "unknown"); a CAST works on both backends.
  ASSERT_TRUE(db_->Exec("CREATE TABLE t (s TEXT); INSERT INTO t VALUES ('a'); "
                        "INSERT INTO t VALUES ('b')")
                  .ok());
  auto opt = db_->Prepare("SELECT COUNT(*) FROM t WHERE (CAST(? AS TEXT) IS NULL OR s = ?)");
  ASSERT_TRUE(opt.ok());
  (*opt)->Bind(1, "a");
  (*opt)->Bind(2, "a");
  r = (*opt)->Step();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*opt)->Int(0), 1);
  (*opt)->Reset();
  (*opt)->BindNull(1);
  (*opt)->BindNull(2);
  r = (*opt)->Step();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*opt)->Int(0), 2);
}

TEST_P(SqlBackendTest, UnboundParametersAreNull) {
  auto st = db_->Prepare("SELECT COALESCE(?, 'none')");
  ASSERT_TRUE(st.ok());
  auto r = (*st)->Step();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(*r);
  EXPECT_EQ((*st)->Text(0), "none");
}

TEST_P(SqlBackendTest, ManyRowsWithOneStatementInATransaction) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE n (v BIGINT NOT NULL)").ok());
  ASSERT_TRUE(db_->Begin().ok());
  auto ins = db_->Prepare("INSERT INTO n (v) VALUES (?)");
  ASSERT_TRUE(ins.ok());
  for (int v = 1; v <= 2000; ++v) {
    (*ins)->Bind(1, v);
    ASSERT_TRUE((*ins)->Run().ok());
  }
  ASSERT_TRUE(db_->Commit().ok());
  EXPECT_EQ(QueryInt(*db_, "SELECT SUM(v) FROM n"), 2000 * 2001 / 2);
  auto sel = db_->Prepare("SELECT v FROM n ORDER BY v");
  ASSERT_TRUE(sel.ok());
  int64_t count = 0, last = 0;
  for (;;) {
    auto r = (*sel)->Step();
    ASSERT_TRUE(r.ok());
    if (!*r) break;
    ++count;
    last = (*sel)->Int(0);
  }
  EXPECT_EQ(count, 2000);
  EXPECT_EQ(last, 2000);
}

TEST_P(SqlBackendTest, TransactionsCommitAndRollBack) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE t (v TEXT NOT NULL)").ok());
  auto other = Open();
  ASSERT_NE(other, nullptr);
  auto insert = [this](const char* v) {
    auto st = db_->Prepare("INSERT INTO t (v) VALUES (?)");
    ASSERT_TRUE(st.ok());
    (*st)->Bind(1, v);
    ASSERT_TRUE((*st)->Run().ok());
  };

  ASSERT_TRUE(db_->Begin().ok());
  insert("rolled back");
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM t"), 1);
  ASSERT_TRUE(db_->Rollback().ok());
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM t"), 0);

  ASSERT_TRUE(db_->Begin().ok());
  insert("kept");
  EXPECT_EQ(QueryInt(*other, "SELECT COUNT(*) FROM t"), 0);  // not yet visible
  ASSERT_TRUE(db_->Commit().ok());
  EXPECT_EQ(QueryInt(*other, "SELECT COUNT(*) FROM t"), 1);

  // Rollback without a transaction is harmless; a nested Begin is an error.
  EXPECT_TRUE(db_->Rollback().ok());
  ASSERT_TRUE(db_->Begin().ok());
  Status nested = db_->Begin();
  EXPECT_FALSE(nested.ok());
  EXPECT_TRUE(db_->Rollback().ok());
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM t"), 1);
}

TEST_P(SqlBackendTest, ErrorsNameTheProblemAndTheDatabase) {
  Status bad = RunError("SELEC 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("syntax error"), std::string::npos) << bad.ToString();
  EXPECT_NE(bad.message().find(db_->Describe()), std::string::npos) << bad.ToString();

  Status missing = RunError("SELECT * FROM no_such_table");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.message().find("no_such_table"), std::string::npos) << missing.ToString();

  Status exec = db_->Exec("CREATE TABLE t (v INTEGER); DROP TABLE no_such_table");
  ASSERT_FALSE(exec.ok());
  EXPECT_NE(exec.message().find("no_such_table"), std::string::npos) << exec.ToString();

  ASSERT_TRUE(db_->Exec("CREATE TABLE u (k INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
  ASSERT_TRUE(db_->Exec("INSERT INTO u (k, v) VALUES (1, 'a')").ok());
  Status dup = RunError("INSERT INTO u (k, v) VALUES (1, 'b')");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(dup.message().find(pg() ? "unique" : "UNIQUE"), std::string::npos) << dup.ToString();

  auto null = db_->Prepare("INSERT INTO u (k, v) VALUES (2, ?)");
  ASSERT_TRUE(null.ok());
  (*null)->BindNull(1);
  Status s = (*null)->Run();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("v"), std::string::npos) << s.ToString();
  // After an error and Reset the statement works again.
  (*null)->Bind(1, "ok");
  EXPECT_TRUE((*null)->Run().ok());

  // A parameter index the statement does not have.
  auto range = db_->Prepare("SELECT ?");
  ASSERT_TRUE(range.ok());
  (*range)->Bind(1, 1);
  (*range)->Bind(3, 3);
  EXPECT_FALSE((*range)->Step().ok());
  EXPECT_FALSE((*range)->Step().ok());  // until Reset
  (*range)->Reset();
  (*range)->Bind(1, 1);
  auto one = (*range)->Step();
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_TRUE(*one);

  // One statement at a time.
  Status two = RunError("SELECT 1; SELECT 2");
  EXPECT_FALSE(two.ok());
}

TEST_P(SqlBackendTest, CommitAfterAFailedStatement) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE t (k INTEGER PRIMARY KEY)").ok());
  ASSERT_TRUE(db_->Begin().ok());
  ASSERT_TRUE(db_->Exec("INSERT INTO t (k) VALUES (1)").ok());
  EXPECT_FALSE(db_->Exec("INSERT INTO t (k) VALUES (1)").ok());
  Status c = db_->Commit();
  if (pg()) {
    // PostgreSQL aborted the whole transaction: Commit must say so.
    EXPECT_FALSE(c.ok());
    EXPECT_NE(c.message().find("rolled back"), std::string::npos) << c.ToString();
    EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM t"), 0);
  } else {
    // SQLite only undid the failed statement.
    EXPECT_TRUE(c.ok()) << c.ToString();
    EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM t"), 1);
  }
  // Either way the connection is usable again.
  EXPECT_TRUE(db_->Begin().ok());
  EXPECT_TRUE(db_->Commit().ok());
}

TEST_P(SqlBackendTest, MigrateSchemaOnAFreshDatabase) {
  auto v0 = SchemaVersion(*db_);
  ASSERT_TRUE(v0.ok()) << v0.status().ToString();
  EXPECT_EQ(*v0, 0);
  Status m = MigrateSchema(*db_);
  ASSERT_TRUE(m.ok()) << m.ToString();
  auto v1 = SchemaVersion(*db_);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(*v1, kSchemaVersion);
  // Twice: nothing to do.
  m = MigrateSchema(*db_);
  ASSERT_TRUE(m.ok()) << m.ToString();
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM schema_migrations"), kSchemaVersion);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM documents"), 0);
  // A second connection sees the same schema and has nothing to do.
  auto other = Open();
  ASSERT_NE(other, nullptr);
  EXPECT_TRUE(MigrateSchema(*other).ok());
  EXPECT_EQ(QueryInt(*other, "SELECT COUNT(*) FROM schema_migrations"), kSchemaVersion);
}

TEST_P(SqlBackendTest, MigrateSchemaConcurrentlyFromSeveralConnections) {
  db_.reset();  // a really fresh database for the racers
  constexpr int kRacers = 4;
  std::vector<Status> results(kRacers);
  std::vector<std::thread> threads;
  for (int t = 0; t < kRacers; ++t) {
    threads.emplace_back([this, t, &results] {
      auto db = OpenSqlDatabase(target_);
      if (!db.ok()) {
        results[t] = db.status();
        return;
      }
      results[t] = MigrateSchema(**db);
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kRacers; ++t) EXPECT_TRUE(results[t].ok()) << results[t].ToString();
  db_ = Open();
  ASSERT_NE(db_, nullptr);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM schema_migrations"), kSchemaVersion);
  auto v = SchemaVersion(*db_);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, kSchemaVersion);
}

TEST_P(SqlBackendTest, WritersQueueBehindAnOpenTransaction) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE t (v INTEGER)").ok());
  ASSERT_TRUE(db_->Begin().ok());
  std::atomic<bool> second_began{false};
  Status second;
  std::thread th([&] {
    auto db = OpenSqlDatabase(target_);
    if (!db.ok()) {
      second = db.status();
      return;
    }
    second = (*db)->Begin();  // waits for the first transaction
    second_began = true;
    if (second.ok()) second = (*db)->Exec("INSERT INTO t (v) VALUES (2)");
    if (second.ok()) second = (*db)->Commit();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(second_began.load());
  ASSERT_TRUE(db_->Exec("INSERT INTO t (v) VALUES (1)").ok());
  ASSERT_TRUE(db_->Commit().ok());
  th.join();
  EXPECT_TRUE(second.ok()) << second.ToString();
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM t"), 2);
}

TEST_P(SqlBackendTest, LostConnectionIsAnIoErrorNamingTheServer) {
  if (!pg()) GTEST_SKIP() << "PostgreSQL only";
  int64_t pid = QueryInt(*db_, "SELECT pg_backend_pid()");
  auto killer = Open();
  ASSERT_NE(killer, nullptr);
  auto st = killer->Prepare("SELECT pg_terminate_backend(?)");
  ASSERT_TRUE(st.ok());
  (*st)->Bind(1, pid);
  ASSERT_TRUE((*st)->Run().ok());
  Status s = db_->Exec("SELECT 1");
  // The first command after the kill may still see the termination message.
  if (s.ok()) s = db_->Exec("SELECT 1");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIoError) << s.ToString();
  EXPECT_NE(s.message().find(db_->Describe()), std::string::npos) << s.ToString();
  auto prep = db_->Prepare("SELECT 1");
  Status p = prep.ok() ? (*prep)->Run() : prep.status();
  EXPECT_EQ(p.code(), StatusCode::kIoError) << p.ToString();
}

TEST_P(SqlBackendTest, StatementTimeoutIsResourceExhausted) {
  if (!pg()) GTEST_SKIP() << "PostgreSQL only";
  ASSERT_TRUE(db_->Exec("SET statement_timeout = 50").ok());
  Status s = db_->Exec("SELECT pg_sleep(2)");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted) << s.ToString();
  EXPECT_NE(s.message().find("[SQLSTATE 57014]"), std::string::npos) << s.ToString();
  EXPECT_EQ(QueryInt(*db_, "SELECT 7"), 7);  // the connection is still good
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// ctest gives tests with "Postgres" in their name the PostgreSQL server.
INSTANTIATE_TEST_SUITE_P(Sqlite, SqlBackendTest, ::testing::Values(Backend::kSqlite), BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, SqlBackendTest, ::testing::Values(Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace cronista
