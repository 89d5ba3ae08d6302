#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry (`make assets`).
# The product runs without Node: the files this copies are committed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/assets/package.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent)
nm="$work/node_modules"
vendor="$root/kompetansemidler/core/static/vendor"
mkdir -p "$vendor/designsystemet" "$vendor/inter" "$vendor/htmx" "$vendor/swagger-ui"
cp "$nm/@digdir/designsystemet-css/dist/src/index.css" "$vendor/designsystemet/designsystemet.css"
cp "$nm/@digdir/designsystemet-theme/src/themes/designsystemet.css" "$vendor/designsystemet/theme.css"
for weight in 400 500 600 700; do
  cp "$nm/@fontsource/inter/files/inter-latin-$weight-normal.woff2" "$vendor/inter/"
  cp "$nm/@fontsource/inter/files/inter-latin-ext-$weight-normal.woff2" "$vendor/inter/"
done
cp "$nm/htmx.org/dist/htmx.min.js" "$vendor/htmx/htmx.min.js"
# The API documentation at /api/docs (kompetansemidler/api/docs.py).
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js" "$nm/swagger-ui-dist/swagger-ui.css" "$vendor/swagger-ui/"
# No source maps are shipped: drop their references, or collectstatic's manifest
# cannot resolve them.
sed -i -e 's|/\*# sourceMappingURL=[^*]*\*/||' "$vendor/swagger-ui/swagger-ui.css"
# axe-core is a test tool: it goes beside the browser tests, not into static.
cp "$nm/axe-core/axe.min.js" "$root/tests/browser/axe.min.js"
for pkg in @digdir/designsystemet-css @digdir/designsystemet-theme @fontsource/inter htmx.org swagger-ui-dist axe-core; do
  printf '%s %s\n' "$pkg" "$(node -p "require('$nm/$pkg/package.json').version")"
done > "$vendor/VERSIONS.txt"
echo "vendored:"; cat "$vendor/VERSIONS.txt"
