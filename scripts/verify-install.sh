#!/usr/bin/env bash
# Checks that the README's install guide is true: scaffolds a stock Backstage 1.55 app (legacy
# frontend system), carries out the steps of the README's "Adding the plugins to an existing
# Backstage app" section literally (the first one builds and packs the five plugin packages and
# installs the tarballs), type-checks and builds the app, starts it, and checks in Chromium that
# the Autonomy page, a service's Autonomy tab and a team's render with data.
#
# usage: bash scripts/verify-install.sh
#   VERIFY_INSTALL_DIR   where the app goes (emptied first), default .data/verify-install
#   VERIFY_INSTALL_PORT  the app's port, default 7307 (so it runs beside a portal on 7007)
# Needs the npm registry (the stock app's dependencies), Debian's Chromium and about 4 GB of disk.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

repo=$PWD
work=${VERIFY_INSTALL_DIR:-$repo/.data/verify-install}
port=${VERIFY_INSTALL_PORT:-7307}
started=$(date +%s)
step() { printf '\n=== %s (%s, %ss in)\n' "$1" "$(date -u +%H:%M:%S)" "$(($(date +%s) - started))"; }

rm -rf "$work"
mkdir -p "$work/bin"
app=$work/app

step 'scaffold a stock Backstage 1.55 app'
bash scripts/verify-install/scaffold-app.sh "$app"

# The README's commands say `yarn`: here that is the app's committed Yarn release.
printf '#!/bin/sh\nexec node %q "$@"\n' "$(ls "$app"/.yarn/releases/yarn-*.cjs | head -n 1)" > "$work/bin/yarn"
chmod +x "$work/bin/yarn"
export PATH=$work/bin:$PATH
unset CI # `yarn add` in the README's first step writes the app's lockfile

step "carry out the README's steps"
AUTONOMY_REPO=$repo node scripts/verify-install/apply-readme-steps.mjs README.md "$app" | tee "$work/steps.log"

step 'type-check the app'
(cd "$app" && yarn tsc)

step 'build the app (frontend and backend)'
(cd "$app" && yarn build:backend)

step "start the app's backend on :$port, serving the built frontend"
cat > "$app/app-config.verify.yaml" <<EOF
app:
  baseUrl: http://localhost:$port
backend:
  baseUrl: http://localhost:$port
  listen:
    port: $port
EOF
# Only setsid goes to the background, so $! is the new session's id and the trap stops it all.
(cd "$app/packages/backend" && {
  setsid node "$app/node_modules/.bin/backstage-cli" package start --config ../../app-config.yaml \
    --config ../../app-config.verify.yaml > "$work/backend.log" 2>&1 &
  echo $! > "$work/backend.pid"
})
trap 'kill -TERM -- -"$(cat "$work/backend.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$port/.backstage/health/v1/readiness" > /dev/null && break
  kill -0 "$(cat "$work/backend.pid")" 2>/dev/null || { tail -n 40 "$work/backend.log"; exit 1; }
  sleep 5
done
curl -sf "http://localhost:$port/.backstage/health/v1/readiness" > /dev/null || {
  tail -n 40 "$work/backend.log"
  echo "the app did not become ready in 10 minutes" >&2
  exit 1
}

step 'check the Autonomy page, a service tab and a team tab in Chromium'
node scripts/verify-install/check-in-browser.mjs "http://localhost:$port" "$work/screenshots"

step 'done'
echo "verify-install passed: $(tail -n 1 "$work/steps.log" | sed 's/ from .*//'), $(($(date +%s) - started)) s in all"
