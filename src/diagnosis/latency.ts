/**
 * Klarna waits a limited time for some callbacks (validation: 3 s, 10 s with strict
 * validation; docs/probe-protocol.md §1). A probe that queued behind others measures the queue, not the
 * site, so a time measured alone is preferred (docs/probe-protocol.md §11).
 */
import { __, sprintf } from '@wordpress/i18n';

import type { EndpointDescriptor, Observation } from '../api/types';
import { formatDuration } from './plain-text';
import { contactHostStep, rerunStep } from './remediation';
import type { Evidence } from './types';
import type { Verdict } from './endpoint-context';
import { isSlow, judgedTiming } from './verdict';

/**
 * A warning when a passing callback answered slower than Klarna waits; otherwise null.
 * @param observations Observations of the endpoint (or run) to look at.
 * @param descriptor   The endpoint as the catalogue describes it.
 */
export function latencyVerdict(
	observations: Observation[],
	descriptor: EndpointDescriptor
): Verdict | null {
	const timing = judgedTiming( observations );
	const deadline = descriptor.deadlineMs;
	if (
		! isSlow( observations, descriptor ) ||
		timing === null ||
		deadline === null
	) {
		return null;
	}
	const measured = formatDuration( timing.totalMs );
	const strict = descriptor.strictDeadlineMs;
	const summary =
		strict !== null && timing.totalMs <= strict
			? sprintf(
					/* translators: 1: measured time, e.g. "4.2 s"; 2: Klarna's deadline, e.g. "3.0 s"; 3: deadline with strict validation, e.g. "10.0 s". */
					__(
						'The callback reached WooCommerce but took %1$s; Klarna waits at most %2$s (%3$s only with strict validation).',
						'kco-callback-doctor'
					),
					measured,
					formatDuration( deadline ),
					formatDuration( strict )
				)
			: sprintf(
					/* translators: 1: measured time, e.g. "12.3 s"; 2: Klarna's longest deadline, e.g. "10.0 s". */
					__(
						'The callback reached WooCommerce but took %1$s; Klarna gives up after %2$s.',
						'kco-callback-doctor'
					),
					measured,
					formatDuration( Math.max( deadline, strict ?? deadline ) )
				);
	const evidence: Evidence[] = [
		{
			label: __( 'Klarna waits', 'kco-callback-doctor' ),
			value:
				strict !== null
					? sprintf(
							/* translators: 1: deadline, e.g. "3.0 s"; 2: deadline with strict validation, e.g. "10.0 s". */
							__(
								'%1$s (%2$s with strict validation)',
								'kco-callback-doctor'
							),
							formatDuration( deadline ),
							formatDuration( strict )
						)
					: formatDuration( deadline ),
		},
		{
			label: __( 'Note', 'kco-callback-doctor' ),
			value: __(
				'This check is answered before KCO does any work, so Klarna’s real call takes longer than the time measured here.',
				'kco-callback-doctor'
			),
		},
	];
	const steps = [
		{
			text: __(
				'Make the site answer faster: look for slow plugins (a tool such as Query Monitor shows them), use a current PHP version, and ask your host whether the server has enough PHP workers and memory. A page cache does not help here, because callbacks are never cached.',
				'kco-callback-doctor'
			),
		},
		contactHostStep(),
		rerunStep(),
	];
	if ( ! timing.measuredAlone ) {
		steps.unshift( {
			text: __(
				'This time was measured while other checks ran at the same time, which can slow a small server down: re-run this card alone to measure it on its own.',
				'kco-callback-doctor'
			),
		} );
	}
	return {
		status: 'warn',
		summary,
		causeId: 'slow-answer',
		cause: __( 'a slow answer', 'kco-callback-doctor' ),
		evidence,
		remediation: steps,
	};
}
