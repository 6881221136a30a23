/**
 * How a blocker was recognised, as one line of evidence: the owner (or the host's support) can
 * see which marker on the block page made the doctor name the product.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { ProbeResponse } from '../api/types';
import { matchingSignature, type Fingerprint } from './fingerprints';
import type { Evidence } from './types';

/**
 * Evidence naming the product and the marker it was recognised by.
 *
 * @param fingerprint The fingerprint that matched.
 * @param response    The response it matched.
 */
export function identificationEvidence(
	fingerprint: Fingerprint,
	response: ProbeResponse
): Evidence {
	const signature = matchingSignature( fingerprint, response );
	return {
		label: __( 'Identified by', 'kco-callback-doctor' ),
		value: signature
			? sprintf(
					/* translators: 1: product name, e.g. "Wordfence"; 2: what on the block page showed it, e.g. the page title. */
					__( '%1$s, recognised from %2$s', 'kco-callback-doctor' ),
					fingerprint.product,
					signature.marker
				)
			: fingerprint.product,
	};
}
