/**
 * Narrows what the REST API answered (`unknown`) to the contract in ./types.ts, once, at the
 * boundary. A check names the first field that does not fit, so a broken answer becomes a
 * readable error instead of a crash somewhere in the page.
 */
import type {
	CanaryId,
	EndpointId,
	Environment,
	ExternalProbe,
	Run,
	RunSummary,
	Settings,
	StoredDigest,
	Traffic,
} from './types';

/** Thrown when a value does not have the expected shape; `path` names the offending field. */
export class ShapeError extends Error {
	readonly path: string;

	constructor( path: string, expected: string ) {
		super( `${ path } is not ${ expected }` );
		this.name = 'ShapeError';
		this.path = path;
	}
}

type Check = ( value: unknown, path: string ) => void;

function isRecord( value: unknown ): value is Record< string, unknown > {
	return (
		typeof value === 'object' && value !== null && ! Array.isArray( value )
	);
}

function primitive( type: 'string' | 'number' | 'boolean' ): Check {
	return ( value, path ) => {
		if ( typeof value !== type ) {
			throw new ShapeError( path, `a ${ type }` );
		}
	};
}

const text = primitive( 'string' );
const count = primitive( 'number' );
const flag = primitive( 'boolean' );

function nullable( check: Check ): Check {
	return ( value, path ) => {
		if ( value !== null ) {
			check( value, path );
		}
	};
}

/**
 * A field older answers may leave out (runs stored before it existed).
 *
 * @param check The check when the field is there.
 */
function optional( check: Check ): Check {
	return ( value, path ) => {
		if ( value !== undefined ) {
			check( value, path );
		}
	};
}

function listOf( check: Check ): Check {
	return ( value, path ) => {
		if ( ! Array.isArray( value ) ) {
			throw new ShapeError( path, 'a list' );
		}
		value.forEach( ( item, index ) =>
			check( item, `${ path }[${ index }]` )
		);
	};
}

/**
 * An object with at least these fields; fields the UI does not know are let through.
 *
 * @param shape A check per field.
 */
function fields( shape: Record< string, Check > ): Check {
	return ( value, path ) => {
		if ( ! isRecord( value ) ) {
			throw new ShapeError( path, 'an object' );
		}
		for ( const [ key, check ] of Object.entries( shape ) ) {
			check( value[ key ], `${ path }.${ key }` );
		}
	};
}

/**
 * An object whose every value passes the check (header maps).
 *
 * @param check The check for every value.
 */
function mapOf( check: Check ): Check {
	return ( value, path ) => {
		if ( ! isRecord( value ) ) {
			throw new ShapeError( path, 'an object' );
		}
		for ( const [ key, item ] of Object.entries( value ) ) {
			check( item, `${ path }.${ key }` );
		}
	};
}

function oneOf( allowed: readonly string[] ): Check {
	return ( value, path ) => {
		if ( typeof value !== 'string' || ! allowed.includes( value ) ) {
			throw new ShapeError( path, `one of ${ allowed.join( ', ' ) }` );
		}
	};
}

export const ENDPOINT_IDS: readonly EndpointId[] = [
	'push',
	'notification',
	'validation',
	'shipping-option-update',
	'block-validate',
	'block-validation',
];

const endpointId = oneOf( ENDPOINT_IDS );

export const CANARY_IDS: readonly CanaryId[] = [
	'wc-api-canary',
	'rest-canary',
	'site-wc-api-canary',
];

const probedId = oneOf( [ ...ENDPOINT_IDS, ...CANARY_IDS ] );

const runSource = oneOf( [ 'page', 'schedule', 'cli' ] );

const endpointState = oneOf( [
	'passed',
	'blocked',
	'redirected',
	'unreachable',
	'slow',
	'inconclusive',
] );

const environment = fields( {
	homeUrl: text,
	siteUrl: text,
	host: text,
	hostAddresses: listOf( text ),
	hostAddressClass: nullable( text ),
	permalinkStructure: text,
	wordpressVersion: text,
	phpVersion: text,
	serverSoftware: text,
	woocommerce: fields( { active: flag, version: nullable( text ) } ),
	kco: fields( {
		active: flag,
		name: nullable( text ),
		version: nullable( text ),
		flow: text,
	} ),
	plugins: listOf(
		fields( {
			slug: text,
			name: text,
			version: text,
			category: text,
			clientAddressHeader: nullable( text ),
			// Runs stored before the doctor read each plugin's address setting lack it.
			clientAddressTrust: optional(
				nullable( oneOf( [ 'header', 'connection', 'unknown' ] ) )
			),
		} )
	),
	maintenanceFile: flag,
	certificate: nullable(
		fields( {
			subject: text,
			issuer: text,
			validFrom: text,
			validTo: text,
			selfSigned: flag,
			hostMatches: flag,
		} )
	),
	certificateError: nullable( text ),
} );

const endpointDescriptor = fields( {
	id: endpointId,
	label: text,
	method: text,
	path: text,
	deadlineMs: nullable( count ),
	strictDeadlineMs: nullable( count ),
	kcoVersions: text,
	usedByInstalledKco: nullable( flag ),
	canary: optional( oneOf( CANARY_IDS ) ),
} );

const observation = fields( {
	endpoint: probedId,
	variant: text,
	basedOn: nullable( text ),
	request: fields( {
		method: text,
		url: text,
		headers: mapOf( text ),
		bodyBytes: count,
		bodySha256: text,
	} ),
	error: nullable( fields( { code: text, message: text } ) ),
	response: nullable(
		fields( {
			status: count,
			reason: text,
			headers: mapOf( text ),
			body: text,
			bodyTruncated: flag,
		} )
	),
	redirects: listOf(
		fields( { url: text, status: count, location: text, followed: flag } )
	),
	timing: fields( {
		totalMs: count,
		connectMs: nullable( count ),
		tlsMs: nullable( count ),
		measuredAlone: flag,
	} ),
	echo: nullable(
		fields( {
			protocol: count,
			probeId: text,
			endpoint: probedId,
			routedAs: text,
			method: text,
			bodyBytes: count,
			bodySha256: text,
			queryKeys: listOf( text ),
			handlerRegistered: flag,
			clientAddressClass: text,
			proxyHeaders: listOf( text ),
		} )
	),
} );

const run = fields( {
	id: text,
	startedAt: text,
	durationMs: count,
	endpointIds: listOf( endpointId ),
	endpoints: listOf( endpointDescriptor ),
	environment,
	observations: listOf( observation ),
	trimmed: flag,
	source: optional( runSource ),
	digest: optional(
		listOf(
			fields( {
				findingId: text,
				status: oneOf( [ 'pass', 'warn', 'fail', 'info' ] ),
				causeId: nullable( text ),
				productId: nullable( text ),
				productName: nullable( text ),
			} )
		)
	),
	diagnosedAt: optional( text ),
} );

const runSummaries = listOf(
	fields( {
		id: text,
		source: runSource,
		startedAt: text,
		durationMs: count,
		endpointIds: listOf( endpointId ),
		overall: oneOf( [ 'ok', 'warning', 'critical', 'unknown' ] ),
		verdicts: listOf(
			fields( { id: endpointId, state: endpointState, used: flag } )
		),
	} )
);

const externalProbe = fields( {
	endpoint: endpointId,
	url: text,
	method: text,
	headers: mapOf( text ),
	body: text,
	curl: text,
	expiresAt: text,
} );

/*
 * Each reader checks every field's type (and the endpoint ids' values), then casts: the members
 * of the other string unions (variants, statuses) are trusted to the PHP schema.
 */
export function readEnvironment( value: unknown ): Environment {
	environment( value, 'environment' );
	return value as Environment;
}

export function readRun( value: unknown ): Run {
	run( value, 'run' );
	return value as Run;
}

export function readRunSummaries( value: unknown ): RunSummary[] {
	runSummaries( value, 'runs' );
	return value as RunSummary[];
}

const storedDigest = fields( {
	id: text,
	diagnosedAt: text,
	digest: listOf( fields( { findingId: text } ) ),
} );

export function readStoredDigest( value: unknown ): StoredDigest {
	storedDigest( value, 'digest' );
	return value as StoredDigest;
}

export function readExternalProbe( value: unknown ): ExternalProbe {
	externalProbe( value, 'externalProbe' );
	return value as ExternalProbe;
}

const settings = fields( {
	schedule: oneOf( [ 'off', 'daily', 'hourly' ] ),
	emailAlerts: flag,
	schedulerAvailable: flag,
	nextCheckAt: nullable( text ),
} );

export function readSettings( value: unknown ): Settings {
	settings( value, 'settings' );
	return value as Settings;
}

const realCall = fields( { at: text, status: count, durationMs: count } );

const traffic = fields( {
	checkedAt: text,
	monitoringSince: nullable( text ),
	countsEveryCall: flag,
	writeIntervalSeconds: count,
	kcoLogging: nullable( flag ),
	callbacks: listOf(
		fields( {
			endpoint: endpointId,
			label: text,
			path: text,
			usedByInstalledKco: nullable( flag ),
			callsSeen: count,
			calls: listOf( realCall ),
		} )
	),
	stuckOrders: fields( {
		searched: flag,
		thresholdMinutes: count,
		lookBackDays: count,
		count,
		more: flag,
		orders: listOf(
			fields( {
				id: count,
				number: text,
				editUrl: text,
				createdAt: nullable( text ),
				klarnaOrderId: text,
			} )
		),
	} ),
} );

export function readTraffic( value: unknown ): Traffic {
	traffic( value, 'traffic' );
	return value as Traffic;
}
