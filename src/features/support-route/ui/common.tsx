import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Textarea } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api.ts';
import { fieldId, SelectField } from '../../../web/forms.tsx';
import type { SupportRoute } from '../schema.ts';

export function SchoolPicker({ schools, schoolId, choose }: { schools: { id: string; name: string }[]; schoolId: string; choose: (id: string) => void }) {
  if (schools.length < 2) return null;
  return (
    <div className="lr-filters">
      <SelectField name="school" label="School" value={schoolId} onChange={choose} options={schools.map((s) => ({ value: s.id, label: s.name }))} />
    </div>
  );
}

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
