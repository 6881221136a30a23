/**
 * Multilingual plugins known to put a language into WooCommerce API URLs or to redirect them by
 * browser language (the vendor's requirement: they "must not alter the URL structure for
 * WooCommerce API Callbacks", kco-callbacks-troubleshooting.txt). For each, what to check.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { KnownPlugin } from '../api/types';
import type { RemediationStep } from './types';

type StepText = () => string;

/** Keyed by plugin slug (directory name). */
const WHAT_TO_CHECK: Record< string, StepText > = {
	'sitepress-multilingual-cms': () =>
		__(
			'WPML: in WPML → Languages → Language URL format, if you use “Different languages in directories”, leave “Use directory for default language” off; in the same screen, make sure “Browser language redirect” does not redirect these requests.',
			'kco-callback-doctor'
		),
	polylang: () =>
		__(
			'Polylang: in Languages → Settings → URL modifications, turn on “Hide URL language information for default language”, and turn off “Detect browser language”.',
			'kco-callback-doctor'
		),
	'polylang-pro': () =>
		__(
			'Polylang Pro: in Languages → Settings → URL modifications, turn on “Hide URL language information for default language”, and turn off “Detect browser language”.',
			'kco-callback-doctor'
		),
	'translatepress-multilingual': () =>
		__(
			'TranslatePress: in Settings → TranslatePress → General, set “Use a subdirectory for the default language” to No; in the Advanced tab, add /wc-api/ to “Do not translate certain paths”.',
			'kco-callback-doctor'
		),
	weglot: () =>
		__(
			'Weglot: in Weglot’s settings (or your Weglot dashboard) under excluded URLs, add a rule “Starts with” /wc-api/ (and /wp-json/ for the checkout block), and make sure “Auto redirect” does not apply to them.',
			'kco-callback-doctor'
		),
	'wp-multilang': () =>
		__(
			'WP Multilang: in Settings → WP Multilang, turn off “Use prefix for default language”, so the callback addresses keep no language in their path.',
			'kco-callback-doctor'
		),
	'qtranslate-xt': () =>
		__(
			'qTranslate-XT: in Settings → Languages → Advanced, turn on “Hide URL language information for default language” and make sure visitors are not redirected by browser language.',
			'kco-callback-doctor'
		),
	gtranslate: () =>
		__(
			'GTranslate: with language sub-directories or sub-domains (paid plans), requests pass through GTranslate’s service: ask GTranslate support to exclude /wc-api/ and /wp-json/ from translation.',
			'kco-callback-doctor'
		),
};

/**
 * The one step that says what to check in this multilingual plugin.
 * @param plugin An active plugin the doctor knows.
 */
export function multilingualPluginStep( plugin: KnownPlugin ): RemediationStep {
	const check = WHAT_TO_CHECK[ plugin.slug ];
	if ( check ) {
		return { text: check() };
	}
	return {
		text: sprintf(
			/* translators: %s: name of a multilingual plugin, e.g. "WPML". */
			__(
				'%s: make sure it adds no language to /wc-api/ addresses and does not redirect them by browser language; exclude /wc-api/ (and /wp-json/) from translation if it lets you.',
				'kco-callback-doctor'
			),
			plugin.name
		),
	};
}
