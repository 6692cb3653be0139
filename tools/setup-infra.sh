#!/usr/bin/env bash
# Installs the embedded infrastructure: FerretDB and a current nats-server built from the Go module proxy into
# .infra/bin, and PostgreSQL for FerretDB when none is reachable (Debian's package; the harness runs a private
# cluster of it). Idempotent; safe to re-run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.infra/bin"
ferretdb_version="v1.24.2"
nats_version="v2.15.2"
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

if [ "$("$bin/nats-server" --version 2>/dev/null || true)" != "nats-server: $nats_version" ]; then
  echo "setup-infra: building nats-server $nats_version (under a minute)"
  GOBIN="$bin" CGO_ENABLED=0 "$go_bin" install -trimpath "github.com/nats-io/nats-server/v2@$nats_version"
fi

# FerretDB stores its data in PostgreSQL: PG_URL, else the server on 127.0.0.1:5432, else a private cluster that
# the harness starts from Debian's binaries (installed here when missing).
postgres_answers() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
postgres_installed() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
if [ -z "${PG_URL:-}" ] && ! postgres_answers && ! postgres_installed; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup-infra: installing PostgreSQL from Debian (its server stays stopped; the harness runs a private cluster)"
    apt-get install -y -q --no-install-recommends postgresql >/dev/null
  else
    echo "setup-infra: no PostgreSQL: set PG_URL, run one on 127.0.0.1:5432, or install Debian's postgresql" >&2
    exit 1
  fi
fi

echo "setup-infra: ferretdb $("$bin/ferretdb" --version 2>&1 | sed -n 's/^version: *//p' | head -1), $("$bin/nats-server" --version)"
