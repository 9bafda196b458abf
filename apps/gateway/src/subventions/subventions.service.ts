import { Injectable } from '@nestjs/common';
import { assertSirenAllowed, CodedError, type PlatformPrincipal } from '@openactes/domain';
import { SubventionIngestion, type ReceivedSubventions, type SubventionRegistration } from '@openactes/ingestion';
import { AuditLog, PayloadStore, SubventionStore, type SubventionFileEntity } from '@openactes/persistence';
import type { SubventionFileAcceptedDto, SubventionFileDto } from './subventions.dto';
import { toSubventionFileDto } from './subventions.mapper';
import { SubventionWorkflowStarter } from './subvention-workflow-starter';

@Injectable()
export class SubventionsService {
  private readonly ingestion: SubventionIngestion;

  constructor(
    payloads: PayloadStore,
    private readonly subventions: SubventionStore,
    private readonly audit: AuditLog,
    private readonly starter: SubventionWorkflowStarter,
  ) {
    this.ingestion = new SubventionIngestion({ payloads, subventions, audit, startSubventions: (input) => starter.start(input) });
  }

  receive(input: ReceivedSubventions, principal: PlatformPrincipal): Promise<SubventionRegistration> {
    return this.ingestion.receive(input, principal);
  }

  async get(id: string, principal?: PlatformPrincipal): Promise<SubventionFileDto> {
    const file = await this.subventions.get(id);
    if (principal) assertCovers(principal, file);
    return toSubventionFileDto(file, await this.audit.forSubject('subventions', id));
  }

  /** Runs the pipeline again for a file that failed. */
  async retry(id: string, principal: PlatformPrincipal): Promise<SubventionFileAcceptedDto> {
    const file = await this.subventions.get(id);
    assertCovers(principal, file);
    if (file.status !== 'failed') {
      throw new CodedError('CONFLICT', `Only failed subventions files can be retried (this one is ${file.status})`, { status: file.status });
    }
    await this.audit.append({
      actor: principal.id, action: 'subventions.retry_requested', subjectType: 'subventions', subjectId: id, outcome: 'ok',
      details: { previousCode: file.failureCode },
    });
    await this.starter.start({ subventionFileId: file.id, payloadSha256: file.payloadSha256 });
    return { subventionFileId: file.id, status: file.status };
  }
}

/** A token acts on a file only if it covers every granting authority the file names. */
function assertCovers(principal: PlatformPrincipal, file: SubventionFileEntity): void {
  for (const siren of file.attribuantSirens) assertSirenAllowed(principal, siren);
}
