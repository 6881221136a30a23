/**
 * A logged-in WordPress session for REST calls: cookie authentication plus the REST nonce, the
 * way the admin page itself calls the API.
 */
import { BASE_URL } from './stack';

export interface Credentials {
	user: string;
	password: string;
}

/** Users bin/wp-setup.php creates when the test doubles are on. */
export const USERS = {
	administrator: { user: 'admin', password: 'admin-password' },
	secondAdministrator: { user: 'admin2', password: 'admin2-password' },
	shopManager: { user: 'shopmanager', password: 'shopmanager-password' },
	subscriber: { user: 'subscriber', password: 'subscriber-password' },
} satisfies Record< string, Credentials >;

export interface Session {
	cookie: string;
	nonce: string;
	/** fetch() against the REST API with this session's cookie and nonce. */
	rest: ( route: string, init?: RequestInit ) => Promise< Response >;
}

function cookiesOf( response: Response ): string {
	return response.headers
		.getSetCookie()
		.map( ( cookie ) => cookie.split( ';' )[ 0 ] )
		.join( '; ' );
}

export function restUrl( route: string ): string {
	return `${ BASE_URL }/wp-json/${ route.replace( /^\//, '' ) }`;
}

/**
 * Logs in through wp-login.php and fetches a REST nonce for that user.
 * @param credentials
 */
export async function logIn( credentials: Credentials ): Promise< Session > {
	const form = new URLSearchParams( {
		log: credentials.user,
		pwd: credentials.password,
		'wp-submit': 'Log In',
		testcookie: '1',
	} );
	const response = await fetch( `${ BASE_URL }/wp-login.php`, {
		method: 'POST',
		body: form,
		redirect: 'manual',
		headers: { Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
	} );
	const cookie = cookiesOf( response );
	if ( ! cookie.includes( 'wordpress_logged_in_' ) ) {
		throw new Error(
			`Logging in as ${ credentials.user } failed (${ response.status })`
		);
	}
	const nonceResponse = await fetch(
		`${ BASE_URL }/wp-admin/admin-ajax.php?action=rest-nonce`,
		{
			headers: { Cookie: cookie },
		}
	);
	const nonce = ( await nonceResponse.text() ).trim();
	return {
		cookie,
		nonce,
		rest: ( route, init = {} ) =>
			fetch( restUrl( route ), {
				...init,
				headers: {
					...( init.headers as Record< string, string > | undefined ),
					Cookie: cookie,
					'X-WP-Nonce': nonce,
				},
			} ),
	};
}
