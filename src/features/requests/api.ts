/** What other features use of requests: a draft that continues an earlier request (a TLV's or an arrangement's extension). */
export { draftFollowUp } from './compose/draft-follow-up.ts';
