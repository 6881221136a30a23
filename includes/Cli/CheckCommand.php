<?php
/**
 * `wp kco-doctor check`.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Cli;

use KcoCallbackDoctor\Admin\Page;
use KcoCallbackDoctor\Doctor;
use KcoCallbackDoctor\Verdict\LastDiagnosis;
use KcoCallbackDoctor\Verdict\RunVerdict;

defined( 'ABSPATH' ) || exit;

/**
 * Checks Klarna's callbacks now, for a shell or a monitoring system.
 *
 * Sends Klarna-shaped test requests to the site's own public URL, exactly as the page's
 * "Run the checks" button does, and stores the run with the page's history.
 *
 * Exit codes follow the monitoring-plugin convention (Nagios, Icinga, Zabbix, Checkmk):
 * 0 OK (every callback Klarna uses gets through), 1 WARNING (one is slow or could not be judged),
 * 2 CRITICAL (one Klarna uses is blocked, redirected or unreachable), 3 UNKNOWN (the check could
 * not run: another run in progress, bad arguments). Without an active Klarna Checkout, every
 * probed callback counts as used.
 *
 * ## OPTIONS
 *
 * [--endpoints=<ids>]
 * : Comma-separated endpoint ids to check (push, notification, validation,
 * shipping-option-update, block-validate, block-validation). Default: all.
 *
 * [--format=<format>]
 * : table (a status line, then one row per callback), json (one line), yaml or csv (one row per
 * callback). Default: table.
 *
 * [--<field>=<value>]
 * : Anything else is refused with exit code 3.
 *
 * ## EXAMPLES
 *
 *     # Check now; the first line is for monitoring tools.
 *     $ wp kco-doctor check
 *     KCO CALLBACKS CRITICAL - Push blocked (403): Cloudflare
 *
 *     # Every site of a fleet, one JSON line each.
 *     $ wp @all kco-doctor check --format=json
 */
final class CheckCommand {

	private const FORMATS = array( 'table', 'json', 'yaml', 'csv' );

	private const KNOWN_OPTIONS = array( 'endpoints', 'format' );

	/**
	 * Runs the check.
	 *
	 * @param string[]             $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args --endpoints, --format.
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		$format = isset( $assoc_args['format'] ) ? (string) $assoc_args['format'] : 'table';
		if ( ! in_array( $format, self::FORMATS, true ) ) {
			$this->unknown(
				'table',
				/* translators: 1: the format given, 2: the formats accepted. */
				sprintf( __( 'Unknown format "%1$s"; use one of: %2$s.', 'kco-callback-doctor' ), $format, implode( ', ', self::FORMATS ) ),
				'kco_callback_doctor_invalid_format'
			);
		}
		$unknown = array_diff( array_keys( $assoc_args ), self::KNOWN_OPTIONS );
		if ( ! empty( $unknown ) ) {
			$this->unknown(
				$format,
				/* translators: %s: the options given that are not known. */
				sprintf( __( 'Unknown option(s): --%s.', 'kco-callback-doctor' ), implode( ', --', $unknown ) ),
				'kco_callback_doctor_invalid_option'
			);
		}
		$endpoints = $this->endpoint_ids( $assoc_args, $format );

		$run = Doctor::run( Doctor::SOURCE_CLI, $endpoints );
		if ( is_wp_error( $run ) ) {
			$this->unknown( $format, $run->get_error_message(), (string) $run->get_error_code() );
		}

		$verdict = LastDiagnosis::verdict_of( $run );
		$this->print_verdict( $format, $run, $verdict );
		\WP_CLI::halt( MonitoringStatus::exit_code( $verdict['overall'] ) );
	}

	/**
	 * The ids of --endpoints, or none for all.
	 *
	 * @param array<string, mixed> $assoc_args Options.
	 * @param string               $format     Output format.
	 * @return string[]
	 */
	private function endpoint_ids( array $assoc_args, string $format ): array {
		if ( ! isset( $assoc_args['endpoints'] ) ) {
			return array();
		}
		$given = is_string( $assoc_args['endpoints'] ) ? $assoc_args['endpoints'] : '';
		$ids   = array_values( array_filter( array_map( 'trim', explode( ',', $given ) ), 'strlen' ) );
		if ( empty( $ids ) ) {
			$this->unknown( $format, __( '--endpoints needs at least one endpoint id, e.g. --endpoints=push,validation.', 'kco-callback-doctor' ), 'kco_callback_doctor_invalid_endpoints' );
		}
		return $ids;
	}

	/**
	 * Prints the verdict in the chosen format.
	 *
	 * @param string                                                              $format  Output format.
	 * @param array<string, mixed>                                                $run     The stored run.
	 * @param array{overall: string, endpoints: array<int, array<string, mixed>>} $verdict Its verdict.
	 */
	private function print_verdict( string $format, array $run, array $verdict ): void {
		switch ( $format ) {
			case 'json':
				\WP_CLI::line( (string) wp_json_encode( Report::of( $run, $verdict ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
				return;
			case 'table':
				\WP_CLI::line( MonitoringStatus::line( $verdict ) );
				\WP_CLI\Utils\format_items( 'table', Report::rows( $verdict ), Report::ROW_FIELDS );
				/* translators: 1: run id, 2: address of the plugin's page. */
				\WP_CLI::line( sprintf( __( 'Run %1$s. Causes and fixes: %2$s', 'kco-callback-doctor' ), $run['id'], Page::url() ) );
				return;
			default:
				\WP_CLI\Utils\format_items( $format, Report::rows( $verdict ), Report::ROW_FIELDS );
		}
	}

	/**
	 * Says why the check could not run and exits with UNKNOWN (3): `WP_CLI::error()` would exit
	 * with 1, which monitoring tools read as WARNING.
	 *
	 * @param string $format  Output format.
	 * @param string $message Why.
	 * @param string $code    Error code.
	 */
	private function unknown( string $format, string $message, string $code ): void {
		if ( 'json' === $format ) {
			\WP_CLI::line(
				(string) wp_json_encode(
					array(
						'site'     => home_url(),
						'status'   => RunVerdict::UNKNOWN,
						'exitCode' => MonitoringStatus::UNKNOWN,
						'error'    => array(
							'code'    => $code,
							'message' => $message,
						),
					),
					JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
				)
			);
		} else {
			\WP_CLI::line( MonitoringStatus::line_with( RunVerdict::UNKNOWN, $message ) );
			\WP_CLI::error( $message, false );
		}
		\WP_CLI::halt( MonitoringStatus::UNKNOWN );
	}
}
