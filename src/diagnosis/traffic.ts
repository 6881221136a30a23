/**
 * What Klarna's real calls say (GET /traffic): one heartbeat line per callback, a finding for a
 * callback whose real call got an error, and a finding for Klarna orders left stuck. Pure: the
 * report in, translated plain text out; relative times count from the server's `checkedAt`, so
 * a wrong clock in the browser cannot make a call look older or newer than it is.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import type {
	CallbackTraffic,
	EndpointId,
	RealCall,
	Traffic,
} from '../api/types';
import { formatDuration } from './plain-text';
import type {
	Evidence,
	Finding,
	FindingStatus,
	RemediationStep,
} from './types';

/** A callback's pulse: its last real call, or that none was seen. */
export interface Heartbeat {
	endpoint: EndpointId;
	label: string;
	/** `pass` answered normally, `fail` answered with an error, `info` no call seen. */
	status: FindingStatus;
	text: string;
}

/** Callbacks whose denial is a 303 with a Location (docs/probe-protocol.md §2: "303 + Location denies"). */
const VALIDATIONS: readonly EndpointId[] = [
	'validation',
	'block-validate',
	'block-validation',
];

/** Callbacks WooCommerce dispatches as wc-api names (it answers 400 when none handles one). */
const WC_API: readonly EndpointId[] = [
	'push',
	'notification',
	'validation',
	'shipping-option-update',
	'block-validation',
];

/**
 * Whether the shop's answer to a real call is an error for Klarna: anything but 2xx, except the
 * 303 with which KCO's validation declines an order (a normal answer, not a failure).
 * @param endpoint The callback.
 * @param status   The HTTP status the shop sent.
 */
export function isFailingStatus(
	endpoint: EndpointId,
	status: number
): boolean {
	if ( status >= 200 && status < 300 ) {
		return false;
	}
	return ! ( status === 303 && VALIDATIONS.includes( endpoint ) );
}

/**
 * "3 hours ago", from the server's clock.
 * @param iso    The moment, ISO 8601.
 * @param nowIso The server's time of the report, ISO 8601.
 */
export function timeAgo( iso: string, nowIso: string ): string {
	const seconds = Math.max(
		0,
		Math.round( ( Date.parse( nowIso ) - Date.parse( iso ) ) / 1000 )
	);
	if ( Number.isNaN( seconds ) ) {
		return iso;
	}
	if ( seconds < 60 ) {
		return __( 'less than a minute ago', 'kco-callback-doctor' );
	}
	const minutes = Math.floor( seconds / 60 );
	if ( minutes < 60 ) {
		return sprintf(
			/* translators: %d: number of minutes. */
			_n(
				'%d minute ago',
				'%d minutes ago',
				minutes,
				'kco-callback-doctor'
			),
			minutes
		);
	}
	const hours = Math.floor( minutes / 60 );
	if ( hours < 48 ) {
		return sprintf(
			/* translators: %d: number of hours. */
			_n( '%d hour ago', '%d hours ago', hours, 'kco-callback-doctor' ),
			hours
		);
	}
	const days = Math.floor( hours / 24 );
	return sprintf(
		/* translators: %d: number of days. */
		_n( '%d day ago', '%d days ago', days, 'kco-callback-doctor' ),
		days
	);
}

/**
 * The callbacks worth a line: those the installed KCO uses and those Klarna really called.
 * Without KCO nothing says which are used, so the push (every KCO version uses it) stands in.
 * @param traffic The report.
 */
export function shownCallbacks( traffic: Traffic ): CallbackTraffic[] {
	return traffic.callbacks.filter(
		( callback ) =>
			callback.calls.length > 0 ||
			callback.usedByInstalledKco === true ||
			( callback.usedByInstalledKco === null &&
				callback.endpoint === 'push' )
	);
}

function answeredText( call: RealCall, nowIso: string ): string {
	return sprintf(
		/* translators: 1: how long ago, e.g. "3 hours ago", 2: HTTP status code, e.g. 200, 3: a duration, e.g. "0.4 s". */
		__(
			'Last real call from Klarna: %1$s, answered %2$d in %3$s.',
			'kco-callback-doctor'
		),
		timeAgo( call.at, nowIso ),
		call.status,
		formatDuration( call.durationMs )
	);
}

/**
 * One line per shown callback.
 * @param traffic The report.
 */
export function heartbeats( traffic: Traffic ): Heartbeat[] {
	return shownCallbacks( traffic ).map( ( callback ) => {
		const [ last ] = callback.calls;
		if ( ! last ) {
			return {
				endpoint: callback.endpoint,
				label: callback.label,
				status: 'info',
				text: traffic.monitoringSince
					? sprintf(
							/* translators: %s: how long ago monitoring began, e.g. "5 days ago". */
							__(
								'No real call seen since monitoring began %s.',
								'kco-callback-doctor'
							),
							timeAgo(
								traffic.monitoringSince,
								traffic.checkedAt
							)
						)
					: __( 'No real call seen yet.', 'kco-callback-doctor' ),
			};
		}
		const failed = isFailingStatus( callback.endpoint, last.status );
		const declined =
			! failed && last.status === 303
				? ` ${ __(
						'A 303 from validation means your shop declined that order.',
						'kco-callback-doctor'
					) }`
				: '';
		return {
			endpoint: callback.endpoint,
			label: callback.label,
			status: failed ? 'fail' : 'pass',
			text: answeredText( last, traffic.checkedAt ) + declined,
		};
	} );
}

/**
 * What answered a real call with this status, when the status says.
 * @param endpoint The callback.
 * @param status   The HTTP status.
 */
function causeOf( endpoint: EndpointId, status: number ): string | undefined {
	if ( status >= 300 && status < 400 ) {
		return __(
			'a redirect inside WordPress (a language, https or address plugin)',
			'kco-callback-doctor'
		);
	}
	if ( status === 400 && WC_API.includes( endpoint ) ) {
		return __(
			'no handler for this callback: WooCommerce answers 400 when no plugin handles its address, so Klarna Checkout is inactive or does not handle this callback',
			'kco-callback-doctor'
		);
	}
	if ( status === 401 || status === 403 ) {
		return __(
			'a plugin that stops requests inside WordPress (security, maintenance or password protection)',
			'kco-callback-doctor'
		);
	}
	if ( status === 404 ) {
		return __(
			'WordPress did not find the callback’s address (permalinks, or a plugin that changes addresses)',
			'kco-callback-doctor'
		);
	}
	if ( status >= 500 ) {
		return __(
			'an error in PHP while Klarna Checkout, WooCommerce or another plugin handled the call',
			'kco-callback-doctor'
		);
	}
	return undefined;
}

function impactOf( endpoint: EndpointId ): string {
	return endpoint === 'push'
		? __(
				'Until a push is answered normally, the order stays in “Pending payment” and unacknowledged at Klarna; Klarna sends a failed push again later.',
				'kco-callback-doctor'
			)
		: __(
				'Klarna did not get the answer it expects from this callback, so the purchase it belongs to may not have gone through as it should.',
				'kco-callback-doctor'
			);
}

function logSteps( traffic: Traffic ): RemediationStep[] {
	const steps: RemediationStep[] = [
		{
			text: __(
				'Open WooCommerce → Status → Logs and read Klarna Checkout’s log (source “kustom-checkout-for-woocommerce”, “klarna-checkout-for-woocommerce” in older versions) and the “fatal-errors” log around the time of the call.',
				'kco-callback-doctor'
			),
		},
	];
	if ( traffic.kcoLogging !== true ) {
		steps.push( {
			text:
				traffic.kcoLogging === false
					? __(
							'Klarna Checkout’s own logging is off: turn on “Logging: Log debug messages” in its payment settings (WooCommerce → Settings → Payments), so the next call is logged.',
							'kco-callback-doctor'
						)
					: __(
							'Make sure Klarna Checkout’s own logging is on (“Logging: Log debug messages” in its payment settings), so the next call is logged.',
							'kco-callback-doctor'
						),
		} );
	}
	return steps;
}

function callEvidence(
	callback: CallbackTraffic,
	call: RealCall,
	nowIso: string
): Evidence[] {
	return [
		{
			label: __( 'Address', 'kco-callback-doctor' ),
			value: callback.path,
		},
		{
			label: __( 'HTTP status sent', 'kco-callback-doctor' ),
			value: String( call.status ),
		},
		{
			label: __( 'When', 'kco-callback-doctor' ),
			value: `${ timeAgo( call.at, nowIso ) } (${ call.at })`,
		},
		{
			label: __( 'PHP time', 'kco-callback-doctor' ),
			value: formatDuration( call.durationMs ),
		},
	];
}

function failingCallFinding(
	callback: CallbackTraffic,
	call: RealCall,
	traffic: Traffic
): Finding {
	const { endpoint, label } = callback;
	const pathProblem =
		call.status < 400 || [ 401, 403, 404 ].includes( call.status );
	return {
		id: `traffic:status:${ endpoint }`,
		group: 'traffic',
		status: 'fail',
		title: sprintf(
			/* translators: 1: callback name, e.g. "Push", 2: HTTP status code, e.g. 500. */
			__(
				'%1$s: Klarna’s real call was answered with %2$d',
				'kco-callback-doctor'
			),
			label,
			call.status
		),
		summary: sprintf(
			/* translators: 1: how long ago, e.g. "3 hours ago", 2: HTTP status code. */
			__(
				'Klarna’s last real call to this callback, %1$s, reached WordPress and got HTTP %2$d. The way to your shop is open; what answered with an error is inside WordPress, on Klarna Checkout’s or WooCommerce’s side.',
				'kco-callback-doctor'
			),
			timeAgo( call.at, traffic.checkedAt ),
			call.status
		),
		impact: impactOf( endpoint ),
		cause: causeOf( endpoint, call.status ),
		evidence: callEvidence( callback, call, traffic.checkedAt ),
		remediation: [
			...logSteps( traffic ),
			{
				text: pathProblem
					? __(
							'Run the checks on this page: they show who redirects or stops the callback inside WordPress, and how to fix it.',
							'kco-callback-doctor'
						)
					: __(
							'The checks on this page never reach Klarna Checkout’s handler, so they pass even while it fails: the logs are where this error shows.',
							'kco-callback-doctor'
						),
			},
		],
	};
}

function recoveredFinding(
	callback: CallbackTraffic,
	failed: RealCall,
	traffic: Traffic
): Finding {
	return {
		id: `traffic:recovered:${ callback.endpoint }`,
		group: 'traffic',
		status: 'info',
		title: sprintf(
			/* translators: %s: callback name, e.g. "Push". */
			__(
				'%s: an earlier real call got an error',
				'kco-callback-doctor'
			),
			callback.label
		),
		summary: sprintf(
			/* translators: 1: how long ago, e.g. "2 days ago", 2: HTTP status code. */
			__(
				'Klarna’s call %1$s got HTTP %2$d; the calls since were answered normally.',
				'kco-callback-doctor'
			),
			timeAgo( failed.at, traffic.checkedAt ),
			failed.status
		),
		cause: causeOf( callback.endpoint, failed.status ),
		evidence: callEvidence( callback, failed, traffic.checkedAt ),
		remediation: logSteps( traffic ),
	};
}

/**
 * The caveat of a site where calls between two writes are not counted, or null.
 * @param traffic The report.
 */
export function countingCaveat( traffic: Traffic ): string | null {
	if ( traffic.countsEveryCall ) {
		return null;
	}
	return sprintf(
		/* translators: %d: seconds. */
		__(
			'The doctor writes at most one call per callback every %d seconds, and this site has no persistent object cache to count the calls in between: call counts are lower bounds, and in a burst of orders a push that did arrive may not be recorded.',
			'kco-callback-doctor'
		),
		traffic.writeIntervalSeconds
	);
}

function stuckOrdersFinding( traffic: Traffic ): Finding | null {
	const stuck = traffic.stuckOrders;
	if ( ! stuck.searched || stuck.count === 0 ) {
		return null;
	}
	const caveat = countingCaveat( traffic );
	return {
		id: 'traffic:stuck-orders',
		group: 'traffic',
		status: 'fail',
		title: stuck.more
			? sprintf(
					/* translators: %d: number of orders listed. */
					__(
						'More than %d Klarna orders are stuck in “Pending payment”',
						'kco-callback-doctor'
					),
					stuck.count
				)
			: sprintf(
					/* translators: %d: number of orders. */
					_n(
						'%d Klarna order is stuck in “Pending payment”',
						'%d Klarna orders are stuck in “Pending payment”',
						stuck.count,
						'kco-callback-doctor'
					),
					stuck.count
				),
		summary: sprintf(
			/* translators: %d: minutes an order may wait for its push, e.g. 30. */
			_n(
				'Klarna has an order id for it, and no push from Klarna was recorded in the %d minutes or more since it was placed.',
				'Klarna has an order id for each of them, and no push from Klarna was recorded in the %d minutes or more since they were placed.',
				stuck.count,
				'kco-callback-doctor'
			),
			stuck.thresholdMinutes
		),
		impact: __(
			'Klarna’s push confirms the purchase to WooCommerce; until one gets through, these orders are not confirmed, not acknowledged at Klarna, and Klarna keeps sending the push again.',
			'kco-callback-doctor'
		),
		evidence: caveat
			? [ { label: __( 'Note', 'kco-callback-doctor' ), value: caveat } ]
			: [],
		remediation: [
			{
				text: __(
					'In Klarna’s Merchant Portal, look each order up by its Klarna order id (listed below) and open its history: it shows whether Klarna sent the push and what your shop answered.',
					'kco-callback-doctor'
				),
			},
			{
				text: __(
					'Run the checks on this page: a push blocked on its way to your shop is the most common reason.',
					'kco-callback-doctor'
				),
			},
			{
				text: __(
					'If the portal shows pushes your shop answered with an error, read Klarna Checkout’s log in WooCommerce → Status → Logs.',
					'kco-callback-doctor'
				),
			},
		],
	};
}

/**
 * The findings real traffic gives: a failing last call per callback (or an earlier failure it
 * recovered from), then the stuck orders.
 * @param traffic The report.
 */
export function trafficFindings( traffic: Traffic ): Finding[] {
	const findings: Finding[] = [];
	for ( const callback of traffic.callbacks ) {
		const [ last, ...earlier ] = callback.calls;
		if ( ! last ) {
			continue;
		}
		if ( isFailingStatus( callback.endpoint, last.status ) ) {
			findings.push( failingCallFinding( callback, last, traffic ) );
			continue;
		}
		const failed = earlier.find( ( call ) =>
			isFailingStatus( callback.endpoint, call.status )
		);
		if ( failed ) {
			findings.push( recoveredFinding( callback, failed, traffic ) );
		}
	}
	const stuck = stuckOrdersFinding( traffic );
	if ( stuck ) {
		findings.push( stuck );
	}
	return findings;
}
