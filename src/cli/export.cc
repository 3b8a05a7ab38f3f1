// `cronista export`: a stored database in the formats analysts load: the
// GDELT 2.0 event table, PLOVER JSON Lines, CSV, GKG-style quotations
// (docs/exports.md).
#include "store/export.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "store/readonly_db.h"
#include "store/sql.h"

namespace cronista::cli {

namespace {

struct ExportCliOptions {
  std::string db = "cronista.db";
  std::string format = "gdelt";
  bool header = false;
  std::string output;
  // Event filters, as `cronista query`.
  std::vector<std::string> actors;
  std::string dyad;
  bool undirected = false;
  std::vector<std::string> codes;
  std::vector<std::string> roots;
  std::vector<int> quads;
  std::vector<std::string> modalities;
  std::string lang;
  std::string from, to;
  std::string text;
  int64_t limit = 0;
  int64_t offset = 0;
  // Quotation filters.
  std::string speaker;
  bool with_scare = false;
  bool quiet = false;
};

void Fail(const std::string& message) {
  std::fprintf(stderr, "cronista export: %s\n", message.c_str());
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// A CAMEO actor code: letters (and digits, for a few group codes).
bool IsActorCode(const std::string& s) {
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

int RunExport(const ExportCliOptions& opt) {
  ExportFormat format;
  if (!ParseExportFormat(opt.format, &format)) {
    Fail("unknown --format '" + opt.format + "' (gdelt, plover, csv, quotes, gkg-quotes)");
    return kExitUsage;
  }
  const bool quotes = IsQuoteFormat(format);
  EventFilter ef;
  QuoteFilter qf;
  if (quotes) {
    if (!opt.actors.empty() || !opt.dyad.empty() || opt.undirected || !opt.codes.empty() ||
        !opt.roots.empty() || !opt.quads.empty() || !opt.modalities.empty() || !opt.lang.empty()) {
      Fail(
          "--actor, --dyad, --undirected, --code, --root, --quad, --modality and --lang select "
          "events; --format " +
          opt.format +
          " selects quotations with --speaker, --from, "
          "--to, --text and --with-scare");
      return kExitUsage;
    }
    qf.speaker = opt.speaker;
    qf.from = opt.from;
    qf.to = opt.to;
    qf.text = opt.text;
    qf.with_scare = opt.with_scare;
    qf.limit = opt.limit;
    qf.offset = opt.offset;
  } else {
    if (!opt.speaker.empty() || opt.with_scare) {
      Fail("--speaker and --with-scare apply to --format quotes and gkg-quotes");
      return kExitUsage;
    }
    for (const std::string& a : opt.actors) {
      if (!IsActorCode(a)) {
        Fail("--actor '" + a + "' is not a CAMEO actor code (e.g. RUS, RUSGOV)");
        return kExitUsage;
      }
      ef.actors.push_back(a);
    }
    if (!opt.dyad.empty()) {
      size_t comma = opt.dyad.find(',');
      std::string a = opt.dyad.substr(0, comma);
      std::string b = comma == std::string::npos ? "" : opt.dyad.substr(comma + 1);
      if (comma == std::string::npos || b.find(',') != std::string::npos ||
          (a.empty() && b.empty()) || (!a.empty() && !IsActorCode(a)) ||
          (!b.empty() && !IsActorCode(b))) {
        Fail("--dyad '" + opt.dyad +
             "' is not SOURCE,TARGET (CAMEO actor codes, e.g. RUS,PRK; one side may be empty)");
        return kExitUsage;
      }
      ef.source = a;
      ef.target = b;
    } else if (opt.undirected) {
      Fail("--undirected needs --dyad");
      return kExitUsage;
    }
    ef.undirected = opt.undirected;
    for (const std::string& c : opt.codes) {
      if (!AllDigits(c) || c.size() > 4) {
        Fail("--code '" + c + "' is not a CAMEO event code (1 to 4 digits, e.g. 057)");
        return kExitUsage;
      }
      ef.codes.push_back(c);
    }
    for (const std::string& r : opt.roots) {
      int root = AllDigits(r) && r.size() <= 2 ? std::stoi(r) : 0;
      if (root < 1 || root > 20) {
        Fail("--root '" + r + "' is not a CAMEO root (01 to 20)");
        return kExitUsage;
      }
      ef.codes.push_back((root < 10 ? "0" : "") + std::to_string(root));
    }
    ef.quads = opt.quads;
    // Exports hold what was asserted unless asked otherwise (docs/output.md).
    bool all = false;
    for (const std::string& m : opt.modalities) {
      if (m == "all") {
        all = true;
      } else {
        ef.modalities.push_back(m);
      }
    }
    if (all) {
      ef.modalities.clear();
    } else if (ef.modalities.empty()) {
      ef.modalities = {"asserted"};
    }
    ef.lang = opt.lang;
    ef.from = opt.from;
    ef.to = opt.to;
    ef.text = opt.text;
    ef.limit = opt.limit;
    ef.offset = opt.offset;
    // Check the filter before touching the database or the output.
    std::string where;
    std::vector<SqlValue> params;
    Status s = AppendEventWhere(ef, SqlDialect::kSqlite, &where, &params);
    if (!s.ok()) {
      Fail(s.message());
      return kExitUsage;
    }
  }
  if (quotes) {
    std::string where;
    std::vector<SqlValue> params;
    Status s = AppendQuoteWhere(qf, SqlDialect::kSqlite, &where, &params);
    if (!s.ok()) {
      Fail(s.message());
      return kExitUsage;
    }
  }

  if (!opt.from.empty() && !opt.to.empty() && opt.from > opt.to) {
    Fail("--from " + opt.from + " is after --to " + opt.to);
    return kExitUsage;
  }

  // Read-only: a missing SQLite file is refused, not created, and nothing in
  // the database changes; no time limit, an export may take long.
  ReadOnlyOptions ro;
  ro.statement_timeout_ms = 0;
  auto db = OpenReadOnlyDatabase(opt.db, ro);
  if (!db.ok()) {
    Fail(db.status().message());
    const StatusCode code = db.status().code();
    return code == StatusCode::kNotFound || code == StatusCode::kInvalidArgument ? kExitUsage
                                                                                 : kExitFatal;
  }
  // One snapshot for the whole export, so rows written early and late agree
  // while an ingest goes on; it only reads, so it never blocks a writer.
  const bool pg = (*db)->dialect() == SqlDialect::kPostgres;
  Status s = pg ? (*db)->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") : (*db)->Begin();
  if (!s.ok()) {
    Fail(s.message());
    return kExitFatal;
  }

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!opt.output.empty() && opt.output != "-") {
    file.open(opt.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      Fail("cannot write '" + opt.output + "'");
      return kExitFatal;
    }
    out = &file;
  }
  ExportOptions eo;
  eo.format = format;
  eo.header = opt.header;
  Result<int64_t> rows =
      quotes ? ExportQuotes(**db, qf, eo, *out) : ExportEvents(**db, ef, eo, *out);
  bool written = rows.ok() || rows.status().code() != StatusCode::kIoError;
  if (!out->flush()) written = false;
  if (file.is_open()) {
    file.close();
    if (!file) written = false;
  }
  (void)(*db)->Commit();
  if (!written) {
    Fail("error writing " + (out == &file ? "'" + opt.output + "'" : std::string("the output")));
    return kExitFatal;
  }
  if (!rows.ok()) {  // the filters were checked: a database error
    Fail(rows.status().message());
    return kExitFatal;
  }
  if (!opt.quiet) {
    const char* what = format == ExportFormat::kGkgQuotes ? "documents"
                       : quotes                           ? "quotations"
                                                          : "events";
    std::fprintf(stderr, "cronista export: %lld %s from %s as %s\n", static_cast<long long>(*rows),
                 what, (*db)->Describe().c_str(), opt.format.c_str());
  }
  return kExitOk;
}

}  // namespace

void RegisterExport(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ExportCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write stored events or quotations for other tools: the GDELT 2.0 event table\n"
      "(61 tab-separated columns), PLOVER JSON Lines, CSV, or GKG-style quotations.\n"
      "Formats and their differences from GDELT: docs/exports.md.");
  cmd->add_option("--db", opt->db, "SQLite file or postgresql:// URL")->capture_default_str();
  cmd->add_option("--format", opt->format, "gdelt, plover, csv, quotes or gkg-quotes")
      ->capture_default_str();
  cmd->add_flag("--header", opt->header,
                "Start with a line of column names (gdelt, quotes, gkg-quotes; csv always has "
                "one)");
  cmd->add_option("-o,--output", opt->output, "Output file (default: standard output)");
  cmd->add_option("--actor", opt->actors,
                  "Events with a source or target starting with this CAMEO code; repeatable, "
                  "or comma-separated")
      ->delimiter(',');
  cmd->add_option("--dyad", opt->dyad,
                  "SOURCE,TARGET: events from SOURCE to TARGET (code prefixes; one side may be "
                  "empty)");
  cmd->add_flag("--undirected", opt->undirected, "--dyad matches both directions");
  cmd->add_option("--code", opt->codes, "CAMEO event code or root prefix (05, 057); repeatable")
      ->delimiter(',');
  cmd->add_option("--root", opt->roots, "CAMEO root code, 01 to 20; repeatable")->delimiter(',');
  cmd->add_option("--quad", opt->quads, "QuadClass 1-4; repeatable")
      ->delimiter(',')
      ->check(CLI::Range(1, 4));
  cmd->add_option("--modality", opt->modalities,
                  "asserted (default), negated, hypothetical, future, reported, or all; "
                  "repeatable")
      ->delimiter(',');
  cmd->add_option("--lang", opt->lang, "Events reported by a document in this language");
  cmd->add_option("--from", opt->from, "From this day (YYYY-MM-DD, YYYY-MM or YYYY)");
  cmd->add_option("--to", opt->to, "Up to this day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)");
  cmd->add_option("--text", opt->text, "Events (or quotations) of documents matching these words");
  cmd->add_option("--limit", opt->limit, "At most this many rows (default: all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--offset", opt->offset, "Rows to skip first")->check(CLI::NonNegativeNumber);
  cmd->add_option("--speaker", opt->speaker,
                  "Quotations whose speaker's actor code starts with this, or whose name "
                  "contains it");
  cmd->add_flag("--with-scare", opt->with_scare, "Include scare quotes (quotations)");
  cmd->add_flag("-q,--quiet", opt->quiet, "No summary on stderr");
  cmd->callback([opt, exit_code] { *exit_code = RunExport(*opt); });
}

}  // namespace cronista::cli
