<?php
/**
 * Probes that each change one thing of a Klarna-shaped probe, to isolate what a blocker keys on.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * DESIGN.md §3.5 and §3.7. If only the Klarna-shaped probe is blocked and the browser-shaped one
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
		return $variants;
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
