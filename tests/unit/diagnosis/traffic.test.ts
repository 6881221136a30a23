/**
 * Real traffic, judged: what each callback's last real call says, when an answer is an error for
 * Klarna, and what the owner is told to do about failing calls and stuck orders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EndpointId } from '../../../src/api/types';
import {
	countingCaveat,
	heartbeats,
	isFailingStatus,
	shownCallbacks,
	timeAgo,
	trafficFindings,
} from '../../../src/diagnosis/traffic';
import type { Finding } from '../../../src/diagnosis/types';
import {
	CHECKED_AT,
	call,
	callback,
	makeTraffic,
	stuckOrder,
} from './fixtures/traffic';

const byId = ( findings: Finding[], id: string ): Finding => {
	const found = findings.find( ( finding ) => finding.id === id );
	if ( ! found ) {
		throw new Error(
			`no finding ${ id } in ${ findings.map( ( f ) => f.id ).join( ', ' ) }`
		);
	}
	return found;
};

const steps = ( finding: Finding ) =>
	finding.remediation.map( ( step ) => step.text ).join( '\n' );

describe( 'how long ago, by the server’s clock', () => {
	it.each( [
		[ 0.5, 'less than a minute ago' ],
		[ 1, '1 minute ago' ],
		[ 59, '59 minutes ago' ],
		[ 180, '3 hours ago' ],
		[ 47 * 60, '47 hours ago' ],
		[ 5 * 24 * 60, '5 days ago' ],
	] )( '%d minutes before the report reads “%s”', ( minutes, text ) => {
		expect( timeAgo( call( minutes ).at, CHECKED_AT ) ).toBe( text );
	} );

	it( 'never says a call is in the future when the clocks disagree by a second', () => {
		expect( timeAgo( '2026-03-12T15:00:01Z', CHECKED_AT ) ).toBe(
			'less than a minute ago'
		);
	} );
} );

// Shared with PHPUnit (tests/php/CallStatusTest.php), so the page and the server agree.
const STATUSES = JSON.parse(
	readFileSync(
		join( __dirname, '..', '..', 'fixtures', 'traffic-statuses.json' ),
		'utf8'
	)
) as { cases: Array< [ EndpointId, number, boolean ] > };

describe( 'which answers are errors for Klarna', () => {
	it.each( STATUSES.cases )(
		'%s answered %d: failing %s',
		( endpoint, status, failing ) => {
			expect( isFailingStatus( endpoint, status ) ).toBe( failing );
		}
	);
} );

describe( 'the heartbeat lines', () => {
	it( 'says when Klarna last called, what the shop answered and how long PHP took', () => {
		const [ push ] = heartbeats(
			makeTraffic( {}, { push: [ call( 180, 200, 412 ) ] } )
		);

		expect( push ).toEqual( {
			endpoint: 'push',
			label: 'Push',
			status: 'pass',
			text: 'Last real call from Klarna: 3 hours ago, answered 200 in 412 ms.',
		} );
	} );

	it( 'marks a last call that got an error as failing, with its status', () => {
		const [ push ] = heartbeats(
			makeTraffic( {}, { push: [ call( 5, 500, 2300 ), call( 90 ) ] } )
		);

		expect( push?.status ).toBe( 'fail' );
		expect( push?.text ).toBe(
			'Last real call from Klarna: 5 minutes ago, answered 500 in 2.3 s.'
		);
	} );

	it( 'explains a validation’s 303 as a declined order, not a failure', () => {
		const lines = heartbeats(
			makeTraffic( {}, { 'block-validate': [ call( 2, 303, 120 ) ] } )
		);
		const validate = lines.find( ( l ) => l.endpoint === 'block-validate' );

		expect( validate?.status ).toBe( 'pass' );
		expect( validate?.text ).toContain( 'declined that order' );
	} );

	it( 'says no real call was seen since monitoring began, counted from the server’s clock', () => {
		const lines = heartbeats( makeTraffic() );

		expect( lines.map( ( l ) => `${ l.endpoint }: ${ l.text }` ) ).toEqual(
			[
				'push: No real call seen since monitoring began 5 days ago.',
				'block-validate: No real call seen since monitoring began 5 days ago.',
				'block-validation: No real call seen since monitoring began 5 days ago.',
			]
		);
		expect( lines.every( ( l ) => l.status === 'info' ) ).toBe( true );
	} );

	it( 'says only that none was seen when monitoring never began', () => {
		const [ push ] = heartbeats( makeTraffic( { monitoringSince: null } ) );

		expect( push?.text ).toBe( 'No real call seen yet.' );
	} );
} );

describe( 'which callbacks get a line', () => {
	it( 'shows the used ones and any Klarna really called, not the unused and silent ones', () => {
		const shown = shownCallbacks(
			makeTraffic( {}, { notification: [ call( 60 ) ] } )
		).map( ( c ) => c.endpoint );

		expect( shown ).toEqual( [
			'push',
			'notification',
			'block-validate',
			'block-validation',
		] );
	} );

	it( 'stands in the push for every callback when KCO is not installed', () => {
		const traffic = makeTraffic( {
			callbacks: [
				{ ...callback( 'push' ), usedByInstalledKco: null },
				{ ...callback( 'validation' ), usedByInstalledKco: null },
			],
		} );

		expect( shownCallbacks( traffic ).map( ( c ) => c.endpoint ) ).toEqual(
			[ 'push' ]
		);
	} );
} );

describe( 'a real call that got an error', () => {
	it( 'is a failing finding that places the problem inside WordPress and sends the owner to the logs', () => {
		const findings = trafficFindings(
			makeTraffic( {}, { push: [ call( 180, 500, 1800 ) ] } )
		);
		const finding = byId( findings, 'traffic:status:push' );

		expect( finding ).toMatchObject( {
			group: 'traffic',
			status: 'fail',
			title: 'Push: Klarna’s real call was answered with 500',
		} );
		expect( finding.summary ).toContain( '3 hours ago' );
		expect( finding.summary ).toContain( 'reached WordPress' );
		expect( finding.cause ).toContain( 'error in PHP' );
		expect( finding.impact ).toMatch( /push[^.]*again/i );
		expect( steps( finding ) ).toContain( 'WooCommerce → Status → Logs' );
		expect( steps( finding ) ).toContain(
			'never reach Klarna Checkout’s handler'
		);
		expect( finding.evidence ).toEqual(
			expect.arrayContaining( [
				{ label: 'HTTP status sent', value: '500' },
				{ label: 'PHP time', value: '1.8 s' },
			] )
		);
	} );

	it.each( [
		[ 'push', 400, 'no handler for this callback' ],
		[ 'push', 403, 'stops requests inside WordPress' ],
		[ 'push', 404, 'did not find the callback’s address' ],
		[ 'push', 301, 'a redirect inside WordPress' ],
		[ 'block-validate', 502, 'error in PHP' ],
	] as const )(
		'%s answered %d is put down to %s',
		( endpoint, status, cause ) => {
			const finding = byId(
				trafficFindings(
					makeTraffic( {}, { [ endpoint ]: [ call( 3, status ) ] } )
				),
				`traffic:status:${ endpoint }`
			);

			expect( finding.cause ).toContain( cause );
		}
	);

	it( 'sends a redirect or a block inside WordPress to the doctor’s checks', () => {
		const finding = byId(
			trafficFindings( makeTraffic( {}, { push: [ call( 3, 403 ) ] } ) ),
			'traffic:status:push'
		);

		expect( steps( finding ) ).toContain( 'Run the checks on this page' );
	} );

	it( 'asks to turn on Klarna Checkout’s logging only when it is off or unknown', () => {
		const failing = { push: [ call( 3, 500 ) ] };
		const withLogging = byId(
			trafficFindings( makeTraffic( { kcoLogging: true }, failing ) ),
			'traffic:status:push'
		);
		const withoutLogging = byId(
			trafficFindings( makeTraffic( { kcoLogging: false }, failing ) ),
			'traffic:status:push'
		);

		expect( steps( withLogging ) ).not.toContain( 'Log debug messages' );
		expect( steps( withoutLogging ) ).toContain( 'logging is off' );
	} );

	it( 'becomes a note once later calls are answered normally', () => {
		const findings = trafficFindings(
			makeTraffic( {}, { push: [ call( 2 ), call( 60, 503 ) ] } )
		);

		expect( findings.map( ( f ) => `${ f.id } ${ f.status }` ) ).toEqual( [
			'traffic:recovered:push info',
		] );
		expect( findings[ 0 ]?.summary ).toContain( '1 hour ago got HTTP 503' );
	} );

	it( 'gives no finding when every call was answered normally', () => {
		expect(
			trafficFindings(
				makeTraffic(
					{},
					{
						push: [ call( 2 ), call( 30 ) ],
						'block-validate': [ call( 4, 303 ) ],
					}
				)
			)
		).toEqual( [] );
	} );
} );

describe( 'orders left stuck', () => {
	const withStuck = ( count: number, more = false ) =>
		makeTraffic( {
			stuckOrders: {
				searched: true,
				thresholdMinutes: 30,
				lookBackDays: 30,
				count,
				more,
				orders: Array.from( { length: count }, ( _, index ) =>
					stuckOrder( 100 + index, 45 )
				),
			},
		} );

	it( 'are one failing finding that says what to look up in Klarna’s Merchant Portal', () => {
		const finding = byId(
			trafficFindings( withStuck( 2 ) ),
			'traffic:stuck-orders'
		);

		expect( finding.status ).toBe( 'fail' );
		expect( finding.title ).toBe(
			'2 Klarna orders are stuck in “Pending payment”'
		);
		expect( finding.summary ).toContain( '30 minutes' );
		expect( steps( finding ) ).toContain( 'Merchant Portal' );
		expect( steps( finding ) ).toContain( 'Run the checks on this page' );
	} );

	it( 'speaks of one order in the singular', () => {
		expect(
			byId( trafficFindings( withStuck( 1 ) ), 'traffic:stuck-orders' )
				.title
		).toBe( '1 Klarna order is stuck in “Pending payment”' );
	} );

	it( 'says “more than” when only the newest were searched', () => {
		expect(
			byId(
				trafficFindings( withStuck( 50, true ) ),
				'traffic:stuck-orders'
			).title
		).toBe( 'More than 50 Klarna orders are stuck in “Pending payment”' );
	} );

	it( 'warn that a push may have gone unrecorded where calls between writes are not counted', () => {
		const uncounted = byId(
			trafficFindings( withStuck( 1 ) ),
			'traffic:stuck-orders'
		);
		const counted = byId(
			trafficFindings( { ...withStuck( 1 ), countsEveryCall: true } ),
			'traffic:stuck-orders'
		);

		expect(
			uncounted.evidence.map( ( e ) => e.value ).join( ' ' )
		).toContain( 'may not be recorded' );
		expect( counted.evidence ).toEqual( [] );
	} );

	it( 'give no finding when there are none, or when orders could not be searched', () => {
		expect( trafficFindings( withStuck( 0 ) ) ).toEqual( [] );
		expect(
			trafficFindings(
				makeTraffic( {
					stuckOrders: {
						...withStuck( 0 ).stuckOrders,
						searched: false,
					},
				} )
			)
		).toEqual( [] );
	} );
} );

describe( 'the counting caveat', () => {
	it( 'speaks only where calls between writes go uncounted', () => {
		expect( countingCaveat( makeTraffic() ) ).toContain( 'lower bounds' );
		expect(
			countingCaveat( makeTraffic( { countsEveryCall: true } ) )
		).toBeNull();
	} );
} );
