/**
 * What a loopback cannot test (docs/probe-protocol.md §10): security plugins that decide in PHP commonly
 * never block loopback or private client addresses, so a loopback that passes proves nothing
 * about them. Only a probe presenting a public address through the proxy header the plugin
 * trusts exercises them; a block of that probe is the plugin's.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { KnownPlugin, Observation, ProbeResponse } from '../api/types';
import { identificationEvidence } from './identification';
import { identifyBlocker } from './fingerprints';
import {
	allowCallbackUrlsStep,
	externalTestStep,
	rerunStep,
	uniqueSteps,
} from './remediation';
import { securityPluginStep } from './security-plugins';
import type { EndpointContext, Verdict } from './endpoint-context';
import type { NamedProduct } from './types';
import { clientAddressOutcome } from './verdict';

function names( plugins: KnownPlugin[] ): string {
	return plugins.map( ( plugin ) => plugin.name ).join( ', ' );
}

/**
 * The product to name as the cause: the one plugin, or none when several are involved.
 * @param plugins The plugins concerned.
 */
function soleProduct( plugins: KnownPlugin[] ): NamedProduct | undefined {
	const [ only, ...others ] = plugins;
	return only && others.length === 0
		? { id: only.slug, name: only.name }
		: undefined;
}

/**
 * Whether every plugin concerned, with its current setting, trusts nothing but the connection's
 * address (includes/Probe/ClientAddressPolicy.php): then no request from inside can be judged as
 * Klarna's, and only the external test can check its address rules.
 * @param plugins The plugins the loopback could not exercise.
 */
function onlyConnectionTrusted( plugins: KnownPlugin[] ): boolean {
	return (
		plugins.length > 0 &&
		plugins.every(
			( plugin ) => plugin.clientAddressTrust === 'connection'
		)
	);
}

function connectionOnlyVerdict(
	plugins: KnownPlugin[],
	context: EndpointContext
): Verdict {
	return {
		status: 'warn',
		summary: sprintf(
			/* translators: %s: names of security plugins, e.g. "All-In-One Security". */
			__(
				'%s judges each request only by the address it connects from, so no test the site sends to itself can show whether it blocks Klarna’s servers: run the external test from another network.',
				'kco-callback-doctor'
			),
			names( plugins )
		),
		causeId: 'security-plugin-untested',
		product: soleProduct( plugins ),
		cause: sprintf(
			/* translators: %s: names of security plugins, e.g. "All-In-One Security". */
			__(
				'%s, which trusts only the connection’s own address (untestable from inside)',
				'kco-callback-doctor'
			),
			names( plugins )
		),
		evidence: [
			{
				label: __( 'Not tested', 'kco-callback-doctor' ),
				value: __(
					'With its current setting the plugin reads the client’s address from the connection (REMOTE_ADDR) and from no proxy header, so a request from the server itself always counts as the server: its IP blocks, country blocks and rate limits can only be tested by a request from another network.',
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

function untestedVerdict(
	plugins: KnownPlugin[],
	context: EndpointContext,
	headerIgnored: boolean
): Verdict {
	if ( ! headerIgnored && onlyConnectionTrusted( plugins ) ) {
		return connectionOnlyVerdict( plugins, context );
	}
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
		causeId: 'security-plugin-untested',
		product: soleProduct( plugins ),
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
		causeId: 'security-plugin-block',
		product: fingerprint
			? { id: fingerprint.id, name: fingerprint.product }
			: soleProduct( plugins ),
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
 * blocked, a warning naming the security plugins the loopback could not exercise, or null. What
 * counts as which is the verdict's (verdict.ts clientAddressOutcome).
 * @param passing The Klarna-shaped probes that came back verified.
 * @param context What the endpoint checks know about the endpoint under test.
 */
export function clientAddressVerdict(
	passing: Observation[],
	context: EndpointContext
): Verdict | null {
	const outcome = clientAddressOutcome(
		passing,
		context.observations,
		context.environment,
		context.descriptor.id
	);
	if ( outcome === null ) {
		return null;
	}
	return outcome.kind === 'untested'
		? untestedVerdict( outcome.plugins, context, outcome.headerIgnored )
		: blockedVerdict( outcome.response, outcome.plugins, context );
}
