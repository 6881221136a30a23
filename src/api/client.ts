/**
 * The plugin's REST API (`kco-callback-doctor/v1`), one function per route. The only module that
 * calls apiFetch: every answer is narrowed to the contract in ./types.ts, and every failure
 * becomes an ApiError that keeps the server's own message, code and status.
 */
import apiFetch from '@wordpress/api-fetch';

import {
	ShapeError,
	readEnvironment,
	readExternalProbe,
	readRun,
	readRunSummaries,
	readSettings,
	readStoredDigest,
	readTraffic,
} from './shape';
import type {
	DigestEntry,
	EndpointId,
	Environment,
	ExternalProbe,
	Run,
	RunSummary,
	Settings,
	SettingsChange,
	StoredDigest,
	Traffic,
} from './types';

const NAMESPACE = '/kco-callback-doctor/v1';

/** A run sends every probe with hard deadlines; this only bounds a server that never answers. */
export const RUN_TIMEOUT_MS = 180000;
export const READ_TIMEOUT_MS = 30000;

/** The error code the runs route answers with (HTTP 409) while another run holds the lock. */
export const RUN_IN_PROGRESS_CODE = 'kco_callback_doctor_run_in_progress';

/**
 * What went wrong, in the terms the page reacts to:
 * - `run-in-progress`: another run holds the lock (409); wait and try again.
 * - `permission`: the nonce expired or the user lost the capability; reload the page.
 * - `timeout`: no answer in time (our own deadline, or a gateway that gave up).
 * - `network`: the request never got an HTTP answer.
 * - `invalid-response`: an answer that is not the JSON the contract promises.
 * - `server`: any other error the server reported.
 */
export type ApiErrorKind =
	| 'run-in-progress'
	| 'permission'
	| 'timeout'
	| 'network'
	| 'invalid-response'
	| 'server';

export class ApiError extends Error {
	readonly kind: ApiErrorKind;
	/** The server's error code (`rest_forbidden`, ...) or apiFetch's (`fetch_error`, ...). */
	readonly code: string;
	/** HTTP status when the server sent one. */
	readonly status: number | null;

	constructor(
		kind: ApiErrorKind,
		message: string,
		code: string,
		status: number | null
	) {
		super( message );
		this.name = 'ApiError';
		this.kind = kind;
		this.code = code;
		this.status = status;
	}
}

const PERMISSION_CODES = [
	'rest_cookie_invalid_nonce',
	'rest_forbidden',
	'rest_not_logged_in',
];
/** Request Timeout, Gateway Timeout, Cloudflare's "A timeout occurred". */
const TIMEOUT_STATUSES = [ 408, 504, 524 ];

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

function statusOf( reason: Record< string, unknown > ): number | null {
	const data = reason.data;
	if ( isRecord( data ) && typeof data.status === 'number' ) {
		return data.status;
	}
	return null;
}

function kindOf( code: string, status: number | null ): ApiErrorKind {
	if ( code === RUN_IN_PROGRESS_CODE || status === 409 ) {
		return 'run-in-progress';
	}
	if (
		PERMISSION_CODES.includes( code ) ||
		status === 401 ||
		status === 403
	) {
		return 'permission';
	}
	if ( status !== null && TIMEOUT_STATUSES.includes( status ) ) {
		return 'timeout';
	}
	if ( code === 'fetch_error' || code === 'offline_error' ) {
		return 'network';
	}
	if ( code === 'invalid_json' ) {
		return 'invalid-response';
	}
	return 'server';
}

/**
 * apiFetch rejects with plain `{ code, message, data: { status } }` objects (not Errors), with
 * the fetch's AbortError when aborted, and with `{ code: 'invalid_json' }` when a proxy or a PHP
 * fatal error answered with HTML instead of JSON.
 *
 * @param reason   What apiFetch (or a reader) rejected with.
 * @param timedOut Whether our own deadline aborted the request.
 */
export function toApiError( reason: unknown, timedOut = false ): ApiError {
	if ( reason instanceof ApiError ) {
		return reason;
	}
	if ( timedOut ) {
		return new ApiError(
			'timeout',
			'The server did not answer in time.',
			'timeout',
			null
		);
	}
	if ( reason instanceof ShapeError ) {
		return new ApiError(
			'invalid-response',
			reason.message,
			'invalid_shape',
			null
		);
	}
	if ( isRecord( reason ) && typeof reason.code === 'string' ) {
		const status = statusOf( reason );
		const message =
			typeof reason.message === 'string' ? reason.message : reason.code;
		return new ApiError(
			kindOf( reason.code, status ),
			message,
			reason.code,
			status
		);
	}
	if ( reason instanceof Error ) {
		return new ApiError( 'network', reason.message, reason.name, null );
	}
	return new ApiError( 'server', String( reason ), 'unknown', null );
}

interface Request {
	path: string;
	method?: 'GET' | 'POST';
	data?: Record< string, unknown >;
}

async function request< T >(
	{ path, method = 'GET', data }: Request,
	read: ( value: unknown ) => T,
	timeoutMs: number
): Promise< T > {
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout( () => {
		timedOut = true;
		controller.abort();
	}, timeoutMs );
	let value: unknown;
	try {
		value = await apiFetch< unknown >( {
			path: NAMESPACE + path,
			method,
			signal: controller.signal,
			...( data ? { data } : {} ),
		} );
	} catch ( reason ) {
		throw toApiError( reason, timedOut );
	} finally {
		clearTimeout( timer );
	}
	try {
		return read( value );
	} catch ( reason ) {
		throw toApiError( reason );
	}
}

/** GET /environment: facts about the site. */
export function fetchEnvironment(): Promise< Environment > {
	return request(
		{ path: '/environment' },
		readEnvironment,
		READ_TIMEOUT_MS
	);
}

/**
 * POST /runs: probes the given endpoints (all when omitted) and returns the run.
 *
 * @param endpoints The endpoints to probe; all when omitted.
 */
export function startRun( endpoints?: EndpointId[] ): Promise< Run > {
	return request(
		{ path: '/runs', method: 'POST', data: endpoints ? { endpoints } : {} },
		readRun,
		RUN_TIMEOUT_MS
	);
}

/** GET /runs: the last runs, newest first. */
export function fetchRunHistory(): Promise< RunSummary[] > {
	return request( { path: '/runs' }, readRunSummaries, READ_TIMEOUT_MS );
}

/**
 * GET /runs/{id}: one stored run with all its observations.
 *
 * @param id The run id from GET /runs.
 */
export function fetchRun( id: string ): Promise< Run > {
	return request(
		{ path: `/runs/${ encodeURIComponent( id ) }` },
		readRun,
		READ_TIMEOUT_MS
	);
}

/**
 * POST /runs/{id}/digest: stores the page's diagnosis of a run with it, as ids.
 *
 * @param id     The run id.
 * @param digest One entry per finding.
 */
export function storeDigest(
	id: string,
	digest: DigestEntry[]
): Promise< StoredDigest > {
	return request(
		{
			path: `/runs/${ encodeURIComponent( id ) }/digest`,
			method: 'POST',
			data: { digest },
		},
		readStoredDigest,
		READ_TIMEOUT_MS
	);
}

/**
 * POST /external-probes: a signed, single-use request to send from another machine.
 *
 * @param endpoint The endpoint the request is for.
 */
export function createExternalProbe(
	endpoint: EndpointId
): Promise< ExternalProbe > {
	return request(
		{ path: '/external-probes', method: 'POST', data: { endpoint } },
		readExternalProbe,
		READ_TIMEOUT_MS
	);
}

/** GET /settings: the schedule and alert settings, and when the next check runs. */
export function fetchSettings(): Promise< Settings > {
	return request( { path: '/settings' }, readSettings, READ_TIMEOUT_MS );
}

/**
 * POST /settings: changes the given fields, keeps the others.
 *
 * @param change The fields to change.
 */
export function saveSettings( change: SettingsChange ): Promise< Settings > {
	return request(
		{ path: '/settings', method: 'POST', data: { ...change } },
		readSettings,
		READ_TIMEOUT_MS
	);
}

/** GET /traffic: Klarna's real calls per callback, and the orders left stuck. */
export function fetchTraffic(): Promise< Traffic > {
	return request( { path: '/traffic' }, readTraffic, READ_TIMEOUT_MS );
}
