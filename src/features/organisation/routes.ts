import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { createBoard, listBoards, updateBoard } from './boards.ts';
import { getCalendar, saveCalendar } from './calendar.ts';
import { addLocation, createSchool, deleteLocation, getSchool, listClasses, listSchools, updateLocation, updateSchool } from './schools.ts';
import {
  Board,
  CalendarInput,
  CalendarQuery,
  CalendarView,
  BoardInput,
  BoardPatch,
  ClassSummary,
  LocationInput,
  LocationParams,
  School,
  SchoolInput,
  SchoolList,
  SchoolPatch,
  SchoolQuery,
} from './schema.ts';

const staff = { auth: 'staff' } as const;

export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/boards', { config: staff, schema: { response: { 200: z.object({ boards: z.array(Board), allowed: z.object({ create: z.boolean() }) }) } } }, (req) =>
    listBoards(staffContext(req)),
  );
  app.post('/api/boards', { config: staff, schema: { body: BoardInput, response: { 200: Created } } }, (req) => createBoard(staffContext(req), req.body));
  app.patch('/api/boards/:id', { config: staff, schema: { params: Id, body: BoardPatch, response: { 200: Created } } }, (req) =>
    updateBoard(staffContext(req), req.params.id, req.body),
  );

  app.get('/api/schools', { config: staff, schema: { querystring: SchoolQuery, response: { 200: SchoolList } } }, (req) =>
    listSchools(staffContext(req), req.query),
  );
  app.post('/api/schools', { config: staff, schema: { body: SchoolInput, response: { 200: Created } } }, (req) => createSchool(staffContext(req), req.body));
  app.get('/api/schools/:id', { config: staff, schema: { params: Id, response: { 200: School } } }, (req) => getSchool(staffContext(req), req.params.id));
  app.patch('/api/schools/:id', { config: staff, schema: { params: Id, body: SchoolPatch, response: { 200: Created } } }, (req) =>
    updateSchool(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/schools/:id/classes', { config: staff, schema: { params: Id, response: { 200: z.array(ClassSummary) } } }, (req) =>
    listClasses(staffContext(req), req.params.id),
  );
  app.get('/api/schools/:id/calendar', { config: staff, schema: { params: Id, querystring: CalendarQuery, response: { 200: CalendarView } } }, (req) =>
    getCalendar(staffContext(req), req.params.id, req.query.year),
  );
  app.put('/api/schools/:id/calendar', { config: staff, schema: { params: Id, body: CalendarInput, response: { 200: CalendarView } } }, (req) =>
    saveCalendar(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/schools/:id/locations', { config: staff, schema: { params: Id, body: LocationInput, response: { 200: Created } } }, (req) =>
    addLocation(staffContext(req), req.params.id, req.body),
  );
  app.put('/api/schools/:id/locations/:locationId', { config: staff, schema: { params: LocationParams, body: LocationInput, response: { 200: Created } } }, (req) =>
    updateLocation(staffContext(req), req.params.id, req.params.locationId, req.body),
  );
  app.delete('/api/schools/:id/locations/:locationId', { config: staff, schema: { params: LocationParams, response: { 200: Created } } }, (req) =>
    deleteLocation(staffContext(req), req.params.id, req.params.locationId),
  );
};
