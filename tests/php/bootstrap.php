<?php
/**
 * Loads the real WordPress of the running stack (bin/wp-up.sh) with this plugin active, so the
 * PHP tests exercise the plugin's classes with WordPress's own functions, options and salts
 * instead of stand-ins.
 *
 * @package KcoCallbackDoctor\Tests
 */

// Only PHPUnit runs this: a web server that reaches this file must not boot WordPress with it.
if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$project = dirname( __DIR__, 2 );
$current = $project . '/.wp-stack/current';
if ( ! is_readable( $current ) ) {
	fwrite( STDERR, "The PHP tests need the stack: run `npm run wp:up` first.\n" );
	exit( 1 );
}
$docroot = $project . '/.wp-stack/wordpress-' . trim( (string) file_get_contents( $current ) );
$port    = getenv( 'KCO_STACK_PORT' ) ? getenv( 'KCO_STACK_PORT' ) : '8888';

// wp-load.php reads the request's host to build URLs; make it the stack's.
$_SERVER['HTTP_HOST']   = '127.0.0.1:' . $port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';

require $docroot . '/wp-load.php';

if ( ! class_exists( 'KcoCallbackDoctor\\Probe\\Token' ) ) {
	fwrite( STDERR, "The plugin is not active in the stack at $docroot.\n" );
	exit( 1 );
}
