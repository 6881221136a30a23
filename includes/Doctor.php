<?php
/**
 * One doctor run, whoever starts it: the page (REST), the scheduler, WP-CLI.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\Probe\Runner;

defined( 'ABSPATH' ) || exit;

/**
 * Owns the use case "run the probes": the lock, the environment, the runner, the storage and the
 * run's source. Callers (REST, scheduler, Site Health, WP-CLI) only turn its answer into theirs.
 */
final class Doctor {

	public const SOURCE_PAGE     = 'page';
	public const SOURCE_SCHEDULE = 'schedule';
	public const SOURCE_CLI      = 'cli';

	/**
	 * Runs the probes now and stores the run.
	 *
	 * @param string   $source       One of the SOURCE_* constants.
	 * @param string[] $endpoint_ids Catalogue ids; empty = all.
	 * @param bool     $quick        Leave out the probes that wait on purpose (held answers).
	 * @return array<string, mixed>|\WP_Error The stored run (the REST `Run` shape plus `source`), or
	 *   WP_Error 'kco_callback_doctor_run_in_progress' (409), 'kco_callback_doctor_invalid_endpoints'
	 *   (400), 'kco_callback_doctor_internal_error' (500).
	 */
	public static function run( string $source, array $endpoint_ids = array(), bool $quick = false ) {
		if ( ! in_array( $source, self::sources(), true ) ) {
			return new \WP_Error(
				'kco_callback_doctor_invalid_source',
				/* translators: %s: the source given. */
				sprintf( __( 'Unknown run source "%s".', 'kco-callback-doctor' ), $source ),
				array( 'status' => 400 )
			);
		}
		$ids = self::endpoint_ids( $endpoint_ids );
		if ( is_wp_error( $ids ) ) {
			return $ids;
		}

		$lock = new RunLock();
		// The lock outlives the run's own deadline by a margin, so a crashed run blocks briefly.
		if ( ! $lock->acquire( (int) ceil( Runner::run_deadline() ) + 30 ) ) {
			return new \WP_Error(
				'kco_callback_doctor_run_in_progress',
				__( 'Another Callback Doctor run is in progress on this site. Wait until it has finished (at most a minute), then start the run again.', 'kco-callback-doctor' ),
				array( 'status' => 409 )
			);
		}
		// Even if PHP stops this request (the browser went away, a fatal error), free the lock.
		register_shutdown_function( array( $lock, 'release' ) );
		ignore_user_abort( true );

		try {
			$started      = microtime( true );
			$environment  = Environment::collect();
			$observations = ( new Runner() )->run( $ids, $environment, $quick );
			$run          = array(
				'id'           => wp_generate_uuid4(),
				'source'       => $source,
				'startedAt'    => self::iso_time( $started ),
				'durationMs'   => (int) round( ( microtime( true ) - $started ) * 1000 ),
				'endpointIds'  => $ids,
				'endpoints'    => Catalogue::descriptors( $ids, $environment['kco'] ),
				'environment'  => $environment,
				'observations' => $observations,
			);
			// What every caller gets is what was stored: secrets out, trimmed to the limit.
			$run = RunHistory::save( $run );
			/**
			 * Fires once a run is stored, whoever started it, while the run lock is still held: a
			 * listener that keeps state about runs (the alerts) has a single writer.
			 *
			 * @param array<string, mixed> $run The stored run.
			 */
			do_action( 'kco_callback_doctor_run_stored', $run );
		} catch ( \Throwable $thrown ) {
			// A generic message for whoever started the run; the detail goes to the PHP error log.
			return Rest\InternalError::from( $thrown, 'run (' . $source . ')' );
		} finally {
			$lock->release();
		}
		return $run;
	}

	/**
	 * Every source a run can have.
	 *
	 * @return string[]
	 */
	public static function sources(): array {
		return array( self::SOURCE_PAGE, self::SOURCE_SCHEDULE, self::SOURCE_CLI );
	}

	/**
	 * The ids to probe, in catalogue order whatever order they came in; all when none are given.
	 *
	 * @param array<int|string, mixed> $requested Ids as the caller gave them.
	 * @return string[]|\WP_Error
	 */
	private static function endpoint_ids( array $requested ) {
		$known = Catalogue::ids();
		if ( empty( $requested ) ) {
			return $known;
		}
		$unknown = array();
		foreach ( $requested as $id ) {
			if ( ! is_string( $id ) || ! in_array( $id, $known, true ) ) {
				$unknown[] = is_scalar( $id ) ? (string) $id : gettype( $id );
			}
		}
		if ( ! empty( $unknown ) ) {
			return new \WP_Error(
				'kco_callback_doctor_invalid_endpoints',
				sprintf(
					/* translators: 1: the unknown ids, 2: the known ids. */
					__( 'Unknown endpoint id(s): %1$s. Known ids: %2$s.', 'kco-callback-doctor' ),
					implode( ', ', $unknown ),
					implode( ', ', $known )
				),
				array( 'status' => 400 )
			);
		}
		return array_values( array_intersect( $known, $requested ) );
	}

	/**
	 * ISO 8601 in UTC with milliseconds.
	 *
	 * @param float $microtime Microtime.
	 */
	private static function iso_time( float $microtime ): string {
		$seconds = (int) floor( $microtime );
		return gmdate( 'Y-m-d\TH:i:s', $seconds ) . sprintf( '.%03dZ', (int) ( ( $microtime - $seconds ) * 1000 ) );
	}
}
