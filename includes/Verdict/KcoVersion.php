<?php
/**
 * Comparing KCO versions as plugin headers write them (src/diagnosis/kco-version.ts).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * Numeric parts only, so `2.19.0-beta` counts as 2.19.0: version_compare() would rank it below
 * 2.19.0 and the verdict would differ from the page's.
 */
final class KcoVersion {

	/**
	 * Whether $version is at least $minimum; false when the version is unknown.
	 *
	 * @param string|null $version Installed version, or null.
	 * @param string      $minimum Lowest version that qualifies.
	 */
	public static function is_at_least( ?string $version, string $minimum ): bool {
		if ( null === $version ) {
			return false;
		}
		$have = self::parts( $version );
		if ( empty( $have ) ) {
			return false;
		}
		$want = self::parts( $minimum );
		foreach ( $want as $index => $wanted ) {
			$had = $have[ $index ] ?? 0;
			if ( $had !== $wanted ) {
				return $had > $wanted;
			}
		}
		return true;
	}

	/**
	 * The leading numbers of each `.`, `+` or `-` separated part (JavaScript's parseInt).
	 *
	 * @param string $version Version.
	 * @return int[]
	 */
	private static function parts( string $version ): array {
		$parts = array();
		foreach ( preg_split( '/[.+-]/', $version ) as $part ) {
			if ( preg_match( '/^\s*([+-]?\d+)/', $part, $match ) ) {
				$parts[] = (int) $match[1];
			}
		}
		return $parts;
	}
}
