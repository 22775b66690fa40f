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
import { fieldId, useFieldError } from './use-form.tsx';

export { ErrorSummary, fieldId, type FieldErrors } from './use-form.tsx';

interface FieldShell {
  name: string;
  label: ReactNode;
  error?: string;
  description?: ReactNode;
}

/** The field's own error, or the one its `<Form>` has for its name. */
function useErrorFor({ name, error }: { name: string; error?: string }) {
  const fromForm = useFieldError(name);
  return error ?? fromForm;
}

function describedBy(name: string, description?: ReactNode, error?: string) {
  const ids = [description ? `${fieldId(name)}-uitleg` : null, error ? `${fieldId(name)}-fout` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Shell({ name, label, error, description, input, type }: FieldShell & { input: ReactNode; type?: string }) {
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

/** A multi-line text field with its label, description and error, like TextField. */
export function TextAreaField({
  name,
  label,
  value,
  onChange,
  error: ownError,
  description,
  rows = 4,
  readOnly,
}: {
  name: string;
  label: ReactNode;
  value: string;
  onChange?: (v: string) => void;
  error?: string;
  description?: ReactNode;
  rows?: number;
  readOnly?: boolean;
}) {
  const id = fieldId(name);
  const error = useErrorFor({ name, error: ownError });
  const describedBy = [description ? `${id}-uitleg` : null, error ? `${id}-fout` : null].filter(Boolean).join(' ') || undefined;
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
