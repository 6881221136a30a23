<?php
/**
 * Deactivation and uninstall, on a throwaway single site and a throwaway multisite network that
 * run the stack's real WordPress with the real WooCommerce 10 (tests/php/support/isolated-site.php).
 *
 * @package KcoCallbackDoctor\Tests
 */

use PHPUnit\Framework\TestCase;

/**
 * The plugin leaves nothing behind: deactivating it stops every scheduled action and cron event
 * of it, deleting it removes every row it wrote, on every site, and nothing of anyone else.
 */
final class UninstallTest extends TestCase {

	/**
	 * Throwaway installs this test created, dropped again at the end.
	 *
	 * @var string[]
	 */
	private $kinds = array();

	protected function tearDown(): void {
		foreach ( $this->kinds as $kind ) {
			$this->site( $kind, 'drop' );
		}
	}

	public function test_on_a_single_site_deactivation_stops_the_schedules_and_uninstall_removes_every_row(): void {
		$this->install( 'single' );
		$this->site( 'single', 'seed' );

		// Declared on before_woocommerce_init in plugin.php, read back from the real WooCommerce.
		$features = $this->site( 'single', 'features' );
		$this->assertContains( 'custom_order_tables', $features['compatible'] );
		$this->assertContains( 'cart_checkout_blocks', $features['compatible'] );

		$seeded = $this->report( 'single' )['sites']['1'];
		$this->assert_seeded( $seeded );

		$this->assertSame( array(), $this->site( 'single', 'deactivate' )['databaseErrors'] );
		$deactivated = $this->report( 'single' )['sites']['1'];
		$this->assertFalse( $deactivated['plugin_active'] );
		$this->assert_schedules_gone_data_kept( $seeded, $deactivated );

		$this->assertSame( array(), $this->site( 'single', 'uninstall' )['databaseErrors'] );
		$this->assert_nothing_left_but_the_controls( $this->report( 'single' )['sites']['1'] );
	}

	public function test_on_a_network_deactivation_and_uninstall_reach_every_site_and_the_network(): void {
		$this->install( 'network' );
		$this->site( 'network', 'seed', '/' );
		$this->site( 'network', 'seed', '/second/' );

		$seeded = $this->report( 'network' );
		$this->assert_seeded( $seeded['sites']['1'] );
		$this->assert_seeded( $seeded['sites']['2'] );
		$this->assertContains( 'kco_callback_doctor_network_notice', $seeded['network'] );
		$this->assertContains( '_site_transient_kco_callback_doctor_network_cache', $seeded['network'] );

		// Network-wide deactivation; the third site never ran WooCommerce, so it has no Action
		// Scheduler tables, and asking them anyway would be a database error.
		$this->assertSame( array(), $this->site( 'network', 'deactivate' )['databaseErrors'] );
		$deactivated = $this->report( 'network' );
		foreach ( array( '1', '2' ) as $site ) {
			$this->assertFalse( $deactivated['sites'][ $site ]['plugin_active'] );
			$this->assert_schedules_gone_data_kept( $seeded['sites'][ $site ], $deactivated['sites'][ $site ] );
		}

		$this->assertSame( array(), $this->site( 'network', 'uninstall' )['databaseErrors'] );
		$uninstalled = $this->report( 'network' );
		$this->assert_nothing_left_but_the_controls( $uninstalled['sites']['1'] );
		$this->assert_nothing_left_but_the_controls( $uninstalled['sites']['2'] );
		$this->assertSame( array(), $uninstalled['sites']['3']['options'] );
		$this->assertSame( array(), $uninstalled['network'], 'network options and site transients of the plugin remain' );
	}

	/**
	 * What the seed wrote is really there, so "nothing left" later means something.
	 *
	 * @param array<string, mixed> $site One site of the report.
	 */
	private function assert_seeded( array $site ): void {
		$options = implode( ' ', $site['options'] );
		foreach ( array( 'kco_callback_doctor_runs', 'kco_callback_doctor_run_lock', '_transient_kco_callback_doctor_cached_environment' ) as $name ) {
			$this->assertContains( $name, $site['options'] );
		}
		$this->assertMatchesRegularExpression( '/kco_callback_doctor_run_[0-9a-f-]{36}/', $options, 'a stored run' );
		$this->assertMatchesRegularExpression( '/kco_callback_doctor_used_probe_[0-9a-f]{32}/', $options, 'a used probe token' );
		$this->assertSame( array( 'kco_callback_doctor_daily_check' ), $site['cron_hooks'] );
		// The seeded actions, plus the daily check the active plugin schedules for itself.
		$this->assertGreaterThanOrEqual( 2, $site['actions_pending'] );
		$this->assertGreaterThanOrEqual( 3, $site['actions_any'] );
		$this->assertSame( 1, $site['dismissals'], 'the seeded alert dismissal' );
	}

	/**
	 * After deactivation: no pending action, no cron event; the data stays for a reactivation.
	 *
	 * @param array<string, mixed> $seeded      The site before.
	 * @param array<string, mixed> $deactivated The site after deactivation.
	 */
	private function assert_schedules_gone_data_kept( array $seeded, array $deactivated ): void {
		$this->assertSame( 0, $deactivated['actions_pending'], 'pending Action Scheduler actions of the plugin remain' );
		$this->assertSame( array(), $deactivated['cron_hooks'], 'WP-Cron events of the plugin remain' );
		$this->assertSame( $seeded['options'], $deactivated['options'], 'deactivation must keep the settings and history' );
		$this->assert_controls_intact( $deactivated );
	}

	/**
	 * After uninstall: no row of the plugin; everyone else's data as it was.
	 *
	 * @param array<string, mixed> $site One site of the report.
	 */
	private function assert_nothing_left_but_the_controls( array $site ): void {
		$this->assertSame( array(), $site['options'], 'options or transients of the plugin remain' );
		$this->assertSame( 0, $site['actions_any'], 'Action Scheduler rows of the plugin remain' );
		$this->assertSame( array(), $site['cron_hooks'] );
		$this->assertSame( 0, $site['dismissals'], 'alert dismissals (user meta) remain' );
		$this->assert_controls_intact( $site );
	}

	/**
	 * Data of another owner, written by the seed, is untouched.
	 *
	 * @param array<string, mixed> $site One site of the report.
	 */
	private function assert_controls_intact( array $site ): void {
		$this->assertSame( 'kept', $site['control_option'] );
		$this->assertTrue( $site['control_cron'] );
		$this->assertSame( 1, $site['control_actions'] );
	}

	/**
	 * Installs a fresh throwaway site (or network) with WooCommerce and the plugin active.
	 *
	 * @param string $kind single or network.
	 */
	private function install( string $kind ): void {
		$this->kinds[] = $kind;
		$this->site( $kind, 'drop' );
		$this->site( $kind, 'install' );
	}

	/**
	 * The stored state of the throwaway install.
	 *
	 * @param string $kind single or network.
	 * @return array<string, mixed>
	 */
	private function report( string $kind ): array {
		return $this->site( $kind, 'report' );
	}

	/**
	 * Runs a command of the throwaway-site script in its own PHP process.
	 *
	 * @param string $kind    single or network.
	 * @param string $command Command.
	 * @param string $path    Site path on a network.
	 * @return array<string, mixed> The command's JSON output, or an empty array.
	 */
	private function site( string $kind, string $command, string $path = '/' ): array {
		$script = __DIR__ . '/support/isolated-site.php';
		$line   = implode( ' ', array_map( 'escapeshellarg', array( PHP_BINARY, $script, $kind, $command, $path ) ) ) . ' 2>&1';
		exec( $line, $output, $status ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
		$text = implode( "\n", $output );
		$this->assertSame( 0, $status, "isolated-site.php $kind $command $path failed:\n$text" );
		$json = json_decode( (string) end( $output ), true );
		return is_array( $json ) ? $json : array();
	}
}
