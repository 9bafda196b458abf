import { Context } from '@temporalio/activity';
import type { ActActivities, ActFailure, ActRef, ExtractionSummary } from '@openactes/contracts';
import { anonymise } from '@openactes/anonymisation';
import { decidePublication, normaliseWhitespace, buildDeliberationRow, type NatureAbbrev, type PublicationPolicyInput, canTransition, CodedError, extractDeliberationFacts } from '@openactes/domain';
import type { ActStore, AuditLog } from '@openactes/persistence';
import type { DataSource } from 'typeorm';
import { auditedSteps } from './audited-step';
import { extractPdfText } from './pdf-text';
import { measureTextLayer, PAGE_BREAK } from '@openactes/formats';

export interface ActivityDeps {
  dataSource: DataSource;
  acts: ActStore;
  audit: AuditLog;
}

const ACTOR = 'system:worker';
/** Between the objet and the text in the anonymiser's input; the objet is one line, so it never holds it. */
const OBJET_SEPARATOR = '\n\n';

export function createActActivities({ dataSource, acts, audit }: ActivityDeps): ActActivities {
  const step = auditedSteps<ActRef>(audit, ACTOR, 'act', (input) => input.actId);

  return {
    startActProcessing: step('act.processing_started', async ({ actId }) => {
      const act = await acts.get(actId);
      // A message of the prefecture may have ended the act before its pipeline started.
      if (!canTransition(act.status, 'processing')) return { proceed: false, status: act.status };
      await acts.transition(actId, 'processing', 'act.processing_started', ACTOR, { details: { attempt: Context.current().info.attempt } });
      return { proceed: true, status: 'processing' };
    }),

    extractActText: step('act.text_extracted', async ({ actId }): Promise<ExtractionSummary> => {
      const documents = await acts.documents(actId);
      const main = documents.find((d) => d.role === 'main');
      if (!main) throw new CodedError('MISSING_DOCUMENT', 'The act has no main document', { actId });
      if (main.mediaType !== 'application/pdf') {
        throw new CodedError('UNSUPPORTED_DOCUMENT', `The main document is ${main.mediaType}, not a PDF`, { mediaType: main.mediaType });
      }
      const summary: ExtractionSummary = { documents: 0, pages: 0, characters: 0 };
      const documentsNeedingOcr: string[] = [];
      for (const doc of documents.filter((d) => d.mediaType === 'application/pdf')) {
        Context.current().heartbeat({ documentId: doc.id });
        const { text, pages, textLayer } = await extractPdfText(await acts.documentContent(doc.id), {
          onPage: (index, total) => Context.current().heartbeat({ documentId: doc.id, page: index + 1, pages: total }),
        });
        await acts.saveDocumentText(doc.id, text, pages.length);
        if (textLayer.needsOcr) documentsNeedingOcr.push(doc.id);
        summary.documents += 1;
        summary.pages += pages.length;
        summary.characters += text.length;
      }
      await audit.append({
        actor: ACTOR, action: 'act.text_extracted', subjectType: 'act', subjectId: actId, outcome: 'ok',
        details: { ...summary, documentsNeedingOcr, attempt: Context.current().info.attempt },
      });
      return summary;
    }),

    buildDeliberationRecord: step('act.record_built', async ({ actId }) => {
      const act = await acts.get(actId);
      if (act.nature !== 'DE') return { warnings: [] };
      const [collectivity] = (await dataSource.query('SELECT name, siret FROM collectivity WHERE siren = $1', [act.siren])) as {
        name: string;
        siret: string | null;
      }[];
      const main = (await acts.documents(actId)).find((d) => d.role === 'main');
      const text = main ? await acts.documentText(main.id) : null;
      const facts = text ? extractDeliberationFacts(text) : undefined;
      const { row, warnings } = buildDeliberationRow({
        collectivityName: collectivity?.name ?? act.siren,
        collectivitySiret: collectivity?.siret ?? null,
        numeroInterne: act.numeroInterne,
        decisionDate: act.decisionDate,
        matieres: act.matieres,
        objet: act.publishedObjet ?? act.objet,
        prefectureId: act.prefectureService,
        prefectureDate: act.dateReception,
        votes: facts?.votes,
      });
      await acts.saveDeliberationRecord(actId, act.siren, row, warnings);
      await audit.append({ actor: ACTOR, action: 'act.record_built', subjectType: 'act', subjectId: actId, outcome: 'ok', details: { dataset: 'deliberations', warnings, voteNotes: facts?.voteNotes ?? [] } });
      return { warnings };
    }),

    publishAct: step('act.published', async ({ actId }) => {
      const act = await acts.get(actId);
      // Rejected or cancelled while in the pipeline: it must not be published.
      if (act.status !== 'processing' && act.status !== 'published') {
        await audit.append({ actor: ACTOR, action: 'act.publication_skipped', subjectType: 'act', subjectId: actId, outcome: 'ok', details: { status: act.status } });
        return { published: false, status: act.status };
      }
      await acts.transition(actId, 'published', 'act.published', ACTOR);
      return { published: true, status: 'published' as const };
    }),

    anonymiseAct: step('act.anonymised', async ({ actId }) => {
      const act = await acts.get(actId);
      const main = (await acts.documents(actId)).find((d) => d.role === 'main');
      const text = main ? ((await acts.documentText(main.id)) ?? '') : '';
      // One pass over objet and text: a person named in both gets one placeholder, and the text's roster tells officials apart.
      const objet = normaliseWhitespace(act.objet);
      const result = anonymise(`${objet}${OBJET_SEPARATOR}${text}`);
      const split = result.text.indexOf(OBJET_SEPARATOR);
      const offset = objet.length + OBJET_SEPARATOR.length;
      const redacted = result.entities.filter((e) => e.action === 'redact');
      const anonymisation = { decision: result.decision, reasons: result.reasons, redacted: redacted.length };
      if (main) {
        await acts.saveAnonymisation(
          actId,
          {
            documentId: main.id,
            pseudonymisedText: result.text.slice(split + OBJET_SEPARATOR.length),
            entities: result.entities
              .filter((e) => e.start >= offset)
              .map(({ start, end, label, action, confidence }) => ({ start: start - offset, end: end - offset, label, action, confidence })),
          },
          { publishedObjet: result.text.slice(0, split), anonymisation },
        );
      }
      await audit.append({ actor: ACTOR, action: 'act.anonymised', subjectType: 'act', subjectId: actId, outcome: 'ok', details: anonymisation });
      // A scan without a usable text layer cannot be checked for personal data: a person decides (OCR may come later).
      if (!main || measureTextLayer(text.split(PAGE_BREAK)).needsOcr) {
        return { decision: 'review', reasons: [main ? 'needs_ocr' : 'no_main_document', ...result.reasons] };
      }
      return { decision: result.decision, reasons: result.reasons };
    }),

    decideActPublication: step('act.publication_decided', async ({ actId }) => {
      const act = await acts.get(actId);
      const documents = await acts.documents(actId);
      const [collectivity] = (await dataSource.query('SELECT publication_overrides FROM collectivity WHERE siren = $1', [act.siren])) as {
        publication_overrides: PublicationPolicyInput['tenantOverrides'];
      }[];
      const decision = decidePublication({
        nature: act.nature as NatureAbbrev,
        tenantOverrides: collectivity?.publication_overrides,
        annexes: documents.filter((d) => d.role === 'annex').map((d) => ({ fileName: d.fileName, pieceType: d.pieceType, publish: d.publish ?? undefined })),
      });
      await acts.savePublicationDecision(actId, decision, decision.act === 'publish');
      await audit.append({ actor: ACTOR, action: 'act.publication_decided', subjectType: 'act', subjectId: actId, outcome: 'ok', details: { act: decision.act, reasons: decision.reasons } });
      return { act: decision.act, reasons: decision.reasons };
    }),

    withholdAct: step('act.withheld', async ({ actId, reasons }) => {
      const act = await acts.transition(actId, 'withdrawn', 'act.withheld', ACTOR, { details: { reasons } });
      return { status: act.status };
    }),

    holdForReview: step('act.held_for_review', async ({ actId, reasons }) => {
      await acts.transition(actId, 'held_for_review', 'act.held_for_review', ACTOR, { details: { reasons } });
    }),

    applyReview: step('act.reviewed', async ({ actId, decision, actor, comment }) => {
      const act = await acts.recordReview(actId, { decision, actor, comment, at: new Date().toISOString() });
      return { status: act.status };
    }),

    failAct: step('act.failed', async ({ actId, code, message }: ActFailure) => {
      const act = await acts.get(actId);
      if (!canTransition(act.status, 'failed')) return;
      await acts.transition(actId, 'failed', 'act.failed', ACTOR, { failure: { code, message } });
    }),
  };
}
