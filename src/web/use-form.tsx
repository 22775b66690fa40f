import { Alert, Button, ButtonGroup, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type FormHTMLAttributes, type ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from './api.ts';

/**
 * The one way a page sends a form: `useForm` checks the input against the
 * server's own zod schema, sends it and maps the server's field errors back;
 * `<Form>` renders the form element, the error summary (which takes the focus
 * after a failed submit), the submit button with its busy state and why it
 * is disabled, and hands each field its error by name. A feature's form is
 * then its fields. The fields (forms.tsx) show dates as dd-mm-jjjj, count
 * characters, and warn about a day that is probably wrong; `<Form>` asks the
 * user to confirm such a warning before it sends. The error texts come from
 * the schemas (platform/http/schemas.ts gives every message that a schema
 * leaves out in plain Dutch).
 */

/** Field errors by field name ('email', 'logboek.body', 'roles.0.schoolId'); the first message per name wins. */
export type FieldErrors = Record<string, string>;

export const fieldId = (path: string) => `veld-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

const FORM_ERROR = '_form';

function issuesToErrors(name: (path: string) => string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    errors[path ? name(path) : FORM_ERROR] ??= issue.message;
  }
  return errors;
}

export interface UseFormOptions<R> {
  /** Names the fields `prefix.path`, so two forms on one page never share a field id. */
  prefix?: string;
  /**
   * Names the field of a schema path when the form's names are not `prefix.path` (the OPP editor calls
   * `content.goals.0.what` 'opp.goals.0.what'); instead of `prefix`.
   */
  fieldName?: (path: string) => string;
  /** What a failure that is no answer of the server says (the connection dropped); a general message unless given. */
  failMessage?: string;
  /** Runs after a successful send; its own failure shows like the send's. */
  onDone?: (result: R) => void | Promise<void>;
}

/**
 * A form's submit cycle. The typed values stay in the form's own state and
 * are never reset on an error. `submit` resolves to whether it succeeded.
 */
export function useForm<S extends z.ZodType, R>(
  schema: S,
  send: (input: z.output<S>) => Promise<R>,
  { prefix = '', fieldName, failMessage = 'Er ging iets mis. Probeer het opnieuw.', onDone }: UseFormOptions<R> = {},
) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const name = fieldName ?? ((path: string) => (prefix ? `${prefix}.${path}` : path));

  /** Shows problems found before sending (checks across fields the schema cannot see); keys are field names. */
  function fail(found: FieldErrors, message: string | null = null) {
    setErrors(found);
    setFormError(message);
    setAttempt((n) => n + 1);
  }

  async function submit(raw: unknown): Promise<boolean> {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      fail(issuesToErrors(name, parsed.error.issues));
      return false;
    }
    setSending(true);
    setErrors({});
    setFormError(null);
    try {
      const result = await send(parsed.data);
      setSending(false);
      await onDone?.(result);
      return true;
    } catch (e) {
      setSending(false);
      if (e instanceof ApiError) {
        const found = issuesToErrors(name, e.fields.map((f) => ({ path: f.path ? f.path.split('.') : [], message: f.message })));
        fail(found, e.fields.length ? null : e.message);
      } else fail({}, failMessage);
      return false;
    }
  }

  return { errors, formError, sending, attempt, submit, fail, name, error: (path: string) => errors[name(path)] };
}

export type FormApi = ReturnType<typeof useForm>;

const FormErrors = createContext<FieldErrors>({});

/** The error `<Form>` has for the field with this name. */
export const useFieldError = (name: string) => useContext(FormErrors)[name];

/** A field's warning: something probably wrong that the user may confirm ("Deze datum ligt in het verleden."). */
const FormWarnings = createContext<((name: string, message: string | null) => void) | null>(null);

/** Tells the enclosing `<Form>` this field's warning (or null); the form asks to confirm it before sending. */
export function useFieldWarning(name: string, message: string | null) {
  const report = useContext(FormWarnings);
  useEffect(() => {
    report?.(name, message);
    return () => report?.(name, null);
  }, [report, name, message]);
}

/**
 * Warnings the user has not confirmed yet keep the form from sending; the
 * panel lists them with links to their fields, and "Klopt, opslaan" sends
 * anyway. A confirmation holds for that field with that message, so a
 * changed date asks again.
 */
function useWarnings() {
  const [warnings, setWarnings] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = useState(0);
  const report = useCallback((name: string, message: string | null) => {
    setWarnings((old) => {
      if ((old[name] ?? null) === message) return old;
      const next = { ...old };
      if (message === null) delete next[name];
      else next[name] = message;
      return next;
    });
  }, []);
  const key = (name: string, message: string) => `${name}\u0000${message}`;
  const open = useMemo(() => Object.entries(warnings).filter(([name, message]) => !confirmed.has(key(name, message))), [warnings, confirmed]);
  return {
    report,
    open,
    asking: asking > 0 && open.length > 0,
    attempt: asking,
    ask: () => setAsking((n) => n + 1),
    confirm: () => {
      setConfirmed(new Set([...confirmed, ...open.map(([name, message]) => key(name, message))]));
      setAsking(0);
    },
  };
}

/** Asks to confirm what is probably wrong, with links to the fields; takes the focus. */
function WarningSummary({ open, attempt, labels = {}, confirmLabel, onConfirm }: { open: [string, string][]; attempt: number; labels?: Record<string, string>; confirmLabel: string; onConfirm: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  return (
    <div ref={ref} tabIndex={-1} className="lr-warning-summary">
      <Alert type="warning">
        <Heading2 className="lr-alert-heading">{open.length === 1 ? 'Klopt dit?' : 'Klopt dit allemaal?'}</Heading2>
        <UnorderedList>
          {open.map(([path, message]) => (
            <UnorderedListItem key={path}>
              <a
                className="utrecht-link"
                href={`#${fieldId(path)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(fieldId(path))?.focus();
                }}
              >
                {labels[path] ? `${labels[path]}: ` : ''}
                {message}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
        <ButtonGroup>
          <Button type="button" appearance="primary-action-button" onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => document.getElementById(fieldId(open[0]![0]))?.focus()}>
            Aanpassen
          </Button>
        </ButtonGroup>
      </Alert>
    </div>
  );
}

/** Lists every problem after a failed submit, with links to the fields, and takes the focus. */
function ErrorSummary({ errors, formError, attempt, labels = {} }: { errors: FieldErrors; formError: string | null; attempt: number; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const show = entries.length > 0 || !!formError;
  useEffect(() => {
    if (attempt > 0 && show) ref.current?.focus();
  }, [attempt, show]);
  if (!show) return null;
  return (
    <div ref={ref} tabIndex={-1} className="lr-error-summary">
      <Alert type="error">
        {entries.length > 0 ? (
          <>
            <Heading2 className="lr-alert-heading">Controleer het formulier</Heading2>
            {formError && <Paragraph>{formError}</Paragraph>}
            <UnorderedList>
              {entries.map(([path, message]) => (
                <UnorderedListItem key={path}>
                  {path === FORM_ERROR ? (
                    message
                  ) : (
                    <a
                      className="utrecht-link"
                      href={`#${fieldId(path)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(fieldId(path))?.focus();
                      }}
                    >
                      {labels[path] ? `${labels[path]}: ` : ''}
                      {message}
                    </a>
                  )}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : (
          <Paragraph>{formError}</Paragraph>
        )}
      </Alert>
    </div>
  );
}

export interface SubmitButton {
  label: ReactNode;
  /** Shown on the button while sending. */
  busyLabel?: ReactNode;
  secondary?: boolean;
  /** A button that removes or ends something ('Ja, verwijderen'). */
  danger?: boolean;
  testId?: string;
  /** The button that sends despite a warning; 'Klopt, opslaan' unless the form says otherwise ('Klopt, versturen'). */
  confirmLabel?: string;
}

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'children'> & {
  form: Pick<FormApi, 'errors' | 'formError' | 'attempt' | 'sending'>;
  /** Called on submit (the browser's own submit is prevented); usually `() => form.submit(values)`. */
  onSubmit: () => unknown;
  /** The submit button; null for a form whose buttons are its own. */
  submit: SubmitButton | ReactNode | null;
  /** Field labels by field name, for the error summary's links. */
  labels?: Record<string, string>;
  /** Comes before the error summary (a heading, an explanation). */
  intro?: ReactNode;
  /** More buttons next to the submit button (cancel, back). */
  actions?: ReactNode;
  /** A class for the row of buttons, besides the kit's own (the OPP editor's save bar). */
  buttonsClassName?: string;
  /** Comes after the buttons (a saved notice). */
  after?: ReactNode;
  /**
   * Why the form cannot be sent yet ('Kies eerst een leerling.'), shown next to the submit button, which
   * then does nothing. The button stays focusable (aria-disabled, not disabled), so a keyboard or screen
   * reader user reaches it and hears the reason (WCAG 1.3.1, 4.1.2).
   */
  disabledReason?: string | null;
  children?: ReactNode;
};

const isButton = (x: unknown): x is SubmitButton => typeof x === 'object' && x !== null && 'label' in x;

/** A form of fields with its error summary and submit button; see `useForm`. */
export function Form({ form, onSubmit, submit, labels, intro, actions, buttonsClassName, after, disabledReason, children, className = 'lr-form', ...rest }: FormProps) {
  const button = isButton(submit) ? submit : null;
  const autoId = useId();
  const reasonId = `${rest.id ?? autoId}-waarom`;
  const warnings = useWarnings();
  const send = () => {
    if (disabledReason || form.sending) return;
    if (warnings.open.length) warnings.ask();
    else void onSubmit();
  };
  return (
    <FormErrors.Provider value={form.errors}>
      <FormWarnings.Provider value={warnings.report}>
        <form
          className={className}
          noValidate
          {...rest}
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          {intro}
          <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={labels} />
          {warnings.asking && (
            <WarningSummary
              open={warnings.open}
              attempt={warnings.attempt}
              labels={labels}
              confirmLabel={button?.confirmLabel ?? 'Klopt, opslaan'}
              onConfirm={() => {
                warnings.confirm();
                void onSubmit();
              }}
            />
          )}
          {children}
          {submit !== null && (
            <ButtonGroup className={buttonsClassName}>
              {button ? (
                <Button
                  type="submit"
                  appearance={button.secondary ? 'secondary-action-button' : 'primary-action-button'}
                  hint={button.danger ? 'danger' : undefined}
                  className={disabledReason ? 'utrecht-button--disabled' : undefined}
                  aria-disabled={disabledReason ? true : undefined}
                  disabled={form.sending}
                  busy={form.sending}
                  aria-describedby={disabledReason ? reasonId : undefined}
                  data-testid={button.testId}
                >
                  {form.sending && button.busyLabel ? button.busyLabel : button.label}
                </Button>
              ) : (
                (submit as ReactNode)
              )}
              {actions}
            </ButtonGroup>
          )}
          {disabledReason && (
            <Paragraph className="lr-muted" id={reasonId}>
              {disabledReason}
            </Paragraph>
          )}
          {after}
        </form>
      </FormWarnings.Provider>
    </FormErrors.Provider>
  );
}
