/**
 * The shapes the endpoint checks share: what they know about the endpoint under test, and the
 * verdict each of them returns before it becomes a Finding.
 */
import type {
	EndpointDescriptor,
	Environment,
	Observation,
} from '../api/types';
import type { RemediationContext } from './fingerprints';
import type {
	Evidence,
	FindingStatus,
	NamedProduct,
	RemediationStep,
} from './types';

export interface EndpointContext {
	descriptor: EndpointDescriptor;
	environment: Environment;
	/** Every observation of the run, for facts that show on any probe (a CDN's headers). */
	runObservations: Observation[];
	/** The decisive observation of each variant probed for this endpoint. */
	observations: Observation[];
	remediation: RemediationContext;
}

/** One conclusion about an endpoint, before it is dressed as a Finding. */
export interface Verdict {
	status: FindingStatus;
	/** One sentence: what is wrong (or right). */
	summary: string;
	/** Who or what caused it, when known. */
	cause?: string;
	/** Locale-free id of the cause, e.g. `blocked-by-product`, for the digest PHP keeps. */
	causeId?: string;
	/** The product that caused it, when one is named: a fingerprint id or a plugin slug. */
	product?: NamedProduct;
	/** Lines to show besides the probe's own evidence. */
	evidence?: Evidence[];
	remediation: RemediationStep[];
	externalTest?: boolean;
}
