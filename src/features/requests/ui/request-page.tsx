import { useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { Link, Loading, PageToc, PageTitle, QueryError } from '../../../web/ui.tsx';
import { requestKindLabels } from '../schema.ts';
import { ExpertsSection } from './request-advice.tsx';
import { ConsentSection } from './request-consent.tsx';
import { DecisionSection } from './request-decision.tsx';
import { AttachmentsList, DossierPicker } from './request-dossier.tsx';
import { HandlingSection } from './request-handling.tsx';
import { RequestDocuments, RequestMeta } from './request-header.tsx';
import { requestKey, useFlash, type RequestData } from './request-kit.tsx';
import { ObjectionsSection } from './request-objections.tsx';
import { SubmitSection, WithdrawBlock } from './request-submit.tsx';
import { SupplementSection } from './request-supplement.tsx';
import { RequestTexts } from './request-texts.tsx';
import { ThreadSection } from './request-thread.tsx';
import './requests.css';

const title = (r: RequestData) => {
  const kind = r.kind === 'tlv' ? 'TLV-aanvraag' : r.kind === 'consultation' ? 'Consultatievraag' : `Aanvraag ${requestKindLabels[r.kind].toLowerCase()}`;
  return r.pupil ? `${kind} voor ${r.pupil.name}` : kind;
};

/**
 * One request to the partnership: while a draft the school composes it
 * (texts, pieces from the dossier, consent, completeness, submit); after
 * submission the conversation, the handling, the advices and the decision.
 * Every control follows the server's `can`.
 */
export function RequestPage() {
  const { id = '' } = useParams();
  const page = useQuery({ queryKey: requestKey(id), queryFn: () => api.get<RequestData>(`requests/${id}`) });
  const { flash, notice } = useFlash();
  const [dirty, setDirty] = useState(false);

  if (page.isPending) return <Loading what="Aanvraag" />;
  if (page.isError) {
    return (
      <>
        <PageTitle title="Aanvraag" />
        <QueryError error={page.error} />
      </>
    );
  }
  const r = page.data;
  const draft = r.status === 'draft';
  const toc: [string, string][] = [['teksten', 'Aanvraag']];
  if (draft && r.can.edit) toc.push(['dossier', 'Uit het dossier']);
  else toc.push(['dossier', 'Gedeeld']);
  if (!draft && r.can.supplement && r.pupil) toc.push(['nasturen', 'Nasturen']);
  if (r.pupil) toc.push(['toestemming', 'Toestemming']);
  if (draft && r.can.submit) toc.push(['indienen', 'Indienen']);
  if (!draft) toc.push(['berichten', 'Berichten']);
  if (r.can.take || r.can.assignExperts || r.can.toDecision || r.can.answerConsultation) toc.push(['behandeling', 'Behandeling']);
  if (r.experts.length) toc.push(['deskundigen', 'Deskundigen']);
  if (r.decision || r.can.decide) toc.push(['besluit', 'Besluit']);
  if (r.objections.length || r.can.objection) toc.push(['bezwaar', 'Bezwaar']);

  return (
    <div className="lr-req" data-testid="aanvraag">
      {/* The breadcrumbs lead back to Aanvragen; the school also goes back to the pupil the request is for. */}
      {r.pupil && !r.can.summary && (
        <Paragraph className="lr-req-back">
          <Link to={`/leerlingen/${r.pupil.id}#aanvragen`}>← {r.pupil.name}</Link>
        </Paragraph>
      )}
      <PageTitle title={title(r)} />
      <RequestMeta r={r} />
      <RequestDocuments r={r} />
      {/* Only the sections this request shows. */}
      <PageToc items={toc} className="lr-req-toc" />
      {notice}

      <RequestTexts r={r} onDirty={setDirty} onSaved={flash} />
      {draft && r.can.edit ? <DossierPicker r={r} onFlash={flash} /> : <AttachmentsList r={r} />}
      <SupplementSection r={r} onFlash={flash} />
      <ConsentSection r={r} onFlash={flash} />
      {draft && r.can.submit && <SubmitSection r={r} dirty={dirty} onFlash={flash} />}
      {!draft && <ThreadSection r={r} onFlash={flash} />}
      <HandlingSection r={r} onFlash={flash} />
      <ExpertsSection r={r} onFlash={flash} />
      <DecisionSection r={r} onFlash={flash} />
      <ObjectionsSection r={r} onFlash={flash} />
      <WithdrawBlock r={r} onFlash={flash} />
    </div>
  );
}
