import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppSettings, type Settings } from '../common/app-settings';
import { Roles, type AuthenticatedRequest } from '../common/roles';
import { readArchiveBody } from '../common/raw-body';
import { TransmissionAcceptedDto } from './transmission.dto';
import { TransmissionsService } from './transmissions.service';

@ApiTags('transmissions')
@ApiBearerAuth()
@Roles('platform')
@Controller('api/v1/transmissions')
export class TransmissionsController {
  constructor(
    private readonly transmissions: TransmissionsService,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Receive an ACTES exchange (tar.gz archive, as sent to the prefecture)',
    description:
      'The payload is stored (SHA-256) before anything reads it, then one workflow per act is started. ' +
      '202 for a new transmission, 200 when the same archive was accepted before. ' +
      'Errors: 400 INVALID_ARCHIVE, MISSING_ENVELOPE, MISSING_ACTE, MISSING_DOCUMENT, INVALID_XML, INVALID_ACTE; 401 UNAUTHENTICATED; 413 PAYLOAD_TOO_LARGE / ARCHIVE_TOO_LARGE.',
  })
  @ApiConsumes('application/gzip', 'multipart/form-data')
  @ApiBody({
    description: 'The tar.gz archive as the body, or as the `archive` field of a multipart/form-data upload',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiResponse({ status: 202, type: TransmissionAcceptedDto })
  @ApiResponse({ status: 200, type: TransmissionAcceptedDto, description: 'Already received' })
  async receive(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { body, fileName, contentType } = await readArchiveBody(req, this.settings.maxArchiveBytes);
    const outcome = await this.transmissions.receive(
      { body, contentType, archiveName: fileName ?? archiveName(req.headers['content-disposition']) },
      req.principal,
    );
    res.status(outcome.isNew ? 202 : 200).json({ transmissionId: outcome.transmissionId, acts: outcome.acts } satisfies TransmissionAcceptedDto);
  }
}

function archiveName(contentDisposition: string | undefined): string | null {
  const match = /filename="?([^";]+)"?/i.exec(contentDisposition ?? '');
  return match ? match[1].slice(0, 255) : null;
}
