<?php
/**
 * Plugin Name: Offline update checks (local stack only)
 * Description: The local stack has no internet. WordPress and WP-CLI ask WordPress.org for
 * updates (`wp plugin list` does on every call) and warn when that fails; here the answer is
 * "no updates", so commands and logs stay quiet. Linked into mu-plugins by bin/wp-up.sh; never
 * part of the plugin.
 *
 * @package KcoCallbackDoctor\Stack
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'pre_http_request',
	static function ( $response, $args, $url ) {
		if ( ! preg_match( '#^https?://api\.wordpress\.org/((plugins|themes|core)/update-check|core/version-check)/#', (string) $url ) ) {
			return $response;
		}
		$empty = '{"plugins":[],"themes":[],"translations":[],"no_update":[],"offers":[]}';
		return array(
			'headers'  => array(),
			'body'     => $empty,
			'response' => array(
				'code'    => 200,
				'message' => 'OK',
			),
			'cookies'  => array(),
			'filename' => null,
		);
	},
	10,
	3
);
