/**
 * One line per callback: when Klarna last really called it, what the shop answered, how long PHP
 * took; or that no real call was seen.
 */
import type { Heartbeat } from '../diagnosis/traffic';
import { StatusBadge } from './StatusBadge';

export interface HeartbeatListProps {
	/** The lines, in catalogue order. */
	heartbeats: Heartbeat[];
}

export function HeartbeatList( { heartbeats }: HeartbeatListProps ) {
	return (
		<ul className="kcd-heartbeats">
			{ heartbeats.map( ( heartbeat ) => (
				<li
					key={ heartbeat.endpoint }
					className={ `kcd-heartbeats__item is-${ heartbeat.status }` }
					data-heartbeat={ heartbeat.endpoint }
				>
					<StatusBadge status={ heartbeat.status } />
					<strong className="kcd-heartbeats__label">
						{ heartbeat.label }
					</strong>
					<span className="kcd-heartbeats__text">
						{ heartbeat.text }
					</span>
				</li>
			) ) }
		</ul>
	);
}
