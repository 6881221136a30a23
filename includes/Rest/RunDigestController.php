<?php
/**
 * POST /runs/{id}/digest.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\RunHistory;

defined( 'ABSPATH' ) || exit;

/**
 * The diagnosis remembered (docs/architecture.md): the page decides who blocked a callback, then stores
 * a locale-free digest of its findings with the run, so the scheduler's alerts, Site Health and
 * WP-CLI can name the blocker without a browser.
 */
final class RunDigestController extends \WP_REST_Controller {

	/** A digest of every finding is about 2 KB; more is not a digest. */
	public const MAX_BODY_BYTES = 16384;

	/** Requirements plus endpoints are about a dozen findings. */
	public const MAX_ENTRIES = 64;

	/**
	 * Sets namespace and base.
	 */
	public function __construct() {
		$this->namespace = Routes::REST_NAMESPACE;
		$this->rest_base = 'runs';
	}

	/**
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/digest',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => $this->get_endpoint_args_for_item_schema( \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * The arguments: the run id in the path and the digest in the body.
	 *
	 * @param string $method HTTP method of the route.
	 * @return array<string, mixed>
	 */
	public function get_endpoint_args_for_item_schema( $method = \WP_REST_Server::CREATABLE ) {
		return array(
			'id'     => array(
				'description' => __( 'Id of the run.', 'kco-callback-doctor' ),
				'type'        => 'string',
				'format'      => 'uuid',
			),
			'digest' => array_merge(
				DigestSchema::digest( self::MAX_ENTRIES ),
				array(
					'description'       => __( 'The findings of the run, as ids: finding id, status, cause id, product id and name.', 'kco-callback-doctor' ),
					'required'          => true,
					'validate_callback' => array( DigestSchema::class, 'validate' ),
				)
			),
		);
	}

	/**
	 * The same rights as running the doctor.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function create_item_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * Stores the digest with the run.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ) {
		$size = strlen( (string) $request->get_body() );
		if ( $size > self::MAX_BODY_BYTES ) {
			return new \WP_Error(
				'kco_callback_doctor_body_too_large',
				/* translators: 1: bytes received, 2: bytes accepted. */
				sprintf( __( 'The request body has %1$d bytes; at most %2$d are accepted.', 'kco-callback-doctor' ), $size, self::MAX_BODY_BYTES ),
				array( 'status' => 400 )
			);
		}
		$run = RunHistory::attach_digest( (string) $request['id'], DigestSchema::normalise( (array) $request->get_param( 'digest' ) ) );
		if ( null === $run ) {
			return new \WP_Error(
				'kco_callback_doctor_run_not_found',
				__( 'No run with this id is kept, so its diagnosis cannot be stored.', 'kco-callback-doctor' ),
				array( 'status' => 404 )
			);
		}
		return rest_ensure_response(
			array(
				'id'          => $run['id'],
				'diagnosedAt' => $run['diagnosedAt'],
				'digest'      => $run['digest'],
			)
		);
	}

	/**
	 * Schema of the answer.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( ! $this->schema ) {
			$this->schema = array(
				'$schema'    => 'http://json-schema.org/draft-04/schema#',
				'title'      => 'kco-callback-doctor-run-digest',
				'type'       => 'object',
				'properties' => array(
					'id'          => array(
						'type'   => 'string',
						'format' => 'uuid',
					),
					'diagnosedAt' => array(
						'type'   => 'string',
						'format' => 'date-time',
					),
					'digest'      => DigestSchema::digest( self::MAX_ENTRIES ),
				),
			);
		}
		return $this->add_additional_fields_schema( $this->schema );
	}
}
