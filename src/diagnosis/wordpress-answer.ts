/**
 * Answers WordPress itself gives when nothing handles a request: WooCommerce's `-1` (status 400
 * when no `woocommerce_api_{name}` handler exists; LegacyRestApiStub / WC_API) and the REST API's
 * `rest_no_route` (404). The request got through to WordPress; only the handler is missing.
 */
import type { ProbeResponse } from '../api/types';
import { header } from './plain-text';

/**
 * `{ code, message }` of a WordPress REST error, or null.
 * @param response The HTTP answer that was received.
 */
export function restError(
	response: ProbeResponse
): { code: string; message: string } | null {
	const type = header( response, 'content-type' ) ?? '';
	if ( ! /json/i.test( type ) ) {
		return null;
	}
	try {
		const parsed: unknown = JSON.parse( response.body );
		if (
			typeof parsed === 'object' &&
			parsed !== null &&
			'code' in parsed &&
			typeof parsed.code === 'string'
		) {
			const message =
				'message' in parsed && typeof parsed.message === 'string'
					? parsed.message
					: '';
			return { code: parsed.code, message };
		}
	} catch {
		// Not JSON after all: not a REST error.
	}
	return null;
}

/**
 * Which dispatcher answered that it has no handler, or null for any other answer.
 * @param response The HTTP answer that was received.
 */
export function noHandlerAnswer(
	response: ProbeResponse
): 'woocommerce' | 'rest' | null {
	if ( response.status === 400 && response.body.trim() === '-1' ) {
		return 'woocommerce';
	}
	if (
		response.status === 404 &&
		restError( response )?.code === 'rest_no_route'
	) {
		return 'rest';
	}
	return null;
}
