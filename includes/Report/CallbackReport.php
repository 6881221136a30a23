<?php
/**
 * What the server-side surfaces report: the verdict of the newest run that probed every callback.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Report;

use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\RunHistory;
use KcoCallbackDoctor\Verdict\RunVerdict;

defined( 'ABSPATH' ) || exit;

/**
 * Site Health, its Info tab and WooCommerce's status report all describe the same run, so they
 * never disagree. That run is the newest one that probed every callback: re-running a single card
 * on the doctor's page stores a run of one endpoint, which would otherwise hide the others.
 */
final class CallbackReport {

	/**
	 * The report of the newest complete run; `overall` is 'unknown' when no such run is stored.
	 *
	 * @return array<string, mixed> See of_verdict().
	 */
	public static function latest(): array {
		return self::of( self::newest_complete_run() );
	}

	/**
	 * The newest stored run, of any source, that probed every endpoint of the catalogue.
	 *
	 * @return array<string, mixed>|null
	 */
	public static function newest_complete_run(): ?array {
		$newest      = null;
		$newest_time = 0;
		$summaries   = array_merge( RunHistory::summaries( 'manual' ), RunHistory::summaries( 'schedule' ) );
		foreach ( $summaries as $summary ) {
			if ( ! is_array( $summary ) || ! self::is_complete( $summary ) ) {
				continue;
			}
			$time = self::timestamp( $summary['startedAt'] ?? null );
			if ( null !== $time && $time > $newest_time ) {
				$newest      = (string) $summary['id'];
				$newest_time = $time;
			}
		}
		return null === $newest ? null : RunHistory::find( $newest );
	}

	/**
	 * The report of one stored run, or of none.
	 *
	 * @param array<string, mixed>|null $run A stored run.
	 * @return array<string, mixed> See of_verdict().
	 */
	public static function of( ?array $run ): array {
		return self::of_verdict( $run, null === $run ? null : RunVerdict::of( $run ) );
	}

	/**
	 * Pure: the facts every surface shows, from a run and its verdict.
	 *
	 * @param array<string, mixed>|null $run     A stored run.
	 * @param array<string, mixed>|null $verdict RunVerdict::of( $run ).
	 * @return array{runId: string|null, startedAt: string|null, checkedAt: int|null, source: string|null,
	 *   homeUrl: string|null, overall: string, callbacks: array<int, array<string, mixed>>}
	 */
	public static function of_verdict( ?array $run, ?array $verdict ): array {
		if ( null === $run || null === $verdict ) {
			return array(
				'runId'     => null,
				'startedAt' => null,
				'checkedAt' => null,
				'source'    => null,
				'homeUrl'   => null,
				'overall'   => 'unknown',
				'callbacks' => array(),
			);
		}
		$started = isset( $run['startedAt'] ) ? (string) $run['startedAt'] : null;
		return array(
			'runId'     => isset( $run['id'] ) ? (string) $run['id'] : null,
			'startedAt' => $started,
			'checkedAt' => self::timestamp( $started ),
			'source'    => isset( $run['source'] ) ? (string) $run['source'] : null,
			'homeUrl'   => isset( $run['environment']['homeUrl'] ) ? (string) $run['environment']['homeUrl'] : null,
			'overall'   => (string) $verdict['overall'],
			'callbacks' => array_values( (array) $verdict['endpoints'] ),
		);
	}

	/**
	 * The callbacks of a report that KCO uses and that did not pass.
	 *
	 * @param array<string, mixed> $report A report.
	 * @return array<int, array<string, mixed>>
	 */
	public static function needing_attention( array $report ): array {
		return array_values(
			array_filter(
				$report['callbacks'],
				static function ( array $callback ): bool {
					return ! empty( $callback['used'] ) && 'passed' !== $callback['state'];
				}
			)
		);
	}

	/**
	 * Whether a run summary covers every endpoint of the catalogue.
	 *
	 * @param array<string, mixed> $summary RunHistory summary.
	 */
	private static function is_complete( array $summary ): bool {
		$probed = isset( $summary['endpointIds'] ) && is_array( $summary['endpointIds'] ) ? $summary['endpointIds'] : array();
		return array() === array_diff( Catalogue::ids(), $probed );
	}

	/**
	 * Unix time of an ISO 8601 instant, or null.
	 *
	 * @param mixed $iso ISO 8601 text.
	 */
	private static function timestamp( $iso ): ?int {
		if ( ! is_string( $iso ) || '' === $iso ) {
			return null;
		}
		$time = strtotime( $iso );
		return false === $time ? null : $time;
	}
}
