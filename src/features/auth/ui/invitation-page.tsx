import { useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { useFields } from '../../../web/forms.tsx';
import { Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import type { InvitationInfo } from '../schema.ts';
import { NewPasswordForm, PasswordFields, passwordLabels, useFragmentToken } from './password-pages.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

export function InvitationPage() {
  const token = useFragmentToken();
  const navigate = useNavigate();
  const info = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post<z.infer<typeof InvitationInfo>>('auth/invitation/inspect', { token }),
    enabled: token.length >= 10,
    retry: false,
    staleTime: Infinity,
  });
  const { values, set } = useFields({ password: '', repeat: '' });
  const form = useForm(
    NewPasswordForm,
    ({ token: t, password }: z.output<typeof NewPasswordForm>) => api.post('auth/invitation/accept', { token: t, password }), { onDone: () => navigate('/inloggen?wachtwoord=1', { state: { email: info.data?.email } }) });

  return (
    <>
      <PageTitle title="Uitnodiging accepteren" />
      {token.length < 10 ? (
        <Notice type="warning">Deze link is niet compleet. Open de link uit de uitnodigingsmail opnieuw.</Notice>
      ) : info.isPending ? (
        <Loading what="Uitnodiging" />
      ) : info.isError ? (
        <>
          <QueryError error={info.error} />
          <Paragraph>
            Vraag de beheerder van uw samenwerkingsverband om een nieuwe uitnodiging, of ga naar <Link to="/inloggen">inloggen</Link>.
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>
            Welkom, <strong>{info.data.name}</strong>. U bent uitgenodigd voor Leerrecht van <strong>{info.data.partnership}</strong>.
          </Paragraph>
          <Paragraph>
            Kies een wachtwoord voor uw account <strong>{info.data.email}</strong>. Daarna logt u in en stelt u tweestapsverificatie in.
          </Paragraph>
          <Form form={form} onSubmit={() => form.submit({ token, ...values })} labels={passwordLabels} submit={{ label: 'Wachtwoord instellen' }}>
            <PasswordFields values={values} set={set} />
          </Form>
        </>
      )}
    </>
  );
}
