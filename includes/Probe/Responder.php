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
	 * their names are reported.
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
		if ( null === $endpoint ) {
			return;
		}
		$probe_id = self::redeem( $endpoint );
		if ( null === $probe_id ) {
			return;
		}
		$name = strtolower( $api_request );
		// The name matched a catalogue entry, so it is one of our own fixed strings.
		self::send( self::arrival( $probe_id, $endpoint, 'wc-api/' . $name, false !== has_action( 'woocommerce_api_' . $name ) ) );
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
		// The pattern comes from the route's registration, not from the request.
		self::send( self::arrival( $probe_id, 'block-validate', $route, is_array( $handler ) && is_callable( $handler['callback'] ?? null ) ) );
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
	 * What arrived (types.ts Echo): counts, hashes, classes and names, never raw values.
	 *
	 * @param string $probe_id           Probe id from the token.
	 * @param string $endpoint           Endpoint id.
	 * @param string $routed_as          Route as WordPress dispatched it.
	 * @param bool   $handler_registered Whether a KCO handler listens on it.
	 * @return array<string, mixed>
	 */
	private static function arrival( string $probe_id, string $endpoint, string $routed_as, bool $handler_registered ): array {
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
	 * @param array<string, mixed> $echo Echo.
	 */
	private static function send( array $echo ): void {
		$body = EchoSeal::seal( $echo );
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
