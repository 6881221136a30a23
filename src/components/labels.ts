/**
 * Words for the protocol's ids, in the store owner's language. Status words travel with the icon
 * so that colour is never the only signal.
 */
import { __ } from '@wordpress/i18n';

import type { EndpointId } from '../api/types';
import type { FindingGroup, FindingStatus } from '../diagnosis/types';

export function statusLabel( status: FindingStatus ): string {
	switch ( status ) {
		case 'pass':
			return __( 'Passed', 'kco-callback-doctor' );
		case 'warn':
			return __( 'Warning', 'kco-callback-doctor' );
		case 'fail':
			return __( 'Failed', 'kco-callback-doctor' );
		case 'info':
			return __( 'Note', 'kco-callback-doctor' );
	}
}

export function groupLabel( group: FindingGroup ): string {
	return group === 'requirement'
		? __( 'Requirements', 'kco-callback-doctor' )
		: __( 'Callback endpoints', 'kco-callback-doctor' );
}

/**
 * The same names the REST API gives each endpoint (includes/Probe/Catalogue.php, label()), for
 * the places that have only ids, such as the history, so a callback has one name on the page.
 * @param endpoint The endpoint id.
 */
export function endpointLabel( endpoint: EndpointId ): string {
	switch ( endpoint ) {
		case 'push':
			return __( 'Push', 'kco-callback-doctor' );
		case 'notification':
			return __( 'Notification', 'kco-callback-doctor' );
		case 'validation':
			return __( 'Validation', 'kco-callback-doctor' );
		case 'shipping-option-update':
			return __( 'Shipping option update', 'kco-callback-doctor' );
		case 'block-validate':
			return __( 'Checkout block validation', 'kco-callback-doctor' );
		case 'block-validation':
			return __(
				'Checkout block validation (wc-api)',
				'kco-callback-doctor'
			);
	}
}

// One wording for the variants, the diagnosis's, on cards and in the report alike.
export { variantLabel } from '../diagnosis/variants';
