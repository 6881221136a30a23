<?php
/**
 * Runs a snippet of PHP inside the local stack's current WordPress, for tests and scripts.
 * Usage: php bin/wp-eval.php 'echo get_option( "home" );'
 *
 * @package KcoCallbackDoctor
 */

if ( 'cli' !== PHP_SAPI || ! isset( $argv[1] ) ) {
	exit( 2 );
}
$stack   = dirname( __DIR__ ) . '/.wp-stack';
$current = is_readable( $stack . '/current' ) ? trim( (string) file_get_contents( $stack . '/current' ) ) : '6.8';
$port    = getenv( 'KCO_STACK_PORT' ) ? getenv( 'KCO_STACK_PORT' ) : '8888';

$_SERVER['HTTP_HOST']   = '127.0.0.1:' . $port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';

require $stack . '/wordpress-' . $current . '/wp-load.php';
eval( $argv[1] ); // phpcs:ignore Squiz.PHP.Eval -- a development tool that runs the caller's own code.
