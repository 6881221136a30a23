<?php
/**
 * Reads the certificate the home host presents.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * Fetches the certificate without verifying it, so an expired or self-signed one can still be
 * described; whether it verifies is what the probes themselves show (they verify, like Klarna).
 */
final class TlsCertificate {

	private const TIMEOUT_SECONDS = 3;

	/**
	 * Reads the certificate; returns `certificate` (types.ts Certificate) or `error` (text).
	 *
	 * @param string $host Home host.
	 * @param int    $port TLS port.
	 * @return array{certificate: array<string, mixed>|null, error: string|null}
	 */
	public static function read( string $host, int $port ): array {
		if ( ! function_exists( 'openssl_x509_parse' ) || ! function_exists( 'stream_socket_client' ) ) {
			return self::failure( __( 'PHP has no OpenSSL extension, so the certificate could not be read.', 'kco-callback-doctor' ) );
		}
		$context = stream_context_create(
			array(
				'ssl' => array(
					'capture_peer_cert' => true,
					'verify_peer'       => false,
					'verify_peer_name'  => false,
					'allow_self_signed' => true,
					'peer_name'         => $host,
					'SNI_enabled'       => true,
				),
			)
		);
		$error_number = 0;
		$error_text   = '';
		$target       = 'ssl://' . ( false !== strpos( $host, ':' ) ? '[' . $host . ']' : $host ) . ':' . $port;
		// Warnings would land in the debug log for every run against a host without TLS; the
		// error text is reported instead.
		// phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		$stream = @stream_socket_client( $target, $error_number, $error_text, self::TIMEOUT_SECONDS, STREAM_CLIENT_CONNECT, $context );
		if ( false === $stream ) {
			$last = error_get_last();
			$text = '' !== $error_text ? $error_text : ( $last['message'] ?? '' );
			return self::failure( '' !== $text ? $text : __( 'The TLS connection to the home host failed.', 'kco-callback-doctor' ) );
		}
		$params = stream_context_get_params( $stream );
		fclose( $stream ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fclose
		$peer = $params['options']['ssl']['peer_certificate'] ?? null;
		if ( null === $peer ) {
			return self::failure( __( 'The server sent no certificate.', 'kco-callback-doctor' ) );
		}
		$parsed = openssl_x509_parse( $peer );
		if ( false === $parsed ) {
			return self::failure( __( 'The certificate could not be parsed.', 'kco-callback-doctor' ) );
		}
		return array(
			'certificate' => array(
				'subject'     => self::name_line( $parsed['subject'] ?? array() ),
				'issuer'      => self::name_line( $parsed['issuer'] ?? array() ),
				'validFrom'   => gmdate( 'Y-m-d\TH:i:s\Z', (int) ( $parsed['validFrom_time_t'] ?? 0 ) ),
				'validTo'     => gmdate( 'Y-m-d\TH:i:s\Z', (int) ( $parsed['validTo_time_t'] ?? 0 ) ),
				'selfSigned'  => self::is_self_signed( $peer, $parsed ),
				'hostMatches' => self::names_host( $parsed, $host ),
			),
			'error'       => null,
		);
	}

	/**
	 * Result for a certificate that could not be read.
	 *
	 * @param string $message Why.
	 */
	private static function failure( string $message ): array {
		return array(
			'certificate' => null,
			'error'       => $message,
		);
	}

	/**
	 * A distinguished name as one line, e.g. `CN=shop.example, O=Example AB`.
	 *
	 * @param array<string, string|string[]> $name Parsed name.
	 */
	private static function name_line( array $name ): string {
		$parts = array();
		foreach ( $name as $key => $value ) {
			foreach ( (array) $value as $single ) {
				$parts[] = $key . '=' . $single;
			}
		}
		return implode( ', ', $parts );
	}

	/**
	 * A self-signed certificate verifies with its own public key.
	 *
	 * @param mixed $peer   OpenSSL certificate.
	 * @param array $parsed Parsed certificate.
	 */
	private static function is_self_signed( $peer, array $parsed ): bool {
		if ( function_exists( 'openssl_x509_verify' ) ) {
			$key = openssl_pkey_get_public( $peer );
			if ( false !== $key ) {
				return 1 === openssl_x509_verify( $peer, $key );
			}
		}
		return ( $parsed['subject'] ?? null ) === ( $parsed['issuer'] ?? null );
	}

	/**
	 * Whether the certificate names the host, in subjectAltName (or CN when there is none).
	 *
	 * @param array  $parsed Parsed certificate.
	 * @param string $host   Home host.
	 */
	private static function names_host( array $parsed, string $host ): bool {
		$host  = strtolower( $host );
		$names = array();
		$alt   = $parsed['extensions']['subjectAltName'] ?? '';
		foreach ( explode( ',', $alt ) as $entry ) {
			$entry = trim( $entry );
			if ( 0 === stripos( $entry, 'DNS:' ) ) {
				$names[] = strtolower( substr( $entry, 4 ) );
			} elseif ( 0 === stripos( $entry, 'IP Address:' ) ) {
				$names[] = strtolower( trim( substr( $entry, 11 ) ) );
			}
		}
		if ( empty( $names ) && isset( $parsed['subject']['CN'] ) ) {
			$names = array_map( 'strtolower', (array) $parsed['subject']['CN'] );
		}
		foreach ( $names as $name ) {
			if ( $name === $host ) {
				return true;
			}
			// A wildcard covers exactly one label: *.example.com names shop.example.com only.
			if ( 0 === strpos( $name, '*.' ) ) {
				$dot = strpos( $host, '.' );
				if ( false !== $dot && substr( $host, $dot ) === substr( $name, 1 ) ) {
					return true;
				}
			}
		}
		return false;
	}
}
