// cronista: the command line, a thin layer over libcronista.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/eval.h"
#include "core/tune.h"

int main(int argc, char** argv) {
  cronista::TuneAllocator();
  CLI::App app{
      "cronista: codes news articles into events, quotations and commitments.\n"
      "Exit status: 0 all documents coded; 1 some documents failed (see stderr);\n"
      "2 usage error; 3 fatal error (data folder, output)."};
  app.set_version_flag("--version", std::string("cronista ") + CRONISTA_VERSION_STRING);
  app.require_subcommand(1);
  int exit_code = 0;
  cronista::cli::RegisterCode(app, &exit_code);
  cronista::cli::RegisterDicts(app, &exit_code);
  cronista::cli::RegisterEval(app, &exit_code);
  cronista::cli::RegisterIngest(app, &exit_code);
  cronista::cli::RegisterExport(app, &exit_code);
  cronista::cli::RegisterQuery(app, &exit_code);
  cronista::cli::RegisterServe(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : cronista::cli::kExitUsage;
  }
  return exit_code;
}
