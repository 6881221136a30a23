<?php
/**
 * The stored runs, for GET /runs, GET /runs/{id}, the scheduler, Site Health and WP-CLI.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

use KcoCallbackDoctor\Verdict\LastDiagnosis;
use KcoCallbackDoctor\Verdict\RunVerdict;

defined( 'ABSPATH' ) || exit;

/**
 * One option per run plus one index of summaries per channel, none autoloaded: front-end
 * requests never load a byte of them. Scheduled runs have their own index, so an hourly schedule
 * never pushes the runs an owner started out of the history. Indexes are written only while the
 * run lock is held, so each has a single writer.
 */
final class RunHistory {

	/** Runs started from the page or WP-CLI that are kept. */
	public const KEEP = 20;

	/** Scheduled runs that are kept: a day of hourly checks. */
	public const KEEP_SCHEDULED = 24;

	public const CHANNEL_MANUAL   = 'manual';
	public const CHANNEL_SCHEDULE = 'schedule';

	private const INDEX = array(
		self::CHANNEL_MANUAL   => 'kco_callback_doctor_runs',
		self::CHANNEL_SCHEDULE => 'kco_callback_doctor_scheduled_runs',
	);

	/**
	 * Most bytes one stored run may take, serialized as update_option() stores it. A typical run
	 * is 10–60 KB; a run where everything is blocked can pass 1 MB. 256 KB keeps the kept runs
	 * under a few MB, one row well below the 1 MB items of Memcached-backed object caches and the
	 * 1 MB max_allowed_packet of older MySQL servers, and the REST answer quick to load.
	 */
	public const MAX_BYTES = 262144;

	private const RUN_PREFIX = 'kco_callback_doctor_run_';

	/**
	 * Stores a run, secrets taken out and trimmed to MAX_BYTES, and forgets the oldest of its
	 * channel beyond what the channel keeps. Returns the run as stored: that is what the browser
	 * gets, too.
	 *
	 * @param array<string, mixed> $run Run (types.ts Run plus `source`).
	 * @return array<string, mixed>
	 */
	public static function save( array $run ): array {
		$run     = RunTrimming::fit( Redaction::run( $run ), self::MAX_BYTES );
		$channel = self::channel_of( (string) ( $run['source'] ?? Doctor::SOURCE_PAGE ) );
		$keep    = self::CHANNEL_SCHEDULE === $channel ? self::KEEP_SCHEDULED : self::KEEP;
		add_option( self::RUN_PREFIX . $run['id'], $run, '', false );
		$index = self::summaries( $channel );
		array_unshift( $index, self::summary( $run ) );
		foreach ( array_slice( $index, $keep ) as $old ) {
			delete_option( self::RUN_PREFIX . $old['id'] );
		}
		$index = array_slice( $index, 0, $keep );
		if ( false === get_option( self::INDEX[ $channel ], false ) ) {
			add_option( self::INDEX[ $channel ], $index, '', false );
		} else {
			update_option( self::INDEX[ $channel ], $index, false );
		}
		return $run;
	}

	/**
	 * Summaries of one channel, newest first (types.ts RunSummary[]).
	 *
	 * @param string $channel 'manual' (page and WP-CLI runs) or 'schedule'.
	 * @return array<int, array<string, mixed>>
	 */
	public static function summaries( string $channel = self::CHANNEL_MANUAL ): array {
		if ( ! isset( self::INDEX[ $channel ] ) ) {
			return array();
		}
		$index = get_option( self::INDEX[ $channel ], array() );
		if ( ! is_array( $index ) ) {
			return array();
		}
		$summaries = array();
		foreach ( $index as $summary ) {
			if ( is_array( $summary ) && isset( $summary['id'] ) ) {
				$summaries[] = self::current_summary( $summary );
			}
		}
		return $summaries;
	}

	/**
	 * One stored run of any source, or null. Runs stored before redaction and trimming existed
	 * are redacted on the way out and read as not trimmed.
	 *
	 * @param string $id Run id.
	 * @return array<string, mixed>|null
	 */
	public static function find( string $id ): ?array {
		if ( '' === $id ) {
			return null;
		}
		$run = get_option( self::RUN_PREFIX . $id, null );
		if ( ! is_array( $run ) ) {
			return null;
		}
		// Runs stored before runs had a source were all started from the page.
		$run['source']  = $run['source'] ?? Doctor::SOURCE_PAGE;
		$run['trimmed'] = ! empty( $run['trimmed'] );
		return Redaction::run( $run );
	}

	/**
	 * The newest stored run of one source, or of any source.
	 *
	 * @param string|null $source One of Doctor::SOURCE_*, or null for any.
	 * @return array<string, mixed>|null
	 */
	public static function latest( ?string $source = null ): ?array {
		$newest = null;
		foreach ( array_keys( self::INDEX ) as $channel ) {
			foreach ( self::summaries( $channel ) as $summary ) {
				if ( null !== $source && $summary['source'] !== $source ) {
					continue;
				}
				// ISO 8601 in UTC with a fixed width sorts as text.
				if ( null === $newest || strcmp( (string) $summary['startedAt'], (string) $newest['startedAt'] ) > 0 ) {
					$newest = $summary;
				}
				break;
			}
		}
		return null === $newest ? null : self::find( (string) $newest['id'] );
	}

	/**
	 * Stores the page's digest of its diagnosis with a run. Only an existing run is updated: a
	 * run the history has just forgotten is not brought back.
	 *
	 * @param string                           $id     Run id.
	 * @param array<int, array<string, mixed>> $digest Digest entries (already validated).
	 * @return array<string, mixed>|null The run with its digest, or null when no such run is kept.
	 */
	public static function attach_digest( string $id, array $digest ): ?array {
		global $wpdb;
		$run = self::find( $id );
		if ( null === $run ) {
			return null;
		}
		$run['digest']      = array_values( $digest );
		$run['diagnosedAt'] = gmdate( 'Y-m-d\TH:i:s\Z' );
		$name               = self::RUN_PREFIX . $id;
		// An UPDATE, not update_option(): that one would add the option again if it was deleted.
		$updated = $wpdb->update( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->options,
			array( 'option_value' => maybe_serialize( $run ) ),
			array( 'option_name' => $name )
		);
		wp_cache_delete( $name, 'options' );
		if ( false === $updated ) {
			return null;
		}
		LastDiagnosis::remember( $run );
		return $run;
	}

	/**
	 * The summary of a run: its source and the verdict on each endpoint (Verdict\RunVerdict),
	 * so that a history row says exactly what the cards of that run say.
	 *
	 * @param array<string, mixed> $run Run.
	 * @return array<string, mixed>
	 */
	public static function summary( array $run ): array {
		$verdict   = RunVerdict::of( $run );
		$endpoints = array();
		foreach ( $verdict['endpoints'] as $endpoint ) {
			$endpoints[] = array(
				'id'    => $endpoint['id'],
				'state' => $endpoint['state'],
				'used'  => $endpoint['used'],
			);
		}
		return array(
			'id'          => $run['id'],
			'source'      => $run['source'] ?? Doctor::SOURCE_PAGE,
			'startedAt'   => $run['startedAt'],
			'durationMs'  => $run['durationMs'],
			'endpointIds' => $run['endpointIds'],
			'overall'     => $verdict['overall'],
			'verdicts'    => $endpoints,
		);
	}

	/**
	 * The channel a source's runs are kept in.
	 *
	 * @param string $source One of Doctor::SOURCE_*.
	 */
	public static function channel_of( string $source ): string {
		return Doctor::SOURCE_SCHEDULE === $source ? self::CHANNEL_SCHEDULE : self::CHANNEL_MANUAL;
	}

	/**
	 * A stored summary in today's shape: summaries written before the verdict existed are
	 * rebuilt from their run.
	 *
	 * @param array<string, mixed> $summary Summary as stored.
	 * @return array<string, mixed>
	 */
	private static function current_summary( array $summary ): array {
		if ( isset( $summary['overall'], $summary['verdicts'], $summary['source'] ) ) {
			return $summary;
		}
		$run = self::find( (string) $summary['id'] );
		return null === $run ? $summary + array(
			'source'   => Doctor::SOURCE_PAGE,
			'overall'  => 'unknown',
			'verdicts' => array(),
		) : self::summary( $run );
	}
}
