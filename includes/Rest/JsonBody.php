<?php
/**
 * Refuses a JSON body that is not an object or a list, before WordPress reads it as one.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * A body such as `"daily"` or `5` is valid JSON, but WordPress's parameter sanitising loops over
 * it as if it were an array and prints a PHP warning (WP_REST_Request::sanitize_params() in
 * WordPress 6.8) before any route of ours sees the request. `rest_pre_dispatch` runs earlier and
 * answers such a body with a 400 instead, for the plugin's own routes only.
 */
final class JsonBody {

	/**
	 * The `rest_pre_dispatch` filter.
	 *
	 * @param mixed            $result  A response another filter produced, or null.
	 * @param \WP_REST_Server  $server  The server (unused).
	 * @param \WP_REST_Request $request The request.
	 * @return mixed The result unchanged, or the 400 error.
	 */
	public static function refuse_scalar( $result, $server, $request ) {
		if ( null !== $result || ! $request instanceof \WP_REST_Request || 0 !== strpos( ltrim( $request->get_route(), '/' ), Routes::REST_NAMESPACE . '/' ) ) {
			return $result;
		}
		$json = $request->get_json_params();
		if ( null === $json || is_array( $json ) ) {
			return $result;
		}
		return new \WP_Error(
			'kco_callback_doctor_invalid_body',
			__( 'The request body must be a JSON object.', 'kco-callback-doctor' ),
			array( 'status' => 400 )
		);
	}
}
