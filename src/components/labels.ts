/**
 * Words for the protocol's ids, in the store owner's language. Status words travel with the icon
 * so that colour is never the only signal.
 */
import { __ } from '@wordpress/i18n';

import type { EndpointId, VariantId } from '../api/types';
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
			return __( 'Validation (checkout block)', 'kco-callback-doctor' );
	}
}

export function variantLabel( variant: VariantId ): string {
	switch ( variant ) {
		case 'klarna':
			return __( 'As Klarna sends it', 'kco-callback-doctor' );
		case 'klarna-session':
			return __(
				'As KCO 2.0–2.18 sent it, with the session id',
				'kco-callback-doctor'
			);
		case 'browser-user-agent':
			return __(
				"With a web browser's User-Agent",
				'kco-callback-doctor'
			);
		case 'with-referer':
			return __( 'With a Referer header', 'kco-callback-doctor' );
		case 'without-session-id':
			return __(
				'Without the session id parameter',
				'kco-callback-doctor'
			);
		case 'get':
			return __( 'As GET instead of POST', 'kco-callback-doctor' );
		case 'public-client-address':
			return __(
				'Presenting a public client address',
				'kco-callback-doctor'
			);
	}
}
