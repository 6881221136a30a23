/**
 * Which shapes of the request got through and which did not: "blocked only as Klarna sends it"
 * is how a rule keyed on Klarna's User-Agent shows itself.
 */
import { __ } from '@wordpress/i18n';

import type { Finding } from '../diagnosis/types';
import { variantLabel } from './labels';

export interface VariantOutcomesProps {
	/** Per-variant outcomes of one endpoint's probes. */
	variants: NonNullable< Finding[ 'variants' ] >;
}

export function VariantOutcomes( { variants }: VariantOutcomesProps ) {
	return (
		<table className="kcd-variants">
			<caption>{ __( 'Requests tried', 'kco-callback-doctor' ) }</caption>
			<thead>
				<tr>
					<th scope="col">
						{ __( 'Request', 'kco-callback-doctor' ) }
					</th>
					<th scope="col">
						{ __( 'Result', 'kco-callback-doctor' ) }
					</th>
				</tr>
			</thead>
			<tbody>
				{ variants.map( ( item ) => (
					<tr key={ item.variant }>
						<th scope="row">{ variantLabel( item.variant ) }</th>
						<td>
							<strong>
								{ item.passed
									? __( 'Got through', 'kco-callback-doctor' )
									: __( 'Stopped', 'kco-callback-doctor' ) }
							</strong>
							{ item.outcome ? ` — ${ item.outcome }` : null }
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
