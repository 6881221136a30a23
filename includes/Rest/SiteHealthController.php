<?php
/**
 * GET /site-health/callbacks: the Site Health screen's call for the asynchronous test.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\SiteHealth\CallbacksTest;

defined( 'ABSPATH' ) || exit;

/**
 * Guarded like core's own asynchronous Site Health tests
 * (wp-includes/rest-api/endpoints/class-wp-rest-site-health-controller.php): whoever may view
 * Site Health's checks may run this one.
 */
final class SiteHealthController extends \WP_REST_Controller {

	/**
	 * Sets namespace and base.
	 */
	public function __construct() {
		$this->namespace = Routes::REST_NAMESPACE;
		$this->rest_base = ltrim( CallbacksTest::ROUTE, '/' );
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
	 * Only users who may view Site Health's checks.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		if ( current_user_can( 'view_site_health_checks' ) ) {
			return true;
		}
		return new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to run Site Health checks.', 'kco-callback-doctor' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * The test's result.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_item( $request ) {
		return rest_ensure_response( CallbacksTest::run() );
	}

	/**
	 * Site Health's result shape.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$text         = array(
			'type'     => 'string',
			'context'  => array( 'view' ),
			'readonly' => true,
		);
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'kco-callback-doctor-site-health-result',
			'type'       => 'object',
			'properties' => array(
				'label'       => array_merge( $text, array( 'description' => __( 'Headline of the result.', 'kco-callback-doctor' ) ) ),
				'status'      => array_merge(
					$text,
					array(
						'description' => __( 'Site Health status.', 'kco-callback-doctor' ),
						'enum'        => array( 'good', 'recommended', 'critical' ),
					)
				),
				'badge'       => array(
					'description' => __( 'Category badge.', 'kco-callback-doctor' ),
					'type'        => 'object',
					'context'     => array( 'view' ),
					'readonly'    => true,
					'properties'  => array(
						'label' => $text,
						'color' => $text,
					),
				),
				'description' => array_merge( $text, array( 'description' => __( 'What was found, as HTML.', 'kco-callback-doctor' ) ) ),
				'actions'     => array_merge( $text, array( 'description' => __( 'Links to act on it, as HTML.', 'kco-callback-doctor' ) ) ),
				'test'        => array_merge( $text, array( 'description' => __( 'The test\'s key.', 'kco-callback-doctor' ) ) ),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
