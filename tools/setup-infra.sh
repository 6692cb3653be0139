#!/usr/bin/env bash
# Installs the embedded infrastructure into .infra/bin: FerretDB built from the Go module proxy, and checks
# for Debian's nats-server. Idempotent; safe to re-run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.infra/bin"
ferretdb_version="v1.24.2"
go_bin="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
mkdir -p "$bin"

installed_version="$("$bin/ferretdb" --version 2>/dev/null | sed -n 's/^version: *//p' || true)"
if [ "$installed_version" != "$ferretdb_version" ]; then
  echo "setup-infra: building FerretDB $ferretdb_version (first time takes a few minutes)"
  src_dir="$("$go_bin" mod download -json "github.com/FerretDB/FerretDB@$ferretdb_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  work="$(mktemp -d)"
  trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
  cp -r "$src_dir/." "$work/"
  chmod -R u+w "$work"
  # A module download has no git metadata; FerretDB panics at start without this file.
  echo "$ferretdb_version" > "$work/build/version/version.txt"
  (cd "$work" && CGO_ENABLED=0 "$go_bin" build -trimpath -o "$bin/ferretdb" ./cmd/ferretdb)
fi

if ! command -v nats-server >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup-infra: installing nats-server from Debian"
    apt-get install -y -q nats-server >/dev/null
  else
    echo "setup-infra: nats-server is missing; install Debian's nats-server or set NATS_URL" >&2
    exit 1
  fi
fi
echo "setup-infra: ferretdb $("$bin/ferretdb" --version 2>&1 | sed -n 's/^version: *//p' | head -1), $(nats-server --version)"
