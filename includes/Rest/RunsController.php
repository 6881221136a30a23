<?php
/**
 * POST /runs, GET /runs, GET /runs/{id}.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\Doctor;
use KcoCallbackDoctor\Probe\Catalogue;
use KcoCallbackDoctor\RunHistory;

defined( 'ABSPATH' ) || exit;

/**
 * The page's door to the Doctor: starts a run, lists and returns the kept ones. The run itself
 * (lock, environment, runner, storage) is the Doctor's.
 */
final class RunsController extends \WP_REST_Controller {

	/**
	 * The largest request body accepted; `{"endpoints": [all five]}` is about a hundred bytes.
	 */
	public const MAX_BODY_BYTES = 8192;

	/**
	 * Sets namespace and base.
	 */
	public function __construct() {
		$this->namespace = Routes::REST_NAMESPACE;
		$this->rest_base = 'runs';
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes() {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => array(),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => $this->get_endpoint_args_for_item_schema( \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(
						'id' => array(
							'description' => __( 'Id of the run.', 'kco-callback-doctor' ),
							'type'        => 'string',
							'format'      => 'uuid',
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * The arguments POST /runs takes: `endpoints` and `quick`.
	 *
	 * @param string $method HTTP method of the route.
	 * @return array<string, mixed>
	 */
	public function get_endpoint_args_for_item_schema( $method = \WP_REST_Server::CREATABLE ) {
		$ids = Catalogue::ids();
		return array(
			'endpoints' => array(
				'description'       => __( 'Endpoints to probe; all of them when left out.', 'kco-callback-doctor' ),
				'type'              => 'array',
				'items'             => array(
					'type' => 'string',
					'enum' => $ids,
				),
				'minItems'          => 1,
				'maxItems'          => count( $ids ),
				'uniqueItems'       => true,
				'validate_callback' => array( $this, 'validate_endpoints' ),
			),
			'quick'     => array(
				'description' => __( 'Leave out the checks that wait on purpose (an answer held back until just under Klarna’s deadline), for a faster run.', 'kco-callback-doctor' ),
				'type'        => 'boolean',
				'default'     => false,
			),
		);
	}

	/**
	 * WordPress would accept `"push,validation"` or a lone number as an array; the contract
	 * says a JSON array, so anything else is refused before the schema checks run.
	 *
	 * @param mixed            $value   Value sent.
	 * @param \WP_REST_Request $request Request.
	 * @param string           $param   Parameter name.
	 * @return true|\WP_Error
	 */
	public function validate_endpoints( $value, $request, $param ) {
		if ( ! is_array( $value ) || ( ! empty( $value ) && ! wp_is_numeric_array( $value ) ) ) {
			return new \WP_Error(
				'rest_invalid_type',
				/* translators: %s: parameter name. */
				sprintf( __( '%s must be an array of endpoint ids.', 'kco-callback-doctor' ), $param ),
				array( 'status' => 400 )
			);
		}
		return rest_validate_request_arg( $value, $request, $param );
	}

	/**
	 * Permission for GET /runs.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * Permission for GET /runs/{id}.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * Permission for POST /runs.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function create_item_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * GET /runs: summaries, newest first.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		try {
			return rest_ensure_response( RunHistory::summaries() );
		} catch ( \Throwable $thrown ) {
			return InternalError::from( $thrown, 'GET /runs' );
		}
	}

	/**
	 * GET /runs/{id}.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		try {
			$run = RunHistory::find( (string) $request['id'] );
		} catch ( \Throwable $thrown ) {
			return InternalError::from( $thrown, 'GET /runs/{id}' );
		}
		if ( null === $run ) {
			return new \WP_Error(
				'kco_callback_doctor_run_not_found',
				__( 'No run with this id is kept. Only the last 20 runs are stored.', 'kco-callback-doctor' ),
				array( 'status' => 404 )
			);
		}
		return rest_ensure_response( $run );
	}

	/**
	 * POST /runs: sends the probes and returns the run.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ) {
		try {
			return $this->run( $request );
		} catch ( \Throwable $thrown ) {
			return InternalError::from( $thrown, 'POST /runs' );
		}
	}

	/**
	 * The run, or the error to answer bad input or a run in progress with. Whatever it throws,
	 * the lock is released on the way out.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	private function run( $request ) {
		$size = strlen( (string) $request->get_body() );
		if ( $size > self::MAX_BODY_BYTES ) {
			return new \WP_Error(
				'kco_callback_doctor_body_too_large',
				/* translators: 1: bytes received, 2: bytes accepted. */
				sprintf( __( 'The request body has %1$d bytes; at most %2$d are accepted.', 'kco-callback-doctor' ), $size, self::MAX_BODY_BYTES ),
				array( 'status' => 400 )
			);
		}
		$requested = $request->get_param( 'endpoints' );
		$run       = Doctor::run( Doctor::SOURCE_PAGE, null === $requested ? array() : (array) $requested, true === $request->get_param( 'quick' ) );
		if ( is_wp_error( $run ) ) {
			return $run;
		}
		return rest_ensure_response( $run );
	}

	/**
	 * Schema of a run.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = Schema::run();
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
