#!/usr/bin/env bash
# Runs WP-CLI without a WordPress (for its i18n commands): the phar the stack uses when
# bin/stack-env.sh provides one (wp_cli_phar), else KCO_WP_CLI_PHAR, else the official 2.10.0
# phar kept beside the project (../shared/vendor), else `wp` from PATH. As root it adds
# --allow-root, which WP-CLI demands there.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/stack-env.sh
root_flag=()
[ "$(id -u)" = 0 ] && root_flag=(--allow-root)

phar=${KCO_WP_CLI_PHAR:-}
if [ -z "$phar" ] && declare -F wp_cli_phar >/dev/null; then
	phar=$(wp_cli_phar)
fi
phar=${phar:-$PROJECT/../shared/vendor/wp-cli-2.10.0.phar}
if [ -f "$phar" ]; then
	exec php "$phar" "${root_flag[@]}" "$@"
elif command -v wp >/dev/null; then
	exec wp "${root_flag[@]}" "$@"
fi
echo "wp-cli.sh: no WP-CLI found (set KCO_WP_CLI_PHAR to a wp-cli.phar)" >&2
exit 1
