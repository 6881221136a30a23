<?php
/**
 * When an alert e-mail may go out: never a flood, never a lost change.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Alerts\EmailPolicy;
use PHPUnit\Framework\TestCase;

/**
 * EmailPolicy::due() with the last e-mail's record and the callbacks failing now.
 */
final class AlertEmailPolicyTest extends TestCase {

	private const NOW = 1796000000;

	/**
	 * The record of the last e-mail.
	 *
	 * @param int|null $seconds_ago When it was sent; null for never.
	 * @param string[] $failing     What it reported failing.
	 * @return array{sentAt: string|null, failing: string[]}
	 */
	private static function last_email( ?int $seconds_ago, array $failing ): array {
		return array(
			'sentAt'  => null === $seconds_ago ? null : gmdate( 'Y-m-d\TH:i:s\Z', self::NOW - $seconds_ago ),
			'failing' => $failing,
		);
	}

	public function test_the_first_failure_is_sent(): void {
		$this->assertTrue( EmailPolicy::due( self::last_email( null, array() ), array( 'push' ), self::NOW ) );
	}

	public function test_nothing_is_sent_while_all_passes_and_nothing_was_ever_reported(): void {
		$this->assertFalse( EmailPolicy::due( self::last_email( null, array() ), array(), self::NOW ) );
	}

	public function test_the_same_failures_as_last_reported_are_not_sent_again_even_days_later(): void {
		$this->assertFalse( EmailPolicy::due( self::last_email( 5 * DAY_IN_SECONDS, array( 'push', 'validation' ) ), array( 'validation', 'push' ), self::NOW ) );
	}

	public function test_a_change_within_a_day_of_the_last_email_waits(): void {
		$this->assertFalse( EmailPolicy::due( self::last_email( HOUR_IN_SECONDS, array( 'push' ) ), array(), self::NOW ) );
		$this->assertFalse( EmailPolicy::due( self::last_email( DAY_IN_SECONDS - 1, array( 'push' ) ), array( 'push', 'validation' ), self::NOW ) );
	}

	public function test_a_change_a_day_after_the_last_email_is_sent(): void {
		$this->assertTrue( EmailPolicy::due( self::last_email( DAY_IN_SECONDS, array( 'push' ) ), array(), self::NOW ) );
	}

	public function test_an_unreadable_send_time_does_not_block_e_mails_forever(): void {
		$this->assertTrue(
			EmailPolicy::due(
				array(
					'sentAt'  => 'yesterday-ish',
					'failing' => array(),
				),
				array( 'push' ),
				self::NOW
			)
		);
	}
}
