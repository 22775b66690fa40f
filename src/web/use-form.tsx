import { Alert, Button, ButtonGroup, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { createContext, useContext, useEffect, useRef, useState, type FormHTMLAttributes, type ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from './api.ts';

/**
 * The one way a page sends a form: `useForm` checks the input against the
 * server's own zod schema, sends it and maps the server's field errors back;
 * `<Form>` renders the form element, the error summary (which takes the focus
 * after a failed submit), the submit button with its busy state and why it
 * is disabled, and hands each field its error by name. A feature's form is
 * then its fields. Dutch error texts, date display and character counters
 * belong here too, once, not in the features.
 */

/** Field errors by field name ('email', 'logboek.body', 'roles.0.schoolId'); the first message per name wins. */
export type FieldErrors = Record<string, string>;

export const fieldId = (path: string) => `veld-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

const FORM_ERROR = '_form';

function issuesToErrors(prefix: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    errors[path ? (prefix ? `${prefix}.${path}` : path) : FORM_ERROR] ??= issue.message;
  }
  return errors;
}

export interface UseFormOptions<R> {
  /** Names the fields `prefix.path`, so two forms on one page never share a field id. */
  prefix?: string;
  /** Runs after a successful send; its own failure shows like the send's. */
  onDone?: (result: R) => void | Promise<void>;
}

/**
 * A form's submit cycle. The typed values stay in the form's own state and
 * are never reset on an error. `submit` resolves to whether it succeeded.
 */
export function useForm<S extends z.ZodType, R>(schema: S, send: (input: z.output<S>) => Promise<R>, { prefix = '', onDone }: UseFormOptions<R> = {}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const name = (path: string) => (prefix ? `${prefix}.${path}` : path);

  /** Shows problems found before sending (checks across fields the schema cannot see); keys are field names. */
  function fail(found: FieldErrors, message: string | null = null) {
    setErrors(found);
    setFormError(message);
    setAttempt((n) => n + 1);
  }

  async function submit(raw: unknown): Promise<boolean> {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      fail(issuesToErrors(prefix, parsed.error.issues));
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
        const found = issuesToErrors(prefix, e.fields.map((f) => ({ path: f.path ? f.path.split('.') : [], message: f.message })));
        fail(found, e.fields.length ? null : e.message);
      } else fail({}, 'Er ging iets mis. Probeer het opnieuw.');
      return false;
    }
  }

  return { errors, formError, sending, attempt, submit, fail, name, error: (path: string) => errors[name(path)] };
}

export type FormApi = ReturnType<typeof useForm>;

const FormErrors = createContext<FieldErrors>({});

/** The error `<Form>` has for the field with this name. */
export const useFieldError = (name: string) => useContext(FormErrors)[name];

/** Lists every problem after a failed submit, with links to the fields, and takes the focus. */
export function ErrorSummary({ errors, formError, attempt, labels = {} }: { errors: FieldErrors; formError: string | null; attempt: number; labels?: Record<string, string> }) {
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
  testId?: string;
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
  /** Comes after the buttons (a saved notice). */
  after?: ReactNode;
  /** Disables the submit button and says why, next to it. */
  disabledReason?: string | null;
  children?: ReactNode;
};

const isButton = (x: unknown): x is SubmitButton => typeof x === 'object' && x !== null && 'label' in x;

/** A form of fields with its error summary and submit button; see `useForm`. */
export function Form({ form, onSubmit, submit, labels, intro, actions, after, disabledReason, children, className = 'lr-form', ...rest }: FormProps) {
  const button = isButton(submit) ? submit : null;
  const reasonId = rest.id ? `${rest.id}-waarom` : undefined;
  return (
    <FormErrors.Provider value={form.errors}>
      <form
        className={className}
        noValidate
        {...rest}
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        {intro}
        <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={labels} />
        {children}
        {submit !== null && (
          <ButtonGroup>
            {button ? (
              <Button
                type="submit"
                appearance={button.secondary ? 'secondary-action-button' : 'primary-action-button'}
                disabled={form.sending || !!disabledReason}
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
    </FormErrors.Provider>
  );
}
