#!/usr/bin/env bash
# Proves tools/deploy-check/validate.sh accepts the repository's deployment files and rejects broken copies:
# each case copies docker/ and deploy/ to a temporary tree, breaks one file and expects a non-zero exit
# together with the validator's reason. Usage: tools/deploy-check/validate.test.sh
set -uo pipefail

workspace="$(cd "$(dirname "$0")/../.." && pwd)"
validator="$workspace/tools/deploy-check/validate.sh"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0

# Tools are installed (if missing) once, outside the timed cases.
bash "$validator" >"$scratch/warm-up.log" 2>&1 || { cat "$scratch/warm-up.log"; echo "the repository's own files do not validate"; }

fresh_tree() {
  rm -rf "$scratch/tree" && mkdir -p "$scratch/tree"
  cp -r "$workspace/docker" "$workspace/deploy" "$scratch/tree/"
}

# break_file <file relative to the tree> <sed expression>: edits the copy and insists that something changed.
break_file() {
  local file="$scratch/tree/$1"
  cp "$file" "$file.orig"
  sed -i "$2" "$file"
  if cmp -s "$file" "$file.orig"; then
    echo "    the edit '$2' changed nothing in $1"
    return 1
  fi
  rm "$file.orig"
}

# expect <name> <exit: pass|fail> <text the output must contain> [<file> <sed expression>]
expect() {
  local name="$1" outcome="$2" reason="$3" status
  fresh_tree
  if [ $# -ge 5 ] && ! break_file "$4" "$5"; then
    echo "FAIL $name"
    failed=$((failed + 1))
    return
  fi
  bash "$validator" "$scratch/tree" >"$scratch/output.log" 2>&1
  status=$?
  if { [ "$outcome" = pass ] && [ "$status" -eq 0 ]; } || { [ "$outcome" = fail ] && [ "$status" -ne 0 ]; }; then
    if grep -qF -- "$reason" "$scratch/output.log"; then
      echo "ok   $name"
      passed=$((passed + 1))
      return
    fi
    echo "FAIL $name: exit $status as expected, but the output lacks: $reason"
  else
    echo "FAIL $name: expected the validator to $outcome, it exited $status"
  fi
  sed 's/^/    | /' "$scratch/output.log"
  failed=$((failed + 1))
}

expect "the repository's files validate" pass "all checks passed"
expect "compose: an unknown service key" fail "Unsupported config option for services.org-registry: 'replicaz'" \
  docker/compose.yml '/^  org-registry:$/a\    replicaz: 2'
expect "compose: a healthcheck with a wrong type" fail "services.mongo-init.healthcheck" \
  docker/compose.yml '/^  mongo-init:$/a\    healthcheck: "mongosh --eval ping"'
expect "deployment: a containerPort of the wrong type" fail "containerPort': got string, want integer" \
  deploy/base/org-registry/deployment.yaml 's/containerPort: 3001/containerPort: "3001"/'
expect "deployment: a field Kubernetes does not know" fail "additional properties 'terminationGracePeriod' not allowed" \
  deploy/base/notifications/deployment.yaml 's/terminationGracePeriodSeconds: 40/terminationGracePeriod: 40/'
expect "overlay: an autoscaler patch with a wrong type" fail "HorizontalPodAutoscaler activity-records is invalid" \
  deploy/overlays/production-example/patches/activity-records-sizing.yaml 's/maxReplicas: 10/maxReplicas: "ten"/'
expect "service monitor: an endpoint that breaks the CRD schema" fail "ServiceMonitor assessment-scoring is invalid" \
  deploy/base/assessment-scoring/service-monitor.yaml 's/interval: 30s/interval: 30/'
expect "kustomization: a missing resource file" fail "kustomize rendered nothing from deploy/base" \
  deploy/base/activity-records/kustomization.yaml 's/- service.yaml/- services.yaml/'
expect "dockerfile: an unknown instruction" fail "Unknown instruction: COPPY" \
  docker/Dockerfile 's/^COPY libs/COPPY libs/'
expect "dockerfile: the service runs as root" fail "final stage runs as root" \
  docker/Dockerfile 's/^USER node$/USER root/'

echo
echo "deploy-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
