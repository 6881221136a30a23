/**
 * Comparing KCO versions as WordPress plugin headers write them (`2.19.0`, `3.1`, `2.4.2-beta`).
 */

function parts( version: string ): number[] {
	return version
		.split( /[.+-]/ )
		.map( ( part ) => parseInt( part, 10 ) )
		.filter( ( part ) => ! Number.isNaN( part ) );
}

/**
 * Whether `version` is at least `minimum`; false when the version is unknown.
 * @param version Installed version, or null when unknown.
 * @param minimum Lowest version that qualifies.
 */
export function isAtLeast( version: string | null, minimum: string ): boolean {
	if ( version === null ) {
		return false;
	}
	const have = parts( version );
	if ( have.length === 0 ) {
		return false;
	}
	const want = parts( minimum );
	for ( let index = 0; index < want.length; index++ ) {
		const a = have[ index ] ?? 0;
		const b = want[ index ] ?? 0;
		if ( a !== b ) {
			return a > b;
		}
	}
	return true;
}
