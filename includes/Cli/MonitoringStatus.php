<?php
/**
 * The monitoring-plugin convention for a run's verdict.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Cli;

use KcoCallbackDoctor\Verdict\EndpointState;
use KcoCallbackDoctor\Verdict\RunVerdict;

defined( 'ABSPATH' ) || exit;

/**
 * Exit codes and the first output line as Nagios plugins define them and Icinga, Zabbix
 * (external checks) and Checkmk (local/MRPE checks) read them: 0 OK, 1 WARNING, 2 CRITICAL,
 * 3 UNKNOWN, and one line `SERVICE STATUS - text`.
 */
final class MonitoringStatus {

	public const OK       = 0;
	public const WARNING  = 1;
	public const CRITICAL = 2;
	public const UNKNOWN  = 3;

	private const SERVICE = 'KCO CALLBACKS';

	private const CODES = array(
		RunVerdict::OK       => self::OK,
		RunVerdict::WARNING  => self::WARNING,
		RunVerdict::CRITICAL => self::CRITICAL,
		RunVerdict::UNKNOWN  => self::UNKNOWN,
	);

	/**
	 * Exit code of an overall status.
	 *
	 * @param string $overall RunVerdict::OK, WARNING, CRITICAL or UNKNOWN.
	 */
	public static function exit_code( string $overall ): int {
		return self::CODES[ $overall ] ?? self::UNKNOWN;
	}

	/**
	 * The status line of a verdict, e.g. `KCO CALLBACKS CRITICAL - Push blocked (403): Cloudflare`.
	 *
	 * @param array{overall: string, endpoints: array<int, array<string, mixed>>} $verdict A run's verdict.
	 */
	public static function line( array $verdict ): string {
		return self::line_with( $verdict['overall'], self::text( $verdict ) );
	}

	/**
	 * A status line with a text of its own (UNKNOWN: why the check could not run).
	 *
	 * @param string $overall RunVerdict::OK, WARNING, CRITICAL or UNKNOWN.
	 * @param string $text    What to say after the dash.
	 */
	public static function line_with( string $overall, string $text ): string {
		// The keyword stays English: monitoring tools and their users parse it.
		return self::SERVICE . ' ' . strtoupper( $overall ) . ' - ' . $text;
	}

	/**
	 * What the owner reads after the dash: the callbacks that decide the status.
	 *
	 * @param array{overall: string, endpoints: array<int, array<string, mixed>>} $verdict A run's verdict.
	 */
	private static function text( array $verdict ): string {
		$used = array_values(
			array_filter(
				$verdict['endpoints'],
				static function ( array $endpoint ): bool {
					return $endpoint['used'];
				}
			)
		);
		switch ( $verdict['overall'] ) {
			case RunVerdict::OK:
				return sprintf(
					/* translators: %d: number of callbacks. */
					_n( '%d callback Klarna uses gets through', '%d callbacks Klarna uses get through', count( $used ), 'kco-callback-doctor' ),
					count( $used )
				);
			case RunVerdict::UNKNOWN:
				return __( 'no callback Klarna uses was checked', 'kco-callback-doctor' );
		}
		$parts = array();
		foreach ( $used as $endpoint ) {
			$decides = RunVerdict::CRITICAL === $verdict['overall']
				? in_array( $endpoint['state'], EndpointState::FAILING, true )
				: EndpointState::PASSED !== $endpoint['state'];
			if ( $decides ) {
				$parts[] = EndpointText::describe( $endpoint );
			}
		}
		return implode( '; ', $parts );
	}
}
