<?php
/**
 * A Requests transport for parallel requests that waits on the sockets instead of spinning.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

use WpOrg\Requests\Exception\Transport\Curl as CurlException;
use WpOrg\Requests\Transport;
use WpOrg\Requests\Transport\Curl;

defined( 'ABSPATH' ) || exit;

/**
 * Requests' own cURL transport polls curl_multi_exec() in a tight loop while requests are in
 * flight: measured here, a 2 s wait cost 2 s of CPU. On a small host that steals the very CPU
 * the site needs to answer its own loopback probes and inflates the latencies we report. This
 * transport sets up and parses every request with Requests' Curl class and fires the same hooks,
 * but blocks in curl_multi_select() between socket events.
 */
final class CurlMultiTransport implements Transport {

	/**
	 * Longest wait for socket activity before cURL's own timers are serviced again, in seconds.
	 */
	private const SELECT_TIMEOUT = 0.05;

	/**
	 * One request: Requests' Curl transport as it is.
	 *
	 * @param string       $url     URL.
	 * @param array        $headers Headers.
	 * @param string|array $data    Body or query data.
	 * @param array        $options Requests options.
	 * @return string Raw response.
	 */
	public function request( $url, $headers = array(), $data = array(), $options = array() ) {
		$curl = new Curl();
		return $curl->request( $url, $headers, $data, $options );
	}

	/**
	 * Sends all requests at once and returns raw responses or exceptions by key, as Requests'
	 * Curl transport does.
	 *
	 * @param array $requests Requests as prepared by Requests::request_multiple().
	 * @param array $options  Global options.
	 * @return array
	 */
	public function request_multiple( $requests, $options ) {
		if ( empty( $requests ) ) {
			return array();
		}
		$multi   = curl_multi_init();
		$clients = array();
		$handles = array();
		foreach ( $requests as $key => $request ) {
			$clients[ $key ] = new Curl();
			$handles[ $key ] = $clients[ $key ]->get_subrequest_handle( $request['url'], $request['headers'], $request['data'], $request['options'] );
			$request['options']['hooks']->dispatch( 'curl.before_multi_add', array( &$handles[ $key ] ) );
			curl_multi_add_handle( $multi, $handles[ $key ] );
		}

		$responses = array();
		$open      = count( $handles );
		while ( $open > 0 ) {
			do {
				$status = curl_multi_exec( $multi, $active );
			} while ( CURLM_CALL_MULTI_PERFORM === $status );

			while ( false !== ( $done = curl_multi_info_read( $multi ) ) ) { // phpcs:ignore WordPress.CodeAnalysis.AssignmentInCondition.FoundInWhileCondition
				$key = array_search( $done['handle'], $handles, true );
				if ( false === $key || array_key_exists( $key, $responses ) ) {
					continue;
				}
				$responses[ $key ] = $this->finish( $clients[ $key ], $done, $requests[ $key ], $key );
				curl_multi_remove_handle( $multi, $done['handle'] );
				--$open;
			}

			if ( $open > 0 && CURLM_OK !== $status ) {
				// The multi handle itself failed: report what is left instead of waiting forever.
				foreach ( $handles as $key => $handle ) {
					if ( ! array_key_exists( $key, $responses ) ) {
						$responses[ $key ] = new CurlException( curl_multi_strerror( $status ), CurlException::MULTI, $handle, $status );
					}
				}
				break;
			}
			if ( $open > 0 && -1 === curl_multi_select( $multi, self::SELECT_TIMEOUT ) ) {
				// Some libcurl builds answer -1 when there is nothing to wait on yet.
				usleep( 2000 );
			}
		}
		curl_multi_close( $multi );
		return $responses;
	}

	/**
	 * Whether this transport can run here.
	 *
	 * @param array $capabilities Requested capabilities.
	 */
	public static function test( $capabilities = array() ) {
		return function_exists( 'curl_multi_init' ) && function_exists( 'curl_multi_select' ) && Curl::test( $capabilities );
	}

	/**
	 * Turns one finished handle into a raw response or an exception, with Requests' hooks.
	 *
	 * @param Curl  $client  The request's Curl instance.
	 * @param array $done    Entry from curl_multi_info_read().
	 * @param array $request The prepared request.
	 * @param mixed $key     The request's key.
	 * @return mixed Raw response string (parsed by the hooks) or an exception.
	 */
	private function finish( Curl $client, array $done, array $request, $key ) {
		$options = $request['options'];
		if ( CURLE_OK !== $done['result'] ) {
			$response = new CurlException( curl_error( $done['handle'] ), CurlException::EASY, $done['handle'], $done['result'] );
			$options['hooks']->dispatch( 'transport.internal.parse_error', array( &$response, $request ) );
			return $response;
		}
		try {
			$response = $client->process_response( $client->response_data, $options );
		} catch ( \WpOrg\Requests\Exception $exception ) {
			return $exception;
		}
		$options['hooks']->dispatch( 'transport.internal.parse_response', array( &$response, $request ) );
		if ( ! is_string( $response ) ) {
			$options['hooks']->dispatch( 'multiple.request.complete', array( &$response, $key ) );
		}
		return $response;
	}
}
