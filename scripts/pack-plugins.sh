#!/usr/bin/env bash
# Builds and packs the five plugin packages, for a Backstage app to install while they are not
# published: the tarballs go to <app>/autonomy-packages/ and the app's package.json gets
# `resolutions` pointing each package name at its tarball (its own dependencies on one another
# included). Then `yarn workspace <pkg> add @aligned-autonomy/...` installs them as if published.
# usage: bash scripts/pack-plugins.sh <app-dir>
app=$(readlink -f "${1:?usage: pack-plugins.sh <app-dir>}") # before env.sh moves to the repository
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

out=$app/autonomy-packages
mkdir -p "$out"
yarn install --immutable
# The package builds take their type declarations from dist-types, which tsc writes even when it
# finds errors; failing on those is the test suite's job.
yarn tsc || echo 'warning: type errors above; scripts/test.sh fails on them' >&2
for dir in plugins/autonomy-common plugins/autonomy-node plugins/autonomy-backend \
  plugins/catalog-backend-module-autonomy plugins/autonomy; do
  name=$(node -p "require('./$dir/package.json').name")
  file=$(node -p "'$name'.slice(1).replace('/', '-')").tgz
  (cd "$dir" && yarn backstage-cli package build && yarn pack --out "$out/$file")
  node -e '
const fs = require("fs");
const [manifest, name, file] = process.argv.slice(1);
const p = JSON.parse(fs.readFileSync(manifest, "utf8"));
p.resolutions = { ...p.resolutions, [name]: `file:./autonomy-packages/${file}` };
fs.writeFileSync(manifest, JSON.stringify(p, null, 2) + "\n");
' "$app/package.json" "$name" "$file"
done
echo "packed into $out; resolutions added to $app/package.json"
