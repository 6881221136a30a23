#!/usr/bin/env bash
# Stops the Apache and MariaDB that `npm run wp:up` started. State stays in .wp-stack/.
set -uo pipefail
cd "$(dirname "$0")/.."
source bin/stack-env.sh

if apache_running; then
	apache2 -f "$STACK/apache/httpd.conf" -k stop
	for _ in $(seq 1 50); do apache_running || break; sleep 0.1; done
fi
if [ -f "$STACK/run/mysqld.pid" ]; then
	pid=$(cat "$STACK/run/mysqld.pid")
	kill "$pid" 2>/dev/null
	for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
rm -f "$STACK/READY"
echo "The local WordPress stack is stopped (state kept in .wp-stack/)."
