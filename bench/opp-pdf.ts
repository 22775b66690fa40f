/**
 * How long does one OPP take to print? Renders a full plan (10 goals, 10
 * measures, factors in every category, 2 consultations, 3 signature records,
 * disagreement routes) N times with the app's own renderer, no database.
 *
 *   npx tsx bench/opp-pdf.ts [--runs 20]
 *
 * Prints wall time (mean, p50, p95) and CPU time per plan: on a busy machine
 * wall time grows with the queue, CPU time much less.
 */
import { renderPlanPdf, type PlanForPaper } from '../src/features/plans/pdf.ts';
import { aspects, factorCategories, OppContent } from '../src/features/plans/schema.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 20;
const line = (n: number) => 'Met kleine stappen en veel herhaling werkt de leerling aan lezen en rekenen. '.repeat(n).trim();

const content = OppContent.parse({
  perspective: { destination: 'mbo-2', grounds: line(8) },
  factors: factorCategories.flatMap((category, i) => [
    { kind: 'supporting', category, description: `Bevorderend ${i}: ${line(1)}` },
    { kind: 'hindering', category, description: `Belemmerend ${i}: ${line(1)}` },
  ]),
  goals: Array.from({ length: 10 }, (_, i) => ({ id: `g${i}`, what: `Doel ${i + 1}: ${line(1)}`, howWeSee: 'Methodetoets en observatie van de mentor', by: '2027-06-15' })),
  measures: Array.from({ length: 10 }, (_, i) => ({
    id: `m${i}`, aspect: aspects[i % aspects.length], description: `Maatregel ${i + 1}: ${line(1)}`, who: 'Remedial teacher', hoursPerWeek: 1.5, where: 'Leslokaal 4',
  })),
  curriculumDeviations: line(3),
  evaluationDates: ['2027-01-15', '2027-06-15'],
  handelingsadviezen: ['Instructie in kleine stappen', 'Vaste plek bij het raam', 'Koptelefoon bij zelfstandig werken'],
  pupilView: line(3),
});
const at = new Date('2026-11-20T10:00:00Z');
const plan: PlanForPaper = {
  oppId: 'bench', schoolName: 'Het Baken College', schoolKind: 'vo', partnershipName: 'SWV Bench', pupilName: 'Sam de Vries', birthDate: '2010-05-04',
  className: '3H2', caseManager: 'Anna Jansen', kind: 'full', createdAt: at,
  version: { number: 2, status: 'disagreed', updatedAt: at, updatedBy: 'Anna Jansen', sentAt: at, agreedAt: null, content },
  requiredSigners: ['parent', 'pupil'],
  responses: [
    { signer: 'parent', signerName: 'Mieke de Vries', decision: 'disagree', comment: 'Te weinig uren begeleiding.', method: 'paper', recordedBy: 'Anna Jansen', at },
    { signer: 'parent', signerName: 'Joost de Vries', decision: 'agree', comment: '', method: 'online', recordedBy: null, at },
    { signer: 'pupil', signerName: 'Sam de Vries', decision: 'agree', comment: 'Ik wil het proberen.', method: 'online', recordedBy: null, at },
  ],
  earlierResponses: [{ version: 1, signer: 'parent', signerName: 'Fatma de Vries', decision: 'disagree', comment: 'Wij willen meer begeleiding.', method: 'online', recordedBy: null, at: new Date('2026-10-01T10:00:00Z') }],
  consultations: [
    { heldOn: '2026-10-01', participants: 'Ouders, mentor, OCO, Sam', notes: line(4), pupilView: line(1), recordedBy: 'Anna Jansen' },
    { heldOn: '2026-11-10', participants: 'Ouders, OCO', notes: line(3), pupilView: '', recordedBy: 'Anna Jansen' },
  ],
};

const first = await renderPlanPdf(plan);
const times: number[] = [];
const cpu0 = process.cpuUsage();
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  await renderPlanPdf(plan);
  times.push(performance.now() - t);
}
const cpu = process.cpuUsage(cpu0);
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(0);
console.log(`OPP PDF, ${runs} runs, ${(first.length / 1024).toFixed(0)} KiB each`);
console.log(`wall: mean ${(times.reduce((a, b) => a + b, 0) / runs).toFixed(0)} ms, p50 ${q(0.5)} ms, p95 ${q(0.95)} ms`);
console.log(`cpu: ${((cpu.user + cpu.system) / 1000 / runs).toFixed(0)} ms per plan`);
