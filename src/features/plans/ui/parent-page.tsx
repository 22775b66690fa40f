import { Alert, Heading1, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@utrecht/component-library-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ApiError, type FieldError } from '../../../web/api.ts';
import { TextField } from '../../../web/forms.tsx';
import { dateTime, day, usePageTitle } from '../../../web/ui.tsx';
import { ParentVerifyInput } from '../parent-schema.ts';
import { AnswerForm, Answered } from './parent-answer.tsx';
import { Contact, Summary, WholePlan, type ParentPlanData } from './parent-plan.tsx';

/**
 * /ouders/opp: the page behind the link in the school's mail. Outside the
 * staff app: no staff menu, no sign-in redirects.
 *
 * It calls the server through its own small helper, not the shared api
 * client, for two reasons: a parent's change carries the `x-parent-csrf`
 * header (not the staff token), and a lost parent session must show a
 * message here, never send the parent to the staff sign-in page. Errors are
 * the same ApiError with the server's Dutch message.
 */
async function parentApi<T>(method: 'GET' | 'POST', path: string, body?: unknown, csrf?: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf) headers['x-parent-csrf'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/parent/opp${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'De website is niet bereikbaar. Controleer uw internet en probeer het opnieuw.');
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? 'Er ging iets mis. Probeer het later opnieuw.', err?.fields ?? []);
  }
  return data as T;
}

/** Which link this tab signed in with: a second link (another child) in a new tab starts at its own code step. */
const SIGNED_IN_KEY = 'lr-parent-link';

type Step = { name: 'start' } | { name: 'code'; sentTo: string; minutes: number } | { name: 'plan'; plan: ParentPlanData } | { name: 'ended'; message: string } | { name: 'signed-out' };

function ParentLayout({ children }: { children: ReactNode }) {
  return (
    <div className="lr-app">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus lr-skip-link" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="lr-header">
        <div className="lr-header__bar">
          <span className="lr-brand">
            <span aria-hidden="true" className="lr-brand__mark">
              L
            </span>
            Leerrecht
          </span>
        </div>
      </header>
      <main id="inhoud" tabIndex={-1} className="lr-main lr-main--narrow">
        {children}
      </main>
      <footer className="lr-footer">Leerrecht — passend onderwijs voor elke leerling</footer>
    </div>
  );
}

/** Each step's heading takes the focus when the step appears, so a screen reader reads where the parent is. */
function StepTitle({ title, focus }: { title: string; focus: boolean }) {
  usePageTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, title]);
  return (
    <Heading1 tabIndex={-1} id="pagina-titel" ref={ref}>
      {title}
    </Heading1>
  );
}

const whatIsAnOpp =
  'De school heeft een plan gemaakt voor extra hulp op school. Dit plan heet een OPP (ontwikkelingsperspectiefplan). Er staat in wat uw kind nodig heeft en wat de school gaat doen.';

export function ParentPlanPage() {
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const [step, setStep] = useState<Step>({ name: 'start' });
  const [moved, setMoved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const csrf = useRef<string | null>(null);

  const go = useCallback((next: Step) => {
    setStep(next);
    setMoved(true);
    setError(null);
  }, []);

  const loadPlan = useCallback(async () => {
    const plan = await parentApi<ParentPlanData>('GET', '');
    csrf.current = plan.csrfToken;
    go({ name: 'plan', plan });
  }, [go]);

  // Back in the same tab within the hour (e.g. after a reload): straight to the plan.
  useEffect(() => {
    if (!token || sessionStorage.getItem(SIGNED_IN_KEY) !== token) return;
    loadPlan().catch(() => sessionStorage.removeItem(SIGNED_IN_KEY));
  }, [token, loadPlan]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        sessionStorage.removeItem(SIGNED_IN_KEY);
        go({ name: 'ended', message: e.message });
      } else setError(e instanceof ApiError ? e.message : 'Er ging iets mis. Probeer het opnieuw.');
    } finally {
      setBusy(false);
    }
  }

  const askCode = () =>
    run(async () => {
      const sent = await parentApi<{ sentTo: string; validMinutes: number }>('POST', '/code', { token });
      setCode('');
      setCodeError(undefined);
      go({ name: 'code', sentTo: sent.sentTo, minutes: sent.validMinutes });
    });

  const checkCode = () => {
    const parsed = ParentVerifyInput.safeParse({ token, code });
    if (!parsed.success) {
      setCodeError(parsed.error.issues.find((i) => i.path[0] === 'code')?.message ?? 'Vul de code van 6 cijfers in.');
      document.getElementById('veld-code')?.focus();
      return;
    }
    setCodeError(undefined);
    return run(async () => {
      try {
        const verified = await parentApi<{ csrfToken: string }>('POST', '/verify', parsed.data);
        csrf.current = verified.csrfToken;
        sessionStorage.setItem(SIGNED_IN_KEY, token);
        await loadPlan();
      } catch (e) {
        if (e instanceof ApiError && e.code === 'BAD_CODE') {
          setCodeError(e.message);
          document.getElementById('veld-code')?.focus();
          return;
        }
        throw e;
      }
    });
  };

  const signOut = () =>
    run(async () => {
      await parentApi('POST', '/sign-out', {});
      sessionStorage.removeItem(SIGNED_IN_KEY);
      go({ name: 'signed-out' });
    });

  const problem = error && (
    <Alert type="error" role="alert">
      <Paragraph>{error}</Paragraph>
    </Alert>
  );

  if (!token) {
    return (
      <ParentLayout>
        <StepTitle title="Het plan van school" focus={false} />
        <Alert type="warning" role="status">
          <Paragraph>Deze link is niet compleet. Open de link uit de e-mail van school opnieuw. Lukt dat niet? Vraag de school om een nieuwe link.</Paragraph>
        </Alert>
      </ParentLayout>
    );
  }

  return (
    <ParentLayout>
      {step.name === 'start' && (
        <>
          <StepTitle title="Het plan van school" focus={moved} />
          <Paragraph lead>{whatIsAnOpp}</Paragraph>
          <Paragraph>Wij sturen u eerst een code per e-mail. Zo weten we zeker dat u het bent. Daarna kunt u het plan lezen.</Paragraph>
          {problem}
          <div>
            <PrimaryActionButton type="button" onClick={askCode} disabled={busy} busy={busy}>
              Stuur mij een code
            </PrimaryActionButton>
          </div>
        </>
      )}

      {step.name === 'code' && (
        <>
          <StepTitle title="Vul de code in" focus={moved} />
          <Alert type="info" role="status">
            <Paragraph>
              We hebben een code gestuurd naar {step.sentTo}. De code werkt {step.minutes} minuten. Ziet u geen e-mail? Kijk dan ook bij ongewenste e-mail (spam).
            </Paragraph>
          </Alert>
          {problem}
          <form
            className="lr-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void checkCode();
            }}
          >
            <TextField
              name="code"
              label="Code uit de e-mail"
              description="6 cijfers, bijvoorbeeld 123456."
              autoComplete="one-time-code"
              inputMode="numeric"
              value={code}
              onChange={setCode}
              error={codeError}
              spellCheck={false}
            />
            <div className="lr-parent-actions" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
              <PrimaryActionButton type="submit" disabled={busy} busy={busy}>
                Verder
              </PrimaryActionButton>
              <SecondaryActionButton type="button" onClick={askCode} disabled={busy}>
                Stuur een nieuwe code
              </SecondaryActionButton>
            </div>
          </form>
        </>
      )}

      {step.name === 'plan' && (
        <PlanStep
          plan={step.plan}
          focus={moved}
          problem={problem}
          busy={busy}
          onSignOut={signOut}
          onAnswer={async (input) => {
            try {
              await parentApi('POST', '/respond', input, csrf.current);
            } catch (e) {
              if (e instanceof ApiError && e.status === 401) {
                sessionStorage.removeItem(SIGNED_IN_KEY);
                go({ name: 'ended', message: e.message });
                return;
              }
              throw e;
            }
            await run(loadPlan);
            // The form is gone: the answer's confirmation takes the focus.
            window.setTimeout(() => document.getElementById('klaar-titel')?.focus(), 0);
          }}
        />
      )}

      {step.name === 'ended' && (
        <>
          <StepTitle title="U bent niet meer aangemeld" focus={moved} />
          <Alert type="warning" role="status">
            <Paragraph>{step.message}</Paragraph>
          </Alert>
          <div>
            <PrimaryActionButton type="button" onClick={askCode} disabled={busy} busy={busy}>
              Stuur mij een nieuwe code
            </PrimaryActionButton>
          </div>
          {problem}
        </>
      )}

      {step.name === 'signed-out' && (
        <>
          <StepTitle title="U bent afgemeld" focus={moved} />
          <Paragraph>U kunt deze pagina nu sluiten. Wilt u het plan nog een keer lezen? Open dan de link uit de e-mail opnieuw.</Paragraph>
        </>
      )}
    </ParentLayout>
  );
}

function PlanStep({
  plan,
  focus,
  problem,
  busy,
  onSignOut,
  onAnswer,
}: {
  plan: ParentPlanData;
  focus: boolean;
  problem: ReactNode;
  busy: boolean;
  onSignOut: () => void;
  onAnswer: (input: { decision: 'agree' | 'disagree'; comment: string }) => Promise<void>;
}) {
  const title = plan.signer === 'pupil' ? 'Jouw plan' : `Het plan voor ${plan.pupil.firstName}`;
  const waiting = plan.version.status === 'with_parents';
  return (
    <>
      <StepTitle title={title} focus={focus} />
      <Paragraph lead>
        {plan.school.name}. {plan.kind === 'light' ? 'Een kort plan voor extra hulp die niet lang duurt (OPP light).' : 'Dit plan heet een OPP: het plan voor extra hulp op school.'}
      </Paragraph>
      <Paragraph>
        Versie {plan.version.number}
        {plan.version.sentAt ? `, gestuurd op ${dateTime(plan.version.sentAt)}` : ''}. Deze link werkt tot {day(plan.linkExpiresAt.slice(0, 10))}.
      </Paragraph>
      {problem}
      {!waiting && !plan.answer && (
        <Alert type="info" role="status">
          <Paragraph>
            {plan.version.status === 'agreed'
              ? 'Dit plan is al goedgekeurd. U hoeft niets meer te doen.'
              : plan.version.status === 'disagreed'
                ? 'Iemand die moet tekenen is het niet eens met dit plan. Het plan geldt nu niet. De school neemt contact met u op.'
                : 'Dit plan wacht niet meer op uw antwoord. Misschien is er een nieuwe versie. Neem contact op met de school als u vragen heeft.'}
          </Paragraph>
        </Alert>
      )}
      <Answered plan={plan} />
      <Summary plan={plan} />
      <Contact plan={plan} />
      <WholePlan plan={plan} />
      {plan.canRespond && <AnswerForm plan={plan} send={onAnswer} />}
      <div style={{ marginBlockStart: '2rem' }}>
        <SecondaryActionButton type="button" onClick={onSignOut} disabled={busy}>
          Afmelden
        </SecondaryActionButton>
      </div>
    </>
  );
}
