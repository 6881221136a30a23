/**
 * Every request of the integration tests on a connection of its own (jest setupFiles).
 *
 * fetch() pools keep-alive connections, and the tests run PHP through execFileSync() between
 * requests (wpEval), which blocks Node's event loop. On a busy machine that lasts longer than
 * Apache's keep-alive timeout, and the next request went out on a pooled connection the server
 * had closed meanwhile: "fetch failed", "other side closed", in tests with nothing wrong.
 * `Connection: close` keeps any connection from being pooled, as the benchmark does.
 */
const pooledFetch = globalThis.fetch;

globalThis.fetch = ( input, init = {} ) => {
	const headers = new Headers(
		init.headers ?? ( input instanceof Request ? input.headers : undefined )
	);
	headers.set( 'Connection', 'close' );
	return pooledFetch( input, { ...init, headers } );
};
