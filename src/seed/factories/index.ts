export * from './dossier.ts';
export * from './organisation.ts';
export * from './requests.ts';
export { insertRow, type Cols, type Row } from './row.ts';
export * from './support-offer.ts';
