<?php
/**
 * `wp kco-doctor runs list|get`.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Cli;

use KcoCallbackDoctor\RunHistory;
use KcoCallbackDoctor\Verdict\LastDiagnosis;

defined( 'ABSPATH' ) || exit;

/**
 * The stored runs: those started from the page or WP-CLI, and the scheduled ones.
 */
final class RunsCommand {

	private const LIST_FIELDS = array( 'id', 'source', 'startedAt', 'overall', 'callbacks', 'durationMs' );

	/**
	 * Lists the stored runs, newest first.
	 *
	 * ## OPTIONS
	 *
	 * [--channel=<channel>]
	 * : manual (runs from the page and WP-CLI), schedule (scheduled runs) or all.
	 * ---
	 * default: all
	 * options:
	 *   - manual
	 *   - schedule
	 *   - all
	 * ---
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 *   - csv
	 *   - ids
	 *   - count
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp kco-doctor runs list --format=json
	 *
	 * @subcommand list
	 *
	 * @param string[]             $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args --channel, --format.
	 */
	public function list_( array $args, array $assoc_args ): void {
		$channel  = (string) ( $assoc_args['channel'] ?? 'all' );
		$channels = 'all' === $channel ? array( RunHistory::CHANNEL_MANUAL, RunHistory::CHANNEL_SCHEDULE ) : array( $channel );
		$rows     = array();
		foreach ( $channels as $one ) {
			foreach ( RunHistory::summaries( $one ) as $summary ) {
				$callbacks = array();
				foreach ( $summary['verdicts'] as $endpoint ) {
					$callbacks[] = $endpoint['id'] . ':' . $endpoint['state'];
				}
				$rows[] = array(
					'id'         => $summary['id'],
					'source'     => $summary['source'],
					'startedAt'  => $summary['startedAt'],
					'overall'    => $summary['overall'],
					'callbacks'  => implode( ' ', $callbacks ),
					'durationMs' => $summary['durationMs'],
				);
			}
		}
		usort(
			$rows,
			static function ( array $a, array $b ): int {
				return strcmp( (string) $b['startedAt'], (string) $a['startedAt'] );
			}
		);
		\WP_CLI\Utils\format_items( (string) ( $assoc_args['format'] ?? 'table' ), $rows, self::LIST_FIELDS );
	}

	/**
	 * Shows one stored run.
	 *
	 * ## OPTIONS
	 *
	 * <id>
	 * : The run id, as `runs list` shows it.
	 *
	 * [--format=<format>]
	 * : table (the verdict per callback), json (the stored run, one line) or yaml.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp kco-doctor runs get 0f8c7a52-3d1e-4b6a-9c2f-7e5d4a3b2c1d --format=json
	 *
	 * @param string[]             $args       The run id.
	 * @param array<string, mixed> $assoc_args --format.
	 */
	public function get( array $args, array $assoc_args ): void {
		$run = RunHistory::find( (string) ( $args[0] ?? '' ) );
		if ( null === $run ) {
			\WP_CLI::error( __( 'No run with this id is kept. `wp kco-doctor runs list` shows the kept runs.', 'kco-callback-doctor' ) );
			return;
		}
		$format = (string) ( $assoc_args['format'] ?? 'table' );
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $run, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
			return;
		}
		if ( 'yaml' === $format ) {
			// Through JSON, so the observations' header objects become plain maps.
			\WP_CLI::line( \Spyc::YAMLDump( json_decode( (string) wp_json_encode( $run ), true ), 2, 0 ) );
			return;
		}
		$verdict = LastDiagnosis::verdict_of( $run );
		\WP_CLI::line( MonitoringStatus::line( $verdict ) );
		\WP_CLI\Utils\format_items( 'table', Report::rows( $verdict ), Report::ROW_FIELDS );
	}
}
