import { useQueryClient } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { TextField } from '../../../web/forms.tsx';
import { clearSession, refreshSession, safeReturnPath, useSession } from '../../../web/session.tsx';
import { Loading, PageTitle } from '../../../web/ui.tsx';
import { CodeInput } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';

export function CodePage() {
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('terug'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const [code, setCode] = useState('');
  const form = useForm(
    CodeInput,
    (input: z.output<typeof CodeInput>) => api.post('auth/mfa/verify', input), { onDone: async () => {
      await refreshSession(client);
      navigate(back, { replace: true });
    } });

  if (session.isPending) return <Loading what="Sessie" />;
  if (!form.sending) {
    if (!session.data?.signedIn) return <Navigate to={`/inloggen?terug=${encodeURIComponent(back)}`} replace />;
    if (session.data.mfa === 'enrol') return <Navigate to={`/tweestapsverificatie?terug=${encodeURIComponent(back)}`} replace />;
    if (session.data.mfa === 'verified') return <Navigate to={back} replace />;
  }

  return (
    <>
      <PageTitle title="Code invoeren" />
      <Paragraph>Open uw authenticator-app en vul de code van 6 cijfers in. Heeft u uw telefoon niet bij de hand? Gebruik dan een van uw herstelcodes.</Paragraph>
      <Form form={form} onSubmit={() => form.submit({ code })} labels={{ code: 'Code' }} submit={{ label: 'Doorgaan' }}>
        <TextField
          name="code"
          label="Code of herstelcode"
          description="Bijvoorbeeld 123456, of een herstelcode als abcd-efgh-jkmn."
          autoComplete="one-time-code"
          value={code}
          onChange={setCode}
          spellCheck={false}
        />
      </Form>
      <SignOutLink />
    </>
  );
}

function SignOutLink() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return (
    <Paragraph>
      <button
        type="button"
        className="utrecht-button utrecht-button--subtle"
        onClick={async () => {
          await api.post('auth/sign-out').catch(() => undefined);
          clearSession(client);
          navigate('/inloggen?uitgelogd=1', { replace: true });
        }}
      >
        Uitloggen en opnieuw beginnen
      </button>
    </Paragraph>
  );
}
