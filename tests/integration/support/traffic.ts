/**
 * Real traffic in tests: Klarna-shaped calls sent without the doctor's token (as Klarna sends
 * them), the heartbeat's option reset, its writes counted (tests/doubles/traffic-write-counter.php),
 * and the report read through the REST API.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';

import type { Traffic } from '../../../src/api/types';
import type { Session } from './session';
import { BASE_URL, STACK_DIR, dbQuery } from './stack';

export const TRAFFIC_OPTION = 'kco_callback_doctor_traffic';

/** Forgets every recorded call, so the next call of each callback is written. */
export function resetTraffic(): void {
	dbQuery(
		`DELETE FROM wp_options WHERE option_name = '${ TRAFFIC_OPTION }'`
	);
}

/**
 * A push exactly as Klarna sends it (docs/probe-protocol.md §2): POST, empty body, `User-Agent: APIs-Klarna`,
 * no Referer, no cookies, and no probe token.
 * @param klarnaOrderId The order id the push names; a fresh UUID by default.
 */
export async function sendPush(
	klarnaOrderId: string = randomUUID()
): Promise< number > {
	const response = await fetch(
		`${ BASE_URL }/wc-api/KCO_WC_Push/?kco-action=push&kco_wc_order_id=${ klarnaOrderId }`,
		{
			method: 'POST',
			headers: {
				'User-Agent': 'APIs-Klarna',
				Accept: 'application/json',
				Connection: 'close',
			},
		}
	);
	await response.arrayBuffer();
	return response.status;
}

/**
 * The checkout block's validation call, REST route or wc-api address, with an order body.
 * @param via Which of the two addresses KCO hands Klarna.
 */
export async function sendBlockValidation(
	via: 'rest' | 'wc-api'
): Promise< number > {
	const id = randomUUID();
	const url =
		via === 'rest'
			? `${ BASE_URL }/wp-json/kco-block/order/${ id }/validate`
			: `${ BASE_URL }/wc-api/kco-block-validation?kco_validation=yes&kco_order_id=${ id }`;
	const response = await fetch( url, {
		method: 'POST',
		headers: {
			'User-Agent': 'APIs-Klarna',
			'Content-Type': 'application/json',
			Connection: 'close',
		},
		body: JSON.stringify( { order_id: id, purchase_currency: 'SEK' } ),
	} );
	await response.arrayBuffer();
	return response.status;
}

/**
 * GET /traffic as the given session.
 * @param session A logged-in session.
 */
export async function readTraffic( session: Session ): Promise< Traffic > {
	const response = await session.rest( 'kco-callback-doctor/v1/traffic' );
	if ( response.status !== 200 ) {
		throw new Error(
			`GET /traffic answered ${ response.status }: ${ await response.text() }`
		);
	}
	return ( await response.json() ) as Traffic;
}

/**
 * One callback's part of the report.
 * @param traffic  The report.
 * @param endpoint The catalogue id.
 */
export function callbackOf( traffic: Traffic, endpoint: string ) {
	const found = traffic.callbacks.find( ( c ) => c.endpoint === endpoint );
	if ( ! found ) {
		throw new Error( `no ${ endpoint } in the traffic report` );
	}
	return found;
}

const WRITES_LOG = join( STACK_DIR, 'run', 'traffic-writes.jsonl' );

export interface TrafficWrite {
	hook: 'add_option' | 'update_option';
	/** Callbacks whose record the write changed. */
	changed: string[];
}

function readWrites(): TrafficWrite[] {
	return existsSync( WRITES_LOG )
		? readFileSync( WRITES_LOG, 'utf8' )
				.split( '\n' )
				.filter( Boolean )
				.map( ( line ) => JSON.parse( line ) as TrafficWrite )
		: [];
}

/** Writes of the heartbeat's option since the last clear. */
export const trafficWrites = {
	list: readWrites,
	/** The writes that recorded a call (the first look at the report also marks when monitoring began). */
	ofCalls: (): TrafficWrite[] =>
		readWrites().filter( ( write ) => write.changed.length > 0 ),
	clear: (): void => {
		if ( existsSync( WRITES_LOG ) ) {
			truncateSync( WRITES_LOG, 0 );
		}
	},
};
