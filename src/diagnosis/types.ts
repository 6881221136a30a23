/**
 * What the diagnosis produces (docs/architecture.md). Pure data: the components render it, the report
 * builder prints it. Every string in it is plain text, already translated.
 */
import type { EndpointId, VariantId } from '../api/types';
import type { EndpointState } from './verdict';

export type FindingStatus = 'pass' | 'warn' | 'fail' | 'info';

/**
 * Which group a card belongs to on the page. `traffic` findings come from Klarna's real calls
 * (diagnosis/traffic.ts), not from a run.
 */
export type FindingGroup = 'requirement' | 'endpoint' | 'traffic';

/** One line of evidence: a label and a plain-text value (status line, header, timing...). */
export interface Evidence {
	label: string;
	value: string;
	/** Set for long verbatim text (a block page) so the UI can show it preformatted. */
	verbatim?: boolean;
}

/** One step of a fix. `copy` holds text the owner may need to paste, e.g. a URL to allow. */
export interface RemediationStep {
	text: string;
	copy?: string[];
}

/** A product named as a cause: its stable id and its proper name (never translated). */
export interface NamedProduct {
	/** A fingerprint id (`cloudflare`) or a plugin slug (`wordfence`). */
	id: string;
	name: string;
}

export interface Finding {
	/** Stable id, e.g. `requirement:https` or `endpoint:push`. */
	id: string;
	group: FindingGroup;
	endpoint?: EndpointId;
	status: FindingStatus;
	/**
	 * For endpoint findings: the endpoint's verdict (verdict.ts), the state PHP computes too.
	 * `pass` is the status exactly when this is `passed`.
	 */
	state?: EndpointState;
	title: string;
	/** One sentence. */
	summary: string;
	/** Why it matters for Klarna orders, in one sentence, when the finding is not a pass. */
	impact?: string;
	/** Who or what caused a failure, when known: `Cloudflare`, `Wordfence`, `a language redirect`. */
	cause?: string;
	/** Locale-free id of the cause (`plain-permalinks`, `blocked-by-product`…), for the digest. */
	causeId?: string;
	/** The product named as the cause, when there is one. */
	product?: NamedProduct;
	evidence: Evidence[];
	remediation: RemediationStep[];
	/**
	 * For endpoint findings: false when the installed KCO version never calls this endpoint, so a
	 * failure there does not stop orders (it is still shown: the vendor asks to allow all four).
	 */
	usedByKlarna?: boolean;
	/** Per-variant outcome of the probes behind an endpoint finding. */
	variants?: Array< {
		variant: VariantId;
		passed: boolean;
		outcome: string;
	} >;
	/**
	 * Set when only a request from outside the server can settle the check (the loopback took
	 * another path than Klarna's, or could not exercise a rule): the UI offers "Copy as curl".
	 */
	externalTest?: boolean;
}

export interface RunSummaryCounts {
	pass: number;
	warn: number;
	fail: number;
	info: number;
}

export interface Diagnosis {
	findings: Finding[];
	counts: RunSummaryCounts;
	/** Failures that stop Klarna orders (used endpoints and requirements). */
	problems: number;
	overall: FindingStatus;
}
