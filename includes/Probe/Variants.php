<?php
/**
 * Probes that each change one thing of a Klarna-shaped probe, to isolate what a blocker keys on.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * docs/probe-protocol.md §8. If only the Klarna-shaped probe is blocked and the browser-shaped one
 * passes, the blocker keys on Klarna's User-Agent; and so on for each variant.
 */
final class Variants {

	/**
	 * A current desktop Chrome, the most common browser a WAF lets through.
	 */
	public const BROWSER_USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

	/**
	 * One of Klarna's production callback addresses (EU). Source: docs.klarna.com/api/callbacks
	 * ("Callbacks from Klarna will originate from specific IP addresses": 52.17.117.56,
	 * 52.17.176.198, 52.0.45.33, 52.0.46.187, 13.211.30.100, 3.104.49.49, 13.54.229.130), also
	 * docs.klarna.com/acquirer/klarna/get-started/integration-resilience/callbacks/.
	 */
	public const KLARNA_CALLBACK_ADDRESS = '52.17.117.56';

	/**
	 * Trigger-isolation variants of a Klarna-shaped probe that got an HTTP answer other than
	 * the echo.
	 *
	 * @param Probe  $probe Klarna-shaped probe.
	 * @param string $home  Home URL, the Referer a browser on the shop would send.
	 * @return Probe[]
	 */
	public static function isolating( Probe $probe, string $home ): array {
		$variants   = array();
		$variants[] = $probe->derive( 'browser-user-agent' )->with_user_agent( self::BROWSER_USER_AGENT );
		$variants[] = $probe->derive( 'with-referer' )->with_header( 'Referer', $home );
		$session    = $probe->session_parameters();
		if ( ! empty( $session ) ) {
			$variants[] = $probe->derive( 'without-session-id' )->without_parameters( $session );
		}
		if ( 'POST' === $probe->method ) {
			$variants[] = $probe->derive( 'get' )->as_get();
		}
		return array_merge( $variants, self::neutral_content( $probe ) );
	}

	/**
	 * Content isolation (docs/probe-protocol.md §8): same path, method and identity, Klarna's content
	 * neutralised one part at a time. A block that lifts here is a content rule of a web
	 * application firewall (OWASP CRS 2's 981173 counts the hyphens of Klarna's UUID; CRS 3 at
	 * paranoia level 2 matches the JSON inside merchant_data), not a deny on the path.
	 * - `numeric-order-id`: a short number instead of the UUID, wherever the UUID appears;
	 * - `plain-query`: every query value reduced to letters and digits;
	 * - `minimal-body`: only `{"order_id": …}` instead of Klarna's order;
	 * - `no-body`: no body at all.
	 * A variant that would send exactly the Klarna-shaped request is left out.
	 *
	 * @param Probe $probe Klarna-shaped probe.
	 * @return Probe[]
	 */
	public static function neutral_content( Probe $probe ): array {
		$variants = array();
		if ( null !== $probe->order_id ) {
			$variants[] = $probe->derive( 'numeric-order-id' )->with_order_id( (string) wp_rand( 1000, 9999 ) );
		}
		$variants[] = $probe->derive( 'plain-query' )->with_plain_query();
		if ( '' !== $probe->body ) {
			$minimal    = null === $probe->order_id ? '{}' : (string) wp_json_encode( array( 'order_id' => $probe->order_id ) );
			$variants[] = $probe->derive( 'minimal-body' )->with_body( $minimal, 'application/json' );
			$variants[] = $probe->derive( 'no-body' )->with_body( '', '' );
		}
		return array_values(
			array_filter(
				$variants,
				static function ( Probe $variant ) use ( $probe ): bool {
					return ! $variant->sends_same_as( $probe );
				}
			)
		);
	}

	/**
	 * The probe in the form WooCommerce itself uses with plain permalinks, `{home}/?wc-api=NAME&…`
	 * (woocommerce/includes/class-woocommerce.php, WooCommerce::api_request_url()). KCO always
	 * hands Klarna the pretty `/wc-api/NAME/` path; when that is not routed to WooCommerce but this
	 * form is, the path is what fails (DESIGN.md §3.11). Null for a probe not sent to /wc-api/.
	 *
	 * @param Probe $probe Klarna-shaped probe.
	 */
	public static function plain_permalink_form( Probe $probe ): ?Probe {
		if ( 1 !== preg_match( '#^(https?://[^?]*?)/wc-api/([A-Za-z0-9_-]+)/?(?:\?(.*))?$#', $probe->url, $parts ) ) {
			return null;
		}
		$query = isset( $parts[3] ) && '' !== $parts[3] ? '&' . $parts[3] : '';
		return $probe->derive( 'wc-api-query' )->at( $parts[1] . '/?wc-api=' . $parts[2] . $query );
	}

	/**
	 * The probe with its answer held back for the given time (DESIGN.md §3.13): a proxy or CDN that
	 * cuts slow answers shows itself only on an answer that takes as long as Klarna allows.
	 *
	 * @param Probe $probe   Klarna-shaped probe that passed.
	 * @param int   $hold_ms Milliseconds the responder waits before it answers.
	 */
	public static function held_answer( Probe $probe, int $hold_ms ): Probe {
		return $probe->derive( 'held-answer' )->with_hold( $hold_ms );
	}

	/**
	 * Two plain requests to the same site sent when a probe got no answer in time (DESIGN.md §3.8):
	 * a static file, which needs only the web server, and a bare admin-ajax.php, which needs a PHP
	 * worker but no plugin's work (without an action WordPress answers 400 "0"). While this run
	 * holds one worker for itself, they tell a server with no worker left for a second request
	 * from a site that does not answer callbacks. They wait as long as any WordPress request may
	 * reasonably take, however short the probes' own timeout was set.
	 *
	 * @param Probe $probe   Klarna-shaped probe that timed out.
	 * @param float $timeout Seconds each may take.
	 * @return Probe[]
	 */
	public static function capacity( Probe $probe, float $timeout ): array {
		$plain = $probe->as_get()->with_header( 'Accept', null )->with_timeout( $timeout );
		return array(
			$plain->derive( 'static-file' )->at( site_url( '/' . WPINC . '/images/blank.gif' ) ),
			$plain->derive( 'php-page' )->at( site_url( '/wp-admin/admin-ajax.php' ) ),
		);
	}

	/**
	 * The probe as if it came from Klarna's address, presented in the header the site's security
	 * plugin trusts for the client address.
	 *
	 * @param Probe  $probe  Klarna-shaped probe.
	 * @param string $header Header name, e.g. X-Forwarded-For.
	 */
	public static function public_client_address( Probe $probe, string $header ): Probe {
		return $probe->derive( 'public-client-address' )->with_header( $header, self::KLARNA_CALLBACK_ADDRESS );
	}
}
