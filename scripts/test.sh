#!/usr/bin/env bash
# Installs everything and runs the whole test suite: type-check, lint, formatting, every package's
# tests (store tests on SQLite and on PostgreSQL), and the browser tests against the running portal.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step 'install'
yarn install --immutable

step 'PostgreSQL for the store tests'
export BACKSTAGE_TEST_DISABLE_DOCKER=1
if [[ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]]; then
  pg_url=postgresql://postgres@127.0.0.1:5432
  pg_up() { node -e "require('net').connect(5432,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; }
  if ! pg_up && command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  if pg_up; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=$pg_url
    echo "store tests run on SQLite and on PostgreSQL at $pg_url"
  elif [[ -n "${CI:-}" ]]; then
    echo "PostgreSQL is not reachable at 127.0.0.1:5432; CI needs it for the store tests" >&2
    exit 1
  else
    echo "PostgreSQL is not reachable at 127.0.0.1:5432: store tests run on SQLite only" >&2
  fi
fi

step 'type-check'
yarn tsc

# The type-check wrote the declarations (dist-types) that the API reports are made from.
step 'API reports (a change to a public API must come with its report: yarn build:api-reports)'
yarn build:api-reports --ci

step 'package metadata (as backstage-cli repo fix --publish would write it)'
yarn backstage-cli repo fix --check --publish

step 'configuration schema (config.d.ts of every package, strict)'
yarn backstage-cli config:check --strict --lax --config app-config.yaml --config app-config.production.yaml

step 'changesets'
yarn changeset status

step 'generated API code is what openapi.yaml gives (plugins/autonomy-backend: yarn generate)'
yarn workspace @aligned-autonomy/plugin-autonomy-backend generate:check

step 'lint'
yarn lint:all

step 'formatting'
yarn prettier:check

step 'unit, component, API and store tests'
CI=true yarn test

step 'browser tests'
if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's chromium package (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi
yarn test:e2e
