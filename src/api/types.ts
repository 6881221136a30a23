/**
 * The shapes the plugin's REST API returns (namespace `kco-callback-doctor/v1`).
 *
 * This file is the single source of truth for those shapes on the TypeScript side; the PHP
 * side (includes/Rest/*Controller.php schemas, includes/Probe/*) produces exactly these.
 * PHP only observes; everything here is raw fact, never a verdict about who blocked what.
 */

/** Stable ids of the callback endpoints KCO uses (DESIGN.md §2). */
export type EndpointId =
	| 'push'
	| 'notification'
	| 'validation'
	| 'shipping-option-update'
	| 'block-validate'
	| 'block-validation';

/**
 * How a probe was shaped.
 * - `klarna`: exactly as the current KCO makes Klarna send it.
 * - `klarna-session`: push as KCO 2.0–2.18 sent it, with `kco_session_id` in the query.
 * - the rest isolate a trigger; each copies the failing Klarna-shaped probe named in `basedOn`
 *   and changes one thing: a browser User-Agent, a Referer of the home URL, no `*session_id`
 *   query parameter, GET instead of POST, or a public client address presented in the proxy
 *   header that an active security plugin trusts (DESIGN.md §3.7).
 */
export type VariantId =
	| 'klarna'
	| 'klarna-session'
	| 'browser-user-agent'
	| 'with-referer'
	| 'without-session-id'
	| 'get'
	| 'public-client-address';

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
}

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
	/** Lower-case header names; repeated headers joined with `, `. */
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
	/** Whether the doctor followed it (only same-host redirects are followed). */
	followed: boolean;
}

/** What the responder says arrived (DESIGN.md §3.3). Reflects no raw input. */
export interface Echo {
	protocol: 1;
	probeId: string;
	/** Endpoint id the responder routed the probe to. */
	endpoint: EndpointId;
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
}

export interface Timing {
	totalMs: number;
	/** TCP connect time in ms, when the transport reports it. */
	connectMs: number | null;
	/** TLS handshake done, in ms from start, when on https and reported. */
	tlsMs: number | null;
	/** True when this probe was sent with no other probe in flight (DESIGN.md §3.8). */
	measuredAlone: boolean;
}

/** One probe and everything that was seen of it. */
export interface Observation {
	endpoint: EndpointId;
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

/** POST /runs, GET /runs/{id}. */
export interface Run {
	id: string;
	/** ISO 8601. */
	startedAt: string;
	durationMs: number;
	/** The endpoints this run probed. */
	endpointIds: EndpointId[];
	endpoints: EndpointDescriptor[];
	environment: Environment;
	observations: Observation[];
}

/** GET /runs: newest first, at most 20. */
export interface RunSummary {
	id: string;
	startedAt: string;
	durationMs: number;
	endpointIds: EndpointId[];
	/** Klarna-shaped probes whose signed echo came back, of all Klarna-shaped probes. */
	echoed: number;
	probed: number;
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
