<?php
/**
 * GET /environment.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\Environment;

defined( 'ABSPATH' ) || exit;

/**
 * The site's facts (types.ts Environment), without sending any probe.
 */
final class EnvironmentController extends \WP_REST_Controller {

	/**
	 * Sets namespace and base.
	 */
	public function __construct() {
		$this->namespace = Routes::REST_NAMESPACE;
		$this->rest_base = 'environment';
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
	 * Only those who may run the doctor see the facts.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * The facts.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		try {
			return rest_ensure_response( Environment::collect() );
		} catch ( \Throwable $thrown ) {
			return InternalError::from( $thrown, 'GET /environment' );
		}
	}

	/**
	 * Schema of the response.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = Schema::environment();
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
