/**
 * Requirement: "The website needs to have a publicly queryable URL (use a service like
 * ngrok.com if you want to use KCO in a local development environment)"
 * (kco-callbacks-troubleshooting.txt).
 */
import { __, sprintf } from '@wordpress/i18n';

import type { AddressClass, Environment } from '../api/types';
import { oneLine } from './plain-text';
import { externalTestStep, rerunStep } from './remediation';
import { requirementFinding } from './requirement-finding';
import { isIpLiteral, isNonPublic, localOnlySuffix } from './site-address';
import type { Evidence, Finding, RemediationStep } from './types';
import type { Verdict } from './endpoint-context';

function addressClassName( addressClass: AddressClass ): string {
	switch ( addressClass ) {
		case 'loopback':
			return __( 'loopback (this computer only)', 'kco-callback-doctor' );
		case 'private':
			return __( 'private network', 'kco-callback-doctor' );
		case 'reserved':
			return __(
				'reserved, not routed on the internet',
				'kco-callback-doctor'
			);
		case 'public':
			return __( 'public', 'kco-callback-doctor' );
	}
}

function tunnelStep(): RemediationStep {
	return {
		text: __(
			'For local development, give the site a public address with a tunnelling service such as ngrok (as Klarna’s plugin documentation recommends), and set it as the WordPress Address and Site Address in Settings → General.',
			'kco-callback-doctor'
		),
	};
}

function liveShopStep(): RemediationStep {
	return {
		text: __(
			'For a live shop, the site must use its public domain name: set it as the WordPress Address and Site Address in Settings → General.',
			'kco-callback-doctor'
		),
	};
}

function evidenceOf( environment: Environment ): Evidence[] {
	return [
		{
			label: __( 'Host', 'kco-callback-doctor' ),
			value: oneLine( environment.host ),
		},
		{
			label: __( 'Resolves to', 'kco-callback-doctor' ),
			value:
				environment.hostAddresses.length > 0
					? oneLine( environment.hostAddresses.join( ', ' ) )
					: __(
							'nothing (the name does not resolve)',
							'kco-callback-doctor'
						),
		},
		...( environment.hostAddressClass !== null
			? [
					{
						label: __( 'Address type', 'kco-callback-doctor' ),
						value: addressClassName( environment.hostAddressClass ),
					},
				]
			: [] ),
	];
}

function verdictFor( environment: Environment ): Verdict {
	const { host, hostAddressClass } = environment;
	const suffix = localOnlySuffix( host );
	if ( suffix !== null ) {
		return {
			status: 'fail',
			summary: sprintf(
				/* translators: 1: host name of the site; 2: the local-only ending of the name, e.g. ".local". */
				__(
					'%1$s is a local-only name (%2$s) that the internet cannot look up, so Klarna’s servers cannot reach the site.',
					'kco-callback-doctor'
				),
				host,
				suffix
			),
			cause: __( 'a local site address', 'kco-callback-doctor' ),
			remediation: [ tunnelStep(), liveShopStep(), rerunStep() ],
		};
	}
	if ( hostAddressClass === null ) {
		return {
			status: 'fail',
			summary: sprintf(
				/* translators: %s: host name of the site. */
				__(
					'%s does not resolve to any address, so Klarna’s servers cannot find the site.',
					'kco-callback-doctor'
				),
				host
			),
			cause: __( 'a name that does not resolve', 'kco-callback-doctor' ),
			remediation: [
				{
					text: __(
						'Check that the domain is registered and that its DNS records point to your web server (your domain registrar or host shows them).',
						'kco-callback-doctor'
					),
				},
				tunnelStep(),
				rerunStep(),
			],
		};
	}
	if ( isNonPublic( hostAddressClass ) && isIpLiteral( host ) ) {
		return {
			status: 'fail',
			summary: sprintf(
				/* translators: %s: IP address the site uses as its host. */
				__(
					'The site’s address %s is not reachable from the internet, so Klarna’s servers cannot reach the site.',
					'kco-callback-doctor'
				),
				host
			),
			cause: __( 'a private site address', 'kco-callback-doctor' ),
			remediation: [ tunnelStep(), liveShopStep(), rerunStep() ],
		};
	}
	if ( isNonPublic( hostAddressClass ) ) {
		// A public-looking name resolving privately on the server is also what a host's own
		// hosts-file mapping looks like (docs/probe-protocol.md §9): only a test from outside can tell.
		return {
			status: 'warn',
			summary: sprintf(
				/* translators: %s: host name of the site. */
				__(
					'On this server, %s resolves to an address the internet cannot reach. Hosts often map a site’s own name this way, but if the site runs on a private network, Klarna’s servers cannot reach it.',
					'kco-callback-doctor'
				),
				host
			),
			cause: __(
				'a private address on the server',
				'kco-callback-doctor'
			),
			remediation: [ externalTestStep(), tunnelStep(), rerunStep() ],
			externalTest: true,
		};
	}
	return {
		status: 'pass',
		summary: sprintf(
			/* translators: %s: host name of the site. */
			__( '%s resolves to a public address.', 'kco-callback-doctor' ),
			host
		),
		remediation: [],
	};
}

export function reachabilityFinding( environment: Environment ): Finding {
	const verdict = verdictFor( environment );
	return requirementFinding(
		'public-url',
		__( 'Public address', 'kco-callback-doctor' ),
		{ ...verdict, evidence: evidenceOf( environment ) },
		__(
			'Klarna’s servers call the shop over the internet; a site they cannot reach never receives a callback, and orders stay in “Pending payment”.',
			'kco-callback-doctor'
		)
	);
}
