import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormFieldErrorMessage, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { CheckboxField, fieldId, SelectField, TextField, useFields } from '../../../web/forms.tsx';
import { ButtonLinkTo, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { levels, SchoolInput, SchoolPatch, type Board, type School } from '../schema.ts';
import { kindOptions } from './schools-page.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

type SchoolData = z.infer<typeof School>;
const labels = { boardId: 'Bestuur', name: 'Naam', brin: 'BRIN-code', kind: 'Soort school', levels: 'Niveaus', cluster: 'Cluster' };

export function SchoolFormPage() {
  const { id } = useParams();
  const school = useQuery({ queryKey: ['school', id], queryFn: () => api.get<SchoolData>(`schools/${id}`), enabled: !!id });
  const boards = useQuery({ queryKey: ['boards'], queryFn: () => api.get<{ boards: z.infer<typeof Board>[] }>('boards') });
  const title = id ? 'School bewerken' : 'Nieuwe school';
  if ((id && school.isPending) || boards.isPending) {
    return (
      <>
        <PageTitle title={title} />
        <Loading />
      </>
    );
  }
  if (school.isError || boards.isError) {
    return (
      <>
        <PageTitle title={title} />
        <QueryError error={school.error ?? boards.error} />
      </>
    );
  }
  return <SchoolForm title={title} school={school.data ?? null} boards={boards.data!.boards} />;
}

function SchoolForm({ title, school, boards }: { title: string; school: SchoolData | null; boards: z.infer<typeof Board>[] }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { values, set } = useFields({
    boardId: school?.board.id ?? (boards.length === 1 ? boards[0]!.id : ''),
    name: school?.name ?? '',
    brin: school?.brin ?? '',
    kind: school?.kind ?? '',
    cluster: school?.cluster ? String(school.cluster) : '',
  });
  const [chosenLevels, setLevels] = useState<string[]>(school?.levels ?? []);
  const [active, setActive] = useState(school?.active ?? true);
  const withCluster = values.kind === 'so' || values.kind === 'vso';
  const raw = {
    boardId: values.boardId,
    name: values.name,
    brin: values.brin,
    kind: values.kind || undefined,
    levels: chosenLevels,
    cluster: withCluster && values.cluster ? Number(values.cluster) : null,
    ...(school ? { active } : {}),
  };
  const done = async (r: { id: string }) => {
    await client.invalidateQueries({ queryKey: ['schools'] });
    await client.invalidateQueries({ queryKey: ['school', r.id] });
    navigate(`/scholen/${r.id}`, { state: { notice: school ? 'De school is opgeslagen.' : 'De school is toegevoegd.' } });
  };
  const create = useForm(SchoolInput, (input: z.output<typeof SchoolInput>) => api.post<{ id: string }>('schools', input), { onDone: done });
  const update = useForm(SchoolPatch, (input: z.output<typeof SchoolPatch>) => api.patch<{ id: string }>(`schools/${school?.id}`, input), { onDone: done });
  const form = school ? update : create;

  return (
    <>
      <PageTitle title={title} />
      {boards.length === 0 && <Paragraph>Voeg eerst een bestuur toe onder Beheer → Besturen.</Paragraph>}
      <Form
        form={form}
        onSubmit={() => form.submit(raw)}
        labels={labels}
        submit={{ label: school ? 'Opslaan' : 'School toevoegen' }}
        actions={<ButtonLinkTo to={school ? `/scholen/${school.id}` : '/scholen'}>Annuleren</ButtonLinkTo>}
      >
        <SelectField
          name="boardId"
          label={labels.boardId}
          value={values.boardId}
          onChange={set('boardId')}
          options={boards.map((b) => ({ value: b.id, label: `${b.name} (${b.boardNumber})` }))}
          placeholder="Kies een bestuur"
        />
        <TextField name="name" label={labels.name} value={values.name} onChange={set('name')} />
        <TextField name="brin" label={labels.brin} description="2 cijfers en 2 letters, bijvoorbeeld 12AB." value={values.brin} onChange={set('brin')} spellCheck={false} />
        <SelectField name="kind" label={labels.kind} value={values.kind} onChange={set('kind')} options={kindOptions} placeholder="Kies een soort" />
        {withCluster && (
          <SelectField
            name="cluster"
            label={labels.cluster}
            value={values.cluster}
            onChange={set('cluster')}
            options={[1, 2, 3, 4].map((c) => ({ value: String(c), label: `Cluster ${c}` }))}
            placeholder="Geen cluster"
          />
        )}
        <fieldset className="utrecht-form-fieldset" id={fieldId('levels')} tabIndex={-1}>
          <legend className="utrecht-form-fieldset__legend">Niveaus (optioneel)</legend>
          <div className="lr-checkbox-group">
            {levels.map((l) => (
              <CheckboxField
                key={l}
                name={`level-${l}`}
                label={l}
                checked={chosenLevels.includes(l)}
                onChange={(on) => setLevels((old) => (on ? [...old, l] : old.filter((x) => x !== l)))}
              />
            ))}
          </div>
          {form.errors.levels && <FormFieldErrorMessage>{form.errors.levels}</FormFieldErrorMessage>}
        </fieldset>
        {school && <CheckboxField name="active" label="Actief" checked={active} onChange={setActive} />}
      </Form>
    </>
  );
}
