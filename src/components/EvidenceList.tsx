/**
 * What was seen, as plain text: React escapes every value, and long verbatim text (a block page)
 * goes into <pre>. Nothing a remote server sent is ever parsed as HTML.
 */
import type { Evidence } from '../diagnosis/types';

export interface EvidenceListProps {
	/** The evidence lines of one finding. */
	evidence: Evidence[];
}

export function EvidenceList( { evidence }: EvidenceListProps ) {
	return (
		<dl className="kcd-evidence">
			{ evidence.map( ( item, index ) => (
				<div
					className="kcd-evidence__item"
					key={ `${ index }-${ item.label }` }
				>
					<dt>{ item.label }</dt>
					<dd>
						{ item.verbatim ? (
							<pre className="kcd-verbatim">{ item.value }</pre>
						) : (
							item.value
						) }
					</dd>
				</div>
			) ) }
		</dl>
	);
}
