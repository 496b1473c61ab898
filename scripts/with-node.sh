#!/usr/bin/env bash
# Runs a command under Node 22.13+ (the plugin's minimum): the machine's Node when it is new enough, otherwise
# Node 24 fetched into .tools/ (scripts/node-tools.sh). npm start / npm test go through here, so they work on a
# machine whose own node is older.
#   bash scripts/with-node.sh vitest run
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node-tools.sh
source scripts/node-tools.sh
use_supported_node
exec "$@"
