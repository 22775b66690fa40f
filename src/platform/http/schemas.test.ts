import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PARSER_WORDS } from '../../../tests/helpers/messages.ts';
import { day, dutchMessages, email, instant, optionalText, requiredText } from './schemas.ts';

beforeAll(() => {
  z.config(dutchMessages);
});

const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

/** Schemas of every shape the features use, without messages of their own. */
const shapes: z.ZodType[] = [
  z.string(),
  z.number(),
  z.number().int().min(0).max(40),
  z.coerce.number().int().min(1),
  z.boolean(),
  z.literal(true),
  z.enum(['a', 'b']),
  z.array(z.string()).min(1).max(3),
  z.object({ a: z.string() }).strict(),
  z.uuid(),
  z.union([z.literal(1), z.literal(2)]).nullable(),
  z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]),
  z.record(z.string(), z.number()),
  z.string().regex(/^\d+$/),
  z.url(),
  z.date(),
  z.object({ nested: z.object({ n: z.number() }) }),
  requiredText(10),
  optionalText(10),
  email,
  day,
  instant,
];

describe('every message a field can get says in Dutch what to do', () => {
  it('for any input to any shape of schema', () => {
    const anything = fc.oneof(fc.anything(), fc.constantFrom(Number.NaN, '', 'abc', 1.5, -1, 'x'.repeat(50), null, undefined, [], {}));
    fc.assert(
      fc.property(fc.constantFrom(...shapes), anything, (schema, input) => {
        for (const m of messages(schema, input)) expect(m).not.toMatch(PARSER_WORDS);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the number, the limit and the example', () => {
    expect(messages(z.number(), Number.NaN)).toEqual(['Vul hier een getal in, bijvoorbeeld 2.']);
    expect(messages(z.coerce.number(), 'twee')).toEqual(['Vul hier een getal in, bijvoorbeeld 2.']);
    expect(messages(z.number().int(), 1.5)).toEqual(['Vul een heel getal in, zonder komma, bijvoorbeeld 2.']);
    expect(messages(z.number().max(40), 41)).toEqual(['Vul een getal in van hoogstens 40.']);
    expect(messages(requiredText(2000), 'x'.repeat(2130))).toEqual(['Gebruik hoogstens 2.000 tekens (nu 2.130).']);
    expect(messages(requiredText(20), '   ')).toEqual(['Vul dit veld in.']);
    expect(messages(z.object({ what: z.string() }), {})).toEqual(['Vul dit veld in.']);
    expect(messages(z.enum(['a', 'b']), 'c')).toEqual(['Kies een van de mogelijkheden in de lijst.']);
    expect(messages(z.array(z.string()).min(1), [])).toEqual(['Kies er minstens één.']);
    expect(messages(day, '2027-02-31')).toEqual(['Vul een bestaande datum in, bijvoorbeeld 31-01-2027.']);
  });

  it("a schema's own message wins", () => {
    expect(messages(z.number('Vul het aantal uren in als getal, bijvoorbeeld 2.'), Number.NaN)).toEqual(['Vul het aantal uren in als getal, bijvoorbeeld 2.']);
  });
});
