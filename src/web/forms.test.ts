import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalText, requiredText } from '../platform/http/schemas.ts';
import { maxLengthOf } from './forms.tsx';
import { plausible } from './date-fields.tsx';

describe('the kit reads what a field may hold from its schema', () => {
  it('the longest text, through defaults, optionals and transforms', () => {
    expect(maxLengthOf(requiredText(4000))).toBe(4000);
    expect(maxLengthOf(optionalText(2000))).toBe(2000);
    expect(maxLengthOf(z.string().trim().max(300).optional().nullable())).toBe(300);
    expect(maxLengthOf(z.string().max(10).transform((s) => s.length))).toBe(10);
    expect(maxLengthOf(z.string())).toBeUndefined();
    expect(maxLengthOf(z.number())).toBeUndefined();
  });
});

describe('a day that is probably wrong is named, not refused', () => {
  const today = '2026-12-02';
  it('something that happened: not ahead, not long ago', () => {
    const check = plausible.past();
    expect(check('2026-12-02', today)).toBeNull();
    expect(check('2026-01-15', today)).toBeNull();
    expect(check('2099-03-12', today)).toBe('12-03-2099 ligt in de toekomst. Klopt dat?');
    expect(check('2019-05-01', today)).toBe('01-05-2019 is meer dan een jaar geleden. Klopt dat?');
  });
  it('something ahead: not past, not years away', () => {
    const check = plausible.future({ years: 1 });
    expect(check('2026-12-02', today)).toBeNull();
    expect(check('2026-11-30', today)).toBe('30-11-2026 ligt in het verleden. Klopt dat?');
    expect(check('2028-01-01', today)).toBe('01-01-2028 is meer dan een jaar vooruit. Klopt dat?');
  });
});
