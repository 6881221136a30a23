<?php
/**
 * The last runs, for GET /runs and GET /runs/{id}.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * One option per run plus an index of summaries, none autoloaded: front-end requests never load
 * a byte of them. Written only while the run lock is held, so the index has a single writer.
 */
final class RunHistory {

	public const KEEP = 20;

	private const INDEX = 'kco_callback_doctor_runs';

	private const RUN_PREFIX = 'kco_callback_doctor_run_';

	/**
	 * Stores a run and forgets the oldest beyond KEEP.
	 *
	 * @param array<string, mixed> $run Run (types.ts Run).
	 */
	public static function save( array $run ): void {
		add_option( self::RUN_PREFIX . $run['id'], $run, '', false );
		$index = self::summaries();
		array_unshift( $index, self::summary( $run ) );
		foreach ( array_slice( $index, self::KEEP ) as $old ) {
			delete_option( self::RUN_PREFIX . $old['id'] );
		}
		$index = array_slice( $index, 0, self::KEEP );
		if ( false === get_option( self::INDEX, false ) ) {
			add_option( self::INDEX, $index, '', false );
		} else {
			update_option( self::INDEX, $index, false );
		}
	}

	/**
	 * Summaries, newest first (types.ts RunSummary[]).
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public static function summaries(): array {
		$index = get_option( self::INDEX, array() );
		return is_array( $index ) ? array_values( $index ) : array();
	}

	/**
	 * One stored run, or null.
	 *
	 * @param string $id Run id.
	 * @return array<string, mixed>|null
	 */
	public static function find( string $id ): ?array {
		$run = get_option( self::RUN_PREFIX . $id, null );
		return is_array( $run ) ? $run : null;
	}

	/**
	 * The summary of a run: Klarna-shaped probes whose signed echo came back, of all of them.
	 * A probe repeated alone counts once, as passed if any of its attempts echoed.
	 *
	 * @param array<string, mixed> $run Run.
	 * @return array<string, mixed>
	 */
	public static function summary( array $run ): array {
		$klarna = array();
		foreach ( $run['observations'] as $observation ) {
			if ( ! in_array( $observation['variant'], array( 'klarna', 'klarna-session' ), true ) ) {
				continue;
			}
			$key            = $observation['endpoint'] . '/' . $observation['variant'];
			$klarna[ $key ] = ! empty( $klarna[ $key ] ) || null !== $observation['echo'];
		}
		return array(
			'id'          => $run['id'],
			'startedAt'   => $run['startedAt'],
			'durationMs'  => $run['durationMs'],
			'endpointIds' => $run['endpointIds'],
			'echoed'      => count( array_filter( $klarna ) ),
			'probed'      => count( $klarna ),
		);
	}
}
