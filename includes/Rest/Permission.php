<?php
/**
 * The permission check every route of the plugin shares.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

use KcoCallbackDoctor\Capability;

defined( 'ABSPATH' ) || exit;

/**
 * Shop managers and administrators only; anonymous requests (or a cookie without the REST
 * nonce) get 401, logged-in users without the capability 403.
 */
final class Permission {

	/**
	 * True, or the error to answer with.
	 *
	 * @return true|\WP_Error
	 */
	public static function check() {
		if ( Capability::current_user_can() ) {
			return true;
		}
		return new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to use the Callback Doctor. It needs a shop manager or an administrator.', 'kco-callback-doctor' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}
}
