<?php
/**
 * The admin page that hosts the React app.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Admin;

use KcoCallbackDoctor\Capability;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the page under WooCommerce (under Tools without WooCommerce) and loads the app only there.
 */
final class Page {

	public const SLUG = 'kco-callback-doctor';

	private const SCRIPT_HANDLE = 'kco-callback-doctor';

	/**
	 * Hook suffix WordPress gave the page; used to enqueue on this screen only.
	 *
	 * @var string
	 */
	private static $hook_suffix = '';

	/**
	 * Registers the menu entry.
	 */
	public static function register(): void {
		$title  = __( 'Klarna callbacks', 'kco-callback-doctor' );
		$parent = Capability::woocommerce_active() ? 'woocommerce' : 'tools.php';
		$suffix = add_submenu_page(
			$parent,
			__( 'Callback Doctor for Klarna Checkout', 'kco-callback-doctor' ),
			$title,
			Capability::required(),
			self::SLUG,
			array( self::class, 'render' )
		);
		if ( false === $suffix ) {
			return;
		}
		self::$hook_suffix = $suffix;
		add_action( 'load-' . $suffix, array( self::class, 'on_load' ) );
	}

	/**
	 * The page's address, for links from e-mails, Site Health, the status report and WP-CLI:
	 * under WooCommerce (admin.php) or, without WooCommerce, under Tools (tools.php).
	 */
	public static function url(): string {
		$parent = Capability::woocommerce_active() ? 'admin.php' : 'tools.php';
		return admin_url( $parent . '?page=' . self::SLUG );
	}

	/**
	 * Runs only when our page is being loaded: this is where assets are queued.
	 */
	public static function on_load(): void {
		add_action( 'admin_enqueue_scripts', array( self::class, 'enqueue' ) );
	}

	/**
	 * Enqueues the built app with the dependencies wp-scripts recorded.
	 *
	 * @param string $hook_suffix The current admin screen.
	 */
	public static function enqueue( string $hook_suffix ): void {
		if ( $hook_suffix !== self::$hook_suffix ) {
			return;
		}
		$asset_file = KCO_CALLBACK_DOCTOR_DIR . '/build/index.asset.php';
		if ( ! is_readable( $asset_file ) ) {
			return;
		}
		$asset = require $asset_file;
		$url   = plugins_url( 'build/', KCO_CALLBACK_DOCTOR_FILE );

		wp_enqueue_script( self::SCRIPT_HANDLE, $url . 'index.js', $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::SCRIPT_HANDLE, 'kco-callback-doctor', KCO_CALLBACK_DOCTOR_DIR . '/languages' );
		if ( is_readable( KCO_CALLBACK_DOCTOR_DIR . '/build/index.css' ) ) {
			wp_enqueue_style( self::SCRIPT_HANDLE, $url . 'index.css', array( 'wp-components' ), $asset['version'] );
		} else {
			wp_enqueue_style( 'wp-components' );
		}
	}

	/**
	 * Prints the root the app mounts into, or a notice when the assets were never built.
	 */
	public static function render(): void {
		echo '<div class="wrap">';
		if ( ! is_readable( KCO_CALLBACK_DOCTOR_DIR . '/build/index.asset.php' ) ) {
			echo '<h1>' . esc_html__( 'Callback Doctor for Klarna Checkout', 'kco-callback-doctor' ) . '</h1>';
			echo '<div class="notice notice-error"><p>' . esc_html__( 'The plugin\'s scripts are missing. Reinstall the plugin, or run "npm run build" in a development copy.', 'kco-callback-doctor' ) . '</p></div>';
		} else {
			echo '<div id="kco-callback-doctor-root"></div>';
		}
		echo '</div>';
	}
}
