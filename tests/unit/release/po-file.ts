/**
 * Reads the entries of a gettext template or catalogue (.pot/.po): enough of the format for the
 * release checks (msgctxt, msgid, msgid_plural, strings continued over several lines, `#.` and
 * `#:` comments). Not a general PO parser: no msgstr values, no obsolete entries.
 */

export type PoEntry = {
	/** Context (msgctxt), or '' when there is none. */
	context: string;
	/** The source string. */
	msgid: string;
	/** Extracted comments (`#.` lines), e.g. translator notes. */
	comments: string[];
	/** Source references (`#:` lines), each `path:line` or `path`. */
	references: string[];
};

const QUOTED = /^"(.*)"$/;

function unquote( text: string ): string {
	return JSON.parse( `"${ text }"` ) as string;
}

/**
 * Every entry but the header, in file order.
 *
 * @param text Contents of a .po or .pot file.
 */
export function readPoEntries( text: string ): PoEntry[] {
	const entries: PoEntry[] = [];
	for ( const block of text.split( /\n\s*\n/ ) ) {
		const entry: PoEntry = {
			context: '',
			msgid: '',
			comments: [],
			references: [],
		};
		let field: 'context' | 'msgid' | null = null;
		let hasMsgid = false;
		for ( const line of block.split( '\n' ) ) {
			const keyword =
				/^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$/.exec(
					line
				);
			const continued = QUOTED.exec( line );
			if ( line.startsWith( '#. ' ) ) {
				entry.comments.push( line.slice( 3 ) );
			} else if ( line.startsWith( '#: ' ) ) {
				entry.references.push( ...line.slice( 3 ).split( ' ' ) );
			} else if ( keyword ) {
				const [ , name = '', value = '' ] = keyword;
				if ( name === 'msgctxt' ) {
					field = 'context';
				} else if ( name === 'msgid' ) {
					field = 'msgid';
					hasMsgid = true;
				} else {
					field = null;
				}
				if ( field ) {
					entry[ field ] += unquote( value );
				}
			} else if ( continued && field ) {
				entry[ field ] += unquote( continued[ 1 ] ?? '' );
			}
		}
		if ( hasMsgid && entry.msgid !== '' ) {
			entries.push( entry );
		}
	}
	return entries;
}

/**
 * The keys gettext tells entries apart by: context and msgid.
 *
 * @param entries Entries of one file.
 */
export function entryKeys( entries: PoEntry[] ): string[] {
	return entries
		.map( ( { context, msgid } ) =>
			context ? `${ context }\u0004${ msgid }` : msgid
		)
		.sort();
}
