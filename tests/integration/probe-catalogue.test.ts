/**
 * The catalogue says which endpoints the installed KCO makes Klarna call (every endpoint is
 * probed anyway: the vendor tells merchants to allow all of them).
 */
import type { EndpointDescriptor } from '../../src/api/types';
import { wpEval } from './support/stack';

function usedBy( kco: {
	version: string | null;
	flow: string;
} ): Record< string, boolean | null > {
	const descriptors = JSON.parse(
		wpEval(
			`echo wp_json_encode( KcoCallbackDoctor\\Probe\\Catalogue::descriptors( KcoCallbackDoctor\\Probe\\Catalogue::ids(), json_decode( ${ JSON.stringify(
				JSON.stringify( kco )
			) }, true ) ) );`
		)
	) as EndpointDescriptor[];
	return Object.fromEntries(
		descriptors.map( ( d ) => [ d.id, d.usedByInstalledKco ] )
	);
}

it.each( [
	[
		'no KCO installed',
		{ version: null, flow: 'unknown' },
		{
			push: null,
			notification: null,
			validation: null,
			'shipping-option-update': null,
			'block-validate': null,
			'block-validation': null,
		},
	],
	[
		'KCO 2.0.1, classic',
		{ version: '2.0.1', flow: 'classic' },
		{
			push: true,
			notification: true,
			validation: true,
			'shipping-option-update': true,
			'block-validate': false,
			'block-validation': false,
		},
	],
	[
		'KCO 2.13.3, classic',
		{ version: '2.13.3', flow: 'classic' },
		{
			push: true,
			notification: true,
			validation: false,
			'shipping-option-update': false,
			'block-validate': false,
			'block-validation': false,
		},
	],
	[
		'KCO 2.16.0 with the checkout block',
		{ version: '2.16.0', flow: 'blocks' },
		{
			push: true,
			notification: true,
			validation: false,
			'shipping-option-update': false,
			'block-validate': true,
			// Only development builds before 2.16.0 handed Klarna the wc-api block URL.
			'block-validation': false,
		},
	],
	[
		'KCO 2.20.1 with the checkout block',
		{ version: '2.20.1', flow: 'blocks' },
		{
			push: true,
			notification: false,
			validation: false,
			'shipping-option-update': false,
			'block-validate': true,
			'block-validation': false,
		},
	],
	[
		'KCO 2.20.9, classic: push only (class-kco-merchant-urls.php get_urls)',
		{ version: '2.20.9', flow: 'classic' },
		{
			push: true,
			notification: false,
			validation: false,
			'shipping-option-update': false,
			'block-validate': false,
			'block-validation': false,
		},
	],
] )( 'marks the endpoints %s makes Klarna call', ( _name, kco, expected ) => {
	expect( usedBy( kco ) ).toEqual( expected );
} );

it( 'describes each endpoint with the path KCO builds and Klarna’s deadline', () => {
	const descriptors = JSON.parse(
		wpEval(
			`echo wp_json_encode( KcoCallbackDoctor\\Probe\\Catalogue::descriptors( KcoCallbackDoctor\\Probe\\Catalogue::ids(), array( 'version' => null ) ) );`
		)
	) as EndpointDescriptor[];

	expect(
		descriptors.map( ( d ) => [
			d.id,
			d.method,
			d.path,
			d.deadlineMs,
			d.strictDeadlineMs,
		] )
	).toEqual( [
		[
			'push',
			'POST',
			'/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id={id}',
			null,
			null,
		],
		[
			'notification',
			'POST',
			'/wc-api/KCO_WC_Notification/?kco_wc_order_id={id}',
			null,
			null,
		],
		[
			'validation',
			'POST',
			'/wc-api/KCO_WC_Validation/?kco-action=validation&kco_wc_order_id={id}&kco_session_id={sid}',
			3000,
			10000,
		],
		[
			'shipping-option-update',
			'POST',
			'/wc-api/KCO_WC_Shipping_Option_Update/',
			null,
			null,
		],
		[
			'block-validate',
			'POST',
			'/wp-json/kco-block/order/{id}/validate',
			3000,
			10000,
		],
		[
			'block-validation',
			'POST',
			'/wc-api/kco-block-validation?kco_validation=yes&kco_order_id={id}',
			3000,
			10000,
		],
	] );
} );
