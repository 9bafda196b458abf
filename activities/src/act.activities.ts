import { Context } from '@temporalio/activity';
import { datasetIdsFor, type ActActivities, type ActFailure, type ActRef, type DatasetChangeNotifier, type ExtractionSummary, type ReviewCorrection, type ReviewTiming } from '@openactes/contracts';
import { anonymise, correctionProblems, type Label } from '@openactes/anonymisation';
import { decidePublication, normaliseWhitespace, buildDeliberationRow, type NatureAbbrev, type PublicationPolicyInput, canTransition, CodedError, extractDeliberationFacts } from '@openactes/domain';
import { DocumentPublicationStore, TenantStore, type ActEntity, type ActStore, type AuditLog } from '@openactes/persistence';
import type { DataSource } from 'typeorm';
import { auditedSteps } from './audited-step';
import { publishDocuments } from './document-publication';
import { extractPdfText } from './pdf-text';
import { measureTextLayer, PAGE_BREAK } from '@openactes/formats';

export interface ActivityDeps {
  dataSource: DataSource;
  acts: ActStore;
  audit: AuditLog;
  /** How long a held act waits before a reminder, then an escalation (3 and 10 days when not given). */
  review?: ReviewTiming;
  /** Tells the datasets an act entered them (their workflows regenerate in batches). */
  datasets?: DatasetChangeNotifier;
}

const DEFAULT_REVIEW_TIMING: ReviewTiming = { remindAfterMs: 3 * 86_400_000, escalateAfterMs: 10 * 86_400_000 };

const ACTOR = 'system:worker';
/** Between the objet and the text in the anonymiser's input; the objet is one line, so it never holds it. */
const OBJET_SEPARATOR = '\n\n';

export function createActActivities({ dataSource, acts, audit, review = DEFAULT_REVIEW_TIMING, datasets }: ActivityDeps): ActActivities {
  const step = auditedSteps<ActRef>(audit, ACTOR, 'act', (input) => input.actId);
  const tenants = new TenantStore(dataSource, audit);
  const publications = new DocumentPublicationStore(dataSource);

  /**
   * One pass over objet and main text: a person named in both gets one placeholder, and the text's
   * roster tells officials apart; the collectivity's own list of officials is kept too.
   */
  const anonymiseMain = async (act: ActEntity, text: string, corrections?: ReviewCorrection[]) => {
    const officials = (await tenants.officials(act.siren)).map((o) => o.name);
    const objet = normaliseWhitespace(act.objet);
    const offset = objet.length + OBJET_SEPARATOR.length;
    const result = anonymise(`${objet}${OBJET_SEPARATOR}${text}`, {
      officials,
      corrections: corrections?.map((c) => ({ start: c.start + offset, end: c.end + offset, action: c.action, label: c.label as Label | undefined })),
    });
    const split = result.text.indexOf(OBJET_SEPARATOR);
    return {
      result,
      officials,
      publishedObjet: result.text.slice(0, split),
      pseudonymisedText: result.text.slice(split + OBJET_SEPARATOR.length),
      entities: result.entities
        .filter((e) => e.start >= offset)
        .map(({ start, end, label, action, confidence }) => ({ start: start - offset, end: end - offset, label, action, confidence })),
    };
  };

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
      await audit.append({ actor: ACTOR, action: 'act.record_built', subjectType: 'act', subjectId: actId, outcome: 'ok', details: { dataset: 'deliberations', warnings, voteNotes: facts?.voteNotes ?? [], attempt: Context.current().info.attempt } });
      return { warnings };
    }),

    publishAct: step('act.published', async ({ actId }) => {
      const act = await acts.get(actId);
      // Rejected or cancelled while in the pipeline: it must not be published.
      if (act.status !== 'processing' && act.status !== 'published') {
        await audit.append({ actor: ACTOR, action: 'act.publication_skipped', subjectType: 'act', subjectId: actId, outcome: 'ok', details: { status: act.status } });
        return { published: false, status: act.status };
      }
      // A retried step keeps the first publication time (Last-Modified of the files).
      const choices = await publishDocuments(act, await acts.documents(actId), publications, act.publishedAt ?? new Date());
      await acts.transition(actId, 'published', 'act.published', ACTOR, {
        details: { documents: choices.map(({ documentId, publishedAs, reason }) => ({ documentId, publishedAs, reason })), attempt: Context.current().info.attempt },
      });
      await datasets?.changed(datasetIdsFor(act.nature === 'DE' ? ['actes', 'deliberations'] : ['actes'], act.siren), { reason: 'act.published', subjectId: actId });
      return { published: true, status: 'published' as const };
    }),

    anonymiseAct: step('act.anonymised', async ({ actId }) => {
      const act = await acts.get(actId);
      const documents = await acts.documents(actId);
      const main = documents.find((d) => d.role === 'main');
      const text = main ? ((await acts.documentText(main.id)) ?? '') : '';
      const { result, officials, publishedObjet, pseudonymisedText, entities } = await anonymiseMain(act, text);
      // Annexes may be published too: each gets its own pass, and what is uncertain in them holds the act as well.
      let annexRedactions = 0;
      const annexReasons: string[] = [];
      for (const annex of documents.filter((d) => d.role === 'annex' && d.mediaType === 'application/pdf')) {
        const annexText = (await acts.documentText(annex.id)) ?? '';
        const annexResult = anonymise(annexText, { officials });
        const annexEntities = annexResult.entities.map(({ start, end, label, action, confidence }) => ({ start, end, label, action, confidence }));
        await publications.saveDocumentAnonymisation(annex.id, annexResult.text, annexEntities);
        annexRedactions += annexEntities.filter((e) => e.action === 'redact').length;
        annexReasons.push(...annexResult.reasons);
      }
      const reasons = [...new Set([...result.reasons, ...annexReasons])];
      const decision = reasons.length ? 'review' : result.decision;
      const redacted = result.entities.filter((e) => e.action === 'redact');
      const anonymisation = { decision, reasons, redacted: redacted.length + annexRedactions };
      if (main) await acts.saveAnonymisation(actId, { documentId: main.id, pseudonymisedText, entities }, { publishedObjet, anonymisation });
      await audit.append({ actor: ACTOR, action: 'act.anonymised', subjectType: 'act', subjectId: actId, outcome: 'ok', details: { ...anonymisation, officials: officials.length, attempt: Context.current().info.attempt } });
      // A scan without a usable text layer cannot be checked for personal data: a person decides (OCR may come later).
      if (!main || measureTextLayer(text.split(PAGE_BREAK)).needsOcr) {
        return { decision: 'review', reasons: [main ? 'needs_ocr' : 'no_main_document', ...reasons] };
      }
      return { decision, reasons };
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
      await audit.append({ actor: ACTOR, action: 'act.publication_decided', subjectType: 'act', subjectId: actId, outcome: 'ok', details: { act: decision.act, reasons: decision.reasons, attempt: Context.current().info.attempt } });
      return { act: decision.act, reasons: decision.reasons };
    }),

    withholdAct: step('act.withheld', async ({ actId, reasons }) => {
      const act = await acts.transition(actId, 'withdrawn', 'act.withheld', ACTOR, { details: { reasons } });
      return { status: act.status };
    }),

    holdForReview: step('act.held_for_review', async ({ actId, reasons }) => {
      await acts.transition(actId, 'held_for_review', 'act.held_for_review', ACTOR, { details: { reasons } });
      return review;
    }),

    remindReview: step('act.review_reminder', async ({ actId, level, waitedMs }) => {
      const act = await acts.get(actId);
      // The act may have been ended meanwhile: nobody needs reminding of it.
      if (act.status !== 'held_for_review') return { status: act.status };
      await audit.append({
        actor: ACTOR, action: level === 'reminder' ? 'act.review_reminder' : 'act.review_escalated', subjectType: 'act', subjectId: actId, outcome: 'ok',
        details: { waitedMs, reasons: act.anonymisation?.reasons ?? [], policy: act.publication?.act ?? null },
      });
      return { status: act.status };
    }),

    applyReview: step('act.reviewed', async ({ actId, decision, actor, comment, corrections }) => {
      const current = await acts.get(actId);
      if (decision === 'approve' && corrections?.length && current.status === 'held_for_review') {
        const main = (await acts.documents(actId)).find((d) => d.role === 'main');
        const text = main ? ((await acts.documentText(main.id)) ?? '') : '';
        const problems = correctionProblems(corrections, text.length);
        if (!main || problems.length) throw new CodedError('VALIDATION_FAILED', 'The corrections do not fit the act\'s main text', { problems });
        const before = (await publications.anonymisationOf(main.id)).entities?.filter((e) => e.action === 'redact').length ?? 0;
        const corrected = await anonymiseMain(current, text, corrections);
        const redacted = corrected.entities.filter((e) => e.action === 'redact').length;
        await acts.saveAnonymisation(
          actId,
          { documentId: main.id, pseudonymisedText: corrected.pseudonymisedText, entities: corrected.entities },
          { publishedObjet: corrected.publishedObjet, anonymisation: { ...(current.anonymisation ?? { decision: 'review', reasons: [] }), redacted } },
        );
        // Offsets and counts only: the corrected words themselves stay out of the trail.
        await audit.append({
          actor, action: 'act.review_corrections', subjectType: 'act', subjectId: actId, outcome: 'ok',
          details: {
            corrections: corrections.map(({ start, end, action, label }) => ({ start, end, action, label: label ?? null })),
            added: corrections.filter((c) => c.action === 'redact').length,
            unredacted: corrections.filter((c) => c.action === 'keep').length,
            redactedBefore: before,
            redactedAfter: redacted,
          },
        });
      }
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
