// Query latency over a large store: generates N events (default one million)
// among 60 countries over ten years into a fresh database, then times the
// monthly dyad time series (`cronista query --dyad A,B --by month`), the top
// dyads and a filtered event page, printing p50 and p99 over many queries.
// Usage: store_bench [--events N] [--queries Q] [--db PATH|URL]
// The default database is a temporary SQLite file, removed afterwards.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/query.h"
#include "store/schema.h"
#include "store/sql.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

const char* const kCountries[] = {
    "USA", "RUS", "CHN", "UKR", "PRK", "KOR", "JPN", "IRN", "ISR", "PSE", "SYR", "IRQ",
    "TUR", "DEU", "FRA", "GBR", "ITA", "ESP", "POL", "IND", "PAK", "AFG", "SAU", "EGY",
    "LBN", "YEM", "QAT", "ARE", "BRA", "ARG", "MEX", "VEN", "COL", "CUB", "CAN", "AUS",
    "VNM", "THA", "IDN", "PHL", "MYS", "NGA", "ETH", "SDN", "SOM", "KEN", "ZAF", "COD",
    "MLI", "LBY", "DZA", "MAR", "TUN", "BLR", "GEO", "ARM", "AZE", "KAZ", "SRB", "HUN"};
const char* const kAgents[] = {"", "GOV", "MIL", "GOV", "OPP", "BUS", "GOV"};
const char* const kCodes[] = {"010", "020", "036", "042", "043", "046", "051", "057",
                              "061", "071", "090", "111", "112", "120", "130", "138",
                              "141", "172", "173", "180", "190", "193", "195", "036"};

int Fail(const cronista::Status& s) {
  std::fprintf(stderr, "store_bench: %s\n", s.ToString().c_str());
  return 3;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t n_events = 1000000;
  int queries = 200;
  std::string target;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--events") == 0) n_events = std::atoll(argv[i + 1]);
    if (std::strcmp(argv[i], "--queries") == 0) queries = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--db") == 0) target = argv[i + 1];
  }
  std::string temp;
  if (target.empty()) {
    temp = (std::filesystem::temp_directory_path() /
            ("cronista-store-bench-" + std::to_string(::getpid()) + ".db"))
               .string();
    target = temp;
  }
  auto opened = cronista::OpenSqlDatabase(target);
  if (!opened.ok()) return Fail(opened.status());
  cronista::SqlDatabase& db = **opened;
  if (auto s = cronista::MigrateSchema(db); !s.ok()) return Fail(s);

  // One document for the events to point at, then the events.
  std::mt19937_64 rng(42);
  auto t0 = Clock::now();
  if (auto s = db.Begin(); !s.ok()) return Fail(s);
  auto doc = db.Prepare(
      "INSERT INTO documents (hash, doc_id, source_key, date_precision, text, n_sentences, "
      "n_mentions, n_events, n_quotes, n_commitments, ingested_at) VALUES "
      "(?, 'bench', 'bench', 'none', 'bench', 0, 0, 0, 0, 0, 'now') RETURNING id");
  if (!doc.ok()) return Fail(doc.status());
  (*doc)->Bind(1, "bench-" + std::to_string(rng()));
  auto got = (*doc)->Step();
  if (!got.ok()) return Fail(got.status());
  const int64_t doc_id = (*doc)->Int(0);
  (*doc)->Reset();
  auto ins = db.Prepare(
      "INSERT INTO events (source, target, code, root, quad, goldstein, plover, modality, date, "
      "date_precision, day, place_id, num_mentions, num_sources, num_articles, first_doc, "
      "first_sentence, added_at) VALUES (?, ?, ?, ?, ?, ?, 'EVENT', 'asserted', ?, 'day', ?, "
      "'', 1, 1, 1, ?, 0, 'now')");
  if (!ins.ok()) return Fail(ins.status());
  const int n_countries = sizeof kCountries / sizeof kCountries[0];
  // Skewed: a few countries are in most of the news, as in real data.
  std::vector<double> weights;
  for (int i = 0; i < n_countries; ++i) weights.push_back(1.0 / (1 + i));
  std::discrete_distribution<int> country(weights.begin(), weights.end());
  const int64_t first_day = cronista::DaysFromCivil(2015, 1, 1);
  for (int64_t i = 0; i < n_events; ++i) {
    int a = country(rng), b = country(rng);
    if (a == b) b = (b + 1) % n_countries;
    std::string src = std::string(kCountries[a]) + kAgents[rng() % 7];
    std::string tgt = std::string(kCountries[b]) + kAgents[rng() % 7];
    std::string code = kCodes[rng() % (sizeof kCodes / sizeof kCodes[0])];
    int root = std::atoi(code.substr(0, 2).c_str());
    int quad = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
    int64_t day = first_day + static_cast<int64_t>(rng() % 3652);
    // Civil date from the day number (inverse of DaysFromCivil).
    int64_t z = day + 719468, era = z / 146097, doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    int y = static_cast<int>(yoe + era * 400 + (m <= 2));
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
    cronista::SqlStatement& q = **ins;
    q.Bind(1, src);
    q.Bind(2, tgt);
    q.Bind(3, code);
    q.Bind(4, code.substr(0, 2));
    q.Bind(5, quad);
    q.Bind(6, quad <= 2 ? 3.0 : -5.0);
    q.Bind(7, std::string(date));
    q.Bind(8, day);
    q.Bind(9, doc_id);
    if (auto s = q.Run(); !s.ok()) return Fail(s);
  }
  if (auto s = db.Commit(); !s.ok()) return Fail(s);
  if (db.dialect() == cronista::SqlDialect::kSqlite) {
    if (auto s = db.Exec("ANALYZE"); !s.ok()) return Fail(s);
  } else if (auto s = db.Exec("ANALYZE events"); !s.ok()) {
    return Fail(s);
  }
  std::printf("store_bench: %lld events generated in %.1f s into %s\n",
              static_cast<long long>(n_events), Ms(t0) / 1000, db.Describe().c_str());

  // Dyads drawn like the events, so common and rare pairs are both asked.
  std::vector<double> series, top, page;
  size_t rows = 0;
  for (int i = 0; i < queries; ++i) {
    int a = country(rng), b = country(rng);
    if (a == b) b = (b + 1) % n_countries;
    cronista::EventFilter f;
    f.source = kCountries[a];
    f.target = kCountries[b];
    auto t = Clock::now();
    auto r = cronista::EventSeries(db, f, cronista::TimeBucket::kMonth);
    series.push_back(Ms(t));
    if (!r.ok()) return Fail(r.status());
    rows += r->rows.size();

    cronista::EventFilter g;
    g.actors = {kCountries[a]};
    g.from = "2019-01-01";
    g.to = "2019-12-31";
    t = Clock::now();
    auto tr = cronista::TopDyads(db, g, 10, true);
    top.push_back(Ms(t));
    if (!tr.ok()) return Fail(tr.status());

    cronista::EventFilter h;
    h.source = kCountries[a];
    h.target = kCountries[b];
    h.quads = {4};
    h.limit = 50;
    t = Clock::now();
    auto pr = cronista::CountEvents(db, h);
    auto pe = cronista::QueryEvents(db, h);
    page.push_back(Ms(t));
    if (!pr.ok()) return Fail(pr.status());
    if (!pe.ok()) return Fail(pe.status());
  }
  std::printf("monthly dyad series   (%d queries, %.0f rows avg): p50 %.2f ms  p99 %.2f ms\n",
              queries, static_cast<double>(rows) / queries, Percentile(series, 0.5),
              Percentile(series, 0.99));
  std::printf("top dyads of an actor (one year, country level):   p50 %.2f ms  p99 %.2f ms\n",
              Percentile(top, 0.5), Percentile(top, 0.99));
  std::printf("dyad page (count + 50 material-conflict events):   p50 %.2f ms  p99 %.2f ms\n",
              Percentile(page, 0.5), Percentile(page, 0.99));
  opened->reset();
  if (!temp.empty()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(temp + suffix);
  }
  return 0;
}
