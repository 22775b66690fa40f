import {
  Checkbox,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { fieldId, useFieldError } from './use-form.tsx';

export { fieldId, type FieldErrors } from './use-form.tsx';

export interface FieldShell {
  name: string;
  label: ReactNode;
  error?: string;
  description?: ReactNode;
}

/** The field's own error, or the one its `<Form>` has for its name. */
export function useErrorFor({ name, error }: { name: string; error?: string }) {
  const fromForm = useFieldError(name);
  return error ?? fromForm;
}

export function describedBy(name: string, description?: ReactNode, error?: string, warning?: string | null) {
  const ids = [description ? `${fieldId(name)}-uitleg` : null, error ? `${fieldId(name)}-fout` : null, warning ? `${fieldId(name)}-let-op` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Shell({ name, label, error, description, input, type, warning, after }: FieldShell & { input: ReactNode; type?: string; warning?: string | null; after?: ReactNode }) {
  return (
    <FormField
      invalid={!!error}
      type={type}
      label={<FormLabel htmlFor={fieldId(name)}>{label}</FormLabel>}
      description={description ? <FormFieldDescription id={`${fieldId(name)}-uitleg`}>{description}</FormFieldDescription> : undefined}
      input={
        <>
          {error && (
            <FormFieldErrorMessage id={`${fieldId(name)}-fout`} className="lr-field-error">
              {error}
            </FormFieldErrorMessage>
          )}
          {input}
          {warning && (
            <p id={`${fieldId(name)}-let-op`} className="lr-field-warning">
              <span className="lr-visually-hidden">Let op: </span>
              {warning}
            </p>
          )}
          {after}
        </>
      }
    />
  );
}

export function TextField({
  value,
  onChange,
  type = 'text',
  autoComplete,
  required,
  inputMode,
  spellCheck,
  ...props
}: FieldShell & {
  value: string;
  onChange: (v: string) => void;
  type?: string;
  autoComplete?: string;
  required?: boolean;
  inputMode?: 'text' | 'numeric' | 'email' | 'search';
  spellCheck?: boolean;
}) {
  const shell = { ...props, error: useErrorFor(props) };
  return (
    <Shell
      {...shell}
      input={
        <Textbox
          id={fieldId(shell.name)}
          name={shell.name}
          type={type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          invalid={!!shell.error}
          aria-invalid={shell.error ? true : undefined}
          aria-describedby={describedBy(shell.name, shell.description, shell.error)}
          autoComplete={autoComplete}
          required={required}
          inputMode={inputMode}
          spellCheck={spellCheck}
        />
      }
    />
  );
}

/**
 * A file the form sends (as multipart, in its own `send`). The form's schema checks it
 * (`z.instanceof(File)`, its size and kind); `file` back to null empties the field after sending.
 */
export function FileField({ file, onChange, accept, ...props }: FieldShell & { file: File | null; onChange: (file: File | null) => void; accept?: string }) {
  const shell = { ...props, error: useErrorFor(props) };
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!file && input.current) input.current.value = '';
  }, [file]);
  return (
    <Shell
      {...shell}
      input={
        <input
          ref={input}
          id={fieldId(shell.name)}
          name={shell.name}
          type="file"
          accept={accept}
          className="lr-file"
          aria-invalid={shell.error ? true : undefined}
          aria-describedby={describedBy(shell.name, shell.description, shell.error)}
          onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        />
      }
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ value, onChange, options, placeholder, ...props }: FieldShell & { value: string; onChange: (v: string) => void; options: Option[]; placeholder?: string }) {
  const shell = { ...props, error: useErrorFor(props) };
  return (
    <Shell
      {...shell}
      input={
        <Select
          id={fieldId(shell.name)}
          name={shell.name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          invalid={!!shell.error}
          aria-invalid={shell.error ? true : undefined}
          aria-describedby={describedBy(shell.name, shell.description, shell.error)}
        >
          {placeholder !== undefined && <SelectOption value="">{placeholder}</SelectOption>}
          {options.map((o) => (
            <SelectOption key={o.value} value={o.value}>
              {o.label}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );
}

export function CheckboxField({ name, label, checked, onChange }: { name: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <FormField type="checkbox">
      <div className="lr-checkbox">
        <Checkbox id={fieldId(name)} name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <FormLabel htmlFor={fieldId(name)} type="checkbox">
          {label}
        </FormLabel>
      </div>
    </FormField>
  );
}

/** Form-wide state of simple string fields. */
export function useFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const set = (key: keyof T) => (v: string) => setValues((old) => ({ ...old, [key]: v }));
  return { values, set, setValues };
}

/**
 * The longest text a schema accepts: `maxLengthOf(LogbookInput.shape.body)` is 4000 for
 * `requiredText(4000)`, through `.default()`, `.optional()` and `.nullable()`.
 */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  let s: unknown = schema;
  for (let i = 0; i < 5 && s; i++) {
    const max = (s as { maxLength?: number | null }).maxLength;
    if (typeof max === 'number') return max;
    const def = (s as { def?: { innerType?: unknown; in?: unknown } }).def;
    s = def?.innerType ?? def?.in;
  }
  return undefined;
}

const nlNumber = (n: number) => n.toLocaleString('nl-NL');

/**
 * How much room is left: shown under a long text once a fifth is used, and told to a screen reader
 * a moment after typing stops (not on every key), like GOV.UK's character count. No maxlength on the
 * textarea itself: that would cut pasted text off without a word; the schema refuses what is too long.
 */
function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const left = max - length;
  const text = left >= 0 ? `Nog ${nlNumber(left)} van ${nlNumber(max)} tekens.` : `${nlNumber(-left)} ${left === -1 ? 'teken' : 'tekens'} te veel; gebruik hoogstens ${nlNumber(max)}.`;
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSpoken(length >= max * 0.8 ? text : ''), 1000);
    return () => clearTimeout(t);
  }, [text, length, max]);
  return (
    <>
      <p id={id} className={left < 0 ? 'lr-count lr-count--over' : 'lr-count'} hidden={length < max * 0.2}>
        {text}
      </p>
      <p className="lr-visually-hidden" aria-live="polite">
        {spoken}
      </p>
    </>
  );
}

/** A multi-line text field with its label, description and error, like TextField; `maxLength` adds a character count. */
export function TextAreaField({
  name,
  label,
  value,
  onChange,
  error: ownError,
  description,
  rows = 4,
  readOnly,
  maxLength,
}: {
  name: string;
  label: ReactNode;
  value: string;
  onChange?: (v: string) => void;
  error?: string;
  description?: ReactNode;
  rows?: number;
  readOnly?: boolean;
  /** The schema's limit (`maxLengthOf(Schema.shape.field)`): shows how many characters are left. */
  maxLength?: number;
}) {
  const id = fieldId(name);
  const error = useErrorFor({ name, error: ownError });
  const counted = maxLength !== undefined && !readOnly;
  const describedBy = [description ? `${id}-uitleg` : null, error ? `${id}-fout` : null, counted ? `${id}-teller` : null].filter(Boolean).join(' ') || undefined;
  return (
    <FormField
      invalid={!!error}
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={description ? <FormFieldDescription id={`${id}-uitleg`}>{description}</FormFieldDescription> : undefined}
      input={
        <>
          {error && (
            <FormFieldErrorMessage id={`${id}-fout`} className="lr-field-error">
              {error}
            </FormFieldErrorMessage>
          )}
          <Textarea
            id={id}
            name={name}
            rows={rows}
            value={value}
            readOnly={readOnly}
            onChange={(e) => onChange?.(e.target.value)}
            invalid={!!error}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
          {counted && <CharacterCount id={`${id}-teller`} length={value.length} max={maxLength} />}
        </>
      }
    />
  );
}

/**
 * A form that opens under a button. It stays mounted while closed, so typed
 * text survives closing and reopening; focus goes to its first field.
 */
export function Disclosure({ id, label, open, onOpenChange, children, className = 'lr-disclosure' }: { id: string; label: string; open: boolean; onOpenChange: (open: boolean) => void; children: ReactNode; className?: string }) {
  const panel = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open && !wasOpen.current) panel.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <div className={className}>
      <button type="button" className="utrecht-button utrecht-button--secondary-action" aria-expanded={open} aria-controls={id} onClick={() => onOpenChange(!open)}>
        {label}
      </button>
      <div id={id} ref={panel} hidden={!open} className={`${className}__panel`}>
        {children}
      </div>
    </div>
  );
}

/** A group of radio buttons in a fieldset with a legend; the error is linked to the group (shared.css). */
export function RadioGroup({
  name,
  legend,
  value,
  onChange,
  options,
  error: ownError,
  inline,
}: {
  name: string;
  legend: ReactNode;
  value: string;
  onChange: (v: string) => void;
  options: Option[];
  error?: string;
  inline?: boolean;
}) {
  const id = fieldId(name);
  const error = useErrorFor({ name, error: ownError });
  return (
    <fieldset className="lr-radios" id={id} tabIndex={-1} aria-describedby={error ? `${id}-fout` : undefined}>
      <legend className="lr-radios__legend">{legend}</legend>
      {error && (
        <p id={`${id}-fout`} className="lr-radios__error">
          {error}
        </p>
      )}
      <div className={inline ? 'lr-radios__list lr-radios__list--inline' : 'lr-radios__list'}>
        {options.map((o) => (
          <label key={o.value} className="lr-radio">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
