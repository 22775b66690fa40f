/** The pupil import's public server API for other features. */
export { IMPORTER_ROLES } from './policy.ts';
