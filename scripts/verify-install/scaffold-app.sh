#!/usr/bin/env bash
# Scaffolds a stock Backstage app of the project's release (create-app 0.9.2 = Backstage 1.55) and
# installs it, on Node 20 and an npm registry that lacks some versions (the workarounds and why:
# the setup findings this repository was started from). Legacy frontend system by default,
# --new-frontend for the new one. Needs no global yarn: create-app's check finds a shim that runs
# this repository's committed Yarn release.
# usage: scaffold-app.sh <empty-or-missing-dir> [--new-frontend]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
target=$(readlink -f "${1:?usage: scaffold-app.sh <target-dir> [--new-frontend]}"); shift
legacy=--legacy; [[ ${1:-} == --new-frontend ]] && legacy=
[[ ! -e $target || -z $(ls -A "$target") ]] || { echo "$target is not empty" >&2; exit 1; }
export COREPACK_NPM_REGISTRY=$(npm config get registry) COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export SCARF_ANALYTICS=false
[[ -n ${npm_config_nodedir:-} ]] || export npm_config_nodedir=$(dirname "$(dirname "$(command -v node)")")
unset CI # with CI set, Yarn 4 refuses to write the lockfile
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
mkdir "$tools/bin"
printf '#!/bin/sh\nexec node %q "$@"\n' "$(ls "$repo"/.yarn/releases/yarn-*.cjs | head -n 1)" > "$tools/bin/yarn"
chmod +x "$tools/bin/yarn"
export PATH=$tools/bin:$PATH
cd "$tools"
# create-app's dependency @backstage/cli-common@0.3.2 wants an @backstage/errors the registry lacks
echo '{"name":"scaffold","private":true,"overrides":{"@backstage/cli-common":"0.3.1"}}' > package.json
npm i -s @backstage/create-app@0.9.2
# create-app refuses Node 20; the app it generates runs on it
echo "Object.defineProperty(process.versions,'node',{value:'22.99.0',configurable:true});" > node22.cjs
mkdir -p "$target"
BACKSTAGE_APP_NAME=backstage node -r "$tools/node22.cjs" node_modules/@backstage/create-app/bin/backstage-create-app \
  --skip-install --path "$target" $legacy < /dev/null
cd "$target"
node -e '
const fs = require("fs");
const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
p.engines = { ...p.engines, node: "20 || 22 || 24" };
p.resolutions = { ...p.resolutions,
  "@backstage/errors": "1.3.1", // newer ones are missing from the registry here
  "@swc/core": "1.16.18", // newer ones lack some platform packages here
  "unrs-resolver": "1.12.2", // newer ones lack most platform bindings here
  "@yarnpkg/core": "4.9.1", // 4.9.2 publishes a broken patch: dependency
  "rollup": "4.67.4", // newer ones lack platform packages here
  "node-gyp": "^11.5.0", // yarn injects node-gyp 13, which needs Node 22
  // The caret ranges of the template now reach releases after 1.55: signals-backend 0.3.21 calls
  // httpRouter.addWebSocketHandler, which backend-defaults 0.18 (1.55) lacks, and the backend stops
  // at start-up. These are the versions of release 1.55 (the lower bounds of the ranges).
  "@backstage/plugin-signals-backend": "0.3.19",
  "@backstage/plugin-notifications-backend": "0.6.9",
  "@backstage/plugin-mcp-actions-backend": "0.2.2",
};
p.dependenciesMeta = { ...p.dependenciesMeta, keytar: { built: false } }; // needs libsecret; only for `backstage-cli auth`
fs.writeFileSync("package.json", JSON.stringify(p, null, 2) + "\n");
'
node .yarn/releases/yarn-*.cjs install
echo "scaffolded and installed in $target"
