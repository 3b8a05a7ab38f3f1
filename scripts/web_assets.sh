#!/usr/bin/env bash
# Builds the dashboard's static files into OUTDIR (default web/dist), which the
# cronista binary embeds (index.html at the root, the rest under assets/).
#   scripts/web_assets.sh [OUTDIR]
# Installs the pinned npm packages of web/package-lock.json with `npm ci` only
# when web/node_modules is missing or the lock file changed since the last
# install (so it needs no network otherwise), then runs web/build.mjs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
web="$root/web"
out="${1:-$web/dist}"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "web_assets: $tool not found; install Node.js and npm (scripts/setup.sh does)" >&2
    exit 1
  }
done

stamp="$web/node_modules/.cronista-lock.sha256"
want="$(cat "$web/package.json" "$web/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "web_assets: npm ci in web/"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
fi

node "$web/build.mjs" "$out"
