/**
 * Words for the protocol's ids, in the store owner's language. Status words travel with the icon
 * so that colour is never the only signal.
 */
import { __ } from '@wordpress/i18n';

import type { EndpointId, EndpointState } from '../api/types';
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
	switch ( group ) {
		case 'requirement':
			return __( 'Requirements', 'kco-callback-doctor' );
		case 'endpoint':
			return __( 'Callback endpoints', 'kco-callback-doctor' );
		case 'traffic':
			return __( 'Real calls from Klarna', 'kco-callback-doctor' );
	}
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

/**
 * An endpoint's verdict after its name: "Push blocked". The same words as WP-CLI's
 * (includes/Cli/EndpointText.php).
 * @param state The endpoint's state.
 */
export function endpointStateLabel( state: EndpointState ): string {
	switch ( state ) {
		case 'passed':
			return __( 'passes', 'kco-callback-doctor' );
		case 'blocked':
			return __( 'blocked', 'kco-callback-doctor' );
		case 'redirected':
			return __( 'redirected', 'kco-callback-doctor' );
		case 'unreachable':
			return __( 'unreachable', 'kco-callback-doctor' );
		case 'slow':
			return __( 'slower than Klarna waits', 'kco-callback-doctor' );
		case 'inconclusive':
			return __( 'inconclusive', 'kco-callback-doctor' );
	}
}

// One wording for the variants, the diagnosis's, on cards and in the report alike.
export { variantLabel } from '../diagnosis/variants';
