import type { z } from 'zod';
import { urgencyLabels } from '../../../platform/work-schema.ts';
import { day } from '../../../web/ui.tsx';
import { outcomeLabels, registrationStatusLabels, type Clock } from '../schema.ts';
import './zorgplicht.css';

type ClockData = z.infer<typeof Clock>;

/** The decision day with its colour: red when overdue, orange when due within a week (the same clock in every view). */
export function DueCell({ clock, open }: { clock: ClockData; open: boolean }) {
  if (!open) return <>{clock.decidedOn ? `besloten ${day(clock.decidedOn)}` : '—'}</>;
  const left = clock.daysLeft ?? 0;
  return (
    <>
      {day(clock.decideBy)}
      {clock.extendedTo && ' (verlengd)'}{' '}
      <span className={`lr-badge lr-clock--${clock.urgency}`}>
        {clock.urgency === 'overdue' ? `${-left} ${-left === 1 ? 'dag' : 'dagen'} te laat` : left === 0 ? 'vandaag' : `nog ${left} ${left === 1 ? 'dag' : 'dagen'}`}
        {(clock.urgency === 'overdue' || clock.urgency === 'now') && <span className="lr-visually-hidden"> ({urgencyLabels[clock.urgency]})</span>}
      </span>
    </>
  );
}

export const statusText = (r: { status: keyof typeof registrationStatusLabels; outcome: keyof typeof outcomeLabels | null }) =>
  r.outcome ? outcomeLabels[r.outcome] : registrationStatusLabels[r.status];
