<?php
/**
 * POST /external-probes.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\Probe\Canary;
use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\Probe\Probe;
use KcoCallbackDoctor\Probe\Token;

defined( 'ABSPATH' ) || exit;

/**
 * The external test (docs/probe-protocol.md §9): a loopback probe may bypass the CDN/WAF or be blocked where
 * Klarna is not, so the owner gets the endpoint's Klarna-shaped request as a ready curl command to
 * send from another network. It carries a signed, single-use token, so the responder answers it
 * and KCO never sees it. Nothing is stored when a token is minted: a token is self-contained
 * until the responder consumes it.
 *
 * The path from that other network is one no canary of a run has crossed (a CDN the loopback
 * bypassed, say), and where it strips the probe header the Klarna-shaped request would reach KCO
 * as a real callback. So the command sends the path's signed canary first and the Klarna-shaped
 * request only when the canary's echo came back (docs/probe-protocol.md §12).
 */
final class ExternalProbesController extends \WP_REST_Controller {

	/**
	 * Sets namespace and base.
	 */
	public function __construct() {
		$this->namespace = Routes::REST_NAMESPACE;
		$this->rest_base = 'external-probes';
	}

	/**
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => $this->get_endpoint_args_for_item_schema( \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * The arguments the route takes: only `endpoint`. The enum makes WordPress answer a missing
	 * or unknown id with a 400 that names the parameter and lists the valid ids.
	 *
	 * @param string $method HTTP method of the route.
	 * @return array<string, mixed>
	 */
	public function get_endpoint_args_for_item_schema( $method = \WP_REST_Server::CREATABLE ) {
		return array(
			'endpoint' => array(
				'description' => __( 'Endpoint the request is for.', 'kco-callback-doctor' ),
				'type'        => 'string',
				'enum'        => Catalogue::ids(),
				'required'    => true,
			),
		);
	}

	/**
	 * A signed token is a capability to reach the responder, so minting one needs the same
	 * rights as running the doctor.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function create_item_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * Mints the probe (types.ts ExternalProbe).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ) {
		try {
			return $this->mint( $request );
		} catch ( \Throwable $thrown ) {
			return InternalError::from( $thrown, 'POST /external-probes' );
		}
	}

	/**
	 * The probe, or the error to answer bad input with.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	private function mint( $request ) {
		$size = strlen( (string) $request->get_body() );
		if ( $size > RunsController::MAX_BODY_BYTES ) {
			return new \WP_Error(
				'kco_callback_doctor_body_too_large',
				/* translators: 1: bytes received, 2: bytes accepted. */
				sprintf( __( 'The request body has %1$d bytes; at most %2$d are accepted.', 'kco-callback-doctor' ), $size, RunsController::MAX_BODY_BYTES ),
				array( 'status' => 400 )
			);
		}
		$endpoint = (string) $request->get_param( 'endpoint' );

		// Minting is the one moment an owner who only ever tests from outside touches the
		// consumed-token rows, so tidy them here as a run does.
		Token::forget_expired();

		// The very request the Runner sends as its `klarna` variant, with a fresh order id.
		$probe  = Catalogue::klarna( $endpoint );
		$token  = Token::issue( $endpoint, self::ttl() );
		$canary = Canary::probes( array( $endpoint ) )[0];

		$headers = array( 'User-Agent' => $probe->user_agent );
		foreach ( $probe->headers as $name => $value ) {
			// An empty value means "no such header" (see command()), not a header to send.
			if ( '' !== $value ) {
				$headers[ $name ] = $value;
			}
		}
		$headers[ Token::HEADER ] = $token['token'];

		return rest_ensure_response(
			array(
				'endpoint'  => $endpoint,
				'url'       => $probe->url,
				'method'    => 'POST',
				'headers'   => (object) $headers,
				'body'      => $probe->body,
				'curl'      => self::command( $canary, $probe, $token['token'], self::ttl() ),
				'expiresAt' => gmdate( 'Y-m-d\TH:i:s\Z', $token['expires'] ),
			)
		);
	}

	/**
	 * The probe as one line for a POSIX shell, behind its path's canary:
	 * `{ CANARY | grep -F '"probeId":"ID"' >/dev/null || { printf … >&2; false; }; } && PROBE`.
	 * Only the responder can answer the canary with its own probe id (a block page that reflects
	 * the request shows the token, never that JSON pair), so without the echo nothing
	 * Klarna-shaped is sent and the owner reads why. grep reads the whole answer rather than
	 * stopping at the first match (`-q`), so curl is never cut off mid-write.
	 *
	 * @param Probe  $canary The canary of the endpoint's path.
	 * @param Probe  $probe  The Klarna-shaped probe.
	 * @param string $token  Signed token of the probe.
	 * @param int    $ttl    Seconds the canary's token stays valid, as the probe's.
	 */
	private static function command( Probe $canary, Probe $probe, string $token, int $ttl ): string {
		$canary_token = Token::issue( $canary->endpoint, $ttl );
		$stopped      = __( 'The test header X-KCO-Doctor-Probe did not reach WordPress (or this command was already used or has expired), so the Klarna-shaped request was not sent: sent without the header, it would reach Klarna Checkout as a real callback.', 'kco-callback-doctor' );
		return '{ ' . self::curl( $canary, $canary_token['token'], false )
			. ' | grep -F ' . self::shell_quote( '"probeId":"' . $canary_token['id'] . '"' ) . ' >/dev/null'
			. ' || { printf ' . self::shell_quote( '%s\n' ) . ' ' . self::shell_quote( $stopped ) . ' >&2; false; }; } && '
			. self::curl( $probe, $token, true );
	}

	/**
	 * One request as a curl command. Every argument is single-quoted, so nothing in the URL or
	 * the body is ever expanded by the shell.
	 *
	 * Beyond the probe's own headers the command undoes what the curl tool adds by itself and
	 * Klarna does not send, so the request matches the Runner's: an empty `Content-Type:` drops
	 * curl's form type from the bodiless push, and an empty `Expect:` stops curl from waiting
	 * for `100 Continue` before a larger body (Requests, which the Runner uses, does the same).
	 * `--data-raw` sends the body byte for byte (a here-document would add a newline, and
	 * `--data` would treat a leading `@` as a file name); an empty body still goes out as
	 * `Content-Length: 0`, as Klarna's push does. No cookie, no Referer: curl sends none unless told.
	 *
	 * @param Probe  $probe        The probe.
	 * @param string $token        Signed token.
	 * @param bool   $with_headers Whether curl prints the response headers too (`-i`).
	 */
	private static function curl( Probe $probe, string $token, bool $with_headers ): string {
		$parts = array( 'curl', '-sS' );
		if ( $with_headers ) {
			$parts[] = '-i';
		}
		array_push( $parts, '-X', 'POST', self::shell_quote( $probe->url ) );

		$headers = array( 'User-Agent' => $probe->user_agent ) + $probe->headers;
		if ( '' !== $probe->body ) {
			$headers['Expect'] = '';
		}
		$headers[ Token::HEADER ] = $token;
		foreach ( $headers as $name => $value ) {
			// curl reads `Name:` with nothing after the colon as "remove this header".
			$parts[] = '-H ' . self::shell_quote( '' === $value ? $name . ':' : $name . ': ' . $value );
		}

		$parts[] = '--data-raw ' . self::shell_quote( $probe->body );
		return implode( ' ', $parts );
	}

	/**
	 * One shell word: single quotes keep every character literal in POSIX shells; a single quote
	 * itself cannot appear inside them, so it closes the quotes, is escaped, and reopens them.
	 *
	 * @param string $text Any text.
	 */
	public static function shell_quote( string $text ): string {
		return "'" . str_replace( "'", "'\\''", $text ) . "'";
	}

	/**
	 * Seconds a minted token stays valid.
	 */
	private static function ttl(): int {
		/**
		 * Filters how long an external probe's command stays valid, in seconds. Token::issue()
		 * caps it at 15 minutes: the token travels through the clipboard and a terminal, so it
		 * must not outlive the owner's test session.
		 *
		 * @param int $seconds Default 900 (15 minutes).
		 */
		$seconds = (int) apply_filters( 'kco_callback_doctor_external_probe_ttl', Token::EXTERNAL_TTL );
		return max( 1, min( Token::EXTERNAL_TTL, $seconds ) );
	}

	/**
	 * Schema of the response (types.ts ExternalProbe).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'kco-callback-doctor-external-probe',
			'type'       => 'object',
			'properties' => array(
				'endpoint'  => array(
					'description' => __( 'Endpoint the request is for.', 'kco-callback-doctor' ),
					'type'        => 'string',
					'enum'        => Catalogue::ids(),
					'readonly'    => true,
				),
				'url'       => array(
					'description' => __( 'Absolute URL on the site, as Klarna calls it.', 'kco-callback-doctor' ),
					'type'        => 'string',
					'format'      => 'uri',
					'readonly'    => true,
				),
				'method'    => array(
					'description' => __( 'HTTP method.', 'kco-callback-doctor' ),
					'type'        => 'string',
					'enum'        => array( 'POST' ),
					'readonly'    => true,
				),
				'headers'   => array(
					'description'          => __( 'Headers to send, the signed probe token included.', 'kco-callback-doctor' ),
					'type'                 => 'object',
					'additionalProperties' => array( 'type' => 'string' ),
					'readonly'             => true,
				),
				'body'      => array(
					'description' => __( 'Body to send, byte for byte; empty for none.', 'kco-callback-doctor' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'curl'      => array(
					'description' => __( 'The request as a curl command for a POSIX shell, sent only after a signed canary proved that the probe header arrives.', 'kco-callback-doctor' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'expiresAt' => array(
					'description' => __( 'When the token stops being valid (it is also used up by its first request).', 'kco-callback-doctor' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
