import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../../web/api.ts';
import type { FieldErrors } from '../../../web/forms.tsx';
import { oppKey } from './opp-kit.tsx';

/** After a form under a button closes, focus goes to its section's heading instead of getting lost. */
export const focusHeading = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

export const todayIso = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** A form's own errors, summary and busy state; server field errors are mapped under the form's prefix. */
export function useFormState(prefix: string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const fail = (found: FieldErrors, message: string | null = null) => {
    setErrors(found);
    setFormError(message);
    setAttempt((n) => n + 1);
  };
  async function run(send: () => Promise<void>) {
    setSending(true);
    setErrors({});
    setFormError(null);
    try {
      await send();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const f: FieldErrors = {};
        for (const fe of e.fields) f[`${prefix}.${fe.path || '_'}`] ??= fe.message;
        fail(f, e.message);
      } else fail({}, e instanceof ApiError ? e.message : 'Dat is niet gelukt. Probeer het opnieuw.');
    } finally {
      setSending(false);
    }
  }
  return { errors, formError, attempt, sending, fail, run, setErrors };
}

export function useRefresh(oppId: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: oppKey(oppId) });
    void client.invalidateQueries({ queryKey: ['pupil'] });
  };
}
