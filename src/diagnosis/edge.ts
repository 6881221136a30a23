/**
 * The CDN or cloud firewall in front of the site (docs/probe-protocol.md §9), seen in the headers each
 * edge network adds to every response it forwards, or through an active CDN plugin. The markers
 * are data shared with PHP (includes/Verdict/edge-markers.json), because whether a passing probe
 * bypassed the edge decides its verdict on both sides.
 */
import type { Environment, Observation, ProbeResponse } from '../api/types';
import markers from '../../includes/Verdict/edge-markers.json';
import { header } from './plain-text';

export interface Edge {
	/** Stable id: the blocker fingerprint's id where there is one, else the plugin's slug. */
	id: string;
	/** The CDN/WAF as the owner knows it. */
	name: string;
	/** What showed it: a response header or an active plugin. */
	seenIn: string;
}

interface EdgeMarker {
	id: string;
	name: string;
	/** Lower-case response header. */
	header: string;
	/** Regular expression source, matched case-insensitively. */
	pattern: string;
}

const EDGE_MARKERS: readonly EdgeMarker[] = markers;

export function edgeInResponse( response: ProbeResponse ): Edge | null {
	for ( const marker of EDGE_MARKERS ) {
		const value = header( response, marker.header );
		if (
			value !== null &&
			new RegExp( marker.pattern, 'i' ).test( value )
		) {
			return { id: marker.id, name: marker.name, seenIn: marker.header };
		}
	}
	return null;
}

/**
 * The CDN/WAF the site shows on any response of the run, or through an active CDN plugin.
 * @param observations Observations of the endpoint (or run) to look at.
 * @param environment  Facts about the site.
 */
export function detectEdge(
	observations: Observation[],
	environment: Environment
): Edge | null {
	for ( const observation of observations ) {
		const edge = observation.response
			? edgeInResponse( observation.response )
			: null;
		if ( edge ) {
			return edge;
		}
	}
	const plugin = environment.plugins.find(
		( item ) => item.category === 'cdn'
	);
	return plugin
		? { id: plugin.slug, name: plugin.name, seenIn: plugin.slug }
		: null;
}
