/**
 * The real-traffic report for the page: read once when the page opens, again on demand. Kept
 * apart from useDoctor: the report does not depend on any run, and a failure to read it must
 * not hide the checks.
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

import { ApiError, fetchTraffic, toApiError } from '../api/client';
import type { Traffic } from '../api/types';

export interface TrafficState {
	/** The last report read; kept while a refresh is in flight. */
	traffic: Traffic | null;
	isLoading: boolean;
	error: ApiError | null;
	refresh: () => Promise< void >;
}

export function useTraffic(): TrafficState {
	const [ traffic, setTraffic ] = useState< Traffic | null >( null );
	const [ isLoading, setIsLoading ] = useState( true );
	const [ error, setError ] = useState< ApiError | null >( null );
	const isMounted = useRef( true );

	const refresh = useCallback( async () => {
		setIsLoading( true );
		try {
			const report = await fetchTraffic();
			if ( isMounted.current ) {
				setTraffic( report );
				setError( null );
			}
		} catch ( reason ) {
			if ( isMounted.current ) {
				setError( toApiError( reason ) );
			}
		} finally {
			if ( isMounted.current ) {
				setIsLoading( false );
			}
		}
	}, [] );

	useEffect( () => {
		isMounted.current = true;
		refresh();
		return () => {
			isMounted.current = false;
		};
	}, [ refresh ] );

	return { traffic, isLoading, error, refresh };
}
