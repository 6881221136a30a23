#!/usr/bin/env bash
# Reloads the stack's Apache after scenario snippets changed, and returns only once the new
# configuration answers: each reload stamps a generation header that is waited for.
#
# Usage: bash bin/stack-reload.sh [--restart]
#   (default)   a graceful restart: workers finish what they serve, then the new config is in force
#   --restart   a full stop and start, for worker limits (MaxRequestWorkers and friends): measured
#               here, a graceful restart from one worker to two left a single child serving
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/stack-env.sh

config="$STACK/apache/httpd.conf"
generation=$(date +%s%N)
echo "Header always set X-Kco-Stack-Generation \"$generation\"" > "$STACK/apache/scenarios/00-generation.conf"
apache2 -t -f "$config" >/dev/null 2>"$STACK/logs/apache-configtest.log" || {
	cat "$STACK/logs/apache-configtest.log" >&2
	exit 1
}
if [ "${1:-}" = --restart ]; then
	apache2 -f "$config" -k stop
	# The pid file goes before the last child has let go of the port: wait until connections
	# are refused (curl's exit code 7), then start.
	for _ in $(seq 1 400); do
		status=0
		curl -s -m 1 -o /dev/null "$STACK_URL/wp-includes/images/blank.gif" || status=$?
		[ "$status" = 7 ] && break
		sleep 0.05
	done
	apache2 -f "$config" -k start
else
	apache2 -f "$config" -k graceful
fi
for _ in $(seq 1 200); do
	seen=$(curl -s -o /dev/null -D - "$STACK_URL/wp-includes/images/blank.gif" | tr -d '\r' |
		awk -F': ' 'tolower($1)=="x-kco-stack-generation"{print $2}')
	[ "$seen" = "$generation" ] && exit 0
	sleep 0.05
done
echo "Apache did not take the new configuration; see $STACK/logs/apache-error.log" >&2
exit 1
