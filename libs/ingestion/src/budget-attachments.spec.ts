import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodedError, type PlatformPrincipal } from '@openactes/domain';
import { readActesArchive, writeActeArchive, type OutgoingActSpec, type ParsedActe } from '@openactes/formats';
import type { AuditEventInput, AuditLog, RegisteredAct } from '@openactes/persistence';
import { forwardBudgetFiles, totemFilesOf } from './budget-attachments';
import type { ReceivedTotem } from './budget-ingestion';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../shared'), 'samples/budget');
const TOTEM = fs.readFileSync(path.join(SAMPLES, 'crach-2022-BP-budget-principal.totem.xml'));
const PDF = Buffer.from('%PDF-1.4 placeholder');
const principal: PlatformPrincipal = { id: 'platform:test', sirens: '*' };

const acteOf = (spec: Partial<OutgoingActSpec>): ParsedActe =>
  readActesArchive(
    writeActeArchive({
      siren: '215600461',
      departement: '056',
      date: '2022-04-04',
      numeroInterne: 'BP2022',
      nature: 'BF',
      matieres: [7, 1],
      objet: 'Budget primitif 2022',
      document: { data: PDF },
      ...spec,
    }).data,
  ).acts[0];
const registered = (id: string): RegisteredAct[] => [{ id, actKey: 'k', workflowId: 'w', status: 'received', isNew: true }];

describe(totemFilesOf.name, () => {
  it('finds the TOTEM flux of a budget act, as main document or annex', () => {
    expect(totemFilesOf(acteOf({ annexes: [{ data: TOTEM, extension: 'xml' }] })).map((f) => f.sha256)).toHaveLength(1);
    expect(totemFilesOf(acteOf({ document: { data: TOTEM, extension: 'xml' } }))).toHaveLength(1);
  });

  it('ignores other natures and other files', () => {
    expect(totemFilesOf(acteOf({ nature: 'DE', annexes: [{ data: TOTEM, extension: 'xml' }] }))).toEqual([]);
    expect(totemFilesOf(acteOf({ annexes: [{ data: Buffer.from('<?xml version="1.0"?><Autre/>'), extension: 'xml' }] }))).toEqual([]);
  });
});

describe(forwardBudgetFiles.name, () => {
  const setup = (receive: (input: ReceivedTotem) => Promise<void>) => {
    const received: ReceivedTotem[] = [];
    const events: AuditEventInput[] = [];
    const deps = {
      receiveBudget: async (input: ReceivedTotem) => {
        received.push(input);
        await receive(input);
        return { budgetId: 'b', status: 'received' as const, isNew: true };
      },
      audit: { append: (e: AuditEventInput) => Promise.resolve(events.push(e)) } as unknown as AuditLog,
    };
    return { received, events, deps };
  };
  const acte = acteOf({ annexes: [{ data: TOTEM, extension: 'xml' }] });

  it('hands the flux to budget registration with the act it came with', async () => {
    const { received, events, deps } = setup(() => Promise.resolve());
    await forwardBudgetFiles([acte], registered('act-1'), principal, deps);
    expect(received).toEqual([{ body: TOTEM, contentType: 'application/xml', fileName: acte.annexes[0].fileName, actId: 'act-1' }]);
    expect(events).toEqual([]);
  });

  it('notes a refused flux on the act without refusing the act', async () => {
    const { events, deps } = setup(() => Promise.reject(new CodedError('FORBIDDEN_SIREN', 'no')));
    await forwardBudgetFiles([acte], registered('act-1'), principal, deps);
    expect(events).toEqual([expect.objectContaining({ action: 'act.budget_refused', subjectId: 'act-1', details: expect.objectContaining({ code: 'FORBIDDEN_SIREN' }) })]);
  });

  it('lets a retryable failure through, so that re-sending the archive resumes', async () => {
    const { deps } = setup(() => Promise.reject(new CodedError('SERVICE_UNAVAILABLE', 'down')));
    await expect(forwardBudgetFiles([acte], registered('act-1'), principal, deps)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
