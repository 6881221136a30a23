/**
 * What to do about maintenance mode: WordPress's own, while it installs updates, and the
 * maintenance or coming-soon plugins the doctor knows (includes/KnownPlugins.php).
 *
 * WordPress's own: during an update WordPress writes `.maintenance` (it sets `$upgrading`) into
 * its folder, and wp_maintenance() in wp-includes/load.php answers every request with 503,
 * `Retry-After: 600` and "Briefly unavailable for scheduled maintenance. Check back in a
 * minute."; wp_is_maintenance_mode() ignores a file older than ten minutes. An update that
 * stops half-way leaves the file behind.
 *
 * What a missed call costs: a push that fails is sent again by Klarna (docs/probe-protocol.md
 * §2); the vendor's troubleshooting page calls the push a backup and gives no schedule, so none
 * is named here. A validation callback is part of the purchase itself: when it fails, that
 * customer's purchase fails (impact.ts).
 */
import { __, sprintf } from '@wordpress/i18n';

import type { RemediationContext } from './fingerprints';
import type { RemediationStep } from './types';

function deleteFileStep(): RemediationStep {
	return {
		text: __(
			'WordPress ends maintenance mode by itself when the update finishes. If the message stays longer than ten minutes, an update stopped half-way or a tool keeps the mode on: delete the file named .maintenance in your WordPress folder (the one with wp-config.php) with your host’s file manager or FTP, and nothing else.',
			'kco-callback-doctor'
		),
	};
}

function endedByItselfStep(): RemediationStep {
	return {
		text: __(
			'WordPress ends maintenance mode by itself when the update finishes, and the .maintenance file is gone now: run the checks again to see whether the callbacks get through.',
			'kco-callback-doctor'
		),
	};
}

function whatItCostsStep(): RemediationStep {
	return {
		text: __(
			'While the site is in maintenance, Klarna’s calls fail. Klarna sends a failed push again later, so those orders can still be confirmed once the site is back; but a validation call that fails during checkout makes that customer’s purchase fail.',
			'kco-callback-doctor'
		),
	};
}

function offPeakStep(): RemediationStep {
	return {
		text: __(
			'Run plugin, theme and WordPress updates when few customers shop (off-peak), one at a time, and do not leave automatic updates to run at your busiest hours.',
			'kco-callback-doctor'
		),
	};
}

/**
 * Steps for WordPress's own maintenance mode (the `.maintenance` file).
 * @param fileExists Whether `.maintenance` is in the WordPress folder now (Environment).
 */
export function wordpressMaintenanceSteps(
	fileExists: boolean
): RemediationStep[] {
	return [
		fileExists ? deleteFileStep() : endedByItselfStep(),
		whatItCostsStep(),
		offPeakStep(),
	];
}

/**
 * Steps for a maintenance or coming-soon plugin.
 * @param pluginNames Names of the active maintenance plugins, e.g. "WP Maintenance Mode".
 * @param context     The callback addresses of the site.
 */
export function maintenancePluginSteps(
	pluginNames: string,
	context: RemediationContext
): RemediationStep[] {
	return [
		{
			text: sprintf(
				/* translators: %s: names of maintenance or coming-soon plugins, e.g. "WP Maintenance Mode". */
				__(
					'Turn maintenance or coming-soon mode off in %s while the shop takes orders. To keep it on, exclude the callback addresses below in the plugin’s own settings (look for “Exclude”, “Access” or “Whitelisted URLs”); where it has no such setting, turn the mode off.',
					'kco-callback-doctor'
				),
				pluginNames
			),
			copy: [ context.wildcardUrl, ...context.allowUrls ],
		},
		whatItCostsStep(),
		{
			text: __(
				'Do not leave maintenance mode on while Klarna Checkout is live, and do not rely on being logged in to see the shop: Klarna’s servers are never logged in.',
				'kco-callback-doctor'
			),
		},
	];
}
