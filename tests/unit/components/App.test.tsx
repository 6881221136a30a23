/**
 * The whole page against a stand-in REST API: it runs by itself once on the first visit, shows
 * the latest run later, re-runs one card, opens older runs, and explains every page-level error
 * instead of going blank or spinning forever.
 */
import { speak } from '@wordpress/a11y';
import { StrictMode } from '@wordpress/element';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { RUN_TIMEOUT_MS } from '../../../src/api/client';
import type { EndpointId, Run } from '../../../src/api/types';
import { App } from '../../../src/components/App';
import { diagnose } from '../../../src/diagnosis';
import {
	aDiagnosis,
	aFinding,
	aRun,
	aRunSummary,
	publicUrlFailure,
} from './fixtures';
import {
	hangUntilAborted,
	inFlight,
	requestsMade,
	restError,
	serve,
} from './restDouble';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );
jest.mock( '../../../src/diagnosis', () => ( {
	diagnose: jest.fn(),
	buildReport: jest.fn(),
} ) );

const LABELS: Record< EndpointId, string > = {
	push: 'Push callback',
	notification: 'Notification callback',
	validation: 'Validation callback',
	'shipping-option-update': 'Shipping callback',
	'block-validate': 'Block validation callback',
	'block-validation': 'Block wc-api validation callback',
};

/**
 * A small stand-in diagnosis: an endpoint passes when one of its probes was echoed.
 *
 * @param run The run to diagnose.
 */
function fakeDiagnose( run: Run ) {
	return aDiagnosis( [
		publicUrlFailure,
		...run.endpointIds.map( ( endpoint ) =>
			aFinding( {
				id: `endpoint:${ endpoint }`,
				endpoint,
				title: LABELS[ endpoint ],
				status: run.observations.some(
					( observation ) =>
						observation.endpoint === endpoint && observation.echo
				)
					? 'pass'
					: 'fail',
			} )
		),
	] );
}

function echoed( endpoint: EndpointId ): Run[ 'observations' ][ number ] {
	const [ observation ] = aRun().observations;
	if ( ! observation ) {
		throw new Error( 'fixture has no observation' );
	}
	return {
		...observation,
		endpoint,
		echo: {
			protocol: 1,
			probeId: `probe-${ endpoint }`,
			endpoint,
			routedAs: 'KCO_WC_Push',
			method: 'POST',
			bodyBytes: 0,
			bodySha256: 'e3b0',
			queryKeys: [],
			handlerRegistered: true,
			clientAddressClass: 'loopback',
			proxyHeaders: [],
		},
	};
}

/** A run where push was blocked and notification got through. */
const pushBlocked = aRun( {
	observations: [
		{ ...echoed( 'push' ), echo: null },
		echoed( 'notification' ),
	],
} );

/** The latest view: full run run-2 (push blocked), then run-3 re-ran push alone and it passed. */
const latestWithPushRerun = {
	'GET /environment': () => pushBlocked.environment,
	'GET /runs': () => [
		aRunSummary( {
			id: 'run-3',
			endpointIds: [ 'push' ],
			verdicts: [ { id: 'push', state: 'passed', used: true } ],
		} ),
		aRunSummary( { id: 'run-2' } ),
	],
	'GET /runs/run-2': () => ( { ...pushBlocked, id: 'run-2' } ),
	'GET /runs/run-3': () =>
		aRun( {
			id: 'run-3',
			endpointIds: [ 'push' ],
			endpoints: pushBlocked.endpoints.slice( 0, 1 ),
			observations: [ echoed( 'push' ) ],
		} ),
};

function runChecksButton() {
	return screen.getByRole( 'button', { name: /Run checks|Running checks…/ } );
}

beforeEach( () => {
	jest.clearAllMocks();
	jest.mocked( diagnose ).mockImplementation( fakeDiagnose );
} );

describe( 'App', () => {
	it( 'runs the checks by itself on the very first visit, once', async () => {
		const api = serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [],
			'POST /runs': () => pushBlocked,
		} );

		render(
			<StrictMode>
				<App />
			</StrictMode>
		);

		expect(
			await screen.findByRole( 'heading', {
				name: '2 problems will stop Klarna orders',
			} )
		).toBeInTheDocument();
		expect(
			requestsMade( api ).filter(
				( request ) => request === 'POST /runs'
			)
		).toHaveLength( 1 );
		expect(
			screen.getByText( 'http://127.0.0.1:8888' )
		).toBeInTheDocument();
		expect(
			screen.getByText( 'Klarna Checkout for WooCommerce 2.21.0' )
		).toBeInTheDocument();
	} );

	it( 'stores the diagnosis of a fresh run with it, as ids without text', async () => {
		const stored = inFlight< unknown >();
		serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [],
			'POST /runs': () => pushBlocked,
			[ `POST /runs/${ pushBlocked.id }/digest` ]: ( options ) => {
				stored.resolve( options.data );
				return { id: pushBlocked.id, diagnosedAt: 'now', digest: [] };
			},
		} );

		render( <App /> );

		expect(
			await screen.findByRole( 'heading', {
				name: '2 problems will stop Klarna orders',
			} )
		).toBeInTheDocument();
		expect( await stored.promise ).toEqual( {
			digest: [
				{
					findingId: 'requirement:public-url',
					status: 'fail',
					causeId: null,
					productId: null,
					productName: null,
				},
				{
					findingId: 'endpoint:push',
					status: 'fail',
					causeId: null,
					productId: null,
					productName: null,
				},
				{
					findingId: 'endpoint:notification',
					status: 'pass',
					causeId: null,
					productId: null,
					productName: null,
				},
			],
		} );
	} );

	it( 'does not store a diagnosis again for a run that has one', async () => {
		const api = serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [ aRunSummary() ],
			'GET /runs/run-1': () => ( {
				...pushBlocked,
				digest: [],
				diagnosedAt: '2026-03-12T14:06:00Z',
			} ),
		} );

		render( <App /> );

		expect(
			await screen.findByRole( 'heading', { name: 'Push callback' } )
		).toBeInTheDocument();
		expect(
			requestsMade( api ).filter( ( request ) =>
				request.endsWith( '/digest' )
			)
		).toEqual( [] );
	} );

	it( 'shows the latest run on later visits instead of running again', async () => {
		const api = serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [ aRunSummary() ],
			'GET /runs/run-1': () => pushBlocked,
		} );

		render( <App /> );

		expect(
			await screen.findByRole( 'heading', { name: 'Push callback' } )
		).toBeInTheDocument();
		expect( requestsMade( api ) ).not.toContain( 'POST /runs' );
		expect( runChecksButton() ).not.toHaveAttribute( 'aria-disabled' );
	} );

	it( 'shows the newest full run with the single-endpoint re-runs made after it', async () => {
		const api = serve( {
			...latestWithPushRerun,
			'GET /runs': () => [
				...latestWithPushRerun[ 'GET /runs' ](),
				aRunSummary( { id: 'run-1' } ),
			],
		} );

		render( <App /> );

		expect(
			await screen.findByRole( 'heading', {
				name: '1 problem will stop Klarna orders',
			} )
		).toBeInTheDocument();
		expect( requestsMade( api ) ).not.toContain( 'GET /runs/run-1' );
		expect(
			screen.queryByText( /You are looking at the run from/ )
		).not.toBeInTheDocument();
	} );

	it( 'stores the digests of the run and its re-runs one after the other, never two at once', async () => {
		const events: string[] = [];
		const firstStored = inFlight< unknown >();
		serve( {
			...latestWithPushRerun,
			'POST /runs/run-2/digest': async () => {
				events.push( 'run-2 sent' );
				await firstStored.promise;
				events.push( 'run-2 stored' );
				return { id: 'run-2', diagnosedAt: 'now', digest: [] };
			},
			'POST /runs/run-3/digest': () => {
				events.push( 'run-3 sent' );
				return { id: 'run-3', diagnosedAt: 'now', digest: [] };
			},
		} );

		render( <App /> );
		await screen.findByRole( 'heading', {
			name: '1 problem will stop Klarna orders',
		} );
		await waitFor( () => expect( events ).toContain( 'run-2 sent' ) );
		expect( events ).toEqual( [ 'run-2 sent' ] );

		await act( async () => firstStored.resolve( undefined ) );

		await waitFor( () =>
			expect( events ).toEqual( [
				'run-2 sent',
				'run-2 stored',
				'run-3 sent',
			] )
		);
	} );

	it( 'runs every check on demand: the button waits, every card runs, start and finish are announced', async () => {
		const user = userEvent.setup();
		const fresh = inFlight< Run >();
		serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [ aRunSummary() ],
			'GET /runs/run-1': () => pushBlocked,
			'POST /runs': () => fresh.promise,
		} );
		render( <App /> );
		await screen.findByRole( 'heading', { name: 'Push callback' } );

		await user.click( runChecksButton() );

		expect( runChecksButton() ).toHaveTextContent( 'Running checks…' );
		expect( runChecksButton() ).toHaveAttribute( 'aria-disabled', 'true' );
		expect( screen.getAllByText( 'Checking…' ) ).toHaveLength( 2 );
		expect( speak ).toHaveBeenCalledWith(
			'Running the checks. This can take a minute.'
		);

		await act( async () =>
			fresh.resolve(
				aRun( {
					id: 'run-2',
					observations: [
						echoed( 'push' ),
						echoed( 'notification' ),
					],
				} )
			)
		);

		expect(
			await screen.findByRole( 'heading', {
				name: '1 problem will stop Klarna orders',
			} )
		).toBeInTheDocument();
		expect( screen.queryByText( 'Checking…' ) ).not.toBeInTheDocument();
		expect( runChecksButton() ).toHaveTextContent( 'Run checks' );
		expect( speak ).toHaveBeenCalledWith(
			'Checks finished: 1 problem will stop Klarna orders.'
		);
	} );

	it( "re-runs one endpoint and merges only that endpoint's result into the run on screen", async () => {
		const user = userEvent.setup();
		const api = serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [ aRunSummary() ],
			'GET /runs/run-1': () => pushBlocked,
			'POST /runs': () =>
				aRun( {
					id: 'run-2',
					endpointIds: [ 'push' ],
					endpoints: pushBlocked.endpoints.slice( 0, 1 ),
					observations: [ echoed( 'push' ) ],
				} ),
		} );
		render( <App /> );
		const pushTitle = await screen.findByRole( 'heading', {
			name: 'Push callback',
		} );
		const pushCard = pushTitle.closest( '.kcd-finding' ) as HTMLElement;

		await user.click(
			within( pushCard ).getByRole( 'button', { name: 'Run again' } )
		);

		expect(
			await screen.findByRole( 'heading', {
				name: '1 problem will stop Klarna orders',
			} )
		).toBeInTheDocument();
		const rerun = api.mock.calls.find(
			( [ options ] ) =>
				options.method === 'POST' && options.path?.endsWith( '/runs' )
		);
		expect( rerun?.[ 0 ].data ).toEqual( { endpoints: [ 'push' ] } );
		// Push passed now, so it moved under the passed checks, next to notification.
		await user.click(
			screen.getByRole( 'button', { name: 'Passed checks (2)' } )
		);
		expect(
			screen.getByRole( 'heading', { name: 'Push callback' } )
		).toBeInTheDocument();
		expect(
			screen.getByRole( 'heading', { name: 'Notification callback' } )
		).toBeInTheDocument();
	} );

	it( 'does not mix a re-run into an older run opened while it was in flight', async () => {
		const user = userEvent.setup();
		const fresh = inFlight< Run >();
		serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [
				aRunSummary( {
					id: 'run-1',
					startedAt: '2026-03-13T08:00:00Z',
				} ),
				aRunSummary( { id: 'run-0' } ),
			],
			'GET /runs/run-1': () => pushBlocked,
			'GET /runs/run-0': () =>
				aRun( {
					id: 'run-0',
					observations: [
						{ ...echoed( 'push' ), echo: null },
						{ ...echoed( 'notification' ), echo: null },
					],
				} ),
			'POST /runs': () => fresh.promise,
		} );
		render( <App /> );
		const pushTitle = await screen.findByRole( 'heading', {
			name: 'Push callback',
		} );
		await user.click(
			within(
				pushTitle.closest( '.kcd-finding' ) as HTMLElement
			).getByRole( 'button', { name: 'Run again' } )
		);

		// While the re-run is in flight, the owner opens the older run.
		const history = screen
			.getByRole( 'heading', { name: 'Earlier runs' } )
			.closest( '.kcd-history' ) as HTMLElement;
		const [ , older ] = within( history ).getAllByRole( 'listitem' );
		await user.click(
			within( older as HTMLElement ).getByRole( 'button' )
		);
		await screen.findByRole( 'heading', {
			name: '3 problems will stop Klarna orders',
		} );

		await act( async () =>
			fresh.resolve(
				aRun( {
					id: 'run-3',
					endpointIds: [ 'push' ],
					endpoints: pushBlocked.endpoints.slice( 0, 1 ),
					observations: [ echoed( 'push' ) ],
				} )
			)
		);

		// The fresh result is shown as it is: the older run's blocked notification is not
		// carried into it.
		await waitFor( () =>
			expect(
				screen.queryByRole( 'heading', {
					name: 'Notification callback',
				} )
			).not.toBeInTheDocument()
		);
	} );

	it( 'keeps a fresh run on screen when the last run, still loading, arrives after it', async () => {
		const user = userEvent.setup();
		const lastRun = inFlight< Run >();
		serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [ aRunSummary() ],
			'GET /runs/run-1': () => lastRun.promise,
			'POST /runs': () =>
				aRun( {
					id: 'run-2',
					observations: [
						echoed( 'push' ),
						echoed( 'notification' ),
					],
				} ),
		} );
		render( <App /> );

		// The button is usable before the last run has loaded: the owner runs the checks.
		await waitFor( () =>
			expect( runChecksButton() ).not.toHaveAttribute( 'aria-disabled' )
		);
		await user.click( runChecksButton() );
		await screen.findByRole( 'heading', {
			name: '1 problem will stop Klarna orders',
		} );

		await act( async () => lastRun.resolve( pushBlocked ) );

		expect(
			screen.getByRole( 'heading', {
				name: '1 problem will stop Klarna orders',
			} )
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'heading', {
				name: '2 problems will stop Klarna orders',
			} )
		).not.toBeInTheDocument();
	} );

	it( 'opens an earlier run from the history and leads back to the latest', async () => {
		const user = userEvent.setup();
		serve( {
			'GET /environment': () => pushBlocked.environment,
			'GET /runs': () => [
				aRunSummary( {
					id: 'run-2',
					startedAt: '2026-03-13T08:00:00Z',
				} ),
				aRunSummary( { id: 'run-1' } ),
			],
			'GET /runs/run-2': () =>
				aRun( {
					id: 'run-2',
					observations: [
						echoed( 'push' ),
						echoed( 'notification' ),
					],
				} ),
			'GET /runs/run-1': () => pushBlocked,
		} );
		render( <App /> );
		await screen.findByRole( 'heading', {
			name: '1 problem will stop Klarna orders',
		} );

		const history = screen
			.getByRole( 'heading', { name: 'Earlier runs' } )
			.closest( '.kcd-history' ) as HTMLElement;
		const [ , older ] = within( history ).getAllByRole( 'listitem' );
		await user.click(
			within( older as HTMLElement ).getByRole( 'button' )
		);

		expect(
			await screen.findByRole( 'heading', {
				name: '2 problems will stop Klarna orders',
			} )
		).toBeInTheDocument();
		expect(
			screen.getByText( /You are looking at the run from/ )
		).toBeInTheDocument();

		await user.click(
			screen.getByRole( 'button', { name: 'Show the latest results' } )
		);

		expect(
			await screen.findByRole( 'heading', {
				name: '1 problem will stop Klarna orders',
			} )
		).toBeInTheDocument();
		expect(
			screen.queryByText( /You are looking at the run from/ )
		).not.toBeInTheDocument();
	} );

	describe( 'page-level errors', () => {
		it( 'asks to reload the page when the login or nonce expired', async () => {
			serve( {
				'GET /environment': () => {
					throw restError(
						'rest_cookie_invalid_nonce',
						'Cookie check failed',
						403
					);
				},
				'GET /runs': () => {
					throw restError(
						'rest_cookie_invalid_nonce',
						'Cookie check failed',
						403
					);
				},
			} );

			const { container } = render( <App /> );

			expect(
				await screen.findByText( /Your login has expired/ )
			).toBeInTheDocument();
			expect(
				screen.getByRole( 'button', { name: 'Reload the page' } )
			).toBeInTheDocument();
			expect(
				screen.getByText(
					'Details: Cookie check failed (rest_cookie_invalid_nonce, HTTP 403)'
				)
			).toBeInTheDocument();
			expect(
				container.querySelector( '.components-spinner' )
			).toBeNull();
		} );

		it( 'says a run is already in progress (409) and lets the owner try again', async () => {
			serve( {
				'GET /environment': () => pushBlocked.environment,
				'GET /runs': () => [],
				'POST /runs': () => {
					throw restError(
						'kco_callback_doctor_run_in_progress',
						'Another run of the checks is in progress.',
						409
					);
				},
			} );

			const { container } = render( <App /> );

			expect(
				await screen.findByText(
					/Checks are already running on this site/
				)
			).toBeInTheDocument();
			expect(
				screen.getByText(
					/Another run of the checks is in progress\. \(kco_callback_doctor_run_in_progress, HTTP 409\)/
				)
			).toBeInTheDocument();
			expect(
				container.querySelector( '.components-notice.is-warning' )
			).not.toBeNull();
			expect( screen.getByText( /No results yet/ ) ).toBeInTheDocument();
			await waitFor( () =>
				expect( runChecksButton() ).not.toHaveAttribute(
					'aria-disabled'
				)
			);
		} );

		it( 'gives up waiting after the deadline and says the server took too long', async () => {
			jest.useFakeTimers();
			try {
				serve( {
					'GET /environment': () => pushBlocked.environment,
					'GET /runs': () => [],
					'POST /runs': hangUntilAborted,
				} );
				const { container } = render( <App /> );
				await screen.findByText(
					/Running the checks for the first time/
				);

				await act( async () => {
					jest.advanceTimersByTime( RUN_TIMEOUT_MS );
				} );

				expect(
					await screen.findByText(
						/Your site took too long to answer/
					)
				).toBeInTheDocument();
				expect(
					container.querySelector( '.components-spinner' )
				).toBeNull();
				expect( runChecksButton() ).toHaveTextContent( 'Run checks' );
			} finally {
				jest.useRealTimers();
			}
		} );

		it( "keeps the server's message when the REST API fails", async () => {
			serve( {
				'GET /environment': () => pushBlocked.environment,
				'GET /runs': () => {
					throw restError(
						'internal_server_error',
						'There has been a critical error on this website.',
						500
					);
				},
			} );

			render( <App /> );

			expect(
				await screen.findByText( 'Your site reported an error.' )
			).toBeInTheDocument();
			expect(
				screen.getByText(
					'Details: There has been a critical error on this website. (internal_server_error, HTTP 500)'
				)
			).toBeInTheDocument();
			expect(
				screen.getByRole( 'heading', {
					name: 'Callback Doctor for Klarna Checkout',
				} )
			).toBeInTheDocument();
		} );

		it( 'says the site could not be reached when the request never got an answer', async () => {
			serve( {
				'GET /environment': () => {
					throw restError(
						'fetch_error',
						'Could not get a valid response from the server.'
					);
				},
				'GET /runs': () => {
					throw restError(
						'fetch_error',
						'Could not get a valid response from the server.'
					);
				},
			} );

			render( <App /> );

			expect(
				await screen.findByText( /Your site could not be reached/ )
			).toBeInTheDocument();
		} );

		it( 'says what did not fit when the answer is not the expected data', async () => {
			serve( {
				'GET /environment': () => pushBlocked.environment,
				'GET /runs': () => ( { runs: [] } ),
			} );

			render( <App /> );

			expect(
				await screen.findByText(
					/Your site answered with something other than the expected data/
				)
			).toBeInTheDocument();
			expect(
				screen.getByText( /runs is not a list/ )
			).toBeInTheDocument();
		} );

		it( 'shows a notice instead of a blank page when the results cannot be diagnosed', async () => {
			jest.mocked( diagnose ).mockImplementation( () => {
				throw new Error( 'unknown variant' );
			} );
			serve( {
				'GET /environment': () => pushBlocked.environment,
				'GET /runs': () => [ aRunSummary() ],
				'GET /runs/run-1': () => pushBlocked,
			} );

			render( <App /> );

			expect(
				await screen.findByText(
					'The results of this run could not be read: unknown variant'
				)
			).toBeInTheDocument();
		} );
	} );
} );
