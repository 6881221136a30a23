<?php
/**
 * Takes secrets out of a run before it is stored or shown.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

use KcoCallbackDoctor\Probe\Token;

defined( 'ABSPATH' ) || exit;

/**
 * A run keeps what the site answered, and an answer can carry secrets: session cookies a
 * security plugin or CDN set (Set-Cookie), and the probe's own token, which a block page, a
 * header or a redirect may reflect. Runs are kept for every shop manager to read and exported as
 * reports, so both are replaced before a run is stored and before one is returned. Cookie names
 * and attributes stay: they name the product that set them.
 */
final class Redaction {

	/**
	 * What stands in for a removed value.
	 */
	public const REDACTED = '[redacted]';

	/**
	 * Any probe token, of this version or the one before, wherever it appears in text.
	 */
	private const TOKEN = '/\b[12]\.[0-9a-f]{32}\.[a-z-]{1,32}\.[0-9]{10}\.[0-9a-f]{64}\b/';

	/**
	 * The run with cookie values and probe tokens replaced.
	 *
	 * @param array<string, mixed> $run Run (types.ts Run).
	 * @return array<string, mixed>
	 */
	public static function run( array $run ): array {
		foreach ( $run['observations'] ?? array() as $index => $observation ) {
			if ( ! is_array( $observation ) || ! isset( $observation['response']['headers'] ) ) {
				continue;
			}
			$headers = (array) $observation['response']['headers'];
			foreach ( $headers as $name => $value ) {
				$name = strtolower( (string) $name );
				if ( 'set-cookie' === $name ) {
					$headers[ $name ] = self::cookie_values( (string) $value );
				} elseif ( strtolower( Token::HEADER ) === $name ) {
					$headers[ $name ] = self::REDACTED;
				}
			}
			$run['observations'][ $index ]['response']['headers'] = (object) $headers;
		}
		return self::tokens( $run );
	}

	/**
	 * A Set-Cookie value (repeated headers joined with `, `) with each cookie's value replaced.
	 * A cookie starts the value or follows `, `; an `Expires` date's comma is followed by a day
	 * number and a space, never by `name=`, so it is left alone.
	 *
	 * @param string $set_cookie Header value.
	 */
	private static function cookie_values( string $set_cookie ): string {
		return (string) preg_replace( '/(^|,\s*)([^\s=;,]+)=[^;,]*/', '$1$2=' . self::REDACTED, $set_cookie );
	}

	/**
	 * Every string in a value with probe tokens replaced.
	 *
	 * @param mixed $value Any part of a run.
	 * @return mixed
	 */
	private static function tokens( $value ) {
		if ( is_string( $value ) ) {
			return (string) preg_replace( self::TOKEN, self::REDACTED, $value );
		}
		if ( is_array( $value ) ) {
			return array_map( array( self::class, 'tokens' ), $value );
		}
		if ( $value instanceof \stdClass ) {
			return (object) array_map( array( self::class, 'tokens' ), (array) $value );
		}
		return $value;
	}
}
