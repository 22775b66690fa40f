/**
 * The support offer's public server API, for other features: the zorgplicht's
 * placement search reads the published profiles with the partnership's list
 * of needs and measures distance the way the directory does.
 */
export { distanceKm } from './directory.ts';
export { loadNeeds, type NeedRow } from './settings.ts';
