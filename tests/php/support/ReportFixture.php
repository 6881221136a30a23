<?php
/**
 * Reports as CallbackReport builds them, from verdict endpoints written out by hand.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests\Support;

use KcoCallbackDoctor\Report\CallbackReport;
use KcoCallbackDoctor\Verdict\RunVerdict;

/**
 * The overall status comes from RunVerdict::overall(), as in a real run, so a test cannot hand
 * the result builders a combination the verdict would never produce.
 */
final class ReportFixture {

	public const STARTED_AT = '2026-03-14T09:26:53.000Z';

	public const HOME_URL = 'https://shop.example/';

	/**
	 * A report of a run whose endpoints ended as given.
	 *
	 * @param array<int, array<string, mixed>> $endpoints RunVerdict endpoints.
	 * @param string                           $source    Run source.
	 * @return array<string, mixed>
	 */
	public static function of( array $endpoints, string $source = 'page' ): array {
		$run = array(
			'id'          => '0f8fad5b-d9cb-469f-a165-70867728950e',
			'source'      => $source,
			'startedAt'   => self::STARTED_AT,
			'environment' => array( 'homeUrl' => self::HOME_URL ),
		);
		return CallbackReport::of_verdict(
			$run,
			array(
				'overall'   => RunVerdict::overall( $endpoints ),
				'endpoints' => $endpoints,
			)
		);
	}

	/**
	 * One endpoint's verdict.
	 *
	 * @param string                    $id          Catalogue id.
	 * @param string                    $state       State.
	 * @param int|null                  $http_status Final HTTP status.
	 * @param bool                      $used        Used by the installed KCO.
	 * @param array<string, mixed>|null $blocker     Blocker from the digest.
	 * @return array<string, mixed>
	 */
	public static function endpoint( string $id, string $state, ?int $http_status, bool $used = true, ?array $blocker = null ): array {
		$known = array(
			'push'             => array( 'Push', '/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id={id}' ),
			'notification'     => array( 'Notification', '/wc-api/KCO_WC_Notification/?kco_wc_order_id={id}' ),
			'block-validation' => array( 'Checkout block validation (wc-api)', '/wc-api/kco-block-validation?kco_validation=yes&kco_order_id={id}' ),
		);
		return array(
			'id'         => $id,
			'label'      => $known[ $id ][0],
			'path'       => $known[ $id ][1],
			'state'      => $state,
			'used'       => $used,
			'httpStatus' => $http_status,
			'blocker'    => $blocker,
		);
	}

	/**
	 * The facts of an installed KCO.
	 *
	 * @return array<string, mixed>
	 */
	public static function kco(): array {
		return array(
			'active'  => true,
			'name'    => 'Klarna Checkout for WooCommerce',
			'version' => '2.20.9',
			'flow'    => 'blocks',
		);
	}
}
