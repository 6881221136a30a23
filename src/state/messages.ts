/**
 * Sentences the page both shows and announces to screen readers, so that what is heard is what
 * is seen.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import type { Diagnosis } from '../diagnosis/types';

/**
 * The one-line verdict of a run: Summary's heading and the end-of-run announcement.
 *
 * @param diagnosis The diagnosis of a run.
 */
export function verdict( diagnosis: Diagnosis ): string {
	if ( diagnosis.problems === 0 ) {
		return __( 'All callbacks reachable', 'kco-callback-doctor' );
	}
	return sprintf(
		/* translators: %d: number of problems found by the checks. */
		_n(
			'%d problem will stop Klarna orders',
			'%d problems will stop Klarna orders',
			diagnosis.problems,
			'kco-callback-doctor'
		),
		diagnosis.problems
	);
}
