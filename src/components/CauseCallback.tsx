/**
 * One callback inside a cause card: folded under its name, what it carries for Klarna orders,
 * the requests tried and the evidence of its own probes, and its own "Run again" and external
 * test. The cause and the fix are the card's, said once.
 */
import { __ } from '@wordpress/i18n';

import type { EndpointId, ExternalProbe } from '../api/types';
import { variantsLabel } from '../diagnosis/evidence';
import type { Finding } from '../diagnosis/types';
import { Disclosure } from './Disclosure';
import { EvidenceList } from './EvidenceList';
import { EndpointActions } from './EndpointActions';
import { VariantOutcomes } from './VariantOutcomes';

export interface CauseCallbackProps {
	/** The callback's own finding. */
	finding: Finding;
	/** True while this callback's check runs. */
	isRunning: boolean;
	/** False while any run is in flight: the server runs one at a time. */
	canRun: boolean;
	/** Runs this callback's probes again. */
	onRunAgain: ( endpoint: EndpointId ) => void;
	/** Mints a signed request to send from another machine. */
	onRequestExternalProbe: (
		endpoint: EndpointId
	) => Promise< ExternalProbe >;
}

export function CauseCallback( {
	finding,
	isRunning,
	canRun,
	onRunAgain,
	onRequestExternalProbe,
}: CauseCallbackProps ) {
	const { endpoint } = finding;
	const variants = finding.variants ?? [];
	// The table lists the variants; their one-line summary would repeat it.
	const evidence =
		variants.length > 0
			? finding.evidence.filter(
					( item ) => item.label !== variantsLabel()
				)
			: finding.evidence;
	const label =
		finding.usedByKlarna === false
			? `${ finding.title } (${ __(
					'not used by your Klarna Checkout version',
					'kco-callback-doctor'
				) })`
			: finding.title;

	return (
		<Disclosure label={ label } className="kcd-cause__callback">
			{ finding.impact ? (
				<p className="kcd-finding__impact">{ finding.impact }</p>
			) : null }
			{ variants.length > 0 ? (
				<VariantOutcomes variants={ variants } />
			) : null }
			<EvidenceList evidence={ evidence } />
			{ endpoint ? (
				<EndpointActions
					endpoint={ endpoint }
					canRun={ canRun }
					isBusy={ isRunning }
					isExternalTestRecommended={ finding.externalTest === true }
					onRunAgain={ onRunAgain }
					onRequestExternalProbe={ onRequestExternalProbe }
				/>
			) : null }
		</Disclosure>
	);
}
