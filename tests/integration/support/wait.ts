/**
 * Waiting for a condition instead of for luck: polls until the condition holds, and fails with
 * what was awaited when it never does.
 */

export interface WaitOptions {
	/** What is awaited, for the error message. */
	what: string;
	/** Give up after this long; generous, because a busy machine is no reason to fail. */
	timeoutMs?: number;
	/** Pause between two looks. */
	everyMs?: number;
}

/**
 * Resolves once `condition` returns true.
 * @param condition         Checked now and then until it holds.
 * @param options           What is awaited, and how long to try.
 * @param options.what      What is awaited, for the error message.
 * @param options.timeoutMs Give up after this long.
 * @param options.everyMs   Pause between two looks.
 */
export async function waitUntil(
	condition: () => boolean | Promise< boolean >,
	{ what, timeoutMs = 60_000, everyMs = 50 }: WaitOptions
): Promise< void > {
	const giveUpAt = Date.now() + timeoutMs;
	while ( ! ( await condition() ) ) {
		if ( Date.now() > giveUpAt ) {
			throw new Error( `Timed out waiting until ${ what }` );
		}
		await new Promise( ( resolve ) => setTimeout( resolve, everyMs ) );
	}
}

/**
 * Resolves once the clock is past an instant (an expiry the server computed in whole seconds).
 * @param instantMs The instant, in milliseconds since the epoch.
 */
export function waitUntilPast( instantMs: number ): Promise< void > {
	return waitUntil( () => Date.now() > instantMs, {
		what: `the clock passes ${ new Date( instantMs ).toISOString() }`,
	} );
}
