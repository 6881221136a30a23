/**
 * Requirement: "The website needs to have https configured correctly (not only in checkout,
 * but for the entire website)" (kco-callbacks-troubleshooting.txt): https home and site URLs,
 * and a certificate Klarna's servers accept (valid, not self-signed, for this host, not expired).
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import type { Certificate, Environment } from '../api/types';
import { oneLine } from './plain-text';
import { certificateStep, contactHostStep, rerunStep } from './remediation';
import { requirementFinding } from './requirement-finding';
import { tlsProblem } from './transport';
import type { Evidence, Finding } from './types';
import type { Verdict } from './endpoint-context';

/** Warn this many days before the certificate expires. */
const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

function isHttps( url: string ): boolean {
	return /^https:\/\//i.test( url.trim() );
}

const HTTPS_IMPACT = (): string =>
	__(
		'Klarna sends callbacks only to https addresses it can verify; without a valid certificate on the whole site its calls fail and orders stay in “Pending payment”.',
		'kco-callback-doctor'
	);

export function httpsFinding( environment: Environment ): Finding {
	const evidence: Evidence[] = [
		{
			label: __( 'Site Address (home)', 'kco-callback-doctor' ),
			value: oneLine( environment.homeUrl ),
		},
		{
			label: __( 'WordPress Address (site)', 'kco-callback-doctor' ),
			value: oneLine( environment.siteUrl ),
		},
	];
	const homeHttps = isHttps( environment.homeUrl );
	const siteHttps = isHttps( environment.siteUrl );
	const verdict: Verdict =
		homeHttps && siteHttps
			? {
					status: 'pass',
					summary: __(
						'Both the Site Address and the WordPress Address use https.',
						'kco-callback-doctor'
					),
					remediation: [],
				}
			: {
					status: 'fail',
					summary: homeHttps
						? __(
								'The WordPress Address does not use https, but Klarna requires https on the whole site.',
								'kco-callback-doctor'
							)
						: __(
								'The Site Address does not use https, so KCO gives Klarna http callback addresses, which Klarna does not accept.',
								'kco-callback-doctor'
							),
					cause: __( 'no https', 'kco-callback-doctor' ),
					remediation: [
						certificateStep(),
						{
							text: __(
								'In Settings → General, change both “WordPress Address (URL)” and “Site Address (URL)” to start with https://. If the fields are greyed out, WP_HOME and WP_SITEURL are set in wp-config.php: change them there.',
								'kco-callback-doctor'
							),
						},
						{
							// docs/probe-protocol.md §1: a 301/302 turns Klarna's POST into a GET and drops the body.
							text: __(
								'Do not settle for a redirect from http to https instead: a redirect turns Klarna’s POST into a GET and its order data is lost on the way.',
								'kco-callback-doctor'
							),
						},
						rerunStep(),
					],
				};
	return requirementFinding(
		'https',
		__( 'HTTPS on the whole site', 'kco-callback-doctor' ),
		{ ...verdict, evidence },
		HTTPS_IMPACT()
	);
}

function isoDay( iso: string ): string {
	return iso.slice( 0, 10 );
}

function certificateEvidence( certificate: Certificate ): Evidence[] {
	return [
		{
			label: __( 'Issued to', 'kco-callback-doctor' ),
			value: oneLine( certificate.subject ),
		},
		{
			label: __( 'Issued by', 'kco-callback-doctor' ),
			value: oneLine( certificate.issuer ),
		},
		{
			label: __( 'Valid', 'kco-callback-doctor' ),
			value: sprintf(
				/* translators: 1: first day of validity (YYYY-MM-DD); 2: last day of validity (YYYY-MM-DD). */
				__( 'from %1$s to %2$s', 'kco-callback-doctor' ),
				isoDay( certificate.validFrom ),
				isoDay( certificate.validTo )
			),
		},
	];
}

function failing( summary: string, cause: string ): Verdict {
	return {
		status: 'fail',
		summary,
		cause,
		remediation: [ certificateStep(), contactHostStep(), rerunStep() ],
	};
}

function unreadableVerdict( error: string ): Verdict {
	switch ( tlsProblem( error ) ) {
		case 'expired':
			return failing(
				__(
					'The site’s certificate has expired.',
					'kco-callback-doctor'
				),
				__( 'an expired certificate', 'kco-callback-doctor' )
			);
		case 'self-signed':
			return failing(
				__(
					'The site’s certificate is self-signed, which Klarna’s servers do not trust.',
					'kco-callback-doctor'
				),
				__( 'a self-signed certificate', 'kco-callback-doctor' )
			);
		case 'wrong-host':
			return failing(
				__(
					'The certificate the server presents is for another name than this site.',
					'kco-callback-doctor'
				),
				__(
					'a certificate for another host name',
					'kco-callback-doctor'
				)
			);
		default:
			return failing(
				__(
					'The site’s certificate could not be verified.',
					'kco-callback-doctor'
				),
				__( 'an HTTPS problem', 'kco-callback-doctor' )
			);
	}
}

function certificateVerdict( certificate: Certificate, now: Date ): Verdict {
	if ( certificate.selfSigned ) {
		return unreadableVerdict( 'self-signed' );
	}
	if ( ! certificate.hostMatches ) {
		return unreadableVerdict( 'host name mismatch' );
	}
	const validTo = Date.parse( certificate.validTo );
	const validFrom = Date.parse( certificate.validFrom );
	if ( [ validTo, validFrom, now.getTime() ].some( Number.isNaN ) ) {
		return {
			status: 'info',
			summary: __(
				'The certificate’s dates could not be read; the callback checks still verify it on every request.',
				'kco-callback-doctor'
			),
			remediation: [],
		};
	}
	if ( validTo <= now.getTime() ) {
		return unreadableVerdict( 'expired' );
	}
	if ( validFrom > now.getTime() ) {
		return failing(
			__(
				'The site’s certificate is not valid yet (check the server’s clock or the certificate’s dates).',
				'kco-callback-doctor'
			),
			__( 'a certificate not yet valid', 'kco-callback-doctor' )
		);
	}
	const days = Math.floor( ( validTo - now.getTime() ) / DAY_MS );
	if ( days < EXPIRY_WARNING_DAYS ) {
		return {
			status: 'warn',
			summary: sprintf(
				/* translators: %d: number of days until the certificate expires. */
				_n(
					'The site’s certificate expires in %d day: when it does, Klarna’s calls fail.',
					'The site’s certificate expires in %d days: when it does, Klarna’s calls fail.',
					days,
					'kco-callback-doctor'
				),
				days
			),
			cause: __( 'a certificate about to expire', 'kco-callback-doctor' ),
			remediation: [
				{
					text: __(
						'Renew the certificate now, and check that automatic renewal works (your hosting control panel shows it).',
						'kco-callback-doctor'
					),
				},
				contactHostStep(),
			],
		};
	}
	return {
		status: 'pass',
		summary: sprintf(
			/* translators: %s: last day of validity (YYYY-MM-DD). */
			__(
				'The site’s certificate is valid for this name until %s.',
				'kco-callback-doctor'
			),
			isoDay( certificate.validTo )
		),
		remediation: [],
	};
}

/**
 * Null when the home URL is not https: the https finding already says what to do.
 * @param environment Facts about the site.
 * @param now         When the run started.
 */
export function certificateFinding(
	environment: Environment,
	now: Date
): Finding | null {
	if ( ! isHttps( environment.homeUrl ) ) {
		return null;
	}
	const { certificate, certificateError } = environment;
	let verdict: Verdict;
	let evidence: Evidence[] = [];
	if ( certificate ) {
		verdict = certificateVerdict( certificate, now );
		evidence = certificateEvidence( certificate );
	} else if ( certificateError !== null ) {
		verdict = unreadableVerdict( certificateError );
		evidence = [
			{
				label: __( 'Error', 'kco-callback-doctor' ),
				value: oneLine( certificateError, 600 ),
			},
		];
	} else {
		verdict = {
			status: 'info',
			summary: __(
				'The certificate’s details could not be read; the callback checks still verify it on every request.',
				'kco-callback-doctor'
			),
			remediation: [],
		};
	}
	return requirementFinding(
		'certificate',
		__( 'HTTPS certificate', 'kco-callback-doctor' ),
		{
			...verdict,
			evidence: [ ...( verdict.evidence ?? [] ), ...evidence ],
		},
		HTTPS_IMPACT()
	);
}
