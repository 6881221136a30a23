/**
 * "Copy as curl": a signed, single-use request for one endpoint that the owner sends from another
 * machine, so that it travels through the CDN and firewall the way Klarna's call does.
 */
import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { ApiError } from '../api/client';
import type { EndpointId, ExternalProbe } from '../api/types';
import { writeClipboard } from './clipboard';
import { formatTime } from './format';

export interface ExternalTestProps {
	/** The endpoint the command probes. */
	endpoint: EndpointId;
	/** Mints the signed request; rejects with an ApiError. */
	onRequest: ( endpoint: EndpointId ) => Promise< ExternalProbe >;
	/** True when only a test from outside can settle this check: the button is then primary. */
	isRecommended?: boolean;
}

type Minting =
	| { state: 'idle' }
	| { state: 'minting' }
	| { state: 'ready'; probe: ExternalProbe; copied: boolean }
	| { state: 'failed'; message: string };

export function ExternalTest( {
	endpoint,
	onRequest,
	isRecommended = false,
}: ExternalTestProps ) {
	const [ minting, setMinting ] = useState< Minting >( { state: 'idle' } );

	async function mintAndCopy(): Promise< void > {
		setMinting( { state: 'minting' } );
		try {
			const probe = await onRequest( endpoint );
			setMinting( {
				state: 'ready',
				probe,
				copied: await writeClipboard( probe.curl ),
			} );
		} catch ( reason ) {
			setMinting( {
				state: 'failed',
				message: ( reason as ApiError ).message,
			} );
		}
	}

	return (
		<div className="kcd-external-test">
			<Button
				variant={ isRecommended ? 'primary' : 'secondary' }
				size="compact"
				isBusy={ minting.state === 'minting' }
				disabled={ minting.state === 'minting' }
				accessibleWhenDisabled
				onClick={ mintAndCopy }
			>
				{ __( 'Copy as curl', 'kco-callback-doctor' ) }
			</Button>
			<p className="kcd-external-test__explanation">
				{ __(
					'Run the command on a computer outside this server: a short JSON answer with "probeId" means Klarna can reach this callback; an error or block page means something on the way stops it. If it says the test header did not reach WordPress, it sent nothing Klarna-shaped: something on the way removes that header, so this test cannot tell.',
					'kco-callback-doctor'
				) }
			</p>
			<div role="status" className="kcd-external-test__status">
				{ minting.state === 'ready' ? (
					<p>
						{ minting.copied
							? sprintf(
									/* translators: %s: date and time the command stops working. */
									__(
										'Copied. The command works once, until %s.',
										'kco-callback-doctor'
									),
									formatTime( minting.probe.expiresAt )
								)
							: sprintf(
									/* translators: %s: date and time the command stops working. */
									__(
										'Copy the command below. It works once, until %s.',
										'kco-callback-doctor'
									),
									formatTime( minting.probe.expiresAt )
								) }
					</p>
				) : null }
				{ minting.state === 'failed' ? (
					<p className="kcd-error-text">
						{ sprintf(
							/* translators: %s: the server's error message. */
							__(
								'The command could not be made: %s',
								'kco-callback-doctor'
							),
							minting.message
						) }
					</p>
				) : null }
			</div>
			{ minting.state === 'ready' ? (
				<pre className="kcd-verbatim kcd-external-test__command">
					{ minting.probe.curl }
				</pre>
			) : null }
		</div>
	);
}
