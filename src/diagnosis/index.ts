/**
 * Public entry of the diagnosis: a run's raw observations in, findings out. Pure: no React,
 * no WordPress globals, no I/O. (Contract stub: filled by the diagnosis work.)
 */
import type { Run } from '../api/types';
import type { Diagnosis } from './types';

/** Findings for a run: requirements first, then one per probed endpoint. */
export declare function diagnose( run: Run ): Diagnosis;

/** A Markdown report of a run, for a support ticket. */
export declare function buildReport( run: Run, diagnosis: Diagnosis ): string;
