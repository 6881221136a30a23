<?php
/**
 * The `kco_callback_doctor` key of WooCommerce's REST system status (GET /wc/v3/system_status).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\WooCommerce;

use KcoCallbackDoctor\Admin\Page;
use KcoCallbackDoctor\Environment;
use KcoCallbackDoctor\Report\CallbackReport;

defined( 'ABSPATH' ) || exit;

/**
 * The same facts as the status report's section, for tools that read the REST API. Added with
 * register_rest_field() on the `system_status` object: WooCommerce 10.0.2's controller
 * (includes/rest-api/Controllers/Version2/class-wc-rest-system-status-v2-controller.php) has no
 * schema filter, but it runs add_additional_fields_to_object() and add_additional_fields_schema(),
 * so the key arrives with its schema and honours `_fields`, which a
 * `woocommerce_rest_prepare_system_status` filter would not.
 */
final class SystemStatusField {

	public const FIELD = 'kco_callback_doctor';

	/**
	 * Registers the field (on `rest_api_init`, for the system status route only).
	 */
	public static function register(): void {
		register_rest_field(
			'system_status',
			self::FIELD,
			array(
				'get_callback' => array( self::class, 'value' ),
				'schema'       => self::schema(),
			)
		);
	}

	/**
	 * The field's value now.
	 *
	 * @return array<string, mixed>
	 */
	public static function value(): array {
		return self::of( CallbackReport::latest(), Environment::kco(), Page::url() );
	}

	/**
	 * Pure: the field from a report.
	 *
	 * @param array<string, mixed> $report   CallbackReport.
	 * @param array<string, mixed> $kco      Environment::kco().
	 * @param string               $page_url The doctor's page.
	 * @return array<string, mixed>
	 */
	public static function of( array $report, array $kco, string $page_url ): array {
		$callbacks = array();
		foreach ( $report['callbacks'] as $callback ) {
			$blocker     = is_array( $callback['blocker'] ) ? $callback['blocker'] : null;
			$callbacks[] = array(
				'id'          => (string) $callback['id'],
				'label'       => (string) $callback['label'],
				'path'        => (string) $callback['path'],
				'state'       => (string) $callback['state'],
				'used'        => (bool) $callback['used'],
				'http_status' => null === $callback['httpStatus'] ? null : (int) $callback['httpStatus'],
				'blocker'     => null === $blocker ? null : array(
					'cause_id'     => $blocker['causeId'] ?? null,
					'product_id'   => $blocker['productId'] ?? null,
					'product_name' => $blocker['productName'] ?? null,
				),
			);
		}
		return array(
			'overall'    => (string) $report['overall'],
			'last_check' => null === $report['runId'] ? null : array(
				'run_id'     => (string) $report['runId'],
				'started_at' => (string) $report['startedAt'],
				'source'     => (string) $report['source'],
			),
			'callbacks'  => $callbacks,
			'kco'        => array(
				'active'  => (bool) $kco['active'],
				'name'    => $kco['name'],
				'version' => $kco['version'],
				'flow'    => (string) $kco['flow'],
			),
			'page_url'   => $page_url,
		);
	}

	/**
	 * The field's schema.
	 *
	 * @return array<string, mixed>
	 */
	public static function schema(): array {
		$nullable_text = array(
			'type'    => array( 'string', 'null' ),
			'context' => array( 'view' ),
		);
		return array(
			'description' => __( 'Callback Doctor for Klarna Checkout: whether Klarna\'s callbacks reached the shop at the last complete check.', 'kco-callback-doctor' ),
			'type'        => 'object',
			'context'     => array( 'view' ),
			'readonly'    => true,
			'properties'  => array(
				'overall'    => array(
					'description' => __( 'ok, warning (slow or not judged), critical (a callback Klarna Checkout uses fails) or unknown (nothing judged).', 'kco-callback-doctor' ),
					'type'        => 'string',
					'enum'        => array( 'ok', 'warning', 'critical', 'unknown' ),
					'context'     => array( 'view' ),
				),
				'last_check' => array(
					'description' => __( 'The run reported, or null before the first complete check.', 'kco-callback-doctor' ),
					'type'        => array( 'object', 'null' ),
					'context'     => array( 'view' ),
					'properties'  => array(
						'run_id'     => array(
							'type'    => 'string',
							'context' => array( 'view' ),
						),
						'started_at' => array(
							'description' => __( 'ISO 8601 in UTC.', 'kco-callback-doctor' ),
							'type'        => 'string',
							'format'      => 'date-time',
							'context'     => array( 'view' ),
						),
						'source'     => array(
							'type'    => 'string',
							'enum'    => array( 'page', 'schedule', 'cli' ),
							'context' => array( 'view' ),
						),
					),
				),
				'callbacks'  => array(
					'description' => __( 'Each callback probed.', 'kco-callback-doctor' ),
					'type'        => 'array',
					'context'     => array( 'view' ),
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'id'          => array( 'type' => 'string' ),
							'label'       => array( 'type' => 'string' ),
							'path'        => array( 'type' => 'string' ),
							'state'       => array(
								'type' => 'string',
								'enum' => array( 'passed', 'blocked', 'redirected', 'unreachable', 'slow', 'inconclusive' ),
							),
							'used'        => array(
								'description' => __( 'Whether the installed Klarna Checkout uses it; every callback counts as used without Klarna Checkout.', 'kco-callback-doctor' ),
								'type'        => 'boolean',
							),
							'http_status' => array( 'type' => array( 'integer', 'null' ) ),
							'blocker'     => array(
								'description' => __( 'What the doctor\'s page diagnosed as the blocker, or null.', 'kco-callback-doctor' ),
								'type'        => array( 'object', 'null' ),
								'properties'  => array(
									'cause_id'     => array( 'type' => array( 'string', 'null' ) ),
									'product_id'   => array( 'type' => array( 'string', 'null' ) ),
									'product_name' => array( 'type' => array( 'string', 'null' ) ),
								),
							),
						),
					),
				),
				'kco'        => array(
					'description' => __( 'The installed Klarna/Kustom Checkout.', 'kco-callback-doctor' ),
					'type'        => 'object',
					'context'     => array( 'view' ),
					'properties'  => array(
						'active'  => array( 'type' => 'boolean' ),
						'name'    => $nullable_text,
						'version' => $nullable_text,
						'flow'    => array(
							'type' => 'string',
							'enum' => array( 'classic', 'blocks', 'unknown' ),
						),
					),
				),
				'page_url'   => array(
					'description' => __( 'The Callback Doctor\'s page.', 'kco-callback-doctor' ),
					'type'        => 'string',
					'format'      => 'uri',
					'context'     => array( 'view' ),
				),
			),
		);
	}
}
