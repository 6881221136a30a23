<?php
/**
 * TransportError: what a failed exchange means for a callback.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\TransportError;
use PHPUnit\Framework\TestCase;

/**
 * cURL error numbers (curl.se/libcurl/c/libcurl-errors.html) to types.ts TransportErrorCode.
 */
final class TransportErrorTest extends TestCase {

	/**
	 * cURL error, whether the run's deadline shortened the exchange, and the code.
	 *
	 * @return array<string, array{0: int, 1: bool, 2: string}>
	 */
	public function errors(): array {
		return array(
			'CURLE_OPERATION_TIMEDOUT is the site being slow'                 => array( 28, false, 'timeout' ),
			'a timeout cut short by the run’s own deadline is the deadline'   => array( 28, true, 'deadline' ),
			'CURLE_COULDNT_RESOLVE_HOST is DNS'                               => array( 6, false, 'dns' ),
			'CURLE_COULDNT_RESOLVE_PROXY is DNS'                              => array( 5, false, 'dns' ),
			'CURLE_COULDNT_CONNECT is a refused connection'                   => array( 7, false, 'connect' ),
			'CURLE_SSL_CONNECT_ERROR is TLS'                                  => array( 35, false, 'tls' ),
			'CURLE_PEER_FAILED_VERIFICATION (self-signed, wrong host) is TLS' => array( 60, false, 'tls' ),
			'CURLE_SSL_CACERT_BADFILE is TLS'                                 => array( 77, false, 'tls' ),
			'a DNS failure stays DNS when the run was short of time'          => array( 6, true, 'dns' ),
			'CURLE_RECV_ERROR is something else'                              => array( 56, false, 'other' ),
			'no error number at all is something else'                        => array( 0, false, 'other' ),
		);
	}

	/**
	 * @dataProvider errors
	 *
	 * @param int    $errno  cURL error number.
	 * @param bool   $capped Whether the run's deadline shortened the exchange.
	 * @param string $code   Expected code.
	 */
	public function test_names_what_a_curl_error_means_for_a_callback( int $errno, bool $capped, string $code ): void {
		$this->assertSame( $code, TransportError::code( $errno, $capped ) );
	}
}
