<?php
/**
 * A throwaway WordPress, single site or multisite network, for tests that deactivate and delete
 * the plugin: the stack's own WordPress files and database server, but tables of its own (a
 * table prefix of its own) and plugins of its own: this plugin and the real WooCommerce (the
 * stack's, or the release archive kept beside the project), no must-use plugins, so no test
 * doubles. The stack's own site is never touched.
 *
 * Every command runs in a fresh PHP process, as WordPress requests do: uninstall_plugin()
 * defines WP_UNINSTALL_PLUGIN, which can happen once per process.
 *
 * Usage: php tests/php/support/isolated-site.php single|network COMMAND [SITE_PATH]
 *   drop        remove every table of the throwaway site
 *   install     install WordPress (and the network), WooCommerce and this plugin
 *   seed        write what the plugin writes (runs, lock, used tokens, a transient, scheduled
 *               actions and cron events) and, as controls, the same kinds of things of another
 *               owner, on the site at SITE_PATH (default /)
 *   deactivate  deactivate the plugin as the Plugins screen does (network-wide on a network)
 *   uninstall   delete the plugin's data as the Plugins screen does (uninstall_plugin())
 *   report      print, as JSON, what of the plugin and of the controls is stored on each site
 *   features    print, as JSON, the WooCommerce features WooCommerce holds the plugin compatible with
 *
 * @package KcoCallbackDoctor\Tests
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$kind    = isset( $argv[1] ) ? $argv[1] : '';
$command = isset( $argv[2] ) ? $argv[2] : '';
$path    = isset( $argv[3] ) ? $argv[3] : '/';
if ( ! in_array( $kind, array( 'single', 'network' ), true ) || ! in_array( $command, array( 'drop', 'install', 'setup', 'seed', 'deactivate', 'uninstall', 'report', 'features' ), true ) ) {
	fwrite( STDERR, "Usage: php isolated-site.php single|network drop|install|seed|deactivate|uninstall|report|features [SITE_PATH]\n" );
	exit( 2 );
}

$stack = dirname( __DIR__, 3 ) . '/.wp-stack';
if ( ! is_readable( $stack . '/current' ) ) {
	fwrite( STDERR, "The throwaway site needs the stack's files: run `npm run wp:up` first.\n" );
	exit( 1 );
}
$docroot = $stack . '/wordpress-' . trim( (string) file_get_contents( $stack . '/current' ) );

// The stack's database server and credentials, read from the stack's own wp-config.php.
$stack_config = (string) file_get_contents( $docroot . '/wp-config.php' );
foreach ( array( 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DB_HOST' ) as $constant ) {
	if ( ! preg_match( "/define\\(\\s*'" . $constant . "',\\s*'([^']*)'\\s*\\)/", $stack_config, $match ) ) {
		fwrite( STDERR, "No $constant in $docroot/wp-config.php.\n" );
		exit( 1 );
	}
	define( $constant, $match[1] );
}
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
require $stack . '/salts.php';
$table_prefix = 'kcotest_' . $kind . '_'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride -- this is a wp-config.

// Plugins of its own: this plugin and WooCommerce, no must-use plugins (so no test doubles). They
// live outside the project, like the stack's WordPress: WordPress maps every path under a linked
// plugin's real folder to that plugin (plugin_basename()), so a WooCommerce inside the project
// would be taken for part of this plugin.
$web_root   = getenv( 'KCO_STACK_WEB_ROOT' ) ? getenv( 'KCO_STACK_WEB_ROOT' ) : '/var/tmp/kco-callback-doctor-stack';
$outside    = $web_root . '/' . substr( sha1( dirname( $stack ) ), 0, 12 ) . '/isolated-site';
$mu_plugins = $outside . '/mu-plugins';
$plugins    = $outside . '/plugins';
foreach ( array( $mu_plugins, $plugins ) as $folder ) {
	if ( ! is_dir( $folder ) ) {
		mkdir( $folder, 0755, true );
	}
}
if ( ! file_exists( $plugins . '/kco-callback-doctor' ) ) {
	symlink( dirname( $stack ), $plugins . '/kco-callback-doctor' );
}
if ( ! file_exists( $plugins . '/woocommerce/woocommerce.php' ) ) {
	// The stack's WooCommerce when it has one, else the release archive kept beside the project.
	$stack_woocommerce = $docroot . '/wp-content/plugins/woocommerce';
	$archive           = getenv( 'KCO_WOOCOMMERCE_ARCHIVE' ) ? getenv( 'KCO_WOOCOMMERCE_ARCHIVE' ) : dirname( $stack, 2 ) . '/shared/vendor/woocommerce-10.0.2.tar.gz';
	if ( is_file( $stack_woocommerce . '/woocommerce.php' ) ) {
		symlink( (string) realpath( $stack_woocommerce ), $plugins . '/woocommerce' );
	} elseif ( is_readable( $archive ) ) {
		exec( 'tar -xzf ' . escapeshellarg( $archive ) . ' -C ' . escapeshellarg( $plugins ), $tar_output, $tar_status );
	}
	if ( ! file_exists( $plugins . '/woocommerce/woocommerce.php' ) ) {
		fwrite( STDERR, "No WooCommerce: neither in the stack ($stack_woocommerce) nor as an archive ($archive; set KCO_WOOCOMMERCE_ARCHIVE). The uninstall tests need the real WooCommerce and its Action Scheduler.\n" );
		exit( 1 );
	}
}
define( 'WPMU_PLUGIN_DIR', $mu_plugins );
define( 'WP_PLUGIN_DIR', $plugins );

// Uploads and WooCommerce's logs go there too, not into the stack's wp-content/uploads, which
// the web server must keep writing to. The filter is handed to WordPress before it loads
// (WordPress turns a $wp_filter array set beforehand into its hooks).
define( 'KCO_TEST_UPLOADS', $outside . '/uploads' );
define( 'WC_LOG_DIR', $outside . '/wc-logs/' );
/**
 * `upload_dir`: the throwaway site's own uploads folder.
 *
 * @param array<string, mixed> $dirs What wp_upload_dir() would return.
 * @return array<string, mixed>
 */
function kco_test_upload_dir( array $dirs ): array {
	$dirs['basedir'] = KCO_TEST_UPLOADS;
	$dirs['path']    = KCO_TEST_UPLOADS . $dirs['subdir'];
	return $dirs;
}
$wp_filter = array( // phpcs:ignore WordPress.WP.GlobalVariablesOverride -- before WordPress loads.
	'upload_dir' => array(
		PHP_INT_MAX => array(
			array(
				'function'      => 'kco_test_upload_dir',
				'accepted_args' => 1,
			),
		),
	),
);
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', $stack . '/logs/isolated-site.log' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'FS_METHOD', 'direct' );

// A host that never resolves: nothing here is served over HTTP.
$host                      = 'kco-' . $kind . '.test';
$_SERVER['HTTP_HOST']      = $host;
$_SERVER['SERVER_NAME']    = $host;
$_SERVER['REQUEST_URI']    = $path;
$_SERVER['REQUEST_METHOD'] = 'GET';

$network_ready = 'network' === $kind && ! in_array( $command, array( 'drop', 'install' ), true );
if ( $network_ready ) {
	define( 'MULTISITE', true );
	define( 'SUBDOMAIN_INSTALL', false );
	define( 'DOMAIN_CURRENT_SITE', $host );
	define( 'PATH_CURRENT_SITE', '/' );
	define( 'SITE_ID_CURRENT_SITE', 1 );
	define( 'BLOG_ID_CURRENT_SITE', 1 );
}
if ( in_array( $command, array( 'drop', 'install' ), true ) ) {
	define( 'WP_INSTALLING', true );
}
define( 'ABSPATH', $docroot . '/' );
require ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

const KCO_TEST_PLUGIN      = 'kco-callback-doctor/plugin.php';
const KCO_TEST_WOOCOMMERCE = 'woocommerce/woocommerce.php';
// Written out, not read from the plugin: the report must work after the plugin is gone.
const KCO_TEST_PREFIX = 'kco_callback_doctor';
const KCO_TEST_GROUP  = 'kco-callback-doctor';

/**
 * Stops with a message on standard error.
 *
 * @param string $message What went wrong.
 */
function kco_test_fail( string $message ): void {
	fwrite( STDERR, $message . "\n" );
	exit( 1 );
}

/**
 * Runs another command of this script in a fresh process.
 *
 * @param string $kind    single or network.
 * @param string $command Command.
 */
function kco_test_run( string $kind, string $command ): void {
	passthru( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( __FILE__ ) . ' ' . escapeshellarg( $kind ) . ' ' . escapeshellarg( $command ), $status );
	if ( 0 !== $status ) {
		exit( (int) $status );
	}
}

/**
 * Prints, as JSON, the database errors of this process (wpdb collects them in $EZSQL_ERROR), so
 * a test can tell "nothing left" from "every query failed".
 */
function kco_test_database_errors(): void {
	global $EZSQL_ERROR; // phpcs:ignore WordPress.NamingConventions.ValidVariableName
	$errors = array();
	foreach ( (array) $EZSQL_ERROR as $error ) { // phpcs:ignore WordPress.NamingConventions.ValidVariableName
		$errors[] = $error['error_str'] . ' (' . $error['query'] . ')';
	}
	echo wp_json_encode( array( 'databaseErrors' => $errors ) ), "\n";
}

switch ( $command ) {
	case 'drop':
		global $wpdb;
		foreach ( $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table_prefix ) . '%' ) ) as $table ) {
			$wpdb->query( "DROP TABLE `{$table}`" ); // phpcs:ignore WordPress.DB -- names from SHOW TABLES.
		}
		echo "ok\n";
		break;

	case 'install':
		// No mail server: skip the "your new site" email (a pluggable function).
		function wp_new_blog_notification() {} // phpcs:ignore
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		wp_install( 'Callback Doctor throwaway site', 'admin', 'admin@example.com', false, '', wp_generate_password() );
		if ( 'network' === $kind ) {
			// What WordPress's Network Setup screen does: the network's tables and its first rows.
			global $wpdb;
			foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) {
				$wpdb->$table = $prefixed;
			}
			install_network();
			$result = populate_network( 1, $host, 'admin@example.com', 'Callback Doctor throwaway network', '/', false );
			if ( is_wp_error( $result ) ) {
				kco_test_fail( 'Creating the network failed: ' . $result->get_error_message() );
			}
		}
		// Plugins are activated on the installed site, in a new process, as a person would.
		kco_test_run( $kind, 'setup' );
		break;

	case 'setup':
		$network_wide = is_multisite();
		if ( $network_wide ) {
			// The second site gets data; the third is never visited, so WooCommerce never
			// created its tables there, as on a site of a network that does not sell.
			foreach ( array( 'second', 'untouched' ) as $slug ) {
				$site = wp_insert_site(
					array(
						'domain'  => $host,
						'path'    => '/' . $slug . '/',
						'title'   => ucfirst( $slug ) . ' site',
						'user_id' => 1,
					)
				);
				if ( is_wp_error( $site ) ) {
					kco_test_fail( "Creating the $slug site failed: " . $site->get_error_message() );
				}
			}
		}
		foreach ( array( KCO_TEST_WOOCOMMERCE, KCO_TEST_PLUGIN ) as $plugin ) {
			$result = activate_plugin( $plugin, '', $network_wide );
			if ( is_wp_error( $result ) ) {
				kco_test_fail( "Activating $plugin failed: " . $result->get_error_message() );
			}
		}
		echo "ok\n";
		break;

	case 'seed':
		if ( ! function_exists( 'as_schedule_recurring_action' ) ) {
			kco_test_fail( 'Action Scheduler is not loaded: WooCommerce is not active on the throwaway site.' );
		}
		$group = KCO_TEST_GROUP;
		$later = time() + HOUR_IN_SECONDS;
		// What the plugin writes today, through its own classes.
		KcoCallbackDoctor\RunHistory::save(
			array(
				'id'           => wp_generate_uuid4(),
				'startedAt'    => gmdate( 'c' ),
				'durationMs'   => 1,
				'endpointIds'  => array( 'push' ),
				'observations' => array(),
			)
		);
		( new KcoCallbackDoctor\RunLock() )->acquire( 60 );
		$token = KcoCallbackDoctor\Probe\Token::issue( 'push' );
		if ( null === KcoCallbackDoctor\Probe\Token::redeem( $token['token'], 'push' ) ) {
			kco_test_fail( 'The probe token was not accepted, so no used-token row was written.' );
		}
		// What scheduled checks and caches will write, under the names Lifecycle and StoredData own.
		set_transient( 'kco_callback_doctor_cached_environment', array( 'home' => home_url() ), HOUR_IN_SECONDS );
		as_schedule_recurring_action( $later, DAY_IN_SECONDS, 'kco_callback_doctor_scheduled_run', array(), $group );
		as_schedule_single_action( $later, 'kco_callback_doctor_alert', array( 'run' => 'x' ), $group );
		wp_schedule_event( $later, 'daily', 'kco_callback_doctor_daily_check', array( 'source' => 'schedule' ) );
		// Actions of the group that have already run stay as rows; uninstall removes them too.
		$done = as_schedule_single_action( time() - 60, 'kco_callback_doctor_alert', array( 'run' => 'done' ), $group );
		ActionScheduler::store()->mark_complete( $done );
		// An administrator who dismissed an alert (user meta, shared by every site of a network).
		update_user_meta( 1, KcoCallbackDoctor\StoredData::DISMISSED_ALERT_META, 'seeded-alert' );
		if ( is_multisite() ) {
			update_site_option( 'kco_callback_doctor_network_notice', 'dismissed' );
			set_site_transient( 'kco_callback_doctor_network_cache', 'cached', HOUR_IN_SECONDS );
		}
		// Controls: the same kinds of data of someone else, which must survive.
		update_option( 'kcotest_unrelated_option', 'kept' );
		as_schedule_single_action( $later, 'kcotest_unrelated_action', array(), 'kcotest-unrelated' );
		wp_schedule_event( $later, 'daily', 'kcotest_unrelated_event' );
		echo "ok\n";
		break;

	case 'deactivate':
		deactivate_plugins( KCO_TEST_PLUGIN, false, is_multisite() );
		if ( is_plugin_active( KCO_TEST_PLUGIN ) ) {
			kco_test_fail( 'The plugin is still active.' );
		}
		kco_test_database_errors();
		break;

	case 'uninstall':
		if ( is_plugin_active( KCO_TEST_PLUGIN ) ) {
			kco_test_fail( 'WordPress uninstalls only inactive plugins: deactivate first.' );
		}
		// The Plugins screen's "Delete" calls delete_plugins(), which calls this before removing files.
		uninstall_plugin( KCO_TEST_PLUGIN );
		kco_test_database_errors();
		break;

	case 'report':
		global $wpdb;
		$sites = is_multisite() ? get_sites( array( 'fields' => 'ids' ) ) : array( get_current_blog_id() );
		// Every name that carries the plugin's prefix, as an option or as a transient.
		$names = static function ( string $table, string $column ) use ( $wpdb ): array {
			$where = array();
			foreach ( array( '', '_transient_', '_transient_timeout_', '_site_transient_', '_site_transient_timeout_' ) as $kind_prefix ) {
				$where[] = $wpdb->prepare( "{$column} LIKE %s", $wpdb->esc_like( $kind_prefix . KCO_TEST_PREFIX ) . '%' ); // phpcs:ignore WordPress.DB
			}
			return $wpdb->get_col( "SELECT {$column} FROM {$table} WHERE " . implode( ' OR ', $where ) ); // phpcs:ignore WordPress.DB
		};
		$report = array( 'sites' => array() );
		foreach ( $sites as $site_id ) {
			if ( is_multisite() ) {
				switch_to_blog( (int) $site_id );
			}
			$cron_hooks = array();
			foreach ( (array) _get_cron_array() as $events ) {
				$cron_hooks = array_merge( $cron_hooks, array_keys( (array) $events ) );
			}
			$actions = static function ( string $group, string $status ) {
				return count( as_get_scheduled_actions( array( 'group' => $group, 'status' => $status, 'per_page' => -1 ), 'ids' ) );
			};
			$report['sites'][ (string) $site_id ] = array(
				'options'         => $names( $wpdb->options, 'option_name' ),
				'cron_hooks'      => array_values( array_unique( array_filter( $cron_hooks, static function ( $hook ) { return 0 === strpos( $hook, KCO_TEST_PREFIX ); } ) ) ),
				'actions_pending' => $actions( KCO_TEST_GROUP, 'pending' ),
				'actions_any'     => $actions( KCO_TEST_GROUP, '' ),
				'control_option'  => get_option( 'kcotest_unrelated_option', null ),
				'control_cron'    => false !== wp_next_scheduled( 'kcotest_unrelated_event' ),
				'control_actions' => $actions( 'kcotest-unrelated', 'pending' ),
				'plugin_active'   => is_plugin_active( KCO_TEST_PLUGIN ),
				'dismissals'      => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key = %s", 'kco_callback_doctor_dismissed_alert' ) ), // phpcs:ignore WordPress.DB
			);
			if ( is_multisite() ) {
				restore_current_blog();
			}
		}
		if ( is_multisite() ) {
			$report['network'] = $names( $wpdb->sitemeta, 'meta_key' );
		}
		echo wp_json_encode( $report ), "\n";
		break;

	case 'features':
		// What WooCommerce's feature screens and plugin list read (FeaturesController).
		echo wp_json_encode( Automattic\WooCommerce\Utilities\FeaturesUtil::get_compatible_features_for_plugin( KCO_TEST_PLUGIN ) ), "\n";
		break;
}
