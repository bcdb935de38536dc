#!/usr/bin/env bash
# Installs everything and starts the portal (frontend :3000, backend :7007) with the demo
# organisation on the embedded SQLite database under .data/.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

yarn install --immutable
exec node "$YARN_RELEASE" start
