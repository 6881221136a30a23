<?php
/**
 * Reading observations as the diagnosis reads them (src/diagnosis/observations.ts).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * Which observation decides a variant and whether its echo verifies: the same rules as the
 * TypeScript diagnosis, so PHP and the page never disagree about a pass.
 */
final class Observations {

	/**
	 * The observation that decides a variant: a re-try sent alone outranks one that ran among
	 * others (docs/probe-protocol.md §11), and a later one outranks an earlier one.
	 *
	 * @param array<int, array<string, mixed>> $observations Observations of one endpoint.
	 * @param string                           $variant      Variant id.
	 * @return array<string, mixed>|null
	 */
	public static function decisive( array $observations, string $variant ): ?array {
		$of_variant = array();
		$alone      = array();
		foreach ( $observations as $observation ) {
			if ( ( $observation['variant'] ?? null ) !== $variant ) {
				continue;
			}
			$of_variant[] = $observation;
			if ( ! empty( $observation['timing']['measuredAlone'] ) ) {
				$alone[] = $observation;
			}
		}
		$pool = empty( $alone ) ? $of_variant : $alone;
		return empty( $pool ) ? null : $pool[ count( $pool ) - 1 ];
	}

	/**
	 * What the echo says about the probe's trip (observations.ts checkEcho).
	 *
	 * @param array<string, mixed> $observation One probe.
	 * @param string               $endpoint_id The endpoint it was meant for.
	 * @return string 'verified'|'no-echo'|'redirected'|'wrong-endpoint'|'method-changed'|'body-lost'|'body-changed'
	 */
	public static function check_echo( array $observation, string $endpoint_id ): string {
		$echo    = $observation['echo'] ?? null;
		$request = isset( $observation['request'] ) && is_array( $observation['request'] ) ? $observation['request'] : array();
		if ( ! is_array( $echo ) ) {
			return 'no-echo';
		}
		if ( ! empty( $observation['redirects'] ) ) {
			return 'redirected';
		}
		if ( ( $echo['endpoint'] ?? null ) !== $endpoint_id ) {
			return 'wrong-endpoint';
		}
		if ( strtoupper( (string) ( $echo['method'] ?? '' ) ) !== (string) ( $request['method'] ?? '' ) ) {
			return 'method-changed';
		}
		$sent_bytes = (int) ( $request['bodyBytes'] ?? 0 );
		$got_bytes  = (int) ( $echo['bodyBytes'] ?? 0 );
		if ( $sent_bytes > 0 && 0 === $got_bytes ) {
			return 'body-lost';
		}
		if ( $got_bytes !== $sent_bytes || strtolower( (string) ( $echo['bodySha256'] ?? '' ) ) !== strtolower( (string) ( $request['bodySha256'] ?? '' ) ) ) {
			return 'body-changed';
		}
		return 'verified';
	}

	/**
	 * The redirect hops of a probe, including a final 3xx with a Location that was not
	 * followed (redirects.ts redirectHops).
	 *
	 * @param array<string, mixed> $observation One probe.
	 * @return array<int, mixed>
	 */
	public static function redirect_hops( array $observation ): array {
		$hops = isset( $observation['redirects'] ) && is_array( $observation['redirects'] ) ? array_values( $observation['redirects'] ) : array();
		if ( ! empty( $hops ) ) {
			return $hops;
		}
		$response = $observation['response'] ?? null;
		if ( ! is_array( $response ) ) {
			return $hops;
		}
		$status  = (int) ( $response['status'] ?? 0 );
		$headers = (array) ( $response['headers'] ?? array() );
		// Exactly `location`: the runner reports header names in lower case (types.ts).
		if ( $status >= 300 && $status < 400 && isset( $headers['location'] ) ) {
			$hops[] = array(
				'status'   => $status,
				'location' => (string) $headers['location'],
			);
		}
		return $hops;
	}

	/**
	 * The final HTTP status of a probe, or null when no answer came back.
	 *
	 * @param array<string, mixed> $observation One probe.
	 */
	public static function status( array $observation ): ?int {
		$response = $observation['response'] ?? null;
		return is_array( $response ) && isset( $response['status'] ) ? (int) $response['status'] : null;
	}

	/**
	 * The time to judge (latency.ts judgedTiming): the slowest measured alone, else the slowest
	 * of all; null when there is none.
	 *
	 * @param array<int, array<string, mixed>> $observations Observations.
	 */
	public static function judged_time_ms( array $observations ): ?float {
		$all   = array();
		$alone = array();
		foreach ( $observations as $observation ) {
			$total = (float) ( $observation['timing']['totalMs'] ?? 0 );
			$all[] = $total;
			if ( ! empty( $observation['timing']['measuredAlone'] ) ) {
				$alone[] = $total;
			}
		}
		$pool = empty( $alone ) ? $all : $alone;
		return empty( $pool ) ? null : max( $pool );
	}

	/**
	 * A response's headers with lower-case names, the first of each name kept (plain-text.ts
	 * header()). Stored runs hold them as an object, decoded JSON as an array.
	 *
	 * @param array<string, mixed> $response A probe's response.
	 * @return array<string, string>
	 */
	public static function headers( array $response ): array {
		$headers = array();
		foreach ( (array) ( $response['headers'] ?? array() ) as $name => $value ) {
			$key = strtolower( (string) $name );
			if ( ! isset( $headers[ $key ] ) && is_scalar( $value ) ) {
				$headers[ $key ] = (string) $value;
			}
		}
		return $headers;
	}

	/**
	 * Whether a probe was sent with a header (any case).
	 *
	 * @param array<string, mixed> $observation One probe.
	 * @param string               $name        Header name.
	 */
	public static function sent_header( array $observation, string $name ): bool {
		foreach ( array_keys( (array) ( $observation['request']['headers'] ?? array() ) ) as $sent ) {
			if ( 0 === strcasecmp( (string) $sent, $name ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The decisive observation of each variant probed, in the order the variants first appear.
	 *
	 * @param array<int, array<string, mixed>> $observations Observations of one endpoint.
	 * @return array<int, array<string, mixed>>
	 */
	public static function decisive_per_variant( array $observations ): array {
		$variants = array();
		foreach ( $observations as $observation ) {
			$variants[ (string) ( $observation['variant'] ?? '' ) ] = true;
		}
		$decisive = array();
		foreach ( array_keys( $variants ) as $variant ) {
			$found = self::decisive( $observations, (string) $variant );
			if ( null !== $found ) {
				$decisive[] = $found;
			}
		}
		return $decisive;
	}

	/**
	 * The first decisive observation of a variant, or null.
	 *
	 * @param array<int, array<string, mixed>> $decisive The decisive observations of an endpoint.
	 * @param string                           $variant  Variant id.
	 * @return array<string, mixed>|null
	 */
	public static function of_variant( array $decisive, string $variant ): ?array {
		foreach ( $decisive as $observation ) {
			if ( ( $observation['variant'] ?? null ) === $variant ) {
				return $observation;
			}
		}
		return null;
	}

	/**
	 * Which dispatcher answered that nothing handles the request (src/diagnosis/
	 * wordpress-answer.ts): 'woocommerce' for WooCommerce's 400 `-1`, 'rest' for the REST API's
	 * 404 `rest_no_route`, else null.
	 *
	 * @param array<string, mixed> $response A probe's response.
	 */
	public static function no_handler_answer( array $response ): ?string {
		$status = (int) ( $response['status'] ?? 0 );
		$body   = (string) ( $response['body'] ?? '' );
		if ( 400 === $status && '-1' === trim( $body ) ) {
			return 'woocommerce';
		}
		if ( 404 !== $status ) {
			return null;
		}
		$type = self::headers( $response )['content-type'] ?? '';
		if ( false === stripos( $type, 'json' ) ) {
			return null;
		}
		$error = json_decode( $body, true );
		return is_array( $error ) && isset( $error['code'] ) && 'rest_no_route' === $error['code'] ? 'rest' : null;
	}
}
