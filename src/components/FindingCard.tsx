/**
 * One check: its status as icon and word, what was found in one sentence, who blocked it, and,
 * on demand, the evidence; the numbered fix; for callback endpoints, "Run again" and the
 * external test.
 */
import { Card, CardBody, CardHeader, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointId, ExternalProbe } from '../api/types';
import type { Finding } from '../diagnosis/types';
import { Disclosure } from './Disclosure';
import { variantsLabel } from '../diagnosis/evidence';
import { EvidenceList } from './EvidenceList';
import { EndpointActions } from './EndpointActions';
import { RemediationSteps } from './RemediationSteps';
import { StatusBadge } from './StatusBadge';
import { VariantOutcomes } from './VariantOutcomes';

export interface FindingCardProps {
	/** The finding to show. */
	finding: Finding;
	/** True while this check is being run (the whole run, or this endpoint alone). */
	isRunning: boolean;
	/** False while any run is in flight: the server runs one at a time. */
	canRun: boolean;
	/** Runs this endpoint's probes again; "Run again" shows only for endpoint findings. */
	onRunAgain: ( endpoint: EndpointId ) => void;
	/** Mints a signed request to send from another machine ("Copy as curl"). */
	onRequestExternalProbe: (
		endpoint: EndpointId
	) => Promise< ExternalProbe >;
}

/**
 * A failed callback was blocked by something; a requirement or a warning has a cause instead
 * ("Blocked by: no https" or "Blocked by: a slow answer" would mislead).
 * @param finding The finding on the card.
 */
function blocks( finding: Finding ): boolean {
	return finding.group === 'endpoint' && finding.status === 'fail';
}

/**
 * The evidence without its one-line summary of the variants when the card shows them as a
 * table (the support report does the same with its list).
 * @param finding The finding on the card.
 */
function withoutVariantsLine( finding: Finding ) {
	if ( ! finding.variants || finding.variants.length === 0 ) {
		return finding.evidence;
	}
	return finding.evidence.filter(
		( item ) => item.label !== variantsLabel()
	);
}

export function FindingCard( {
	finding,
	isRunning,
	canRun,
	onRunAgain,
	onRequestExternalProbe,
}: FindingCardProps ) {
	const { endpoint } = finding;
	const hasDetails =
		finding.evidence.length > 0 || ( finding.variants?.length ?? 0 ) > 0;

	return (
		<Card
			className={ `kcd-finding is-${ finding.status }` }
			size="small"
			aria-busy={ isRunning }
			data-finding-id={ finding.id }
		>
			<CardHeader className="kcd-finding__header">
				<h3 className="kcd-finding__title">{ finding.title }</h3>
				<div className="kcd-finding__tags">
					{ isRunning ? (
						<span className="kcd-running">
							<Spinner />
							{ __( 'Checking…', 'kco-callback-doctor' ) }
						</span>
					) : null }
					{ finding.usedByKlarna === false ? (
						<span className="kcd-tag">
							{ __(
								'Not used by your Klarna Checkout version',
								'kco-callback-doctor'
							) }
						</span>
					) : null }
					<StatusBadge status={ finding.status } />
				</div>
			</CardHeader>
			<CardBody className="kcd-finding__body">
				<p className="kcd-finding__summary">{ finding.summary }</p>
				{ finding.impact ? (
					<p className="kcd-finding__impact">{ finding.impact }</p>
				) : null }
				{ finding.cause ? (
					<p className="kcd-finding__cause">
						{ blocks( finding )
							? sprintf(
									/* translators: %s: who blocked the request, e.g. "Cloudflare" or "a language redirect". */
									__(
										'Blocked by: %s',
										'kco-callback-doctor'
									),
									finding.cause
								)
							: sprintf(
									/* translators: %s: what the finding comes from, e.g. "no https" or "a slow answer". */
									__( 'Cause: %s', 'kco-callback-doctor' ),
									finding.cause
								) }
					</p>
				) : null }
				{ finding.remediation.length > 0 ? (
					<div className="kcd-finding__fix">
						<h4>{ __( 'How to fix', 'kco-callback-doctor' ) }</h4>
						<RemediationSteps steps={ finding.remediation } />
					</div>
				) : null }
				{ hasDetails ? (
					<Disclosure
						label={ __( 'Details', 'kco-callback-doctor' ) }
					>
						{ finding.variants && finding.variants.length > 0 ? (
							<VariantOutcomes variants={ finding.variants } />
						) : null }
						<EvidenceList
							evidence={ withoutVariantsLine( finding ) }
						/>
					</Disclosure>
				) : null }
				{ endpoint ? (
					<EndpointActions
						endpoint={ endpoint }
						canRun={ canRun }
						isExternalTestRecommended={
							finding.externalTest === true
						}
						onRunAgain={ onRunAgain }
						onRequestExternalProbe={ onRequestExternalProbe }
					/>
				) : null }
			</CardBody>
		</Card>
	);
}
