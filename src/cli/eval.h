// `cronista eval`: measure cronista against gold-standard data sets.
#ifndef CRONISTA_CLI_EVAL_H_
#define CRONISTA_CLI_EVAL_H_

#include <CLI/CLI.hpp>

namespace cronista::cli {

// Adds `cronista eval` and its subcommands (`eval ner`); when one runs, it
// stores its exit status in *exit_code.
void RegisterEval(CLI::App& app, int* exit_code);

}  // namespace cronista::cli

#endif  // CRONISTA_CLI_EVAL_H_
