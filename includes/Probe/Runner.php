<?php
/**
 * Runs the probes of one doctor run and returns raw observations (DESIGN.md §3).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

use KcoCallbackDoctor\Environment;

defined( 'ABSPATH' ) || exit;

/**
 * Three rounds under one hard deadline:
 * 1. every Klarna-shaped probe at once;
 * 2. trigger-isolation variants of each Klarna-shaped probe that got an HTTP answer other than
 *    its echo, plus, where a security plugin trusts a proxy header for the client address, each
 *    endpoint presenting Klarna's address there;
 * 3. alone, one after another: every probe that timed out, and every probe with a Klarna deadline
 *    whose crowded timing exceeded it. Klarna's calls arrive one at a time; a probe that queued
 *    behind its siblings for a PHP worker says nothing about Klarna (§3.8). These observations
 *    are added (measuredAlone: true); the crowded ones stay as evidence of worker saturation.
 */
final class Runner {

	/**
	 * Upper bound on round 2, so a site that blocks everything cannot make a run explode.
	 */
	private const MAX_VARIANTS = 24;

	/**
	 * Default seconds per exchange; the `kco_callback_doctor_probe_timeout` filter changes it.
	 */
	private const PROBE_TIMEOUT = 10.0;

	/**
	 * Default seconds for the whole run; the `kco_callback_doctor_run_deadline` filter changes it.
	 */
	private const RUN_DEADLINE = 30.0;

	/**
	 * Default exchanges in flight at once; the `kco_callback_doctor_concurrency` filter changes it.
	 */
	private const CONCURRENCY = 8;

	/**
	 * Seconds the whole run may take.
	 */
	public static function run_deadline(): float {
		/**
		 * Filters the hard limit on one doctor run, in seconds (1–120).
		 *
		 * @param float $seconds Default 30.
		 */
		$seconds = (float) apply_filters( 'kco_callback_doctor_run_deadline', self::RUN_DEADLINE );
		return max( 1.0, min( 120.0, $seconds ) );
	}

	/**
	 * Sends the probes for the given endpoints.
	 *
	 * @param string[]             $endpoint_ids Endpoint ids.
	 * @param array<string, mixed> $environment  Result of Environment::collect().
	 * @return array<int, array<string, mixed>> Observations (types.ts Observation).
	 */
	public function run( array $endpoint_ids, array $environment ): array {
		Token::forget_expired();
		$deadline_at = microtime( true ) + self::run_deadline();
		$follower    = new RedirectFollower( new Sender( self::probe_timeout() ) );
		$concurrency = self::concurrency();

		// Round 1: what Klarna sends.
		$klarna = array();
		foreach ( $endpoint_ids as $id ) {
			$klarna = array_merge( $klarna, Catalogue::klarna_probes( $id ) );
		}
		$first = $this->observe( $klarna, $follower->travel( $klarna, $concurrency, $deadline_at ) );

		// Round 2: one change at a time, to isolate what a blocker keys on.
		$variants = array();
		$home     = (string) $environment['homeUrl'];
		foreach ( $klarna as $index => $probe ) {
			if ( null !== $first[ $index ]['response'] && null === $first[ $index ]['echo'] ) {
				$variants = array_merge( $variants, Variants::isolating( $probe, $home ) );
			}
		}
		// The public-address probes come first in the budget: they are the only test of a
		// security plugin's address rules (DESIGN.md §3.7); isolation probes fill what is left.
		$public = array();
		$header = Environment::client_address_header( $environment );
		if ( null !== $header ) {
			foreach ( $klarna as $probe ) {
				if ( 'klarna' === $probe->variant ) {
					$public[] = Variants::public_client_address( $probe, $header );
				}
			}
		}
		$variants = array_merge( array_slice( $variants, 0, max( 0, self::MAX_VARIANTS - count( $public ) ) ), $public );
		$second   = $this->observe( $variants, $follower->travel( $variants, $concurrency, $deadline_at ) );

		// Round 3: alone, as Klarna's calls arrive.
		$again = array();
		$sent  = array_merge( $klarna, $variants );
		foreach ( array_merge( $first, $second ) as $index => $observation ) {
			if ( null !== $observation['error'] && 'timeout' === $observation['error']['code'] ) {
				$again[] = $sent[ $index ];
				continue;
			}
			// An endpoint's latency is judged from its Klarna-shaped probes (round 1).
			$deadline_ms = $index < count( $first ) ? Catalogue::deadline_ms( $observation['endpoint'] ) : null;
			if ( null !== $deadline_ms && ! $observation['timing']['measuredAlone'] && $observation['timing']['totalMs'] > $deadline_ms ) {
				$again[] = $sent[ $index ];
			}
		}
		$third = $this->observe( $again, $follower->travel( $again, 1, $deadline_at ) );

		return array_merge( $first, $second, $third );
	}

	/**
	 * Observations of the probes from their journeys.
	 *
	 * @param Probe[]                          $probes   Probes as first sent.
	 * @param array<int, array<string, mixed>> $journeys Journeys, same order.
	 * @return array<int, array<string, mixed>>
	 */
	private function observe( array $probes, array $journeys ): array {
		$observations = array();
		foreach ( array_values( $probes ) as $index => $probe ) {
			$observations[] = Observation::of( $probe, $journeys[ $index ] );
		}
		return $observations;
	}

	/**
	 * Seconds one exchange may take.
	 */
	private static function probe_timeout(): float {
		/**
		 * Filters the timeout of a single probe exchange, in seconds (0.5–60). Klarna's own
		 * patience is 10 s at most (strict validation).
		 *
		 * @param float $seconds Default 10.
		 */
		$seconds = (float) apply_filters( 'kco_callback_doctor_probe_timeout', self::PROBE_TIMEOUT );
		return max( 0.5, min( 60.0, $seconds ) );
	}

	/**
	 * Exchanges in flight at once.
	 */
	private static function concurrency(): int {
		/**
		 * Filters how many probes are in flight at once in the crowded rounds (1–16).
		 *
		 * @param int $count Default 8.
		 */
		$count = (int) apply_filters( 'kco_callback_doctor_concurrency', self::CONCURRENCY );
		return max( 1, min( 16, $count ) );
	}
}
