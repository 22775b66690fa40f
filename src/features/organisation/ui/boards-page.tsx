import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, PrimaryActionButton, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { TextField, useFields } from '../../../web/forms.tsx';
import { Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { BoardInput, BoardPatch, type Board } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

type BoardData = z.infer<typeof Board>;
const labels = { name: 'Naam', boardNumber: 'Bestuursnummer' };

function BoardForm({ board, onDone, onCancel }: { board: BoardData | null; onDone: (m: string) => void; onCancel: () => void }) {
  const { values, set } = useFields({ name: board?.name ?? '', boardNumber: board?.boardNumber ?? '' });
  const create = useForm(BoardInput, (input: z.output<typeof BoardInput>) => api.post('boards', input), { onDone: () => onDone('Het bestuur is toegevoegd.') });
  const update = useForm(BoardPatch, (input: z.output<typeof BoardPatch>) => api.patch(`boards/${board?.id}`, input), { onDone: () => onDone('Het bestuur is opgeslagen.') });
  const form = board ? update : create;
  return (
    <section className="lr-card" aria-labelledby="bestuur-form-titel">
      <Heading2 id="bestuur-form-titel">{board ? `${board.name} bewerken` : 'Nieuw bestuur'}</Heading2>
      <Form
        form={form}
        onSubmit={() => form.submit(values)}
        labels={labels}
        submit={{ label: 'Opslaan' }}
        actions={
          <SecondaryActionButton type="button" onClick={onCancel}>
            Annuleren
          </SecondaryActionButton>
        }
      >
        <TextField name="name" label={labels.name} value={values.name} onChange={set('name')} />
        <TextField
          name="boardNumber"
          label={labels.boardNumber}
          description="Het nummer van het bevoegd gezag bij DUO: 5 cijfers."
          inputMode="numeric"
          value={values.boardNumber}
          onChange={set('boardNumber')}
        />
      </Form>
    </section>
  );
}

export function BoardsPage() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['boards'], queryFn: () => api.get<{ boards: BoardData[]; allowed: { create: boolean } }>('boards') });
  const [editing, setEditing] = useState<BoardData | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (m: string) => {
    setEditing(null);
    setMessage(m);
    void client.invalidateQueries({ queryKey: ['boards'] });
  };
  return (
    <>
      <PageTitle title="Besturen">
        {list.data?.allowed.create && !editing && (
          <PrimaryActionButton type="button" onClick={() => setEditing('new')}>
            Nieuw bestuur
          </PrimaryActionButton>
        )}
      </PageTitle>
      <Paragraph>De schoolbesturen (bevoegde gezagen) die samen het samenwerkingsverband vormen.</Paragraph>
      {message && <Notice>{message}</Notice>}
      {editing && <BoardForm key={editing === 'new' ? 'new' : editing.id} board={editing === 'new' ? null : editing} onDone={done} onCancel={() => setEditing(null)} />}
      {list.isPending && <Loading what="Besturen" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess &&
        (list.data.boards.length === 0 ? (
          <Paragraph>Er zijn nog geen besturen.</Paragraph>
        ) : (
          <TableWrap label="Besturen">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Naam</TableHeaderCell>
                  <TableHeaderCell scope="col">Bestuursnummer</TableHeaderCell>
                  <TableHeaderCell scope="col">Scholen</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    <span className="lr-visually-hidden">Acties</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.boards.map((b) => (
                  <TableRow key={b.id}>
                    <TableCell>{b.name}</TableCell>
                    <TableCell>{b.boardNumber}</TableCell>
                    <TableCell>{b.schoolCount}</TableCell>
                    <TableCell>
                      {b.allowed.update && (
                        <SecondaryActionButton type="button" onClick={() => setEditing(b)}>
                          Bewerken<span className="lr-visually-hidden"> {b.name}</span>
                        </SecondaryActionButton>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        ))}
    </>
  );
}
