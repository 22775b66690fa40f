import { z } from 'zod';

export const PupilQuery = z.object({
  q: z.string().trim().max(100).optional(),
  schoolId: z.uuid().optional(),
  classId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const PupilSummary = z.object({
  id: z.string(),
  name: z.string(),
  studentNumber: z.string(),
  birthDate: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  class: z.object({ id: z.string(), name: z.string() }).nullable(),
  level: z.string().nullable(),
});
export const PupilList = z.object({ pupils: z.array(PupilSummary), total: z.number(), page: z.number(), pageSize: z.number() });
export const Pupil = PupilSummary.extend({
  enrolments: z.array(z.object({ schoolName: z.string(), className: z.string().nullable(), level: z.string().nullable(), startDate: z.string(), endDate: z.string().nullable() })),
});
