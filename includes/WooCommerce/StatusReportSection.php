<?php
/**
 * The "Callback Doctor" section of WooCommerce → Status → System status.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\WooCommerce;

use KcoCallbackDoctor\Admin\Page;
use KcoCallbackDoctor\Environment;
use KcoCallbackDoctor\Report\CallbackReport;
use KcoCallbackDoctor\Report\StateText;
use KcoCallbackDoctor\Traffic\TrafficReport;
use KcoCallbackDoctor\Traffic\TrafficText;
use KcoCallbackDoctor\Verdict\EndpointState;

defined( 'ABSPATH' ) || exit;

/**
 * A table like WooCommerce's own sections (includes/admin/views/html-admin-page-status-report.php):
 * label, help, value. "Get system report" (assets/js/admin/system-status.js) copies each
 * section's `th[data-export-label]`, each row's `td[data-export-label]` and the value cell's text,
 * with `dashicons-yes` as ✔ and `dashicons-warning` as ❌, and splits a value at ", " into lines;
 * so export labels are fixed English like WooCommerce's, and values use no ", ".
 */
final class StatusReportSection {

	/**
	 * `woocommerce_system_status_report`: prints the section.
	 */
	public static function render(): void {
		echo self::html( CallbackReport::latest(), Environment::kco(), Page::url(), TrafficReport::safely() ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- html() escapes every part.
	}

	/**
	 * Pure: the section's HTML, every value escaped.
	 *
	 * @param array<string, mixed> $report   CallbackReport.
	 * @param array<string, mixed> $kco      Environment::kco().
	 * @param string               $page_url The doctor's page.
	 * @param array<string, mixed>|null $traffic TrafficReport::summary(), or null when unknown.
	 */
	public static function html( array $report, array $kco, string $page_url, ?array $traffic = null ): string {
		$title = __( 'Callback Doctor for Klarna Checkout', 'kco-callback-doctor' );
		$rows  = self::row( 'Last complete check', __( 'Last complete check', 'kco-callback-doctor' ), self::last_check( $report ) )
			. self::row( 'Result', __( 'Result', 'kco-callback-doctor' ), self::mark( self::overall_mark( (string) $report['overall'] ), StateText::overall( (string) $report['overall'] ) ) );
		foreach ( $report['callbacks'] as $callback ) {
			$rows .= self::row(
				'Callback ' . (string) $callback['id'],
				(string) $callback['label'],
				self::callback( $callback, $report ),
				(string) $callback['path']
			);
		}
		if ( null !== $traffic ) {
			$rows .= self::traffic_rows( $traffic );
		}
		$rows .= self::row( 'Klarna Checkout', __( 'Klarna Checkout', 'kco-callback-doctor' ), esc_html( self::kco( $kco ) ) )
			. self::row( 'Details', __( 'Details', 'kco-callback-doctor' ), sprintf( '<a href="%1$s">%2$s</a>', esc_url( $page_url ), esc_html__( 'Open the Callback Doctor', 'kco-callback-doctor' ) ) );

		return '<table class="wc_status_table widefat" cellspacing="0" id="kco-callback-doctor-status">'
			. '<thead><tr><th colspan="3" data-export-label="Callback Doctor for Klarna Checkout"><h2>' . esc_html( $title )
			. self::help_tip( __( 'Whether Klarna\'s servers could reach this shop\'s callbacks at the Callback Doctor\'s last complete check.', 'kco-callback-doctor' ) )
			. '</h2></th></tr></thead><tbody>' . $rows . '</tbody></table>';
	}

	/**
	 * One row: label, help, value.
	 *
	 * @param string $export_label Fixed English label for the exported report.
	 * @param string $label        Shown label (plain text).
	 * @param string $value_html   Value, already escaped HTML.
	 * @param string $help         Help tip (plain text), or ''.
	 */
	private static function row( string $export_label, string $label, string $value_html, string $help = '' ): string {
		return sprintf(
			'<tr><td data-export-label="%1$s">%2$s:</td><td class="help">%3$s</td><td>%4$s</td></tr>',
			esc_attr( $export_label ),
			esc_html( $label ),
			'' === $help ? '&nbsp;' : self::help_tip( $help ),
			$value_html
		);
	}

	/**
	 * When the reported run started, and who started it (escaped).
	 *
	 * @param array<string, mixed> $report CallbackReport.
	 */
	private static function last_check( array $report ): string {
		if ( null === $report['checkedAt'] ) {
			return esc_html__( 'None yet', 'kco-callback-doctor' );
		}
		return esc_html(
			sprintf(
				/* translators: 1: date and time, 2: how the check was started, e.g. "automatic check". */
				__( '%1$s (%2$s)', 'kco-callback-doctor' ),
				self::time( (int) $report['checkedAt'] ),
				StateText::source( (string) $report['source'] )
			)
		);
	}

	/**
	 * One callback: state, HTTP status, blocker, when.
	 *
	 * @param array<string, mixed> $callback RunVerdict endpoint.
	 * @param array<string, mixed> $report   CallbackReport.
	 */
	private static function callback( array $callback, array $report ): string {
		$state = (string) $callback['state'];
		$parts = array( StateText::name( $state ) );
		if ( null !== $callback['httpStatus'] ) {
			/* translators: %d: HTTP status code. */
			$parts[] = sprintf( __( 'HTTP %d', 'kco-callback-doctor' ), (int) $callback['httpStatus'] );
		}
		$product = is_array( $callback['blocker'] ) ? ( $callback['blocker']['productName'] ?? null ) : null;
		if ( null !== $product && EndpointState::PASSED !== $state ) {
			/* translators: %s: product name, e.g. Cloudflare. */
			$parts[] = sprintf( __( 'blocked by %s', 'kco-callback-doctor' ), (string) $product );
		}
		if ( empty( $callback['used'] ) ) {
			$parts[] = __( 'not used by the installed Klarna Checkout', 'kco-callback-doctor' );
		}
		/* translators: %s: date and time of the check. */
		$parts[] = sprintf( __( 'checked %s', 'kco-callback-doctor' ), self::time( (int) $report['checkedAt'] ) );

		if ( empty( $callback['used'] ) ) {
			return esc_html( implode( ' – ', $parts ) );
		}
		return self::mark( self::state_mark( $state ), implode( ' – ', $parts ) );
	}

	/**
	 * Klarna's real calls per callback and the orders they left stuck: ✔ for a call answered
	 * normally or no stuck order, ❌ for an error or a stuck order, plain when nothing was seen.
	 *
	 * @param array<string, mixed> $traffic TrafficReport::summary().
	 */
	private static function traffic_rows( array $traffic ): string {
		$rows = '';
		foreach ( TrafficText::shown( $traffic['callbacks'] ) as $callback ) {
			$text = TrafficText::last_call( $callback, $traffic['monitoringSince'] );
			if ( array() === $callback['calls'] ) {
				$mark = 'no';
			} else {
				$mark = TrafficText::last_call_failed( $callback ) ? 'error' : 'yes';
			}
			$rows .= self::row(
				'Last real call ' . (string) $callback['endpoint'],
				/* translators: %s: callback name, e.g. Push. */
				sprintf( __( 'Last real call: %s', 'kco-callback-doctor' ), (string) $callback['label'] ),
				'no' === $mark ? esc_html( $text ) : self::mark( $mark, $text ),
				__( 'The last call Klarna\'s servers really made to this callback: the HTTP status the shop answered and how long PHP took.', 'kco-callback-doctor' )
			);
		}
		$stuck = $traffic['stuckOrders'];
		$text  = TrafficText::stuck_orders( $stuck );
		return $rows . self::row(
			'Stuck Klarna orders',
			__( 'Klarna orders stuck in Pending payment', 'kco-callback-doctor' ),
			empty( $stuck['searched'] ) ? esc_html( $text ) : self::mark( $stuck['count'] > 0 ? 'error' : 'yes', $text ),
			__( 'Klarna orders still in Pending payment after the threshold, with no push from Klarna recorded for them. The Callback Doctor lists them with links.', 'kco-callback-doctor' )
		);
	}

	/**
	 * The installed Klarna/Kustom Checkout, without ", " (see the class comment).
	 *
	 * @param array<string, mixed> $kco Environment::kco().
	 */
	private static function kco( array $kco ): string {
		if ( null === $kco['version'] && empty( $kco['active'] ) ) {
			return __( 'Not installed: every callback is judged', 'kco-callback-doctor' );
		}
		return implode(
			' – ',
			array(
				trim( ( null !== $kco['name'] ? (string) $kco['name'] : __( 'Klarna Checkout', 'kco-callback-doctor' ) ) . ' ' . (string) $kco['version'] ),
				empty( $kco['active'] ) ? __( 'inactive', 'kco-callback-doctor' ) : __( 'active', 'kco-callback-doctor' ),
				StateText::flow( (string) $kco['flow'] ),
			)
		);
	}

	/**
	 * WooCommerce's marks: `yes` (✔ in the export), `error` (❌), `no` (plain).
	 *
	 * @param string $overall RunVerdict overall.
	 */
	private static function overall_mark( string $overall ): string {
		switch ( $overall ) {
			case 'ok':
				return 'yes';
			case 'critical':
				return 'error';
			default:
				return 'no';
		}
	}

	/**
	 * The mark of a used callback's state.
	 *
	 * @param string $state RunVerdict endpoint state.
	 */
	private static function state_mark( string $state ): string {
		if ( EndpointState::PASSED === $state ) {
			return 'yes';
		}
		return in_array( $state, EndpointState::FAILING, true ) ? 'error' : 'no';
	}

	/**
	 * Text in a WooCommerce mark, with the icon the export turns into ✔ or ❌.
	 *
	 * @param string $mark yes, error or no.
	 * @param string $text Plain text.
	 */
	private static function mark( string $mark, string $text ): string {
		$icon = array(
			'yes'   => '<span class="dashicons dashicons-yes"></span> ',
			'error' => '<span class="dashicons dashicons-warning"></span> ',
		);
		return sprintf( '<mark class="%1$s">%2$s%3$s</mark>', esc_attr( $mark ), $icon[ $mark ] ?? '', esc_html( $text ) );
	}

	/**
	 * A moment in the site's time zone, in one unambiguous format for support.
	 *
	 * @param int $timestamp Unix time.
	 */
	private static function time( int $timestamp ): string {
		return (string) wp_date( 'Y-m-d H:i T', $timestamp );
	}

	/**
	 * WooCommerce's help tip, when WooCommerce is loaded (it always is where this prints).
	 *
	 * @param string $tip Plain text.
	 */
	private static function help_tip( string $tip ): string {
		return function_exists( 'wc_help_tip' ) ? (string) wc_help_tip( $tip ) : '';
	}
}
