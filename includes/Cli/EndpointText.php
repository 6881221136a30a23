<?php
/**
 * One endpoint's verdict in words, for the command line.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Cli;

use KcoCallbackDoctor\Verdict\EndpointState;

defined( 'ABSPATH' ) || exit;

/**
 * `Push blocked (403): Cloudflare`: the callback, its state, the final HTTP status and, when the
 * page has diagnosed it, what blocked it. Everything here is printed as plain text.
 */
final class EndpointText {

	/**
	 * The state in words.
	 *
	 * @param string $state An EndpointState.
	 */
	public static function state( string $state ): string {
		switch ( $state ) {
			case EndpointState::PASSED:
				return __( 'passes', 'kco-callback-doctor' );
			case EndpointState::BLOCKED:
				return __( 'blocked', 'kco-callback-doctor' );
			case EndpointState::REDIRECTED:
				return __( 'redirected', 'kco-callback-doctor' );
			case EndpointState::UNREACHABLE:
				return __( 'unreachable', 'kco-callback-doctor' );
			case EndpointState::SLOW:
				return __( 'slower than Klarna waits', 'kco-callback-doctor' );
			default:
				return __( 'inconclusive', 'kco-callback-doctor' );
		}
	}

	/**
	 * What blocked it, as the page named it: the product, else the cause id; '' when unknown.
	 *
	 * @param array<string, mixed> $endpoint An endpoint of a verdict.
	 */
	public static function blocker( array $endpoint ): string {
		$blocker = $endpoint['blocker'] ?? null;
		if ( ! is_array( $blocker ) ) {
			return '';
		}
		return (string) ( $blocker['productName'] ?? $blocker['productId'] ?? $blocker['causeId'] ?? '' );
	}

	/**
	 * `Push blocked (403): Cloudflare`.
	 *
	 * @param array<string, mixed> $endpoint An endpoint of a verdict.
	 */
	public static function describe( array $endpoint ): string {
		$text = $endpoint['label'] . ' ' . self::state( $endpoint['state'] );
		if ( null !== $endpoint['httpStatus'] && EndpointState::PASSED !== $endpoint['state'] ) {
			$text .= ' (' . $endpoint['httpStatus'] . ')';
		}
		$blocker = self::blocker( $endpoint );
		return '' === $blocker ? $text : $text . ': ' . $blocker;
	}
}
