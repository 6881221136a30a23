<?php
/**
 * The run Site Health judges: a recent one when there is one, a new one otherwise.
 *
 * @package KcoCallbackDoctor
 */

namespace KcoCallbackDoctor\SiteHealth;

use KcoCallbackDoctor\Doctor;
use KcoCallbackDoctor\Report\CallbackReport;

defined( 'ABSPATH' ) || exit;

/**
 * Site Health runs its asynchronous tests on every visit of Tools → Site Health, and weekly from
 * cron. A run sends a dozen requests to the shop and holds the run lock, which would make the
 * owner's own run on the doctor's page wait; so a complete run younger than an hour is judged
 * again instead. An hour keeps the result current enough: the owner who fixed something and
 * re-ran the doctor sees that newer run, and the weekly check always finds an older one and
 * probes now.
 *
 * The runs Site Health starts use the `schedule` source: nobody asked for them by name, so they
 * are kept with the automatic runs and never push the owner's manual runs out of the history.
 */
final class RecentRun {

	/**
	 * A complete run at most this old (seconds) is reused; filter `kco_callback_doctor_site_health_max_age`.
	 */
	public const MAX_AGE = HOUR_IN_SECONDS;

	/**
	 * The run to judge, or why there is none.
	 *
	 * @return array<string, mixed>|\WP_Error A stored run, or Doctor::run()'s error.
	 */
	public static function find_or_start() {
		$newest = CallbackReport::newest_complete_run();
		if ( null !== $newest && self::is_recent( $newest ) ) {
			return $newest;
		}
		$run = Doctor::run( Doctor::SOURCE_SCHEDULE );
		// Another run is under way: the last complete one is the best answer until it is stored.
		if ( is_wp_error( $run ) && 'kco_callback_doctor_run_in_progress' === $run->get_error_code() && null !== $newest ) {
			return $newest;
		}
		return $run;
	}

	/**
	 * Whether a run is young enough to be judged again.
	 *
	 * @param array<string, mixed> $run A stored run.
	 */
	private static function is_recent( array $run ): bool {
		/**
		 * How old (in seconds) a complete run may be for Site Health to judge it instead of probing
		 * again. 0 makes every Site Health test probe now.
		 *
		 * @param int $max_age Seconds; an hour by default.
		 */
		$max_age = (int) apply_filters( 'kco_callback_doctor_site_health_max_age', self::MAX_AGE );
		$started = isset( $run['startedAt'] ) ? strtotime( (string) $run['startedAt'] ) : false;
		if ( false === $started ) {
			return false;
		}
		return time() - $started < $max_age;
	}
}
