/**
 * Proves the stack is real: the released WooCommerce is active beside the plugin, and a
 * Klarna-shaped push reaches WooCommerce's own wc-api dispatch and KCO's handler (the recorder),
 * exactly once.
 */
import { randomUUID } from 'node:crypto';
import { BASE_URL, recorder, wpCli } from './support/stack';

describe( 'the local WooCommerce stack', () => {
	beforeEach( () => recorder.clear() );

	it( 'runs the released WooCommerce 10.0.2 and the plugin, both active (WP-CLI)', () => {
		const plugins = JSON.parse(
			wpCli(
				'plugin',
				'list',
				'--format=json',
				'--fields=name,status,version'
			)
		) as Array< { name: string; status: string; version: string } >;

		expect( plugins ).toEqual(
			expect.arrayContaining( [
				{ name: 'woocommerce', status: 'active', version: '10.0.2' },
				expect.objectContaining( {
					name: 'kco-callback-doctor',
					status: 'active',
				} ),
			] )
		);
	} );

	it( "answers WooCommerce's Store API, which only the real WooCommerce serves", async () => {
		const response = await fetch(
			`${ BASE_URL }/wp-json/wc/store/v1/cart`
		);

		expect( response.status ).toBe( 200 );
		const cart = ( await response.json() ) as {
			items: unknown[];
			totals: { currency_code: string };
		};
		expect( cart.items ).toEqual( [] );
		expect( cart.totals.currency_code ).toBe( 'SEK' );
	} );

	it( 'dispatches a Klarna push to the KCO push handler exactly once', async () => {
		const orderId = randomUUID();
		const response = await fetch(
			`${ BASE_URL }/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id=${ orderId }`,
			{ method: 'POST', headers: { 'User-Agent': 'APIs-Klarna' } }
		);

		expect( response.status ).toBe( 200 );
		expect( await response.text() ).toBe( '-1' );
		const calls = recorder.calls();
		expect( calls ).toHaveLength( 1 );
		expect( calls[ 0 ] ).toMatchObject( {
			handler: 'kco_wc_push',
			method: 'POST',
			userAgent: 'APIs-Klarna',
		} );
		expect( calls[ 0 ]?.uri ).toContain( orderId );
	} );

	it( 'honours ?wc-api=NAME as WooCommerce does', async () => {
		const response = await fetch(
			`${ BASE_URL }/?wc-api=KCO_WC_Notification`,
			{
				method: 'POST',
				headers: {
					'User-Agent': 'APIs-Klarna',
					'Content-Type': 'application/json',
				},
				body: JSON.stringify( {
					order_id: randomUUID(),
					event_type: 'FRAUD_RISK_ACCEPTED',
				} ),
			}
		);

		expect( response.status ).toBe( 200 );
		expect( recorder.calls().map( ( call ) => call.handler ) ).toEqual( [
			'kco_wc_notification',
		] );
	} );

	it( 'answers 400 and -1 for a wc-api name nobody handles', async () => {
		const response = await fetch( `${ BASE_URL }/wc-api/No_Such_Handler/`, {
			method: 'POST',
		} );

		expect( response.status ).toBe( 400 );
		expect( await response.text() ).toBe( '-1' );
		expect( recorder.calls() ).toHaveLength( 0 );
	} );

	it( 'routes the checkout-block validation to KCO’s REST route', async () => {
		const response = await fetch(
			`${ BASE_URL }/wp-json/kco-block/order/${ randomUUID() }/validate`,
			{
				method: 'POST',
				headers: {
					'User-Agent': 'APIs-Klarna',
					'Content-Type': 'application/json',
				},
				body: '{}',
			}
		);

		expect( response.status ).toBe( 200 );
		expect( recorder.calls().map( ( call ) => call.handler ) ).toEqual( [
			'kco_block_validate',
		] );
	} );
} );
