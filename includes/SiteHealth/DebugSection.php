<?php
/**
 * The plugin's section on Tools → Site Health → Info, which "Copy site info" puts in a support ticket.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\SiteHealth;

use KcoCallbackDoctor\Environment;
use KcoCallbackDoctor\Report\CallbackReport;
use KcoCallbackDoctor\Report\StateText;
use KcoCallbackDoctor\Settings;
use KcoCallbackDoctor\Traffic\TrafficReport;
use KcoCallbackDoctor\Traffic\TrafficText;

defined( 'ABSPATH' ) || exit;

/**
 * Reads what is stored and never probes: the Info tab must open at once. No personal data; the
 * one field that shows the site's address is private, so "Copy site info" leaves it out
 * (wp-admin/includes/class-wp-debug-data.php: fields with `private` are not copied).
 */
final class DebugSection {

	public const KEY = 'kco-callback-doctor';

	/**
	 * `debug_information`: adds the section.
	 *
	 * @param mixed $info Sections so far.
	 * @return mixed
	 */
	public static function add( $info ) {
		if ( ! is_array( $info ) ) {
			return $info;
		}
		$info[ self::KEY ] = self::section( CallbackReport::latest(), Environment::kco(), self::schedule(), home_url( '/' ), TrafficReport::safely() );
		return $info;
	}

	/**
	 * Pure: the section from what is known.
	 *
	 * @param array<string, mixed> $report   CallbackReport.
	 * @param array<string, mixed> $kco      Environment::kco().
	 * @param string|null          $schedule 'off', 'daily', 'hourly', or null when unknown.
	 * @param string               $home_url The address Klarna calls back.
	 * @param array<string, mixed>|null $traffic TrafficReport::summary(), or null when unknown.
	 * @return array<string, mixed>
	 */
	public static function section( array $report, array $kco, ?string $schedule, string $home_url, ?array $traffic = null ): array {
		$fields = array(
			'last_check' => self::last_check( $report ),
			'result'     => array(
				'label' => __( 'Result', 'kco-callback-doctor' ),
				'value' => StateText::overall( (string) $report['overall'] ),
				'debug' => (string) $report['overall'],
			),
		);
		foreach ( $report['callbacks'] as $callback ) {
			$fields[ 'callback_' . str_replace( '-', '_', (string) $callback['id'] ) ] = self::callback( $callback );
		}
		if ( null !== $traffic ) {
			$fields = array_merge( $fields, self::traffic( $traffic ) );
		}
		$fields['kco']      = self::kco( $kco );
		$fields['schedule'] = self::schedule_field( $schedule );
		$fields['home_url'] = array(
			'label'   => __( 'Address Klarna calls back', 'kco-callback-doctor' ),
			'value'   => null !== $report['homeUrl'] ? (string) $report['homeUrl'] : $home_url,
			'private' => true,
		);
		return array(
			'label'       => __( 'Callback Doctor for Klarna Checkout', 'kco-callback-doctor' ),
			'description' => __( 'Whether Klarna\'s servers could reach this shop\'s callbacks at the last complete check.', 'kco-callback-doctor' ),
			'fields'      => $fields,
		);
	}

	/**
	 * When the reported run started and who started it.
	 *
	 * @param array<string, mixed> $report CallbackReport.
	 * @return array<string, string>
	 */
	private static function last_check( array $report ): array {
		$label = __( 'Last complete check', 'kco-callback-doctor' );
		if ( null === $report['checkedAt'] ) {
			return array(
				'label' => $label,
				'value' => __( 'None yet', 'kco-callback-doctor' ),
				'debug' => 'none',
			);
		}
		return array(
			'label' => $label,
			'value' => sprintf(
				/* translators: 1: date and time, 2: how the check was started, e.g. "automatic check". */
				__( '%1$s (%2$s)', 'kco-callback-doctor' ),
				wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) $report['checkedAt'] ),
				StateText::source( (string) $report['source'] )
			),
			'debug' => $report['startedAt'] . ' ' . $report['source'],
		);
	}

	/**
	 * One callback's state.
	 *
	 * @param array<string, mixed> $callback RunVerdict endpoint.
	 * @return array<string, string>
	 */
	private static function callback( array $callback ): array {
		$value = array( StateText::name( (string) $callback['state'] ) );
		$debug = array( (string) $callback['state'] );
		if ( null !== $callback['httpStatus'] ) {
			/* translators: %d: HTTP status code. */
			$value[] = sprintf( __( 'HTTP %d', 'kco-callback-doctor' ), (int) $callback['httpStatus'] );
			$debug[] = 'http ' . (int) $callback['httpStatus'];
		}
		$product = is_array( $callback['blocker'] ) ? ( $callback['blocker']['productName'] ?? null ) : null;
		if ( null !== $product && 'passed' !== $callback['state'] ) {
			/* translators: %s: product name, e.g. Cloudflare. */
			$value[] = sprintf( __( 'blocked by %s', 'kco-callback-doctor' ), (string) $product );
			$debug[] = 'blocker ' . (string) ( $callback['blocker']['productId'] ?? $product );
		}
		if ( empty( $callback['used'] ) ) {
			$value[] = __( 'not used by the installed Klarna Checkout', 'kco-callback-doctor' );
			$debug[] = 'unused';
		}
		return array(
			/* translators: %s: callback name, e.g. Push. */
			'label' => sprintf( __( 'Callback: %s', 'kco-callback-doctor' ), (string) $callback['label'] ),
			'value' => implode( ' – ', $value ),
			'debug' => implode( '; ', $debug ),
		);
	}

	/**
	 * Klarna's real calls and the orders they left stuck: when, the status and PHP's time per
	 * callback, and how many orders wait for their push; never an order number or id.
	 *
	 * @param array<string, mixed> $traffic TrafficReport::summary().
	 * @return array<string, array<string, string>>
	 */
	private static function traffic( array $traffic ): array {
		$fields = array();
		foreach ( TrafficText::shown( $traffic['callbacks'] ) as $callback ) {
			$last = $callback['calls'][0] ?? null;

			$fields[ 'real_call_' . str_replace( '-', '_', (string) $callback['endpoint'] ) ] = array(
				/* translators: %s: callback name, e.g. Push. */
				'label' => sprintf( __( 'Last real call: %s', 'kco-callback-doctor' ), (string) $callback['label'] ),
				'value' => TrafficText::last_call( $callback, $traffic['monitoringSince'] ),
				'debug' => null === $last ? 'none since ' . (string) $traffic['monitoringSince'] : sprintf( '%s %d %dms', $last['at'], $last['status'], $last['durationMs'] ),
			);
		}
		$fields['stuck_orders'] = array(
			'label' => __( 'Klarna orders stuck in Pending payment', 'kco-callback-doctor' ),
			'value' => TrafficText::stuck_orders( $traffic['stuckOrders'] ),
			'debug' => empty( $traffic['stuckOrders']['searched'] ) ? 'not searched' : sprintf( '%d%s (over %d min)', $traffic['stuckOrders']['count'], empty( $traffic['stuckOrders']['more'] ) ? '' : '+', $traffic['stuckOrders']['thresholdMinutes'] ),
		);
		return $fields;
	}

	/**
	 * The installed Klarna/Kustom Checkout.
	 *
	 * @param array<string, mixed> $kco Environment::kco().
	 * @return array<string, string>
	 */
	private static function kco( array $kco ): array {
		$label = __( 'Klarna Checkout', 'kco-callback-doctor' );
		if ( null === $kco['version'] && empty( $kco['active'] ) ) {
			return array(
				'label' => $label,
				'value' => __( 'Not installed: every callback is judged', 'kco-callback-doctor' ),
				'debug' => 'not installed',
			);
		}
		$status = empty( $kco['active'] ) ? __( 'inactive', 'kco-callback-doctor' ) : __( 'active', 'kco-callback-doctor' );
		return array(
			'label' => $label,
			'value' => sprintf(
				/* translators: 1: plugin name, 2: version, 3: active or inactive, 4: checkout type. */
				__( '%1$s %2$s (%3$s, %4$s)', 'kco-callback-doctor' ),
				null !== $kco['name'] ? (string) $kco['name'] : __( 'Klarna Checkout', 'kco-callback-doctor' ),
				(string) $kco['version'],
				$status,
				StateText::flow( (string) $kco['flow'] )
			),
			'debug' => trim( (string) $kco['version'] . ' ' . ( empty( $kco['active'] ) ? 'inactive' : 'active' ) . ' ' . (string) $kco['flow'] ),
		);
	}

	/**
	 * The automatic checks' interval.
	 *
	 * @param string|null $schedule 'off', 'daily', 'hourly', or null when unknown.
	 * @return array<string, string>
	 */
	private static function schedule_field( ?string $schedule ): array {
		switch ( $schedule ) {
			case 'off':
				$value = __( 'Off', 'kco-callback-doctor' );
				break;
			case 'daily':
				$value = __( 'Daily', 'kco-callback-doctor' );
				break;
			case 'hourly':
				$value = __( 'Hourly', 'kco-callback-doctor' );
				break;
			default:
				$value = __( 'Not available', 'kco-callback-doctor' );
		}
		return array(
			'label' => __( 'Automatic checks', 'kco-callback-doctor' ),
			'value' => $value,
			'debug' => null === $schedule ? 'unknown' : $schedule,
		);
	}

	/**
	 * The schedule setting, read through KcoCallbackDoctor\Settings (the one owner of the
	 * `kco_callback_doctor_settings` option). Where that class is absent, the field says "Not
	 * available" rather than guessing from the option.
	 */
	private static function schedule(): ?string {
		if ( ! class_exists( Settings::class ) || ! is_callable( array( Settings::class, 'get' ) ) ) {
			return null;
		}
		$settings = call_user_func( array( Settings::class, 'get' ) );
		$schedule = is_array( $settings ) && isset( $settings['schedule'] ) ? $settings['schedule'] : null;
		return is_string( $schedule ) ? $schedule : null;
	}
}
