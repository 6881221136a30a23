/**
 * "How to fix": numbered steps, each text the owner may need to paste (a URL to allow) with its
 * own copy button.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { RemediationStep } from '../diagnosis/types';
import { CopyButton } from './CopyButton';

export interface RemediationStepsProps {
	/** The steps, in order. */
	steps: RemediationStep[];
}

export function RemediationSteps( { steps }: RemediationStepsProps ) {
	return (
		<ol className="kcd-remediation">
			{ steps.map( ( step, index ) => (
				<li key={ `${ index }-${ step.text }` }>
					{ step.text }
					{ step.copy && step.copy.length > 0 ? (
						<ul className="kcd-remediation__copy">
							{ step.copy.map( ( value ) => (
								<li key={ value }>
									<code>{ value }</code>
									<CopyButton
										text={ value }
										label={ __(
											'Copy',
											'kco-callback-doctor'
										) }
										accessibleLabel={ sprintf(
											/* translators: %s: text to copy, e.g. a URL to allow in a firewall. */
											__(
												'Copy %s',
												'kco-callback-doctor'
											),
											value
										) }
										variant="tertiary"
									/>
								</li>
							) ) }
						</ul>
					) : null }
				</li>
			) ) }
		</ol>
	);
}
