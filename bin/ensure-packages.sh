#!/usr/bin/env bash
# Installs the Debian packages a part of the project needs, only those that are missing, so the
# README's commands work on a machine that has never seen the project.
#
# Usage: bash bin/ensure-packages.sh GROUP...
#   stack   the real WordPress stack: Apache + mod_php, MariaDB, PHP extensions, curl
#   test    what `npm test` needs beyond the stack: Chromium for the browser tests, PHPUnit, the
#           proof suite's real faults (ModSecurity, htpasswd, self-signed certificates, nginx as a
#           reverse proxy), gettext for the translation template, zip and unzip for the release zip
#   bench   what `npm run bench` needs beyond the stack: wrk
# Runs apt-get as root, or through sudo for a developer who is not root.
set -euo pipefail
[ "${BASH_SOURCE[0]}" = "$0" ] || { echo "ensure-packages.sh is a script, not a library" >&2; return 1; }
[ "$(id -u)" = 0 ] || [ -n "${SUDO_USER:-}" ] || command -v sudo >/dev/null || {
	echo "ensure-packages.sh: needs root or sudo to install Debian packages" >&2
	exit 1
}

packages_of() {
	case "$1" in
		stack) echo "apache2 libapache2-mod-php php-cli php-mysql php-curl php-xml php-mbstring php-gd php-intl mariadb-server curl" ;;
		test) echo "chromium phpunit libapache2-mod-security2 modsecurity-crs apache2-utils openssl gettext zip unzip nginx" ;;
		bench) echo "wrk" ;;
		*) echo "ensure-packages.sh: unknown group $1 (stack, test, bench)" >&2; exit 2 ;;
	esac
}

wanted=""
for group in "$@"; do
	wanted="$wanted $(packages_of "$group")"
done

missing=""
for package in $wanted; do
	dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

echo "Installing Debian packages:$missing"
as_root apt-get update -qq
# The stack starts its own Apache and MariaDB from private configs; apt must not start the
# system's copies (a policy-rc.d that forbids it is honoured where present).
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
# libapache2-mod-security2 enables itself for the system's Apache; the stack loads it only in
# scenarios that ask for it, from its own config, so the system's switch is left as apt set it.
