#!/usr/bin/env bash
# The start command: everything from a fresh clone to a running centre.
source "$(dirname "$0")/bootstrap.sh"
exec "$PNPM" exec tsx scripts/start.ts "$@"
