<?php
/**
 * The verdict on a stored run: one state per endpoint, and the run's overall status.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * One verdict per endpoint, defined once; the TypeScript twin is src/diagnosis/verdict.ts, and
 * tests/fixtures/verdicts/*.json pin both to the same states.
 */
final class RunVerdict {

	public const OK       = 'ok';
	public const WARNING  = 'warning';
	public const CRITICAL = 'critical';
	public const UNKNOWN  = 'unknown';

	/**
	 * The verdict on a run.
	 *
	 * @param array<string, mixed> $run A stored run.
	 * @return array{overall: string, endpoints: array<int, array<string, mixed>>}
	 */
	public static function of( array $run ): array {
		$observations = isset( $run['observations'] ) && is_array( $run['observations'] ) ? $run['observations'] : array();
		$environment  = isset( $run['environment'] ) && is_array( $run['environment'] ) ? $run['environment'] : array();
		$digest       = isset( $run['digest'] ) && is_array( $run['digest'] ) ? $run['digest'] : null;
		$endpoints    = array();
		foreach ( self::descriptors( $run ) as $descriptor ) {
			$judged      = EndpointState::judge( $descriptor, $observations, $environment );
			$endpoints[] = array(
				'id'         => (string) $descriptor['id'],
				'label'      => (string) ( $descriptor['label'] ?? $descriptor['id'] ),
				'path'       => (string) ( $descriptor['path'] ?? '' ),
				'state'      => $judged['state'],
				'used'       => EndpointState::is_used( $descriptor, $environment ),
				'httpStatus' => $judged['httpStatus'],
				'blocker'    => null === $digest ? null : Blocker::from_digest( $digest, (string) $descriptor['id'] ),
			);
		}
		return array(
			'overall'   => self::overall( $endpoints ),
			'endpoints' => $endpoints,
		);
	}

	/**
	 * The monitoring-plugin status of a run (Nagios/Icinga convention): critical when a callback
	 * Klarna calls fails, warning when one is slow or could not be judged, ok when every one it
	 * calls passed, unknown when there was nothing to judge.
	 *
	 * @param array<int, array<string, mixed>> $endpoints Endpoint verdicts.
	 */
	public static function overall( array $endpoints ): string {
		$used = array_filter(
			$endpoints,
			static function ( array $endpoint ): bool {
				return $endpoint['used'];
			}
		);
		if ( empty( $used ) ) {
			return self::UNKNOWN;
		}
		$states = array_column( $used, 'state' );
		if ( array_intersect( $states, EndpointState::FAILING ) ) {
			return self::CRITICAL;
		}
		if ( array_diff( $states, array( EndpointState::PASSED ) ) ) {
			return self::WARNING;
		}
		return self::OK;
	}

	/**
	 * The endpoints the run probed, as its descriptors say; bare ones for ids without.
	 *
	 * @param array<string, mixed> $run A stored run.
	 * @return array<int, array<string, mixed>>
	 */
	private static function descriptors( array $run ): array {
		$descriptors = array();
		foreach ( (array) ( $run['endpoints'] ?? array() ) as $descriptor ) {
			if ( is_array( $descriptor ) && isset( $descriptor['id'] ) ) {
				$descriptors[ (string) $descriptor['id'] ] = $descriptor;
			}
		}
		$ordered = array();
		foreach ( (array) ( $run['endpointIds'] ?? array_keys( $descriptors ) ) as $id ) {
			$ordered[] = $descriptors[ $id ] ?? array(
				'id'                 => (string) $id,
				'label'              => (string) $id,
				'path'               => '',
				'deadlineMs'         => null,
				'usedByInstalledKco' => null,
			);
		}
		return $ordered;
	}
}
