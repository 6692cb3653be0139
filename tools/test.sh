#!/usr/bin/env bash
# The whole suite, as CI runs it: type-check, lint (with module boundaries), unit, integration, end-to-end, resilience.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true

step() { printf '\n=== %s ===\n' "$1"; }

step "setup (FerretDB, nats-server)"
bash tools/setup-infra.sh

step "type-check"
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.json --noEmit

step "lint"
# The module-boundary rule reads Nx's project graph; compute it first on a fresh clone.
npx nx show projects >/dev/null
npx eslint apps libs e2e resilience

step "unit tests"
npx jest -c jest.unit.config.js

step "integration tests (FerretDB + NATS)"
npx jest -c jest.integration.config.js

step "hostile input: org-registry's authorization matrix and API fuzz, and each service's matrix on real records, alone (they flood the streams)"
npx jest -c jest.hostile.config.js

step "end-to-end tests (services as processes)"
npx jest -c jest.e2e.config.js --passWithNoTests

step "resilience: two replicas of each consumer as processes; kill -9 of each, a NATS restart and a store outage under load"
npx jest -c jest.resilience.config.js

step "web console: component tests (Vitest), then browser tests (Debian's chromium via playwright-core) against the platform"
bash tools/setup-browser.sh
npx vitest run -c apps/web/vite.config.mts
npx jest -c jest.browser.config.js

step "deployment files (compose, Kubernetes manifests, Dockerfile) and their broken copies"
bash tools/deploy-check/validate.test.sh
