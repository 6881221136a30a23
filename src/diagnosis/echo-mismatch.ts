/**
 * The probe reached WordPress, but not as it was sent: routed to another endpoint, with another
 * method, or with its body lost or changed on the way. Klarna's call would arrive the same way.
 */
import { __ } from '@wordpress/i18n';

import type { EchoCheck } from './observations';
import { contactHostStep, rerunStep } from './remediation';
import type { EndpointContext, Verdict } from './endpoint-context';

type Mismatch = Exclude< EchoCheck, 'verified' | 'no-echo' | 'redirected' >;

export function echoMismatchVerdict(
	mismatch: Mismatch,
	context: EndpointContext
): Verdict {
	const proxyStep = {
		text: __(
			'Something between the internet and WordPress rewrites requests: a proxy, CDN or firewall rule that changes request bodies, or a plugin that filters incoming data. Your host can find it with the evidence below.',
			'kco-callback-doctor'
		),
	};
	switch ( mismatch ) {
		case 'wrong-endpoint':
			return {
				status: 'fail',
				summary: __(
					'The request reached WordPress but was routed to another callback than this one, so KCO would handle Klarna’s call wrongly.',
					'kco-callback-doctor'
				),
				causeId: 'wrong-routing',
				cause: __( 'wrong routing', 'kco-callback-doctor' ),
				remediation: [
					{
						text:
							context.descriptor.id === 'block-validate'
								? __(
										'Look for a rewrite or redirect rule that changes /wp-json/ addresses (web server configuration or a redirect plugin), then go to Settings → Permalinks and click “Save Changes”.',
										'kco-callback-doctor'
									)
								: __(
										'Look for a rewrite or redirect rule that changes /wc-api/ addresses (web server configuration or a redirect plugin), then go to Settings → Permalinks and click “Save Changes”.',
										'kco-callback-doctor'
									),
					},
					contactHostStep(),
					rerunStep(),
				],
			};
		case 'method-changed':
			return {
				status: 'fail',
				summary: __(
					'The request was sent as POST but reached WordPress with another method, so Klarna’s data would not arrive.',
					'kco-callback-doctor'
				),
				causeId: 'method-changed',
				cause: __( 'a changed request method', 'kco-callback-doctor' ),
				remediation: [ proxyStep, contactHostStep(), rerunStep() ],
			};
		case 'body-lost':
			return {
				status: 'fail',
				summary: __(
					'The request reached WordPress without its body: Klarna’s order data would be lost on the way.',
					'kco-callback-doctor'
				),
				causeId: 'body-lost',
				cause: __( 'a lost request body', 'kco-callback-doctor' ),
				remediation: [ proxyStep, contactHostStep(), rerunStep() ],
			};
		case 'body-changed':
			return {
				status: 'fail',
				summary: __(
					'The request body arrived changed (another size or content), so Klarna’s order data would not reach KCO intact.',
					'kco-callback-doctor'
				),
				causeId: 'body-changed',
				cause: __( 'a changed request body', 'kco-callback-doctor' ),
				remediation: [
					proxyStep,
					{
						text: __(
							'Character conversion is a common culprit: Klarna’s data is UTF-8 JSON with names like “Åsa Öberg”; nothing on the way may re-encode it.',
							'kco-callback-doctor'
						),
					},
					contactHostStep(),
					rerunStep(),
				],
			};
	}
}
