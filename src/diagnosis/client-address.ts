/**
 * What a loopback cannot test (DESIGN.md §3.7): security plugins that decide in PHP commonly
 * never block loopback or private client addresses, so a loopback that passes proves nothing
 * about them. Only a probe presenting a public address through the proxy header the plugin
 * trusts exercises them; a block of that probe is the plugin's.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { KnownPlugin, Observation, ProbeResponse } from '../api/types';
import { identificationEvidence } from './identification';
import { identifyBlocker } from './fingerprints';
import { decisiveObservation, isVerified } from './observations';
import {
	allowCallbackUrlsStep,
	externalTestStep,
	rerunStep,
	uniqueSteps,
} from './remediation';
import { isSecurityPlugin, securityPluginStep } from './security-plugins';
import type { EndpointContext, Verdict } from './verdict';

function names( plugins: KnownPlugin[] ): string {
	return plugins.map( ( plugin ) => plugin.name ).join( ', ' );
}

function sentHeader( observation: Observation, name: string ): boolean {
	const wanted = name.toLowerCase();
	return Object.keys( observation.request.headers ).some(
		( key ) => key.toLowerCase() === wanted
	);
}

/**
 * The plugins whose trusted header carried the public address in this probe.
 * @param observation One probe and what was seen of it.
 * @param plugins     Active plugins the doctor knows.
 */
function pluginsAddressedBy(
	observation: Observation,
	plugins: KnownPlugin[]
): KnownPlugin[] {
	return plugins.filter(
		( plugin ) =>
			plugin.clientAddressHeader !== null &&
			sentHeader( observation, plugin.clientAddressHeader )
	);
}

function untestedVerdict(
	plugins: KnownPlugin[],
	context: EndpointContext,
	headerIgnored: boolean
): Verdict {
	return {
		status: 'warn',
		summary: sprintf(
			/* translators: %s: names of security plugins, e.g. "Wordfence". */
			__(
				'The callback reached WooCommerce from the server’s own address, which %s does not check; this test could not show whether it blocks Klarna’s servers, which call from public addresses.',
				'kco-callback-doctor'
			),
			names( plugins )
		),
		cause: names( plugins ),
		evidence: [
			{
				label: __( 'Not tested', 'kco-callback-doctor' ),
				value: headerIgnored
					? __(
							'A public address was presented in the header the plugin is set to trust, but the request still counted as coming from the server itself, so the plugin’s address-based rules (IP blocks, country blocks, rate limits) were not exercised.',
							'kco-callback-doctor'
						)
					: __(
							'Rules keyed on the client’s address (IP blocks, country blocks, rate limits, bot rules) never see a request from the server itself.',
							'kco-callback-doctor'
						),
			},
		],
		remediation: uniqueSteps( [
			externalTestStep(),
			...plugins.map( securityPluginStep ),
			allowCallbackUrlsStep( context.remediation ),
		] ),
		externalTest: true,
	};
}

function blockedVerdict(
	response: ProbeResponse,
	plugins: KnownPlugin[],
	context: EndpointContext
): Verdict {
	const fingerprint = identifyBlocker( response );
	const blocker = fingerprint?.product ?? names( plugins );
	return {
		status: 'fail',
		summary: sprintf(
			/* translators: %s: name of a security plugin or firewall, e.g. "Wordfence". */
			__(
				'%s blocks this callback when it comes from a public address, as Klarna’s calls do.',
				'kco-callback-doctor'
			),
			blocker
		),
		cause: blocker,
		evidence: fingerprint
			? [ identificationEvidence( fingerprint, response ) ]
			: [],
		remediation: uniqueSteps( [
			...( fingerprint
				? fingerprint.remediation( context.remediation )
				: [] ),
			...plugins.map( securityPluginStep ),
			allowCallbackUrlsStep( context.remediation ),
			rerunStep(),
		] ),
	};
}

/**
 * For a callback whose Klarna-shaped probes passed: a failure when the public-address probe was
 * blocked, a warning naming the security plugins the loopback could not exercise, or null.
 * @param passing The Klarna-shaped probes that came back verified.
 * @param context What the endpoint checks know about the endpoint under test.
 */
export function clientAddressVerdict(
	passing: Observation[],
	context: EndpointContext
): Verdict | null {
	const plugins = context.environment.plugins.filter( isSecurityPlugin );
	const fromServerItself = passing.some(
		( item ) =>
			item.echo !== null && item.echo.clientAddressClass !== 'public'
	);
	if ( plugins.length === 0 || ! fromServerItself ) {
		return null;
	}
	const publicProbe = decisiveObservation(
		context.observations,
		'public-client-address'
	);
	if ( ! publicProbe ) {
		return untestedVerdict( plugins, context, false );
	}
	if ( isVerified( publicProbe, context.descriptor.id ) ) {
		if ( publicProbe.echo?.clientAddressClass !== 'public' ) {
			return untestedVerdict( plugins, context, true );
		}
		const addressed = pluginsAddressedBy( publicProbe, plugins );
		const untested = plugins.filter(
			( plugin ) => ! addressed.includes( plugin )
		);
		return untested.length > 0
			? untestedVerdict( untested, context, false )
			: null;
	}
	if ( publicProbe.response === null ) {
		// No answer at all (timeout, deadline): the plugin was not exercised either way.
		return untestedVerdict( plugins, context, false );
	}
	const addressed = pluginsAddressedBy( publicProbe, plugins );
	return blockedVerdict(
		publicProbe.response,
		addressed.length > 0 ? addressed : plugins,
		context
	);
}
