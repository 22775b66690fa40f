import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../web/api.ts';
import { Disclosure, SelectField, TextAreaField } from '../../../web/forms.tsx';
import { useSchoolsWhere } from '../../../web/session.tsx';
import type { z } from 'zod';
import { arrangementScopeLabels, CreateRequestInput, type ArrangementKind } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';

/**
 * A request that names no pupil, from the school's list: a consultation
 * (consultatievraag) to the loket, anonymous, before any formal request;
 * or an arrangement for a group of pupils or a teacher or team. A request
 * about one pupil starts from that pupil's page.
 */
export function SchoolRequestForm() {
  const navigate = useNavigate();
  const schools = useSchoolsWhere('composeRequests').map((s) => ({ value: s.id, label: s.name }));
  const kinds = useQuery({ queryKey: ['arrangement-kinds'], queryFn: () => api.get<z.infer<typeof ArrangementKind>[]>('arrangement-kinds'), enabled: schools.length > 0 });
  const groupKinds = (kinds.data ?? []).filter((k) => k.scope !== 'pupil');
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ schoolId: '', what: 'consultation', arrangementKindId: '', groupDescription: '' });
  const set = (k: keyof typeof v) => (x: string) => setV((old) => ({ ...old, [k]: x }));
  const form = useForm(CreateRequestInput, (input) => api.post<{ id: string }>('requests', input), { onDone: ({ id }) => navigate(`/aanvragen/${id}`) });
  if (schools.length === 0) return null;
  const schoolId = v.schoolId || (schools.length === 1 ? schools[0]!.value : '');
  const labels = { schoolId: 'School', kind: 'Soort aanvraag', arrangementKindId: 'Welk arrangement?', groupDescription: 'Voor welke groep of welk team?' };
  return (
    <Disclosure id="aanvraag-zonder-leerling" label="Aanvraag zonder leerling" open={open} onOpenChange={setOpen}>
      <Form
        form={form}
        className="lr-form lr-form--panel"
        aria-label="Aanvraag zonder leerling"
        onSubmit={() => {
          const arrangement = v.what === 'arrangement';
          return form.submit({
            kind: arrangement ? 'arrangement' : 'consultation',
            schoolId,
            pupilId: null,
            arrangementKindId: arrangement ? v.arrangementKindId || null : null,
            groupDescription: arrangement ? v.groupDescription : '',
          });
        }}
        labels={labels}
        submit={{ label: 'Aanvraag starten' }}
      >
        {schools.length > 1 && <SelectField name="schoolId" label={labels.schoolId} value={v.schoolId} onChange={set('schoolId')} placeholder="Kies een school" options={schools} />}
        <SelectField
          name="kind"
          label={labels.kind}
          value={v.what}
          onChange={set('what')}
          options={[
            { value: 'consultation', label: 'Consultatievraag aan het loket, zonder naam van een leerling' },
            ...(groupKinds.length ? [{ value: 'arrangement', label: 'Arrangement voor een groep leerlingen of een team' }] : []),
          ]}
        />
        {v.what === 'arrangement' && (
          <>
            <SelectField
              name="arrangementKindId"
              label={labels.arrangementKindId}
              value={v.arrangementKindId}
              onChange={set('arrangementKindId')}
              placeholder="Kies een arrangement"
              options={groupKinds.map((k) => ({ value: k.id, label: `${k.name} (${arrangementScopeLabels[k.scope]})` }))}
            />
            <TextAreaField name="groupDescription" label={labels.groupDescription} rows={2} value={v.groupDescription} onChange={set('groupDescription')} />
          </>
        )}
      </Form>
    </Disclosure>
  );
}
