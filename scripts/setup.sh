#!/usr/bin/env bash
# Installs the pinned Debian packages listed in scripts/deps.txt.
# Idempotent: does nothing (and needs no network) when everything is present.
# Uses sudo when not run as root. Fails if an installed package's upstream
# version differs from the pin.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
deps="$here/deps.txt"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "setup: not root and sudo is not available; install as root: $(awk '!/^#/ && NF {printf "%s ", $1}' "$deps")" >&2
    exit 1
  fi
fi

upstream() {  # strip epoch and Debian revision: 1:14.0-55.7~deb12u1 -> 14.0
  local v="${1#*:}"
  echo "${v%-*}"
}

missing=()
while read -r pkg pin; do
  case "$pkg" in ''|'#'*) continue ;; esac
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [ "$status" != "install ok installed" ]; then missing+=("$pkg"); fi
done < "$deps"

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bad=0
while read -r pkg pin; do
  case "$pkg" in ''|'#'*) continue ;; esac
  have=$(upstream "$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null)")
  case "$have" in
    "$pin"*) ;;
    *) echo "setup: $pkg is $have, pinned $pin" >&2; bad=1 ;;
  esac
done < "$deps"
[ $bad -eq 0 ] || { echo "setup: version pins not met (see above)" >&2; exit 1; }
echo "setup: all $(grep -cv '^\s*\(#\|$\)' "$deps") pinned packages present"

# The dashboard (web/): its npm packages are bundled into web/dist, which the
# cronista binary embeds. Needs Node.js and npm (Debian's when none is present).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs npm"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
"$here/web_assets.sh"
