import { Alert, Heading1, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@utrecht/component-library-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ApiError, apiClient } from '../../../web/api.ts';
import { TextField } from '../../../web/forms.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { usePageTitle } from '../../../web/ui.tsx';
import type { z } from 'zod';
import { PARENT_CSRF_HEADER, ParentVerifyInput, subjectPlaces, type SubjectKind } from '../schema.ts';

/**
 * The frame of a parent's page behind a link from a school's mail (the OPP's
 * /ouders/opp and the request's /ouders/aanvraag): outside the staff shell,
 * no staff menu, no sign-in redirects. Steps: ask a code, type it, read (and
 * answer), sign out.
 *
 * It calls the server with the one api client (web/api.ts), set up for a
 * parent: a change carries the `x-parent-csrf` header (not the staff token),
 * and a lost parent session shows a message here, never the staff sign-in
 * page.
 */
const parentClient = (csrf: { current: string | null }) =>
  apiClient({
    csrf: () => (csrf.current ? { header: PARENT_CSRF_HEADER, token: csrf.current } : null),
    staffSession: false,
    offline: 'De website is niet bereikbaar. Controleer uw internet en probeer het opnieuw.',
  });

export function ParentLayout({ children }: { children: ReactNode }) {
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
export function StepTitle({ title, focus }: { title: string; focus: boolean }) {
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

/** What the signed-in step gets from the gate. */
export interface SignedInStep<T> {
  data: T;
  /** Whether the step's heading should take the focus (it was reached by an action). */
  focus: boolean;
  problem: ReactNode;
  /** A change with the CSRF header; afterwards the data is loaded again. A lost session ends the step; other errors are thrown for the form. */
  send: (path: string, body: unknown) => Promise<void>;
  /** A read under the subject's API (an item to read before answering); a lost session ends the step. */
  read: <R>(path: string) => Promise<R>;
  /** The address of a file under the subject's API, for a plain link (the session cookie covers it). */
  href: (path: string) => string;
}

type Step<T> = { name: 'start' } | { name: 'code'; sentTo: string; minutes: number } | { name: 'in'; data: T } | { name: 'ended'; message: string } | { name: 'signed-out' };

export function ParentGate<T extends { csrfToken: string }>({
  kind,
  title,
  intro,
  afterCode,
  readAgain,
  children,
}: {
  /** What the link is about: its API, and the key under which this tab remembers which link it signed in with (a second link, another child, in a new tab starts at its own code step). */
  kind: SubjectKind;
  title: string;
  intro: ReactNode;
  /** After the sentence about the code: what the parent can do then ('Daarna kunt u het plan lezen.'). */
  afterCode?: string;
  /** Shown after signing out: how to read it again. */
  readAgain: string;
  children: (step: SignedInStep<T>) => ReactNode;
}) {
  const { api: base, storageKey } = subjectPlaces[kind];
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const [step, setStep] = useState<Step<T>>({ name: 'start' });
  const [moved, setMoved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');
  const csrf = useRef<string | null>(null);
  const call = useRef(parentClient(csrf)).current;

  const go = useCallback((next: Step<T>) => {
    setStep(next);
    setMoved(true);
    setError(null);
  }, []);

  const load = useCallback(async () => {
    const data = await call.get<T>(base);
    csrf.current = data.csrfToken;
    go({ name: 'in', data });
  }, [call, base, go]);

  // Back in the same tab within the hour (e.g. after a reload): straight in.
  useEffect(() => {
    if (!token || sessionStorage.getItem(storageKey) !== token) return;
    load().catch(() => sessionStorage.removeItem(storageKey));
  }, [token, load, storageKey]);

  const ended = (e: unknown) => {
    if (!(e instanceof ApiError) || e.status !== 401) return false;
    sessionStorage.removeItem(storageKey);
    go({ name: 'ended', message: e.message });
    return true;
  };

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      if (!ended(e)) setError(e instanceof ApiError ? e.message : 'Er ging iets mis. Probeer het opnieuw.');
    } finally {
      setBusy(false);
    }
  }

  // The code is checked with the server's schema; a wrong or expired code is the code field's error.
  const verify = useForm(
    ParentVerifyInput,
    async (input: z.output<typeof ParentVerifyInput>) => {
      try {
        const verified = await call.post<{ csrfToken: string }>(`${base}/verify`, input);
        csrf.current = verified.csrfToken;
        sessionStorage.setItem(storageKey, token);
        await load();
      } catch (e) {
        if (ended(e)) return;
        if (e instanceof ApiError && e.code === 'BAD_CODE') throw new ApiError(e.status, e.code, e.message, [{ path: 'code', message: e.message }]);
        throw e;
      }
    },
  );

  const askCode = () =>
    run(async () => {
      const sent = await call.post<{ sentTo: string; validMinutes: number }>(`${base}/code`, { token });
      setCode('');
      verify.fail({});
      go({ name: 'code', sentTo: sent.sentTo, minutes: sent.validMinutes });
    });

  const signOut = () =>
    run(async () => {
      await call.post(`${base}/sign-out`);
      sessionStorage.removeItem(storageKey);
      go({ name: 'signed-out' });
    });

  const send = async (path: string, body: unknown) => {
    try {
      await call.post(`${base}${path}`, body);
    } catch (e) {
      if (ended(e)) return;
      throw e;
    }
    await run(load);
  };

  const read = async <R,>(path: string): Promise<R> => {
    try {
      return await call.get<R>(`${base}${path}`);
    } catch (e) {
      ended(e);
      throw e;
    }
  };
  const href = (path: string) => `/api/${base}${path}`;

  const problem = error && (
    <Alert type="error" role="alert">
      <Paragraph>{error}</Paragraph>
    </Alert>
  );

  if (!token) {
    return (
      <ParentLayout>
        <StepTitle title={title} focus={false} />
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
          <StepTitle title={title} focus={moved} />
          {intro}
          <Paragraph>{`Wij sturen u eerst een code per e-mail. Zo weten we zeker dat u het bent.${afterCode ? ` ${afterCode}` : ''}`}</Paragraph>
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
          <Form
            form={verify}
            onSubmit={() => verify.submit({ token, code })}
            labels={{ code: 'Code uit de e-mail', token: 'Link' }}
            submit={{ label: 'Verder' }}
            disabledReason={busy ? 'Er wordt een nieuwe code gestuurd.' : null}
            actions={
              <SecondaryActionButton type="button" onClick={askCode} disabled={busy || verify.sending}>
                Stuur een nieuwe code
              </SecondaryActionButton>
            }
          >
            <TextField
              name="code"
              label="Code uit de e-mail"
              description="6 cijfers, bijvoorbeeld 123456."
              autoComplete="one-time-code"
              inputMode="numeric"
              value={code}
              onChange={setCode}
              spellCheck={false}
            />
          </Form>
        </>
      )}

      {step.name === 'in' && (
        <>
          {children({ data: step.data, focus: moved, problem, send, read, href })}
          <div style={{ marginBlockStart: '2rem' }}>
            <SecondaryActionButton type="button" onClick={signOut} disabled={busy}>
              Afmelden
            </SecondaryActionButton>
          </div>
        </>
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
          <Paragraph>U kunt deze pagina nu sluiten. {readAgain}</Paragraph>
        </>
      )}
    </ParentLayout>
  );
}
