/**
 * The asynchronous Clipboard API, for text that only exists after a request (a signed curl
 * command). Text known at click time goes through CopyButton instead.
 */
/**
 * Writes text to the clipboard where the browser allows it; false where it does not.
 *
 * @param text The text to copy.
 */
export async function writeClipboard( text: string ): Promise< boolean > {
	try {
		if ( ! window.navigator.clipboard ) {
			return false;
		}
		await window.navigator.clipboard.writeText( text );
		return true;
	} catch {
		return false;
	}
}
