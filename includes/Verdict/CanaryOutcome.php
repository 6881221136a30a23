<?php
/**
 * What a path's canary says, as the verdict reads it (src/diagnosis/canary-outcome.ts).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * docs/probe-protocol.md §12: where a path's canary did not come back with its echo, the run sent
 * nothing Klarna-shaped there. `header-stripped` when WordPress dispatched the canary without the
 * header reaching the responder (WooCommerce's `-1`, the REST API's `rest_no_route`); `stopped`
 * when something in front of the dispatch answered instead, or nothing did.
 */
final class CanaryOutcome {

	public const ARRIVED         = 'arrived';
	public const HEADER_STRIPPED = 'header-stripped';
	public const STOPPED         = 'stopped';

	/**
	 * The canary that guarded an endpoint's path (its descriptor names it), the re-try sent alone
	 * first; null for runs without one.
	 *
	 * @param array<string, mixed>             $descriptor   The endpoint's descriptor.
	 * @param array<int, array<string, mixed>> $observations Every observation of the run.
	 * @return array<string, mixed>|null
	 */
	public static function canary_of( array $descriptor, array $observations ): ?array {
		$canary = $descriptor['canary'] ?? null;
		if ( ! is_string( $canary ) ) {
			return null;
		}
		$own = array_values(
			array_filter(
				$observations,
				static function ( $observation ) use ( $canary ): bool {
					return is_array( $observation ) && ( $observation['endpoint'] ?? null ) === $canary;
				}
			)
		);
		return Observations::decisive( $own, 'canary' );
	}

	/**
	 * What the canary's answer says about its path.
	 *
	 * @param array<string, mixed> $canary The canary's observation.
	 */
	public static function of( array $canary ): string {
		if ( is_array( $canary['echo'] ?? null ) ) {
			return self::ARRIVED;
		}
		$response = $canary['response'] ?? null;
		if ( is_array( $response ) && null !== Observations::no_handler_answer( $response ) ) {
			return self::HEADER_STRIPPED;
		}
		return self::STOPPED;
	}
}
