<?php
/**
 * Sends probes in waves and follows same-host redirects hop by hop, like an API client would.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Redirects are where callbacks silently break (http→https, a language prefix): each hop is
 * recorded, a 301/302/303 turns the request into a bodiless GET as real clients do, 307/308 keep
 * method and body, and nothing is followed off the home host and port (RedirectRule) or beyond
 * five hops.
 */
final class RedirectFollower {

	public const MAX_HOPS = 5;

	/**
	 * Sender for each wave.
	 *
	 * @var Sender
	 */
	private $sender;

	/**
	 * Builds a follower.
	 *
	 * @param Sender $sender Sender.
	 */
	public function __construct( Sender $sender ) {
		$this->sender = $sender;
	}

	/**
	 * Sends the probes, at most $concurrency at a time, and follows their redirects.
	 *
	 * @param Probe[] $probes      Probes (list).
	 * @param int     $concurrency Most exchanges in flight at once; 1 measures each alone.
	 * @param float   $deadline_at Microtime by which everything must be over.
	 * @return array<int, array<string, mixed>> Per probe, in order: `final` (the last exchange),
	 *         `redirects` (types.ts RedirectHop[]), `hops` (exchange count), `alone`, `totalMs`,
	 *         `connectMs`, `tlsMs`, `probe` (the probe as last sent).
	 */
	public function travel( array $probes, int $concurrency, float $deadline_at ): array {
		$journeys = array();
		foreach ( array_values( $probes ) as $index => $probe ) {
			$journeys[ $index ] = array(
				'probe'     => $probe,
				'final'     => null,
				'redirects' => array(),
				'hops'      => 0,
				'alone'     => true,
				'totalMs'   => 0,
				'connectMs' => null,
				'tlsMs'     => null,
			);
		}

		$pending = array_keys( $journeys );
		while ( ! empty( $pending ) ) {
			$wave  = array_slice( $pending, 0, max( 1, $concurrency ) );
			$batch = array();
			foreach ( $wave as $index ) {
				$batch[ $index ] = $journeys[ $index ]['probe'];
			}
			$exchanges = $this->sender->send( $batch, $deadline_at );
			$pending   = array_values( array_diff( $pending, $wave ) );

			foreach ( $wave as $index ) {
				$next = $this->record( $journeys[ $index ], $exchanges[ $index ], count( $wave ) > 1 );
				if ( $next ) {
					$pending[] = $index;
				}
			}
		}
		return $journeys;
	}

	/**
	 * Adds one exchange to a journey; returns whether another hop is due.
	 *
	 * @param array<string, mixed> $journey  Journey, updated in place.
	 * @param array<string, mixed> $exchange The exchange.
	 * @param bool                 $crowded  Whether other exchanges were in flight with it.
	 */
	private function record( array &$journey, array $exchange, bool $crowded ): bool {
		if ( 0 === $journey['hops'] ) {
			$journey['connectMs'] = $exchange['connectMs'];
			$journey['tlsMs']     = $exchange['tlsMs'];
		}
		++$journey['hops'];
		$journey['totalMs'] += $exchange['totalMs'];
		$journey['alone']    = $journey['alone'] && ! $crowded;
		$journey['final']    = $exchange;

		$status   = $exchange['status'];
		$location = $exchange['location'];
		if ( null === $status || ! RedirectRule::redirects( $status ) || null === $location || '' === $location ) {
			return false;
		}

		$probe  = $journey['probe'];
		$target = RedirectRule::target( $probe->url, $location );
		$follow = null !== $target
			&& count( $journey['redirects'] ) < self::MAX_HOPS
			&& RedirectRule::follows( $probe->url, $target );

		$journey['redirects'][] = array(
			'url'      => $probe->url,
			'status'   => $status,
			'location' => $location,
			'followed' => $follow,
		);
		if ( ! $follow ) {
			return false;
		}
		$journey['probe'] = RedirectRule::keeps_method( $status ) ? $probe->at( $target ) : $probe->as_get()->at( $target );
		return true;
	}
}
