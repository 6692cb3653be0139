#!/usr/bin/env bash
# Validates the deployment files without a Docker engine or a cluster:
#   1. docker/compose.yml parsed and checked by docker-compose (Debian's v1; `docker compose` v2 if that is what exists)
#   2. every kustomization under deploy/ rendered by kubectl and validated by kubeconform against the JSON Schemas
#      of Kubernetes itself and of the prometheus-operator CRDs (ServiceMonitor), generated offline
#   3. docker/Dockerfile linted by dockerfile-utils and checked against the image rules (dockerfile-policy.mjs)
# Tools it lacks are installed into .infra/ (first run about a minute). Exits non-zero when any check fails.
# Usage: tools/deploy-check/validate.sh [tree]   (tree defaults to the repository; the test passes broken copies)
set -uo pipefail

workspace="$(cd "$(dirname "$0")/../.." && pwd)"
tree="$(cd "${1:-$workspace}" && pwd)"
here="$workspace/tools/deploy-check"
infra="$workspace/.infra"
go_bin="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"

kubeconform_version="v0.7.0"
kubernetes_version="v1.34.2"           # k8s.io/kubernetes: its api/openapi-spec/swagger.json is the schema source
prometheus_operator_version="v0.85.0"  # its example/prometheus-operator-crd/ holds the ServiceMonitor CRD
dockerfile_utils_version="0.16.3"
schemas="$infra/k8s-schemas/kubernetes-$kubernetes_version-prometheus-operator-$prometheus_operator_version"

failures=0
say() { printf 'deploy-check: %s\n' "$*"; }
failed() { say "FAILED: $*"; failures=$((failures + 1)); }
mkdir -p "$infra/bin"

install_docker_compose() {
  command -v docker-compose >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing Debian's docker-compose"
    apt-get install -y -q docker-compose >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q docker-compose >/dev/null; }
  fi
}

install_kubeconform() {
  # The binary reports "development" as its version; the Go build information names the module version.
  [ -x "$infra/bin/kubeconform" ] && "$go_bin" version -m "$infra/bin/kubeconform" | grep -q "github.com/yannh/kubeconform[[:space:]]*$kubeconform_version" && return 0
  say "building kubeconform $kubeconform_version from the Go module proxy"
  GOBIN="$infra/bin" "$go_bin" install "github.com/yannh/kubeconform/cmd/kubeconform@$kubeconform_version"
}

module_dir() {
  "$go_bin" mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}

generate_schemas() {
  [ -f "$schemas/.complete" ] && return 0
  say "generating JSON Schemas from k8s.io/kubernetes@$kubernetes_version and prometheus-operator@$prometheus_operator_version"
  local kubernetes prometheus_operator crd
  kubernetes="$(module_dir "k8s.io/kubernetes@$kubernetes_version")" || return 1
  rm -rf "$schemas" && mkdir -p "$schemas"
  node "$here/k8s-schemas.mjs" "$schemas" --openapi "$kubernetes/api/openapi-spec/swagger.json" || return 1
  if prometheus_operator="$(module_dir "github.com/prometheus-operator/prometheus-operator@$prometheus_operator_version")" \
    && crd="$prometheus_operator/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml" && [ -f "$crd" ]; then
    node "$here/k8s-schemas.mjs" "$schemas" --crd "$crd" || return 1
  fi
  touch "$schemas/.complete"
}

install_dockerfile_utils() {
  [ -x "$infra/dockerfile-utils/node_modules/.bin/dockerfile-utils" ] && return 0
  say "installing dockerfile-utils $dockerfile_utils_version from npm into .infra/dockerfile-utils"
  npm install --prefix "$infra/dockerfile-utils" --no-save --no-audit --no-fund --loglevel=error \
    "dockerfile-utils@$dockerfile_utils_version" >/dev/null
}

check_compose() {
  local compose="$tree/docker/compose.yml" env_file="$tree/docker/.env.example"
  if command -v docker-compose >/dev/null 2>&1; then
    docker-compose --env-file "$env_file" -f "$compose" config -q
  elif docker compose version >/dev/null 2>&1; then
    docker compose --env-file "$env_file" -f "$compose" config -q
  else
    say "no compose implementation (docker-compose or docker compose) could be installed"
    return 1
  fi
}

check_manifests() {
  local skip=() kustomization directory rendered status=0
  if [ ! -f "$schemas/servicemonitor-monitoring-v1.json" ]; then
    say "SKIPPED ServiceMonitor validation: the prometheus-operator CRD could not be obtained"
    skip=(-skip ServiceMonitor)
  fi
  rendered="$(mktemp)"
  while IFS= read -r kustomization; do
    directory="$(dirname "$kustomization")"
    say "kustomize ${directory#"$tree"/}"
    if ! kubectl kustomize "$directory" >"$rendered" || ! grep -q '^kind:' "$rendered"; then
      say "kustomize rendered nothing from ${directory#"$tree"/}"
      status=1
      continue
    fi
    "$infra/bin/kubeconform" -strict -summary "${skip[@]}" \
      -schema-location "$schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" - <"$rendered" || status=1
  done < <(find "$tree/deploy" -name kustomization.yaml \( -path '*/overlays/*' -o -path '*/deploy/base/kustomization.yaml' \) | sort)
  rm -f "$rendered"
  return "$status"
}

check_dockerfile() {
  local dockerfile="$tree/docker/Dockerfile"
  "$infra/dockerfile-utils/node_modules/.bin/dockerfile-utils" lint "$dockerfile" || return 1
  node "$here/dockerfile-policy.mjs" "$dockerfile"
}

started=$SECONDS
install_docker_compose
install_kubeconform || failed "kubeconform could not be built"
generate_schemas || failed "the Kubernetes JSON Schemas could not be generated"
install_dockerfile_utils || failed "dockerfile-utils could not be installed"

run_check() {
  say "$1: $2"
  if "$3"; then say "$1: valid"; else failed "$2"; fi
}
run_check compose docker/compose.yml check_compose
run_check manifests "deploy/ (kustomize + kubeconform)" check_manifests
run_check dockerfile docker/Dockerfile check_dockerfile

if [ "$failures" -gt 0 ]; then
  say "$failures check(s) failed ($((SECONDS - started)) s)"
  exit 1
fi
say "all checks passed ($((SECONDS - started)) s)"
