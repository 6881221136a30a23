/**
 * The shapes the plugin's REST API returns (namespace `kco-callback-doctor/v1`).
 *
 * This file is the single source of truth for those shapes on the TypeScript side; the PHP
 * side (includes/Rest/*Controller.php schemas, includes/Probe/*) produces exactly these.
 * PHP only observes; everything here is raw fact, never a verdict about who blocked what.
 */

/** Stable ids of the callback endpoints KCO uses (docs/probe-protocol.md §2). */
export type EndpointId =
	| 'push'
	| 'notification'
	| 'validation'
	| 'shipping-option-update'
	| 'block-validate'
	| 'block-validation';

/**
 * The canaries (docs/probe-protocol.md §12): one signed request per path, sent before anything
 * Klarna-shaped, to an address no KCO handler serves. Only the responder can answer it, so its
 * echo proves the probe header arrives on that path.
 * - `wc-api-canary`: WooCommerce's wc-api on the home URL;
 * - `rest-canary`: the REST API on the home URL (the checkout block's validation route);
 * - `site-wc-api-canary`: wc-api on the site URL, when that is another address.
 */
export type CanaryId = 'wc-api-canary' | 'rest-canary' | 'site-wc-api-canary';

/**
 * How a probe was shaped.
 * - `klarna`: exactly as the current KCO makes Klarna send it.
 * - `klarna-session`: push as KCO 2.0–2.18.3 sent it, with `kco_session_id` in the query.
 * - the rest isolate a trigger; each copies the failing Klarna-shaped probe named in `basedOn`
 *   and changes one thing: a browser User-Agent, a Referer of the home URL, no `*session_id`
 *   query parameter, GET instead of POST, or a public client address presented in the proxy
 *   header that an active security plugin trusts (docs/probe-protocol.md §10).
 * - content isolation (docs/probe-protocol.md §8) keeps path, method and identity and
 *   neutralises Klarna's content: `numeric-order-id` (a short number for the UUID, wherever it
 *   appears), `plain-query` (query values reduced to letters and digits), `minimal-body` (only
 *   `{"order_id": …}`), `no-body`.
 * - `canary`: the request to a path's canary address (`endpoint` is then a CanaryId).
 * - follow-ups that copy the Klarna-shaped probe named in `basedOn` and change one thing:
 *   - `wc-api-query`: the same callback as `{home}/?wc-api=NAME&…`, the form WooCommerce uses
 *     with plain permalinks, sent when the pretty path got a 404 or a 2xx without the echo (§3.11);
 *   - `held-answer`: the same request, its answer held back by the responder until just under
 *     Klarna's deadline (`echo.heldMs`), to find a proxy that cuts slow answers (§3.13);
 * - `static-file`, `php-page`: no callback at all, a GET of a static file and of a bare
 *   admin-ajax.php, sent once per run when a probe got no answer in time: whether the server
 *   has a worker left for a second request while the run holds one (§3.8). Any HTTP answer
 *   means yes.
 */
export type VariantId =
	| 'klarna'
	| 'klarna-session'
	| 'browser-user-agent'
	| 'with-referer'
	| 'without-session-id'
	| 'get'
	| 'public-client-address'
	| 'numeric-order-id'
	| 'plain-query'
	| 'minimal-body'
	| 'no-body'
	| 'canary'
	| 'wc-api-query'
	| 'held-answer'
	| 'static-file'
	| 'php-page';

export type AddressClass = 'loopback' | 'private' | 'public' | 'reserved';

export type PluginCategory =
	'security' | 'multilingual' | 'cdn' | 'cache' | 'maintenance';

/** An active plugin the doctor knows to matter for callbacks. */
export interface KnownPlugin {
	/** Plugin basename directory, e.g. `wordfence`. */
	slug: string;
	name: string;
	version: string;
	category: PluginCategory;
	/**
	 * For security plugins that decide in PHP: the request header they take the client address
	 * from, as read from their own settings (e.g. `X-Forwarded-For`), or null when they use
	 * REMOTE_ADDR or the setting could not be read.
	 */
	clientAddressHeader: string | null;
	/**
	 * For security plugins: whether, with their current setting, they accept a public client
	 * address from a request header (`header`, named in clientAddressHeader), trust only the
	 * connection's address (`connection`: nothing sent from the server itself can look like
	 * Klarna), or could not be read (`unknown`). Null for other plugins; absent in runs stored
	 * before the doctor read it.
	 */
	clientAddressTrust?: ClientAddressTrust | null;
}

/** Where a security plugin takes the client's address from (includes/Probe/ClientAddressPolicy.php). */
export type ClientAddressTrust = 'header' | 'connection' | 'unknown';

export interface Certificate {
	subject: string;
	issuer: string;
	/** ISO 8601. */
	validFrom: string;
	/** ISO 8601. */
	validTo: string;
	selfSigned: boolean;
	/** Whether the certificate names the home host (CN or subjectAltName). */
	hostMatches: boolean;
}

/** Facts about the site, GET /environment. */
export interface Environment {
	homeUrl: string;
	siteUrl: string;
	/** Host of the home URL (no port). */
	host: string;
	/** Addresses the home host resolves to on the server; empty when it does not resolve. */
	hostAddresses: string[];
	/** The least public class among hostAddresses; null when the host does not resolve. */
	hostAddressClass: AddressClass | null;
	/** `''` means plain permalinks. */
	permalinkStructure: string;
	wordpressVersion: string;
	phpVersion: string;
	/** $_SERVER['SERVER_SOFTWARE'], e.g. `Apache/2.4.62 (Debian)`. */
	serverSoftware: string;
	woocommerce: { active: boolean; version: string | null };
	kco: {
		active: boolean;
		/** Plugin name as installed: Klarna Checkout for WooCommerce or Kustom Checkout. */
		name: string | null;
		version: string | null;
		/** Which checkout KCO serves: the classic shortcode checkout or the checkout block. */
		flow: 'classic' | 'blocks' | 'unknown';
	};
	plugins: KnownPlugin[];
	/** WordPress's `.maintenance` file exists in ABSPATH. */
	maintenanceFile: boolean;
	/** Certificate of the home host when home is https; null otherwise or when it could not be read. */
	certificate: Certificate | null;
	/** Why the certificate could not be read (TLS error text), when home is https. */
	certificateError: string | null;
}

/** One endpoint as the catalogue describes it. */
export interface EndpointDescriptor {
	id: EndpointId;
	/** Human name of the callback, e.g. `Push`. */
	label: string;
	method: 'POST';
	/** Path KCO builds, relative to the home URL, with `{id}` for the Klarna order id. */
	path: string;
	/** Klarna's answer deadline in ms; null when Klarna sets none that matters. */
	deadlineMs: number | null;
	/** Deadline when strict validation is on; null when not applicable. */
	strictDeadlineMs: number | null;
	/** Which KCO versions make Klarna call it, e.g. `2.0–2.19`. */
	kcoVersions: string;
	/**
	 * Whether the installed KCO version makes Klarna call this endpoint: true, false,
	 * or null when KCO is not installed (then every endpoint is treated as used).
	 */
	usedByInstalledKco: boolean | null;
	/**
	 * The canary whose echo cleared this endpoint's probes. Runs stored before canaries existed
	 * have none.
	 */
	canary?: CanaryId;
}

export interface ProbeRequest {
	method: 'GET' | 'POST';
	url: string;
	/** Headers sent, without the probe token. Names as sent. */
	headers: Record< string, string >;
	bodyBytes: number;
	/** Hex SHA-256 of the body sent. */
	bodySha256: string;
}

export type TransportErrorCode =
	'timeout' | 'dns' | 'connect' | 'tls' | 'deadline' | 'other';

export interface TransportError {
	code: TransportErrorCode;
	/** The transport's own message, e.g. cURL's. */
	message: string;
}

export interface ProbeResponse {
	status: number;
	reason: string;
	/**
	 * Lower-case header names; repeated headers joined with `, `. At most 8 KB of names and
	 * values in total, like the body: Location, Server, WWW-Authenticate, Retry-After and
	 * Content-Type first, then the others in the order they arrived.
	 */
	headers: Record< string, string >;
	/** First bytes of the body as text (at most 8 KB), never rendered as HTML. */
	body: string;
	bodyTruncated: boolean;
}

export interface RedirectHop {
	/** URL that answered with the redirect. */
	url: string;
	status: number;
	/** Location header as sent. */
	location: string;
	/**
	 * Whether the doctor followed it: only redirects on the home host and port are, plus the
	 * upgrade from http to https on port 443.
	 */
	followed: boolean;
}

/** What the responder says arrived (docs/probe-protocol.md §6). Reflects no raw input. */
export interface Echo {
	protocol: 1;
	probeId: string;
	/** Endpoint (or canary) id the responder routed the probe to. */
	endpoint: EndpointId | CanaryId;
	/** Route as WordPress dispatched it: the wc-api name or the REST route. */
	routedAs: string;
	method: string;
	bodyBytes: number;
	bodySha256: string;
	queryKeys: string[];
	/** Whether a KCO handler is registered for this endpoint on the site. */
	handlerRegistered: boolean;
	clientAddressClass: AddressClass;
	/** Names of proxy headers that arrived (CF-Connecting-IP, X-Forwarded-For, ...). */
	proxyHeaders: string[];
	/**
	 * How long the responder held the answer back before sending it, in ms (0 for every probe
	 * but `held-answer`). Missing in runs recorded before the held answer existed.
	 */
	heldMs?: number;
}

export interface Timing {
	totalMs: number;
	/** TCP connect time in ms, when the transport reports it. */
	connectMs: number | null;
	/** TLS handshake done, in ms from start, when on https and reported. */
	tlsMs: number | null;
	/** True when this probe was sent with no other probe in flight (docs/probe-protocol.md §11). */
	measuredAlone: boolean;
}

/** One probe and everything that was seen of it. */
export interface Observation {
	/** The endpoint probed, or for a canary (variant `canary`) the canary's id. */
	endpoint: EndpointId | CanaryId;
	variant: VariantId;
	/** For trigger-isolation variants: the Klarna-shaped variant they were derived from. */
	basedOn: VariantId | null;
	request: ProbeRequest;
	/** Set when no HTTP response came back from the last hop. */
	error: TransportError | null;
	/** The last response received (after followed redirects). */
	response: ProbeResponse | null;
	redirects: RedirectHop[];
	timing: Timing;
	/** The responder's echo, present only when its signature verified for this probe. */
	echo: Echo | null;
}

/** Who started a run: the page's button, the scheduler, or `wp kco-doctor check`. */
export type RunSource = 'page' | 'schedule' | 'cli';

/**
 * The verdict on one endpoint (src/diagnosis/verdict.ts, includes/Verdict/EndpointState.php).
 */
export type EndpointState =
	| 'passed'
	| 'blocked'
	| 'redirected'
	| 'unreachable'
	| 'slow'
	| 'inconclusive';

/** A run's overall verdict, as monitoring plugins name it. */
export type RunStatus = 'ok' | 'warning' | 'critical' | 'unknown';

/** One finding of the page's diagnosis, as ids only (POST /runs/{id}/digest). */
export interface DigestEntry {
	/** `endpoint:push`, `requirement:https`… */
	findingId: string;
	status: 'pass' | 'warn' | 'fail' | 'info';
	/** Locale-free cause id, e.g. `plain-permalinks`; null when none. */
	causeId: string | null;
	/** Fingerprint id or plugin slug of the product named as the cause; null when none. */
	productId: string | null;
	/** The product's proper name, as the page showed it; null when none. */
	productName: string | null;
}

/** POST /runs/{id}/digest: what was stored. */
export interface StoredDigest {
	id: string;
	/** ISO 8601. */
	diagnosedAt: string;
	digest: DigestEntry[];
}

/** POST /runs, GET /runs/{id}. */
export interface Run {
	id: string;
	/** Missing on runs stored before runs had a source (they came from the page). */
	source?: RunSource;
	/** ISO 8601. */
	startedAt: string;
	durationMs: number;
	/** The endpoints this run probed. */
	endpointIds: EndpointId[];
	endpoints: EndpointDescriptor[];
	environment: Environment;
	observations: Observation[];
	/**
	 * True when the run was over the 256 KB a stored run may take, so the bodies and headers of
	 * its least important observations were left out (an emptied body is marked bodyTruncated).
	 * Observations, statuses, timings and echoes are never left out. Cookie values and probe
	 * tokens are always replaced by `[redacted]`, trimmed or not.
	 */
	trimmed: boolean;
	/** The page's diagnosis of this run, once it has stored one. */
	digest?: DigestEntry[];
	/** ISO 8601, when the digest was stored. */
	diagnosedAt?: string;
}

/** GET /runs: the runs started from the page or WP-CLI, newest first, at most 20. */
export interface RunSummary {
	id: string;
	source: RunSource;
	startedAt: string;
	durationMs: number;
	endpointIds: EndpointId[];
	/** The run's overall verdict. */
	overall: RunStatus;
	/** The verdict on each endpoint the run probed. */
	verdicts: Array< { id: EndpointId; state: EndpointState; used: boolean } >;
}

/** POST /external-probes: a ready request to run from another machine. */
export interface ExternalProbe {
	endpoint: EndpointId;
	url: string;
	method: 'POST';
	headers: Record< string, string >;
	body: string;
	/** A shell command that sends it with curl. */
	curl: string;
	/** ISO 8601. */
	expiresAt: string;
}

/** How often the doctor checks the callbacks without a browser. */
export type Schedule = 'off' | 'daily' | 'hourly';

/** GET and POST /settings. */
export interface Settings {
	schedule: Schedule;
	/** Whether a change in the callbacks is also sent by e-mail (at most one a day). */
	emailAlerts: boolean;
	/** False without WooCommerce's Action Scheduler: then no check runs by itself. */
	schedulerAvailable: boolean;
	/** When the next scheduled check runs (ISO 8601), or null. */
	nextCheckAt: string | null;
}

/** POST /settings: the fields to change. */
export type SettingsChange = Partial<
	Pick< Settings, 'schedule' | 'emailAlerts' >
>;

/** One real call Klarna made to a callback, as the heartbeat recorded it when it ended. */
export interface RealCall {
	/** ISO 8601 (UTC, whole seconds): when the call arrived. */
	at: string;
	/** The HTTP status the shop answered with. */
	status: number;
	/** How long PHP took, from the request's arrival to its end. */
	durationMs: number;
}

/** One callback's real traffic. */
export interface CallbackTraffic {
	endpoint: EndpointId;
	/** Human name of the callback, e.g. `Push`. */
	label: string;
	/** Path KCO builds, relative to the home URL. */
	path: string;
	/** As in EndpointDescriptor: null when KCO is not installed. */
	usedByInstalledKco: boolean | null;
	/** Calls seen since monitoring began; a lower bound unless `Traffic.countsEveryCall`. */
	callsSeen: number;
	/** The last recorded calls, newest first (at most 10). */
	calls: RealCall[];
}

/** A Klarna order left in Pending payment with no push recorded for it. */
export interface StuckOrder {
	id: number;
	/** The order number as WooCommerce shows it. */
	number: string;
	/** The order's edit screen (HPOS or posts storage alike). */
	editUrl: string;
	/** ISO 8601, when the order was placed. */
	createdAt: string | null;
	/** Klarna's order id, to look the order up in Klarna's Merchant Portal. */
	klarnaOrderId: string;
}

/** GET /traffic: evidence from Klarna's real calls. */
export interface Traffic {
	/** ISO 8601: the server's time when the report was made (relative times count from it). */
	checkedAt: string;
	/** ISO 8601: when the heartbeat began recording; null if it never did. */
	monitoringSince: string | null;
	/**
	 * True where a persistent object cache counts the calls that arrive within a minute of a
	 * recorded one; without one those calls are not counted.
	 */
	countsEveryCall: boolean;
	/** A callback's calls are written at most this often. */
	writeIntervalSeconds: number;
	/** Whether KCO's own debug log is on; null when KCO's settings are not there. */
	kcoLogging: boolean | null;
	callbacks: CallbackTraffic[];
	stuckOrders: {
		/** False when orders could not be searched (WooCommerce inactive). */
		searched: boolean;
		/** Minutes an order may wait for its push before it counts. */
		thresholdMinutes: number;
		/** Orders placed longer ago are not searched. */
		lookBackDays: number;
		count: number;
		/** True when more candidates exist than the newest 50 searched. */
		more: boolean;
		orders: StuckOrder[];
	};
}
