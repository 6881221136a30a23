<?php
/**
 * The Site Health test "Klarna can reach your shop's callbacks".
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\SiteHealth;

use KcoCallbackDoctor\Admin\Page;
use KcoCallbackDoctor\Report\CallbackReport;
use KcoCallbackDoctor\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * An asynchronous test, as core's own loopback and HTTPS tests are
 * (wp-admin/includes/class-wp-site-health.php, get_tests()): the Site Health screen calls its
 * REST route, and WordPress's weekly `wp_site_health_scheduled_check` calls `async_direct_test`
 * directly, without a browser or a login.
 */
final class CallbacksTest {

	/**
	 * The REST route the Site Health screen calls, relative to the namespace.
	 */
	public const ROUTE = '/site-health/callbacks';

	/**
	 * `site_status_tests`: adds the test.
	 *
	 * @param mixed $tests Tests so far, `direct` and `async`.
	 * @return mixed
	 */
	public static function add( $tests ) {
		if ( ! is_array( $tests ) ) {
			return $tests;
		}
		$tests['async'][ CallbacksTestResult::TEST ] = array(
			'label'             => __( 'Klarna can reach your shop\'s callbacks', 'kco-callback-doctor' ),
			'test'              => rest_url( Routes::REST_NAMESPACE . self::ROUTE ),
			'has_rest'          => true,
			'async_direct_test' => array( self::class, 'run' ),
		);
		return $tests;
	}

	/**
	 * Judges a recent run, or runs the probes now (RecentRun says which), in Site Health's shape.
	 *
	 * @return array<string, mixed>
	 */
	public static function run(): array {
		$run = RecentRun::find_or_start();
		if ( is_wp_error( $run ) ) {
			return CallbacksTestResult::of_error( $run, Page::url() );
		}
		return CallbacksTestResult::of( CallbackReport::of( $run ), time(), Page::url() );
	}
}
