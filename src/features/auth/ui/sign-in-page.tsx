import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { TextField, useFields } from '../../../web/forms.tsx';
import { refreshSession, safeReturnPath, useSession } from '../../../web/session.tsx';
import { Link, Notice, PageTitle } from '../../../web/ui.tsx';
import { SignInInput, type SignInResult } from '../schema.ts';
import type { z } from 'zod';
import { Form, useForm } from '../../../web/use-form.tsx';

interface OidcProvider {
  id: string;
  label: string;
}

/** "Inloggen met …" for each identity provider the partnership enabled; nothing when there are none. */
function OidcButtons({ back }: { back: string }) {
  const providers = useQuery({
    queryKey: ['oidc-providers-public'],
    queryFn: () => api.get<OidcProvider[]>('auth/oidc/providers'),
    retry: false,
  });
  const list = Array.isArray(providers.data) ? providers.data : [];
  if (!list.length) return null;
  return (
    <section className="lr-oidc" aria-labelledby="andere-inlog">
      <Heading2 id="andere-inlog">Of log in via uw organisatie</Heading2>
      <ul className="lr-stack" style={{ listStyle: 'none', padding: 0 }}>
        {list.map((p) => (
          <li key={p.id}>
            <a
              className="utrecht-button utrecht-button--secondary-action lr-button-link"
              href={`/api/auth/oidc/${encodeURIComponent(p.id)}/start?terug=${encodeURIComponent(back)}`}
            >
              Inloggen met {p.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SignInPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const back = safeReturnPath(params.get('terug'));
  const prefill = (location.state as { email?: string } | null)?.email ?? '';
  const { values, set } = useFields({ email: prefill, password: '' });
  const form = useForm(
    SignInInput,
    (input: z.output<typeof SignInInput>) => api.post<z.infer<typeof SignInResult>>('auth/sign-in', input), { onDone: async (result) => {
      await refreshSession(client);
      const q = `?terug=${encodeURIComponent(back)}`;
      navigate(result.next === 'mfa' ? `/code${q}` : result.next === 'enrol' ? `/tweestapsverificatie${q}` : back);
    } });

  if (session.data?.signedIn && session.data.mfa === 'verified' && !form.sending) return <Navigate to={back} replace />;

  return (
    <>
      <PageTitle title="Inloggen" />
      {params.get('uitgelogd') && <Notice>U bent uitgelogd.</Notice>}
      {params.get('wachtwoord') && <Notice>Uw wachtwoord is ingesteld. U kunt nu inloggen.</Notice>}
      <Paragraph>Log in met uw e-mailadres en wachtwoord. Daarna vragen we een code uit uw authenticator-app.</Paragraph>
      <Form
        form={form}
        onSubmit={() => form.submit(values)}
        labels={{ email: 'E-mailadres', password: 'Wachtwoord' }}
        submit={{ label: 'Inloggen', busyLabel: 'Bezig met inloggen…' }}
        after={
          <Paragraph>
            <Link to="/wachtwoord-vergeten">Wachtwoord vergeten?</Link>
          </Paragraph>
        }
      >
        <TextField name="email" label="E-mailadres" type="email" autoComplete="username" value={values.email} onChange={set('email')} />
        <TextField name="password" label="Wachtwoord" type="password" autoComplete="current-password" value={values.password} onChange={set('password')} />
      </Form>
      <OidcButtons back={back} />
    </>
  );
}
