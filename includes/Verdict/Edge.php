<?php
/**
 * The CDN or cloud firewall in front of the site (src/diagnosis/edge.ts).
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Verdict;

defined( 'ABSPATH' ) || exit;

/**
 * Seen in the headers each edge network adds to every response it forwards
 * (edge-markers.json, which the page reads too), or through an active CDN plugin.
 */
final class Edge {

	/**
	 * Markers, loaded once per request.
	 *
	 * @var array<int, array{name: string, header: string, pattern: string}>|null
	 */
	private static $markers = null;

	/**
	 * The name of the CDN/WAF the run shows, or null.
	 *
	 * @param array<int, array<string, mixed>> $observations Every observation of the run.
	 * @param array<string, mixed>             $environment  The run's environment.
	 */
	public static function detect( array $observations, array $environment ): ?string {
		foreach ( $observations as $observation ) {
			$response = $observation['response'] ?? null;
			if ( ! is_array( $response ) ) {
				continue;
			}
			$headers = Observations::headers( $response );
			foreach ( self::markers() as $marker ) {
				if ( isset( $headers[ $marker['header'] ] ) && preg_match( '/' . str_replace( '/', '\/', $marker['pattern'] ) . '/i', $headers[ $marker['header'] ] ) ) {
					return $marker['name'];
				}
			}
		}
		foreach ( (array) ( $environment['plugins'] ?? array() ) as $plugin ) {
			if ( is_array( $plugin ) && 'cdn' === ( $plugin['category'] ?? null ) ) {
				return (string) ( $plugin['name'] ?? '' );
			}
		}
		return null;
	}

	/**
	 * The markers from edge-markers.json.
	 *
	 * @return array<int, array{name: string, header: string, pattern: string}>
	 */
	private static function markers(): array {
		if ( null === self::$markers ) {
			$json          = file_get_contents( __DIR__ . '/edge-markers.json' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			$decoded       = false === $json ? null : json_decode( $json, true );
			self::$markers = is_array( $decoded ) ? $decoded : array();
		}
		return self::$markers;
	}
}
