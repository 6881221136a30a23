<?php
/**
 * Runs when the plugin is deleted from the Plugins screen (WordPress includes this file from
 * uninstall_plugin(), with the plugin inactive, so plugin.php and its autoloader are not loaded).
 * Removes the plugin's options, transients and scheduled actions on every site.
 *
 * @package KcoCallbackDoctor
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

if ( ! class_exists( 'KcoCallbackDoctor\\Lifecycle', false ) ) {
	require_once __DIR__ . '/includes/Lifecycle.php';
}
if ( ! class_exists( 'KcoCallbackDoctor\\StoredData', false ) ) {
	require_once __DIR__ . '/includes/StoredData.php';
}

KcoCallbackDoctor\Lifecycle::uninstall();
