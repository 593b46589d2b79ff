#!/usr/bin/env bash
# The test command: provisioning, lint, type-check, every test; ends with "N passed, N failed".
source "$(dirname "$0")/bootstrap.sh"
exec "$PNPM" exec tsx scripts/test.ts "$@"
