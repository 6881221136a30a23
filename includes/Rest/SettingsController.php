<?php
/**
 * GET /settings, POST /settings.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\Schedule\Scheduler;
use KcoCallbackDoctor\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The settings panel's door to KcoCallbackDoctor\Settings. The answer also says whether
 * scheduled checks can run at all (they need WooCommerce's Action Scheduler) and when the next
 * one is due, so the panel can say so next to the choice.
 */
final class SettingsController extends \WP_REST_Controller {

	/**
	 * Sets namespace and base.
	 */
	public function __construct() {
		$this->namespace = Routes::REST_NAMESPACE;
		$this->rest_base = 'settings';
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
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => array( $this, 'update_item_permissions_check' ),
					'args'                => $this->get_endpoint_args_for_item_schema( \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Permission for GET.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * Permission for POST.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function update_item_permissions_check( $request ) {
		return Permission::check();
	}

	/**
	 * GET: the settings in force.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_item( $request ) {
		return rest_ensure_response( self::answer() );
	}

	/**
	 * POST: changes the fields sent, keeps the others. Unknown fields are refused rather than
	 * ignored, so a typo never looks like a saved setting.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		// A JSON body that is not an object or a list never gets here (JsonBody).
		$sent    = $request->get_json_params();
		$sent    = is_array( $sent ) ? $sent : $request->get_body_params();
		$unknown = array_diff( array_keys( $sent ), array( 'schedule', 'emailAlerts' ) );
		if ( ! empty( $unknown ) ) {
			return new \WP_Error(
				'kco_callback_doctor_invalid_settings',
				/* translators: 1: the unknown field names, 2: the known ones. */
				sprintf( __( 'Unknown setting(s): %1$s. Known settings: %2$s.', 'kco-callback-doctor' ), implode( ', ', $unknown ), 'schedule, emailAlerts' ),
				array( 'status' => 400 )
			);
		}
		$changes = array();
		foreach ( array( 'schedule', 'emailAlerts' ) as $field ) {
			if ( $request->has_param( $field ) ) {
				$changes[ $field ] = $request->get_param( $field );
			}
		}
		$updated = Settings::update( $changes );
		if ( is_wp_error( $updated ) ) {
			return $updated;
		}
		return rest_ensure_response( self::answer() );
	}

	/**
	 * The fields POST takes; WordPress validates them against these schemas before the callback.
	 *
	 * @param string $method HTTP method of the route.
	 * @return array<string, mixed>
	 */
	public function get_endpoint_args_for_item_schema( $method = \WP_REST_Server::CREATABLE ) {
		return array(
			'schedule'    => array(
				'description' => __( 'How often the doctor checks the callbacks by itself.', 'kco-callback-doctor' ),
				'type'        => 'string',
				'enum'        => Settings::schedules(),
			),
			'emailAlerts' => array(
				'description'       => __( 'Whether a change in the callbacks is also sent by e-mail.', 'kco-callback-doctor' ),
				'type'              => 'boolean',
				// WordPress would take "yes", "1" or 0 as a boolean; the panel sends JSON true/false.
				'validate_callback' => array( $this, 'validate_boolean' ),
			),
		);
	}

	/**
	 * Only a JSON boolean is a boolean here.
	 *
	 * @param mixed            $value   Value sent.
	 * @param \WP_REST_Request $request Request.
	 * @param string           $param   Parameter name.
	 * @return true|\WP_Error
	 */
	public function validate_boolean( $value, $request, $param ) {
		if ( is_bool( $value ) ) {
			return true;
		}
		return new \WP_Error(
			'rest_invalid_type',
			/* translators: %s: parameter name. */
			sprintf( __( '%s must be true or false.', 'kco-callback-doctor' ), $param ),
			array( 'status' => 400 )
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
				'title'      => 'kco-callback-doctor-settings',
				'type'       => 'object',
				'properties' => array(
					'schedule'           => array(
						'type' => 'string',
						'enum' => Settings::schedules(),
					),
					'emailAlerts'        => array( 'type' => 'boolean' ),
					'schedulerAvailable' => array(
						'description' => __( 'Whether scheduled checks can run: they need WooCommerce\'s Action Scheduler.', 'kco-callback-doctor' ),
						'type'        => 'boolean',
						'readonly'    => true,
					),
					'nextCheckAt'        => array(
						'description' => __( 'When the next scheduled check runs (ISO 8601, UTC), or null.', 'kco-callback-doctor' ),
						'type'        => array( 'string', 'null' ),
						'format'      => 'date-time',
						'readonly'    => true,
					),
				),
			);
		}
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * The settings with the scheduler's facts.
	 *
	 * @return array<string, mixed>
	 */
	private static function answer(): array {
		$next = Scheduler::next_check_at();
		return array_merge(
			Settings::get(),
			array(
				'schedulerAvailable' => Scheduler::available(),
				'nextCheckAt'        => null === $next ? null : gmdate( 'Y-m-d\TH:i:s\Z', $next ),
			)
		);
	}
}
