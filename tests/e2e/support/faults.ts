/**
 * The causes from the vendor's troubleshooting page (shared/reference), each as a scenario that
 * makes the real stack fail the way real shops fail. Used by the proof suite (tests/e2e/proof-*).
 */
import { execFileSync } from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	realpathSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
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

/** The stack's own port; every address a scenario names is derived from it. */
export const STACK_PORT = Number( process.env.KCO_STACK_PORT ?? '8888' );
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
 * A web server (or a proxy in front of it) that strips the doctor's probe header before
 * WordPress sees it: every probe would arrive as a real callback (docs/probe-protocol.md §12).
 */
export const probeHeaderStripped = apacheSnippet(
	'strip-probe-header',
	'RequestHeader unset X-KCO-Doctor-Probe early\n'
);

/**
 * ModSecurity with a request-body inspection as hosts configure it: Debian's
 * modsecurity.conf-recommended parses JSON bodies (rule 200001) and refuses bodies it cannot
 * parse (200002), so rule sets see Klarna's order JSON field by field.
 */
const MODSECURITY_WITH_BODIES = `LoadModule unique_id_module /usr/lib/apache2/modules/mod_unique_id.so
LoadModule security2_module /usr/lib/apache2/modules/mod_security2.so
SecRuleEngine On
SecRequestBodyAccess On
SecRule REQUEST_HEADERS:Content-Type "^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQBODY_ERROR "!@eq 0" "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.'"
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecAuditEngine Off
SecTmpDir /tmp
SecDataDir /tmp
`;

/**
 * Debian's OWASP CRS 3.3 (package modsecurity-crs) in its stock anomaly-scoring mode at a
 * paranoia level. Two rules are removed because they fire only on this test stack's numeric
 * address, which no shop's callback URLs have: 920350 (Host header is an IP address) and 931100
 * (a URL parameter with an IP address: the stack's merchant_urls are http://127.0.0.1:…).
 * @param paranoia CRS paranoia level (1–4).
 */
export function owaspCrs3( paranoia: number ): Scenario {
	return apacheSnippet(
		`owasp-crs3-pl${ paranoia }`,
		`${ MODSECURITY_WITH_BODIES }Include /etc/modsecurity/crs/crs-setup.conf
SecAction "id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=${ paranoia }"
Include /usr/share/modsecurity-crs/rules/*.conf
SecRuleRemoveById 920350 931100
`
	);
}

/**
 * The doctor's own time limits raised (its filters), for scenarios where a rule set inspects
 * every request: on a busy test machine the default 10 s probe timeout could cut an answer short
 * and turn a firewall's verdict into a timeout.
 */
export const patientDoctor = muPlugin(
	'patient-doctor',
	`add_filter( 'kco_callback_doctor_probe_timeout', static function () { return 40; } );
add_filter( 'kco_callback_doctor_run_deadline', static function () { return 115; } );`
);

/** The shared vendor folder beside the clone (shared/vendor/README.md). */
const VENDOR_DIR =
	process.env.KCO_VENDOR_DIR ?? join( PROJECT_DIR, '..', 'shared', 'vendor' );

/**
 * OWASP CRS 2.2.9 in its traditional ("self-contained") mode, as older cPanel hosts still run it:
 * SecDefaultAction deny, so the first matching rule blocks. The rules come from the vendored
 * release archive, unpacked into .wp-stack/ at apply time and never committed. Only the SQL
 * injection rules are loaded: their 981173 is what counts the hyphens of Klarna's order id;
 * the protocol rules would refuse this stack's numeric Host header (960017) first. JSON bodies
 * are not parsed into arguments, as on ModSecurity without the recommended configuration.
 */
export const owaspCrs229: Scenario = ( () => {
	const archive = join( VENDOR_DIR, 'owasp-crs-2.2.9.tar.gz' );
	const rules = join(
		STACK_DIR,
		'owasp-crs-2.2.9',
		'owasp-modsecurity-crs-2.2.9'
	);
	const snippet = apacheSnippet(
		'owasp-crs-2.2.9',
		`${ MODSECURITY_WITH_BODIES.replace(
			/^SecRule REQ.*\n/gm,
			''
		) }Include ${ rules }/modsecurity_crs_10_setup.conf.example
Include ${ rules }/base_rules/modsecurity_crs_41_sql_injection_attacks.conf
`
	);
	return {
		name: 'owasp-crs-2.2.9',
		apply: () => {
			if ( ! existsSync( rules ) ) {
				if ( ! existsSync( archive ) ) {
					throw new Error(
						`The OWASP CRS 2.2.9 archive is not at ${ archive } (set KCO_VENDOR_DIR)`
					);
				}
				mkdirSync( join( STACK_DIR, 'owasp-crs-2.2.9' ), {
					recursive: true,
				} );
				execFileSync( 'tar', [
					'-xzf',
					archive,
					'-C',
					join( STACK_DIR, 'owasp-crs-2.2.9' ),
				] );
			}
			snippet.apply();
		},
		revert: () => snippet.revert(),
	};
} )();

/**
 * Plain permalinks: WordPress stops routing /wc-api/NAME/ and, on Apache, empties its block of
 * rewrite rules in .htaccess, so the web server itself answers 404.
 */
export const plainPermalinks = combined( 'plain-permalinks', [
	options( 'plain-permalinks-option', { permalink_structure: '' } ),
	// Its mere presence empties the stack's rewrite block (bin/stack-env.sh, <IfFile>).
	apacheSnippet(
		'plain-permalinks-rewrite',
		'# WordPress emptied its rewrite rules: plain permalinks.\n'
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
			// htpasswd reports "Adding password for user …" on stderr: piped, so the test log stays clean.
			execFileSync(
				'htpasswd',
				[ '-cbB', htpasswd, BASIC_AUTH.username, BASIC_AUTH.password ],
				{ stdio: 'pipe' }
			);
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
	home: `http://${ UNRESOLVABLE_HOST }:${ STACK_PORT }`,
} );

/** The home URL points at an address where nothing listens. */
export const refusedHome = options( 'refused-home', {
	home: `http://127.0.0.2:${ STACK_PORT }`,
} );

/**
 * A stand-in for Wordfence (tests/doubles/standins/wordfence), installed as the plugin
 * `wordfence/wordfence.php` so the doctor sees it as the real one. Like the real plugin it never
 * blocks loopback or private client addresses; it blocks public ones, which is what Klarna's
 * servers are. `howGetIPs` is the real setting that says where Wordfence reads the client address:
 * empty is Wordfence's default (the first public address among REMOTE_ADDR, X-Forwarded-For and
 * X-Real-IP), `REMOTE_ADDR` the connection only, a $_SERVER key that header first.
 * @param howGetIPs
 */
export function wordfenceStandIn(
	howGetIPs: '' | 'REMOTE_ADDR' | 'HTTP_X_FORWARDED_FOR'
): Scenario {
	const link = () => join( docroot(), 'wp-content', 'plugins', 'wordfence' );
	return {
		name: `wordfence-${ howGetIPs || 'default' }`,
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

/**
 * A stand-in for All-In-One Security (tests/doubles/standins/all-in-one-wp-security-and-firewall),
 * installed as `all-in-one-wp-security-and-firewall/wp-security.php` with the settings its
 * activation writes: `aiowps_ip_retrieve_method` '0', the client address from REMOTE_ADDR only.
 * It blocks public clients on the callback paths, which no request from inside can be.
 */
export function aiosStandIn(): Scenario {
	const link = () =>
		join(
			docroot(),
			'wp-content',
			'plugins',
			'all-in-one-wp-security-and-firewall'
		);
	return {
		name: 'aios-default',
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
						'all-in-one-wp-security-and-firewall'
					),
					link()
				);
			}
			wpEval(
				`update_option( 'aio_wp_security_configs', array( 'aiowps_ip_retrieve_method' => '0' ) ); require_once ABSPATH . 'wp-admin/includes/plugin.php'; activate_plugin( 'all-in-one-wp-security-and-firewall/wp-security.php' );`
			);
		},
		revert: () => {
			wpEval(
				`require_once ABSPATH . 'wp-admin/includes/plugin.php'; deactivate_plugins( 'all-in-one-wp-security-and-firewall/wp-security.php' ); delete_option( 'aio_wp_security_configs' );`
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
/** HTTPS listens 445 ports below the stack (8443 beside 8888), so parallel stacks never collide. */
const HTTPS_PORT = STACK_PORT - 445;
export const HTTPS_URL = `https://127.0.0.1:${ HTTPS_PORT }`;
export const selfSignedHttps: Scenario = ( () => {
	const tlsDir = join( STACK_DIR, 'tls' );
	const snippet = apacheSnippet(
		'self-signed-https',
		`LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so
LoadModule socache_shmcb_module /usr/lib/apache2/modules/mod_socache_shmcb.so
Listen 127.0.0.1:${ HTTPS_PORT }
SSLSessionCache shmcb:${ STACK_DIR }/apache/ssl_scache(512000)
<VirtualHost 127.0.0.1:${ HTTPS_PORT }>
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

/*
 * Truth on the setups shops really run: plain permalinks on a server that routes unknown paths
 * itself, a proxy that cuts slow answers, a server with one or two workers.
 */

/**
 * Plain permalinks on a server whose own configuration sends unknown paths to index.php, as
 * nginx's `try_files $uri $uri/ /index.php?$args` does: WordPress's .htaccess block is empty (as
 * WordPress leaves it), and Apache's `FallbackResource /index.php` hands /wc-api/… to WordPress,
 * which answers with its front page (200, HTML).
 */
export const plainPermalinksFallbackResource = combined(
	'plain-permalinks-fallback-resource',
	[
		options( 'plain-permalinks-option', { permalink_structure: '' } ),
		{
			name: 'fallback-resource',
			apply: () =>
				apacheSnippet(
					'fallback-resource',
					// Its presence also empties the stack's rewrite block (bin/stack-env.sh).
					`<Directory ${ realpathSync( docroot() ) }>
	FallbackResource /index.php
</Directory>
`
				).apply(),
			revert: () => apacheSnippet( 'fallback-resource', '' ).revert(),
		},
	]
);

/**
 * Apache prefork limited to this many workers (MaxRequestWorkers), as on a small plan. Worker
 * limits need a full restart; reverting restarts Apache with the stack's own limits.
 * @param workers
 */
export function apacheWorkers( workers: number ): Scenario {
	return apacheSnippet(
		`workers-${ workers }`,
		`StartServers ${ workers }
MinSpareServers 1
MaxSpareServers ${ workers }
MaxRequestWorkers ${ workers }
`,
		{ restart: true }
	);
}

const NGINX_DIR = join( STACK_DIR, 'nginx' );
/** nginx in front of the stack listens 1000 ports above it, so parallel stacks never collide. */
export const NGINX_URL = `http://127.0.0.1:${ STACK_PORT + 1000 }`;

function nginx( ...args: string[] ): void {
	execFileSync(
		'nginx',
		[
			'-c',
			join( NGINX_DIR, 'nginx.conf' ),
			'-p',
			`${ NGINX_DIR }/`,
			'-e',
			join( NGINX_DIR, 'error.log' ),
			...args,
		],
		{ stdio: 'inherit' }
	);
}

/**
 * Polls until a condition holds (a process started or stopped), at most ten seconds.
 * @param condition
 * @param what
 */
function waitFor( condition: () => boolean, what: string ): void {
	for ( let tries = 0; tries < 200; tries++ ) {
		if ( condition() ) {
			return;
		}
		execFileSync( 'sleep', [ '0.05' ] );
	}
	throw new Error( `Timed out waiting until ${ what }` );
}

function answers( url: string ): boolean {
	try {
		execFileSync( 'curl', [ '-sf', '-o', '/dev/null', url ] );
		return true;
	} catch {
		return false;
	}
}

/**
 * nginx as a reverse proxy in front of the stack's Apache, with the site's home and WordPress
 * addresses on nginx. `proxy_read_timeout` is how long nginx waits for Apache's answer before it
 * answers 504 itself; the admin (wp-login.php, wp-admin, the doctor's own REST routes) gets the
 * longer limit hosts usually give it, every other address, the callbacks among them, the short
 * one. Run from a private configuration under .wp-stack/nginx, never as the system's service.
 * @param readTimeoutSeconds
 */
export function nginxReverseProxy( readTimeoutSeconds: number ): Scenario {
	const upstream = `http://127.0.0.1:${ STACK_PORT }`;
	const longer = `proxy_pass ${ upstream }; proxy_read_timeout 120s;`;
	const asRoot = process.getuid?.() === 0 ? 'user www-data;' : '';
	const config = `# Proof-suite scenario (tests/e2e): nginx in front of the stack's Apache.
daemon on;
worker_processes 1;
${ asRoot }
pid ${ NGINX_DIR }/nginx.pid;
events { worker_connections 256; }
http {
	access_log ${ NGINX_DIR }/access.log;
	client_body_temp_path ${ NGINX_DIR }/tmp/body;
	proxy_temp_path ${ NGINX_DIR }/tmp/proxy;
	fastcgi_temp_path ${ NGINX_DIR }/tmp/fastcgi;
	uwsgi_temp_path ${ NGINX_DIR }/tmp/uwsgi;
	scgi_temp_path ${ NGINX_DIR }/tmp/scgi;
	server {
		listen ${ NGINX_URL.replace( 'http://', '' ) };
		proxy_set_header Host $http_host;
		proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
		proxy_set_header X-Forwarded-Proto $scheme;
		proxy_read_timeout ${ readTimeoutSeconds }s;
		location / { proxy_pass ${ upstream }; }
		location = /wp-login.php { ${ longer } }
		location /wp-admin/ { ${ longer } }
		location /wp-json/kco-callback-doctor/ { ${ longer } }
	}
}
`;
	const urls = options( 'nginx-urls', {
		home: NGINX_URL,
		siteurl: NGINX_URL,
	} );
	const pidFile = join( NGINX_DIR, 'nginx.pid' );
	return {
		name: `nginx-proxy-read-timeout-${ readTimeoutSeconds }s`,
		apply: () => {
			// nginx's workers write request bodies here; they may run as another user.
			mkdirSync( join( NGINX_DIR, 'tmp' ), { recursive: true } );
			chmodSync( join( NGINX_DIR, 'tmp' ), 0o777 );
			writeFileSync( join( NGINX_DIR, 'nginx.conf' ), config );
			nginx();
			waitFor(
				() => answers( `${ NGINX_URL }/wp-includes/images/blank.gif` ),
				'nginx answers'
			);
			urls.apply();
		},
		revert: () => {
			urls.revert();
			if ( existsSync( pidFile ) ) {
				// Fast shutdown: a graceful one waits for the browser's idle keep-alive connections.
				nginx( '-s', 'stop' );
				waitFor( () => ! existsSync( pidFile ), 'nginx has stopped' );
			}
		},
	};
}

/**
 * A shop with Klarna's strict validation (Klarna waits 10 s): the doctor holds its answer until
 * just under that deadline, through its own filter.
 */
export const strictValidationHold = muPlugin(
	'strict-validation-hold',
	`add_filter( 'kco_callback_doctor_hold_ms', static function () { return 9500; } );`
);

/*
 * Remediation a person can act on: a challenge no server can solve.
 */

/**
 * Cloudflare's managed challenge on the callback paths, as a custom rule with the action
 * "Managed Challenge" (or "I'm Under Attack" mode) serves it to every caller that is not a
 * browser with a clearance cookie: 403, `cf-mitigated: challenge` (Cloudflare docs, "Detect a
 * Challenge Page response"), and the "Just a moment..." page that loads its script from
 * /cdn-cgi/challenge-platform/. The page is written for this test after the parts Cloudflare
 * documents; the ray id and zone are made up.
 */
export const cloudflareManagedChallenge = muPlugin(
	'cloudflare-managed-challenge',
	`if ( ${ IS_CALLBACK_PATH } ) {
	status_header( 403 );
	header( 'Content-Type: text/html; charset=UTF-8' );
	header( 'cf-mitigated: challenge' );
	header( 'cf-ray: 8e7d6c5b4a392817-ARN' );
	header( 'Cache-Control: private, max-age=0, no-store, no-cache, must-revalidate' );
	header( 'Cross-Origin-Opener-Policy: same-origin' );
	echo '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>'
		. '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
		. '<meta name="robots" content="noindex,nofollow"></head><body>'
		. '<div class="main-wrapper" role="main"><div class="main-content">'
		. '<h1 class="zone-name-title h1">shop.example</h1>'
		. '<p>Verifying you are human. This may take a few seconds.</p>'
		. '<noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>'
		. '</div></div><script>(function(){window._cf_chl_opt={cvId:"3",cZone:"shop.example",cType:"managed",cRay:"8e7d6c5b4a392817"};'
		. 'var a=document.createElement("script");a.src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8e7d6c5b4a392817";'
		. 'document.getElementsByTagName("head")[0].appendChild(a);}());</script>'
		. '<div class="footer" role="contentinfo"><div class="ray-id">Ray ID: <code>8e7d6c5b4a392817</code></div>'
		. '<div>Performance &amp; security by Cloudflare</div></div></body></html>';
	exit;
}`
);
