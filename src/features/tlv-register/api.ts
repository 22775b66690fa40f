/**
 * What other features use of the TLV register: a request's decision checks
 * the TLV's period against the law and, when granted, issues the TLV with
 * the partnership's next number.
 */
export { issueTlv } from './issue-tlv.ts';
export { validTlvPeriod } from './tlv-dates.ts';
