<?php
/**
 * Answers signed probes where KCO's handlers would run, so no KCO code ever does.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

use KcoCallbackDoctor\AddressClass;

defined( 'ABSPATH' ) || exit;

/**
 * Hooked only when the probe header is present (plugin.php). A valid token for the endpoint the
 * request was routed to gets `200` and the signed echo, and the request ends there; anything else
 * returns untouched, so the request goes on exactly as it would without this plugin.
 */
final class Responder {

	/**
	 * Where PHP puts the X-KCO-Doctor-Probe request header.
	 */
	public const SERVER_KEY = 'HTTP_X_KCO_DOCTOR_PROBE';

	/**
	 * Headers by which a proxy or CDN passes on the client address or its own presence; only
	 * their names are reported. They include every header a security plugin may be set to take
	 * the client address from (ClientAddressPolicy), so the verdict can tell that the header of
	 * the public-address probe reached the site.
	 */
	private const PROXY_HEADERS = array(
		'HTTP_CF_CONNECTING_IP'    => 'CF-Connecting-IP',
		'HTTP_CF_RAY'              => 'CF-Ray',
		'HTTP_X_FORWARDED_FOR'     => 'X-Forwarded-For',
		'HTTP_X_FORWARDED_PROTO'   => 'X-Forwarded-Proto',
		'HTTP_X_REAL_IP'           => 'X-Real-IP',
		'HTTP_X_SUCURI_CLIENTIP'   => 'X-Sucuri-ClientIP',
		'HTTP_TRUE_CLIENT_IP'      => 'True-Client-IP',
		'HTTP_FASTLY_CLIENT_IP'    => 'Fastly-Client-IP',
		'HTTP_X_CLUSTER_CLIENT_IP' => 'X-Cluster-Client-IP',
		'HTTP_X_CLIENT_IP'         => 'X-Client-IP',
		'HTTP_CLIENT_IP'           => 'Client-IP',
		'HTTP_X_FORWARDED'         => 'X-Forwarded',
		'HTTP_INCAP_CLIENT_IP'     => 'Incap-Client-IP',
		'HTTP_FORWARDED'           => 'Forwarded',
		'HTTP_VIA'                 => 'Via',
	);

	private const METHODS = array( 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS' );

	/**
	 * `woocommerce_api_request`, priority 0: WooCommerce fires it right before the
	 * `woocommerce_api_{name}` action that KCO's callbacks listen on.
	 *
	 * @param mixed $api_request The wc-api name as WooCommerce dispatches it (lower case).
	 */
	public static function answer_wc_api( $api_request ): void {
		if ( ! is_string( $api_request ) ) {
			return;
		}
		$endpoint = Catalogue::endpoint_for_wc_api( $api_request );
		// The canary's name may stand for the home or the site URL's canary: the token says which.
		$candidates = null === $endpoint ? Canary::for_wc_api( $api_request ) : array( $endpoint );
		$probe_id   = null;
		foreach ( $candidates as $candidate ) {
			$probe_id = self::redeem( $candidate );
			if ( null !== $probe_id ) {
				$endpoint = $candidate;
				break;
			}
		}
		if ( null === $probe_id || null === $endpoint ) {
			return;
		}
		$name    = strtolower( $api_request );
		$hold_ms = self::hold_ms( $endpoint );
		// The name matched a catalogue entry, so it is one of our own fixed strings.
		self::send( self::arrival( $probe_id, $endpoint, 'wc-api/' . $name, false !== has_action( 'woocommerce_api_' . $name ), $hold_ms ), $hold_ms );
	}

	/**
	 * `rest_dispatch_request`: runs after WordPress matched the route and checked its permission,
	 * right before the route's callback (KCO's block validation) would run.
	 *
	 * @param mixed            $result  Null unless another filter answered already.
	 * @param \WP_REST_Request $request The request.
	 * @param string           $route   The matched route pattern.
	 * @param array            $handler The matched handler.
	 * @return mixed The unchanged $result when this is not our probe.
	 */
	public static function answer_rest( $result, $request, $route, $handler ) {
		if ( null !== $result || ! $request instanceof \WP_REST_Request || ! is_string( $route ) ) {
			return $result;
		}
		if ( 1 !== preg_match( Catalogue::BLOCK_VALIDATE_ROUTE, $request->get_route() ) ) {
			return $result;
		}
		$probe_id = self::redeem( 'block-validate' );
		if ( null === $probe_id ) {
			return $result;
		}
		$hold_ms = self::hold_ms( 'block-validate' );
		// The pattern comes from the route's registration, not from the request.
		self::send( self::arrival( $probe_id, 'block-validate', $route, is_array( $handler ) && is_callable( $handler['callback'] ?? null ), $hold_ms ), $hold_ms );
		return $result;
	}

	/**
	 * `rest_pre_dispatch`, priority 0: answers the REST canary (Canary::REST_ROUTE) before any
	 * route matching, so the canary needs no route of its own and nothing else answers it.
	 *
	 * @param mixed            $result  Null unless another filter answered already.
	 * @param mixed            $server  The REST server.
	 * @param \WP_REST_Request $request The request.
	 * @return mixed The unchanged $result when this is not our canary.
	 */
	public static function answer_rest_canary( $result, $server, $request ) {
		if ( null !== $result || ! $request instanceof \WP_REST_Request || untrailingslashit( $request->get_route() ) !== Canary::REST_ROUTE ) {
			return $result;
		}
		$probe_id = self::redeem( Canary::REST );
		if ( null === $probe_id ) {
			return $result;
		}
		// A canary is never held: it only proves that the header arrives.
		self::send( self::arrival( $probe_id, Canary::REST, Canary::REST_ROUTE, false, 0 ), 0 );
		return $result;
	}

	/**
	 * The probe id when the request carries a valid, unused token for this endpoint.
	 *
	 * @param string $endpoint Endpoint the request was routed to.
	 */
	private static function redeem( string $endpoint ): ?string {
		if ( ! isset( $_SERVER[ self::SERVER_KEY ] ) || ! is_string( $_SERVER[ self::SERVER_KEY ] ) ) {
			return null;
		}
		// The token is checked against a strict pattern and an HMAC; it is never echoed.
		$token = trim( wp_unslash( $_SERVER[ self::SERVER_KEY ] ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
		return Token::redeem( $token, $endpoint );
	}

	/**
	 * How long the redeemed token asks the answer to be held (DESIGN.md §3.13): the signed wait,
	 * never longer than Klarna waits for this endpoint, and none where Klarna sets no deadline.
	 *
	 * @param string $endpoint Endpoint the request was routed to.
	 */
	private static function hold_ms( string $endpoint ): int {
		$deadline = Catalogue::longest_deadline_ms( $endpoint );
		if ( null === $deadline || ! isset( $_SERVER[ self::SERVER_KEY ] ) || ! is_string( $_SERVER[ self::SERVER_KEY ] ) ) {
			return 0;
		}
		$token = trim( wp_unslash( $_SERVER[ self::SERVER_KEY ] ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- checked by its HMAC.
		return min( Token::hold_ms( $token ), $deadline );
	}

	/**
	 * What arrived (types.ts Echo): counts, hashes, classes and names, never raw values.
	 *
	 * @param string $probe_id           Probe id from the token.
	 * @param string $endpoint           Endpoint id.
	 * @param string $routed_as          Route as WordPress dispatched it.
	 * @param bool   $handler_registered Whether a KCO handler listens on it.
	 * @param int    $held_ms            How long the answer is held back.
	 * @return array<string, mixed>
	 */
	private static function arrival( string $probe_id, string $endpoint, string $routed_as, bool $handler_registered, int $held_ms ): array {
		$body   = (string) file_get_contents( 'php://input' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : '';
		$remote = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';

		return array(
			'protocol'           => 1,
			'probeId'            => $probe_id,
			'endpoint'           => $endpoint,
			'routedAs'           => $routed_as,
			'method'             => in_array( $method, self::METHODS, true ) ? $method : 'OTHER',
			'bodyBytes'          => strlen( $body ),
			'bodySha256'         => hash( 'sha256', $body ),
			'queryKeys'          => self::query_keys(),
			'handlerRegistered'  => $handler_registered,
			'clientAddressClass' => AddressClass::of( $remote ),
			'proxyHeaders'       => self::proxy_headers(),
			'heldMs'             => $held_ms,
		);
	}

	/**
	 * Names of the query parameters, only those that look like parameter names at all.
	 *
	 * @return string[]
	 */
	private static function query_keys(): array {
		$keys = array();
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only the names are read.
		foreach ( array_keys( $_GET ) as $key ) {
			if ( is_string( $key ) && 1 === preg_match( '/^[A-Za-z0-9_.-]{1,64}$/', $key ) ) {
				$keys[] = $key;
			}
			if ( count( $keys ) >= 20 ) {
				break;
			}
		}
		return $keys;
	}

	/**
	 * Names of the proxy headers that arrived.
	 *
	 * @return string[]
	 */
	private static function proxy_headers(): array {
		$names = array();
		foreach ( self::PROXY_HEADERS as $key => $name ) {
			if ( isset( $_SERVER[ $key ] ) ) {
				$names[] = $name;
			}
		}
		return $names;
	}

	/**
	 * Sends the signed echo and ends the request before any KCO handler can run.
	 *
	 * @param array<string, mixed> $echo    Echo.
	 * @param int                  $hold_ms Milliseconds to wait first.
	 */
	private static function send( array $echo, int $hold_ms ): void {
		$body = EchoSeal::seal( $echo );
		if ( $hold_ms > 0 ) {
			// Like a KCO handler that works this long: not a byte goes out before the whole
			// answer, so every read timeout on the way back (a proxy's, a CDN's) runs its course.
			usleep( $hold_ms * 1000 );
		}
		if ( ! headers_sent() ) {
			status_header( 200 );
			header( 'Content-Type: application/json; charset=UTF-8' );
			header( 'X-Robots-Tag: noindex, nofollow' );
			nocache_headers();
		}
		// WooCommerce wraps the wc-api dispatch in ob_start(); whatever another plugin printed
		// into that buffer before us is not part of the echo.
		if ( ob_get_level() > 0 ) {
			$status = ob_get_status();
			if ( isset( $status['flags'] ) && ( $status['flags'] & PHP_OUTPUT_HANDLER_CLEANABLE ) ) {
				ob_clean();
			}
		}
		echo $body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON built by wp_json_encode.
		exit;
	}
}
