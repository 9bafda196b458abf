import { Injectable } from '@nestjs/common';
import { assertSirenAllowed, CodedError, type PlatformPrincipal } from '@openactes/domain';
import { ProcurementIngestion, type ProcurementRegistration, type ReceivedDecp } from '@openactes/ingestion';
import { AuditLog, PayloadStore, ProcurementStore, type ProcurementFileEntity } from '@openactes/persistence';
import type { ProcurementAcceptedDto, ProcurementDto } from './procurement.dto';
import { toProcurementDto } from './procurement.mapper';
import { ProcurementWorkflowStarter } from './procurement-workflow-starter';

@Injectable()
export class ProcurementService {
  private readonly ingestion: ProcurementIngestion;

  constructor(
    payloads: PayloadStore,
    private readonly procurements: ProcurementStore,
    private readonly audit: AuditLog,
    private readonly starter: ProcurementWorkflowStarter,
  ) {
    this.ingestion = new ProcurementIngestion({ payloads, procurements, audit, startProcurement: (input) => starter.start(input) });
  }

  receive(input: ReceivedDecp, principal: PlatformPrincipal): Promise<ProcurementRegistration> {
    return this.ingestion.receive(input, principal);
  }

  async get(id: string, principal?: PlatformPrincipal): Promise<ProcurementDto> {
    const file = await this.procurements.get(id);
    if (principal) assertCovers(principal, file);
    return toProcurementDto(file, await this.audit.forSubject('procurement', id));
  }

  /** Runs the pipeline again for a file that failed. */
  async retry(id: string, principal: PlatformPrincipal): Promise<ProcurementAcceptedDto> {
    const file = await this.procurements.get(id);
    assertCovers(principal, file);
    if (file.status !== 'failed') {
      throw new CodedError('CONFLICT', `Only failed procurement files can be retried (this one is ${file.status})`, { status: file.status });
    }
    await this.audit.append({
      actor: principal.id, action: 'procurement.retry_requested', subjectType: 'procurement', subjectId: id, outcome: 'ok',
      details: { previousCode: file.failureCode },
    });
    await this.starter.start({ procurementId: file.id, payloadSha256: file.payloadSha256 });
    return { procurementId: file.id, status: file.status };
  }
}

/** A token acts on a file only if it covers every buyer the file names. */
function assertCovers(principal: PlatformPrincipal, file: ProcurementFileEntity): void {
  for (const siren of file.buyerSirens) assertSirenAllowed(principal, siren);
}
