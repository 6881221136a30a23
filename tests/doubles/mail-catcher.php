<?php
/**
 * Plugin Name: Mail catcher (tests only)
 * Description: Records every wp_mail() call as one JSON line in .wp-stack/run/mails.jsonl and
 * sends nothing, so tests can read the alerts the doctor e-mails. Never shipped.
 *
 * @package KcoCallbackDoctor\Tests
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, $mail ) {
		if ( defined( 'KCO_STACK_DIR' ) ) {
			file_put_contents( // phpcs:ignore WordPress.WP.AlternativeFunctions
				KCO_STACK_DIR . '/run/mails.jsonl',
				wp_json_encode(
					array(
						'to'      => array_values( (array) $mail['to'] ),
						'subject' => (string) $mail['subject'],
						'message' => (string) $mail['message'],
					)
				) . "\n",
				FILE_APPEND | LOCK_EX
			);
		}
		// True: wp_mail() reports the mail as sent without sending it.
		return true;
	},
	10,
	2
);
