// Subcommands of the cronista command line.
#ifndef CRONISTA_CLI_COMMANDS_H_
#define CRONISTA_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#ifndef CRONISTA_VERSION_STRING
#define CRONISTA_VERSION_STRING "0.1.0"
#endif

namespace cronista::cli {

// Exit statuses, documented in docs/cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitFatal = 3;

// Adds `cronista code`; when it runs, it stores its exit status in *exit_code.
void RegisterCode(CLI::App& app, int* exit_code);
// Adds `cronista dicts` (dictionary sizes and load times).
void RegisterDicts(CLI::App& app, int* exit_code);
// Adds `cronista ingest` (code and store).
void RegisterIngest(CLI::App& app, int* exit_code);
// Adds `cronista export` (GDELT, PLOVER, CSV and GKG-style quotation exports).
void RegisterExport(CLI::App& app, int* exit_code);
// Adds `cronista query` (events, series, top lists, quotes, commitments, documents).
void RegisterQuery(CLI::App& app, int* exit_code);
// Adds `cronista serve` (the JSON API and the dashboard, docs/api.md).
void RegisterServe(CLI::App& app, int* exit_code);

}  // namespace cronista::cli

#endif  // CRONISTA_CLI_COMMANDS_H_
