import { useQuery } from '@tanstack/react-query';
import { FormFieldErrorMessage, SecondaryActionButton, SubtleButton } from '@utrecht/component-library-react';
import type { z } from 'zod';
import { roles as roleCatalogue, type Role } from '../../../platform/access/roles.ts';
import { api } from '../../../web/api.ts';
import { fieldId, SelectField } from '../../../web/forms.tsx';
import { useFieldError } from '../../../web/use-form.tsx';
import type { SchoolList } from '../../organisation/schema.ts';
import type { StaffList } from '../schema.ts';

export interface RoleRow {
  role: string;
  schoolId: string;
}
export type Assignable = z.infer<typeof StaffList>['assignable'];

const isSchoolRole = (role: string) => (roleCatalogue as Record<string, { scope: string }>)[role]?.scope === 'school';

/** Form rows → the API's role list: partnership roles carry no school. */
export const toRoleInput = (rows: RoleRow[]) =>
  rows.map((r) => ({ role: r.role, schoolId: isSchoolRole(r.role) ? r.schoolId || '' : null }));

export function useSchoolOptions() {
  return useQuery({
    queryKey: ['schools', '', ''],
    queryFn: () => api.get<z.infer<typeof SchoolList>>('schools', {}),
    select: (d) => d.schools,
  });
}

/** The role rows of a `<Form>`, which hands them their errors ('roles', 'roles.0.schoolId'). */
export function RoleRows({ rows, onChange, assignable }: { rows: RoleRow[]; onChange: (rows: RoleRow[]) => void; assignable: Assignable }) {
  const schools = useSchoolOptions();
  const rolesError = useFieldError('roles');
  const update = (i: number, patch: Partial<RoleRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="utrecht-form-fieldset lr-stack" id={fieldId('roles')} tabIndex={-1}>
      <legend className="utrecht-form-fieldset__legend">Rollen</legend>
      {rolesError && <FormFieldErrorMessage>{rolesError}</FormFieldErrorMessage>}
      {rows.map((row, i) => {
        const a = assignable.find((x) => x.role === row.role);
        const schoolOptions = (schools.data ?? [])
          .filter((s) => !a?.schoolIds || a.schoolIds.includes(s.id))
          .map((s) => ({ value: s.id, label: s.name }));
        return (
          <div className="lr-role-row" key={i}>
            <SelectField
              name={`roles.${i}.role`}
              label={`Rol ${rows.length > 1 ? i + 1 : ''}`.trim()}
              value={row.role}
              onChange={(v) => update(i, { role: v })}
              options={assignable.map((x) => ({ value: x.role, label: x.label }))}
              placeholder="Kies een rol"
            />
            {row.role && !isSchoolRole(row.role) ? (
              <p className="lr-muted">Voor het hele samenwerkingsverband</p>
            ) : (
              <SelectField
                name={`roles.${i}.schoolId`}
                label={`School${rows.length > 1 ? ` bij rol ${i + 1}` : ''}`}
                value={row.schoolId}
                onChange={(v) => update(i, { schoolId: v })}
                options={schoolOptions}
                placeholder="Kies een school"
              />
            )}
            <SubtleButton type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))} disabled={rows.length === 1 && !row.role}>
              Verwijderen<span className="lr-visually-hidden"> rol {i + 1}</span>
            </SubtleButton>
          </div>
        );
      })}
      <div>
        <SecondaryActionButton type="button" onClick={() => onChange([...rows, { role: '', schoolId: '' }])}>
          Rol toevoegen
        </SecondaryActionButton>
      </div>
    </fieldset>
  );
}

export const roleLabel = (role: Role | string) => (roleCatalogue as Record<string, { label: string }>)[role]?.label ?? role;
