<?php
/**
 * The words Site Health, its Info tab and WooCommerce's status report use for a callback's state.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Report;

defined( 'ABSPATH' ) || exit;

/**
 * One wording for each state of RunVerdict, so the three server-side surfaces never describe the
 * same run in different words.
 */
final class StateText {

	/**
	 * A short name for a state, for tables.
	 *
	 * @param string $state RunVerdict endpoint state.
	 */
	public static function name( string $state ): string {
		switch ( $state ) {
			case 'passed':
				return __( 'Gets through', 'kco-callback-doctor' );
			case 'blocked':
				return __( 'Blocked', 'kco-callback-doctor' );
			case 'redirected':
				return __( 'Redirected', 'kco-callback-doctor' );
			case 'unreachable':
				return __( 'Unreachable', 'kco-callback-doctor' );
			case 'slow':
				return __( 'Too slow', 'kco-callback-doctor' );
			case 'inconclusive':
				return __( 'Could not be judged', 'kco-callback-doctor' );
			default:
				return __( 'Unknown', 'kco-callback-doctor' );
		}
	}

	/**
	 * What happened to the test request, in a sentence a store owner can act on.
	 *
	 * @param string   $state       RunVerdict endpoint state.
	 * @param int|null $http_status The decisive probe's final HTTP status.
	 */
	public static function sentence( string $state, ?int $http_status ): string {
		switch ( $state ) {
			case 'passed':
				return __( 'The test request shaped like Klarna\'s got through to your shop.', 'kco-callback-doctor' );
			case 'blocked':
				if ( null === $http_status ) {
					return __( 'Something in front of your shop refused the test request before it reached WooCommerce.', 'kco-callback-doctor' );
				}
				/* translators: %d: HTTP status code, e.g. 403. */
				return sprintf( __( 'Something in front of your shop refused the test request: it answered with HTTP status %d instead of letting it through.', 'kco-callback-doctor' ), $http_status );
			case 'redirected':
				if ( null === $http_status ) {
					return __( 'The test request was redirected. A redirect turns Klarna\'s POST into a GET and drops its content, so the callback never arrives.', 'kco-callback-doctor' );
				}
				/* translators: %d: HTTP status code of the redirect, e.g. 301. */
				return sprintf( __( 'The test request was redirected (HTTP status %d). A redirect turns Klarna\'s POST into a GET and drops its content, so the callback never arrives.', 'kco-callback-doctor' ), $http_status );
			case 'unreachable':
				return __( 'The test request could not reach your shop at all: the address did not resolve, nothing answered, or the HTTPS certificate was refused.', 'kco-callback-doctor' );
			case 'slow':
				return __( 'Your shop answered, but more slowly than Klarna waits for an answer.', 'kco-callback-doctor' );
			case 'inconclusive':
				return __( 'The test could not decide: your shop did not answer in time, possibly because the server had no free worker for the test itself. The external test on the Callback Doctor\'s page can tell.', 'kco-callback-doctor' );
			default:
				return __( 'The state of this callback is unknown.', 'kco-callback-doctor' );
		}
	}

	/**
	 * The verdict on a whole run, in a sentence.
	 *
	 * @param string $overall RunVerdict overall: ok, warning, critical or unknown.
	 */
	public static function overall( string $overall ): string {
		switch ( $overall ) {
			case 'ok':
				return __( 'Every callback Klarna Checkout uses gets through.', 'kco-callback-doctor' );
			case 'warning':
				return __( 'No callback is refused, but one is too slow or could not be judged.', 'kco-callback-doctor' );
			case 'critical':
				return __( 'A callback Klarna Checkout uses does not get through.', 'kco-callback-doctor' );
			default:
				return __( 'No callback could be judged.', 'kco-callback-doctor' );
		}
	}

	/**
	 * The source of a run in words.
	 *
	 * @param string $source Doctor::SOURCE_* value.
	 */
	public static function source( string $source ): string {
		switch ( $source ) {
			case 'page':
				return __( 'run from the Callback Doctor\'s page', 'kco-callback-doctor' );
			case 'schedule':
				return __( 'automatic check', 'kco-callback-doctor' );
			case 'cli':
				return __( 'run with WP-CLI', 'kco-callback-doctor' );
			default:
				return __( 'unknown origin', 'kco-callback-doctor' );
		}
	}

	/**
	 * Which checkout KCO serves, in words.
	 *
	 * @param string $flow Environment kco.flow.
	 */
	public static function flow( string $flow ): string {
		switch ( $flow ) {
			case 'classic':
				return __( 'classic checkout (shortcode)', 'kco-callback-doctor' );
			case 'blocks':
				return __( 'checkout block', 'kco-callback-doctor' );
			default:
				return __( 'checkout type not detected', 'kco-callback-doctor' );
		}
	}
}
