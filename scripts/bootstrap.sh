# Shared by start.sh and test.sh: checks Node, gets the pinned pnpm without root (into
# .data/tools when the machine has no pnpm 12.4.2), and installs the workspace.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PNPM_VERSION=12.4.2
node_version=$(node -p 'process.versions.node' 2>/dev/null || true)
if [ -z "$node_version" ]; then
  echo "Yixian needs Node.js 20.19 or newer: install it first (Debian: apt-get install nodejs, or NodeSource)." >&2
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
  echo "Yixian needs Node.js 20.19 or newer; this is $node_version." >&2
  exit 1
}

if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
  PNPM=pnpm
else
  if [ ! -x .data/tools/node_modules/.bin/pnpm ]; then
    echo "Getting pnpm $PNPM_VERSION into .data/tools …"
    mkdir -p .data/tools
    npm install --silent --no-audit --no-fund --prefix .data/tools "pnpm@$PNPM_VERSION" >/dev/null
  fi
  PNPM="$PWD/.data/tools/node_modules/.bin/pnpm"
fi
export PNPM

echo "Installing dependencies (pnpm install) …"
CI="${CI:-}" "$PNPM" install --frozen-lockfile --reporter=silent
