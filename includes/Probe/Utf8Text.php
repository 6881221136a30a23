<?php
/**
 * Bytes a remote server sent, as valid UTF-8 text.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * A capped body can end inside a character, and block pages are not always UTF-8; JSON needs
 * valid UTF-8, so invalid bytes become `?`.
 */
final class Utf8Text {

	/**
	 * The bytes with every invalid sequence replaced.
	 *
	 * @param string $bytes Raw bytes.
	 */
	public static function of( string $bytes ): string {
		if ( function_exists( 'mb_scrub' ) ) {
			return mb_scrub( $bytes, 'UTF-8' );
		}
		$clean = function_exists( 'iconv' ) ? iconv( 'UTF-8', 'UTF-8//IGNORE', $bytes ) : false;
		return false === $clean ? wp_check_invalid_utf8( $bytes, true ) : $clean;
	}
}
