<?php
/**
 * The shape of a run's digest (types.ts DigestEntry).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * Ids only, no text, with one exception: `productName`. Product names are proper nouns, never
 * translated, and the page knows them from its blocker fingerprints (src/diagnosis/
 * fingerprints.ts) and from the plugins' own headers. A PHP copy of those names would have to
 * follow every fingerprint added to the TypeScript and would still not know a plugin's header,
 * so the page sends the name it showed; PHP accepts it only as a short line of plain text and
 * escapes it wherever it prints it.
 */
final class DigestSchema {

	public const MAX_NAME_LENGTH = 100;

	/**
	 * JSON Schema of a digest.
	 *
	 * @param int $max_entries Most entries accepted.
	 * @return array<string, mixed>
	 */
	public static function digest( int $max_entries ): array {
		return array(
			'type'     => 'array',
			'maxItems' => $max_entries,
			'items'    => array(
				'type'                 => 'object',
				'additionalProperties' => false,
				'properties'           => array(
					'findingId'   => array(
						'type'     => 'string',
						'pattern'  => '^(?:endpoint|requirement):[a-z0-9-]{1,40}$',
						'required' => true,
					),
					'status'      => array(
						'type'     => 'string',
						'enum'     => array( 'pass', 'warn', 'fail', 'info' ),
						'required' => true,
					),
					'causeId'     => array(
						'type'     => array( 'string', 'null' ),
						'pattern'  => '^[a-z0-9-]{1,40}$',
						'required' => true,
					),
					'productId'   => array(
						'type'     => array( 'string', 'null' ),
						'pattern'  => '^[a-z0-9._-]{1,80}$',
						'required' => true,
					),
					'productName' => array(
						'type'      => array( 'string', 'null' ),
						'maxLength' => self::MAX_NAME_LENGTH,
					),
				),
			),
		);
	}

	/**
	 * Schema checks, then what a schema cannot say: each finding once, names as plain text.
	 *
	 * @param mixed            $value   Value sent.
	 * @param \WP_REST_Request $request Request.
	 * @param string           $param   Parameter name.
	 * @return true|\WP_Error
	 */
	public static function validate( $value, $request, $param ) {
		if ( ! is_array( $value ) || ( ! empty( $value ) && ! wp_is_numeric_array( $value ) ) ) {
			return new \WP_Error(
				'rest_invalid_type',
				/* translators: %s: parameter name. */
				sprintf( __( '%s must be an array of findings.', 'kco-callback-doctor' ), $param ),
				array( 'status' => 400 )
			);
		}
		$valid = rest_validate_request_arg( $value, $request, $param );
		if ( true !== $valid ) {
			return $valid;
		}
		$seen = array();
		foreach ( $value as $index => $entry ) {
			if ( isset( $seen[ $entry['findingId'] ] ) ) {
				return self::invalid(
					/* translators: 1: parameter name and index, e.g. digest[3]; 2: finding id. */
					sprintf( __( '%1$s repeats the finding %2$s.', 'kco-callback-doctor' ), $param . '[' . $index . ']', $entry['findingId'] )
				);
			}
			$seen[ $entry['findingId'] ] = true;
			$name                        = $entry['productName'] ?? null;
			if ( null !== $name && ! self::is_plain_name( $name ) ) {
				return self::invalid(
					/* translators: %s: parameter name and index, e.g. digest[3]. */
					sprintf( __( '%s.productName must be a product name in plain text: one line, no markup.', 'kco-callback-doctor' ), $param . '[' . $index . ']' )
				);
			}
		}
		return true;
	}

	/**
	 * The digest as stored: every key present, in one order.
	 *
	 * @param array<int, array<string, mixed>> $digest A validated digest.
	 * @return array<int, array<string, mixed>>
	 */
	public static function normalise( array $digest ): array {
		$stored = array();
		foreach ( $digest as $entry ) {
			$stored[] = array(
				'findingId'   => (string) $entry['findingId'],
				'status'      => (string) $entry['status'],
				'causeId'     => $entry['causeId'] ?? null,
				'productId'   => $entry['productId'] ?? null,
				'productName' => isset( $entry['productName'] ) ? trim( (string) $entry['productName'] ) : null,
			);
		}
		return $stored;
	}

	/**
	 * A non-empty line with no control characters and nothing that could be markup.
	 *
	 * @param string $name Product name.
	 */
	private static function is_plain_name( string $name ): bool {
		return '' !== trim( $name ) && '' !== wp_check_invalid_utf8( $name ) && 1 !== preg_match( '/[\x00-\x1F\x7F<>]/u', $name );
	}

	/**
	 * A 400 with the given message.
	 *
	 * @param string $message Message.
	 */
	private static function invalid( string $message ): \WP_Error {
		return new \WP_Error( 'rest_invalid_param', $message, array( 'status' => 400 ) );
	}
}
