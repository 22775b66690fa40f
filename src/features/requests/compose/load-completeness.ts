import type { Db } from '../../../db/index.ts';
import { today } from '../../../platform/time.ts';
import { requiredSigners, signingRuleOf } from '../../plans/api.ts';
import { missingConsents, missingParts, type CompletenessAttachment, type CompletenessInput } from './completeness.ts';
import type { Missing, RequestKind, RequestPart } from '../schema.ts';
import { requestSettingsOf } from '../settings/request-settings.ts';

/**
 * What the completeness check and the submission need to know about a
 * request, loaded in one place: the texts, the attachments with what makes
 * them count (an OPP's agreement date, a document's category), the consents,
 * who signs for this pupil, and the parts this partnership requires.
 */
interface Head {
  kind: RequestKind;
  pupilId: string | null;
  question: string;
  doneAlready: string;
  expectation: string;
  returnGoal: string;
  birthDate: string | null;
  settings: object;
  kindParts: RequestPart[] | null;
}

const headOf = async (db: Db, requestId: string): Promise<Head> =>
  (
    await db<Head[]>`
      select r.kind, r.pupil_id as "pupilId", r.question, r.done_already as "doneAlready", r.expectation, r.return_goal as "returnGoal", p.birth_date as "birthDate", pa.settings,
        ak.required_parts as "kindParts"
      from requests r join partnerships pa on pa.id = r.partnership_id
        left join pupils p on p.id = r.pupil_id left join arrangement_kinds ak on ak.id = r.arrangement_kind_id
      where r.id = ${requestId}`
  )[0]!;

/** The parts the partnership requires for this request: per arrangement kind, or per kind of request in its settings. */
const requiredOf = (r: Head): RequestPart[] => (r.kind === 'arrangement' ? (r.kindParts ?? []) : requestSettingsOf(r.settings as never).requiredParts[r.kind]);

export const requiredParts = async (db: Db, requestId: string) => requiredOf(await headOf(db, requestId));

async function inputOf(db: Db, requestId: string, only: 'all' | 'unsent'): Promise<CompletenessInput> {
  const [r, attachments, consents] = await Promise.all([
    headOf(db, requestId),
    db<CompletenessAttachment[]>`
      select a.id, a.item_type as "itemType", a.label, a.health,
        case when a.item_type = 'opp_version' then (select to_char(v.agreed_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') from opp_versions v where v.id = a.item_id and v.status in ('agreed', 'superseded') and v.agreed_at is not null) end as "agreedOn",
        case when a.item_type = 'document' then (select d.category from documents d where d.id = a.item_id) end as category
      from request_attachments a where a.request_id = ${requestId} and a.removed_at is null ${only === 'unsent' ? db`and a.shared_at is null` : db``}
      order by a.created_at`,
    db<CompletenessInput['consents']>`
      select signer, decision, attachment_ids::text[] as "attachmentIds", created_at as "createdAt" from request_consents where request_id = ${requestId}`,
  ]);
  const day = today();
  return {
    kind: r.kind,
    hasPupil: r.pupilId !== null,
    required: requiredOf(r),
    question: r.question,
    doneAlready: r.doneAlready,
    expectation: r.expectation,
    returnGoal: r.returnGoal,
    attachments,
    consents,
    signers: r.birthDate ? requiredSigners(r.birthDate, day, signingRuleOf(r.settings as never)) : [],
    today: day,
  };
}

export async function completenessOf(db: Db, requestId: string): Promise<{ input: CompletenessInput; missing: Missing[] }> {
  const input = await inputOf(db, requestId, 'all');
  return { input, missing: missingParts(input) };
}

/** After submission: the items waiting to be sent (nasturen), and the consents they still need. */
export async function unsentCheck(db: Db, requestId: string): Promise<{ unsent: CompletenessAttachment[]; missing: Missing[] }> {
  const input = await inputOf(db, requestId, 'unsent');
  return { unsent: input.attachments, missing: missingConsents(input) };
}
