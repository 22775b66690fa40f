import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { TextField, useFields } from '../../../web/forms.tsx';
import { ButtonLinkTo, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { InviteInput, type StaffList } from '../schema.ts';
import { RoleRows, toRoleInput, type RoleRow } from './role-rows.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

const labels: Record<string, string> = { name: 'Naam', email: 'E-mailadres', roles: 'Rollen' };

export function StaffInvitePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const meta = useQuery({ queryKey: ['staff', 'assignable'], queryFn: () => api.get<z.infer<typeof StaffList>>('staff', { page: 1 }), select: (d) => d.assignable });
  const { values, set } = useFields({ name: '', email: '' });
  const [rows, setRows] = useState<RoleRow[]>([{ role: '', schoolId: params.get('school') ?? '' }]);
  const form = useForm(
    InviteInput,
    (input: z.output<typeof InviteInput>) => api.post<{ id: string }>('staff', input), { onDone: async (r) => {
      await client.invalidateQueries({ queryKey: ['staff'] });
      navigate(`/beheer/medewerkers/${r.id}`, { state: { notice: `De uitnodiging is verstuurd naar ${values.email.trim()}.` } });
    } });
  const rowLabels = Object.fromEntries(rows.flatMap((_, i) => [[`roles.${i}.role`, `Rol ${i + 1}`], [`roles.${i}.schoolId`, `School bij rol ${i + 1}`]]));
  return (
    <>
      <PageTitle title="Medewerker uitnodigen" />
      <Paragraph>De medewerker krijgt een e-mail met een link om een wachtwoord te kiezen. Daarna stelt hij of zij tweestapsverificatie in.</Paragraph>
      {meta.isPending && <Loading />}
      {meta.isError && <QueryError error={meta.error} />}
      {meta.isSuccess && (
        <Form
          form={form}
          onSubmit={() => form.submit({ ...values, roles: toRoleInput(rows.filter((r) => r.role || r.schoolId)) })}
          labels={{ ...labels, ...rowLabels }}
          submit={{ label: 'Uitnodiging versturen' }}
          actions={<ButtonLinkTo to="/beheer/medewerkers">Annuleren</ButtonLinkTo>}
        >
          <TextField name="name" label={labels.name!} autoComplete="off" value={values.name} onChange={set('name')} />
          <TextField name="email" label={labels.email!} type="email" autoComplete="off" value={values.email} onChange={set('email')} />
          <RoleRows rows={rows} onChange={setRows} assignable={meta.data} />
        </Form>
      )}
    </>
  );
}
