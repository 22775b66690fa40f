import type { Db } from '../../../db/index.ts';
import type { RequestSettings } from '../schema.ts';

/**
 * Defaults until a partnership sets its own (partnerships.settings.requests).
 * The decision targets follow the zorgplicht's 6 weeks for a TLV or an OPDC
 * place; an arrangement 4 weeks; a consultation gets an answer in 2.
 */
export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
  decisionTargetDays: { arrangement: 28, tlv: 42, opdc: 42, consultation: 14 },
  requiredParts: {
    tlv: ['opp_agreed_recent', 'opp_evaluation', 'test_report', 'parent_consent'],
    opdc: ['opp_agreed_recent', 'parent_consent'],
    consultation: [],
  },
  objectionCommittee: 'de Adviescommissie bezwaarschriften toelaatbaarheidsverklaringen van het samenwerkingsverband',
  objectionWeeks: 6,
};

export const requestSettingsOf = (settings: { requests?: Partial<RequestSettings> } | null | undefined): RequestSettings => ({
  ...DEFAULT_REQUEST_SETTINGS,
  ...(settings?.requests ?? {}),
});

export async function loadRequestSettings(db: Db, partnershipId: string): Promise<RequestSettings> {
  const [row] = await db<{ settings: { requests?: Partial<RequestSettings> } }[]>`select settings from partnerships where id = ${partnershipId}`;
  return requestSettingsOf(row?.settings);
}
