/**
 * The real-traffic section against a stand-in REST API: a line per callback, a card for a call
 * that got an error, the stuck orders with their links and Klarna order ids, and an error it
 * explains instead of hiding the rest of the page.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { RealTraffic } from '../../../src/components/RealTraffic';
import { call, makeTraffic, stuckOrder } from '../diagnosis/fixtures/traffic';
import { requestsMade, restError, serve } from './restDouble';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

beforeEach( () => {
	jest.clearAllMocks();
} );

function section() {
	return screen.getByRole( 'region', { name: 'Real calls from Klarna' } );
}

describe( 'RealTraffic', () => {
	it( 'shows each used callback’s last real call, and that no order is stuck', async () => {
		serve( {
			'GET /traffic': () =>
				makeTraffic( {}, { push: [ call( 180, 200, 412 ) ] } ),
		} );

		render( <RealTraffic /> );

		expect(
			await within( section() ).findByText(
				'Last real call from Klarna: 3 hours ago, answered 200 in 412 ms.'
			)
		).toBeInTheDocument();
		const lines = within( section() )
			.getAllByRole( 'listitem' )
			.map( ( item ) => item.getAttribute( 'data-heartbeat' ) );
		expect( lines ).toEqual( [
			'push',
			'block-validate',
			'block-validation',
		] );
		expect(
			within( section() ).getByText(
				'No Klarna order has been waiting in “Pending payment” for its push for more than 30 minutes.'
			)
		).toBeInTheDocument();
		expect(
			within( section() ).getByText( /call counts are lower bounds/ )
		).toBeInTheDocument();
	} );

	it( 'shows a card for a real call that got an error', async () => {
		serve( {
			'GET /traffic': () =>
				makeTraffic( {}, { push: [ call( 5, 500, 2300 ) ] } ),
		} );

		render( <RealTraffic /> );

		const title = await within( section() ).findByRole( 'heading', {
			name: 'Push: Klarna’s real call was answered with 500',
		} );
		const card = title.closest( '[data-finding-id]' );
		expect( card?.getAttribute( 'data-finding-id' ) ).toBe(
			'traffic:status:push'
		);
		expect( card?.className ).toContain( 'is-fail' );
		// Not a probe: no "Run again" and no external test on it.
		expect(
			within( card as HTMLElement ).queryByRole( 'button', {
				name: 'Run again',
			} )
		).not.toBeInTheDocument();
	} );

	it( 'lists stuck orders with a link to each and its Klarna order id', async () => {
		const orders = [ stuckOrder( 101, 45 ), stuckOrder( 100, 120 ) ];
		serve( {
			'GET /traffic': () =>
				makeTraffic( {
					stuckOrders: {
						searched: true,
						thresholdMinutes: 30,
						lookBackDays: 30,
						count: 2,
						more: false,
						orders,
					},
				} ),
		} );

		render( <RealTraffic /> );

		expect(
			await within( section() ).findByRole( 'heading', {
				name: '2 Klarna orders are stuck in “Pending payment”',
			} )
		).toBeInTheDocument();
		const table = within( section() ).getByRole( 'table', {
			name: 'Klarna orders waiting for their push',
		} );
		const link = within( table ).getByRole( 'link', {
			name: 'Order #100',
		} );
		expect( link.getAttribute( 'href' ) ).toBe( orders[ 1 ]?.editUrl );
		const row = link.closest( 'tr' ) as HTMLElement;
		expect( within( row ).getByText( '2 hours ago' ) ).toBeInTheDocument();
		expect(
			within( row ).getByText( orders[ 1 ]?.klarnaOrderId ?? '' )
		).toBeInTheDocument();
		expect(
			within( row ).getByRole( 'button', {
				name: 'Copy the Klarna order id of order #100',
			} )
		).toBeInTheDocument();
	} );

	it( 'explains a report that could not be read, keeping the server’s words', async () => {
		serve( {
			'GET /traffic': () => {
				throw restError(
					'kco_callback_doctor_internal_error',
					'The real traffic could not be read.',
					500
				);
			},
		} );

		render( <RealTraffic /> );

		expect(
			await within( section() ).findByText(
				'The real calls could not be read: The real traffic could not be read.'
			)
		).toBeInTheDocument();
	} );

	it( 'reads the report again on Refresh', async () => {
		let answer = makeTraffic();
		const api = serve( { 'GET /traffic': () => answer } );
		render( <RealTraffic /> );
		await within( section() ).findAllByText(
			'No real call seen since monitoring began 5 days ago.'
		);

		answer = makeTraffic( {}, { push: [ call( 1 ) ] } );
		await userEvent.click(
			within( section() ).getByRole( 'button', { name: 'Refresh' } )
		);

		await waitFor( () =>
			expect(
				within( section() ).getByText(
					'Last real call from Klarna: 1 minute ago, answered 200 in 412 ms.'
				)
			).toBeInTheDocument()
		);
		expect( requestsMade( api ) ).toEqual( [
			'GET /traffic',
			'GET /traffic',
		] );
	} );
} );
