/**
 * Requirements that depend on the plugins of the site: WooCommerce and KCO themselves (and so
 * which callbacks Klarna really calls), multilingual plugins that can rewrite /wc-api/, security
 * plugins (where to let callbacks through), and maintenance plugins.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointDescriptor, KnownPlugin, Run } from '../api/types';
import type { RemediationContext } from './fingerprints';
import {
	maintenancePluginSteps,
	wordpressMaintenanceSteps,
} from './maintenance';
import { multilingualPluginStep } from './multilingual-plugins';
import { oneLine } from './plain-text';
import { allowCallbackUrlsStep, rerunStep } from './remediation';
import { requirementFinding } from './requirement-finding';
import { everyKlarnaProbeVerified, languageRedirectSeen } from './run-facts';
import {
	clientAddressSource,
	isSecurityPlugin,
	securityPluginStep,
} from './security-plugins';
import type { Evidence, Finding } from './types';
import type { Verdict } from './endpoint-context';

function names( plugins: KnownPlugin[] ): string {
	return plugins.map( ( plugin ) => plugin.name ).join( ', ' );
}

function pluginEvidence( plugins: KnownPlugin[] ): Evidence[] {
	return plugins.map( ( plugin ) => ( {
		label: oneLine( plugin.name ),
		value: oneLine( `${ plugin.slug } ${ plugin.version }` ),
	} ) );
}

function labels( endpoints: EndpointDescriptor[] ): string {
	return endpoints.map( ( item ) => item.label ).join( ', ' );
}

function flowLabel( flow: Run[ 'environment' ][ 'kco' ][ 'flow' ] ): string {
	switch ( flow ) {
		case 'classic':
			return __( 'classic checkout (shortcode)', 'kco-callback-doctor' );
		case 'blocks':
			return __( 'checkout block', 'kco-callback-doctor' );
		case 'unknown':
			return __( 'unknown', 'kco-callback-doctor' );
	}
}

export function checkoutPluginsFinding( run: Run ): Finding {
	const { woocommerce, kco } = run.environment;
	const unknown = __( 'unknown version', 'kco-callback-doctor' );
	const used = run.endpoints.filter(
		( item ) => item.usedByInstalledKco === true
	);
	const unused = run.endpoints.filter(
		( item ) => item.usedByInstalledKco === false
	);
	const evidence: Evidence[] = [
		{
			label: __( 'WooCommerce', 'kco-callback-doctor' ),
			value: woocommerce.active
				? oneLine( woocommerce.version ?? unknown )
				: __( 'not active', 'kco-callback-doctor' ),
		},
		{
			label: oneLine(
				kco.name ?? __( 'Klarna Checkout', 'kco-callback-doctor' )
			),
			value: kco.active
				? oneLine(
						`${ kco.version ?? unknown }, ${ flowLabel( kco.flow ) }`
					)
				: __( 'not active', 'kco-callback-doctor' ),
		},
	];
	if ( used.length > 0 ) {
		evidence.push( {
			label: __( 'Callbacks Klarna calls', 'kco-callback-doctor' ),
			value: labels( used ),
		} );
	}
	if ( unused.length > 0 ) {
		evidence.push( {
			label: __(
				'Callbacks this version does not use',
				'kco-callback-doctor'
			),
			value: labels( unused ),
		} );
	}
	let verdict: Verdict;
	if ( ! woocommerce.active ) {
		verdict = {
			status: 'fail',
			summary: __(
				'WooCommerce is not active, and Klarna’s callbacks are answered through WooCommerce.',
				'kco-callback-doctor'
			),
			cause: __( 'WooCommerce not active', 'kco-callback-doctor' ),
			remediation: [
				{
					text: __(
						'Activate WooCommerce under Plugins, then run the checks again.',
						'kco-callback-doctor'
					),
				},
			],
		};
	} else if ( ! kco.active ) {
		verdict = {
			status: 'warn',
			summary: __(
				'Klarna Checkout for WooCommerce (or Kustom Checkout) is not active: the checks test the addresses Klarna would call, but nothing would answer them yet.',
				'kco-callback-doctor'
			),
			cause: __( 'KCO not active', 'kco-callback-doctor' ),
			remediation: [
				{
					text: __(
						'Install and activate Klarna Checkout for WooCommerce (or Kustom Checkout) under Plugins, then run the checks again.',
						'kco-callback-doctor'
					),
				},
			],
		};
	} else {
		verdict = {
			status: 'pass',
			summary:
				used.length > 0
					? sprintf(
							/* translators: 1: plugin name, e.g. "Klarna Checkout for WooCommerce"; 2: its version; 3: names of the callbacks Klarna calls, e.g. "Push, Checkout block validation". */
							__(
								'%1$s %2$s is active; Klarna calls these callbacks: %3$s.',
								'kco-callback-doctor'
							),
							kco.name ??
								__( 'Klarna Checkout', 'kco-callback-doctor' ),
							kco.version ?? unknown,
							labels( used )
						)
					: sprintf(
							/* translators: 1: plugin name, e.g. "Klarna Checkout for WooCommerce"; 2: its version. */
							__( '%1$s %2$s is active.', 'kco-callback-doctor' ),
							kco.name ??
								__( 'Klarna Checkout', 'kco-callback-doctor' ),
							kco.version ?? unknown
						),
			remediation: [],
		};
	}
	return requirementFinding(
		'woocommerce-kco',
		__( 'WooCommerce and Klarna Checkout', 'kco-callback-doctor' ),
		{ ...verdict, evidence },
		__(
			'Klarna’s callbacks are answered by Klarna Checkout for WooCommerce through WooCommerce’s API; without both, no callback is answered.',
			'kco-callback-doctor'
		)
	);
}

export function multilingualFinding( run: Run ): Finding {
	const plugins = run.environment.plugins.filter(
		( plugin ) => plugin.category === 'multilingual'
	);
	let verdict: Verdict;
	if ( plugins.length === 0 ) {
		verdict = {
			status: 'pass',
			summary: __(
				'No multilingual plugin known to change callback addresses is active.',
				'kco-callback-doctor'
			),
			remediation: [],
		};
	} else if ( languageRedirectSeen( run ) ) {
		verdict = {
			status: 'fail',
			summary: sprintf(
				/* translators: %s: names of multilingual plugins, e.g. "WPML". */
				__(
					'%s is active and the checks were redirected to a language version of the callback addresses.',
					'kco-callback-doctor'
				),
				names( plugins )
			),
			cause: names( plugins ),
			remediation: [
				...plugins.map( multilingualPluginStep ),
				rerunStep(),
			],
		};
	} else if ( everyKlarnaProbeVerified( run ) ) {
		// The probes carry no cookie and no Accept-Language, like Klarna's: a language redirect
		// would have shown here.
		verdict = {
			status: 'pass',
			summary: sprintf(
				/* translators: %s: names of multilingual plugins, e.g. "WPML". */
				__(
					'%s is active and left the callback addresses alone in these checks.',
					'kco-callback-doctor'
				),
				names( plugins )
			),
			remediation: [],
		};
	} else {
		verdict = {
			status: 'warn',
			summary: sprintf(
				/* translators: %s: names of multilingual plugins, e.g. "WPML". */
				__(
					'%s is active; multilingual plugins can add a language to the /wc-api/ callback addresses, which the vendor’s requirements forbid.',
					'kco-callback-doctor'
				),
				names( plugins )
			),
			cause: names( plugins ),
			remediation: [
				...plugins.map( multilingualPluginStep ),
				rerunStep(),
			],
		};
	}
	return requirementFinding(
		'multilingual',
		__( 'Multilingual plugins', 'kco-callback-doctor' ),
		{ ...verdict, evidence: pluginEvidence( plugins ) },
		__(
			'A language added to a callback address (for example /en/wc-api/) redirects Klarna’s call, and it loses its data on the way.',
			'kco-callback-doctor'
		)
	);
}

export function securityPluginsFinding(
	run: Run,
	context: RemediationContext
): Finding {
	const plugins = run.environment.plugins.filter( isSecurityPlugin );
	const verdict: Verdict =
		plugins.length === 0
			? {
					status: 'pass',
					summary: __(
						'No security plugin the doctor knows is active. Firewalls at your host or CDN can still block callbacks: the callback checks test them.',
						'kco-callback-doctor'
					),
					remediation: [],
				}
			: {
					status: 'info',
					summary: sprintf(
						/* translators: %s: names of security plugins, e.g. "Wordfence, NinjaFirewall". */
						__(
							'%s is active. If it ever blocks Klarna, this is where to let the callbacks through.',
							'kco-callback-doctor'
						),
						names( plugins )
					),
					remediation: [
						...plugins.map( securityPluginStep ),
						allowCallbackUrlsStep( context ),
					],
				};
	const addresses = plugins.map( ( plugin ) => ( {
		label: sprintf(
			/* translators: %s: name of a security plugin, e.g. "Wordfence". */
			__( '%s, client address', 'kco-callback-doctor' ),
			oneLine( plugin.name )
		),
		value: clientAddressSource( plugin ),
	} ) );
	return requirementFinding(
		'security-plugins',
		__( 'Security plugins', 'kco-callback-doctor' ),
		{ ...verdict, evidence: [ ...pluginEvidence( plugins ), ...addresses ] }
	);
}

export function maintenanceFinding(
	run: Run,
	context: RemediationContext
): Finding {
	const { environment } = run;
	const plugins = environment.plugins.filter(
		( plugin ) => plugin.category === 'maintenance'
	);
	let verdict: Verdict;
	if ( environment.maintenanceFile ) {
		verdict = {
			status: 'fail',
			summary: __(
				'WordPress is in maintenance mode (a .maintenance file exists), and answers every request, Klarna’s too, with “Briefly unavailable for scheduled maintenance”.',
				'kco-callback-doctor'
			),
			cause: __( 'WordPress maintenance mode', 'kco-callback-doctor' ),
			remediation: [ ...wordpressMaintenanceSteps( true ), rerunStep() ],
		};
	} else if ( plugins.length > 0 && ! everyKlarnaProbeVerified( run ) ) {
		verdict = {
			status: 'warn',
			summary: sprintf(
				/* translators: %s: names of maintenance or coming-soon plugins. */
				__(
					'%s is active: while its maintenance or coming-soon mode is on, it can turn Klarna’s calls away.',
					'kco-callback-doctor'
				),
				names( plugins )
			),
			cause: names( plugins ),
			remediation: [
				...maintenancePluginSteps( names( plugins ), context ),
				rerunStep(),
			],
		};
	} else {
		verdict = {
			status: 'pass',
			summary:
				plugins.length > 0
					? sprintf(
							/* translators: %s: names of maintenance or coming-soon plugins. */
							__(
								'%s is active but let the callbacks through in these checks.',
								'kco-callback-doctor'
							),
							names( plugins )
						)
					: __(
							'The site is not in maintenance mode.',
							'kco-callback-doctor'
						),
			remediation: [],
		};
	}
	return requirementFinding(
		'maintenance',
		__( 'Maintenance mode', 'kco-callback-doctor' ),
		{ ...verdict, evidence: pluginEvidence( plugins ) },
		__(
			'In maintenance mode the site answers Klarna’s calls with 503, so no callback is handled until it ends.',
			'kco-callback-doctor'
		)
	);
}
