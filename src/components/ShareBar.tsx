/**
 * Hands the run on screen to someone else: a Markdown report for a support ticket, or the raw
 * run as JSON.
 */
import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { download } from '@wordpress/icons';

import type { Run } from '../api/types';
import { buildReport } from '../diagnosis';
import type { Diagnosis } from '../diagnosis/types';
import { CopyButton } from './CopyButton';
import { downloadRunJson } from './exportRun';

export interface ShareBarProps {
	/** The run on screen. */
	run: Run;
	/** What the diagnosis makes of it. */
	diagnosis: Diagnosis;
}

export function ShareBar( { run, diagnosis }: ShareBarProps ) {
	return (
		<div className="kcd-share">
			<h2 className="kcd-share__title">
				{ __( 'Share with support', 'kco-callback-doctor' ) }
			</h2>
			<div className="kcd-share__actions">
				<CopyButton
					text={ () => buildReport( run, diagnosis ) }
					label={ __( 'Copy report', 'kco-callback-doctor' ) }
				/>
				<Button
					variant="secondary"
					size="compact"
					icon={ download }
					onClick={ () => downloadRunJson( run ) }
				>
					{ __( 'Download JSON', 'kco-callback-doctor' ) }
				</Button>
			</div>
		</div>
	);
}
