/**
 * The settings panel's state: loads the settings once when the panel mounts, saves one change
 * at a time, and keeps the server's own message when loading or saving fails.
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

import { fetchSettings, saveSettings, toApiError } from '../api/client';
import type { Settings, SettingsChange } from '../api/types';

export interface SettingsState {
	/** The settings in force; null until loaded (or when loading failed). */
	settings: Settings | null;
	isLoading: boolean;
	isSaving: boolean;
	/** What went wrong last, in the server's words. */
	error: string | null;
	/** Whether the last change was saved (for a short confirmation). */
	saved: boolean;
	/** Saves a change; the settings on screen follow the server's answer. */
	save: ( change: SettingsChange ) => Promise< void >;
}

export function useSettings(): SettingsState {
	const [ settings, setSettings ] = useState< Settings | null >( null );
	const [ isLoading, setIsLoading ] = useState( true );
	const [ isSaving, setIsSaving ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );
	const [ saved, setSaved ] = useState( false );
	const mounted = useRef( true );

	useEffect( () => {
		mounted.current = true;
		fetchSettings()
			.then( ( loaded ) => {
				if ( mounted.current ) {
					setSettings( loaded );
				}
			} )
			.catch( ( reason: unknown ) => {
				if ( mounted.current ) {
					setError( toApiError( reason ).message );
				}
			} )
			.finally( () => {
				if ( mounted.current ) {
					setIsLoading( false );
				}
			} );
		return () => {
			mounted.current = false;
		};
	}, [] );

	const save = useCallback( async ( change: SettingsChange ) => {
		setIsSaving( true );
		setError( null );
		setSaved( false );
		try {
			const answer = await saveSettings( change );
			if ( mounted.current ) {
				setSettings( answer );
				setSaved( true );
			}
		} catch ( reason ) {
			if ( mounted.current ) {
				setError( toApiError( reason ).message );
			}
		} finally {
			if ( mounted.current ) {
				setIsSaving( false );
			}
		}
	}, [] );

	return { settings, isLoading, isSaving, error, saved, save };
}
