# Shared by the stack scripts (sourced, not run): where things live and how each part starts.
# Everything the stack writes stays in .wp-stack/ so a reset is `npm run wp:down && rm -rf .wp-stack`.

PROJECT=$(pwd)
STACK="$PROJECT/.wp-stack"
STACK_PORT=${KCO_STACK_PORT:-8888}
STACK_URL="http://127.0.0.1:$STACK_PORT"
STACK_ADMIN_USER=admin
STACK_ADMIN_PASSWORD=admin-password
MYSQL_SOCKET="$STACK/run/mysqld.sock"

SYSTEM_PACKAGES="apache2 libapache2-mod-php php-cli php-mysql php-curl php-xml php-mbstring php-gd mariadb-server"

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_system_packages() {
	local missing=""
	for package in $SYSTEM_PACKAGES; do
		dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing="$missing $package"
	done
	[ -z "$missing" ] && return 0
	echo "Installing Debian packages:$missing"
	as_root apt-get update -qq
	# policy-rc.d keeps apt from starting the system's own Apache and MariaDB: we start ours.
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

stack_suite() { [ "$1" = newest ] && echo sid || echo trixie; }
stack_docroot() { echo "$STACK/wordpress-$1"; }
stack_database() { [ "$1" = newest ] && echo wp_newest || echo wp_6_8; }
stack_wp_version() { sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$1/wp-includes/version.php"; }

mysql_cli() { mariadb --socket="$MYSQL_SOCKET" -uroot "$@"; }

start_mariadb() {
	local datadir="$STACK/mysql"
	if mysql_cli -e 'SELECT 1' >/dev/null 2>&1; then
		return 0
	fi
	local user_args=()
	[ "$(id -u)" = 0 ] && user_args=(--user=mysql)
	if [ ! -d "$datadir/mysql" ]; then
		mkdir -p "$datadir"
		[ "$(id -u)" = 0 ] && chown mysql:mysql "$datadir"
		mariadb-install-db --datadir="$datadir" "${user_args[@]}" --auth-root-authentication-method=socket >"$STACK/logs/mariadb-install.log" 2>&1
	fi
	[ "$(id -u)" = 0 ] && chown -R mysql:mysql "$datadir" "$STACK/run"
	mariadbd --datadir="$datadir" --socket="$MYSQL_SOCKET" --pid-file="$STACK/run/mysqld.pid" \
		--skip-networking --log-error="$STACK/logs/mariadb.log" "${user_args[@]}" >/dev/null 2>&1 &
	for _ in $(seq 1 100); do
		mysql_cli -e 'SELECT 1' >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "MariaDB did not start; see $STACK/logs/mariadb.log" >&2
	return 1
}

write_wp_config() {
	local choice=$1 docroot=$2 database
	database=$(stack_database "$choice")
	mysql_cli -e "CREATE DATABASE IF NOT EXISTS $database; CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY 'wordpress'; GRANT ALL ON $database.* TO 'wordpress'@'localhost';"
	# Salts are made once per stack and kept, so logins and probe keys survive a restart.
	if [ ! -f "$STACK/salts.php" ]; then
		{
			echo '<?php'
			for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
				echo "define( '$key', '$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')' );"
			done
		} > "$STACK/salts.php"
	fi
	cat > "$docroot/wp-config.php" <<CONFIG
<?php
// Written by bin/wp-up.sh for the local development stack; not part of WordPress.
define( 'DB_NAME', '$database' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', 'wordpress' );
define( 'DB_HOST', 'localhost:$MYSQL_SOCKET' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
require '$STACK/salts.php';
\$table_prefix = 'wp_';
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$STACK/logs/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'SCRIPT_DEBUG', false );
// No network here: keep WordPress from calling home, and no cron loopbacks during tests.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'FS_METHOD', 'direct' );
define( 'KCO_STACK_DIR', '$STACK' );
if ( file_exists( '$STACK/wp-config-scenario.php' ) ) {
	require '$STACK/wp-config-scenario.php';
}
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
CONFIG
}

apache_config() {
	local docroot=$1 user_lines=""
	[ "$(id -u)" = 0 ] && user_lines=$'User www-data\nGroup www-data'
	cat <<CONF
# Written by bin/wp-up.sh: a private Apache for the local stack, nothing under /etc changes.
ServerRoot /etc/apache2
ServerName 127.0.0.1
Listen 127.0.0.1:$STACK_PORT
PidFile $STACK/apache/httpd.pid
DefaultRuntimeDir $STACK/apache
Mutex file:$STACK/apache default
$user_lines
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule authz_host_module /usr/lib/apache2/modules/mod_authz_host.so
LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so
LoadModule env_module /usr/lib/apache2/modules/mod_env.so
LoadModule setenvif_module /usr/lib/apache2/modules/mod_setenvif.so
LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so
LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so
# Enough idle workers for the admin request plus every probe in flight at once (seven
# Klarna-shaped probes and the run itself), so a burst never waits for Apache to spawn more.
StartServers 10
MinSpareServers 9
MaxSpareServers 16
MaxRequestWorkers 24
TypesConfig /etc/mime.types
ErrorLog $STACK/logs/apache-error.log
LogFormat "%h %t \"%r\" %>s %b %D \"%{User-Agent}i\"" timed
CustomLog $STACK/logs/apache-access.log timed
DocumentRoot $docroot
DirectoryIndex index.php index.html
<FilesMatch "\.php$">
	SetHandler application/x-httpd-php
</FilesMatch>
<Directory />
	AllowOverride None
	Require all denied
</Directory>
<Directory $docroot>
	Options FollowSymLinks
	AllowOverride All
	Require all granted
</Directory>
# The plugin is a link to the working tree.
<Directory $PROJECT>
	Options FollowSymLinks
	AllowOverride None
	Require all granted
</Directory>
# Scenario switches of the proof suite drop files here (tests/e2e/scenarios).
IncludeOptional $STACK/apache/scenarios/*.conf
# WordPress's own rewrite rules, inline so no .htaccess has to be written. With plain permalinks
# WordPress empties its .htaccess block; a scenario mirrors that with Define KCO_PLAIN_PERMALINKS.
<IfDefine !KCO_PLAIN_PERMALINKS>
<Directory $docroot>
	RewriteEngine On
	RewriteBase /
	RewriteRule ^index\.php$ - [L]
	RewriteCond %{REQUEST_FILENAME} !-f
	RewriteCond %{REQUEST_FILENAME} !-d
	RewriteRule . /index.php [L]
</Directory>
</IfDefine>
CONF
}

apache_running() {
	[ -f "$STACK/apache/httpd.pid" ] && kill -0 "$(cat "$STACK/apache/httpd.pid")" 2>/dev/null
}

start_apache() {
	local docroot=$1 config="$STACK/apache/httpd.conf" wanted
	wanted=$(apache_config "$docroot")
	if apache_running && [ -f "$config" ] && [ "$wanted" = "$(cat "$config")" ]; then
		return 0
	fi
	printf '%s\n' "$wanted" > "$config"
	apache2 -t -f "$config" >/dev/null 2>"$STACK/logs/apache-configtest.log" || {
		cat "$STACK/logs/apache-configtest.log" >&2
		return 1
	}
	if apache_running; then
		apache_reload
	else
		apache2 -f "$config" -k start
	fi
	wait_for_http
}

# A graceful restart: workers finish what they serve, then the new config is in force.
apache_reload() {
	local pid
	pid=$(cat "$STACK/apache/httpd.pid")
	apache2 -f "$STACK/apache/httpd.conf" -k graceful
	wait_for_http
}

wait_for_http() {
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "$STACK_URL/wp-includes/images/blank.gif" && return 0
		sleep 0.1
	done
	echo "Apache did not answer on $STACK_URL; see $STACK/logs/apache-error.log" >&2
	return 1
}
