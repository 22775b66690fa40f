export * from './absence.ts';
export * from './dossier.ts';
export * from './meldcode.ts';
export * from './organisation.ts';
export * from './parent-access.ts';
export * from './quality.ts';
export * from './requests.ts';
export * from './support-offer.ts';
export { builder, insertRow, type Builder, type Cols, type Row } from './row.ts';
