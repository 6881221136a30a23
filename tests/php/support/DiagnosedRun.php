<?php
/**
 * Runs of one callback as the page diagnosed them, for the tests of what a diagnosis leaves
 * behind (the alerts' words, the remembered blocker).
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests\Support;

/**
 * The shape RunHistory stores once the page has posted its digest: one Klarna-shaped probe
 * answered by Cloudflare's server header with the given status.
 */
final class DiagnosedRun {

	public const ID = '0b6c1f5e-7a43-4d1e-9c1a-5d2f8e9a0c11';

	/**
	 * A run of one callback as the page diagnosed it.
	 *
	 * @param string      $endpoint Callback id.
	 * @param int         $status   HTTP status its Klarna-shaped probe got.
	 * @param string|null $product  The product the diagnosis named, or null when it named none.
	 * @param string      $started  When the run started (ISO 8601, UTC).
	 * @return array<string, mixed>
	 */
	public static function of( string $endpoint, int $status, ?string $product, string $started = '2026-12-01T08:00:00.000Z' ): array {
		$digest = array();
		if ( null !== $product ) {
			$digest[] = array(
				'findingId'   => 'endpoint:' . $endpoint,
				'status'      => 'fail',
				'causeId'     => 'cdn-waf',
				'productId'   => strtolower( $product ),
				'productName' => $product,
			);
		}
		return array(
			'id'           => self::ID,
			'source'       => 'page',
			'startedAt'    => $started,
			'endpointIds'  => array( $endpoint ),
			'endpoints'    => array(
				array(
					'id'                 => $endpoint,
					'label'              => ucfirst( $endpoint ),
					'path'               => '/wc-api/KCO_WC_Push/',
					'deadlineMs'         => null,
					'usedByInstalledKco' => true,
				),
			),
			'environment'  => array(),
			'observations' => array(
				array(
					'endpoint'  => $endpoint,
					'variant'   => 'klarna',
					'request'   => array( 'method' => 'POST' ),
					'response'  => array(
						'status'  => $status,
						'headers' => array( 'server' => 'cloudflare' ),
					),
					'redirects' => array(),
					'error'     => null,
					'echo'      => null,
					'timing'    => array(
						'totalMs'       => 40,
						'measuredAlone' => false,
					),
				),
			),
			'digest'       => $digest,
			'diagnosedAt'  => '2026-12-01T08:01:00Z',
		);
	}
}
