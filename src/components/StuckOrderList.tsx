/**
 * The Klarna orders left in Pending payment: a link to each order, how long it has waited, and
 * Klarna's order id to look it up in the Merchant Portal.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { StuckOrder } from '../api/types';
import { timeAgo } from '../diagnosis/traffic';
import { CopyButton } from './CopyButton';

export interface StuckOrderListProps {
	/** The orders, newest first. */
	orders: StuckOrder[];
	/** The server's time of the report, for "placed 3 hours ago". */
	checkedAt: string;
}

export function StuckOrderList( { orders, checkedAt }: StuckOrderListProps ) {
	return (
		<table className="widefat striped kcd-stuck-orders">
			<caption className="screen-reader-text">
				{ __(
					'Klarna orders waiting for their push',
					'kco-callback-doctor'
				) }
			</caption>
			<thead>
				<tr>
					<th scope="col">
						{ __( 'Order', 'kco-callback-doctor' ) }
					</th>
					<th scope="col">
						{ __( 'Placed', 'kco-callback-doctor' ) }
					</th>
					<th scope="col">
						{ __( 'Klarna order id', 'kco-callback-doctor' ) }
					</th>
				</tr>
			</thead>
			<tbody>
				{ orders.map( ( order ) => (
					<tr key={ order.id } data-stuck-order={ order.id }>
						<td>
							<a href={ order.editUrl }>
								{ sprintf(
									/* translators: %s: order number. */
									__( 'Order #%s', 'kco-callback-doctor' ),
									order.number
								) }
							</a>
						</td>
						<td>
							{ order.createdAt
								? timeAgo( order.createdAt, checkedAt )
								: '—' }
						</td>
						<td>
							<code>{ order.klarnaOrderId }</code>
							<CopyButton
								text={ order.klarnaOrderId }
								label={ __( 'Copy', 'kco-callback-doctor' ) }
								accessibleLabel={ sprintf(
									/* translators: %s: order number. */
									__(
										'Copy the Klarna order id of order #%s',
										'kco-callback-doctor'
									),
									order.number
								) }
								variant="tertiary"
							/>
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
