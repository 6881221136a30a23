<?php
/**
 * Token: signed, single-use probe tokens bound to this site (docs/probe-protocol.md §4).
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Probe\Token;
use PHPUnit\Framework\TestCase;

/**
 * Issues and redeems tokens with the stack's real salts and options table.
 */
final class TokenTest extends TestCase {

	/**
	 * Blog id before a test changed it.
	 *
	 * @var int
	 */
	private $blog_id;

	protected function setUp(): void {
		$this->blog_id = (int) $GLOBALS['blog_id'];
	}

	protected function tearDown(): void {
		$GLOBALS['blog_id'] = $this->blog_id;
		remove_all_filters( 'pre_option_home' );
	}

	public function test_a_token_issued_for_an_endpoint_is_redeemed_for_it_once(): void {
		$issued = Token::issue( 'push' );

		$this->assertSame( $issued['id'], Token::redeem( $issued['token'], 'push' ) );
		$this->assertNull( Token::redeem( $issued['token'], 'push' ), 'a replayed token must be refused' );
	}

	public function test_a_token_lives_as_long_as_asked_but_never_beyond_the_external_limit(): void {
		$before = time();
		$probe  = Token::issue( 'push' );
		$day    = Token::issue( 'push', DAY_IN_SECONDS );
		$none   = Token::issue( 'push', 0 );

		$this->assertGreaterThanOrEqual( $before + Token::PROBE_TTL, $probe['expires'] );
		$this->assertLessThanOrEqual( time() + Token::PROBE_TTL, $probe['expires'] );
		$this->assertLessThanOrEqual( time() + Token::EXTERNAL_TTL, $day['expires'] );
		$this->assertGreaterThan( $before, $none['expires'], 'a token lives at least a second' );
	}

	public function test_a_token_for_one_endpoint_is_refused_at_another_and_stays_usable_where_it_belongs(): void {
		$issued = Token::issue( 'push' );

		$this->assertNull( Token::redeem( $issued['token'], 'notification' ) );
		$this->assertSame( $issued['id'], Token::redeem( $issued['token'], 'push' ) );
	}

	/**
	 * Changes to a valid push token; none may verify.
	 *
	 * @return array<string, array{0: callable(string): string}>
	 */
	public function tamperings(): array {
		$part = static function ( int $index, callable $change ): callable {
			return static function ( string $token ) use ( $index, $change ): string {
				$parts           = explode( '.', $token );
				$parts[ $index ] = $change( $parts[ $index ] );
				return implode( '.', $parts );
			};
		};
		$flip = static function ( string $hex ): string {
			return ( '0' === $hex[0] ? '1' : '0' ) . substr( $hex, 1 );
		};
		return array(
			'another protocol version'               => array( $part( 0, static function (): string {
				return '1';
			} ) ),
			'another probe id'                       => array( $part( 1, $flip ) ),
			'another endpoint'                       => array( $part( 2, static function (): string {
				return 'notification';
			} ) ),
			'a later expiry'                         => array( $part( 3, static function ( string $expires ): string {
				return (string) ( (int) $expires + 60 );
			} ) ),
			'a changed signature'                    => array( $part( 4, $flip ) ),
			'a signature in upper case'              => array( $part( 4, 'strtoupper' ) ),
			'a missing signature'                    => array( static function ( string $token ): string {
				return substr( $token, 0, (int) strrpos( $token, '.' ) );
			} ),
			'a token with text appended'             => array( static function ( string $token ): string {
				return $token . '.x';
			} ),
			'a token padded beyond 200 characters'   => array( static function ( string $token ): string {
				return $token . str_repeat( '0', 200 );
			} ),
			'an empty string'                        => array( static function (): string {
				return '';
			} ),
		);
	}

	/**
	 * @dataProvider tamperings
	 *
	 * @param callable $tamper Turns a valid token into the tampered one.
	 */
	public function test_a_tampered_token_does_not_verify( callable $tamper ): void {
		$issued = Token::issue( 'push' );

		$this->assertNull( Token::redeem( $tamper( $issued['token'] ), 'push' ) );
	}

	/**
	 * Signed expiries relative to now, and whether the token is accepted.
	 *
	 * @return array<string, array{0: int, 1: bool}>
	 */
	public function expiries(): array {
		return array(
			'a token that expired a second ago is refused'                => array( -1, false ),
			'a token that expired an hour ago is refused'                 => array( -HOUR_IN_SECONDS, false ),
			'a token with ten seconds left is accepted'                   => array( 10, true ),
			'a token at the external limit is accepted'                   => array( Token::EXTERNAL_TTL - 5, true ),
			'a signed expiry beyond any limit we issue is refused'        => array( Token::EXTERNAL_TTL + 60, false ),
		);
	}

	/**
	 * Signs with the site's own key (a private method, reached by reflection for this test only),
	 * so the expiry is the only thing that can be wrong with the token.
	 *
	 * @dataProvider expiries
	 *
	 * @param int  $offset   Expiry relative to now, in seconds.
	 * @param bool $accepted Whether redeem() accepts it.
	 */
	public function test_only_a_token_within_its_lifetime_is_accepted( int $offset, bool $accepted ): void {
		$sign = new \ReflectionMethod( Token::class, 'signature' );
		$sign->setAccessible( true );
		$id       = bin2hex( random_bytes( 16 ) );
		$unsigned = '2.' . $id . '.push.' . ( time() + $offset );

		$redeemed = Token::redeem( $unsigned . '.' . $sign->invoke( null, $unsigned ), 'push' );

		$this->assertSame( $accepted ? $id : null, $redeemed );
	}

	public function test_a_token_signed_for_another_blog_of_the_network_does_not_verify(): void {
		$GLOBALS['blog_id'] = $this->blog_id + 1;
		$issued             = Token::issue( 'push' );
		$GLOBALS['blog_id'] = $this->blog_id;

		$this->assertNull( Token::redeem( $issued['token'], 'push' ) );
	}

	public function test_a_token_signed_for_another_home_host_does_not_verify(): void {
		add_filter(
			'pre_option_home',
			static function (): string {
				return 'https://other-shop.example';
			}
		);
		$issued = Token::issue( 'push' );
		remove_all_filters( 'pre_option_home' );

		$this->assertNull( Token::redeem( $issued['token'], 'push' ) );
	}

	public function test_a_token_signed_on_this_site_does_not_verify_on_a_site_with_another_host(): void {
		$issued = Token::issue( 'push' );
		add_filter(
			'pre_option_home',
			static function (): string {
				return 'http://shop-copy.example';
			}
		);

		$this->assertNull( Token::redeem( $issued['token'], 'push' ) );
		remove_all_filters( 'pre_option_home' );
		$this->assertSame( $issued['id'], Token::redeem( $issued['token'], 'push' ), 'a refused token is not used up' );
	}

	public function test_forgets_used_ids_once_their_tokens_have_expired(): void {
		global $wpdb;
		$expired = Token::USED_PREFIX . bin2hex( random_bytes( 16 ) );
		$live    = Token::USED_PREFIX . bin2hex( random_bytes( 16 ) );
		$insert  = "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')";
		$wpdb->query( $wpdb->prepare( $insert, $expired, (string) ( time() - 1 ) ) ); // phpcs:ignore WordPress.DB
		$wpdb->query( $wpdb->prepare( $insert, $live, (string) ( time() + 60 ) ) ); // phpcs:ignore WordPress.DB

		Token::forget_expired();

		$left = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name IN (%s, %s)", $expired, $live ) ); // phpcs:ignore WordPress.DB
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s", $live ) ); // phpcs:ignore WordPress.DB
		$this->assertSame( array( $live ), $left );
	}
}
