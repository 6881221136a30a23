/**
 * Requirement findings: what the site must fulfil before any callback can work (the vendor's
 * "Requirements for getting callbacks to work", kco-callbacks-troubleshooting.txt), from the
 * environment facts, cross-checked with the run's probes where they prove a risk harmless.
 */
import { __ } from '@wordpress/i18n';

import type { Environment, Run } from '../api/types';
import type { RemediationContext } from './fingerprints';
import { oneLine } from './plain-text';
import { rerunStep } from './remediation';
import { requirementFinding } from './requirement-finding';
import { certificateFinding, httpsFinding } from './requirement-https';
import {
	checkoutPluginsFinding,
	maintenanceFinding,
	multilingualFinding,
	securityPluginsFinding,
} from './requirement-plugins';
import { reachabilityFinding } from './requirement-reachability';
import type { Finding } from './types';

export function permalinksFinding( environment: Environment ): Finding {
	const plain = environment.permalinkStructure === '';
	return requirementFinding(
		'permalinks',
		__( 'Pretty permalinks', 'kco-callback-doctor' ),
		plain
			? {
					status: 'fail',
					summary: __(
						'The site uses plain permalinks, so the /wc-api/ addresses KCO gives Klarna are not found.',
						'kco-callback-doctor'
					),
					cause: __( 'plain permalinks', 'kco-callback-doctor' ),
					remediation: [
						{
							text: __(
								'Go to Settings → Permalinks, choose any structure other than “Plain” (for example “Post name”) and click “Save Changes”.',
								'kco-callback-doctor'
							),
						},
						rerunStep(),
					],
				}
			: {
					status: 'pass',
					summary: __(
						'Pretty permalinks are on.',
						'kco-callback-doctor'
					),
					remediation: [],
					evidence: [
						{
							label: __(
								'Permalink structure',
								'kco-callback-doctor'
							),
							value: oneLine( environment.permalinkStructure ),
						},
					],
				},
		__(
			'KCO always gives Klarna the pretty /wc-api/ address; with plain permalinks it is not found and the callback fails.',
			'kco-callback-doctor'
		)
	);
}

/**
 * Requirement findings in the order a store owner checks them.
 * @param run     The run as the REST API returned it.
 * @param context The callback addresses of the site.
 */
export function requirementFindings(
	run: Run,
	context: RemediationContext
): Finding[] {
	const { environment } = run;
	const certificate = certificateFinding(
		environment,
		new Date( run.startedAt )
	);
	return [
		reachabilityFinding( environment ),
		httpsFinding( environment ),
		...( certificate ? [ certificate ] : [] ),
		permalinksFinding( environment ),
		checkoutPluginsFinding( run ),
		multilingualFinding( run ),
		securityPluginsFinding( run, context ),
		maintenanceFinding( run, context ),
	];
}
