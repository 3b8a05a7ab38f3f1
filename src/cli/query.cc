// `cronista query`: the analyst's questions over a database written by
// `cronista ingest`, printed as a table on a terminal, else as CSV or JSON.
#include "store/query.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "store/dates.h"
#include "store/readonly_db.h"
#include "store/sql.h"

namespace cronista::cli {

namespace {

struct QueryOptions {
  std::string db = "cronista.db";
  std::vector<std::string> actors;
  std::string dyad;
  bool undirected = false;
  std::vector<std::string> codes;
  std::vector<std::string> roots;
  std::vector<int> quads;
  std::vector<std::string> modalities;
  std::string lang, from, to, text;
  int64_t limit = 100;
  int64_t offset = 0;
  std::string by;
  int top_actors = 0;
  int top_dyads = 0;
  bool country_level = false;
  bool quotes = false;
  std::string speaker;
  int speakers = 0;
  bool scare = false;
  std::string defend;
  std::string on;
  bool commitments = false;
  std::string party;
  std::string type;
  std::string search;
  bool count = false;
  std::string format;

  // Which options were given, for the checks that depend on the mode.
  std::vector<std::pair<std::string, CLI::Option*>> event_only, quote_only, commitment_only, paging,
      aggregate_only;
  CLI::Option* modality_opt = nullptr;
  CLI::Option *by_opt = nullptr, *top_actors_opt = nullptr, *top_dyads_opt = nullptr,
              *speakers_opt = nullptr, *defend_opt = nullptr, *search_opt = nullptr;
};

int Usage(const std::string& message) {
  std::fprintf(stderr, "cronista query: %s\n", message.c_str());
  return kExitUsage;
}

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsCode(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!ok) return false;
  }
  return true;
}

// YYYY-MM-DD, or with `partial` also YYYY-MM and YYYY, a real calendar date.
bool IsDate(const std::string& s, bool partial) {
  auto digits = [&s](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (s.size() == 4) return partial && digits(0, 4);
  if (s.size() != 7 && s.size() != 10) return false;
  if (s.size() == 7 && !partial) return false;
  if (!digits(0, 4) || s[4] != '-' || !digits(5, 2)) return false;
  int year = std::stoi(s.substr(0, 4));
  int month = std::stoi(s.substr(5, 2));
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !digits(8, 2)) return false;
  int day = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int last = month == 2 && leap ? 29 : kDays[month - 1];
  return day >= 1 && day <= last;
}

bool Given(const CLI::Option* o) { return o != nullptr && o->count() > 0; }

// The first option of `group` that was given, or "".
std::string FirstGiven(const std::vector<std::pair<std::string, CLI::Option*>>& group) {
  for (const auto& [name, o] : group) {
    if (Given(o)) return name;
  }
  return "";
}

int RunQuery(const QueryOptions& opt) {
  // What to answer: one mode at most; the default lists events.
  std::vector<std::string> modes;
  if (Given(opt.by_opt)) modes.push_back("--by");
  if (Given(opt.top_actors_opt)) modes.push_back("--top-actors");
  if (Given(opt.top_dyads_opt)) modes.push_back("--top-dyads");
  if (opt.quotes) modes.push_back("--quotes");
  if (Given(opt.speakers_opt)) modes.push_back("--speakers");
  if (Given(opt.defend_opt)) modes.push_back("--committed-to-defend");
  if (opt.commitments) modes.push_back("--commitments");
  if (Given(opt.search_opt)) modes.push_back("--search");
  if (modes.size() > 1) return Usage(modes[0] + " and " + modes[1] + " ask different questions");
  std::string mode = modes.empty() ? "events" : modes[0];
  bool events =
      mode == "events" || mode == "--by" || mode == "--top-actors" || mode == "--top-dyads";
  bool quotes = mode == "--quotes" || mode == "--speakers";
  bool commitments = mode == "--committed-to-defend" || mode == "--commitments";
  if ((mode == "--top-actors" && opt.top_actors <= 0) ||
      (mode == "--top-dyads" && opt.top_dyads <= 0) ||
      (mode == "--speakers" && opt.speakers <= 0)) {
    return Usage(mode + " takes a number of rows, 1 or more");
  }
  if ((mode == "--committed-to-defend" && opt.defend.empty()) ||
      (mode == "--search" && opt.search.find_first_not_of(" \t\r\n") == std::string::npos)) {
    return Usage(mode + " needs a value");
  }

  // Options that do not belong to the question asked.
  std::string stray;
  if (!events && !(stray = FirstGiven(opt.event_only)).empty()) {
    return Usage(stray + " filters events: it does not apply to " + mode);
  }
  if (!quotes && !(stray = FirstGiven(opt.quote_only)).empty()) {
    return Usage(stray + " applies to --quotes and --speakers");
  }
  if (!commitments && !(stray = FirstGiven(opt.commitment_only)).empty()) {
    return Usage(stray + " applies to --commitments and --committed-to-defend");
  }
  if (mode != "events" && mode != "--quotes" && mode != "--search" &&
      !(stray = FirstGiven(opt.paging)).empty()) {
    return Usage(stray + " applies to lists of events, quotes or documents, not to " + mode);
  }
  if (mode != "events" && opt.count) return Usage("--count counts events: it goes without " + mode);
  bool dates = !opt.from.empty() || !opt.to.empty();
  if (commitments && dates) return Usage("--from/--to do not apply to commitments: use --on DATE");
  if (mode == "--search" && dates) return Usage("--from/--to do not apply to --search");
  if ((mode == "--search" || commitments) && !opt.text.empty()) {
    return Usage("--text does not apply to " + mode);
  }
  if (!(stray = FirstGiven(opt.aggregate_only)).empty() && mode != "--top-actors" &&
      mode != "--top-dyads") {
    return Usage(stray + " applies to --top-actors and --top-dyads");
  }

  // Values.
  TableFormat format;
  if (opt.format.empty()) {
    format = isatty(STDOUT_FILENO) ? TableFormat::kTable : TableFormat::kCsv;
  } else if (!ParseTableFormat(opt.format, &format)) {
    return Usage("unknown --format '" + opt.format + "' (table, csv, json, jsonl)");
  }
  EventFilter f;
  for (const std::string& a : opt.actors) {
    if (!IsCode(a)) {
      return Usage("--actor '" + a + "' is not a CAMEO actor code (e.g. RUS, RUSGOV)");
    }
    f.actors.push_back(a);
  }
  if (!opt.dyad.empty()) {
    size_t comma = opt.dyad.find(',');
    std::string a = opt.dyad.substr(0, comma);
    std::string b = comma == std::string::npos ? "" : opt.dyad.substr(comma + 1);
    if (comma == std::string::npos || b.find(',') != std::string::npos ||
        (a.empty() && b.empty()) || (!a.empty() && !IsCode(a)) || (!b.empty() && !IsCode(b))) {
      return Usage("--dyad '" + opt.dyad +
                   "' is not SOURCE,TARGET (CAMEO actor codes, e.g. RUS,PRK; one side may be "
                   "empty)");
    }
    f.source = a;
    f.target = b;
  }
  if (opt.undirected && opt.dyad.empty()) return Usage("--undirected needs --dyad");
  f.undirected = opt.undirected;
  for (const std::string& c : opt.codes) {
    if (!AllDigits(c) || c.size() > 4) {
      return Usage("--code '" + c + "' is not a CAMEO event code (1 to 4 digits, e.g. 057)");
    }
    f.codes.push_back(c);
  }
  for (const std::string& r : opt.roots) {
    int root = AllDigits(r) && r.size() <= 2 ? std::stoi(r) : 0;
    if (root < 1 || root > 20) return Usage("--root '" + r + "' is not a CAMEO root (01 to 20)");
    f.codes.push_back((root < 10 ? "0" : "") + std::to_string(root));
  }
  for (int q : opt.quads) {
    if (q < 1 || q > 4) {
      return Usage("--quad " + std::to_string(q) +
                   " is not a QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal "
                   "conflict, 4 material conflict)");
    }
    f.quads.push_back(q);
  }
  bool all_modalities = false;
  for (const std::string& m : opt.modalities) {
    if (m == "all") {
      all_modalities = true;
      continue;
    }
    bool known = false;
    for (const char* k : {"asserted", "negated", "hypothetical", "future", "reported"}) {
      known = known || m == k;
    }
    if (!known) {
      return Usage("--modality '" + m +
                   "' is not one of asserted, negated, hypothetical, future, reported, all");
    }
    f.modalities.push_back(m);
  }
  if (all_modalities) f.modalities.clear();
  // Counts (series, top lists) count what was asserted, as the exports do,
  // unless asked otherwise; a list shows every modality in its own column.
  if (!Given(opt.modality_opt) && mode != "events") f.modalities = {"asserted"};
  for (const auto& [name, value] :
       {std::pair<const char*, const std::string*>{"--from", &opt.from}, {"--to", &opt.to}}) {
    if (!value->empty() && !IsDate(*value, true)) {
      return Usage(std::string(name) + " '" + *value +
                   "' is not a date (YYYY-MM-DD, or YYYY-MM / YYYY for a whole month / year)");
    }
  }
  if (!opt.from.empty() && !opt.to.empty() && opt.from > opt.to) {
    return Usage("--from " + opt.from + " is after --to " + opt.to);
  }
  f.lang = opt.lang;
  f.from = opt.from;
  f.to = opt.to;
  f.text = opt.text;
  if (opt.limit < 0 || opt.offset < 0) return Usage("--limit and --offset cannot be negative");
  f.limit = opt.limit;
  f.offset = opt.offset;
  TimeBucket bucket = TimeBucket::kMonth;
  if (mode == "--by" && !ParseTimeBucket(opt.by, &bucket)) {
    return Usage("--by '" + opt.by + "' is not day, week or month");
  }
  std::string on = opt.on.empty() ? LocalToday() : opt.on;
  if (!IsDate(on, false)) return Usage("--on '" + opt.on + "' is not a date (YYYY-MM-DD)");
  for (const auto& [name, value] :
       {std::pair<const char*, const std::string*>{"--committed-to-defend", &opt.defend},
        {"--party", &opt.party}}) {
    if (!value->empty() && !IsCode(*value)) {
      return Usage(std::string(name) + " '" + *value +
                   "' is not a CAMEO actor code (a country such as PRK, or an organisation)");
    }
  }
  if (!opt.type.empty()) {
    bool known = false;
    for (const char* t : {"defence", "offence", "neutrality", "non-aggression", "consultation",
                          "cooperation", "partnership"}) {
      known = known || opt.type == t;
    }
    if (!known) {
      return Usage("--type '" + opt.type +
                   "' is not one of defence, offence, neutrality, non-aggression, consultation, "
                   "cooperation, partnership");
    }
    if (!opt.defend.empty() && opt.type != "defence") {
      return Usage("--committed-to-defend asks about defence commitments, not --type " + opt.type);
    }
  }

  // Read-only: a query never creates a SQLite file nor writes to one, not
  // even its journal mode. No time limit, unlike the HTTP API.
  ReadOnlyOptions ro;
  ro.statement_timeout_ms = 0;
  auto db = OpenReadOnlyDatabase(opt.db, ro);
  if (!db.ok()) {
    std::fprintf(stderr, "cronista query: %s\n", db.status().message().c_str());
    // A missing file, or one that is not a cronista database of this
    // version, is a wrong --db; a failed connection is fatal.
    StatusCode code = db.status().code();
    return code == StatusCode::kNotFound || code == StatusCode::kInvalidArgument ? kExitUsage
                                                                                 : kExitFatal;
  }
  SqlDatabase& d = **db;

  Result<Table> table = Status::Internal("no query");
  std::string noun;
  if (mode == "events" && opt.count) {
    auto n = CountEvents(d, f);
    if (!n.ok()) {
      std::fprintf(stderr, "cronista query: %s\n", n.status().message().c_str());
      return kExitFatal;
    }
    std::printf("%lld\n", static_cast<long long>(*n));
    return std::fflush(stdout) == 0 ? kExitOk : kExitFatal;
  } else if (mode == "events") {
    table = QueryEvents(d, f);
    noun = "events";
  } else if (mode == "--by") {
    table = EventSeries(d, f, bucket);
  } else if (mode == "--top-actors") {
    table = TopActors(d, f, opt.top_actors, opt.country_level);
  } else if (mode == "--top-dyads") {
    table = TopDyads(d, f, opt.top_dyads, opt.country_level);
  } else if (quotes) {
    QuoteFilter q;
    q.speaker = opt.speaker;
    q.text = opt.text;
    q.from = opt.from;
    q.to = opt.to;
    q.with_scare = opt.scare;
    q.limit = opt.limit;
    q.offset = opt.offset;
    table = mode == "--quotes" ? QueryQuotes(d, q) : QuoteSpeakers(d, q, opt.speakers);
  } else if (commitments) {
    CommitmentFilter c;
    c.on = on;
    c.defend = opt.defend;
    c.party = opt.party;
    c.type = opt.type;
    table = CommitmentsInForce(d, c);
  } else {
    table = SearchDocuments(d, opt.search, opt.limit, opt.offset);
  }
  if (!table.ok()) {
    std::fprintf(stderr, "cronista query: %s\n", table.status().message().c_str());
    return kExitFatal;
  }
  std::string out = FormatTable(*table, format);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "cronista query: error writing the output\n");
    return kExitFatal;
  }
  // On a terminal, say when a list was cut.
  if (format == TableFormat::kTable && !noun.empty() && opt.limit > 0 &&
      static_cast<int64_t>(table->rows.size()) == opt.limit) {
    auto n = CountEvents(d, f);
    if (n.ok() && *n > opt.offset + opt.limit) {
      std::fprintf(stderr, "cronista query: %lld of %lld %s shown (--limit, --offset for more)\n",
                   static_cast<long long>(table->rows.size()), static_cast<long long>(*n),
                   noun.c_str());
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterQuery(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<QueryOptions>();
  CLI::App* cmd = app.add_subcommand(
      "query",
      "Ask a database written by `cronista ingest`: events (the default), time series\n"
      "(--by), top actors and dyads, quotations, commitments in force, documents.\n"
      "Output: an aligned table on a terminal, else CSV (--format). See docs/cli.md.");
  cmd->add_option("--db", opt->db, "SQLite file or postgresql:// URL (default: cronista.db)");
  auto& ev = opt->event_only;
  ev.emplace_back("--actor", cmd->add_option("--actor", opt->actors,
                                             "Events with this actor on either side, as a code "
                                             "prefix (RUS: RUS, RUSGOV, RUSMIL); repeatable")
                                 ->delimiter(','));
  ev.emplace_back("--dyad", cmd->add_option("--dyad", opt->dyad,
                                            "SOURCE,TARGET: events from SOURCE to TARGET (code "
                                            "prefixes; one side may be empty)"));
  ev.emplace_back("--undirected",
                  cmd->add_flag("--undirected", opt->undirected, "--dyad in either direction"));
  ev.emplace_back("--code", cmd->add_option("--code", opt->codes,
                                            "CAMEO event code prefix (057, 05); repeatable")
                                ->delimiter(','));
  ev.emplace_back("--root",
                  cmd->add_option("--root", opt->roots, "CAMEO root code, 01 to 20; repeatable")
                      ->delimiter(','));
  ev.emplace_back(
      "--quad",
      cmd->add_option("--quad", opt->quads, "QuadClass 1 to 4; repeatable")->delimiter(','));
  opt->modality_opt = cmd->add_option("--modality", opt->modalities,
                                      "asserted, negated, hypothetical, future, reported or all; "
                                      "repeatable (default: all for lists, asserted for --by "
                                      "and --top-*)")
                          ->delimiter(',');
  ev.emplace_back("--modality", opt->modality_opt);
  ev.emplace_back("--lang", cmd->add_option("--lang", opt->lang,
                                            "Events reported by a document in this language"));
  cmd->add_option("--from", opt->from,
                  "First day, YYYY-MM-DD (YYYY-MM, YYYY: from the period's first day)");
  cmd->add_option("--to", opt->to,
                  "Last day, YYYY-MM-DD (YYYY-MM, YYYY: to the period's last day)");
  cmd->add_option("--text", opt->text,
                  "Words that the reporting document must contain (full text, all words)");
  auto& pg = opt->paging;
  pg.emplace_back("--limit",
                  cmd->add_option("--limit", opt->limit, "Rows to show (default 100; 0: all)"));
  pg.emplace_back("--offset", cmd->add_option("--offset", opt->offset, "Rows to skip first"));
  opt->by_opt =
      cmd->add_option("--by", opt->by, "Time series of the events: day, week (ISO) or month");
  opt->top_actors_opt =
      cmd->add_option("--top-actors", opt->top_actors, "The N most frequent actors");
  opt->top_dyads_opt = cmd->add_option("--top-dyads", opt->top_dyads, "The N most frequent dyads");
  opt->aggregate_only.emplace_back(
      "--country-level",
      cmd->add_flag("--country-level", opt->country_level,
                    "--top-*: cut actor codes to their country (RUSGOV -> RUS)"));
  cmd->add_flag("--quotes", opt->quotes, "Quotations instead of events");
  auto& qo = opt->quote_only;
  qo.emplace_back("--speaker",
                  cmd->add_option("--speaker", opt->speaker,
                                  "Quotations of this speaker: actor code prefix, or part of the "
                                  "name or entity id"));
  opt->speakers_opt = cmd->add_option("--speakers", opt->speakers, "The N most quoted speakers");
  qo.emplace_back("--scare",
                  cmd->add_flag("--scare", opt->scare, "Include scare quotes (no cue, short)"));
  opt->defend_opt =
      cmd->add_option("--committed-to-defend", opt->defend,
                      "Who is committed to defend this party (defence commitments in force --on)");
  auto& co = opt->commitment_only;
  co.emplace_back("--on", cmd->add_option("--on", opt->on,
                                          "Day the commitments are in force, YYYY-MM-DD "
                                          "(default: today)"));
  cmd->add_flag("--commitments", opt->commitments, "Commitments in force --on a day");
  co.emplace_back("--party",
                  cmd->add_option("--party", opt->party, "Commitments binding this party"));
  co.emplace_back("--type", cmd->add_option("--type", opt->type,
                                            "Commitment type: defence, offence, neutrality, "
                                            "non-aggression, consultation, cooperation, "
                                            "partnership"));
  opt->search_opt = cmd->add_option("--search", opt->search,
                                    "Documents containing these words (full text), newest first");
  cmd->add_flag("--count", opt->count, "Print only the number of matching events");
  cmd->add_option("--format", opt->format,
                  "table, csv, json or jsonl (default: table on a terminal, else csv)");
  cmd->callback([opt, exit_code] { *exit_code = RunQuery(*opt); });
}

}  // namespace cronista::cli
