<?php
/**
 * Sends one wave of signed probes at once and reports each single HTTP exchange.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

use WpOrg\Requests\Exception as RequestsException;
use WpOrg\Requests\Hooks;
use WpOrg\Requests\Requests;
use WpOrg\Requests\Response;

defined( 'ABSPATH' ) || exit;

/**
 * One exchange per probe: no redirects followed here (the Runner follows them hop by hop), TLS
 * verified like Klarna does, no cookies, no credentials of the admin's session, bodies capped.
 */
final class Sender {

	/**
	 * Bytes of a response body that are kept; the rest is read and dropped.
	 */
	public const BODY_CAP = 8192;

	/**
	 * Seconds a single exchange may take.
	 *
	 * @var float
	 */
	private $timeout;

	/**
	 * Builds a sender.
	 *
	 * @param float $timeout Per-exchange timeout in seconds.
	 */
	public function __construct( float $timeout ) {
		$this->timeout = $timeout;
	}

	/**
	 * Sends every probe at once, each with a fresh token, and waits for all of them.
	 *
	 * @param Probe[] $probes      Probes by key.
	 * @param float   $deadline_at Microtime by which everything must be over.
	 * @return array<string|int, array<string, mixed>> Exchanges by key: probeId, status, reason,
	 *         headers, body, truncated, location, error, totalMs, connectMs, tlsMs.
	 */
	public function send( array $probes, float $deadline_at ): array {
		$exchanges = array();
		$requests  = array();
		$states    = array();
		foreach ( $probes as $key => $probe ) {
			$remaining = $deadline_at - microtime( true );
			if ( $remaining < 0.25 ) {
				$exchanges[ $key ] = self::unsent( __( 'The run reached its time limit before this probe could be sent.', 'kco-callback-doctor' ) );
				continue;
			}
			$token = Token::issue( $probe->endpoint, Token::PROBE_TTL, $probe->hold_ms );
			// A held answer comes that much later by design: the wait is not the site's slowness.
			$timeout        = ( $probe->timeout_s > 0 ? $probe->timeout_s : $this->timeout ) + $probe->hold_ms / 1000;
			$states[ $key ] = (object) array(
				'probe_id'  => $token['id'],
				'capped'    => $remaining < $timeout,
				'info'      => array(),
				'truncated' => false,
			);
			$requests[ $key ] = $this->prepare( $probe, $token['token'], min( $timeout, $remaining ), $states[ $key ] );
		}
		if ( empty( $requests ) ) {
			return $exchanges;
		}

		$options = array();
		if ( CurlMultiTransport::test() ) {
			$options['transport'] = CurlMultiTransport::class;
		}
		try {
			$responses = Requests::request_multiple( $requests, $options );
		} catch ( \Throwable $thrown ) {
			$responses = array_fill_keys( array_keys( $requests ), $thrown );
		}

		foreach ( $requests as $key => $request ) {
			$response          = $responses[ $key ] ?? null;
			$exchanges[ $key ] = $response instanceof Response
				? self::answered( $response, $states[ $key ] )
				: self::failed( $response, $states[ $key ] );
		}
		return $exchanges;
	}

	/**
	 * One request for Requests::request_multiple().
	 *
	 * @param Probe  $probe   Probe.
	 * @param string $token   Signed token.
	 * @param float  $timeout Seconds for this exchange.
	 * @param object $state   Collects cURL's timings and whether the body was cut.
	 * @return array<string, mixed>
	 */
	private function prepare( Probe $probe, string $token, float $timeout, $state ): array {
		$hooks = new Hooks();
		$hooks->register(
			'curl.after_request',
			static function ( &$headers, &$info = null ) use ( $state ) {
				if ( is_array( $info ) ) {
					$state->info = $info;
				}
			}
		);
		$hooks->register(
			'transport.internal.parse_error',
			static function ( &$exception ) use ( $state ) {
				// cURL still holds the timings of a failed exchange; read them before the handle goes.
				$handle = $exception instanceof RequestsException ? $exception->getData() : null;
				if ( is_resource( $handle ) || $handle instanceof \CurlHandle ) {
					$state->info = curl_getinfo( $handle );
				}
			}
		);
		$hooks->register(
			'request.progress',
			static function ( $data, $received, $limit ) use ( $state ) {
				if ( $limit && $received + strlen( $data ) > $limit ) {
					$state->truncated = true;
				}
			}
		);

		$headers                  = $probe->headers;
		$headers[ Token::HEADER ] = $token;
		$is_get                   = 'GET' === $probe->method;
		$ca_bundle                = Requests::get_certificate_path();

		return array(
			'url'     => $probe->url,
			'headers' => $headers,
			'data'    => $is_get ? array() : $probe->body,
			'type'    => $is_get ? Requests::GET : Requests::POST,
			'options' => array(
				'hooks'            => $hooks,
				'timeout'          => $timeout,
				'connect_timeout'  => $timeout,
				'useragent'        => $probe->user_agent,
				'follow_redirects' => false,
				'redirects'        => 0,
				'max_bytes'        => self::BODY_CAP,
				// Klarna verifies certificates: so do we, with the CA bundle WordPress uses.
				'verify'           => is_string( $ca_bundle ) && is_readable( $ca_bundle ) ? $ca_bundle : true,
				'verifyname'       => true,
				// Nothing of the admin's request travels with a probe: no cookies, no Basic auth
				// (Klarna cannot know a staging password), no proxy.
				'cookies'          => false,
				'auth'             => false,
				'proxy'            => false,
				'protocol_version' => 1.1,
			),
		);
	}

	/**
	 * An exchange that got an HTTP response.
	 *
	 * @param Response $response Response.
	 * @param object   $state    Collected timings.
	 * @return array<string, mixed>
	 */
	private static function answered( Response $response, $state ): array {
		$status  = (int) $response->status_code;
		$headers = ResponseHeaders::kept( $response->headers->getAll() );
		return array_merge(
			self::timing( $state->info ),
			array(
				'probeId'   => $state->probe_id,
				'status'    => $status,
				'reason'    => self::reason( $response, $status ),
				'headers'   => $headers,
				'body'      => Utf8Text::of( (string) $response->body ),
				'rawBody'   => (string) $response->body,
				'truncated' => $state->truncated,
				'location'  => $headers['location'] ?? null,
				'error'     => null,
			)
		);
	}

	/**
	 * An exchange that ended without an HTTP response.
	 *
	 * @param mixed  $failure Exception or whatever came back instead of a response.
	 * @param object $state   Collected timings.
	 * @return array<string, mixed>
	 */
	private static function failed( $failure, $state ): array {
		$code    = 'other';
		$message = __( 'No response came back.', 'kco-callback-doctor' );
		if ( $failure instanceof \WpOrg\Requests\Exception\Transport\Curl ) {
			$code    = TransportError::code( (int) $failure->getCode(), $state->capped );
			$message = $failure->getReason();
		} elseif ( $failure instanceof \Throwable ) {
			$message = $failure->getMessage();
		}
		return array_merge(
			self::timing( $state->info ),
			array(
				'probeId'   => $state->probe_id,
				'status'    => null,
				'reason'    => '',
				'headers'   => array(),
				'body'      => '',
				'rawBody'   => '',
				'truncated' => false,
				'location'  => null,
				'error'     => array(
					'code'    => $code,
					'message' => Utf8Text::of( (string) $message ),
				),
			)
		);
	}

	/**
	 * A probe that was never sent because the run's time was up.
	 *
	 * @param string $message Why.
	 * @return array<string, mixed>
	 */
	private static function unsent( string $message ): array {
		return array(
			'probeId'   => null,
			'status'    => null,
			'reason'    => '',
			'headers'   => array(),
			'body'      => '',
			'rawBody'   => '',
			'truncated' => false,
			'location'  => null,
			'error'     => array(
				'code'    => 'deadline',
				'message' => $message,
			),
			'totalMs'   => 0,
			'connectMs' => null,
			'tlsMs'     => null,
		);
	}

	/**
	 * Timings from curl_getinfo(), in ms.
	 *
	 * @param array<string, mixed> $info cURL info, empty when none was reported.
	 * @return array{totalMs: int, connectMs: int|null, tlsMs: int|null}
	 */
	private static function timing( array $info ): array {
		$ms = static function ( $seconds ): ?int {
			return is_numeric( $seconds ) && $seconds > 0 ? (int) round( $seconds * 1000 ) : null;
		};
		return array(
			'totalMs'   => (int) $ms( $info['total_time'] ?? 0 ),
			'connectMs' => $ms( $info['connect_time'] ?? 0 ),
			'tlsMs'     => $ms( $info['appconnect_time'] ?? 0 ),
		);
	}

	/**
	 * The reason phrase from the status line; HTTP/2 has none, so the standard one stands in.
	 *
	 * @param Response $response Response.
	 * @param int      $status   Status code.
	 */
	private static function reason( Response $response, int $status ): string {
		$status_line = strtok( (string) $response->raw, "\r\n" );
		if ( false !== $status_line && 1 === preg_match( '#^HTTP/[0-9.]+\s+\d{3}\s+(.+)$#', $status_line, $match ) ) {
			return Utf8Text::of( trim( $match[1] ) );
		}
		return get_status_header_desc( $status );
	}
}
