import { formatDay } from '../../platform/time.ts';
import { schoolsWhere, urgencyOf, type WorkItem, type WorkRead, type WorkSource } from '../../platform/work.ts';
import { offerPolicy, profilePolicy } from './policy.ts';
import { currentSchoolYear, dueOn } from './profiles.ts';
import { loadSettings } from './settings.ts';

/**
 * What waits in the support offer (docs/decisions/0012-work-and-menu.md): the
 * school leader publishes the profile of each of the school's locations every
 * school year (seed 002 §4.4.1: "Scholen moeten hun schoolprofiel jaarlijks
 * actualiseren"); the partnership that set that rule sees how many schools
 * have not done so yet.
 */

const publishesAt = (p: Parameters<WorkSource['applies']>[0]) => schoolsWhere(p, (schoolId) => profilePolicy.can(p, 'publish', { schoolId }));

/** The school year the reader's "today" falls in, and the day by which its profiles must be published. */
async function thisYear(o: WorkRead) {
  const schoolYear = currentSchoolYear(o.now);
  const settings = await loadSettings(o.db, o.partnershipId);
  return { schoolYear, due: dueOn(schoolYear, settings.rules.updateBefore) };
}

/** The school leader: each location of their school whose profile of this school year is not published (not begun, or only a draft). */
const unpublishedProfiles: WorkSource = {
  kind: 'support_profile.unpublished',
  menu: 'offer',
  applies: (p) => publishesAt(p).length > 0,
  async read(o) {
    const { schoolYear, due } = await thisYear(o);
    const rows = await o.db<{ locationId: string; locationName: string; schoolId: string; schoolName: string; profileId: string | null }[]>`
      select l.id as "locationId", l.name as "locationName", s.id as "schoolId", s.name as "schoolName", p.id as "profileId"
      from school_locations l join schools s on s.id = l.school_id
        left join support_profiles p on p.location_id = l.id and p.school_year = ${schoolYear}
      where l.partnership_id = ${o.partnershipId} and s.active and s.id = any(${publishesAt(o.principal)}::uuid[]) and p.published_at is null
      order by s.name, l.name`;
    const items = rows
      .filter((r) => profilePolicy.can(o.principal, 'publish', r))
      .map((r): WorkItem => ({
        kind: 'support_profile.unpublished',
        title: `Ondersteuningsprofiel ${schoolYear} van ${r.locationName} nog niet gepubliceerd`,
        detail: `${r.schoolName}: ${r.profileId ? 'er is een concept' : 'nog niet begonnen'}; uiterlijk ${formatDay(due)}`,
        link: r.profileId ? `/profielen/${r.profileId}` : `/profielen?schooljaar=${schoolYear}`,
        dueOn: due,
        urgency: urgencyOf(due, o.today),
        subject: { entityType: r.profileId ? 'support_profile' : 'school_location', entityId: r.profileId ?? r.locationId, pupilId: null, schoolId: r.schoolId },
      }));
    return { items, count: items.length };
  },
};

/** The partnership: one item with the number of schools that have a location without a published profile of this school year. */
const schoolsNotUpdated: WorkSource = {
  kind: 'support_profile.schools_not_updated',
  menu: 'offer',
  applies: (p) => offerPolicy.can(p, 'followUpdates', {}),
  async read(o) {
    const { schoolYear, due } = await thisYear(o);
    const [row] = await o.db<{ open: number; all: number }[]>`
      select count(*) filter (where exists (
          select 1 from school_locations l left join support_profiles p on p.location_id = l.id and p.school_year = ${schoolYear}
          where l.school_id = s.id and p.published_at is null))::int as open,
        count(*) filter (where exists (select 1 from school_locations l where l.school_id = s.id))::int as all
      from schools s where s.partnership_id = ${o.partnershipId} and s.active`;
    if (!row || row.open === 0) return { items: [], count: 0 };
    const item: WorkItem = {
      kind: 'support_profile.schools_not_updated',
      title: `${row.open} van de ${row.all} scholen ${row.open === 1 ? 'heeft' : 'hebben'} het ondersteuningsprofiel ${schoolYear} nog niet gepubliceerd`,
      detail: `Uiterlijk ${formatDay(due)}`,
      link: `/profielen?schooljaar=${schoolYear}&open=1`,
      dueOn: due,
      urgency: urgencyOf(due, o.today),
      subject: { entityType: 'partnership', entityId: o.partnershipId, pupilId: null, schoolId: null },
    };
    return { items: [item], count: 1 };
  },
};

export const supportOfferWork: WorkSource[] = [unpublishedProfiles, schoolsNotUpdated];
