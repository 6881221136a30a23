<?php
/**
 * StuckOrdersAlert and its words: Klarna orders left stuck flip like a callback, and the alert
 * speaks of orders.
 *
 * @package KcoCallbackDoctor\Tests
 */

namespace KcoCallbackDoctor\Tests;

use KcoCallbackDoctor\Alerts\AlertText;
use KcoCallbackDoctor\Alerts\StuckOrdersAlert;
use KcoCallbackDoctor\Alerts\Transition;
use PHPUnit\Framework\TestCase;

/**
 * Pure parts; the whole path (a stored run raising the notice, the note and the e-mail) is in
 * tests/integration/traffic-alerts.test.ts.
 */
final class StuckOrdersAlertTest extends TestCase {

	private const RUN = '0b6c1f5e-7a43-4d1e-9c1a-5d2f8e9a0c11';

	/**
	 * TrafficReport's stuckOrders.
	 *
	 * @param int  $count    Orders listed.
	 * @param bool $searched Whether orders could be searched.
	 * @return array<string, mixed>
	 */
	private static function stuck( int $count, bool $searched = true ): array {
		return array(
			'searched'         => $searched,
			'thresholdMinutes' => 30,
			'lookBackDays'     => 30,
			'count'            => $count,
			'more'             => false,
			'orders'           => array(),
		);
	}

	public function test_starts_failing_when_an_order_is_stuck_and_keeps_since_while_it_stays(): void {
		$first  = StuckOrdersAlert::apply( array(), self::stuck( 2 ), '2026-12-01T08:00:00Z', self::RUN );
		$second = StuckOrdersAlert::apply( $first['remembered'], self::stuck( 3 ), '2026-12-02T08:00:00Z', self::RUN );

		$this->assertTrue( $first['changed'] );
		$this->assertFalse( $second['changed'] );
		$this->assertSame( '2026-12-01T08:00:00Z', $second['remembered'][ StuckOrdersAlert::ID ]['since'] );
		$this->assertSame( 3, $second['remembered'][ StuckOrdersAlert::ID ]['count'] );
		$this->assertSame( array( StuckOrdersAlert::ID ), Transition::failing_ids( $second['remembered'] ) );
	}

	public function test_recovers_when_no_order_is_stuck_any_more(): void {
		$failing = StuckOrdersAlert::apply( array(), self::stuck( 1 ), '2026-12-01T08:00:00Z', self::RUN )['remembered'];

		$after = StuckOrdersAlert::apply( $failing, self::stuck( 0 ), '2026-12-01T09:00:00Z', self::RUN );

		$this->assertTrue( $after['changed'] );
		$this->assertSame( array(), Transition::failing_ids( $after['remembered'] ) );
	}

	public function test_a_search_that_could_not_run_changes_nothing(): void {
		$failing = StuckOrdersAlert::apply( array(), self::stuck( 1 ), '2026-12-01T08:00:00Z', self::RUN )['remembered'];

		$unknown     = StuckOrdersAlert::apply( $failing, null, '2026-12-01T09:00:00Z', self::RUN );
		$no_commerce = StuckOrdersAlert::apply( $failing, self::stuck( 0, false ), '2026-12-01T09:00:00Z', self::RUN );

		$this->assertFalse( $unknown['changed'] );
		$this->assertSame( $failing, $unknown['remembered'] );
		$this->assertFalse( $no_commerce['changed'] );
	}

	public function test_never_starts_failing_on_a_shop_without_stuck_orders(): void {
		$this->assertFalse( StuckOrdersAlert::apply( array(), self::stuck( 0 ), '2026-12-01T08:00:00Z', self::RUN )['changed'] );
	}

	public function test_the_alert_speaks_of_orders_not_of_a_callback(): void {
		$remembered = StuckOrdersAlert::apply( array(), self::stuck( 2 ), '2026-12-01T08:00:00Z', self::RUN )['remembered'];
		$state      = array(
			'endpoints' => $remembered,
			'alert'     => array(
				'id'       => 'a',
				'kind'     => AlertText::FAILURE,
				'changed'  => array( StuckOrdersAlert::ID ),
				'runId'    => self::RUN,
				'raisedAt' => '2026-12-01T08:00:00Z',
			),
			'email'     => array(
				'sentAt'  => null,
				'failing' => array(),
			),
		);

		$alert = AlertText::of_alert( $state );
		$email = AlertText::of_email( $state );

		$this->assertSame( 'Klarna orders are stuck in Pending payment: no push from Klarna arrived for them.', $alert['headline'] );
		$this->assertSame( $alert['headline'], $email['headline'] );
		$this->assertCount( 1, $alert['lines'] );
		$this->assertStringContainsString( '2 have waited over 30 minutes for a push from Klarna', $alert['lines'][0] );
		$this->assertStringNotContainsString( 'callback', $alert['headline'] . $alert['lines'][0] );
	}

	public function test_a_failing_callback_keeps_the_headline_and_the_orders_get_their_line(): void {
		$remembered         = StuckOrdersAlert::apply( array(), self::stuck( 1 ), '2026-12-01T08:00:00Z', self::RUN )['remembered'];
		$remembered['push'] = array(
			'failing'    => true,
			'since'      => '2026-12-01T08:00:00Z',
			'state'      => 'blocked',
			'httpStatus' => 403,
			'label'      => 'Push',
			'path'       => '/wc-api/KCO_WC_Push/',
			'runId'      => self::RUN,
		);

		$text = AlertText::of_alert(
			array(
				'endpoints' => $remembered,
				'alert'     => array(
					'id'       => 'a',
					'kind'     => AlertText::FAILURE,
					'changed'  => array( 'push', StuckOrdersAlert::ID ),
					'runId'    => self::RUN,
					'raisedAt' => '2026-12-01T08:00:00Z',
				),
				'email'     => array(
					'sentAt'  => null,
					'failing' => array(),
				),
			)
		);

		$this->assertStringContainsString( 'its Push callback fails', $text['headline'] );
		$this->assertCount( 2, $text['lines'] );
		$this->assertStringContainsString( '1 has waited over 30 minutes', $text['lines'][1] );
	}

	public function test_says_when_it_is_over(): void {
		$failing   = StuckOrdersAlert::apply( array(), self::stuck( 1 ), '2026-12-01T08:00:00Z', self::RUN )['remembered'];
		$recovered = StuckOrdersAlert::apply( $failing, self::stuck( 0 ), '2026-12-01T09:00:00Z', self::RUN )['remembered'];

		$text = AlertText::of_alert(
			array(
				'endpoints' => $recovered,
				'alert'     => array(
					'id'       => 'b',
					'kind'     => AlertText::RECOVERY,
					'changed'  => array( StuckOrdersAlert::ID ),
					'runId'    => self::RUN,
					'raisedAt' => '2026-12-01T09:00:00Z',
				),
				'email'     => array(
					'sentAt'  => null,
					'failing' => array(),
				),
			)
		);

		$this->assertSame( 'No Klarna order is stuck in Pending payment any more.', $text['headline'] );
		$this->assertStringContainsString( 'none waits for its push any more', $text['lines'][0] );
	}
}
