/**
 * WooCommerce → Status: the Callback Doctor section of the system status report (what "Get
 * system report" exports) and the `kco_callback_doctor` key of GET /wc/v3/system_status, with a
 * real ModSecurity rule in Apache and without.
 */
import type { Run } from '../../src/api/types';
import { modSecurityUserAgentRule } from '../e2e/support/faults';
import { logIn, USERS, type Session } from './support/session';
import { BASE_URL, debugLog } from './support/stack';
import { warmUp } from './support/warm-up';

interface CallbackStatus {
	id: string;
	label: string;
	path: string;
	state: string;
	used: boolean;
	http_status: number | null;
	blocker: {
		cause_id: string | null;
		product_id: string | null;
		product_name: string | null;
	} | null;
}

interface DoctorStatus {
	overall: 'ok' | 'warning' | 'critical' | 'unknown';
	last_check: { run_id: string; started_at: string; source: string } | null;
	callbacks: CallbackStatus[];
	kco: { active: boolean; version: string | null; flow: string };
	page_url: string;
}

interface ExportedRow {
	/** The row's `data-export-label`. */
	label: string;
	/** The value cell as "Get system report" copies it: text, icons as ✔ / ❌. */
	value: string;
	/** WooCommerce's mark class on the value: yes, error, no, or null. */
	mark: string | null;
}

interface StatusReportSection {
	exportLabel: string;
	rows: Map< string, ExportedRow >;
}

let admin: Session;

/** Runs every probe as the doctor's page does, and returns the run. */
async function runAll(): Promise< Run > {
	const response = await admin.rest( 'kco-callback-doctor/v1/runs', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: '{}',
	} );
	expect( response.status ).toBe( 200 );
	return ( await response.json() ) as Run;
}

async function restStatus( query = '' ): Promise< Record< string, unknown > > {
	const response = await admin.rest( `wc/v3/system_status${ query }` );
	expect( response.status ).toBe( 200 );
	return ( await response.json() ) as Record< string, unknown >;
}

async function doctorStatus(): Promise< DoctorStatus > {
	return ( await restStatus() ).kco_callback_doctor as DoctorStatus;
}

function text( html: string ): string {
	return html
		.replace( /<span class="dashicons dashicons-yes"><\/span>/g, '✔' )
		.replace( /<span class="dashicons dashicons-warning"><\/span>/g, '❌' )
		.replace( /<[^>]+>/g, '' )
		.replace( /&nbsp;/g, ' ' )
		.replace( /&#0?39;/g, "'" )
		.replace( /&quot;/g, '"' )
		.replace( /&lt;/g, '<' )
		.replace( /&gt;/g, '>' )
		.replace( /&amp;/g, '&' )
		.trim();
}

/** The section as WooCommerce → Status prints it to an administrator. */
async function statusReportSection(): Promise< StatusReportSection > {
	const response = await fetch(
		`${ BASE_URL }/wp-admin/admin.php?page=wc-status`,
		{ headers: { Cookie: admin.cookie } }
	);
	expect( response.status ).toBe( 200 );
	const page = await response.text();
	const table =
		/<table class="wc_status_table widefat" cellspacing="0" id="kco-callback-doctor-status">([\s\S]*?)<\/table>/.exec(
			page
		);
	if ( ! table?.[ 1 ] ) {
		throw new Error( 'The status report has no Callback Doctor section' );
	}
	const exportLabel =
		/<th colspan="3" data-export-label="([^"]+)">/.exec(
			table[ 1 ]
		)?.[ 1 ] ?? '';
	const rows = new Map< string, ExportedRow >();
	for ( const row of table[ 1 ].matchAll(
		/<tr><td data-export-label="([^"]+)">[\s\S]*?<\/td><td class="help">[\s\S]*?<\/td><td>([\s\S]*?)<\/td><\/tr>/g
	) ) {
		const label = row[ 1 ] ?? '';
		const value = row[ 2 ] ?? '';
		rows.set( label, {
			label,
			value: text( value ),
			mark: /^<mark class="([a-z]+)">/.exec( value )?.[ 1 ] ?? null,
		} );
	}
	return { exportLabel, rows };
}

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
} );

beforeEach( () => debugLog.clear() );

afterEach( () => {
	// The stack is offline: WordPress's and WooCommerce's calls to WordPress.org warn on the
	// status page; nothing else may.
	expect(
		debugLog
			.phpProblems()
			.filter( ( line ) => ! /WordPress\.org/.test( line ) )
			.filter(
				( line ) => ! /_load_textdomain_just_in_time/.test( line )
			)
	).toEqual( [] );
} );

describe( 'with ModSecurity refusing Klarna’s User-Agent', () => {
	let run: Run;

	beforeAll( async () => {
		modSecurityUserAgentRule.apply();
		await warmUp();
		run = await runAll();
	} );
	afterAll( async () => {
		modSecurityUserAgentRule.revert();
		await warmUp();
	} );

	it( 'the status report has a Callback Doctor section that exports each callback as failing', async () => {
		const section = await statusReportSection();

		expect( section.exportLabel ).toBe(
			'Callback Doctor for Klarna Checkout'
		);
		const push = section.rows.get( 'Callback push' );
		expect( push?.mark ).toBe( 'error' );
		expect( push?.value ).toContain( '❌' );
		expect( push?.value ).toMatch( /Blocked/ );
		expect( push?.value ).toContain( '406' );
		expect( section.rows.get( 'Result' )?.mark ).toBe( 'error' );
		for ( const id of run.endpointIds ) {
			expect( section.rows.has( `Callback ${ id }` ) ).toBe( true );
		}
		expect( section.rows.get( 'Last complete check' )?.value ).toMatch(
			/Callback Doctor's page/
		);
	} );

	it( 'GET /wc/v3/system_status carries the same run as critical', async () => {
		const status = await doctorStatus();

		expect( status.overall ).toBe( 'critical' );
		expect( status.last_check?.run_id ).toBe( run.id );
		expect( status.last_check?.source ).toBe( 'page' );
		const push = status.callbacks.find(
			( callback ) => callback.id === 'push'
		);
		expect( push?.state ).toBe( 'blocked' );
		expect( push?.http_status ).toBe( 406 );
		expect( status.callbacks.map( ( callback ) => callback.id ) ).toEqual(
			run.endpointIds
		);
		expect( status.page_url ).toMatch( /page=kco-callback-doctor$/ );
	} );
} );

describe( 'with no fault', () => {
	let run: Run;

	beforeAll( async () => {
		run = await runAll();
	} );

	it( 'the status report exports every callback as passing', async () => {
		const section = await statusReportSection();

		expect( section.rows.get( 'Result' )?.mark ).toBe( 'yes' );
		for ( const id of run.endpointIds ) {
			const row = section.rows.get( `Callback ${ id }` );
			expect( row?.mark ).toBe( 'yes' );
			expect( row?.value ).toContain( '✔' );
			expect( row?.value ).toContain( '200' );
		}
	} );

	it( 'GET /wc/v3/system_status says ok', async () => {
		const status = await doctorStatus();

		expect( status.overall ).toBe( 'ok' );
		expect( status.last_check?.run_id ).toBe( run.id );
		expect(
			status.callbacks.every(
				( callback ) => callback.state === 'passed'
			)
		).toBe( true );
	} );

	it( 'a re-run of one callback on the page does not replace the complete run', async () => {
		const single = await admin.rest( 'kco-callback-doctor/v1/runs', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { endpoints: [ 'push' ] } ),
		} );
		expect( single.status ).toBe( 200 );

		const status = await doctorStatus();

		expect( status.last_check?.run_id ).toBe( run.id );
		expect( status.callbacks ).toHaveLength( run.endpointIds.length );
	} );
} );

describe( 'the REST key', () => {
	it( 'is described in the route’s schema', async () => {
		const response = await admin.rest( 'wc/v3/system_status', {
			method: 'OPTIONS',
		} );
		const options = ( await response.json() ) as {
			schema: { properties: Record< string, { type: string } > };
		};

		expect( options.schema.properties.kco_callback_doctor?.type ).toBe(
			'object'
		);
	} );

	it( 'comes alone when asked for with _fields', async () => {
		const status = await restStatus( '?_fields=kco_callback_doctor' );

		expect( Object.keys( status ) ).toEqual( [ 'kco_callback_doctor' ] );
	} );

	it( 'is refused to a subscriber like the rest of the system status', async () => {
		const subscriber = await logIn( USERS.subscriber );
		const response = await subscriber.rest( 'wc/v3/system_status' );

		expect( response.status ).toBe( 403 );
	} );
} );

describe( 'cost elsewhere', () => {
	async function pluginFiles( url: string ): Promise< string[] > {
		const response = await fetch( url, {
			headers: { 'X-Kco-Bench-Files': '1' },
		} );
		const report = /<!-- kco-bench-files (\{.*\}) -->/.exec(
			await response.text()
		);
		if ( ! report?.[ 1 ] ) {
			throw new Error( `No included-files report from ${ url }` );
		}
		return ( JSON.parse( report[ 1 ] ) as { plugin: string[] } ).plugin;
	}

	it.each( [
		[ 'a shop page', `${ BASE_URL }/` ],
		[
			'another WooCommerce REST request',
			`${ BASE_URL }/wp-json/wc/store/v1/products`,
		],
	] )(
		'%s includes no file of the plugin but plugin.php',
		async ( _what, url ) => {
			const files = await pluginFiles( url );

			expect( files ).toHaveLength( 1 );
			expect( files[ 0 ] ).toMatch( /plugin\.php$/ );
		}
	);
} );
