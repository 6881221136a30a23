<?php
/**
 * Plugin Name: Heartbeat write counter (tests only)
 * Description: Appends one line to .wp-stack/run/traffic-writes.jsonl each time WordPress writes
 * the heartbeat's option, naming the callbacks whose record changed, so tests can prove that a
 * burst of callbacks writes at most once per callback. Never shipped: lives under tests/doubles/.
 *
 * @package KcoCallbackDoctor\Tests
 */

defined( 'ABSPATH' ) || exit;

/**
 * Catalogue ids whose number of calls seen differs between two values of the option.
 *
 * @param mixed $before Old value.
 * @param mixed $after  New value.
 * @return string[]
 */
function kco_traffic_counter_changed( $before, $after ): array {
	$changed = array();
	$after   = is_array( $after ) && isset( $after['callbacks'] ) && is_array( $after['callbacks'] ) ? $after['callbacks'] : array();
	$before  = is_array( $before ) && isset( $before['callbacks'] ) && is_array( $before['callbacks'] ) ? $before['callbacks'] : array();
	foreach ( $after as $id => $entry ) {
		if ( ( $before[ $id ]['total'] ?? null ) !== ( $entry['total'] ?? null ) ) {
			$changed[] = $id;
		}
	}
	return $changed;
}

/**
 * Appends one write.
 *
 * @param string   $hook     The option hook that fired.
 * @param string[] $changed  Callbacks whose record changed.
 */
function kco_traffic_counter_append( string $hook, array $changed ): void {
	if ( ! defined( 'KCO_STACK_DIR' ) ) {
		return;
	}
	$record = array(
		'hook'    => $hook,
		'changed' => $changed,
		'time'    => microtime( true ),
	);
	file_put_contents( KCO_STACK_DIR . '/run/traffic-writes.jsonl', wp_json_encode( $record ) . "\n", FILE_APPEND | LOCK_EX ); // phpcs:ignore WordPress.WP.AlternativeFunctions
}

add_action(
	'add_option_kco_callback_doctor_traffic',
	static function ( $option, $value ) {
		kco_traffic_counter_append( 'add_option', kco_traffic_counter_changed( null, $value ) );
	},
	10,
	2
);

add_action(
	'update_option_kco_callback_doctor_traffic',
	static function ( $old_value, $value ) {
		kco_traffic_counter_append( 'update_option', kco_traffic_counter_changed( $old_value, $value ) );
	},
	10,
	2
);
