/**
 * What a callback's card offers: run its probes again, or copy a signed request to send from
 * another machine.
 */
import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { update } from '@wordpress/icons';

import type { EndpointId, ExternalProbe } from '../api/types';
import { ExternalTest } from './ExternalTest';

export interface EndpointActionsProps {
	/** The callback the actions are for. */
	endpoint: EndpointId;
	/** False while any run is in flight: the server runs one at a time. */
	canRun: boolean;
	/** Shows the button as busy while this callback is being probed. */
	isBusy?: boolean;
	/** Whether the card recommends the external test (a loopback cannot decide). */
	isExternalTestRecommended: boolean;
	/** Runs this callback's probes again. */
	onRunAgain: ( endpoint: EndpointId ) => void;
	/** Mints a signed request to send from another machine. */
	onRequestExternalProbe: (
		endpoint: EndpointId
	) => Promise< ExternalProbe >;
}

export function EndpointActions( {
	endpoint,
	canRun,
	isBusy = false,
	isExternalTestRecommended,
	onRunAgain,
	onRequestExternalProbe,
}: EndpointActionsProps ) {
	return (
		<div className="kcd-finding__actions">
			<Button
				variant="secondary"
				size="compact"
				icon={ update }
				disabled={ ! canRun }
				accessibleWhenDisabled
				isBusy={ isBusy }
				onClick={ () => onRunAgain( endpoint ) }
			>
				{ __( 'Run again', 'kco-callback-doctor' ) }
			</Button>
			<ExternalTest
				endpoint={ endpoint }
				onRequest={ onRequestExternalProbe }
				isRecommended={ isExternalTestRecommended }
			/>
		</div>
	);
}
