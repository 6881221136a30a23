<?php
/**
 * One request the Runner sends, before it is signed.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * What to send and what it is evidence for. Immutable: variants are made with the with_*()
 * copies, so the Klarna-shaped original stays as it was sent.
 */
final class Probe {

	/**
	 * Endpoint id (types.ts EndpointId).
	 *
	 * @var string
	 */
	public $endpoint;

	/**
	 * Variant id (types.ts VariantId).
	 *
	 * @var string
	 */
	public $variant;

	/**
	 * For trigger-isolation variants: the variant this one copies.
	 *
	 * @var string|null
	 */
	public $based_on;

	/**
	 * GET or POST.
	 *
	 * @var string
	 */
	public $method;

	/**
	 * Absolute URL on the home host.
	 *
	 * @var string
	 */
	public $url;

	/**
	 * Request headers besides User-Agent (which is kept apart), name => value.
	 *
	 * @var array<string, string>
	 */
	public $headers;

	/**
	 * User-Agent to send.
	 *
	 * @var string
	 */
	public $user_agent;

	/**
	 * Body; '' for none.
	 *
	 * @var string
	 */
	public $body;

	/**
	 * Klarna's order id wherever the request carries it (query, REST path, body); null for a
	 * request that carries none.
	 *
	 * @var string|null
	 */
	public $order_id = null;

	/**
	 * Milliseconds the responder waits before it answers; 0 answers at once. Signed into the
	 * probe's token (Token::issue()), so only the site itself can ask for a wait.
	 *
	 * @var int
	 */
	public $hold_ms = 0;

	/**
	 * Seconds this exchange may take; 0 for the run's per-probe timeout.
	 *
	 * @var float
	 */
	public $timeout_s = 0.0;

	/**
	 * Builds a probe.
	 *
	 * @param string                $endpoint   Endpoint id.
	 * @param string                $variant    Variant id.
	 * @param string                $method     GET or POST.
	 * @param string                $url        Absolute URL.
	 * @param array<string, string> $headers    Headers besides User-Agent.
	 * @param string                $body       Body.
	 * @param string                $user_agent User-Agent.
	 * @param string|null           $based_on   Variant copied, for isolation variants.
	 */
	public function __construct( string $endpoint, string $variant, string $method, string $url, array $headers, string $body, string $user_agent, ?string $based_on = null ) {
		$this->endpoint   = $endpoint;
		$this->variant    = $variant;
		$this->method     = $method;
		$this->url        = $url;
		$this->headers    = $headers;
		$this->body       = $body;
		$this->user_agent = $user_agent;
		$this->based_on   = $based_on;
	}

	/**
	 * A variant of this probe: same request, new variant id, derived from this one.
	 *
	 * @param string $variant Variant id.
	 */
	public function derive( string $variant ): self {
		$copy           = clone $this;
		$copy->variant  = $variant;
		$copy->based_on = $this->variant;
		return $copy;
	}

	/**
	 * A copy with one header set (or removed, with null).
	 *
	 * @param string      $name  Header name.
	 * @param string|null $value Value, or null to remove.
	 */
	public function with_header( string $name, ?string $value ): self {
		$copy = clone $this;
		foreach ( array_keys( $copy->headers ) as $existing ) {
			if ( 0 === strcasecmp( $existing, $name ) ) {
				unset( $copy->headers[ $existing ] );
			}
		}
		if ( null !== $value ) {
			$copy->headers[ $name ] = $value;
		}
		return $copy;
	}

	/**
	 * A copy with another User-Agent.
	 *
	 * @param string $user_agent User-Agent.
	 */
	public function with_user_agent( string $user_agent ): self {
		$copy             = clone $this;
		$copy->user_agent = $user_agent;
		return $copy;
	}

	/**
	 * A copy whose answer the responder holds back for the given time.
	 *
	 * @param int $hold_ms Milliseconds.
	 */
	public function with_hold( int $hold_ms ): self {
		$copy          = clone $this;
		$copy->hold_ms = max( 0, $hold_ms );
		return $copy;
	}

	/**
	 * A copy with its own timeout instead of the run's per-probe one.
	 *
	 * @param float $seconds Seconds.
	 */
	public function with_timeout( float $seconds ): self {
		$copy            = clone $this;
		$copy->timeout_s = max( 0.0, $seconds );
		return $copy;
	}

	/**
	 * A copy sent as a GET: no body and no body headers, like a client that follows a 303.
	 */
	public function as_get(): self {
		$copy         = $this->with_header( 'Content-Type', null );
		$copy->method = 'GET';
		$copy->body   = '';
		return $copy;
	}

	/**
	 * A copy of this probe sent to another URL (a followed redirect).
	 *
	 * @param string $url Absolute URL.
	 */
	public function at( string $url ): self {
		$copy      = clone $this;
		$copy->url = $url;
		return $copy;
	}

	/**
	 * A copy with Klarna's order id replaced wherever it appears (query, REST path, body).
	 *
	 * @param string $order_id The new order id.
	 */
	public function with_order_id( string $order_id ): self {
		$copy = clone $this;
		if ( null !== $this->order_id && '' !== $this->order_id ) {
			$copy->url  = str_replace( $this->order_id, $order_id, $this->url );
			$copy->body = str_replace( $this->order_id, $order_id, $this->body );
		}
		$copy->order_id = $order_id;
		return $copy;
	}

	/**
	 * Query parameters that route the request rather than carry Klarna's content: under plain
	 * permalinks `wc-api` names the WooCommerce handler and `rest_route` the REST route. Changing
	 * them would send the variant nowhere (a 404 that reads as "still blocked").
	 */
	private const ROUTING_PARAMETERS = array( 'wc-api', 'rest_route' );

	/**
	 * A copy whose query values hold only letters and digits (names unchanged): what content
	 * rules that count special characters find nothing in. Routing parameters stay as they are.
	 */
	public function with_plain_query(): self {
		$copy  = clone $this;
		$query = (string) wp_parse_url( $this->url, PHP_URL_QUERY );
		if ( '' === $query ) {
			return $copy;
		}
		$pairs = array();
		foreach ( explode( '&', $query ) as $pair ) {
			$parts = explode( '=', $pair, 2 );
			if ( in_array( urldecode( $parts[0] ), self::ROUTING_PARAMETERS, true ) ) {
				$pairs[] = $pair;
				continue;
			}
			$value   = preg_replace( '/[^A-Za-z0-9]/', '', urldecode( $parts[1] ?? '' ) );
			$pairs[] = $parts[0] . '=' . ( '' === $value ? 'x' : $value );
		}
		$copy->url = substr( $this->url, 0, (int) strpos( $this->url, '?' ) ) . '?' . implode( '&', $pairs );
		return $copy;
	}

	/**
	 * A copy with another body (and the Content-Type it needs; '' for none).
	 *
	 * @param string $body         Body, '' for none.
	 * @param string $content_type Content-Type, '' to send none.
	 */
	public function with_body( string $body, string $content_type ): self {
		$copy       = $this->with_header( 'Content-Type', $content_type );
		$copy->body = $body;
		return $copy;
	}

	/**
	 * Whether this probe sends the same request as another (method, URL, headers, body).
	 *
	 * @param Probe $other Another probe.
	 */
	public function sends_same_as( Probe $other ): bool {
		return $this->method === $other->method && $this->url === $other->url && $this->body === $other->body
			&& $this->user_agent === $other->user_agent && $this->headers == $other->headers; // phpcs:ignore Universal.Operators.StrictComparisons -- header order does not matter.
	}

	/**
	 * Query parameter names that end in `session_id`: what ModSecurity's session-fixation rules
	 * key on (docs/probe-protocol.md §1).
	 *
	 * @return string[]
	 */
	public function session_parameters(): array {
		$query = (string) wp_parse_url( $this->url, PHP_URL_QUERY );
		$names = array();
		foreach ( explode( '&', $query ) as $pair ) {
			$name = urldecode( (string) strtok( $pair, '=' ) );
			if ( '' !== $name && 'session_id' === substr( strtolower( $name ), -10 ) ) {
				$names[] = $name;
			}
		}
		return $names;
	}

	/**
	 * A copy without the given query parameters.
	 *
	 * @param string[] $names Parameter names.
	 */
	public function without_parameters( array $names ): self {
		$copy      = clone $this;
		$copy->url = remove_query_arg( $names, $this->url );
		return $copy;
	}
}
