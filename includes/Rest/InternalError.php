<?php
/**
 * The answer to an error no REST callback expected.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * An exception's message can hold a file path, an SQL statement or a host name, and its trace
 * the site's layout: none of it is for the browser. The client gets a generic 500 it can show;
 * the detail goes to the server's PHP error log, where the site owner or the host can read it.
 */
final class InternalError {

	public const CODE = 'kco_callback_doctor_internal_error';

	/**
	 * Logs what went wrong and returns the generic error.
	 *
	 * @param \Throwable $thrown What was thrown.
	 * @param string     $route  The route and method, e.g. `POST /runs`.
	 */
	public static function from( \Throwable $thrown, string $route ): \WP_Error {
		// One line, so a message with line breaks cannot forge entries in the log.
		$detail = sprintf( '%s: %s in %s:%d', get_class( $thrown ), $thrown->getMessage(), $thrown->getFile(), $thrown->getLine() );
		error_log( 'Callback Doctor: ' . $route . ' failed: ' . str_replace( array( "\r", "\n" ), ' ', $detail ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the detail must reach the server's log, and only there.

		return new \WP_Error(
			self::CODE,
			__( 'The Callback Doctor hit an internal error and could not finish. The details are in the server’s PHP error log. Try again; if it happens again, share that log entry with your developer or host.', 'kco-callback-doctor' ),
			array( 'status' => 500 )
		);
	}
}
