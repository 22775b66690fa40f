import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { api } from '../../../web/api.ts';
import { TextField, useFields } from '../../../web/forms.tsx';
import { Link, Notice, PageTitle } from '../../../web/ui.tsx';
import { ForgotInput, SetPasswordInput } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';

/** Mail links carry the token in the fragment, so it never reaches a server log or a Referer header. */
export function useFragmentToken(): string {
  const { hash } = useLocation();
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** The server's password rule plus a repeat field, checked in the browser only. */
export const NewPasswordForm = SetPasswordInput.extend({ repeat: z.string() }).refine((v) => v.password === v.repeat, {
  path: ['repeat'],
  message: 'De twee wachtwoorden zijn niet gelijk.',
});

/** The two password fields; inside a `<Form>`, which hands them their errors. */
export function PasswordFields({ values, set }: { values: { password: string; repeat: string }; set: (k: 'password' | 'repeat') => (v: string) => void }) {
  return (
    <>
      <TextField
        name="password"
        label="Nieuw wachtwoord"
        type="password"
        autoComplete="new-password"
        description="Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden."
        value={values.password}
        onChange={set('password')}
      />
      <TextField name="repeat" label="Herhaal het wachtwoord" type="password" autoComplete="new-password" value={values.repeat} onChange={set('repeat')} />
    </>
  );
}

export const passwordLabels = { password: 'Nieuw wachtwoord', repeat: 'Herhaal het wachtwoord', token: 'Link' };

export function ForgotPasswordPage() {
  const { values, set } = useFields({ email: '' });
  const [sent, setSent] = useState(false);
  const form = useForm(ForgotInput, (input: z.output<typeof ForgotInput>) => api.post('auth/password/forgot', input), { onDone: () => setSent(true) });
  return (
    <>
      <PageTitle title="Wachtwoord vergeten" />
      {sent ? (
        <Notice>Als dit e-mailadres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail met een link om een nieuw wachtwoord te kiezen.</Notice>
      ) : (
        <>
          <Paragraph>Vul uw e-mailadres in. U krijgt een e-mail met een link om een nieuw wachtwoord te kiezen.</Paragraph>
          <Form form={form} onSubmit={() => form.submit(values)} labels={{ email: 'E-mailadres' }} submit={{ label: 'Stuur de link' }}>
            <TextField name="email" label="E-mailadres" type="email" autoComplete="email" value={values.email} onChange={set('email')} />
          </Form>
        </>
      )}
      <Paragraph>
        <Link to="/inloggen">Terug naar inloggen</Link>
      </Paragraph>
    </>
  );
}

export function ResetPasswordPage() {
  const token = useFragmentToken();
  const navigate = useNavigate();
  const { values, set } = useFields({ password: '', repeat: '' });
  const form = useForm(
    NewPasswordForm,
    ({ token: t, password }: z.output<typeof NewPasswordForm>) => api.post('auth/password/reset', { token: t, password }), { onDone: () => navigate('/inloggen?wachtwoord=1') });
  return (
    <>
      <PageTitle title="Nieuw wachtwoord kiezen" />
      {!token ? (
        <Notice type="warning">
          Deze link is niet compleet. Open de link uit de e-mail opnieuw, of <Link to="/wachtwoord-vergeten">vraag een nieuwe link aan</Link>.
        </Notice>
      ) : (
        <Form form={form} onSubmit={() => form.submit({ token, ...values })} labels={passwordLabels} submit={{ label: 'Wachtwoord opslaan' }}>
          <PasswordFields values={values} set={set} />
        </Form>
      )}
    </>
  );
}
