/** What other features use of requests: a draft that continues an earlier request (a TLV's or an arrangement's extension). */
export { draftFollowUp } from './compose/draft-follow-up.ts';
/** Who may open a request: a list that links to one asks its read scope (a TLV links to the request that granted it). */
export { requestPolicy } from './policy.ts';
