/**
 * Words of a parser, not of a person: zod's English ("Invalid input: expected
 * number, received NaN", "Required", "Too big: expected string to have <=200
 * characters") and its own Dutch locale ("Ongeldige invoer: verwacht getal,
 * ontving NaN"). No message a user can get may contain them.
 */
export const PARSER_WORDS = /Expected|Invalid|received|NaN|Required|Unrecognized|Too (big|small)|Ongeldige? (invoer|optie|tekst|key|waarde|id)|verwacht|ontving|instanceof|\bkey\b|\bUUID\b|\bISO\b|[<>]=?\d/;
