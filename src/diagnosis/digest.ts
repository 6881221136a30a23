/**
 * The diagnosis remembered (docs/architecture.md): a locale-free digest of a run's findings that the
 * page stores with the run (POST /runs/{id}/digest), so WP-CLI, Site Health and the alerts can
 * name the blocker without a browser. Ids only; the one name is a product's proper noun.
 */
import type { DigestEntry } from '../api/types';
import type { Finding } from './types';

/** What the REST route accepts for a product name (includes/Rest/DigestSchema.php). */
const MAX_NAME_LENGTH = 100;

/**
 * A plugin header can hold anything; the route takes one line of plain text.
 * @param name A product's name as the page shows it.
 */
function plainName( name: string ): string | null {
	const plain = name
		.replace( /[\u0000-\u001f\u007f<>]/g, ' ' )
		.replace( /\s+/g, ' ' )
		.trim()
		.slice( 0, MAX_NAME_LENGTH )
		.trim();
	return plain === '' ? null : plain;
}

/**
 * The digest of a diagnosis: one entry per finding.
 * @param findings The findings of one run.
 */
export function digestOf( findings: Finding[] ): DigestEntry[] {
	return findings.map( ( finding ) => ( {
		findingId: finding.id,
		status: finding.status,
		causeId: finding.causeId ?? null,
		productId: finding.product?.id ?? null,
		productName: finding.product ? plainName( finding.product.name ) : null,
	} ) );
}
