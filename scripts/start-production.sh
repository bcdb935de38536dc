#!/usr/bin/env bash
# Builds the portal the way a release does and starts it like packages/backend/Dockerfile, without
# Docker: the frontend and backend are built (dist/bundle.tar.gz and dist/skeleton.tar.gz), the
# skeleton is unpacked into a work folder, production dependencies only are installed there, the
# bundle and the configs are laid over it, and the backend starts with app-config.yaml +
# app-config.production.yaml on the PostgreSQL from POSTGRES_*, serving the built frontend on :7007.
#
# usage: bash scripts/start-production.sh [--build-only | --check]
#   --check  starts it in the background, waits until it serves the built frontend and the analysis
#            has stored scorecards, runs scripts/check-error-hygiene.mjs against it, and stops it
#   POSTGRES_HOST/PORT/USER/PASSWORD  default 127.0.0.1, 5432, postgres, (none)
#   AUTONOMY_CI_TOKEN                 the CI token for POST /facts; a random one when unset
#   PRODUCTION_DIR                    the work folder, default .data/production
#   PRODUCTION_PORT                   the port, default 7007 (app-config.production.yaml)
#   PRODUCTION_SKIP_BUILD=1           start the last build in the work folder again
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
repo=$PWD
workdir=${PRODUCTION_DIR:-$repo/.data/production}

if [[ -z ${PRODUCTION_SKIP_BUILD:-} ]]; then
  step 'install (build tools)'
  yarn install --immutable

  # The package builds take their type declarations from dist-types (see the Dockerfile's preamble).
  # tsc writes them even when it finds errors; failing on those is the test suite's job.
  step 'type-check (declarations for the build)'
  yarn tsc || echo 'warning: type errors above; scripts/test.sh fails on them' >&2

  # The backend's build builds its workspace dependencies first, the frontend (packages/app) included.
  step 'build frontend and backend'
  yarn build:backend

  step "lay out the bundle in $workdir"
  rm -rf "$workdir"
  mkdir -p "$workdir/.yarn"
  cp -r .yarn/releases "$workdir/.yarn/"
  cp .yarnrc.yml backstage.json yarn.lock package.json "$workdir/"
  tar xzf packages/backend/dist/skeleton.tar.gz -C "$workdir"

  step 'install production dependencies only'
  (cd "$workdir" && NODE_ENV=production yarn workspaces focus --all --production)

  cp -r examples "$workdir/"
  cp app-config*.yaml "$workdir/"
  tar xzf packages/backend/dist/bundle.tar.gz -C "$workdir"
fi

[[ ${1:-} == --build-only ]] && { echo "built into $workdir"; exit 0; }

port=${PRODUCTION_PORT:-7007}
step "start the backend on :$port"
if node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then
  echo "something already listens on :$port: stop it, or choose another PRODUCTION_PORT" >&2
  exit 1
fi
if [[ $port != 7007 ]]; then
  export APP_CONFIG_backend_listen=":$port" APP_CONFIG_backend_baseUrl="http://localhost:$port"
  export APP_CONFIG_app_baseUrl="http://localhost:$port"
fi
export POSTGRES_HOST=${POSTGRES_HOST:-127.0.0.1} POSTGRES_PORT=${POSTGRES_PORT:-5432}
export POSTGRES_USER=${POSTGRES_USER:-postgres}
if [[ -z "${AUTONOMY_CI_TOKEN:-}" ]]; then
  AUTONOMY_CI_TOKEN=$(node -p "require('crypto').randomBytes(24).toString('hex')")
  echo "AUTONOMY_CI_TOKEN was unset; this run's CI token: $AUTONOMY_CI_TOKEN"
fi
export AUTONOMY_CI_TOKEN
start=(node packages/backend --config app-config.yaml --config app-config.production.yaml)
if [[ ${1:-} != --check ]]; then
  cd "$workdir"
  NODE_ENV=production exec "${start[@]}"
fi
# Only setsid is sent to the background, so $! is the new session's id and the trap stops it all.
(cd "$workdir" && { NODE_ENV=production setsid "${start[@]}" > backend.log 2>&1 & echo $! > backend.pid; })
trap 'kill -TERM -- -"$(cat "$workdir/backend.pid")" 2>/dev/null || true' EXIT
step 'check: built frontend served, analysis on PostgreSQL'
node scripts/check-production-portal.mjs "http://localhost:$port" || { tail -n 40 "$workdir/backend.log"; exit 1; }
step 'check: error hygiene'
node scripts/check-error-hygiene.mjs "http://localhost:$port"
step 'checked; stopping the backend'
