import { useQueryClient } from '@tanstack/react-query';
import { Heading2, OrderedList, OrderedListItem, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../../web/api.ts';
import { TextField } from '../../../web/forms.tsx';
import { refreshSession, safeReturnPath, useSession } from '../../../web/session.tsx';
import { Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { CodeInput, type EnrolmentResult, type RecoveryCodesResult } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';

type Enrolment = z.infer<typeof EnrolmentResult>;

/** Authenticator apps show the key in groups of four; so do we. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export function EnrolPage() {
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('terug'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const started = useRef(false);
  const mustEnrol = session.data?.signedIn && session.data.mfa === 'enrol';

  useEffect(() => {
    if (!mustEnrol || started.current) return;
    started.current = true;
    api
      .post<Enrolment>('auth/mfa/enrolment')
      .then(setEnrolment)
      .catch((e: unknown) => setStartError(e));
  }, [mustEnrol]);

  const form = useForm(
    CodeInput,
    (input: z.output<typeof CodeInput>) => api.post<z.infer<typeof RecoveryCodesResult>>('auth/mfa/enrolment/confirm', input), { onDone: (result) => setCodes(result.recoveryCodes) });

  if (codes) {
    return (
      <>
        <PageTitle title="Bewaar uw herstelcodes" />
        <Paragraph>
          Tweestapsverificatie is ingesteld. Raakt u uw telefoon kwijt? Dan kunt u met een van deze herstelcodes inloggen. Elke code werkt één keer.
        </Paragraph>
        <Paragraph>Bewaar ze op een veilige plek, bijvoorbeeld in een wachtwoordkluis of op papier in een afgesloten la.</Paragraph>
        <ul className="lr-codes" aria-label="Herstelcodes" id="herstelcodes">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <PrimaryActionButton
          type="button"
          onClick={async () => {
            await refreshSession(client);
            navigate(back, { replace: true });
          }}
        >
          Ik heb ze bewaard
        </PrimaryActionButton>
      </>
    );
  }

  if (session.isPending) return <Loading what="Sessie" />;
  if (!session.data?.signedIn) return <Navigate to={`/inloggen?terug=${encodeURIComponent(back)}`} replace />;
  if (session.data.mfa === 'required') return <Navigate to={`/code?terug=${encodeURIComponent(back)}`} replace />;
  if (session.data.mfa === 'verified') return <Navigate to={back} replace />;

  return (
    <>
      <PageTitle title="Tweestapsverificatie instellen" />
      <Paragraph>
        Leerrecht bevat gegevens van leerlingen. Daarom logt u in met uw wachtwoord én een code uit een authenticator-app op uw telefoon, zoals
        Microsoft Authenticator, Google Authenticator of FreeOTP.
      </Paragraph>
      {startError ? (
        <QueryError error={startError instanceof ApiError ? startError : null} />
      ) : !enrolment ? (
        <Loading what="QR-code" />
      ) : (
        <>
          <OrderedList>
            <OrderedListItem>Open de authenticator-app en kies ‘account toevoegen’.</OrderedListItem>
            <OrderedListItem>Scan deze QR-code.</OrderedListItem>
            <OrderedListItem>Vul hieronder de code van 6 cijfers in die de app toont.</OrderedListItem>
          </OrderedList>
          <img className="lr-qr" src={enrolment.qrDataUrl} alt="QR-code om Leerrecht aan uw authenticator-app toe te voegen" width={220} height={220} />
          <Heading2>Kunt u niet scannen?</Heading2>
          <Paragraph>
            Voer dan deze sleutel in de app in (type: op tijd gebaseerd):{' '}
            <code className="lr-secret" id="totp-sleutel" data-secret={enrolment.secret}>
              {grouped(enrolment.secret)}
            </code>
          </Paragraph>
          <Form form={form} onSubmit={() => form.submit({ code })} labels={{ code: 'Code' }} submit={{ label: 'Bevestigen' }}>
            <TextField
              name="code"
              label="Code uit de app"
              description="6 cijfers, bijvoorbeeld 123456."
              autoComplete="one-time-code"
              inputMode="numeric"
              value={code}
              onChange={setCode}
            />
          </Form>
        </>
      )}
    </>
  );
}
