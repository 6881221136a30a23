/**
 * A stand-in for the plugin's REST API behind a jest-mocked @wordpress/api-fetch: each test
 * lists the routes it serves; anything else answers like WordPress does for an unknown route.
 * Rejections are plain `{ code, message, data: { status } }` objects, as apiFetch's are.
 */
import apiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';

export type Handler = ( options: APIFetchOptions ) => unknown;

export interface RestError {
	code: string;
	message: string;
	data?: { status: number };
}

/**
 * A REST error as apiFetch rejects with it.
 *
 * @param code    The error code.
 * @param message The server's message.
 * @param status  HTTP status; none for errors apiFetch makes up itself (`fetch_error`).
 */
export function restError(
	code: string,
	message: string,
	status?: number
): RestError {
	return status === undefined
		? { code, message }
		: { code, message, data: { status } };
}

/**
 * Serves `METHOD /route` keys (route without the namespace), e.g. `GET /runs`.
 *
 * @param routes A handler per `METHOD /route`.
 */
export function serve( routes: Record< string, Handler > ): jest.Mock {
	const mock = jest.mocked( apiFetch ) as unknown as jest.Mock;
	mock.mockImplementation( async ( options: APIFetchOptions ) => {
		const route = ( options.path ?? '' ).replace(
			'/kco-callback-doctor/v1',
			''
		);
		const handler = routes[ `${ options.method ?? 'GET' } ${ route }` ];
		if ( ! handler ) {
			throw restError(
				'rest_no_route',
				'No route was found matching the URL and request method.',
				404
			);
		}
		return handler( options );
	} );
	return mock;
}

/**
 * The requests made so far, as `METHOD /route` keys.
 *
 * @param mock The mocked apiFetch.
 */
export function requestsMade( mock: jest.Mock ): string[] {
	return mock.mock.calls.map(
		( [ options ]: [ APIFetchOptions ] ) =>
			`${ options.method ?? 'GET' } ${ ( options.path ?? '' ).replace( '/kco-callback-doctor/v1', '' ) }`
	);
}

/** A promise the test settles when it wants to: a request in flight. */
export function inFlight< T >() {
	let resolve: ( value: T ) => void = () => undefined;
	const promise = new Promise< T >( ( settle ) => {
		resolve = settle;
	} );
	return { promise, resolve };
}

/**
 * Never answers; rejects with an AbortError like fetch when the request's signal aborts.
 *
 * @param options The options apiFetch was called with.
 */
export function hangUntilAborted( options: APIFetchOptions ): Promise< never > {
	return new Promise( ( _, reject ) => {
		options.signal?.addEventListener( 'abort', () =>
			reject(
				new DOMException( 'The operation was aborted.', 'AbortError' )
			)
		);
	} );
}
