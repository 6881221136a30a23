/**
 * A Markdown report of a run, for a support ticket. Everything that came from the site or a
 * remote server (URLs, headers, block pages) goes into code spans or fenced blocks with their
 * backticks neutralised, so a ticket system renders it as text, never as markup or HTML.
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import type { Run } from '../api/types';
import { formatDuration, plainText } from './plain-text';
import type { Diagnosis, Evidence, Finding, FindingStatus } from './types';
import { variantsLabel } from './evidence';
import { variantLabel } from './variants';

/** Looks like a backtick, cannot open or close a code span or fence. */
const NEUTRAL_BACKTICK = '\u02CB';

/**
 * A value as an inline code span: one line, no backtick that could end the span.
 * @param value Text that may have come from the site or a remote server.
 */
export function inlineCode( value: string ): string {
	const text = plainText( value )
		.replace( /\s*\n\s*/g, ' ' )
		.replace( /`/g, NEUTRAL_BACKTICK )
		.trim();
	return text === '' ? '` `' : `\`${ text }\``;
}

/**
 * Multi-line text as a fenced block, indented for a list item.
 * @param value  Text that may have come from the site or a remote server.
 * @param indent Text put before every line.
 */
export function fencedBlock( value: string, indent = '' ): string {
	const lines = plainText( value )
		.replace( /`/g, NEUTRAL_BACKTICK )
		.split( '\n' );
	return [ '```text', ...lines, '```' ]
		.map( ( line ) => `${ indent }${ line }` )
		.join( '\n' );
}

/**
 * Prose (our own sentences, with plugin or product names in them): characters that could start
 * HTML, a link or a code span are escaped; emphasis characters are harmless and left alone.
 * @param value Text that may have come from the site or a remote server.
 */
export function markdownText( value: string ): string {
	return plainText( value )
		.replace( /\s*\n\s*/g, ' ' )
		.replace( /[\\`<>[\]]/g, ( character ) => `\\${ character }` );
}

export function statusWord( status: FindingStatus ): string {
	switch ( status ) {
		case 'pass':
			return __( 'Passed', 'kco-callback-doctor' );
		case 'warn':
			return __( 'Warning', 'kco-callback-doctor' );
		case 'fail':
			return __( 'Failed', 'kco-callback-doctor' );
		case 'info':
			return __( 'Info', 'kco-callback-doctor' );
	}
}

function overallSentence( diagnosis: Diagnosis ): string {
	if ( diagnosis.problems > 0 ) {
		return sprintf(
			/* translators: %d: number of problems. */
			_n(
				'%d problem will stop Klarna orders.',
				'%d problems will stop Klarna orders.',
				diagnosis.problems,
				'kco-callback-doctor'
			),
			diagnosis.problems
		);
	}
	return diagnosis.overall === 'pass'
		? __( 'All callbacks reachable.', 'kco-callback-doctor' )
		: __(
				'Nothing found stops Klarna orders, but some checks need attention.',
				'kco-callback-doctor'
			);
}

function evidenceLines( evidence: Evidence[] ): string[] {
	return evidence.map( ( line ) => {
		const label = markdownText( line.label );
		if ( line.verbatim === true || line.value.includes( '\n' ) ) {
			return `- ${ label }:\n\n${ fencedBlock( line.value, '  ' ) }\n`;
		}
		return `- ${ label }: ${ inlineCode( line.value ) }`;
	} );
}

function findingSection( finding: Finding ): string {
	const parts: string[] = [
		`### ${ statusWord( finding.status ) }: ${ markdownText( finding.title ) }`,
		markdownText( finding.summary ),
	];
	if ( finding.usedByKlarna === false ) {
		parts.push(
			`_${ __(
				'Not used by the installed KCO version.',
				'kco-callback-doctor'
			) }_`
		);
	}
	if ( finding.impact !== undefined ) {
		parts.push( markdownText( finding.impact ) );
	}
	if ( finding.cause !== undefined ) {
		parts.push(
			`**${ __( 'Cause', 'kco-callback-doctor' ) }:** ${ markdownText(
				finding.cause
			) }`
		);
	}
	const listsVariants =
		finding.variants !== undefined && finding.variants.length > 1;
	// The variants get their own list below; their one-line summary would repeat it.
	const evidence = finding.evidence.filter(
		( line ) => ! listsVariants || line.label !== variantsLabel()
	);
	if ( evidence.length > 0 ) {
		parts.push(
			`**${ __( 'Evidence', 'kco-callback-doctor' ) }**\n\n${ evidenceLines(
				evidence
			).join( '\n' ) }`
		);
	}
	if ( listsVariants && finding.variants ) {
		const lines = finding.variants.map(
			( item ) =>
				`- ${ markdownText( variantLabel( item.variant ) ) }: ${
					item.passed
						? __( 'passed', 'kco-callback-doctor' )
						: __( 'failed', 'kco-callback-doctor' )
				} (${ inlineCode( item.outcome ) })`
		);
		parts.push(
			`**${ __( 'Variants', 'kco-callback-doctor' ) }**\n\n${ lines.join( '\n' ) }`
		);
	}
	if ( finding.remediation.length > 0 ) {
		const steps = finding.remediation.map( ( step, index ) => {
			const copies = ( step.copy ?? [] ).map(
				( text ) => `\n   - ${ inlineCode( text ) }`
			);
			return `${ index + 1 }. ${ markdownText( step.text ) }${ copies.join( '' ) }`;
		} );
		parts.push(
			`**${ __( 'How to fix', 'kco-callback-doctor' ) }**\n\n${ steps.join( '\n' ) }`
		);
	}
	return parts.join( '\n\n' );
}

function header( run: Run, diagnosis: Diagnosis ): string {
	const { environment } = run;
	const { counts } = diagnosis;
	const unknown = __( 'unknown', 'kco-callback-doctor' );
	const kcoName =
		environment.kco.name ?? __( 'Klarna Checkout', 'kco-callback-doctor' );
	const kcoVersion = environment.kco.version ?? unknown;
	const kco = environment.kco.active
		? `${ inlineCode( kcoName ) } ${ inlineCode( kcoVersion ) } (${ markdownText(
				environment.kco.flow
			) })`
		: __( 'not active', 'kco-callback-doctor' );
	const woocommerce = environment.woocommerce.active
		? inlineCode( environment.woocommerce.version ?? unknown )
		: __( 'not active', 'kco-callback-doctor' );
	return [
		`# ${ sprintf(
			/* translators: %s: host name of the site. */
			__( 'Klarna callback report for %s', 'kco-callback-doctor' ),
			markdownText( environment.host )
		) }`,
		'',
		`- ${ __( 'Site', 'kco-callback-doctor' ) }: ${ inlineCode(
			environment.homeUrl
		) }`,
		`- ${ __( 'Checked', 'kco-callback-doctor' ) }: ${ inlineCode(
			run.startedAt
		) } (${ formatDuration( run.durationMs ) })`,
		`- ${ __( 'Run', 'kco-callback-doctor' ) }: ${ inlineCode( run.id ) }`,
		`- WordPress ${ inlineCode( environment.wordpressVersion ) }, PHP ${ inlineCode(
			environment.phpVersion
		) }, ${ __( 'server', 'kco-callback-doctor' ) } ${ inlineCode(
			environment.serverSoftware
		) }`,
		`- WooCommerce: ${ woocommerce }`,
		`- ${ __( 'Klarna Checkout', 'kco-callback-doctor' ) }: ${ kco }`,
		`- ${ __( 'Result', 'kco-callback-doctor' ) }: ${ overallSentence(
			diagnosis
		) } ${ sprintf(
			/* translators: 1: passed checks; 2: warnings; 3: failed checks; 4: informational findings. */
			__(
				'Passed: %1$d, warnings: %2$d, failed: %3$d, information: %4$d.',
				'kco-callback-doctor'
			),
			counts.pass,
			counts.warn,
			counts.fail,
			counts.info
		) }`,
	].join( '\n' );
}

export function buildMarkdownReport( run: Run, diagnosis: Diagnosis ): string {
	const requirements = diagnosis.findings.filter(
		( finding ) => finding.group === 'requirement'
	);
	const endpoints = diagnosis.findings.filter(
		( finding ) => finding.group === 'endpoint'
	);
	const sections = [ header( run, diagnosis ) ];
	if ( requirements.length > 0 ) {
		sections.push(
			`## ${ __( 'Requirements', 'kco-callback-doctor' ) }`,
			...requirements.map( findingSection )
		);
	}
	if ( endpoints.length > 0 ) {
		sections.push(
			`## ${ __( 'Callback endpoints', 'kco-callback-doctor' ) }`,
			...endpoints.map( findingSection )
		);
	}
	return `${ sections.join( '\n\n' ) }\n`;
}
