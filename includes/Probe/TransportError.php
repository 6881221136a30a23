<?php
/**
 * What a failed exchange means for a callback (types.ts TransportErrorCode).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * cURL error numbers by what they mean for a callback (curl.se/libcurl/c/libcurl-errors.html).
 */
final class TransportError {

	private const DNS     = array( 5, 6 );
	private const CONNECT = array( 7 );
	private const TIMEOUT = array( 28 );
	private const TLS     = array( 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91 );

	/**
	 * The code of a cURL error. A timeout cut short by the run's own time limit is the run's
	 * deadline, not the site's slowness.
	 *
	 * @param int  $errno  cURL error number.
	 * @param bool $capped Whether this exchange's timeout was shortened to the run's deadline.
	 */
	public static function code( int $errno, bool $capped ): string {
		if ( in_array( $errno, self::TIMEOUT, true ) ) {
			return $capped ? 'deadline' : 'timeout';
		}
		if ( in_array( $errno, self::DNS, true ) ) {
			return 'dns';
		}
		if ( in_array( $errno, self::CONNECT, true ) ) {
			return 'connect';
		}
		if ( in_array( $errno, self::TLS, true ) ) {
			return 'tls';
		}
		return 'other';
	}
}
