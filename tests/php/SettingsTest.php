<?php
/**
 * The settings option and the schedule that follows it, in the stack's real WordPress with the
 * real WooCommerce's Action Scheduler.
 *
 * @package KcoCallbackDoctor\Tests
 */

use KcoCallbackDoctor\Schedule\Scheduler;
use KcoCallbackDoctor\Settings;
use PHPUnit\Framework\TestCase;

/**
 * Settings::get()/update() and Scheduler::sync()/check_soon().
 */
final class SettingsTest extends TestCase {

	/**
	 * The option as it was before the test (false when absent).
	 *
	 * @var mixed
	 */
	private $saved;

	protected function setUp(): void {
		$this->saved = get_option( Settings::OPTION, false );
		delete_option( Settings::OPTION );
	}

	protected function tearDown(): void {
		delete_option( Settings::OPTION );
		if ( false !== $this->saved ) {
			add_option( Settings::OPTION, $this->saved, '', false );
		}
		Scheduler::sync();
	}

	/**
	 * Pending actions of the plugin's group with a hook, as "hook:args" strings.
	 *
	 * @param string $hook The hook.
	 * @return string[]
	 */
	private static function pending( string $hook ): array {
		$found = array();
		foreach ( as_get_scheduled_actions(
			array(
				'hook'     => $hook,
				'group'    => Scheduler::GROUP,
				'status'   => ActionScheduler_Store::STATUS_PENDING,
				'per_page' => 20,
			)
		) as $action ) {
			$found[] = $hook . ':' . wp_json_encode( $action->get_args() );
		}
		return $found;
	}

	public function test_without_a_stored_value_checks_run_daily_and_alerts_are_e_mailed(): void {
		$this->assertSame(
			array(
				'schedule'    => 'daily',
				'emailAlerts' => true,
			),
			Settings::get()
		);
	}

	public function test_a_stored_value_of_the_wrong_kind_reads_back_as_the_default(): void {
		add_option(
			Settings::OPTION,
			array(
				'schedule'    => 'weekly',
				'emailAlerts' => 'yes',
			),
			'',
			false
		);

		$this->assertSame(
			array(
				'schedule'    => 'daily',
				'emailAlerts' => true,
			),
			Settings::get()
		);
	}

	public function test_an_update_changes_only_the_fields_given_and_is_not_autoloaded(): void {
		Settings::update( array( 'emailAlerts' => false ) );
		$updated = Settings::update( array( 'schedule' => 'hourly' ) );

		$this->assertSame(
			array(
				'schedule'    => 'hourly',
				'emailAlerts' => false,
			),
			$updated
		);
		global $wpdb;
		$autoload = $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", Settings::OPTION ) );
		$this->assertContains( $autoload, array( 'off', 'no' ) );
	}

	/**
	 * Updates that must be refused, and what the error must name.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string}>
	 */
	public function bad_updates(): array {
		return array(
			'an unknown schedule'          => array( array( 'schedule' => 'weekly' ), '/"schedule" must be one of: off, daily, hourly/' ),
			'a schedule that is no string' => array( array( 'schedule' => 1 ), '/"schedule" must be one of/' ),
			'a string for a boolean'       => array( array( 'emailAlerts' => 'yes' ), '/"emailAlerts" must be one of: true, false/' ),
			'an unknown setting'           => array( array( 'interval' => 'daily' ), '/There is no setting "interval"/' ),
		);
	}

	/**
	 * @dataProvider bad_updates
	 *
	 * @param array<string, mixed> $changes The update.
	 * @param string               $message What the error must say.
	 */
	public function test_a_bad_update_is_refused_with_400_and_changes_nothing( array $changes, string $message ): void {
		Settings::update( array( 'schedule' => 'hourly' ) );

		$error = Settings::update( $changes );

		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( 400, $error->get_error_data()['status'] );
		$this->assertMatchesRegularExpression( $message, $error->get_error_message() );
		$this->assertSame( 'hourly', Settings::schedule() );
	}

	public function test_the_recurring_check_follows_the_schedule_setting(): void {
		Settings::update( array( 'schedule' => 'hourly' ) );
		$this->assertSame( array( Scheduler::RECURRING_HOOK . ':{"interval":"hourly"}' ), self::pending( Scheduler::RECURRING_HOOK ) );
		$next = Scheduler::next_check_at();
		$this->assertNotNull( $next );
		$this->assertEqualsWithDelta( time() + HOUR_IN_SECONDS, $next, 120 );

		Settings::update( array( 'schedule' => 'daily' ) );
		$this->assertSame( array( Scheduler::RECURRING_HOOK . ':{"interval":"daily"}' ), self::pending( Scheduler::RECURRING_HOOK ) );

		Settings::update( array( 'schedule' => 'off' ) );
		$this->assertSame( array(), self::pending( Scheduler::RECURRING_HOOK ) );
		$this->assertNull( Scheduler::next_check_at() );
	}

	public function test_many_changes_queue_one_check_and_none_when_checks_are_off(): void {
		Settings::update( array( 'schedule' => 'daily' ) );
		as_unschedule_all_actions( Scheduler::AFTER_CHANGE_HOOK, array(), Scheduler::GROUP );

		Scheduler::check_soon();
		Scheduler::after_upgrade( null, array( 'type' => 'plugin' ) );
		Scheduler::check_soon();
		$this->assertCount( 1, self::pending( Scheduler::AFTER_CHANGE_HOOK ) );

		Settings::update( array( 'schedule' => 'off' ) );
		$this->assertSame( array(), self::pending( Scheduler::AFTER_CHANGE_HOOK ) );
		Scheduler::check_soon();
		$this->assertSame( array(), self::pending( Scheduler::AFTER_CHANGE_HOOK ) );
	}

	public function test_a_translation_update_queues_no_check(): void {
		Settings::update( array( 'schedule' => 'daily' ) );
		as_unschedule_all_actions( Scheduler::AFTER_CHANGE_HOOK, array(), Scheduler::GROUP );

		Scheduler::after_upgrade( null, array( 'type' => 'translation' ) );

		$this->assertSame( array(), self::pending( Scheduler::AFTER_CHANGE_HOOK ) );
	}
}
