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
	 * Query parameter names that end in `session_id`: what ModSecurity's session-fixation rules
	 * key on (DESIGN.md §1).
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
