/**
 * What the scheduled checks and their alerts leave in the stack, read the way an owner (or
 * WooCommerce) would see it: Action Scheduler's queue, the Inbox's notes table, the admin
 * notice on an admin screen, and the e-mails the mail catcher (tests/doubles/mail-catcher.php)
 * recorded instead of sending.
 */
import { existsSync, readFileSync, readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';

import { docroot } from '../../e2e/support/scenarios';
import type { Session } from './session';
import { BASE_URL, STACK_DIR, dbQuery, wpCli } from './stack';

export const GROUP = 'kco-callback-doctor';
export const RECURRING_HOOK = 'kco_callback_doctor_scheduled_check';
export const AFTER_CHANGE_HOOK = 'kco_callback_doctor_check_after_change';
export const NOTE_NAME = 'kco-callback-doctor-callbacks';

export interface CaughtMail {
	to: string[];
	subject: string;
	message: string;
}

const MAILS = join( STACK_DIR, 'run', 'mails.jsonl' );

/** E-mails wp_mail() was asked to send since the last clear. */
export const mails = {
	all: (): CaughtMail[] =>
		existsSync( MAILS )
			? readFileSync( MAILS, 'utf8' )
					.split( '\n' )
					.filter( Boolean )
					.map( ( line ) => JSON.parse( line ) as CaughtMail )
			: [],
	clear: (): void => {
		if ( existsSync( MAILS ) ) {
			truncateSync( MAILS, 0 );
		}
	},
};

export interface QueuedAction {
	id: number;
	hook: string;
	status: string;
	args: string;
}

/**
 * The plugin's actions in Action Scheduler's table.
 *
 * @param status Only actions in this status (pending, complete, failed, canceled...).
 */
export function actions( status?: string ): QueuedAction[] {
	const where = status ? ` AND a.status = '${ status }'` : '';
	return dbQuery(
		`SELECT a.action_id, a.hook, a.status, a.args FROM wp_actionscheduler_actions a JOIN wp_actionscheduler_groups g ON g.group_id = a.group_id WHERE g.slug = '${ GROUP }'${ where } ORDER BY a.action_id`
	).map( ( row ) => {
		const [ id = '0', hook = '', rowStatus = '', args = '' ] =
			row.split( '\t' );
		return { id: Number( id ), hook, status: rowStatus, args };
	} );
}

/**
 * Makes the plugin's pending actions with this hook due now, as if their time had come: moves
 * their scheduled date into the past.
 *
 * @param hook The action's hook.
 */
export function makeDue( hook: string ): void {
	dbQuery(
		`UPDATE wp_actionscheduler_actions SET scheduled_date_gmt = UTC_TIMESTAMP() - INTERVAL 1 MINUTE, scheduled_date_local = NOW() - INTERVAL 1 MINUTE WHERE hook = '${ hook }' AND status = 'pending'`
	);
}

/**
 * Runs the due actions of the plugin's group with WP-CLI, as a server cron job running
 * `wp action-scheduler run` does. Deactivating any plugin makes Action Scheduler redo its
 * (empty) move to its own tables, which a live site's cron does at once; without it a group
 * cannot be named.
 */
export function runScheduledActions(): string {
	const migrated = dbQuery(
		"SELECT option_value FROM wp_options WHERE option_name = 'action_scheduler_migration_status'"
	);
	if ( migrated[ 0 ] !== 'complete' ) {
		wpCli( 'action-scheduler', 'migrate' );
	}
	return wpCli( 'action-scheduler', 'run', `--group=${ GROUP }` );
}

export interface InboxNote {
	id: number;
	type: string;
	title: string;
	content: string;
	status: string;
}

/** The plugin's notes in WooCommerce's Inbox. */
export function inboxNotes(): InboxNote[] {
	return dbQuery(
		`SELECT note_id, type, title, content, status FROM wp_wc_admin_notes WHERE name = '${ NOTE_NAME }' ORDER BY note_id`
	).map( ( row ) => {
		const [ id = '0', type = '', title = '', content = '', status = '' ] =
			row.split( '\t' );
		return { id: Number( id ), type, title, content, status };
	} );
}

export interface AdminNotice {
	/** The notice's markup. */
	html: string;
	/** Its text, tags removed. */
	text: string;
	/** The nonce'd dismiss link. */
	dismissUrl: string;
}

/**
 * Undoes the HTML escaping of an attribute or text (esc_url writes & as &#038;).
 *
 * @param html Escaped text.
 */
function unescape( html: string ): string {
	return html
		.replace( /&#0?38;|&amp;/g, '&' )
		.replace( /&#0?39;|&#8217;/g, "'" );
}

/**
 * The doctor's alert notice on an admin screen (the posts list: shop managers and
 * administrators can open it, and it asks WordPress.org for nothing), or null when the screen
 * shows none.
 *
 * @param session The user who looks.
 */
export async function adminNotice(
	session: Session
): Promise< AdminNotice | null > {
	const response = await fetch( `${ BASE_URL }/wp-admin/edit.php`, {
		headers: { Cookie: session.cookie },
		redirect: 'manual',
	} );
	if ( response.status !== 200 ) {
		throw new Error(
			`The posts screen answered ${ response.status } ${
				response.headers.get( 'location' ) ?? ''
			}`
		);
	}
	const page = await response.text();
	const match = page.match(
		/<div class="notice [^"]*kco-callback-doctor-alert">[\s\S]*?<\/div>/
	);
	if ( ! match ) {
		return null;
	}
	const html = match[ 0 ];
	const dismiss = html.match( /href="([^"]*admin-post\.php[^"]*)"/ );
	return {
		html,
		text: unescape( html.replace( /<[^>]+>/g, ' ' ) )
			.replace( /\s+/g, ' ' )
			.trim(),
		dismissUrl: unescape( dismiss?.[ 1 ] ?? '' ),
	};
}

/**
 * WooCommerce's log lines of the plugin's source (WooCommerce → Status → Logs).
 */
export function wooCommerceLog(): string[] {
	const folder = join( docroot(), 'wp-content', 'uploads', 'wc-logs' );
	if ( ! existsSync( folder ) ) {
		return [];
	}
	return readdirSync( folder )
		.filter( ( file ) => file.startsWith( 'kco-callback-doctor-' ) )
		.flatMap( ( file ) =>
			readFileSync( join( folder, file ), 'utf8' ).split( '\n' )
		)
		.filter( Boolean );
}
