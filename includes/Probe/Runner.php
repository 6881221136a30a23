<?php
/**
 * Runs the probes of one doctor run and returns raw observations (docs/probe-protocol.md §3).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

use KcoCallbackDoctor\Environment;

defined( 'ABSPATH' ) || exit;

/**
 * Rounds under one hard deadline:
 * 0. the canaries (docs/probe-protocol.md §12), one per path (see gate()): a path gets Klarna-shaped
 *    probes only when its canary's signed echo came back, since a path that strips the probe
 *    header would hand them to KCO's handlers; where a canary timed out, the capacity pair of
 *    round 2 goes at once; where only the `?wc-api=` form of the canary echoed, Klarna's probes go
 *    in that form only;
 * 1. every Klarna-shaped probe on a cleared path at once;
 * 2. follow-ups, each changing one thing of a Klarna-shaped probe, never after an answer of
 *    WooCommerce's or the REST API's dispatch without the echo (a KCO handler may have run):
 *    - where it got an HTTP answer other than its echo (a gateway timeout aside, which is about
 *      time, not content): trigger-isolation variants (identity and content, §3.5 and §3.10), and
 *      for a /wc-api/ path answered 404 or 2xx, the same callback as `?wc-api=NAME` (DESIGN.md §3.11);
 *    - where a security plugin trusts a proxy header for the client address: each endpoint
 *      presenting Klarna's address there (§3.7);
 *    - once, when any got no answer in time: a static file and a bare PHP page of the site, to
 *      tell a server with no worker left for a second request from a site that does not answer
 *      (§3.8);
 * 3. alone, one after another: every probe that timed out (on our clock, or on a proxy's: a
 *    gateway timeout while others were in flight), and every probe with a Klarna deadline whose
 *    echo came back later than that deadline while crowded; never one that WooCommerce's or
 *    the REST API's dispatch answered without the echo (a KCO handler may have run). Klarna's calls arrive one at a time; a probe that queued behind
 *    its siblings for a PHP worker says nothing about Klarna (docs/probe-protocol.md §11). These
 *    observations are added (measuredAlone: true); the crowded ones stay as evidence of worker
 *    saturation. Timed-out probes are not retried when the bare PHP page got no answer either:
 *    no PHP worker is free while this run holds one, so a retry could only queue.
 * 4. unless the run is quick: for each endpoint with a Klarna deadline whose Klarna-shaped probes
 *    passed, the same probe with its answer held back until just under that deadline, to see
 *    whether something on the way back cuts slow answers (§3.13).
 */
final class Runner {

	/**
	 * Upper bound on round 2's isolation probes, so a site that blocks everything cannot make a
	 * run explode.
	 */
	private const MAX_VARIANTS = 56;

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
	 * How much sooner than Klarna's deadline a held answer comes by default: Klarna's own request
	 * spends part of the deadline on the network and in WordPress before KCO's handler runs.
	 */
	private const HOLD_MARGIN_MS = 500;

	/**
	 * Statuses a proxy or CDN answers when the site took longer than it waits: 504 Gateway
	 * Timeout (RFC 9110 §15.6.5), and Cloudflare's 524 "A timeout occurred".
	 */
	private const GATEWAY_TIMEOUTS = array( 504, 524 );

	/**
	 * Variants that are no Klarna callback at all, only a question to the server.
	 */
	private const CAPACITY_VARIANTS = array( 'static-file', 'php-page' );

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
	 * @param bool                 $quick        Leave out the probes that wait on purpose (held answers).
	 * @return array<int, array<string, mixed>> Observations (types.ts Observation).
	 */
	public function run( array $endpoint_ids, array $environment, bool $quick = false ): array {
		Token::forget_expired();
		$deadline_at = microtime( true ) + self::run_deadline();
		$follower    = new RedirectFollower( new Sender( self::probe_timeout() ) );
		$concurrency = self::concurrency();

		// Round 0: the canaries. Nothing Klarna-shaped goes where the probe header does not arrive.
		$gate = $this->gate( Canary::probes( $endpoint_ids ), $follower, $concurrency, $deadline_at );

		// Round 1: what Klarna sends, on each path whose canary echoed; where only the `?wc-api=`
		// form of the canary echoed, Klarna's probes go in that form only (never to the pretty path).
		$klarna = array();
		foreach ( $endpoint_ids as $id ) {
			$canary = Canary::for_endpoint( $id );
			if ( in_array( $canary, $gate['cleared'], true ) ) {
				$klarna = array_merge( $klarna, Catalogue::klarna_probes( $id, $environment['kco'] ?? null ) );
			} elseif ( in_array( $canary, $gate['cleared_as_query'], true ) ) {
				$klarna = array_merge( $klarna, self::plain_permalink_forms( Catalogue::klarna_probes( $id, $environment['kco'] ?? null ) ) );
			}
		}
		$first = $this->observe( $klarna, $follower->travel( $klarna, $concurrency, $deadline_at ) );

		// Round 2: one change at a time.
		$variants = $this->follow_ups( $klarna, $first, $environment, $gate['asked'] );
		$second   = $this->observe( $variants, $follower->travel( $variants, $concurrency, $deadline_at ) );

		// Round 3: alone, as Klarna's calls arrive.
		$again     = array();
		$sent      = array_merge( $klarna, $variants );
		$saturated = self::saturated( array_merge( $gate['observations'], $second ) );
		foreach ( array_merge( $first, $second ) as $index => $observation ) {
			if ( in_array( $observation['variant'], self::CAPACITY_VARIANTS, true ) ) {
				continue;
			}
			// Without the echo, an answer of the dispatch means a KCO handler may have run: never
			// send that request again, however slow its answer was.
			if ( null === $observation['echo'] && DispatchAnswer::from_dispatch( $observation ) ) {
				continue;
			}
			if ( self::timed_out( $observation ) ) {
				if ( ! $saturated ) {
					$again[] = $sent[ $index ];
				}
				continue;
			}
			// An endpoint's latency is judged from its Klarna-shaped probes (round 1), and only from
			// their echo: any other answer is judged by what it is, not by how long it took.
			$deadline_ms = $index < count( $first ) ? Catalogue::deadline_ms( $observation['endpoint'] ) : null;
			if ( null !== $deadline_ms && null !== $observation['echo'] && ! $observation['timing']['measuredAlone'] && $observation['timing']['totalMs'] > $deadline_ms ) {
				$again[] = $sent[ $index ];
			}
		}
		$third = $this->observe( $again, $follower->travel( $again, 1, $deadline_at ) );

		// Round 4: time on the path, once the Klarna-shaped probes are known to pass.
		$held   = $quick ? array() : self::held_answers( $klarna, array_merge( $first, $third ) );
		$fourth = $this->observe( $held, $follower->travel( $held, max( 1, count( $held ) ), $deadline_at ) );

		return array_merge( $gate['observations'], $first, $second, $third, $fourth );
	}

	/**
	 * Round 0: the canaries, one per path (docs/probe-protocol.md §12).
	 * - When one timed out among the others, the capacity pair (§3.8) asks at once whether the
	 *   server has a worker to spare: a server with one worker can answer no canary while this
	 *   run holds it, and without the pair it would look like a site that does not answer. Timed-
	 *   out canaries are retried alone unless the bare PHP page timed out too (a retry could only
	 *   queue).
	 * - When a wc-api canary got a 404 or a 2xx page (DESIGN.md §3.11: plain permalinks, or a
	 *   /wc-api/ path the server does not route), the same canary in the `?wc-api=NAME` form
	 *   WooCommerce honours on any address. If that one echoes, the header arrives through
	 *   WooCommerce's dispatch and the Klarna-shaped probes may go, in that form only.
	 *
	 * @param Probe[]          $canaries    The canaries.
	 * @param RedirectFollower $follower    Sends probes.
	 * @param int              $concurrency Exchanges in flight at once.
	 * @param float            $deadline_at The run's hard deadline (microtime).
	 * @return array{observations: array<int, array<string, mixed>>, cleared: string[], cleared_as_query: string[], asked: bool}
	 */
	private function gate( array $canaries, RedirectFollower $follower, int $concurrency, float $deadline_at ): array {
		$gate      = $this->observe( $canaries, $follower->travel( $canaries, $concurrency, $deadline_at ) );
		$timed_out = array();
		foreach ( $gate as $index => $observation ) {
			if ( self::timed_out( $observation ) ) {
				$timed_out[] = $canaries[ $index ];
			}
		}
		$pair     = isset( $timed_out[0] ) ? Variants::capacity( $timed_out[0], max( self::probe_timeout(), self::PROBE_TIMEOUT ) ) : array();
		$capacity = $this->observe( $pair, $follower->travel( $pair, count( $pair ), $deadline_at ) );
		$retried  = self::saturated( $capacity ) ? array() : $timed_out;
		$gate     = array_merge( $gate, $this->observe( $retried, $follower->travel( $retried, 1, $deadline_at ) ) );

		// The decisive answer per canary: a re-try sent alone outranks the crowded one.
		$decisive = array();
		foreach ( array_merge( $canaries, $retried ) as $index => $canary ) {
			$decisive[ $canary->endpoint ] = array( $canary, $gate[ $index ] );
		}
		$cleared = array();
		$forms   = array();
		foreach ( $decisive as $endpoint => $entry ) {
			list( $canary, $observation ) = $entry;
			if ( null !== $observation['echo'] ) {
				$cleared[] = $endpoint;
				continue;
			}
			$form = null !== $observation['response'] && ! DispatchAnswer::from_dispatch( $observation ) && self::answered_without_routing( $observation )
				? Variants::plain_permalink_form( $canary )
				: null;
			if ( null !== $form ) {
				$forms[] = $form;
			}
		}
		$plain            = $this->observe( $forms, $follower->travel( $forms, $concurrency, $deadline_at ) );
		$cleared_as_query = array();
		foreach ( $plain as $observation ) {
			if ( null !== $observation['echo'] ) {
				$cleared_as_query[] = $observation['endpoint'];
			}
		}
		return array(
			'observations'     => array_merge( $gate, $capacity, $plain ),
			'cleared'          => $cleared,
			'cleared_as_query' => $cleared_as_query,
			'asked'            => array() !== $pair,
		);
	}

	/**
	 * The `?wc-api=NAME` form of each Klarna-shaped probe that has one: what may go on a path
	 * whose pretty /wc-api/ address only its canary's query form crossed.
	 *
	 * @param Probe[] $probes Klarna-shaped probes.
	 * @return Probe[]
	 */
	private static function plain_permalink_forms( array $probes ): array {
		$forms = array();
		foreach ( $probes as $probe ) {
			$form = Variants::plain_permalink_form( $probe );
			if ( null !== $form ) {
				$forms[] = $form;
			}
		}
		return $forms;
	}

	/**
	 * Round 2's probes, in the order the budget is spent: those that decide a cause first (a
	 * security plugin's address rules, the plain-permalink form, the server's capacity), then
	 * isolation variants in what is left of MAX_VARIANTS.
	 *
	 * @param Probe[]                          $klarna      Round 1's probes.
	 * @param array<int, array<string, mixed>> $first       Their observations, same order.
	 * @param array<string, mixed>             $environment Result of Environment::collect().
	 * @param bool                             $asked       Whether round 0 already asked for the server's capacity.
	 * @return Probe[]
	 */
	private function follow_ups( array $klarna, array $first, array $environment, bool $asked ): array {
		$deciding  = array();
		$isolating = array();
		$home      = (string) $environment['homeUrl'];
		$header    = Environment::client_address_header( $environment );
		foreach ( $klarna as $index => $probe ) {
			$observation = $first[ $index ];
			$response    = $observation['response'];
			// Without the echo, an answer of the dispatch means a KCO handler may have run: send
			// nothing more that is Klarna-shaped to this callback.
			if ( null === $observation['echo'] && DispatchAnswer::from_dispatch( $observation ) ) {
				continue;
			}
			// One pair asks the server, for the whole run, whether it has a worker to spare.
			if ( ! $asked && null !== $observation['error'] && 'timeout' === $observation['error']['code'] ) {
				$asked    = true;
				$deciding = array_merge( $deciding, Variants::capacity( $probe, max( self::probe_timeout(), self::PROBE_TIMEOUT ) ) );
			}
			// The `?wc-api=` forms sent in round 1 are already the one change the path allows.
			if ( 'wc-api-query' === $probe->variant ) {
				continue;
			}
			if ( null !== $response && null === $observation['echo'] && ! in_array( $response['status'], self::GATEWAY_TIMEOUTS, true ) ) {
				$isolating = array_merge( $isolating, Variants::isolating( $probe, $home ) );
				$form      = self::answered_without_routing( $observation ) ? Variants::plain_permalink_form( $probe ) : null;
				if ( null !== $form ) {
					$deciding[] = $form;
				}
			}
			// The public-address probes are the only test of a security plugin's address rules.
			if ( null !== $header && 'klarna' === $probe->variant ) {
				$deciding[] = Variants::public_client_address( $probe, $header );
			}
		}
		return array_merge( $deciding, array_slice( $isolating, 0, max( 0, self::MAX_VARIANTS - count( $deciding ) ) ) );
	}

	/**
	 * Round 4's probes: a held answer for each endpoint with a Klarna deadline whose Klarna-shaped
	 * probes came back as their echo (a re-try alone counting over the crowded try).
	 *
	 * @param Probe[]                          $klarna       Round 1's probes.
	 * @param array<int, array<string, mixed>> $observations Their observations in rounds 1 and 3.
	 * @return Probe[]
	 */
	private static function held_answers( array $klarna, array $observations ): array {
		$echoed = array();
		foreach ( $observations as $observation ) {
			$key = $observation['endpoint'] . '/' . $observation['variant'];
			if ( in_array( $observation['variant'], array( 'klarna', 'klarna-session' ), true ) ) {
				// Later observations are the alone re-tries: they decide.
				$echoed[ $key ] = null !== $observation['echo'];
			}
		}
		$held = array();
		foreach ( $klarna as $probe ) {
			$hold_ms = self::hold_ms( $probe->endpoint );
			if ( 'klarna' !== $probe->variant || $hold_ms <= 0 ) {
				continue;
			}
			$passed = true;
			foreach ( $echoed as $key => $echo ) {
				if ( 0 === strpos( $key, $probe->endpoint . '/' ) ) {
					$passed = $passed && $echo;
				}
			}
			if ( $passed ) {
				$held[] = Variants::held_answer( $probe, $hold_ms );
			}
		}
		return $held;
	}

	/**
	 * Whether a probe timed out: on our clock, or on a proxy's while other probes were in flight.
	 *
	 * @param array<string, mixed> $observation An observation.
	 */
	private static function timed_out( array $observation ): bool {
		if ( null !== $observation['error'] ) {
			return 'timeout' === $observation['error']['code'];
		}
		return null !== $observation['response']
			&& in_array( $observation['response']['status'], self::GATEWAY_TIMEOUTS, true )
			&& ! $observation['timing']['measuredAlone'];
	}

	/**
	 * Whether an answer looks like the request never reached WooCommerce's dispatch: a 404, or a
	 * 2xx that is not the echo (the front page a server sends for a path it does not know).
	 *
	 * @param array<string, mixed> $observation A Klarna-shaped probe's observation.
	 */
	private static function answered_without_routing( array $observation ): bool {
		$status = (int) $observation['response']['status'];
		return 404 === $status || ( $status >= 200 && $status < 300 );
	}

	/**
	 * Whether the bare PHP page timed out in round 2: while this run holds a worker, the server
	 * has none for another PHP request, so a timed-out probe retried now could only queue. (Cut
	 * short by the run's own deadline, it says nothing.)
	 *
	 * @param array<int, array<string, mixed>> $second Round 2's observations.
	 */
	private static function saturated( array $second ): bool {
		foreach ( $second as $observation ) {
			if ( 'php-page' === $observation['variant'] && self::timed_out( $observation ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * How long the responder holds a held answer for this endpoint, in ms: just under Klarna's
	 * deadline by default, never longer than the longest deadline; 0 where Klarna sets none.
	 *
	 * @param string $endpoint Endpoint id.
	 */
	private static function hold_ms( string $endpoint ): int {
		$deadline = Catalogue::deadline_ms( $endpoint );
		$longest  = Catalogue::longest_deadline_ms( $endpoint );
		if ( null === $deadline || null === $longest ) {
			return 0;
		}
		/**
		 * Filters how long the responder holds the answer of the held-answer probe, in ms. The
		 * default is Klarna's deadline (3 s for validation) less 500 ms; a shop with Klarna's
		 * strict validation may raise it towards 10 s. 0 leaves the probe out.
		 *
		 * @param int    $hold_ms  Default hold.
		 * @param string $endpoint Endpoint id.
		 */
		$hold_ms = (int) apply_filters( 'kco_callback_doctor_hold_ms', $deadline - self::HOLD_MARGIN_MS, $endpoint );
		return max( 0, min( $longest, $hold_ms ) );
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
