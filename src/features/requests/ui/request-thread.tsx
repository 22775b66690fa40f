import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { Disclosure, TextAreaField } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { AnswerInput, MessageInput } from '../schema.ts';
import { ReqSection, useSendTo, type RequestData } from './request-kit.tsx';

type Msg = RequestData['messages'][number];
const sideLabels = { school: 'School', partnership: 'Samenwerkingsverband' } as const;

/**
 * The conversation between school and partnership. An addition request
 * ("aanvulling vragen") stops the clock until the school answers; it stands
 * out and carries its own "Beantwoorden" for the school.
 */
export function ThreadSection({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const answers = new Map(r.messages.filter((m) => m.kind === 'addition_answer' && m.answersId).map((m) => [m.answersId!, m]));
  const open = r.messages.filter((m) => m.kind === 'addition_request' && !m.answeredAt);
  return (
    <ReqSection id="berichten" title="Berichten">
      {open.length > 0 && (
        <p className="lr-req-waiting-note" data-testid="open-aanvullingen">
          {open.length === 1 ? 'Er staat 1 vraag om aanvulling open.' : `Er staan ${open.length} vragen om aanvulling open.`} De termijn loopt pas weer als de school antwoordt.
        </p>
      )}
      {r.messages.length === 0 ? (
        <Paragraph className="lr-muted">Nog geen berichten.</Paragraph>
      ) : (
        <ol className="lr-req-thread" data-testid="berichten">
          {r.messages
            .filter((m) => m.kind !== 'addition_answer' || !m.answersId)
            .map((m) => (
              <MessageItem key={m.id} m={m} answer={answers.get(m.id)} r={r} onFlash={onFlash} />
            ))}
        </ol>
      )}
      <div className="lr-req-actions">
        {r.can.message && <MessageForm r={r} kind="message" onFlash={onFlash} />}
        {r.can.askAddition && <MessageForm r={r} kind="addition_request" onFlash={onFlash} />}
      </div>
    </ReqSection>
  );
}

function MessageItem({ m, answer, r, onFlash }: { m: Msg; answer?: Msg; r: RequestData; onFlash: (m: string) => void }) {
  const isAddition = m.kind === 'addition_request';
  if (m.kind === 'status') {
    return (
      <li className="lr-req-msg lr-req-msg--status">
        <span className="lr-muted lr-small">
          {dateTime(m.createdAt)} · {m.author.name}:
        </span>{' '}
        {m.body}
      </li>
    );
  }
  return (
    <li className={isAddition ? 'lr-req-msg lr-req-msg--addition' : `lr-req-msg lr-req-msg--${m.side}`} data-testid={isAddition ? 'aanvulling-vraag' : 'bericht'}>
      <div className="lr-req-msg__head">
        {isAddition && <span className={`lr-badge ${m.answeredAt ? 'lr-req-yes' : 'lr-req-open'}`}>{m.answeredAt ? 'Aanvulling gevraagd, beantwoord' : 'Aanvulling gevraagd, wacht op school'}</span>}
        <strong>{m.author.name}</strong> <span className="lr-muted">({sideLabels[m.side]})</span> <span className="lr-muted lr-small">{dateTime(m.createdAt)}</span>
      </div>
      <p className="lr-req-pre">{m.body}</p>
      <SentItems ids={m.attachmentIds} r={r} />
      {answer && (
        <div className="lr-req-answer" data-testid="aanvulling-antwoord">
          <div className="lr-req-msg__head">
            <strong>Antwoord van {answer.author.name}</strong> <span className="lr-muted lr-small">{dateTime(answer.createdAt)}</span>
          </div>
          <p className="lr-req-pre">{answer.body}</p>
          <SentItems ids={answer.attachmentIds} r={r} />
        </div>
      )}
      {isAddition && !m.answeredAt && r.can.answerAddition && <AnswerForm r={r} question={m} onFlash={onFlash} />}
    </li>
  );
}

/** The items a message sent along; they are under "Gedeeld" on the request. */
function SentItems({ ids, r }: { ids: string[]; r: RequestData }) {
  if (!ids.length) return null;
  const labels = ids.map((id) => r.attachments.find((a) => a.id === id)?.label ?? 'verwijderd stuk');
  return (
    <p className="lr-small" data-testid="nagestuurd">
      Nagestuurd: {labels.join('; ')} (
      <a className="utrecht-link" href="#dossier">
        bij Gedeeld
      </a>
      )
    </p>
  );
}

function AnswerForm({ r, question, onFlash }: { r: RequestData; question: Msg; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const prefix = `antwoord-${question.id}`;
  const form = useForm(AnswerInput, sendTo('answers'), { prefix });
  async function send() {
    const ok = await form.submit({ body, answersId: question.id });
    if (ok) {
      setOpen(false);
      setBody('');
      onFlash('Uw antwoord is verstuurd. De termijn van het samenwerkingsverband loopt weer.');
    }
  }
  return (
    <Disclosure id={`${prefix}-formulier`} label="Beantwoorden" open={open} onOpenChange={setOpen}>
      <Form form={form} aria-label="Aanvulling beantwoorden" onSubmit={send} labels={{ [`${prefix}.body`]: 'Antwoord' }} submit={{ label: 'Antwoord versturen' }}>
        {r.can.supplement && r.pupil && (
          <Paragraph className="lr-small">
            Moet er een stuk uit het dossier mee? Kies het bij <a href="#nasturen">Stukken nasturen</a> en verstuur het daar samen met uw antwoord.
          </Paragraph>
        )}
        <TextAreaField
          name={`${prefix}.body`}
          label="Uw antwoord"
          description="Het samenwerkingsverband leest uw antwoord bij de aanvraag; de termijn loopt weer zodra u het verstuurt."
          rows={5}
          value={body}
          onChange={setBody}
        />
      </Form>
    </Disclosure>
  );
}

function MessageForm({ r, kind, onFlash }: { r: RequestData; kind: 'message' | 'addition_request'; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const addition = kind === 'addition_request';
  const prefix = addition ? 'aanvulling' : 'bericht';
  const form = useForm(MessageInput, sendTo('messages'), { prefix });
  async function send() {
    const ok = await form.submit({ body, kind });
    if (ok) {
      setOpen(false);
      setBody('');
      onFlash(addition ? 'De vraag om aanvulling is verstuurd naar de school. De termijn staat stil tot de school antwoordt.' : 'Het bericht is verstuurd.');
    }
  }
  return (
    <Disclosure id={`${prefix}-formulier`} label={addition ? 'Aanvulling vragen' : 'Bericht sturen'} open={open} onOpenChange={setOpen}>
      <Form
        form={form}
        aria-label={addition ? 'Aanvulling vragen' : 'Bericht sturen'}
        onSubmit={send}
        labels={{ [`${prefix}.body`]: addition ? 'Vraag' : 'Bericht' }}
        submit={{ label: addition ? 'Vraag om aanvulling versturen' : 'Bericht versturen' }}
      >
        <TextAreaField
          name={`${prefix}.body`}
          label={addition ? 'Wat moet de school aanvullen?' : 'Bericht'}
          description={addition ? 'De termijn staat stil tot de school antwoordt.' : undefined}
          rows={4}
          value={body}
          onChange={setBody}
        />
      </Form>
    </Disclosure>
  );
}
