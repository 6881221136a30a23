/**
 * POST /external-probes (docs/probe-protocol.md §9): the owner gets each endpoint's Klarna-shaped request as
 * a ready curl command. Run from a shell it first sends the path's signed canary, and the Klarna-shaped
 * request only when the canary's echo came back (docs/probe-protocol.md §12); that request is answered
 * by the responder with the signed echo and never reaches KCO. Run again, after its 15 minutes, or
 * where the probe header is stripped, it sends nothing Klarna-shaped at all.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import type { EndpointId, Echo, ExternalProbe } from '../../src/api/types';
import { probeHeaderStripped } from '../e2e/support/faults';
import { muPlugin, withScenario } from '../e2e/support/scenarios';
import { logIn, restUrl, USERS, type Session } from './support/session';
import { BASE_URL, debugLog, recorder, wpEval } from './support/stack';
import { waitUntilPast } from './support/wait';

const ROUTE = 'kco-callback-doctor/v1/external-probes';
const ENDPOINTS: EndpointId[] = [
	'push',
	'notification',
	'validation',
	'shipping-option-update',
	'block-validate',
	'block-validation',
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const TOKEN = /^2\.([0-9a-f]{32})\.([a-z-]+)\.([0-9]{10})\.[0-9a-f]{64}$/;
const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

/** The KCO handler an unsigned request to each endpoint reaches (tests/doubles/kco-recorder.php). */
const HANDLERS: Record< EndpointId, string > = {
	push: 'kco_wc_push',
	notification: 'kco_wc_notification',
	validation: 'kco_wc_validation',
	'shipping-option-update': 'kco_wc_shipping_option_update',
	'block-validate': 'kco_block_validate',
	'block-validation': 'kco_block_validation',
};

const execFileAsync = promisify( execFile );

let admin: Session;
let shopManager: Session;
let subscriber: Session;

beforeAll( async () => {
	admin = await logIn( USERS.administrator );
	shopManager = await logIn( USERS.shopManager );
	subscriber = await logIn( USERS.subscriber );
} );

beforeEach( () => {
	recorder.clear();
	debugLog.clear();
} );

afterEach( () => {
	expect( debugLog.phpProblems() ).toEqual( [] );
} );

function postJson( session: Session, body: string ): Promise< Response > {
	return session.rest( ROUTE, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body,
	} );
}

async function mint(
	endpoint: EndpointId,
	session: Session = admin
): Promise< ExternalProbe > {
	const response = await postJson( session, JSON.stringify( { endpoint } ) );
	expect( response.status ).toBe( 200 );
	return ( await response.json() ) as ExternalProbe;
}

interface ShellResponse {
	/** The command's exit status. */
	exitCode: number;
	/** What the command printed to stderr (the note when the canary did not come back). */
	stderr: string;
	status: number;
	headers: Record< string, string >;
	body: string;
}

/**
 * Runs the command as the owner would paste it, and splits curl's `-i` output.
 * @param command
 * @param shell
 */
async function runInShell(
	command: string,
	shell: 'bash' | 'sh' = 'bash'
): Promise< ShellResponse > {
	let stdout: string;
	let stderr: string;
	let exitCode = 0;
	try {
		( { stdout, stderr } = await execFileAsync( shell, [ '-c', command ], {
			encoding: 'utf8',
			timeout: 20000,
			maxBuffer: 4 * 1024 * 1024,
		} ) );
	} catch ( error ) {
		const failed = error as {
			code?: unknown;
			stdout?: string;
			stderr?: string;
		};
		if ( typeof failed.code !== 'number' ) {
			throw error;
		}
		exitCode = failed.code;
		stdout = failed.stdout ?? '';
		stderr = failed.stderr ?? '';
	}
	const split = stdout.indexOf( '\r\n\r\n' );
	const head = stdout.slice( 0, split ).split( '\r\n' );
	const status = Number(
		/^HTTP\/[0-9.]+ (\d{3})/.exec( head[ 0 ] ?? '' )?.[ 1 ]
	);
	const headers: Record< string, string > = {};
	for ( const line of head.slice( 1 ) ) {
		const colon = line.indexOf( ':' );
		headers[ line.slice( 0, colon ).toLowerCase() ] = line
			.slice( colon + 1 )
			.trim();
	}
	return {
		exitCode,
		stderr,
		status,
		headers,
		body: split < 0 ? stdout : stdout.slice( split + 4 ),
	};
}

/**
 * The command split at its `&&`: the canary part and the Klarna-shaped request.
 * @param curl The command.
 */
function partsOf( curl: string ): { canary: string; klarna: string } {
	const at = curl.indexOf( ' && curl ' );
	return {
		canary: curl.slice( 0, at ),
		klarna: curl.slice( at + ' && '.length ),
	};
}

/** What the command prints when the canary did not come back. */
const NOT_SENT = /the Klarna-shaped request was not sent/;

function echoOf( body: string ): Echo | null {
	try {
		const parsed = JSON.parse( body ) as {
			echo?: Echo;
			signature?: string;
		};
		return parsed.echo && typeof parsed.signature === 'string'
			? parsed.echo
			: null;
	} catch {
		return null;
	}
}

const sha256 = ( text: string ) =>
	createHash( 'sha256' ).update( text, 'utf8' ).digest( 'hex' );

/**
 * Ids, session keys, timestamps and the checkout block's per-cart values in merchant_data (hashes,
 * cart token, nonce, order key) are fresh for every probe; everything else must match.
 * @param text
 */
const normalised = ( text: string ) =>
	text
		.replace( new RegExp( UUID.source, 'g' ), '{uuid}' )
		.replace( /t_[0-9a-f]{30}/g, '{sid}' )
		.replace( /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '{time}' )
		.replace( /eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '{jwt}' )
		.replace( /wc_order_[A-Za-z0-9]+/g, '{order-key}' )
		.replace( /\b[0-9a-f]{10,64}\b/g, '{hex}' );

describe( 'who may mint a command', () => {
	const body = JSON.stringify( { endpoint: 'push' } );

	it.each( [
		[ 'anonymous', 401 ],
		[ 'cookie without nonce', 401 ],
		[ 'subscriber', 403 ],
		[ 'shop manager', 200 ],
		[ 'administrator', 200 ],
	] as const )( 'answers %s with %i', async ( caller, status ) => {
		let response: Response;
		if ( caller === 'anonymous' || caller === 'cookie without nonce' ) {
			response = await fetch( restUrl( ROUTE ), {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					// A logged-in cookie alone is not enough (CSRF guard): WordPress treats it as logged out.
					...( caller === 'anonymous'
						? {}
						: { Cookie: admin.cookie } ),
				},
				body,
			} );
		} else {
			const session = {
				subscriber,
				'shop manager': shopManager,
				administrator: admin,
			}[ caller ];
			response = await postJson( session, body );
		}
		const json = ( await response.json() ) as {
			code?: string;
			curl?: string;
		};

		expect( response.status ).toBe( status );
		if ( status === 200 ) {
			expect( json.curl ).toMatch( /^\{ curl / );
		} else {
			expect( json.code ).toBe( 'rest_forbidden' );
			expect( json.curl ).toBeUndefined();
		}
	} );
} );

describe( 'bad input', () => {
	interface RestError {
		code: string;
		message: string;
		data: { status: number; params?: unknown };
	}

	it( 'refuses a missing endpoint with 400 naming it', async () => {
		const response = await postJson( admin, '{}' );
		const error = ( await response.json() ) as RestError;

		expect( response.status ).toBe( 400 );
		expect( error.code ).toBe( 'rest_missing_callback_param' );
		expect( error.message ).toContain( 'endpoint' );
		expect( error.data.params ).toEqual( [ 'endpoint' ] );
	} );

	it.each( [
		[
			'an unknown endpoint id',
			'refund',
			/not one of push, notification, validation, shipping-option-update, block-validate, and block-validation/,
		],
		[ 'an empty string', '', /not one of push/ ],
		[ 'an array of ids', [ 'push' ], /not of type string/ ],
		[ 'a number', 5, /not of type string/ ],
	] )(
		'refuses %s with 400 naming the parameter',
		async ( _name, endpoint, detail ) => {
			const response = await postJson(
				admin,
				JSON.stringify( { endpoint } )
			);
			const error = ( await response.json() ) as RestError;

			expect( response.status ).toBe( 400 );
			expect( error.code ).toBe( 'rest_invalid_param' );
			expect( error.message ).toContain( 'endpoint' );
			expect(
				( error.data.params as Record< string, string > ).endpoint
			).toMatch( detail );
		}
	);

	it( 'refuses a body that is not JSON, and an oversized one, with 400', async () => {
		const broken = await postJson( admin, '{"endpoint": ' );
		const huge = await postJson(
			admin,
			JSON.stringify( { endpoint: 'push', note: 'x'.repeat( 65536 ) } )
		);

		expect( broken.status ).toBe( 400 );
		expect( ( ( await broken.json() ) as RestError ).code ).toBe(
			'rest_invalid_json'
		);
		expect( huge.status ).toBe( 400 );
		expect( ( ( await huge.json() ) as RestError ).code ).toBe(
			'kco_callback_doctor_body_too_large'
		);
	} );
} );

describe( 'the minted probe', () => {
	it.each( ENDPOINTS )(
		'for %s is the Runner’s Klarna-shaped request with a fresh 15-minute token',
		async ( endpoint ) => {
			const before = Date.now();
			const probe = await mint( endpoint );
			const runner = JSON.parse(
				wpEval( `$p = KcoCallbackDoctor\\Probe\\Catalogue::klarna_probes( '${ endpoint }' )[0];
echo wp_json_encode( array( 'variant' => $p->variant, 'url' => $p->url, 'headers' => array_filter( $p->headers ), 'userAgent' => $p->user_agent, 'body' => $p->body ) );` )
			) as {
				variant: string;
				url: string;
				headers: Record< string, string >;
				userAgent: string;
				body: string;
			};

			expect( Object.keys( probe ).sort() ).toEqual( [
				'body',
				'curl',
				'endpoint',
				'expiresAt',
				'headers',
				'method',
				'url',
			] );
			expect( probe.endpoint ).toBe( endpoint );
			expect( probe.method ).toBe( 'POST' );
			expect( runner.variant ).toBe( 'klarna' );
			// Same path, query and body as the Runner's probe; only the fresh ids differ.
			expect( normalised( probe.url ) ).toBe( normalised( runner.url ) );
			expect( normalised( probe.body ) ).toBe(
				normalised( runner.body )
			);
			expect( probe.url.startsWith( `${ BASE_URL }/` ) ).toBe( true );
			if ( endpoint !== 'shipping-option-update' ) {
				expect( probe.url ).toMatch( UUID );
			}
			if ( endpoint === 'validation' ) {
				expect(
					new URL( probe.url ).searchParams.get( 'kco_session_id' )
				).toMatch( /^t_[0-9a-f]{30}$/ );
			}

			const { 'X-KCO-Doctor-Probe': token, ...headers } = probe.headers;
			expect( headers ).toEqual( {
				'User-Agent': runner.userAgent,
				...runner.headers,
			} );
			expect( headers[ 'User-Agent' ] ).toBe( 'APIs-Klarna' );
			const parts = TOKEN.exec( token ?? '' );
			expect( parts?.[ 2 ] ).toBe( endpoint );

			// The token's own expiry is the one reported, and at most 15 minutes away.
			const expiresAt = Date.parse( probe.expiresAt );
			expect( probe.expiresAt ).toMatch(
				/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
			);
			expect( Number( parts?.[ 3 ] ) * 1000 ).toBe( expiresAt );
			expect( expiresAt ).toBeLessThanOrEqual(
				Date.now() + FIFTEEN_MINUTES_MS
			);
			expect( expiresAt ).toBeGreaterThan(
				before + FIFTEEN_MINUTES_MS - 60000
			);

			// The path's signed canary goes first; the Klarna-shaped request only after its echo.
			const { canary, klarna } = partsOf( probe.curl );
			const canaryPath =
				endpoint === 'block-validate'
					? '/kco-callback-doctor/v1/canary'
					: '/wc-api/kco-callback-doctor-canary/';
			expect( canary ).toMatch(
				new RegExp(
					`^\\{ curl -sS -X POST '[^']*${ canaryPath.replace(
						/[/-]/g,
						'\\$&'
					) }' `
				)
			);
			expect( canary ).toMatch(
				/-H 'X-KCO-Doctor-Probe: 2\.[0-9a-f]{32}\.[a-z-]+-canary\.[0-9]{10}\.[0-9a-f]{64}'/
			);
			expect( canary ).toMatch( /grep -F '"probeId":"[0-9a-f]{32}"'/ );
			expect( canary ).not.toContain( token ?? 'no token' );
			// Klarna sends no Referer and no cookies; neither does the Klarna-shaped request.
			expect( klarna ).toMatch(
				/^curl -sS -i -X POST '[^']+' -H 'User-Agent: APIs-Klarna' /
			);
			// (The block body's merchant_data names a `wp_logged_in_cookie` field: only headers count.)
			expect( klarna ).not.toMatch(
				/-H '(referer|cookie)| -[be] | -L /i
			);
			expect( klarna ).toContain( `-H 'X-KCO-Doctor-Probe: ${ token }'` );
		}
	);

	it( 'is a new order id and a new token every time', async () => {
		const first = await mint( 'validation' );
		const second = await mint( 'validation' );

		expect( second.url ).not.toBe( first.url );
		expect( second.headers[ 'X-KCO-Doctor-Probe' ] ).not.toBe(
			first.headers[ 'X-KCO-Doctor-Probe' ]
		);
	} );
} );

describe( 'the command run from a shell', () => {
	it.each( ENDPOINTS )(
		'for %s gets the signed echo once, and KCO never runs; run again it sends nothing Klarna-shaped',
		async ( endpoint ) => {
			const probe = await mint( endpoint, shopManager );
			const tokenId = TOKEN.exec(
				probe.headers[ 'X-KCO-Doctor-Probe' ] ?? ''
			)?.[ 1 ];

			const first = await runInShell( probe.curl );

			expect( first.status ).toBe( 200 );
			expect( first.headers[ 'content-type' ] ).toContain(
				'application/json'
			);
			expect( echoOf( first.body ) ).toMatchObject( {
				protocol: 1,
				probeId: tokenId,
				endpoint,
				method: 'POST',
				// The body arrived byte for byte: no newline added, no character mangled.
				bodyBytes: Buffer.byteLength( probe.body ),
				bodySha256: sha256( probe.body ),
				queryKeys: [ ...new URL( probe.url ).searchParams.keys() ],
				handlerRegistered: true,
			} );
			expect( recorder.calls() ).toEqual( [] );

			// The canary's token is used up, so its echo does not come back and the command stops.
			const second = await runInShell( probe.curl );

			expect( second.exitCode ).not.toBe( 0 );
			expect( second.stderr ).toMatch( NOT_SENT );
			expect( second.body ).toBe( '' );
			expect( recorder.calls() ).toEqual( [] );

			// What the canary holds back: the Klarna-shaped part alone, its token used up, is an
			// ordinary unsigned request that KCO handles.
			const alone = await runInShell( partsOf( probe.curl ).klarna );

			expect( echoOf( alone.body ) ).toBeNull();
			expect( recorder.calls() ).toEqual( [
				expect.objectContaining( {
					handler: HANDLERS[ endpoint ],
					method: 'POST',
					userAgent: 'APIs-Klarna',
					probeHeader: true,
				} ),
			] );
		}
	);

	it( 'sends nothing Klarna-shaped where the path strips the probe header, and says why', async () => {
		await withScenario( probeHeaderStripped, async () => {
			const probe = await mint( 'push' );

			const response = await runInShell( probe.curl );

			expect( response.exitCode ).not.toBe( 0 );
			expect( response.stderr ).toMatch( NOT_SENT );
			expect( response.body ).toBe( '' );
			// Without the chain the push would have reached KCO as a real callback.
			expect( recorder.calls() ).toEqual( [] );
		} );
	} );

	it( 'works the same in a plain POSIX shell (dash)', async () => {
		const probe = await mint( 'validation' );
		const response = await runInShell( probe.curl, 'sh' );

		expect( echoOf( response.body ) ).toMatchObject( {
			endpoint: 'validation',
			bodySha256: sha256( probe.body ),
		} );
		expect( recorder.calls() ).toEqual( [] );
	} );

	it( 'quotes any text so the shell passes it on literally', () => {
		const nasty = [
			'',
			"'",
			"it's",
			"''''",
			'$(touch /tmp/kco-doctor-pwned)',
			'`id` $HOME ${PATH} \\n \\',
			'"double" !! !$ * ? [a] ~ # ; & | < >',
			'line one\nline two\r\n\ttab',
			'Åsa Öberg, Storgatan 1 – «ﬁ» 😀',
		];
		const encoded = Buffer.from( JSON.stringify( nasty ) ).toString(
			'base64'
		);
		const quoted = JSON.parse(
			wpEval(
				`echo wp_json_encode( array_map( array( KcoCallbackDoctor\\Rest\\ExternalProbesController::class, 'shell_quote' ), json_decode( base64_decode( '${ encoded }' ), true ) ) );`
			)
		) as string[];

		for ( const shell of [ 'bash', 'sh' ] ) {
			const printed = quoted.map( ( word ) =>
				execFileSync( shell, [ '-c', `printf '%s' ${ word }` ], {
					encoding: 'utf8',
				} )
			);
			expect( printed ).toEqual( nasty );
		}
	} );
} );

describe( 'an expired command', () => {
	it( 'stops at its canary, so nothing Klarna-shaped goes on to KCO', async () => {
		await withScenario(
			muPlugin(
				'external-probe-ttl-1',
				`add_filter( 'kco_callback_doctor_external_probe_ttl', static function () { return 1; } );`
			),
			async () => {
				const probe = await mint( 'push' );
				expect( Date.parse( probe.expiresAt ) ).toBeLessThanOrEqual(
					Date.now() + 2000
				);
				await waitUntilPast( Date.parse( probe.expiresAt ) + 1000 );

				const response = await runInShell( probe.curl );

				expect( response.stderr ).toMatch( NOT_SENT );
				expect( response.body ).toBe( '' );
				expect( recorder.calls() ).toEqual( [] );
			}
		);
	} );

	it( 'cannot be given more than 15 minutes, even by a filter', async () => {
		await withScenario(
			muPlugin(
				'external-probe-ttl-day',
				`add_filter( 'kco_callback_doctor_external_probe_ttl', static function () { return DAY_IN_SECONDS; } );`
			),
			async () => {
				const probe = await mint( 'notification' );
				expect( Date.parse( probe.expiresAt ) ).toBeLessThanOrEqual(
					Date.now() + FIFTEEN_MINUTES_MS
				);
			}
		);
	} );
} );
