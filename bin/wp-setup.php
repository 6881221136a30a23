<?php
/**
 * Installs WordPress in the local stack (if needed) and activates the plugin. Run by
 * bin/wp-up.sh with php-cli; there is no wp-cli on Debian 12.
 *
 * Usage: php bin/wp-setup.php DOCROOT WITH_TEST_DOUBLES(0|1)
 *
 * @package KcoCallbackDoctor
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$docroot = $argv[1] ?? '';
$doubles = '1' === ( $argv[2] ?? '0' );
$port    = getenv( 'KCO_STACK_PORT' ) ? getenv( 'KCO_STACK_PORT' ) : '8888';
$url     = 'http://127.0.0.1:' . $port;

$_SERVER['HTTP_HOST']   = '127.0.0.1:' . $port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';

define( 'WP_INSTALLING', true );
require $docroot . '/wp-load.php';
// No mail server here: skip the "your new site" email wp_install() would send (pluggable).
function wp_new_blog_notification() {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if ( ! is_blog_installed() ) {
	wp_install( 'Callback Doctor test shop', 'admin', 'admin@example.com', false, '', 'admin-password' );
	// wp_install() resets the rewrite rules after plugins registered their endpoints on `init`
	// (the wc-api double's among them), so finish in a fresh process on the installed site.
	passthru( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( __FILE__ ) . ' ' . escapeshellarg( $docroot ) . ' ' . ( $doubles ? '1' : '0' ), $status );
	exit( (int) $status );
}

update_option( 'siteurl', $url );
update_option( 'home', $url );
// Gravatar cannot be reached offline; avatars would only add failing requests.
update_option( 'show_avatars', 0 );
update_option( 'permalink_structure', '/%postname%/' );
update_option( 'rewrite_rules', '' );

$result = activate_plugin( 'kco-callback-doctor/plugin.php' );
if ( is_wp_error( $result ) ) {
	fwrite( STDERR, 'Activating the plugin failed: ' . $result->get_error_message() . "\n" );
	exit( 1 );
}

// WooCommerce's installer creates the shop manager role; the double does it on `init`, which
// this script runs while WP_INSTALLING is set, so the role is made here on a fresh database.
if ( $doubles && ! get_role( 'shop_manager' ) ) {
	add_role(
		'shop_manager',
		'Shop manager',
		array(
			'read'                 => true,
			'manage_woocommerce'   => true,
			'view_admin_dashboard' => true,
		)
	);
	get_role( 'administrator' )->add_cap( 'manage_woocommerce' );
}

// Users the tests log in as.
$users = array(
	array( 'shopmanager', 'shop_manager' ),
	array( 'subscriber', 'subscriber' ),
	array( 'admin2', 'administrator' ),
);
if ( $doubles ) {
	foreach ( $users as $user ) {
		list( $login, $role ) = $user;
		if ( ! get_role( $role ) ) {
			continue;
		}
		$existing = get_user_by( 'login', $login );
		if ( ! $existing ) {
			wp_insert_user(
				array(
					'user_login' => $login,
					'user_pass'  => $login . '-password',
					'user_email' => $login . '@example.com',
					'role'       => $role,
				)
			);
		}
	}
}

flush_rewrite_rules( false );
echo "ok\n";
