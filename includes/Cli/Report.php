<?php
/**
 * A run's verdict as the command line prints it.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Cli;

use KcoCallbackDoctor\Admin\Page;

defined( 'ABSPATH' ) || exit;

/**
 * The JSON document (one per site, so `wp @all … --format=json` gives one line per site) and the
 * rows of the table, CSV and YAML formats.
 */
final class Report {

	/** Columns of the table, CSV and YAML formats. */
	public const ROW_FIELDS = array( 'endpoint', 'callback', 'state', 'used', 'http', 'blocker', 'path' );

	/**
	 * The JSON document of a check.
	 *
	 * @param array<string, mixed>                                                $run     The stored run.
	 * @param array{overall: string, endpoints: array<int, array<string, mixed>>} $verdict Its verdict.
	 * @return array<string, mixed>
	 */
	public static function of( array $run, array $verdict ): array {
		return array(
			'site'      => home_url(),
			'status'    => $verdict['overall'],
			'exitCode'  => MonitoringStatus::exit_code( $verdict['overall'] ),
			'summary'   => MonitoringStatus::line( $verdict ),
			'run'       => array(
				'id'         => $run['id'],
				'source'     => $run['source'] ?? null,
				'startedAt'  => $run['startedAt'],
				'durationMs' => $run['durationMs'],
			),
			'endpoints' => $verdict['endpoints'],
			'page'      => Page::url(),
		);
	}

	/**
	 * One row per endpoint.
	 *
	 * @param array{overall: string, endpoints: array<int, array<string, mixed>>} $verdict A run's verdict.
	 * @return array<int, array<string, string>>
	 */
	public static function rows( array $verdict ): array {
		$rows = array();
		foreach ( $verdict['endpoints'] as $endpoint ) {
			$rows[] = array(
				'endpoint' => (string) $endpoint['id'],
				'callback' => (string) $endpoint['label'],
				'state'    => (string) $endpoint['state'],
				'used'     => $endpoint['used'] ? __( 'yes', 'kco-callback-doctor' ) : __( 'no', 'kco-callback-doctor' ),
				'http'     => null === $endpoint['httpStatus'] ? '' : (string) $endpoint['httpStatus'],
				'blocker'  => EndpointText::blocker( $endpoint ),
				'path'     => (string) $endpoint['path'],
			);
		}
		return $rows;
	}
}
