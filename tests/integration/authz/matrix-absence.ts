import { schoolCalendar } from '../../../src/platform/calendar/school-calendar.ts';
import { today } from '../../../src/platform/time.ts';
import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * A pupil's absence, on the pupil's need-to-know: the mentor of the class and
 * the school's OCO, support team and leader read and record it; the
 * whole-school roles take a record back; the OCO and the leader record the
 * report to the leerplichtambtenaar. Nobody else finds the pupil (404).
 */
const READERS = { oco: 200, ondersteuner: 200, schoolleider: 200, mentor: 200 } as const;

/** The last school day before today at A1 (its calendar has no region: weekends and public holidays only). */
const lastSchoolDay = () => schoolCalendar({ region: null, freeDays: [] }).previousSchoolDay(today());

/** A fresh pupil in the mentor's class of A1: each call records on a pupil of its own. */
const freshPupil = async (w: World) => (await f.pupil(w.sql, w.a.partnershipId, w.a.schoolId, w.a.classId)).id;

export const rows: Record<string, Entry> = {
  'GET /api/pupils/:id/absence': { call: (w) => ({ url: `/api/pupils/${w.a.pupilId}/absence` }), expect: { default: 404, ...staffOnly, ...READERS } },
  'POST /api/pupils/:id/absence': {
    call: async (w) => ({ url: `/api/pupils/${await freshPupil(w)}/absence`, body: { day: lastSchoolDay(), kind: 'ongeoorloofd', hours: 2, wholeDay: false, reason: 'Niet verschenen' } }),
    expect: { default: 404, ...staffOnly, ...READERS },
  },
  'DELETE /api/pupils/:id/absence/:absenceId': {
    call: async (w) => {
      const pupilId = await freshPupil(w);
      const a = await f.rows.absence(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: pupilId, day: lastSchoolDay() });
      return { url: `/api/pupils/${pupilId}/absence/${a.id}` };
    },
    expect: { default: 404, ...staffOnly, ...READERS, mentor: 403 },
  },
  'POST /api/pupils/:id/absence/reports': {
    call: (w) => ({ url: `/api/pupils/${w.a.pupilId}/absence/reports`, body: { kind: '16_uur', dueOn: today(), reportedOn: today(), note: '' } }),
    expect: { default: 404, ...staffOnly, ...READERS, mentor: 403, ondersteuner: 403 },
  },
};
