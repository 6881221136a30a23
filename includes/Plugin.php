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
	 * Adds the hooks. Each hook's callback class is loaded only when the hook fires.
	 */
	public static function boot(): void {
		// A probe carries this header; without it the responder is not even hooked, so callbacks
		// from Klarna and every other request pay nothing for it (DESIGN.md §5).
		if ( isset( $_SERVER[ Responder::SERVER_KEY ] ) ) {
			add_action( 'woocommerce_api_request', array( Responder::class, 'answer_wc_api' ), 0 );
			add_filter( 'rest_dispatch_request', array( Responder::class, 'answer_rest' ), 0, 4 );
		}

		add_action( 'rest_api_init', array( Routes::class, 'register' ) );

		if ( is_admin() ) {
			add_action( 'admin_menu', array( Page::class, 'register' ) );
		}
	}
}
