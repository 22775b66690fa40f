import { useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState, type ReactNode } from 'react';
import { api } from '../../../web/api.ts';
import { Disclosure, pupilKey, Section, useAction, useFlash, type PupilPageData } from './dossier-kit.tsx';

export function useRefresh(pupilId: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: pupilKey(pupilId) });
    void client.invalidateQueries({ queryKey: ['pupils'] });
    void client.invalidateQueries({ queryKey: ['class-scan'] });
  };
}

/** "Beëindigen" with a second, explicit confirmation. */
export function EndButton({ what, onConfirm }: { what: string; onConfirm: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const action = useAction();
  if (!asking) {
    return (
      <SecondaryActionButton type="button" onClick={() => setAsking(true)} aria-label={`Beëindigen: ${what}`}>
        Beëindigen
      </SecondaryActionButton>
    );
  }
  return (
    <div role="group" aria-label={`Bevestig beëindigen: ${what}`} className="lr-confirm">
      <span>Beëindigen?</span>
      <ButtonGroup>
        <PrimaryActionButton type="button" hint="danger" disabled={action.busy} busy={action.busy} autoFocus onClick={() => void action.run(onConfirm)}>
          Ja, beëindigen
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={() => setAsking(false)}>
          Nee
        </SecondaryActionButton>
      </ButtonGroup>
      {action.error && (
        <span role="alert" className="lr-inline-error">
          {action.error}
        </span>
      )}
    </div>
  );
}

/**
 * A section of active items the support team keeps (needs, handelingsadviezen):
 * the list, "Beëindigen" per item, and the add form under a button.
 */
export function ActiveItemsSection({
  p,
  id,
  title,
  empty,
  items,
  endPath,
  messages,
  addLabel,
  formId,
  form,
}: {
  p: PupilPageData;
  id: string;
  title: string;
  empty: string;
  items: { id: string; body: ReactNode; what: string }[];
  endPath: string;
  messages: { ended: string; added: string };
  addLabel: string;
  formId: string;
  form: (onDone: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const { notice, flash } = useFlash();
  const refresh = useRefresh(p.id);
  return (
    <Section id={id} title={title}>
      {notice}
      {items.length === 0 ? (
        <Paragraph className="lr-muted">{empty}</Paragraph>
      ) : (
        <ul className="lr-items">
          {items.map((item) => (
            <li key={item.id} className="lr-item">
              <div>{item.body}</div>
              {p.allowed.manageSupport && (
                <EndButton
                  what={item.what}
                  onConfirm={async () => {
                    await api.post(`pupils/${p.id}/${endPath}/${item.id}/end`);
                    await refresh();
                    flash(messages.ended);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {p.allowed.manageSupport && (
        <Disclosure id={formId} label={addLabel} open={open} onOpenChange={setOpen}>
          {form(() => {
            setOpen(false);
            flash(messages.added);
          })}
        </Disclosure>
      )}
    </Section>
  );
}
