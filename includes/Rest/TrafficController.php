<?php
/**
 * GET /traffic.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\Traffic\TrafficReport;

defined( 'ABSPATH' ) || exit;

/**
 * Real traffic from Klarna (types.ts Traffic): each callback's last recorded calls and the
 * Klarna orders left in Pending payment without a push.
 */
final class TrafficController extends \WP_REST_Controller {

	/**
	 * Sets namespace and base.
	 */
	public function __construct() {
		$this->namespace = Routes::REST_NAMESPACE;
		$this->rest_base = 'traffic';
	}

	/**
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Only those who may run the doctor see the traffic.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * The report.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		try {
			return rest_ensure_response( TrafficReport::summary() );
		} catch ( \Throwable $thrown ) {
			// The order search runs other plugins' query filters: whatever fails there is logged,
			// and the page gets an error it can show instead of a broken answer.
			return InternalError::from( $thrown, 'GET /traffic' );
		}
	}

	/**
	 * Schema of the response (types.ts Traffic).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$time          = array(
			'type'   => 'string',
			'format' => 'date-time',
		);
		$nullable_time = array(
			'type'   => array( 'string', 'null' ),
			'format' => 'date-time',
		);
		$integer       = array( 'type' => 'integer' );
		$call          = array(
			'type'       => 'object',
			'properties' => array(
				'at'         => $time,
				'status'     => $integer,
				'durationMs' => $integer,
			),
		);
		$callback      = array(
			'type'       => 'object',
			'properties' => array(
				'endpoint'           => array(
					'type' => 'string',
					'enum' => Catalogue::ids(),
				),
				'label'              => array( 'type' => 'string' ),
				'path'               => array( 'type' => 'string' ),
				'usedByInstalledKco' => array( 'type' => array( 'boolean', 'null' ) ),
				'callsSeen'          => $integer,
				'calls'              => array(
					'type'  => 'array',
					'items' => $call,
				),
			),
		);
		$order         = array(
			'type'       => 'object',
			'properties' => array(
				'id'            => $integer,
				'number'        => array( 'type' => 'string' ),
				'editUrl'       => array(
					'type'   => 'string',
					'format' => 'uri',
				),
				'createdAt'     => $nullable_time,
				'klarnaOrderId' => array( 'type' => 'string' ),
			),
		);
		$this->schema  = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'kco-callback-doctor-traffic',
			'type'       => 'object',
			'properties' => array(
				'checkedAt'            => $time,
				'monitoringSince'      => $nullable_time,
				'countsEveryCall'      => array( 'type' => 'boolean' ),
				'writeIntervalSeconds' => $integer,
				'kcoLogging'           => array( 'type' => array( 'boolean', 'null' ) ),
				'callbacks'            => array(
					'type'  => 'array',
					'items' => $callback,
				),
				'stuckOrders'          => array(
					'type'       => 'object',
					'properties' => array(
						'searched'         => array( 'type' => 'boolean' ),
						'thresholdMinutes' => $integer,
						'lookBackDays'     => $integer,
						'count'            => $integer,
						'more'             => array( 'type' => 'boolean' ),
						'orders'           => array(
							'type'  => 'array',
							'items' => $order,
						),
					),
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
