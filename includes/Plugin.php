<?php
/**
 * Every hook the plugin adds, in one place.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

use KcoCallbackDoctor\Admin\Page;
use KcoCallbackDoctor\Probe\Responder;
use KcoCallbackDoctor\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the admin page, the REST routes and the probe responder.
 */
final class Plugin {

	/**
	 * $_SERVER key of the probe header (X-KCO-Doctor-Probe). Kept here rather than on the
	 * Responder so that checking for it does not load the Responder's file on every request.
	 */
	public const PROBE_SERVER_KEY = 'HTTP_X_KCO_DOCTOR_PROBE';

	/**
	 * Adds the hooks. Each hook's callback class is loaded only when the hook fires.
	 */
	public static function boot(): void {
		// A probe carries this header; without it the responder is not even hooked, so callbacks
		// from Klarna and every other request pay nothing for it (DESIGN.md §5).
		if ( isset( $_SERVER[ self::PROBE_SERVER_KEY ] ) ) {
			add_action( 'woocommerce_api_request', array( Responder::class, 'answer_wc_api' ), 0 );
			add_filter( 'rest_dispatch_request', array( Responder::class, 'answer_rest' ), 0, 4 );
		}

		add_action( 'rest_api_init', array( Routes::class, 'register' ) );

		if ( is_admin() ) {
			add_action( 'admin_menu', array( Page::class, 'register' ) );
		}
	}
}
