import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from './api.ts';

/**
 * What a page does with a change it sends: a one-shot action (forms use
 * useForm in use-form.tsx), the confirmation afterwards, and where the
 * focus goes next. Shared by the dossier, OPP and request pages.
 */

/** The server's Dutch message, or a general one for anything else. */
export const errorText = (e: unknown, fallback = 'Dat is niet gelukt. Probeer het opnieuw.') => (e instanceof ApiError ? e.message : fallback);

/** A one-shot POST (end an item, signal, close): busy state and the server's Dutch message. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(send: () => Promise<unknown>, onDone?: () => void | Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await send();
      await onDone?.();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, setError };
}

/**
 * A confirmation after a change. It takes the focus, so keyboard and screen
 * reader users hear it and go on from there (the submit button they were on
 * may be gone or disabled). `testId` names the notice for the browser tests.
 */
export function useFlash({ testId }: { testId?: string } = {}) {
  const [message, setMessage] = useState<string | null>(null);
  const [n, setN] = useState(0);
  const flash = (m: string) => {
    setMessage(m);
    setN((x) => x + 1);
  };
  return { message, flash, notice: <FlashNotice key={n} message={message} testId={testId} /> };
}

function FlashNotice({ message, testId }: { message: string | null; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} className="lr-flash" data-testid={testId}>
      <Alert type="ok" role="status">
        <Paragraph>{message}</Paragraph>
      </Alert>
    </div>
  );
}

/** After a form under a button closes, focus goes to its section's heading instead of getting lost. */
export const focusHeading = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

/** Closing the tab (or reloading) with unsaved changes asks first. */
export function useUnloadWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
