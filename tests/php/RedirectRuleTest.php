<?php
/**
 * RedirectRule: which redirects a probe follows, and as what request.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\RedirectRule;
use PHPUnit\Framework\TestCase;

/**
 * Only the home URL is probed: a hop is followed while it stays on the home host and port, and
 * the one port change followed is the upgrade from http to https on 443.
 */
final class RedirectRuleTest extends TestCase {

	/**
	 * From, to, and whether the hop is followed.
	 *
	 * @return array<string, array{0: string, 1: string, 2: bool}>
	 */
	public function hops(): array {
		return array(
			'a path on the same host and port'                        => array( 'https://shop.example/wc-api/KCO_WC_Push/', 'https://shop.example/en/wc-api/KCO_WC_Push/', true ),
			'the same host in other letter case'                      => array( 'https://shop.example/a', 'https://SHOP.example/b', true ),
			'an explicit default port is the same port'               => array( 'https://shop.example/a', 'https://shop.example:443/b', true ),
			'the same explicit non-default port'                      => array( 'http://shop.example:8888/a', 'http://shop.example:8888/b', true ),
			'http to https on the standard ports'                     => array( 'http://shop.example/a', 'https://shop.example/a', true ),
			'http on a development port to https on 443'              => array( 'http://shop.example:8888/a', 'https://shop.example/a', true ),
			'http on a development port to https named as :443'       => array( 'http://shop.example:8888/a', 'https://shop.example:443/a', true ),
			'https down to http'                                      => array( 'https://shop.example/a', 'http://shop.example/a', false ),
			'https down to http on the same explicit port'            => array( 'https://shop.example:8443/a', 'http://shop.example:8443/a', false ),
			'http to https on a port other than 443'                  => array( 'http://shop.example/a', 'https://shop.example:8443/a', false ),
			'http on a development port to plain http on 80'          => array( 'http://shop.example:8888/a', 'http://shop.example/a', false ),
			'https on another port to https on 443'                   => array( 'https://shop.example:8443/a', 'https://shop.example/a', false ),
			'https on 443 to another https port'                      => array( 'https://shop.example/a', 'https://shop.example:8443/a', false ),
			'http to another port on the same host'                   => array( 'http://shop.example/a', 'http://shop.example:8080/a', false ),
			'another host'                                            => array( 'https://shop.example/a', 'https://elsewhere.example/a', false ),
			'the www variant of the host is another host'             => array( 'https://shop.example/a', 'https://www.shop.example/a', false ),
			'a URL without a host'                                    => array( 'https:///a', 'https:///b', false ),
		);
	}

	/**
	 * @dataProvider hops
	 *
	 * @param string $from     URL that answered with the redirect.
	 * @param string $to       Redirect target.
	 * @param bool   $followed Whether the probe follows it.
	 */
	public function test_follows_a_redirect_only_on_the_home_host_and_port_or_up_to_https_on_443( string $from, string $to, bool $followed ): void {
		$this->assertSame( $followed, RedirectRule::follows( $from, $to ) );
	}

	/**
	 * Base, Location, and the absolute target (null when it is no http(s) URL).
	 *
	 * @return array<string, array{0: string, 1: string, 2: string|null}>
	 */
	public function locations(): array {
		return array(
			'an absolute URL'                     => array( 'https://shop.example/wc-api/X/', 'https://shop.example/en/wc-api/X/', 'https://shop.example/en/wc-api/X/' ),
			'a path'                              => array( 'https://shop.example/wc-api/X/?a=1', '/en/wc-api/X/?a=1', 'https://shop.example/en/wc-api/X/?a=1' ),
			'a relative path'                     => array( 'https://shop.example/wc-api/X/', 'Y/', 'https://shop.example/wc-api/X/Y/' ),
			'a scheme-relative URL'               => array( 'http://shop.example/a', '//shop.example/b', 'http://shop.example/b' ),
			'a query only'                        => array( 'https://shop.example/wc-api/X/', '?lang=sv', 'https://shop.example/wc-api/X/?lang=sv' ),
			'another scheme is no target'         => array( 'https://shop.example/a', 'ftp://shop.example/a', null ),
			'a javascript: URL is no target'      => array( 'https://shop.example/a', 'javascript:alert(1)', null ),
		);
	}

	/**
	 * @dataProvider locations
	 *
	 * @param string      $base     URL that answered.
	 * @param string      $location Location header.
	 * @param string|null $target   Expected absolute target.
	 */
	public function test_resolves_a_location_against_the_url_that_answered( string $base, string $location, ?string $target ): void {
		$this->assertSame( $target, RedirectRule::target( $base, $location ) );
	}

	/**
	 * Status, whether it redirects, whether method and body are kept.
	 *
	 * @return array<string, array{0: int, 1: bool, 2: bool}>
	 */
	public function statuses(): array {
		return array(
			'301 redirects and turns a POST into a GET'   => array( 301, true, false ),
			'302 redirects and turns a POST into a GET'   => array( 302, true, false ),
			'303 redirects and turns a POST into a GET'   => array( 303, true, false ),
			'307 redirects and keeps method and body'     => array( 307, true, true ),
			'308 redirects and keeps method and body'     => array( 308, true, true ),
			'300 names no single target'                  => array( 300, false, false ),
			'304 is no redirect'                          => array( 304, false, false ),
			'200 is no redirect'                          => array( 200, false, false ),
		);
	}

	/**
	 * @dataProvider statuses
	 *
	 * @param int  $status       HTTP status.
	 * @param bool $redirects    Whether it is followed at all.
	 * @param bool $keeps_method Whether method and body survive.
	 */
	public function test_a_redirect_status_says_whether_method_and_body_survive( int $status, bool $redirects, bool $keeps_method ): void {
		$this->assertSame( $redirects, RedirectRule::redirects( $status ) );
		if ( $redirects ) {
			$this->assertSame( $keeps_method, RedirectRule::keeps_method( $status ) );
		}
	}
}
