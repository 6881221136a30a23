<?php
/**
 * Shapes what was seen of one probe as types.ts Observation.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\Probe;

defined( 'ABSPATH' ) || exit;

/**
 * Raw facts only. The one verdict PHP knows is the protocol's own: the echo is present only when
 * its signature verified for the very token sent on the last hop.
 */
final class Observation {

	/**
	 * The observation of a probe.
	 *
	 * @param Probe                $probe   The probe as first sent.
	 * @param array<string, mixed> $journey Its journey (RedirectFollower::travel()).
	 * @return array<string, mixed>
	 */
	public static function of( Probe $probe, array $journey ): array {
		$final = $journey['final'];
		$echo  = null;
		if ( 200 === $final['status'] && null !== $final['probeId'] ) {
			$echo = EchoSeal::open( $final['rawBody'], $final['probeId'], $probe->endpoint );
		}

		return array(
			'endpoint'  => $probe->endpoint,
			'variant'   => $probe->variant,
			'basedOn'   => $probe->based_on,
			'request'   => self::request( $probe ),
			'error'     => $final['error'],
			'response'  => null === $final['status'] ? null : array(
				'status'        => $final['status'],
				'reason'        => $final['reason'],
				'headers'       => (object) $final['headers'],
				'body'          => $final['body'],
				'bodyTruncated' => $final['truncated'],
			),
			'redirects' => $journey['redirects'],
			'timing'    => array(
				'totalMs'       => $journey['totalMs'],
				'connectMs'     => $journey['connectMs'],
				'tlsMs'         => $journey['tlsMs'],
				'measuredAlone' => $journey['alone'],
			),
			'echo'      => $echo,
		);
	}

	/**
	 * What was sent (types.ts ProbeRequest): the headers as set, without the token.
	 *
	 * @param Probe $probe The probe as first sent.
	 * @return array<string, mixed>
	 */
	private static function request( Probe $probe ): array {
		$headers = array( 'User-Agent' => $probe->user_agent );
		foreach ( $probe->headers as $name => $value ) {
			// An empty value only tells cURL to leave its default header out.
			if ( '' !== $value ) {
				$headers[ $name ] = $value;
			}
		}
		if ( 'POST' === $probe->method ) {
			$headers['Content-Length'] = (string) strlen( $probe->body );
		}
		return array(
			'method'     => $probe->method,
			'url'        => $probe->url,
			'headers'    => (object) $headers,
			'bodyBytes'  => strlen( $probe->body ),
			'bodySha256' => hash( 'sha256', $probe->body ),
		);
	}
}
