import { Body, Controller, Param, ParseUUIDPipe, Patch, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { CodedError } from '@openactes/domain';
import { ActStore, AuditLog, DocumentPublicationStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { Roles, type AuthenticatedRequest } from '../common/roles';

export class DocumentToggleDto {
  @ApiProperty({ description: 'Whether this file may be published with its act' })
  @IsBoolean()
  publish!: boolean;
}

export class DocumentToggleResultDto {
  @ApiProperty() id!: string;
  @ApiProperty() publish!: boolean;
  @ApiProperty({ description: 'The file was published and is no longer served' }) unpublished!: boolean;
}

/** Per-file publication toggles (an annex the policy published by mistake, or one it held back). */
@ApiTags('acts')
@Controller('api/v1/acts')
export class DocumentToggleController {
  private readonly publications: DocumentPublicationStore;

  constructor(
    private readonly acts: ActStore,
    private readonly audit: AuditLog,
    dataSource: DataSource,
  ) {
    this.publications = new DocumentPublicationStore(dataSource);
  }

  @Patch(':id/documents/:documentId')
  @Roles('admin')
  @ApiOperation({
    summary: 'Publish one file of an act or not',
    description: 'Turned off, a published file stops being served at once; turned on, it is published at the act\'s next publication. Audited as document.publication_toggled.',
  })
  @ApiOkResponse({ type: DocumentToggleResultDto })
  async toggle(
    @Param('id', new ParseUUIDPipe()) actId: string,
    @Param('documentId', new ParseUUIDPipe()) documentId: string,
    @Body() body: DocumentToggleDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<DocumentToggleResultDto> {
    await this.acts.get(actId); // 404 NOT_FOUND for an unknown act
    const change = await this.publications.setPublish(actId, documentId, body.publish, (manager, c) =>
      this.audit.append(
        {
          actor: req.principal.id,
          action: 'document.publication_toggled',
          subjectType: 'act',
          subjectId: actId,
          outcome: 'ok',
          details: { documentId, publish: body.publish, previous: c.previous, unpublished: c.unpublished },
        },
        manager,
      ),
    );
    if (!change) throw new CodedError('NOT_FOUND', 'This act has no such document', { actId, documentId });
    return { id: documentId, publish: body.publish, unpublished: change.unpublished };
  }
}
