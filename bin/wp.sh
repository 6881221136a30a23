#!/usr/bin/env bash
# WP-CLI against the running stack: `npm run wp -- plugin list`, `npm run --silent wp -- option get home`.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/stack-env.sh

current=$(cat "$STACK/current" 2>/dev/null) || {
	echo "The stack is not set up: run npm run wp:up first." >&2
	exit 1
}
stack_wp "$(stack_docroot "$current")" "$@"
