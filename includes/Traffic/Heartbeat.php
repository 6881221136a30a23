<?php
/**
 * Records Klarna's real calls to KCO's callbacks as they end.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Traffic;

defined( 'ABSPATH' ) || exit;

/**
 * Hooked on `shutdown` only for requests that plugin.php saw addressed to a KCO callback, by
 * POST, without the doctor's probe header: Klarna's calls are POSTs (docs/probe-protocol.md §2), and the
 * doctor's own probes are not Klarna. By then KCO has answered, so the status is the one Klarna
 * got (`http_response_code()`), and the time is PHP's whole time for the request (since
 * REQUEST_TIME_FLOAT, which the server sets when the request arrives).
 */
final class Heartbeat {

	/**
	 * `shutdown`: notes the call. Whatever goes wrong here must not disturb a callback that has
	 * already been answered, so errors are logged, never raised.
	 */
	public static function record(): void {
		$ended_at = microtime( true );
		try {
			$uri      = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only matched against the catalogue's paths, never stored.
			$endpoint = RequestedCallback::from_uri( $uri );
			$status   = http_response_code();
			if ( null === $endpoint || ! is_int( $status ) ) {
				return;
			}
			$started_at = isset( $_SERVER['REQUEST_TIME_FLOAT'] ) ? (float) $_SERVER['REQUEST_TIME_FLOAT'] : $ended_at;
			TrafficLog::note(
				$endpoint,
				self::call( $started_at, $ended_at, $status ),
				'push' === $endpoint ? KlarnaOrderFingerprint::of_push() : null
			);
		} catch ( \Throwable $error ) {
			error_log( 'Callback Doctor could not record a Klarna callback: ' . $error->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
		}
	}

	/**
	 * One recorded call: when it arrived, the status it got, PHP's time in milliseconds.
	 *
	 * @param float $started_at When the request arrived (Unix time).
	 * @param float $ended_at   When PHP was done with it.
	 * @param int   $status     The HTTP status sent.
	 * @return array{at: int, status: int, ms: int}
	 */
	public static function call( float $started_at, float $ended_at, int $status ): array {
		return array(
			'at'     => (int) floor( $started_at ),
			'status' => $status,
			'ms'     => (int) round( max( 0.0, $ended_at - $started_at ) * 1000 ),
		);
	}
}
