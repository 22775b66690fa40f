/** What other features may call of the organisation: the schools' calendars for the clocks in school days and weeks. */
export { loadSchoolCalendars } from './calendar.ts';
