/**
 * GET /traffic through the REST client: the answer is narrowed to the contract once, and one
 * that does not fit names the field instead of breaking the page later.
 */
import apiFetch from '@wordpress/api-fetch';

import { ApiError, fetchTraffic } from '../../../src/api/client';
import { call, makeTraffic } from '../diagnosis/fixtures/traffic';
import { serve } from './restDouble';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

beforeEach( () => {
	jest.clearAllMocks();
} );

describe( 'fetchTraffic', () => {
	it( 'reads GET /traffic', async () => {
		const traffic = makeTraffic( {}, { push: [ call( 3 ) ] } );
		serve( { 'GET /traffic': () => traffic } );

		await expect( fetchTraffic() ).resolves.toEqual( traffic );
		expect( jest.mocked( apiFetch ).mock.calls[ 0 ]?.[ 0 ] ).toMatchObject(
			{ method: 'GET', path: '/kco-callback-doctor/v1/traffic' }
		);
	} );

	it.each( [
		[
			'a call without its status',
			( t: ReturnType< typeof makeTraffic > ) => {
				const push = t.callbacks[ 0 ];
				if ( push ) {
					push.calls = [
						{ at: '2026-03-12T14:00:00Z' } as unknown as ReturnType<
							typeof call
						>,
					];
				}
			},
			'traffic.callbacks[0].calls[0].status is not a number',
		],
		[
			'an unknown callback',
			( t: ReturnType< typeof makeTraffic > ) => {
				const push = t.callbacks[ 0 ];
				if ( push ) {
					( push as { endpoint: string } ).endpoint = 'KCO_WC_Push';
				}
			},
			'traffic.callbacks[0].endpoint is not one of',
		],
		[
			'stuck orders without their list',
			( t: ReturnType< typeof makeTraffic > ) => {
				( t.stuckOrders as { orders: unknown } ).orders = null;
			},
			'traffic.stuckOrders.orders is not a list',
		],
	] )( 'rejects %s, naming the field', async ( _, damage, message ) => {
		const traffic = makeTraffic( {}, { push: [ call( 3 ) ] } );
		damage( traffic );
		serve( { 'GET /traffic': () => traffic } );

		const error = await fetchTraffic().catch( ( reason ) => reason );

		expect( error ).toBeInstanceOf( ApiError );
		expect( error.kind ).toBe( 'invalid-response' );
		expect( error.message ).toContain( message );
	} );
} );
