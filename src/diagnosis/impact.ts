/**
 * Why each callback matters for Klarna orders, in one sentence a store owner understands
 * (docs/probe-protocol.md §2 says what each callback carries).
 */
import { __ } from '@wordpress/i18n';

import type { EndpointDescriptor } from '../api/types';

export function endpointImpact( descriptor: EndpointDescriptor ): string {
	if ( descriptor.usedByInstalledKco === false ) {
		return __(
			'Your KCO version does not use this callback, so this does not stop orders today; the vendor still asks to keep every callback address open.',
			'kco-callback-doctor'
		);
	}
	switch ( descriptor.id ) {
		case 'push':
			return __(
				'Klarna’s push confirms a completed purchase to WooCommerce; when it cannot arrive, orders can stay in “Pending payment” and show as unacknowledged in the Klarna Merchant Portal.',
				'kco-callback-doctor'
			);
		case 'notification':
			return __(
				'Klarna sends the result of its fraud check here; when it cannot arrive, orders held for review are never released or cancelled in WooCommerce.',
				'kco-callback-doctor'
			);
		case 'validation':
		case 'block-validate':
		case 'block-validation':
			return __(
				'Klarna asks your store here to confirm the order before the purchase is completed; when the call is blocked or too slow, the customer’s purchase goes wrong.',
				'kco-callback-doctor'
			);
		case 'shipping-option-update':
			return __(
				'Klarna tells your store here which shipping option the customer chose; when it cannot arrive, shipping in the order can be wrong or the checkout stalls.',
				'kco-callback-doctor'
			);
	}
}
