import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, ButtonGroup, Heading2, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../../web/api.ts';
import { dateTime, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { RolesInput, type StaffList, type StaffMember } from '../schema.ts';
import { RoleRows, toRoleInput, type Assignable, type RoleRow } from './role-rows.tsx';
import { statusLabels } from './staff-list-page.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

type Member = z.infer<typeof StaffMember>;

function EditRoles({ member, assignable, onDone, onCancel }: { member: Member; assignable: Assignable; onDone: (m: string) => void; onCancel: () => void }) {
  const [rows, setRows] = useState<RoleRow[]>(member.roles.map((r) => ({ role: r.role, schoolId: r.schoolId ?? '' })));
  const form = useForm(RolesInput, (input: z.output<typeof RolesInput>) => api.put(`staff/${member.id}/roles`, input), { onDone: () => onDone('De rollen zijn opgeslagen.') });
  // Roles the viewer may not hand out still show, so the list is complete.
  const all: Assignable = [...assignable, ...member.roles.filter((r) => !assignable.some((a) => a.role === r.role)).map((r) => ({ role: r.role, label: r.label, schoolIds: null }))];
  return (
    <section className="lr-card" aria-labelledby="rollen-form-titel">
      <Heading2 id="rollen-form-titel">Rollen wijzigen</Heading2>
      <Form
        form={form}
        onSubmit={() => form.submit({ roles: toRoleInput(rows.filter((r) => r.role || r.schoolId)) })}
        submit={{ label: 'Rollen opslaan' }}
        actions={
          <SecondaryActionButton type="button" onClick={onCancel}>
            Annuleren
          </SecondaryActionButton>
        }
      >
        <RoleRows rows={rows} onChange={setRows} assignable={all} />
      </Form>
    </section>
  );
}

export function StaffDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const client = useQueryClient();
  const member = useQuery({ queryKey: ['staff', 'member', id], queryFn: () => api.get<Member>(`staff/${id}`) });
  const assignable = useQuery({ queryKey: ['staff', 'assignable'], queryFn: () => api.get<z.infer<typeof StaffList>>('staff', { page: 1 }), select: (d) => d.assignable });
  const [message, setMessage] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const done = (m: string) => {
    setEditing(false);
    setConfirming(false);
    setMessage(m);
    setError(null);
    void client.invalidateQueries({ queryKey: ['staff'] });
  };
  async function action(path: string, success: string) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`staff/${id}/${path}`);
      done(success);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Dat is niet gelukt. Probeer het opnieuw.');
    } finally {
      setBusy(false);
    }
  }

  if (member.isPending) return <Loading what="Medewerker" />;
  if (member.isError) {
    return (
      <>
        <PageTitle title="Medewerker" />
        <QueryError error={member.error} />
      </>
    );
  }
  const m = member.data;
  return (
    <>
      <PageTitle title={m.name}>
        {m.allowed.editRoles && !editing && (
          <SecondaryActionButton type="button" onClick={() => setEditing(true)}>
            Rollen wijzigen
          </SecondaryActionButton>
        )}
        {m.allowed.resendInvitation && (
          <SecondaryActionButton type="button" disabled={busy} onClick={() => void action('invitation', `De uitnodiging is opnieuw verstuurd naar ${m.email}.`)}>
            Uitnodiging opnieuw versturen
          </SecondaryActionButton>
        )}
        {m.allowed.reactivate && (
          <SecondaryActionButton type="button" disabled={busy} onClick={() => void action('reactivate', 'Het account is weer actief.')}>
            Account heractiveren
          </SecondaryActionButton>
        )}
        {m.allowed.deactivate && !confirming && (
          <SecondaryActionButton type="button" hint="danger" onClick={() => setConfirming(true)}>
            Account blokkeren
          </SecondaryActionButton>
        )}
      </PageTitle>
      {message && <Notice>{message}</Notice>}
      {error && <Notice type="error">{error}</Notice>}
      {confirming && (
        <Alert type="warning" role="alertdialog" aria-labelledby="blokkeren-titel">
          <Heading2 id="blokkeren-titel" className="lr-alert-heading">
            Account van {m.name} blokkeren?
          </Heading2>
          <Paragraph>{m.name} kan dan niet meer inloggen, bij geen enkele school. Lopende sessies stoppen direct. U kunt het account later weer heractiveren.</Paragraph>
          <ButtonGroup>
            <PrimaryActionButton type="button" hint="danger" disabled={busy} onClick={() => void action('deactivate', 'Het account is geblokkeerd.')} autoFocus>
              Ja, blokkeren
            </PrimaryActionButton>
            <SecondaryActionButton type="button" onClick={() => setConfirming(false)}>
              Nee, annuleren
            </SecondaryActionButton>
          </ButtonGroup>
        </Alert>
      )}
      <dl className="lr-dl">
        <dt>E-mailadres</dt>
        <dd>{m.email}</dd>
        <dt>Status</dt>
        <dd>{statusLabels[m.status]}</dd>
        <dt>Tweestapsverificatie</dt>
        <dd>{m.mfaEnabled ? 'Ingesteld' : 'Nog niet ingesteld'}</dd>
        <dt>Laatst ingelogd</dt>
        <dd>{m.lastSignInAt ? dateTime(m.lastSignInAt) : 'Nog nooit'}</dd>
      </dl>
      {editing && assignable.isSuccess ? (
        <EditRoles member={m} assignable={assignable.data} onDone={done} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <Heading2 style={{ marginBlockStart: '2rem' }}>Rollen</Heading2>
          {m.roles.length === 0 ? (
            <Paragraph>Geen rollen.</Paragraph>
          ) : (
            <ul>
              {m.roles.map((r) => (
                <li key={`${r.role}-${r.schoolId}`}>
                  {r.label}
                  {r.schoolName ? ` — ${r.schoolName}` : ' — hele samenwerkingsverband'}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
