<?php
/**
 * `wp kco-doctor …`: every subcommand, registered from one place.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Cli;

defined( 'ABSPATH' ) || exit;

/**
 * One class per subcommand. plugin.php calls register() only under WP-CLI, so no request a
 * browser makes ever loads these files.
 */
final class Commands {

	public const PREFIX = 'kco-doctor';

	/**
	 * Subcommand => class. A class with __invoke() is one command (`check`); one with public
	 * methods is a group of commands (`runs list`, `runs get`).
	 */
	private const SUBCOMMANDS = array(
		'check'    => CheckCommand::class,
		'runs'     => RunsCommand::class,
		'schedule' => ScheduleCommand::class,
		'traffic'  => TrafficCommand::class,
	);

	/**
	 * Registers every subcommand with WP-CLI.
	 */
	public static function register(): void {
		foreach ( self::SUBCOMMANDS as $name => $class ) {
			\WP_CLI::add_command( self::PREFIX . ' ' . $name, $class );
		}
	}
}
