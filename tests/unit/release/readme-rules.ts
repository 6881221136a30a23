/**
 * The rules WordPress.org applies to a plugin's readme.txt, as a checker that names every broken
 * rule. Two sources, read in WordPress's public code and restated here in our own words:
 *
 * - the plugin directory's readme parser, `plugin-directory/readme/class-parser.php` in the
 *   WordPress/wordpress.org repository: how the name, the header fields, the short description
 *   and the sections are found, which values it ignores (and warns about), and its limits;
 * - the Plugin Check plugin, `includes/Checker/Checks/Plugin_Repo/Plugin_Readme_Check.php` and
 *   `Trademarks_Check.php` in WordPress/plugin-check: what the directory's review turns into
 *   errors (missing fields, `Stable tag: trunk`, a stable tag other than the plugin's version,
 *   a license missing or different from the plugin header's, an outdated "Tested up to").
 */

export type ReadmeSection = {
	/** The heading as written, e.g. "Frequently Asked Questions". */
	title: string;
	/** The parser's key after aliases, e.g. "faq". */
	key: string;
	/** Text under the heading, up to the next section. */
	body: string;
};

export type Readme = {
	/** Plugin name from `=== Name ===`, or null when the first line is not a name. */
	name: string | null;
	/** Recognised header fields, by the parser's key (tested, requires, tags, ...). */
	headers: Record< string, string >;
	/** Text between the header fields and the first section. */
	shortDescription: string;
	sections: ReadmeSection[];
};

/** What the readme is checked against: the plugin's own header and the newest WordPress. */
export type ReadmeContext = {
	/** Header fields of the main plugin file (plugin.php), by name ("Version", "License", ...). */
	pluginHeader: Record< string, string >;
	/** The plugin's folder name on WordPress.org. */
	slug: string;
	/** Newest WordPress release the plugin is tested on, `major.minor`. */
	newestWordPress: string;
};

/** Header field names the parser knows, and the key each maps to (`$valid_headers`). */
const VALID_HEADERS: Record< string, string > = {
	tested: 'tested',
	'tested up to': 'tested',
	requires: 'requires',
	'requires at least': 'requires',
	'requires php': 'requires_php',
	tags: 'tags',
	contributors: 'contributors',
	'donate link': 'donate_link',
	'stable tag': 'stable_tag',
	license: 'license',
	'license uri': 'license_uri',
};

/** Sections the parser expects; any other heading is folded into the description. */
const EXPECTED_SECTIONS = [
	'description',
	'installation',
	'faq',
	'screenshots',
	'changelog',
	'upgrade_notice',
	'other_notes',
];

const SECTION_ALIASES: Record< string, string > = {
	frequently_asked_questions: 'faq',
	change_log: 'changelog',
	screenshot: 'screenshots',
};

/** Tags the directory drops (`$ignore_tags`); at most five others are kept. */
const IGNORED_TAGS = [ 'plugin', 'wordpress' ];
const MAX_TAGS = 5;

/** `$maximum_field_lengths`: characters for the short description, words for sections. */
const SHORT_DESCRIPTION_CHARACTERS = 150;
const SECTION_WORDS: Record< string, number > = {
	changelog: 5000,
	faq: 5000,
};
const DEFAULT_SECTION_WORDS = 2500;
/** Plugin Check warns about longer upgrade notices (`check_upgrade_notice()`). */
const UPGRADE_NOTICE_CHARACTERS = 300;

/** Version formats the parser accepts; anything else it ignores. */
const WORDPRESS_VERSION = /^\d+\.\d(\.\d+)?$/;
const PHP_VERSION = /^\d+(\.\d+){1,2}$/;

/** License words the parser takes as GPL-compatible, and ones it takes as not (`validate_license()`). */
const COMPATIBLE_LICENSES = [
	'gpl',
	'generalpubliclicense',
	'mit',
	'expat',
	'apache2',
	'mpl',
];
const INCOMPATIBLE_LICENSES = [
	'noncommercial',
	'cc-nc',
	'ccbync',
	'ccbynd',
	'proprietary',
	'eupl',
];

/**
 * The part of Plugin Check's trademark rules (name and slug, dashed) that concerns this kind of
 * plugin: terms allowed nowhere, terms a name may not begin with, and "woocommerce", allowed
 * only at the end as "for woocommerce".
 */
const TERMS_NOWHERE = [ 'plugin', 'wordpress' ];
const TERMS_NOT_FIRST = [ 'wp-', 'woo' ];
const FOR_USE_ONLY = 'woocommerce';

/**
 * The parser's heading test: a line starting with `==`, or `##` but not `###`.
 * @param line
 */
function isSectionHeading( line: string ): boolean {
	const trimmed = line.trim();
	return (
		trimmed.startsWith( '==' ) ||
		( trimmed.startsWith( '##' ) && ! trimmed.startsWith( '###' ) )
	);
}

/**
 * A `Key: value` line as the parser splits it, or null.
 * @param line
 */
function headerLine( line: string ): [ string, string ] | null {
	if ( ! line.includes( ':' ) || /^[#=]/.test( line ) ) {
		return null;
	}
	const at = line.indexOf( ':' );
	const strip = ( text: string ) => text.replace( /^[\s*-]+|[\s*-]+$/g, '' );
	return [
		strip( line.slice( 0, at ) ).toLowerCase(),
		strip( line.slice( at + 1 ) ),
	];
}

/**
 * Reads a readme.txt the way the directory's parser does.
 *
 * @param text Contents of readme.txt.
 */
export function parseReadme( text: string ): Readme {
	const lines = text.replace( /^\uFEFF/, '' ).split( /\r\n|\r|\n/ );
	let index = 0;
	const nextNonBlank = () => {
		while (
			index < lines.length &&
			( lines[ index ] ?? '' ).trim() === ''
		) {
			index++;
		}
		return lines[ index ] ?? '';
	};

	let name: string | null = null;
	const first = nextNonBlank();
	const firstAsHeader = headerLine( first );
	if ( ! firstAsHeader || ! VALID_HEADERS[ firstAsHeader[ 0 ] ] ) {
		name = first.replace( /^[#=\s]+|[#=\s]+$/g, '' );
		index++;
		if ( name.toLowerCase() === 'plugin name' ) {
			name = null;
		}
	}

	const headers: Record< string, string > = {};
	let lastBlank = false;
	for ( ; index < lines.length; index++ ) {
		const line = lines[ index ] ?? '';
		const header = headerLine( line );
		if ( ! header ) {
			if ( line.trim() === '' ) {
				lastBlank = true;
				continue;
			}
			break;
		}
		const key = VALID_HEADERS[ header[ 0 ] ];
		if ( key ) {
			headers[ key ] = header[ 1 ];
		} else if ( lastBlank ) {
			break;
		}
		lastBlank = false;
	}

	const short: string[] = [];
	for ( ; index < lines.length; index++ ) {
		const line = lines[ index ] ?? '';
		if ( isSectionHeading( line ) ) {
			break;
		}
		short.push( line );
	}

	const sections: ReadmeSection[] = [];
	for ( ; index < lines.length; index++ ) {
		const line = lines[ index ] ?? '';
		if ( isSectionHeading( line ) ) {
			const title = line.trim().replace( /^[#=\s]+|[#=\s]+$/g, '' );
			const raw = title.toLowerCase().replace( / /g, '_' );
			sections.push( {
				title,
				key: SECTION_ALIASES[ raw ] ?? raw,
				body: '',
			} );
		} else if ( sections.length > 0 ) {
			const section = sections[ sections.length - 1 ];
			if ( section ) {
				section.body += line + '\n';
			}
		}
	}

	return {
		name,
		headers,
		shortDescription: short.join( '\n' ).trim(),
		sections,
	};
}

/**
 * The header fields of a plugin's main PHP file (`Name: value` lines of its first comment).
 *
 * @param php Contents of the main plugin file.
 */
export function readPluginHeader( php: string ): Record< string, string > {
	const header: Record< string, string > = {};
	const comment = /\/\*\*?([\s\S]*?)\*\//.exec( php )?.[ 1 ] ?? '';
	for ( const line of comment.split( '\n' ) ) {
		const match = /^\s*\*?\s*([A-Za-z][A-Za-z ]*?):\s*(.+?)\s*$/.exec(
			line
		);
		if ( match?.[ 1 ] && match[ 2 ] ) {
			header[ match[ 1 ] ] = match[ 2 ];
		}
	}
	return header;
}

/**
 * A license the way Plugin Check compares them: no "or later", no dashes or dots, GPLv2 → GPL2.
 * @param license
 */
function normalizeLicense( license: string ): string {
	return license
		.trim()
		.replace( /(\.| or later|-or-later|\+)$/i, '' )
		.replace( /GNU General Public License( \(GPL\))?/i, 'GPL' )
		.replace( /GPL\s*[-.]*\s*v?(\d)(\.0)?/i, 'GPL$1' )
		.replace( /[-.\s]/g, '' )
		.toLowerCase();
}

function words( text: string ): number {
	return text.split( /\s+/ ).filter( Boolean ).length;
}

function markupFree( text: string ): string {
	return text.replace( /<[^>]*>/g, '' ).replace( /[*_`[\]]/g, '' );
}

/**
 * Every rule of the directory that the readme breaks, one sentence each; empty when it passes.
 *
 * @param text    Contents of readme.txt.
 * @param context The plugin header and the newest WordPress.
 */
export function readmeProblems(
	text: string,
	context: ReadmeContext
): string[] {
	const readme = parseReadme( text );
	const { headers } = readme;
	const plugin = context.pluginHeader;
	const problems: string[] = [];

	if ( ! readme.name ) {
		problems.push(
			'No plugin name: the first line must be "=== Plugin Name ===".'
		);
	} else if (
		plugin[ 'Plugin Name' ] &&
		readme.name !== plugin[ 'Plugin Name' ]
	) {
		problems.push(
			`The readme names the plugin "${ readme.name }", its header "${ plugin[ 'Plugin Name' ] }".`
		);
	}

	for ( const [ key, label ] of [
		[ 'contributors', 'Contributors' ],
		[ 'tags', 'Tags' ],
		[ 'requires', 'Requires at least' ],
		[ 'tested', 'Tested up to' ],
		[ 'requires_php', 'Requires PHP' ],
		[ 'stable_tag', 'Stable tag' ],
		[ 'license', 'License' ],
		[ 'license_uri', 'License URI' ],
	] as const ) {
		if ( ! headers[ key ] ) {
			problems.push( `The header field "${ label }" is missing.` );
		}
	}

	const contributors = ( headers.contributors ?? '' )
		.split( ',' )
		.map( ( user ) => user.trim() )
		.filter( Boolean );
	for ( const user of contributors ) {
		if ( ! /^@?[A-Za-z0-9._-]+$/.test( user ) ) {
			problems.push(
				`"${ user }" is not a WordPress.org username (Contributors lists usernames only).`
			);
		}
	}

	const tags = ( headers.tags ?? '' )
		.split( ',' )
		.map( ( tag ) => tag.trim() )
		.filter( Boolean );
	const ignored = tags.filter( ( tag ) =>
		IGNORED_TAGS.includes( tag.toLowerCase() )
	);
	if ( ignored.length ) {
		problems.push(
			`The directory ignores the tags ${ ignored.join( ', ' ) }.`
		);
	}
	if ( tags.length - ignored.length > MAX_TAGS ) {
		problems.push(
			`${ tags.length - ignored.length } tags: the directory keeps only the first ${ MAX_TAGS }.`
		);
	}
	if ( tags.includes( 'tag1' ) ) {
		problems.push( 'The tags are the example readme\'s ("tag1").' );
	}

	if ( headers.requires && ! WORDPRESS_VERSION.test( headers.requires ) ) {
		problems.push(
			`"Requires at least: ${ headers.requires }" is not a WordPress version (x.y or x.y.z); the directory ignores it.`
		);
	}
	if ( headers.tested && ! WORDPRESS_VERSION.test( headers.tested ) ) {
		problems.push(
			`"Tested up to: ${ headers.tested }" is not a WordPress version (x.y or x.y.z); the directory ignores it.`
		);
	} else if (
		headers.tested &&
		headers.tested.split( '.' ).slice( 0, 2 ).join( '.' ) !==
			context.newestWordPress
	) {
		problems.push(
			`"Tested up to: ${ headers.tested }" is not the newest WordPress the plugin is tested on (${ context.newestWordPress }).`
		);
	}
	if ( headers.requires_php && ! PHP_VERSION.test( headers.requires_php ) ) {
		problems.push(
			`"Requires PHP: ${ headers.requires_php }" is not a PHP version (x.y or x.y.z); the directory ignores it.`
		);
	}
	for ( const [ key, field ] of [
		[ 'requires', 'Requires at least' ],
		[ 'requires_php', 'Requires PHP' ],
	] as const ) {
		if (
			headers[ key ] &&
			plugin[ field ] &&
			headers[ key ] !== plugin[ field ]
		) {
			problems.push(
				`"${ field }" is ${ headers[ key ] } in the readme but ${ plugin[ field ] } in the plugin header.`
			);
		}
	}

	const stable = ( headers.stable_tag ?? '' ).replace( /^["']|["']$/g, '' );
	if ( stable.toLowerCase() === 'trunk' ) {
		problems.push(
			'"Stable tag: trunk": the stable tag must be the released version.'
		);
	} else if ( stable && plugin.Version && stable !== plugin.Version ) {
		problems.push(
			`"Stable tag: ${ stable }" differs from the plugin's Version ${ plugin.Version }.`
		);
	}

	if ( headers.license ) {
		const squeezed = headers.license
			.toLowerCase()
			.replace( /licence/g, 'license' )
			.replace( /(version |v)(\d)/g, '$2' )
			.replace( /[^a-z0-9.]+/g, '' );
		if (
			INCOMPATIBLE_LICENSES.some( ( word ) =>
				squeezed.includes( word.replace( /-/g, '' ) )
			)
		) {
			problems.push(
				`"License: ${ headers.license }" is not GPL-compatible.`
			);
		} else if (
			! COMPATIBLE_LICENSES.some( ( word ) => squeezed.includes( word ) )
		) {
			problems.push(
				`"License: ${ headers.license }" is not a license the directory recognises as GPL-compatible.`
			);
		}
		if (
			plugin.License &&
			normalizeLicense( headers.license ) !==
				normalizeLicense( plugin.License )
		) {
			problems.push(
				`The readme's license "${ headers.license }" differs from the plugin header's "${ plugin.License }".`
			);
		}
	}

	if ( ! readme.shortDescription ) {
		problems.push(
			'No short description: one plain sentence must follow the header fields.'
		);
	} else {
		const plain = markupFree( readme.shortDescription );
		if ( [ ...plain ].length > SHORT_DESCRIPTION_CHARACTERS ) {
			problems.push(
				`The short description has ${ [ ...plain ].length } characters; the directory cuts it at ${ SHORT_DESCRIPTION_CHARACTERS }.`
			);
		}
		if ( plain !== readme.shortDescription ) {
			problems.push(
				'The short description contains markup; it must be plain text.'
			);
		}
		if (
			readme.shortDescription.includes(
				'Here is a short description of the plugin.'
			)
		) {
			problems.push( "The short description is the example readme's." );
		}
	}

	const keys = readme.sections.map( ( section ) => section.key );
	for ( const [ key, title ] of [
		[ 'description', 'Description' ],
		[ 'installation', 'Installation' ],
		[ 'faq', 'Frequently Asked Questions' ],
		[ 'changelog', 'Changelog' ],
	] as const ) {
		if ( ! keys.includes( key ) ) {
			problems.push( `The section "== ${ title } ==" is missing.` );
		}
	}
	for ( const section of readme.sections ) {
		if ( ! EXPECTED_SECTIONS.includes( section.key ) ) {
			problems.push(
				`"== ${ section.title } ==" is not a section the directory knows; it would be appended to the description.`
			);
		}
		const limit = SECTION_WORDS[ section.key ] ?? DEFAULT_SECTION_WORDS;
		if ( words( section.body ) > limit ) {
			problems.push(
				`"== ${ section.title } ==" has ${ words( section.body ) } words; the directory cuts it at ${ limit }.`
			);
		}
	}
	const changelog = readme.sections.find(
		( section ) => section.key === 'changelog'
	);
	const latestEntry = ( changelog?.body ?? '' )
		.split( '\n' )
		.find( ( line ) => line.trim().startsWith( '=' ) );
	if (
		changelog &&
		stable &&
		latestEntry?.replace( /[=\s]/g, '' ) !== stable
	) {
		problems.push(
			`The changelog does not begin with the stable version ${ stable }.`
		);
	}
	const notices = readme.sections.find(
		( section ) => section.key === 'upgrade_notice'
	);
	for ( const notice of ( notices?.body ?? '' ).split( /^\s*=.*=\s*$/m ) ) {
		if ( notice.trim().length > UPGRADE_NOTICE_CHARACTERS ) {
			problems.push(
				`An upgrade notice has more than ${ UPGRADE_NOTICE_CHARACTERS } characters.`
			);
		}
	}

	const dashed = ( readme.name ?? '' )
		.toLowerCase()
		.replace( /[^a-z0-9]+/g, '-' );
	for ( const [ what, value ] of [
		[ 'name', dashed ],
		[ 'slug', context.slug ],
	] as const ) {
		const forUse = `-for-${ FOR_USE_ONLY }`;
		const rest = value.endsWith( forUse )
			? value.slice( 0, -forUse.length )
			: value;
		const term =
			TERMS_NOWHERE.find( ( word ) => rest.includes( word ) ) ??
			( rest.includes( FOR_USE_ONLY ) ? FOR_USE_ONLY : undefined ) ??
			TERMS_NOT_FIRST.find( ( word ) => rest.startsWith( word ) );
		if ( term ) {
			problems.push(
				`The plugin ${ what } "${ value }" uses the restricted term "${ term }".`
			);
		}
	}

	return problems;
}
