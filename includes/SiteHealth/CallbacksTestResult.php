<?php
/**
 * The result of the Site Health test "Klarna can reach your shop's callbacks", in Site Health's shape.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\SiteHealth;

use KcoCallbackDoctor\Report\CallbackReport;
use KcoCallbackDoctor\Report\StateText;
use KcoCallbackDoctor\Verdict\EndpointState;

defined( 'ABSPATH' ) || exit;

/**
 * Pure: a CallbackReport in, Site Health's result out (label, status, badge, description,
 * actions, test; wp-admin/includes/class-wp-site-health.php documents the keys). Site Health
 * prints description and actions as HTML, so everything taken from a run is escaped here.
 */
final class CallbacksTestResult {

	/**
	 * The test's key in `site_status_tests`, also its `test` field in the result.
	 */
	public const TEST = 'kco_callback_doctor_callbacks';

	/**
	 * The result for a report.
	 *
	 * @param array<string, mixed> $report   CallbackReport.
	 * @param int                  $now      Unix time the result is built at.
	 * @param string               $page_url The doctor's page.
	 * @return array<string, mixed>
	 */
	public static function of( array $report, int $now, string $page_url ): array {
		switch ( $report['overall'] ) {
			case 'critical':
				return self::critical( $report, $now, $page_url );
			case 'warning':
				return self::warning( $report, $now, $page_url );
			case 'ok':
				return self::good( $report, $now, $page_url );
			default:
				return self::result(
					'recommended',
					__( 'Klarna\'s callbacks could not be checked', 'kco-callback-doctor' ),
					self::paragraph( __( 'The last check could not judge any callback that Klarna Checkout uses. Run the Callback Doctor to see why.', 'kco-callback-doctor' ) )
						. self::checked( $report, $now ),
					$page_url
				);
		}
	}

	/**
	 * The result when no run could be judged: one is in progress, or the run failed.
	 *
	 * @param \WP_Error $error    Doctor::run()'s error.
	 * @param string    $page_url The doctor's page.
	 * @return array<string, mixed>
	 */
	public static function of_error( \WP_Error $error, string $page_url ): array {
		if ( 'kco_callback_doctor_run_in_progress' === $error->get_error_code() ) {
			return self::result(
				'recommended',
				__( 'Klarna\'s callbacks are being checked right now', 'kco-callback-doctor' ),
				self::paragraph( __( 'Another Callback Doctor check is running on this site. Open Site Health again in a minute to see its result.', 'kco-callback-doctor' ) ),
				$page_url
			);
		}
		return self::result(
			'recommended',
			__( 'Klarna\'s callbacks could not be checked', 'kco-callback-doctor' ),
			self::paragraph(
				/* translators: %s: the error message. */
				sprintf( __( 'The Callback Doctor could not run its check: %s', 'kco-callback-doctor' ), $error->get_error_message() )
			),
			$page_url
		);
	}

	/**
	 * A used callback fails: orders get stuck.
	 *
	 * @param array<string, mixed> $report   CallbackReport.
	 * @param int                  $now      Now.
	 * @param string               $page_url The doctor's page.
	 * @return array<string, mixed>
	 */
	private static function critical( array $report, int $now, string $page_url ): array {
		$attention = CallbackReport::needing_attention( $report );
		$failing   = array_filter(
			$attention,
			static function ( array $callback ): bool {
				return in_array( $callback['state'], EndpointState::FAILING, true );
			}
		);
		$named     = array() === $failing ? $attention : $failing;
		$label     = sprintf(
			/* translators: %s: callback names, e.g. "Push" or "Push and Validation". */
			_n( 'Klarna cannot reach your shop\'s %s callback', 'Klarna cannot reach your shop\'s %s callbacks', max( 1, count( $named ) ), 'kco-callback-doctor' ),
			self::names( $named )
		);
		$description = self::paragraph( __( 'Klarna\'s servers call your shop back during every purchase to confirm the order. When a callback that Klarna Checkout uses cannot get through, orders paid with Klarna stay in "Pending payment" and Klarna keeps retrying.', 'kco-callback-doctor' ) )
			. self::callback_list( $attention )
			. self::checked( $report, $now );
		return self::result( 'critical', $label, $description, $page_url, __( 'See the cause and the fix in the Callback Doctor', 'kco-callback-doctor' ) );
	}

	/**
	 * A used callback is slow or could not be judged: at risk, not known to fail.
	 *
	 * @param array<string, mixed> $report   CallbackReport.
	 * @param int                  $now      Now.
	 * @param string               $page_url The doctor's page.
	 * @return array<string, mixed>
	 */
	private static function warning( array $report, int $now, string $page_url ): array {
		$attention = CallbackReport::needing_attention( $report );
		$slow      = array_filter(
			$attention,
			static function ( array $callback ): bool {
				return 'slow' === $callback['state'];
			}
		);
		if ( array() !== $slow ) {
			$label = sprintf(
				/* translators: %s: callback names, e.g. "Validation". */
				_n( 'Your shop answers Klarna\'s %s callback too slowly', 'Your shop answers Klarna\'s %s callbacks too slowly', count( $slow ), 'kco-callback-doctor' ),
				self::names( $slow )
			);
		} else {
			$label = __( 'It is not certain that Klarna can reach your shop\'s callbacks', 'kco-callback-doctor' );
		}
		$description = self::paragraph( __( 'Klarna\'s servers call your shop back during every purchase. No callback was refused, but these need a look:', 'kco-callback-doctor' ) )
			. self::callback_list( $attention )
			. self::checked( $report, $now );
		return self::result( 'recommended', $label, $description, $page_url );
	}

	/**
	 * Every used callback passes.
	 *
	 * @param array<string, mixed> $report   CallbackReport.
	 * @param int                  $now      Now.
	 * @param string               $page_url The doctor's page.
	 * @return array<string, mixed>
	 */
	private static function good( array $report, int $now, string $page_url ): array {
		$used        = array_filter(
			$report['callbacks'],
			static function ( array $callback ): bool {
				return ! empty( $callback['used'] );
			}
		);
		$description = self::paragraph( __( 'Klarna\'s servers call your shop back during every purchase. The Callback Doctor sent test requests shaped like Klarna\'s to your own shop, and every callback that Klarna Checkout uses got through:', 'kco-callback-doctor' ) )
			. self::callback_list( $used, false );
		if ( count( $used ) < count( $report['callbacks'] ) ) {
			$description .= self::paragraph( __( 'Callbacks that the installed Klarna Checkout no longer uses are not judged.', 'kco-callback-doctor' ) );
		}
		$description .= self::checked( $report, $now );
		return self::result( 'good', __( 'Klarna can reach your shop\'s callbacks', 'kco-callback-doctor' ), $description, $page_url );
	}

	/**
	 * Site Health's result array.
	 *
	 * @param string $status      good, recommended or critical.
	 * @param string $label       Headline (plain text).
	 * @param string $description HTML, already escaped.
	 * @param string $page_url    The doctor's page.
	 * @param string $action      Link text to the page.
	 * @return array<string, mixed>
	 */
	private static function result( string $status, string $label, string $description, string $page_url, string $action = '' ): array {
		$action = '' === $action ? __( 'Open the Callback Doctor', 'kco-callback-doctor' ) : $action;
		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => __( 'Payments', 'kco-callback-doctor' ),
				'color' => 'blue',
			),
			'description' => $description,
			'actions'     => sprintf( '<p><a href="%1$s">%2$s</a></p>', esc_url( $page_url ), esc_html( $action ) ),
			'test'        => self::TEST,
		);
	}

	/**
	 * A list of callbacks, with what happened to each unless they all passed.
	 *
	 * @param array<int|string, array<string, mixed>> $callbacks RunVerdict endpoints.
	 * @param bool                                    $explain   Whether to say what happened.
	 */
	private static function callback_list( array $callbacks, bool $explain = true ): string {
		if ( array() === $callbacks ) {
			return '';
		}
		$items = '';
		foreach ( $callbacks as $callback ) {
			$status = isset( $callback['httpStatus'] ) ? (int) $callback['httpStatus'] : null;
			$items .= sprintf(
				'<li><strong>%1$s</strong> (<code>%2$s</code>)%3$s</li>',
				esc_html( (string) $callback['label'] ),
				esc_html( self::path_without_query( (string) $callback['path'] ) ),
				$explain ? ': ' . esc_html( StateText::sentence( (string) $callback['state'], $status ) ) . self::blocker( $callback ) : ''
			);
		}
		return '<ul>' . $items . '</ul>';
	}

	/**
	 * The path a firewall rule names (`/wc-api/KCO_WC_Push/`), without KCO's query.
	 *
	 * @param string $path Catalogue path.
	 */
	private static function path_without_query( string $path ): string {
		$query = strpos( $path, '?' );
		return false === $query ? $path : substr( $path, 0, $query );
	}

	/**
	 * The blocker the doctor's page diagnosed for a callback, as a sentence (escaped), or ''.
	 *
	 * @param array<string, mixed> $callback RunVerdict endpoint.
	 */
	private static function blocker( array $callback ): string {
		$blocker = $callback['blocker'] ?? null;
		if ( ! is_array( $blocker ) || 'passed' === $callback['state'] ) {
			return '';
		}
		if ( isset( $blocker['productName'] ) && '' !== (string) $blocker['productName'] ) {
			/* translators: %s: product name, e.g. Cloudflare or Wordfence. */
			return ' ' . esc_html( sprintf( __( 'The Callback Doctor identified the blocker: %s.', 'kco-callback-doctor' ), (string) $blocker['productName'] ) );
		}
		if ( isset( $blocker['causeId'] ) && null !== $blocker['causeId'] ) {
			return ' ' . esc_html__( 'The Callback Doctor has diagnosed the cause; its page shows it with the fix.', 'kco-callback-doctor' );
		}
		return '';
	}

	/**
	 * When the judged run started, and who started it (escaped HTML), or '' without a run.
	 *
	 * @param array<string, mixed> $report CallbackReport.
	 * @param int                  $now    Now.
	 */
	private static function checked( array $report, int $now ): string {
		if ( null === $report['checkedAt'] ) {
			return '';
		}
		$when = (int) $report['checkedAt'];
		return self::paragraph(
			sprintf(
				/* translators: 1: time since the check, e.g. "5 mins", 2: date and time of the check, 3: how it was started, e.g. "automatic check". */
				__( 'Checked %1$s ago (%2$s, %3$s).', 'kco-callback-doctor' ),
				human_time_diff( $when, max( $when, $now ) ),
				wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $when ),
				StateText::source( (string) $report['source'] )
			)
		);
	}

	/**
	 * Callback labels as one phrase ("Push, Validation and Notification").
	 *
	 * @param array<int|string, array<string, mixed>> $callbacks RunVerdict endpoints.
	 */
	private static function names( array $callbacks ): string {
		$labels = array_map(
			static function ( array $callback ): string {
				return (string) $callback['label'];
			},
			array_values( $callbacks )
		);
		return wp_sprintf_l( '%l', $labels );
	}

	/**
	 * A paragraph of escaped text.
	 *
	 * @param string $text Plain text.
	 */
	private static function paragraph( string $text ): string {
		return '<p>' . esc_html( $text ) . '</p>';
	}
}
