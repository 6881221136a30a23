/**
 * The causes from the vendor's troubleshooting page (shared/reference), each as a scenario that
 * makes the real stack fail the way real shops fail. Used by the proof suite (tests/e2e/proof-*).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
	PROJECT_DIR,
	STACK_DIR,
	wpEval,
} from '../../integration/support/stack';
import {
	apacheSnippet,
	combined,
	docroot,
	docrootFile,
	muPlugin,
	options,
	type Scenario,
} from './scenarios';

/** PHP condition: the request is for one of Klarna's callback paths. */
const IS_CALLBACK_PATH = `( false !== strpos( $_SERVER['REQUEST_URI'] ?? '', '/wc-api/' ) || false !== strpos( $_SERVER['REQUEST_URI'] ?? '', 'kco-block/' ) )`;

const MODSECURITY_MODULES = `LoadModule unique_id_module /usr/lib/apache2/modules/mod_unique_id.so
LoadModule security2_module /usr/lib/apache2/modules/mod_security2.so
SecRuleEngine On
SecRequestBodyAccess Off
SecAuditEngine Off
SecTmpDir /tmp
SecDataDir /tmp
`;

/**
 * A rule written to the description of Comodo WAF rule 211180 and OWASP CRS 2.x rule 950000
 * ("Session Fixation: SessionID Parameter Name with No Referer"): a query argument whose name
 * contains session_id, on a request without a Referer, is denied with 403. Stock CRS 3.3 does
 * not do this (its rule 943120 is anchored to `session_id`; see shared/TOOLCHAIN.md).
 */
export const modSecuritySessionRule = apacheSnippet(
	'modsecurity-session-fixation',
	`${ MODSECURITY_MODULES }
SecRule ARGS_GET_NAMES "@rx session_id" "id:1211180,phase:1,deny,status:403,log,msg:'Session Fixation: SessionID Parameter Name with No Referer',chain"
	SecRule &REQUEST_HEADERS:Referer "@eq 0" "t:none"
`
);

/** A host rule that rejects Klarna's User-Agent with 406, as shared-hosting bot rules do. */
export const modSecurityUserAgentRule = apacheSnippet(
	'modsecurity-user-agent',
	`${ MODSECURITY_MODULES }
SecRule REQUEST_HEADERS:User-Agent "@contains APIs-Klarna" "id:1211181,phase:1,deny,status:406,log,msg:'Unknown automated client'"
`
);

/**
 * Plain permalinks: WordPress stops routing /wc-api/NAME/ and, on Apache, empties its block of
 * rewrite rules in .htaccess, so the web server itself answers 404.
 */
export const plainPermalinks = combined( 'plain-permalinks', [
	options( 'plain-permalinks-option', { permalink_structure: '' } ),
	apacheSnippet(
		'plain-permalinks-rewrite',
		'Define KCO_PLAIN_PERMALINKS\n'
	),
] );

/**
 * A multilingual plugin that sends language-less URLs to the default language, as WPML or
 * Polylang do when the language is in the directory: /wc-api/X/ → 301 /en/wc-api/X/. Like
 * TranslatePress or Weglot it serves /en/… itself by taking the slug off before WordPress routes.
 */
export const languageRedirect = muPlugin(
	'language-redirect',
	`$kco_scenario_uri = $_SERVER['REQUEST_URI'] ?? '';
if ( 0 === strpos( $kco_scenario_uri, '/en/' ) ) {
	// The language's own URLs: the slug is taken off the path before WordPress routes it.
	$_SERVER['REQUEST_URI'] = substr( $kco_scenario_uri, 3 );
} elseif ( 0 === strpos( $kco_scenario_uri, '/wc-api/' ) ) {
	add_action( 'init', static function () use ( $kco_scenario_uri ) {
		wp_redirect( home_url( '/en' . $kco_scenario_uri ), 301 );
		exit;
	}, 1 );
}`
);

/** A web-server rule that sends callback URLs to https, turning Klarna's POST into a GET. */
export const httpsRedirect = apacheSnippet(
	'https-redirect',
	`RewriteEngine On
RewriteCond %{REQUEST_URI} ^/wc-api/
RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]
`
);

/** Staging protection: HTTP Basic auth in front of the whole site. */
export const BASIC_AUTH = { username: 'staging', password: 'staging-password' };
export const basicAuth: Scenario = ( () => {
	const htpasswd = join( STACK_DIR, 'apache', 'htpasswd' );
	const snippet = apacheSnippet(
		'basic-auth',
		`LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so
LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so
LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so
<Location "/">
	AuthType Basic
	AuthName "Staging site"
	AuthUserFile ${ htpasswd }
	Require valid-user
</Location>
`
	);
	return {
		name: 'basic-auth',
		apply: () => {
			execFileSync( 'htpasswd', [
				'-cbB',
				htpasswd,
				BASIC_AUTH.username,
				BASIC_AUTH.password,
			] );
			snippet.apply();
		},
		revert: () => {
			snippet.revert();
			rmSync( htpasswd, { force: true } );
		},
	};
} )();

/**
 * WordPress's maintenance mode. Core's `.maintenance` file is PHP; this one puts visitors (no
 * login cookie) into maintenance, as maintenance plugins do, so the owner can still run the doctor.
 */
export const maintenanceMode = docrootFile(
	'maintenance',
	'.maintenance',
	`<?php
if ( ! preg_grep( '/^wordpress_logged_in_/', array_keys( $_COOKIE ) ) ) {
	$upgrading = time();
}
`
);

/**
 * A site slower than Klarna's 3 s validation deadline, before WooCommerce dispatch.
 * @param delayMs
 */
export function slowCallbacks( delayMs: number ): Scenario {
	return muPlugin(
		`slow-callbacks-${ delayMs }`,
		`if ( ${ IS_CALLBACK_PATH } ) {
	usleep( ${ delayMs * 1000 } );
}`
	);
}

/**
 * A block page answering Klarna-shaped callback requests (any status, any body).
 * @param name
 * @param status
 * @param bodyPhp
 * @param headers
 */
function blockPage(
	name: string,
	status: number,
	bodyPhp: string,
	headers: string[] = []
): Scenario {
	const headerLines = headers
		.map( ( header ) => `\theader( ${ JSON.stringify( header ) } );` )
		.join( '\n' );
	return muPlugin(
		name,
		`if ( ${ IS_CALLBACK_PATH } && 'APIs-Klarna' === ( $_SERVER['HTTP_USER_AGENT'] ?? '' ) ) {
	status_header( ${ status } );
	header( 'Content-Type: text/html; charset=UTF-8' );
${ headerLines }
	echo ${ bodyPhp };
	exit;
}`
	);
}

/** A block page carrying a script and markup: the doctor must show it as text, never run it. */
export const scriptBlockPage = blockPage(
	'script-block-page',
	403,
	`'<html><head><title>Request blocked</title></head><body><h1>Request blocked</h1><p>Your request was blocked.</p><script>window.kcoInjectedScriptRan = true;</script><img src="x" onerror="window.kcoInjectedScriptRan = true"></body></html>'`
);

/** A 10 MB block page: the run must finish with the evidence truncated. */
export const hugeBlockPage = blockPage(
	'huge-block-page',
	403,
	`'<html><body><h1>Access denied</h1>' . str_repeat( 'blocked ', 1310720 ) . '</body></html>'`
);

/** The home URL is a host the server cannot resolve. */
export const UNRESOLVABLE_HOST = 'kco-doctor-unresolvable.invalid';
export const unresolvableHome = options( 'unresolvable-home', {
	home: `http://${ UNRESOLVABLE_HOST }:8888`,
} );

/** The home URL points at an address where nothing listens. */
export const refusedHome = options( 'refused-home', {
	home: 'http://127.0.0.2:8888',
} );

/**
 * A stand-in for Wordfence (tests/doubles/standins/wordfence), installed as the plugin
 * `wordfence/wordfence.php` so the doctor sees it as the real one. Like the real plugin it never
 * blocks loopback or private client addresses; it blocks public ones, which is what Klarna's
 * servers are. `howGetIPs` is the real setting that says where Wordfence reads the client address.
 * @param howGetIPs
 */
export function wordfenceStandIn(
	howGetIPs: '' | 'HTTP_X_FORWARDED_FOR'
): Scenario {
	const link = () => join( docroot(), 'wp-content', 'plugins', 'wordfence' );
	return {
		name: `wordfence-${ howGetIPs || 'remote-addr' }`,
		apply: () => {
			mkdirSync( join( docroot(), 'wp-content', 'plugins' ), {
				recursive: true,
			} );
			if ( ! existsSync( link() ) ) {
				symlinkSync(
					join(
						PROJECT_DIR,
						'tests',
						'doubles',
						'standins',
						'wordfence'
					),
					link()
				);
			}
			wpEval(
				`update_option( 'kco_standin_wordfence_howGetIPs', ${ JSON.stringify( howGetIPs ) } ); require_once ABSPATH . 'wp-admin/includes/plugin.php'; activate_plugin( 'wordfence/wordfence.php' );`
			);
		},
		revert: () => {
			wpEval(
				`require_once ABSPATH . 'wp-admin/includes/plugin.php'; deactivate_plugins( 'wordfence/wordfence.php' ); delete_option( 'kco_standin_wordfence_howGetIPs' );`
			);
			rmSync( link(), { force: true } );
		},
	};
}

export { combined };

/**
 * The whole site on HTTPS with a self-signed certificate (mod_ssl on its own port): Klarna
 * verifies certificates, so every callback fails the TLS handshake.
 */
export const HTTPS_URL = 'https://127.0.0.1:8443';
export const selfSignedHttps: Scenario = ( () => {
	const tlsDir = join( STACK_DIR, 'tls' );
	const snippet = apacheSnippet(
		'self-signed-https',
		`LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so
LoadModule socache_shmcb_module /usr/lib/apache2/modules/mod_socache_shmcb.so
Listen 127.0.0.1:8443
SSLSessionCache shmcb:${ STACK_DIR }/apache/ssl_scache(512000)
<VirtualHost 127.0.0.1:8443>
	SSLEngine on
	SSLCertificateFile ${ tlsDir }/self-signed.crt
	SSLCertificateKeyFile ${ tlsDir }/self-signed.key
</VirtualHost>
`
	);
	const urls = options( 'https-urls', {
		home: HTTPS_URL,
		siteurl: HTTPS_URL,
	} );
	return {
		name: 'self-signed-https',
		apply: () => {
			mkdirSync( tlsDir, { recursive: true } );
			if ( ! existsSync( join( tlsDir, 'self-signed.crt' ) ) ) {
				execFileSync(
					'openssl',
					[
						'req',
						'-x509',
						'-newkey',
						'rsa:2048',
						'-nodes',
						'-days',
						'30',
						'-subj',
						'/CN=127.0.0.1',
						'-addext',
						'subjectAltName=IP:127.0.0.1',
						'-keyout',
						join( tlsDir, 'self-signed.key' ),
						'-out',
						join( tlsDir, 'self-signed.crt' ),
					],
					{ stdio: 'ignore' }
				);
			}
			snippet.apply();
			urls.apply();
		},
		revert: () => {
			urls.revert();
			snippet.revert();
		},
	};
} )();

/**
 * A site that hangs on callbacks longer than the doctor waits: the probe timeout is shortened
 * (the plugin's own filter) so the test stays quick, and callbacks take twice as long.
 */
export const PROBE_TIMEOUT_SECONDS = 2;
export const hangingCallbacks = muPlugin(
	'hanging-callbacks',
	`add_filter( 'kco_callback_doctor_probe_timeout', static function () { return ${ PROBE_TIMEOUT_SECONDS }; } );
if ( ${ IS_CALLBACK_PATH } ) {
	sleep( ${ PROBE_TIMEOUT_SECONDS * 2 } );
}`
);
