#!/usr/bin/env bash
# Gracefully reloads the stack's Apache after scenario snippets changed, and returns only once
# the new configuration answers: each reload stamps a generation header that is waited for.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/stack-env.sh

generation=$(date +%s%N)
echo "Header always set X-Kco-Stack-Generation \"$generation\"" > "$STACK/apache/scenarios/00-generation.conf"
apache2 -t -f "$STACK/apache/httpd.conf" >/dev/null 2>"$STACK/logs/apache-configtest.log" || {
	cat "$STACK/logs/apache-configtest.log" >&2
	exit 1
}
apache2 -f "$STACK/apache/httpd.conf" -k graceful
for _ in $(seq 1 200); do
	seen=$(curl -s -o /dev/null -D - "$STACK_URL/wp-includes/images/blank.gif" | tr -d '\r' |
		awk -F': ' 'tolower($1)=="x-kco-stack-generation"{print $2}')
	[ "$seen" = "$generation" ] && exit 0
	sleep 0.05
done
echo "Apache did not take the new configuration; see $STACK/logs/apache-error.log" >&2
exit 1
