# Shared by start.sh and test.sh: runs the committed Yarn release with plain Node (no global yarn
# or corepack needed) and lets native addons (better-sqlite3) build against the local Node headers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

YARN_RELEASE=$(ls "$PWD"/.yarn/releases/yarn-*.cjs | head -n 1)
yarn() { node "$YARN_RELEASE" "$@"; }

if [[ -z "${npm_config_nodedir:-}" ]]; then
  node_prefix=$(dirname "$(dirname "$(command -v node)")")
  if [[ -f "$node_prefix/include/node/node.h" ]]; then
    export npm_config_nodedir=$node_prefix
  fi
fi
export SCARF_ANALYTICS=false
