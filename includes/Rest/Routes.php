<?php
/**
 * Registers the plugin's REST controllers.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * `rest_api_init`: every route lives under kco-callback-doctor/v1.
 */
final class Routes {

	public const REST_NAMESPACE = 'kco-callback-doctor/v1';

	/**
	 * Registers the routes of each controller.
	 */
	public static function register(): void {
		( new EnvironmentController() )->register_routes();
		( new RunsController() )->register_routes();
		( new RunDigestController() )->register_routes();
		( new ExternalProbesController() )->register_routes();
		( new SiteHealthController() )->register_routes();
		( new SettingsController() )->register_routes();
		( new TrafficController() )->register_routes();
	}
}
