// `cronista serve`: the JSON API and the dashboard over a database written by
// `cronista ingest` (docs/api.md). Read-only; stops cleanly on SIGINT and
// SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "cronista/pipeline.h"
#include "server/server.h"

namespace cronista::cli {

namespace {

struct ServeOptions {
  std::string db = "cronista.db";
  std::string listen = "127.0.0.1:8080";
  bool allow_code = false;
  std::string data_dir;
  std::string cors;
  int threads = 16;
  size_t max_body = 1u << 20;
  int timeout = 10;
};

// "HOST:PORT", "[V6]:PORT" or "PORT" (on 127.0.0.1).
bool ParseListen(const std::string& s, std::string* host, int* port) {
  std::string port_text;
  if (s.starts_with("[")) {
    size_t close = s.find("]:");
    if (close == std::string::npos) return false;
    *host = s.substr(1, close - 1);
    port_text = s.substr(close + 2);
  } else {
    size_t colon = s.rfind(':');
    if (colon == std::string::npos) {
      *host = "127.0.0.1";
      port_text = s;
    } else {
      *host = s.substr(0, colon);
      port_text = s.substr(colon + 1);
      if (host->find(':') != std::string::npos) return false;  // IPv6 needs brackets
    }
  }
  if (host->empty() || port_text.empty() || port_text.size() > 5) return false;
  for (char c : port_text) {
    if (c < '0' || c > '9') return false;
  }
  *port = std::stoi(port_text);
  return *port <= 65535;
}

int RunServe(const ServeOptions& opt) {
  std::string host;
  int port = 0;
  if (!ParseListen(opt.listen, &host, &port)) {
    std::fprintf(stderr, "cronista serve: --listen '%s' is not HOST:PORT (e.g. 127.0.0.1:8080)\n",
                 opt.listen.c_str());
    return kExitUsage;
  }
  // SIGINT and SIGTERM go to one thread that stops the server; blocked here,
  // before any thread starts, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<Pipeline> pipeline;
  if (opt.allow_code) {
    PipelineOptions popt;
    popt.data_dir = opt.data_dir;
    auto p = Pipeline::Create(popt);
    if (!p.ok()) {
      std::fprintf(stderr, "cronista serve: %s\n", p.status().ToString().c_str());
      return kExitFatal;
    }
    pipeline = std::move(*p);
  }
  server::ServerOptions sopt;
  sopt.db = opt.db;
  sopt.allow_code = opt.allow_code;
  sopt.pipeline = pipeline.get();
  sopt.cors_origin = opt.cors;
  sopt.threads = opt.threads;
  sopt.max_body_bytes = opt.max_body;
  sopt.timeout_seconds = opt.timeout;
  auto srv = server::ApiServer::Create(sopt);
  if (!srv.ok()) {
    std::fprintf(stderr, "cronista serve: %s\n", srv.status().message().c_str());
    return kExitFatal;
  }
  auto bound = (*srv)->Bind(host, port);
  if (!bound.ok()) {
    std::fprintf(stderr, "cronista serve: %s\n", bound.status().message().c_str());
    return kExitFatal;
  }
  if (!server::IsLoopbackHost(host)) {
    std::fprintf(stderr,
                 "cronista serve: warning: listening on %s, reachable from other machines; the "
                 "API has no authentication%s\n",
                 host.c_str(), opt.allow_code ? " and --allow-code lets anyone run the coder" : "");
  }
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::printf("cronista serve: dashboard at http://%s:%d/\n", shown.c_str(), *bound);
  std::printf("cronista serve: %s, API at /api/ (docs/api.md)%s; Ctrl-C stops\n", opt.db.c_str(),
              opt.allow_code ? ", POST /api/code on" : "");
  std::fflush(stdout);

  server::ApiServer& s = **srv;
  std::thread watcher([&s, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    s.Stop();
  });
  Status st = s.Listen();
  // Wake the watcher if the server stopped by itself; harmless otherwise (the
  // signal stays pending, blocked, and the process ends).
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (!st.ok()) {
    std::fprintf(stderr, "cronista serve: %s\n", st.message().c_str());
    return kExitFatal;
  }
  std::fprintf(stderr, "cronista serve: stopped\n");
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the dashboard and the JSON API over a database written by `cronista ingest`.\n"
      "Read-only; loopback only unless --listen says otherwise. See docs/api.md.");
  cmd->add_option("--db", opt->db, "SQLite file or postgresql:// URL (default: cronista.db)");
  cmd->add_option("--listen", opt->listen, "HOST:PORT to listen on; port 0 picks a free one")
      ->capture_default_str();
  cmd->add_flag("--allow-code", opt->allow_code,
                "Enable POST /api/code, which codes a posted article (never stored)");
  cmd->add_option("--data", opt->data_dir,
                  "Data folder for --allow-code (default: $CRONISTA_DATA or built-in)");
  cmd->add_option("--cors", opt->cors,
                  "Allow this origin (e.g. http://localhost:5173, or *) to call the API from a "
                  "browser; off by default");
  cmd->add_option("--threads", opt->threads, "Worker threads, one connection each")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-body", opt->max_body, "Largest request body, in bytes (413 beyond)")
      ->capture_default_str()
      ->check(CLI::Range(static_cast<size_t>(1), static_cast<size_t>(1) << 30));
  cmd->add_option("--timeout", opt->timeout,
                  "Seconds allowed for reading a request, writing a response and each query")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->callback([opt, exit_code] { *exit_code = RunServe(*opt); });
}

}  // namespace cronista::cli
