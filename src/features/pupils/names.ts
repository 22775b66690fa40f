/**
 * How a pupil is named in SQL, in one place. Both fragments read the pupils
 * row under the alias `p`; use them as `${tx.unsafe(PUPIL_NAME)}`.
 */

/** 'Sam de Vries': first name, prefix (tussenvoegsel) when there is one, last name. */
export const PUPIL_NAME = `concat_ws(' ', p.first_name, nullif(p.name_prefix, ''), p.last_name)`;

/** 'S.V. (2015)': initials and birth year, for lists where the full name is not the reader's to see. */
export const PUPIL_INITIALS = `left(p.first_name, 1) || '.' || left(p.last_name, 1) || '.' || ' (' || extract(year from p.birth_date) || ')'`;
