/**
 * Times and durations in the admin's language (the `lang` WordPress prints on <html>).
 */
function adminLocale(): string | undefined {
	return document.documentElement.lang || undefined;
}

/**
 * A point in time, e.g. "12 Mar 2026, 14:05". An unreadable value is shown as it came.
 *
 * @param iso ISO 8601 date and time.
 */
export function formatTime( iso: string ): string {
	const date = new Date( iso );
	if ( Number.isNaN( date.getTime() ) ) {
		return iso;
	}
	return new Intl.DateTimeFormat( adminLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
	} ).format( date );
}

/**
 * A duration: "850 ms" below a second, "4.2 sec" above.
 *
 * @param milliseconds The duration.
 */
export function formatDuration( milliseconds: number ): string {
	if ( milliseconds < 1000 ) {
		return new Intl.NumberFormat( adminLocale(), {
			style: 'unit',
			unit: 'millisecond',
			maximumFractionDigits: 0,
		} ).format( milliseconds );
	}
	return new Intl.NumberFormat( adminLocale(), {
		style: 'unit',
		unit: 'second',
		maximumFractionDigits: 1,
	} ).format( milliseconds / 1000 );
}
