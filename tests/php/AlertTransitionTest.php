<?php
/**
 * Which runs change what the alerts remember, and which changes are announced.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Alerts\Transition;
use PHPUnit\Framework\TestCase;

/**
 * Transition::apply() against verdicts shaped as RunVerdict::of() returns them.
 */
final class AlertTransitionTest extends TestCase {

	private const EARLIER = '2026-12-01T08:00:00.000Z';
	private const NOW     = '2026-12-02T08:00:00.000Z';

	/**
	 * A verdict with the given endpoint states.
	 *
	 * @param array<string, array{0: string, 1?: int|null, 2?: bool}> $states Id => [state, HTTP status, used].
	 * @return array<string, mixed>
	 */
	private static function verdict( array $states ): array {
		$endpoints = array();
		foreach ( $states as $id => $state ) {
			$endpoints[] = array(
				'id'         => $id,
				'label'      => ucfirst( $id ),
				'path'       => '/wc-api/' . $id . '/',
				'state'      => $state[0],
				'used'       => $state[2] ?? true,
				'httpStatus' => array_key_exists( 1, $state ) ? $state[1] : 200,
				'blocker'    => null,
			);
		}
		return array(
			'overall'   => 'unknown',
			'endpoints' => $endpoints,
		);
	}

	/**
	 * What a run remembered.
	 *
	 * @param array<string, array{0: string, 1?: int|null, 2?: bool}> $states Id => [state, HTTP status, used].
	 * @return array<string, array<string, mixed>>
	 */
	private static function remembered_after( array $states ): array {
		return Transition::apply( array(), self::verdict( $states ), self::EARLIER, 'run-1' )['remembered'];
	}

	public function test_a_callback_never_judged_counts_as_passing_so_a_first_passing_run_changes_nothing(): void {
		$result = Transition::apply( array(), self::verdict( array( 'push' => array( 'passed' ) ) ), self::NOW, 'run-2' );

		$this->assertSame( array(), $result['changed'] );
		$this->assertTrue( $result['judged'] );
		$this->assertFalse( $result['remembered']['push']['failing'] );
	}

	public function test_a_first_failing_run_is_a_change(): void {
		$result = Transition::apply( array(), self::verdict( array( 'push' => array( 'blocked', 403 ) ) ), self::NOW, 'run-2' );

		$this->assertSame( array( 'push' ), $result['changed'] );
		$this->assertTrue( $result['remembered']['push']['failing'] );
		$this->assertSame( self::NOW, $result['remembered']['push']['since'] );
		$this->assertSame( 403, $result['remembered']['push']['httpStatus'] );
		$this->assertSame( 'run-2', $result['remembered']['push']['runId'] );
	}

	/**
	 * Every state in which Klarna's call does not get through.
	 *
	 * @return array<string, array{0: string, 1: int|null}>
	 */
	public function failing_states(): array {
		return array(
			'blocked'     => array( 'blocked', 406 ),
			'redirected'  => array( 'redirected', 200 ),
			'unreachable' => array( 'unreachable', null ),
		);
	}

	/**
	 * @dataProvider failing_states
	 *
	 * @param string   $state  The failing state.
	 * @param int|null $status Its HTTP status.
	 */
	public function test_passing_to_failing_is_a_change( string $state, ?int $status ): void {
		$before = self::remembered_after( array( 'push' => array( 'passed' ) ) );

		$result = Transition::apply( $before, self::verdict( array( 'push' => array( $state, $status ) ) ), self::NOW, 'run-2' );

		$this->assertSame( array( 'push' ), $result['changed'] );
		$this->assertSame( self::NOW, $result['remembered']['push']['since'] );
		$this->assertSame( $state, $result['remembered']['push']['state'] );
	}

	public function test_failing_again_is_no_change_and_keeps_since_while_updating_what_answered(): void {
		$before = self::remembered_after( array( 'push' => array( 'blocked', 403 ) ) );

		$result = Transition::apply( $before, self::verdict( array( 'push' => array( 'blocked', 406 ) ) ), self::NOW, 'run-2' );

		$this->assertSame( array(), $result['changed'] );
		$this->assertSame( self::EARLIER, $result['remembered']['push']['since'] );
		$this->assertSame( 406, $result['remembered']['push']['httpStatus'] );
	}

	public function test_failing_to_passing_is_a_change(): void {
		$before = self::remembered_after( array( 'push' => array( 'unreachable', null ) ) );

		$result = Transition::apply( $before, self::verdict( array( 'push' => array( 'passed' ) ) ), self::NOW, 'run-2' );

		$this->assertSame( array( 'push' ), $result['changed'] );
		$this->assertFalse( $result['remembered']['push']['failing'] );
		$this->assertSame( self::NOW, $result['remembered']['push']['since'] );
	}

	/**
	 * States that say nothing certain about whether Klarna gets through.
	 *
	 * @return array<string, array{0: string}>
	 */
	public function uncertain_states(): array {
		return array(
			'inconclusive' => array( 'inconclusive' ),
			'slow'         => array( 'slow' ),
		);
	}

	/**
	 * @dataProvider uncertain_states
	 *
	 * @param string $state The uncertain state.
	 */
	public function test_an_uncertain_state_neither_alerts_nor_changes_what_is_remembered( string $state ): void {
		$before = self::remembered_after( array( 'push' => array( 'blocked', 403 ) ) );

		$result = Transition::apply( $before, self::verdict( array( 'push' => array( $state, null ) ) ), self::NOW, 'run-2' );

		$this->assertSame( array(), $result['changed'] );
		$this->assertFalse( $result['judged'] );
		$this->assertSame( $before, $result['remembered'] );
	}

	public function test_a_callback_the_installed_kco_does_not_use_is_ignored(): void {
		$result = Transition::apply( array(), self::verdict( array( 'notification' => array( 'blocked', 403, false ) ) ), self::NOW, 'run-2' );

		$this->assertSame( array(), $result['changed'] );
		$this->assertFalse( $result['judged'] );
		$this->assertSame( array(), $result['remembered'] );
	}

	public function test_a_run_of_one_callback_leaves_the_others_as_they_were(): void {
		$before = self::remembered_after(
			array(
				'push'       => array( 'blocked', 403 ),
				'validation' => array( 'blocked', 403 ),
			)
		);

		$result = Transition::apply( $before, self::verdict( array( 'push' => array( 'passed' ) ) ), self::NOW, 'run-2' );

		$this->assertSame( array( 'push' ), $result['changed'] );
		$this->assertSame( $before['validation'], $result['remembered']['validation'] );
		$this->assertSame( array( 'validation' ), Transition::failing_ids( $result['remembered'] ) );
	}

	public function test_failing_ids_are_sorted_so_they_compare_as_sets(): void {
		$remembered = self::remembered_after(
			array(
				'validation' => array( 'blocked', 403 ),
				'push'       => array( 'unreachable', null ),
				'notification' => array( 'passed' ),
			)
		);

		$this->assertSame( array( 'push', 'validation' ), Transition::failing_ids( $remembered ) );
	}
}
