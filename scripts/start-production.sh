#!/usr/bin/env bash
# Builds the portal the way a release does and starts it like packages/backend/Dockerfile, without
# Docker: the frontend and backend are built (dist/bundle.tar.gz and dist/skeleton.tar.gz), the
# skeleton is unpacked into a work folder, production dependencies only are installed there, the
# bundle and the configs are laid over it, and the backend starts with app-config.yaml +
# app-config.production.yaml on the PostgreSQL from POSTGRES_*, serving the built frontend on :7007.
#
# usage: bash scripts/start-production.sh [--build-only]
#   POSTGRES_HOST/PORT/USER/PASSWORD  default 127.0.0.1, 5432, postgres, (none)
#   AUTONOMY_CI_TOKEN                 the CI token for POST /facts; a random one when unset
#   PRODUCTION_DIR                    the work folder, default .data/production
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
repo=$PWD
workdir=${PRODUCTION_DIR:-$repo/.data/production}

step 'install (build tools)'
yarn install --immutable

# The package builds take their type declarations from dist-types (see the Dockerfile's preamble).
step 'type-check'
yarn tsc

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

[[ ${1:-} == --build-only ]] && { echo "built into $workdir"; exit 0; }

step 'start the backend on :7007'
export POSTGRES_HOST=${POSTGRES_HOST:-127.0.0.1} POSTGRES_PORT=${POSTGRES_PORT:-5432}
export POSTGRES_USER=${POSTGRES_USER:-postgres}
if [[ -z "${AUTONOMY_CI_TOKEN:-}" ]]; then
  AUTONOMY_CI_TOKEN=$(node -p "require('crypto').randomBytes(24).toString('hex')")
  echo "AUTONOMY_CI_TOKEN was unset; this run's CI token: $AUTONOMY_CI_TOKEN"
fi
export AUTONOMY_CI_TOKEN
cd "$workdir"
NODE_ENV=production exec node packages/backend --config app-config.yaml --config app-config.production.yaml
