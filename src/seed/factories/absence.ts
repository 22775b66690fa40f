import { builder } from './row.ts';

/** Row builders for absence (see organisation.ts). */
type Tenant = { partnership_id: string };

export const absence = builder<Tenant & { school_id: string; pupil_id: string; day: string }>('absences', () => ({ kind: 'ongeoorloofd', hours: 2, whole_day: false, reason: '' }));

export const absenceReport = builder<Tenant & { school_id: string; pupil_id: string; due_on: string; reported_on: string }>('absence_reports', () => ({ kind: '16_uur', note: '' }));
