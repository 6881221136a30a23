# Shared by the stack scripts (sourced, not run): where things live and how each part starts.
# Everything the stack writes stays in .wp-stack/ so a reset is `npm run wp:down && rm -rf .wp-stack`.

PROJECT=$(pwd)
STACK="$PROJECT/.wp-stack"
STACK_PORT=${KCO_STACK_PORT:-8888}
STACK_URL="http://127.0.0.1:$STACK_PORT"
STACK_ADMIN_USER=admin
STACK_ADMIN_PASSWORD=admin-password
MYSQL_SOCKET="$STACK/run/mysqld.sock"

# How long a name lookup may wait, in every process the stack starts (Apache with PHP, WP-CLI):
# glibc reads RES_OPTIONS from the environment. A nameserver that never answers holds each lookup
# of a host that does not exist (the proof suite's unresolvable home URL) for the resolver's whole
# timeout, and with it the admin screen that sent the lookup: measured with such a nameserver,
# WooCommerce's 0.01 s "non-blocking" loopback held the dashboard for 10 s (curl waits for its
# resolver thread). One try of one second keeps those screens quick on any machine's DNS.
export RES_OPTIONS="timeout:1 attempts:1"

# Third-party software the stack runs for real. The project's shared vendor folder (beside the
# clone) holds the released files so the stack needs no internet; without it they are downloaded
# from their official sources (see stack_vendor_file).
WOOCOMMERCE_VERSION=10.0.2
WP_CLI_VERSION=2.10.0
VENDOR_DIR=${KCO_VENDOR_DIR:-$PROJECT/../shared/vendor}

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_system_packages() {
	bash "$PROJECT/bin/ensure-packages.sh" stack
}

# The WP-CLI phar: the vendored official release, or the same release downloaded once into the
# stack and checked against the SHA-512 WP-CLI publishes beside it.
wp_cli_phar() {
	local vendored="$VENDOR_DIR/wp-cli-$WP_CLI_VERSION.phar" cached="$STACK/vendor/wp-cli-$WP_CLI_VERSION.phar"
	if [ -f "$vendored" ]; then
		echo "$vendored"
		return 0
	fi
	if [ ! -f "$cached" ]; then
		local url="https://github.com/wp-cli/wp-cli/releases/download/v$WP_CLI_VERSION/wp-cli-$WP_CLI_VERSION.phar"
		mkdir -p "$STACK/vendor"
		curl -fsSL -o "$cached.part" "$url" && curl -fsSL -o "$cached.sha512" "$url.sha512" || {
			echo "WP-CLI $WP_CLI_VERSION is not in $VENDOR_DIR and could not be downloaded" >&2
			return 1
		}
		[ "$(sha512sum "$cached.part" | cut -d' ' -f1)" = "$(tr -d ' \n' < "$cached.sha512")" ] || {
			echo "The downloaded WP-CLI does not match its published SHA-512" >&2
			return 1
		}
		mv "$cached.part" "$cached"
	fi
	echo "$cached"
}

# WP-CLI against a docroot of the stack. As root it runs as www-data, the user Apache runs PHP
# as, so files WordPress and WooCommerce create (logs, uploads) stay writable for the web server.
stack_wp() {
	local docroot=$1 phar
	shift
	phar=$(wp_cli_phar) || return 1
	local env_args=(WP_CLI_CACHE_DIR="$STACK/wp-cli-cache" KCO_STACK_PORT="$STACK_PORT" STACK_URL="$STACK_URL" WP_CLI_DISABLE_AUTO_CHECK_UPDATE=1)
	if [ "$(id -u)" = 0 ]; then
		mkdir -p "$STACK/wp-cli-cache"
		chown www-data:www-data "$STACK/wp-cli-cache"
		env "${env_args[@]}" runuser -u www-data -- php "$phar" --path="$docroot" --url="$STACK_URL" "$@"
	else
		env "${env_args[@]}" php "$phar" --path="$docroot" --url="$STACK_URL" "$@"
	fi
}

# The real WooCommerce in the docroot's plugins: the vendored release archive, or the official
# release installed by WP-CLI from WordPress.org and verified against its published checksums.
ensure_woocommerce() {
	local docroot=$1 target="$1/wp-content/plugins/woocommerce"
	if [ -f "$target/woocommerce.php" ] && grep -q "Version: $WOOCOMMERCE_VERSION\$" "$target/woocommerce.php"; then
		return 0
	fi
	rm -rf "$target"
	local archive="$VENDOR_DIR/woocommerce-$WOOCOMMERCE_VERSION.tar.gz"
	if [ -f "$archive" ]; then
		tar -xzf "$archive" -C "$docroot/wp-content/plugins"
	else
		stack_wp "$docroot" plugin install woocommerce --version="$WOOCOMMERCE_VERSION" >/dev/null &&
			stack_wp "$docroot" plugin verify-checksums woocommerce >/dev/null || {
			echo "WooCommerce $WOOCOMMERCE_VERSION is not in $VENDOR_DIR and could not be installed" >&2
			return 1
		}
	fi
}

stack_suite() { [ "$1" = newest ] && echo sid || echo trixie; }
stack_docroot() { echo "$STACK/wordpress-$1"; }

# WordPress's files live outside the project and .wp-stack/wordpress-* links to them. The plugin
# is a link to the project, and WordPress maps every path under a linked plugin's real folder to
# that plugin (plugin_basename()): with WordPress itself inside the project, WooCommerce's files
# would be taken for the doctor's and served from /wp-content/plugins/kco-callback-doctor/.wp-stack/.
stack_web_dir() {
	local base=${KCO_STACK_WEB_ROOT:-/var/tmp/kco-callback-doctor-stack}
	echo "$base/$(printf '%s' "$PROJECT" | sha1sum | cut -c1-12)/wordpress-$1"
}

# Makes .wp-stack/wordpress-CHOICE a link to an existing folder outside the project. A stack
# reset (rm -rf .wp-stack) leaves no link, and then the old files go too.
ensure_docroot_link() {
	local choice=$1 link target
	link=$(stack_docroot "$choice")
	target=$(stack_web_dir "$choice")
	if [ -L "$link" ] && [ "$(readlink "$link")" = "$target" ] && [ -d "$target" ]; then
		return 0
	fi
	rm -rf "$link" "$target"
	mkdir -p "$target"
	ln -s "$target" "$link"
}
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
	local docroot user_lines=""
	docroot=$(readlink -f "$1")
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
# Every request on a connection of its own, as Klarna's callbacks arrive. With keep-alive, a
# client could send on a connection Apache is closing at that moment (idle timeout, graceful
# reload between scenarios) and see "other side closed" for no fault of the site.
KeepAlive Off
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
# --- Development files are never served -------------------------------------------------------
# Through that link the whole working tree is in the docroot: the stack's database, salts and
# logs (.wp-stack/), .git, the scripts of bin/, the tests and node_modules/. Deny any path with a
# segment that starts with a dot (.well-known aside), and the development folders of the plugin.
# Location sections match the decoded, slash-merged URL path and are merged after Directory
# sections and in order, so after the scenario snippets nothing grants these again (a scenario's
# <Location "/"> with its own Require, like the staging password, would otherwise).
<LocationMatch "/\.(?!well-known(/|\$))">
	Require all denied
</LocationMatch>
<LocationMatch "^/wp-content/plugins/kco-callback-doctor/(bin|tests|node_modules|artifacts|coverage)(/|\$)">
	Require all denied
</LocationMatch>
# -----------------------------------------------------------------------------------------------
# WordPress's own rewrite rules, inline so no .htaccess has to be written. With plain permalinks
# WordPress empties its .htaccess block; the proof suite's plain-permalink scenarios mirror that by
# dropping one of these snippet files. <IfFile> is decided anew on every reload, whereas a Define
# made by a snippet outlives the graceful reload that removed it.
<IfFile !$STACK/apache/scenarios/plain-permalinks-rewrite.conf>
<IfFile !$STACK/apache/scenarios/fallback-resource.conf>
<Directory $docroot>
	RewriteEngine On
	RewriteBase /
	RewriteRule ^index\.php$ - [L]
	RewriteCond %{REQUEST_FILENAME} !-f
	RewriteCond %{REQUEST_FILENAME} !-d
	RewriteRule . /index.php [L]
</Directory>
</IfFile>
</IfFile>
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
