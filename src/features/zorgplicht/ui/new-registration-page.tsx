import { useQuery } from '@tanstack/react-query';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { today } from '../../../platform/time.ts';
import { api } from '../../../web/api.ts';
import { DateField, plausible } from '../../../web/date-fields.tsx';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { SearchField } from '../../../web/list-table.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { day, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { levels } from '../../organisation/schema.ts';
import { RegistrationInput, type RegistrationList } from '../schema.ts';

const labels = {
  schoolId: 'School',
  pupilId: 'Bekende leerling',
  firstName: 'Voornaam',
  namePrefix: 'Tussenvoegsel',
  lastName: 'Achternaam',
  birthDate: 'Geboortedatum',
  previousSchool: 'Vorige school',
  parentNames: 'Naam ouder(s) of verzorger(s)',
  parentEmail: 'E-mailadres ouders',
  parentPhone: 'Telefoonnummer ouders',
  desiredStart: 'Gewenste startdatum',
  level: 'Niveau',
  yearGroup: 'Leerjaar',
  needByParents: 'Ondersteuningsbehoefte volgens de ouders',
  needBySchool: 'Ondersteuningsbehoefte volgens de vorige school (bijvoorbeeld uit het OKR)',
  supportSuspected: 'Vermoedt de school een ondersteuningsbehoefte?',
  receivedOn: 'Aanmelding ontvangen op',
};

interface Picked {
  id: string;
  name: string;
  birthDate: string;
}

/** A pupil the reader already sees in Leerrecht: picked, not retyped. */
function PupilPicker({ picked, onPick }: { picked: Picked | null; onPick: (p: Picked | null) => void }) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['pupils', 'pick', q],
    queryFn: () => api.get<{ pupils: Picked[] }>('pupils', { q }),
    enabled: q.length >= 2,
  });
  if (picked) {
    return (
      <Paragraph>
        Gekozen: <strong>{picked.name}</strong>, geboren {day(picked.birthDate)}.{' '}
        <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => onPick(null)}>
          Andere leerling
        </button>
      </Paragraph>
    );
  }
  return (
    <>
      <SearchField label="Zoek een leerling die al in Leerrecht staat (niet verplicht)" value={q} onSearch={setQ} />
      {found.isError && <QueryError error={found.error} />}
      {found.data && found.data.pupils.length > 0 && (
        <SelectField
          name="pupilId"
          label={labels.pupilId}
          value=""
          onChange={(id) => onPick(found.data.pupils.find((p) => p.id === id) ?? null)}
          placeholder="Kies een leerling"
          options={found.data.pupils.slice(0, 20).map((p) => ({ value: p.id, label: `${p.name} (${day(p.birthDate)})` }))}
        />
      )}
      {found.data && found.data.pupils.length === 0 && <Paragraph>Geen leerling gevonden: vul hieronder de naam en geboortedatum in.</Paragraph>}
    </>
  );
}

/** Records a registration the school received: the clock starts on the day of receipt. */
export function NewRegistrationPage() {
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['zorgplicht', 'record-at'], queryFn: () => api.get<z.infer<typeof RegistrationList>>('zorgplicht/registrations', { show: 'open', page: 1 }) });
  const [picked, setPicked] = useState<Picked | null>(null);
  const [v, setV] = useState({
    schoolId: '',
    firstName: '',
    namePrefix: '',
    lastName: '',
    birthDate: '',
    previousSchool: '',
    parentNames: '',
    parentEmail: '',
    parentPhone: '',
    desiredStart: '',
    level: '',
    yearGroup: '',
    needByParents: '',
    needBySchool: '',
    supportSuspected: '',
    receivedOn: today(),
  });
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const form = useForm(RegistrationInput, (input: z.output<typeof RegistrationInput>) => api.post<{ id: string }>('zorgplicht/registrations', input), {
    onDone: (r) => navigate(`/zorgplicht/${r.id}`),
  });
  if (list.isPending) return <Loading what="Scholen" />;
  if (list.isError) return <QueryError error={list.error} />;
  const schools = list.data.recordAt;
  const schoolId = v.schoolId || (schools.length === 1 ? schools[0]!.id : '');
  return (
    <>
      <PageTitle title="Nieuwe aanmelding" />
      <Paragraph>Leg een schriftelijke aanmelding vast. De beslistermijn van 6 weken begint op de dag dat de school de aanmelding ontving.</Paragraph>
      <Form
        form={form}
        labels={labels}
        submit={{ label: 'Aanmelding vastleggen' }}
        onSubmit={() =>
          form.submit({
            ...v,
            schoolId,
            pupilId: picked?.id ?? null,
            birthDate: v.birthDate || null,
            desiredStart: v.desiredStart || null,
            level: v.level || null,
            yearGroup: v.yearGroup ? Number(v.yearGroup) : null,
            supportSuspected: v.supportSuspected === '' ? undefined : v.supportSuspected === 'ja',
          })
        }
      >
        <SelectField name="schoolId" label={labels.schoolId} value={schoolId} onChange={set('schoolId')} placeholder="Kies de school" options={schools.map((s) => ({ value: s.id, label: s.name }))} />
        <DateField name="receivedOn" label={labels.receivedOn} value={v.receivedOn} onChange={set('receivedOn')} plausible={plausible.past({ years: 1 })} />
        <Heading2>De leerling</Heading2>
        <PupilPicker picked={picked} onPick={setPicked} />
        {!picked && (
          <>
            <TextField name="firstName" label={labels.firstName} value={v.firstName} onChange={set('firstName')} />
            <TextField name="namePrefix" label={labels.namePrefix} value={v.namePrefix} onChange={set('namePrefix')} />
            <TextField name="lastName" label={labels.lastName} value={v.lastName} onChange={set('lastName')} />
            <DateField name="birthDate" label={labels.birthDate} value={v.birthDate} onChange={set('birthDate')} />
          </>
        )}
        <TextField name="previousSchool" label={labels.previousSchool} value={v.previousSchool} onChange={set('previousSchool')} />
        <SelectField name="level" label={labels.level} value={v.level} onChange={set('level')} placeholder="Kies een niveau" options={levels.map((l) => ({ value: l, label: l }))} />
        <SelectField name="yearGroup" label={labels.yearGroup} value={v.yearGroup} onChange={set('yearGroup')} placeholder="Kies een leerjaar" options={[1, 2, 3, 4, 5, 6].map((n) => ({ value: String(n), label: String(n) }))} />
        <DateField name="desiredStart" label={labels.desiredStart} value={v.desiredStart} onChange={set('desiredStart')} plausible={plausible.future({ years: 1 })} />
        <Heading2>De ouders</Heading2>
        <TextField name="parentNames" label={labels.parentNames} value={v.parentNames} onChange={set('parentNames')} />
        <TextField name="parentEmail" label={labels.parentEmail} type="email" value={v.parentEmail} onChange={set('parentEmail')} />
        <TextField name="parentPhone" label={labels.parentPhone} type="tel" value={v.parentPhone} onChange={set('parentPhone')} />
        <Heading2>Ondersteuning</Heading2>
        <TextAreaField name="needByParents" label={labels.needByParents} value={v.needByParents} onChange={set('needByParents')} />
        <TextAreaField name="needBySchool" label={labels.needBySchool} value={v.needBySchool} onChange={set('needBySchool')} />
        <RadioGroup
          name="supportSuspected"
          legend={labels.supportSuspected}
          value={v.supportSuspected}
          onChange={set('supportSuspected')}
          options={[
            { value: 'ja', label: 'Ja: de zorgplicht geldt, het samenwerkingsverband kijkt mee' },
            { value: 'nee', label: 'Nee' },
          ]}
        />
      </Form>
    </>
  );
}
