import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Textarea } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { fieldId, SelectField } from '../../../web/forms.tsx';
import { useSession } from '../../../web/session.tsx';
import type { SupportRoute } from '../schema.ts';

/** The schools where the signed-in user holds one of the roles: the school picker of the support pages. */
export function useMySchools(roles: string[]) {
  const session = useSession();
  const seen = new Map<string, string>();
  for (const r of session.data?.user?.roles ?? []) if (r.schoolId && roles.includes(r.role)) seen.set(r.schoolId, r.schoolName ?? 'School');
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** The chosen school (?school=…), or the first of the user's schools. */
export function useSchoolChoice(roles: string[]) {
  const [params, setParams] = useSearchParams();
  const schools = useMySchools(roles);
  const wanted = params.get('school');
  const schoolId = schools.find((s) => s.id === wanted)?.id ?? schools[0]?.id ?? '';
  const choose = (id: string) => {
    const p = new URLSearchParams(params);
    p.set('school', id);
    setParams(p, { replace: true });
  };
  return { schools, schoolId, choose, params, setParams };
}

export function SchoolPicker({ schools, schoolId, choose }: { schools: { id: string; name: string }[]; schoolId: string; choose: (id: string) => void }) {
  if (schools.length < 2) return null;
  return (
    <div className="lr-filters">
      <SelectField name="school" label="School" value={schoolId} onChange={choose} options={schools.map((s) => ({ value: s.id, label: s.name }))} />
    </div>
  );
}

export const WHOLE_SCHOOL = ['oco', 'ondersteuner', 'schoolleider'];

export function useSupportRoute(schoolId: string) {
  return useQuery({ queryKey: ['support-route', schoolId], queryFn: () => api.get<SupportRoute>(`schools/${schoolId}/support-route`), enabled: !!schoolId });
}

export function TextareaField({ name, label, value, onChange, error, description, rows = 4 }: { name: string; label: string; value: string; onChange: (v: string) => void; error?: string; description?: string; rows?: number }) {
  const described = [description ? `${fieldId(name)}-uitleg` : null, error ? `${fieldId(name)}-fout` : null].filter(Boolean).join(' ') || undefined;
  return (
    <FormField
      invalid={!!error}
      label={<FormLabel htmlFor={fieldId(name)}>{label}</FormLabel>}
      description={description ? <FormFieldDescription id={`${fieldId(name)}-uitleg`}>{description}</FormFieldDescription> : undefined}
      input={
        <>
          {error && (
            <FormFieldErrorMessage id={`${fieldId(name)}-fout`} className="lr-field-error">
              {error}
            </FormFieldErrorMessage>
          )}
          <Textarea id={fieldId(name)} name={name} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} invalid={!!error} aria-invalid={error ? true : undefined} aria-describedby={described} />
        </>
      }
    />
  );
}

/** 'YYYY-MM-DDTHH:mm' of a datetime-local field (the browser's own time, in practice Dutch time) as an ISO instant. */
export const localToIso = (v: string) => (v ? new Date(v).toISOString() : '');
