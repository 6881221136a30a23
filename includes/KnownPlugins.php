<?php
/**
 * Plugins that matter for Klarna's callbacks, by slug (the plugin's folder name).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor;

defined( 'ABSPATH' ) || exit;

/**
 * Data only: which active plugin belongs to which category (types.ts PluginCategory). The
 * diagnosis decides what each one means; PHP only reports that it is active.
 */
final class KnownPlugins {

	/**
	 * Slug => category. Paid editions that live in their own folder are listed separately.
	 */
	private const CATEGORIES = array(
		// Firewalls and security plugins: they block by User-Agent, path, rate or client address.
		'wordfence'                            => 'security',
		'better-wp-security'                   => 'security', // Solid Security (formerly iThemes Security).
		'ithemes-security-pro'                 => 'security',
		'solid-security-pro'                   => 'security',
		'all-in-one-wp-security-and-firewall'  => 'security',
		'ninjafirewall'                        => 'security',
		'nfwplus'                              => 'security', // NinjaFirewall WP+ Edition.
		'sucuri-scanner'                       => 'security',
		'bulletproof-security'                 => 'security',
		'wp-simple-firewall'                   => 'security', // Shield Security.
		'malcare-security'                     => 'security',
		'wp-cerber'                            => 'security',
		'defender-security'                    => 'security',
		'wp-defender'                          => 'security',
		'security-ninja'                       => 'security',
		'jetpack-protect'                      => 'security',
		'cleantalk-spam-protect'               => 'security', // Ships a "SpamFireWall" that checks every request.
		'hide-my-wp'                           => 'security',
		'wp-hide-security-enhancer'            => 'security',
		'secupress'                            => 'security',
		'block-bad-queries'                    => 'security',
		'anti-spam'                            => 'security',
		// Multilingual plugins: they may prefix /wc-api/ with a language or redirect it.
		'sitepress-multilingual-cms'           => 'multilingual', // WPML.
		'polylang'                             => 'multilingual',
		'polylang-pro'                         => 'multilingual',
		'translatepress-multilingual'          => 'multilingual',
		'weglot'                               => 'multilingual',
		'wp-multilang'                         => 'multilingual',
		'qtranslate-xt'                        => 'multilingual',
		'gtranslate'                           => 'multilingual',
		'multilingualpress'                    => 'multilingual',
		'falang'                               => 'multilingual',
		'linguise'                             => 'multilingual',
		'conveythis-translate'                 => 'multilingual',
		// CDN integrations: the site sits behind a proxy that has its own firewall.
		'cloudflare'                           => 'cdn',
		'cdn-enabler'                          => 'cdn',
		'bunnycdn'                             => 'cdn',
		'jetpack-boost'                        => 'cdn',
		'quiccloud'                            => 'cdn',
		// Page caches: a cached or rewritten answer to a callback URL is a failure too.
		'wp-rocket'                            => 'cache',
		'litespeed-cache'                      => 'cache',
		'w3-total-cache'                       => 'cache',
		'wp-super-cache'                       => 'cache',
		'wp-fastest-cache'                     => 'cache',
		'sg-cachepress'                        => 'cache', // SiteGround Speed Optimizer.
		'breeze'                               => 'cache',
		'hummingbird-performance'              => 'cache',
		'wp-optimize'                          => 'cache',
		'cache-enabler'                        => 'cache',
		'comet-cache'                          => 'cache',
		'swift-performance-lite'               => 'cache',
		'nitropack'                            => 'cache',
		'nginx-helper'                         => 'cache',
		'varnish-http-purge'                   => 'cache',
		'powered-cache'                        => 'cache',
		// Maintenance and coming-soon modes answer every front-end URL with 503 or a splash page.
		'wp-maintenance-mode'                  => 'maintenance',
		'maintenance'                          => 'maintenance',
		'coming-soon'                          => 'maintenance', // SeedProd.
		'under-construction-page'              => 'maintenance',
		'cmp-coming-soon-maintenance'          => 'maintenance',
		'minimal-coming-soon-maintenance-mode' => 'maintenance',
		'wp-maintenance'                       => 'maintenance',
		'maintenance-switch'                   => 'maintenance',
		'coming-soon-page'                     => 'maintenance',
	);

	/**
	 * Category of a plugin slug, or null when the doctor does not know it.
	 *
	 * @param string $slug Plugin folder name.
	 */
	public static function category( string $slug ): ?string {
		return self::CATEGORIES[ $slug ] ?? null;
	}
}
