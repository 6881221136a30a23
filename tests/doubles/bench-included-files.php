<?php
/**
 * Plugin Name: Included-files reporter (tests and benchmarks only)
 * Description: When a request carries X-Kco-Bench-Files, prints how many PHP files the request
 * included and which of them belong to the doctor, after everything else. Lets the benchmark
 * count what the plugin costs on requests that are not its own. Never shipped.
 *
 * @package KcoCallbackDoctor\Tests
 */

defined( 'ABSPATH' ) || exit;

if ( isset( $_SERVER['HTTP_X_KCO_BENCH_FILES'] ) ) {
	add_action(
		'shutdown',
		static function () {
			$files  = get_included_files();
			$plugin = array_values(
				array_filter(
					$files,
					static function ( $file ) {
						return false !== strpos( $file, '/plugins/kco-callback-doctor/' ) || 0 === strpos( $file, dirname( __DIR__, 2 ) . '/includes/' ) || dirname( __DIR__, 2 ) . '/plugin.php' === $file;
					}
				)
			);
			echo "\n<!-- kco-bench-files " . wp_json_encode( array( 'total' => count( $files ), 'plugin' => $plugin ) ) . ' -->';
		},
		PHP_INT_MAX
	);
}
