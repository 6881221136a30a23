<?php
/**
 * The state of one endpoint in a run, from its observations.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * The PHP twin of src/diagnosis/verdict.ts, rule for rule (its header comment states the rules);
 * tests/fixtures/verdicts/*.json run under jest and PHPUnit and pin both to the same states.
 */
final class EndpointState {

	public const PASSED       = 'passed';
	public const BLOCKED      = 'blocked';
	public const REDIRECTED   = 'redirected';
	public const UNREACHABLE  = 'unreachable';
	public const SLOW         = 'slow';
	public const INCONCLUSIVE = 'inconclusive';

	/** States in which Klarna's call does not get through. */
	public const FAILING = array( self::BLOCKED, self::REDIRECTED, self::UNREACHABLE );

	/** The probes shaped as Klarna sends them (observations.ts KLARNA_VARIANTS). */
	private const KLARNA_VARIANTS = array( 'klarna', 'klarna-session' );

	/** The variants that change one thing of a failing Klarna-shaped probe (identity, content). */
	private const TRIGGER_VARIANTS = array( 'browser-user-agent', 'with-referer', 'without-session-id', 'get', 'numeric-order-id', 'plain-query', 'minimal-body', 'no-body' );

	/**
	 * KCO 2.18.4 stopped adding kco_session_id to the push (docs/probe-protocol.md §2;
	 * class-kco-merchant-urls.php get_push_url() at that tag).
	 */
	private const SESSION_SHAPE_RETIRED_IN = '2.18.4';

	/** Statuses a proxy or CDN answers when the site took longer than it waits (time-on-path.ts). */
	private const GATEWAY_TIMEOUTS = array( 504, 524 );

	/**
	 * The state of an endpoint and the decisive probe's final HTTP status.
	 *
	 * @param array<string, mixed>             $descriptor   The endpoint's descriptor.
	 * @param array<int, array<string, mixed>> $observations Every observation of the run.
	 * @param array<string, mixed>             $environment  The run's environment.
	 * @return array{state: string, httpStatus: int|null}
	 */
	public static function judge( array $descriptor, array $observations, array $environment ): array {
		$id       = (string) $descriptor['id'];
		$decisive = Observations::decisive_per_variant(
			array_values(
				array_filter(
					$observations,
					static function ( $observation ) use ( $id ): bool {
						return is_array( $observation ) && ( $observation['endpoint'] ?? null ) === $id;
					}
				)
			)
		);
		$no_free_worker = self::had_no_free_worker( $decisive, $observations );
		$klarna         = array();
		foreach ( self::KLARNA_VARIANTS as $variant ) {
			$found = Observations::of_variant( $decisive, $variant );
			if ( null !== $found && ! self::is_retired_shape( $variant, $environment ) ) {
				$klarna[] = $found;
			}
		}
		if ( empty( $klarna ) ) {
			// Nothing Klarna-shaped went where the canary did not come back: a canary stopped in
			// front of WordPress is judged like a failing probe; a stripped header is inconclusive.
			$canary = CanaryOutcome::canary_of( $descriptor, $observations );
			if ( null !== $canary && CanaryOutcome::STOPPED === CanaryOutcome::of( $canary ) ) {
				return self::result( self::failure_state( $canary, $descriptor, $environment, $no_free_worker ), Observations::status( $canary ) );
			}
			return self::result( self::INCONCLUSIVE, null );
		}

		$failing = array_values(
			array_filter(
				$klarna,
				static function ( array $observation ) use ( $id ): bool {
					return 'verified' !== Observations::check_echo( $observation, $id );
				}
			)
		);
		$primary = self::primary_failure( $failing, $decisive );
		if ( null !== $primary ) {
			return self::result( self::failure_state( $primary, $descriptor, $environment, $no_free_worker ), Observations::status( $primary ) );
		}

		$status = Observations::status( $klarna[0] );
		$client = ClientAddress::outcome( $klarna, $decisive, $environment, $id );
		if ( null !== $client && ClientAddress::BLOCKED === $client['kind'] ) {
			return self::result( self::BLOCKED, $client['httpStatus'] );
		}
		if ( null !== $client || self::bypassed_edge( $klarna, $observations, $environment ) ) {
			return self::result( self::INCONCLUSIVE, $status );
		}
		$deadline = $descriptor['deadlineMs'] ?? null;
		$judged   = Observations::judged_time_ms( $klarna );
		$slow     = null !== $deadline && null !== $judged && $judged > (float) $deadline;
		$slow     = $slow || self::held_answer_cut( $decisive, $id );
		return self::result( $slow ? self::SLOW : self::PASSED, $status );
	}

	/**
	 * Whether Klarna still sends this Klarna shape for the installed KCO.
	 *
	 * @param string               $variant     A Klarna-shaped variant.
	 * @param array<string, mixed> $environment The run's environment.
	 */
	public static function is_retired_shape( string $variant, array $environment ): bool {
		$version = $environment['kco']['version'] ?? null;
		return 'klarna-session' === $variant && KcoVersion::is_at_least( is_string( $version ) ? $version : null, self::SESSION_SHAPE_RETIRED_IN );
	}

	/**
	 * Whether Klarna calls the endpoint: as the installed KCO says; every probed one without an
	 * active KCO (a shop before go-live must get them all through).
	 *
	 * @param array<string, mixed> $descriptor  The endpoint's descriptor.
	 * @param array<string, mixed> $environment The run's environment.
	 */
	public static function is_used( array $descriptor, array $environment ): bool {
		return empty( $environment['kco']['active'] ) || false !== ( $descriptor['usedByInstalledKco'] ?? null );
	}

	/**
	 * The failing probe that decides: the first the runner isolated a trigger for, else the first.
	 *
	 * @param array<int, array<string, mixed>> $failing  Counted Klarna-shaped probes that did not verify.
	 * @param array<int, array<string, mixed>> $decisive The endpoint's decisive observations.
	 * @return array<string, mixed>|null
	 */
	private static function primary_failure( array $failing, array $decisive ): ?array {
		foreach ( $failing as $candidate ) {
			foreach ( $decisive as $observation ) {
				$based_on = $observation['basedOn'] ?? null;
				if ( in_array( $observation['variant'] ?? null, self::TRIGGER_VARIANTS, true ) && ( null === $based_on ? 'klarna' : $based_on ) === $candidate['variant'] ) {
					return $candidate;
				}
			}
		}
		return $failing[0] ?? null;
	}

	/**
	 * Why a Klarna-shaped probe did not come back verified.
	 *
	 * @param array<string, mixed> $primary        The deciding failing probe.
	 * @param array<string, mixed> $descriptor     The endpoint's descriptor.
	 * @param array<string, mixed> $environment    The run's environment.
	 * @param bool                 $no_free_worker Whether the server had no worker left for a bare PHP page meanwhile.
	 */
	private static function failure_state( array $primary, array $descriptor, array $environment, bool $no_free_worker ): string {
		if ( ! empty( Observations::redirect_hops( $primary ) ) ) {
			return self::REDIRECTED;
		}
		$error = $primary['error'] ?? null;
		if ( is_array( $error ) ) {
			// The server reached itself through a hosts-file or split-DNS address (docs/probe-protocol.md §9).
			$own_path_only = SiteAddress::loopback_path_differs( $environment );
			switch ( $error['code'] ?? '' ) {
				case 'dns':
					return self::UNREACHABLE;
				case 'connect':
				case 'tls':
					return $own_path_only ? self::INCONCLUSIVE : self::UNREACHABLE;
				case 'timeout':
					if ( empty( $primary['timing']['measuredAlone'] ) || $no_free_worker ) {
						return self::INCONCLUSIVE;
					}
					$never_connected = null === ( $primary['timing']['connectMs'] ?? null );
					return $never_connected && $own_path_only ? self::INCONCLUSIVE : self::UNREACHABLE;
				default:
					return self::INCONCLUSIVE;
			}
		}
		$response = $primary['response'] ?? null;
		if ( ! is_array( $response ) ) {
			// No answer and no error (an echo always comes with its answer).
			return self::INCONCLUSIVE;
		}
		// A busy server queues its own requests: a proxy giving up then says nothing yet.
		if ( in_array( (int) ( $response['status'] ?? 0 ), self::GATEWAY_TIMEOUTS, true ) && empty( $primary['timing']['measuredAlone'] ) ) {
			return self::INCONCLUSIVE;
		}
		// WordPress answered that nothing handles the callback: a failure only where KCO is
		// active and calls it; otherwise nothing could answer there yet.
		if ( null !== Observations::no_handler_answer( $response ) ) {
			return ! empty( $environment['kco']['active'] ) && false !== ( $descriptor['usedByInstalledKco'] ?? null ) ? self::BLOCKED : self::INCONCLUSIVE;
		}
		// Any other answer, or an echo that arrived changed (body lost, method changed…).
		return self::BLOCKED;
	}

	/**
	 * Whether the server had no worker left for a second PHP request while the run held one: the
	 * bare PHP page (the endpoint's, else the run's) timed out (worker-capacity.ts hadNoFreeWorker).
	 *
	 * @param array<int, array<string, mixed>> $decisive     The endpoint's decisive observations.
	 * @param array<int, array<string, mixed>> $observations Every observation of the run.
	 */
	private static function had_no_free_worker( array $decisive, array $observations ): bool {
		$php = Observations::of_variant( $decisive, 'php-page' );
		if ( null === $php ) {
			$php = Observations::decisive( $observations, 'php-page' );
		}
		return null !== $php && 'timeout' === ( $php['error']['code'] ?? null );
	}

	/**
	 * Whether the answer held until just under Klarna's deadline was cut off on the way back: a
	 * server error without the echo, or a connection that ended without an answer
	 * (time-on-path.ts cutHeldAnswer).
	 *
	 * @param array<int, array<string, mixed>> $decisive The endpoint's decisive observations.
	 * @param string                           $id       Id of the endpoint.
	 */
	private static function held_answer_cut( array $decisive, string $id ): bool {
		$held = Observations::of_variant( $decisive, 'held-answer' );
		if ( null === $held || 'verified' === Observations::check_echo( $held, $id ) ) {
			return false;
		}
		$response = $held['response'] ?? null;
		if ( is_array( $response ) ) {
			return ! is_array( $held['echo'] ?? null ) && (int) ( $response['status'] ?? 0 ) >= 500;
		}
		return 'other' === ( $held['error']['code'] ?? null );
	}

	/**
	 * Whether a passing probe went around the site's CDN/WAF: its echo saw no proxy header while
	 * the site shows one.
	 *
	 * @param array<int, array<string, mixed>> $passing      The verified Klarna-shaped probes.
	 * @param array<int, array<string, mixed>> $observations Every observation of the run.
	 * @param array<string, mixed>             $environment  The run's environment.
	 */
	private static function bypassed_edge( array $passing, array $observations, array $environment ): bool {
		foreach ( $passing as $observation ) {
			if ( is_array( $observation['echo'] ?? null ) && empty( $observation['echo']['proxyHeaders'] ) ) {
				return null !== Edge::detect( $observations, $environment );
			}
		}
		return false;
	}

	/**
	 * The shape judge() returns.
	 *
	 * @param string   $state       State.
	 * @param int|null $http_status Final HTTP status of the deciding probe.
	 * @return array{state: string, httpStatus: int|null}
	 */
	private static function result( string $state, ?int $http_status ): array {
		return array(
			'state'      => $state,
			'httpStatus' => $http_status,
		);
	}
}
