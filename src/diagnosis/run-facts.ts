/**
 * Facts about a whole run that requirement findings use to tell a risk from a proven problem.
 */
import type { Run } from '../api/types';
import {
	decisiveObservations,
	isVerified,
	KLARNA_VARIANTS,
} from './observations';
import { classifyHop } from './redirects';
import { redirectHops } from './verdict';

/**
 * Every Klarna-shaped probe of the run came back as its own verified echo (and there was one);
 * a re-try sent alone decides for the probe it repeats.
 * @param run The run as the REST API returned it.
 */
export function everyKlarnaProbeVerified( run: Run ): boolean {
	const klarnaShaped = run.endpointIds.flatMap( ( id ) =>
		decisiveObservations(
			run.observations.filter( ( item ) => item.endpoint === id ),
			KLARNA_VARIANTS
		)
	);
	return (
		klarnaShaped.length > 0 &&
		klarnaShaped.every( ( item ) => isVerified( item, item.endpoint ) )
	);
}

/**
 * Some probe of the run was redirected to a language-prefixed address.
 * @param run The run as the REST API returned it.
 */
export function languageRedirectSeen( run: Run ): boolean {
	return run.observations.some( ( observation ) =>
		redirectHops( observation ).some(
			( hop ) => classifyHop( hop ).kind === 'language'
		)
	);
}
