import { Textbox } from '@utrecht/component-library-react';
import { useState } from 'react';
import { day as daySchema } from '../platform/http/schemas.ts';
import { addYears, formatDayNumeric, parseDayInput, today as todayInNl } from '../platform/time.ts';
import { describedBy, fieldId, Shell, useErrorFor, type FieldShell } from './forms.tsx';
import { useFieldWarning } from './use-form.tsx';

/** The kit's date field: a day typed as dd-mm-jjjj, with a warning for a day that is probably wrong. */

/** Says what is probably wrong with a day ('YYYY-MM-DD', given today in Dutch time), or null. */
export type DateCheck = (day: string, today: string) => string | null;

const yearsWord = (n: number) => (n === 1 ? 'een jaar' : `${n} jaar`);

/**
 * What a form calls a plausible day, per field: outside it the field warns and the form asks to
 * confirm ('Klopt, opslaan'), it does not refuse. The hard limits (a day that exists, 1990-2100)
 * are the schema's (`day` in platform/http/schemas.ts).
 */
export const plausible = {
  /** Something that happened (a logbook entry, a measurement, a conversation held): not after today, not more than `years` back. */
  past:
    ({ years = 1 }: { years?: number } = {}): DateCheck =>
    (d, t) =>
      d > t ? `${formatDayNumeric(d)} ligt in de toekomst. Klopt dat?` : d < addYears(t, -years) ? `${formatDayNumeric(d)} is meer dan ${yearsWord(years)} geleden. Klopt dat?` : null,
  /** Something ahead (a deadline, an evaluation, a meeting): not before today, not more than `years` ahead. */
  future:
    ({ years = 2 }: { years?: number } = {}): DateCheck =>
    (d, t) =>
      d < t ? `${formatDayNumeric(d)} ligt in het verleden. Klopt dat?` : d > addYears(t, years) ? `${formatDayNumeric(d)} is meer dan ${yearsWord(years)} vooruit. Klopt dat?` : null,
  /** Around now, either way (a date a decision took effect): within `years` of today. */
  near:
    ({ years = 1 }: { years?: number } = {}): DateCheck =>
    (d, t) =>
      d < addYears(t, -years) ? `${formatDayNumeric(d)} is meer dan ${yearsWord(years)} geleden. Klopt dat?` : d > addYears(t, years) ? `${formatDayNumeric(d)} is meer dan ${yearsWord(years)} vooruit. Klopt dat?` : null,
};

/** The warning for a day that exists but is probably wrong; tells the enclosing `<Form>`. */
function useDayWarning(name: string, day: string, check?: DateCheck) {
  const warning = check && daySchema.safeParse(day).success ? check(day, todayInNl()) : null;
  useFieldWarning(name, warning);
  return warning;
}

/**
 * Text typed in a field whose value is something else (a day shown as dd-mm-jjjj, stored as
 * 'YYYY-MM-DD'): the text follows the value when the value changes from outside (a reset, a loaded
 * record), and is kept as typed otherwise, also when it is no valid value yet.
 */
function useTypedText(value: string, show: (v: string) => string) {
  const [text, setText] = useState(() => show(value));
  const [known, setKnown] = useState(value);
  if (value !== known) {
    setKnown(value);
    setText(show(value));
  }
  return [
    text,
    (typed: string, parsed: string) => {
      setKnown(parsed);
      setText(typed);
    },
  ] as const;
}

/**
 * A day, shown and asked as dd-mm-jjjj ('31-01-2027'), given to the form as 'YYYY-MM-DD'.
 * A text field, not `type=date`: the browser's date field shows the browser's own format
 * (mm/dd/yyyy in an English Chromium), and its spin parts are hard to use with a screen reader
 * and at 390 px. It reads '31-1-2027', '31/01/27', '31012027' and a pasted '2027-01-31' too;
 * a day that does not exist is left for the schema to refuse. `plausible` warns about a day
 * that is probably wrong (`plausible.past()`, `plausible.future()`), which the form asks to confirm;
 * the warning waits while the reader types.
 */
export function DateField({
  value,
  onChange,
  plausible: check,
  required,
  description,
  ...props
}: FieldShell & { value: string; onChange: (day: string) => void; plausible?: DateCheck; required?: boolean }) {
  const shell = { ...props, description: <>{description} Schrijf als dd-mm-jjjj, bijvoorbeeld 31-01-2027.</>, error: useErrorFor(props) };
  const [text, setText] = useTypedText(value, formatDayNumeric);
  const [typing, setTyping] = useState(false);
  const warning = useDayWarning(shell.name, value, check);
  const shown = typing ? null : warning;
  return (
    <Shell
      {...shell}
      warning={shown}
      input={
        <Textbox
          id={fieldId(shell.name)}
          name={shell.name}
          className="lr-date"
          value={text}
          onChange={(e) => {
            const parsed = parseDayInput(e.target.value);
            setText(e.target.value, parsed);
            setTyping(true);
            onChange(parsed);
          }}
          onBlur={() => setTyping(false)}
          invalid={!!shell.error}
          aria-invalid={shell.error ? true : undefined}
          aria-describedby={describedBy(shell.name, shell.description, shell.error, shown)}
          autoComplete="off"
          spellCheck={false}
          required={required}
        />
      }
    />
  );
}
