import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import { DocumentPublicationStore } from '@openactes/persistence';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../common/roles';

/** A file name any client can save: ASCII letters, digits, dot, dash and underscore. */
export function safeFileName(fileName: string, publishedAs: 'original' | 'regenerated'): string {
  const base = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120) || 'document';
  return `${base}${publishedAs === 'regenerated' ? '-pseudonymise' : ''}.pdf`;
}

/** Whether the client's cached copy (If-None-Match, else If-Modified-Since) is still the published one. */
function notModified(req: Request, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = req.headers['if-modified-since'];
  if (!since) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(date / 1000);
}

@ApiTags('acts')
@Roles('public')
@Controller('api/v1/acts')
export class ActDocumentsController {
  private readonly publications: DocumentPublicationStore;

  constructor(dataSource: DataSource) {
    this.publications = new DocumentPublicationStore(dataSource);
  }

  @Get(':actId/documents/:documentId')
  @ApiOperation({
    summary: 'A published file of an act',
    description:
      'The file as published: the original PDF when nothing was redacted in it, otherwise a PDF regenerated from the pseudonymised text. ' +
      'Strong ETag (sha256 of the bytes) and Last-Modified (publication time); 304 on If-None-Match / If-Modified-Since. ' +
      '404 NOT_FOUND for a file that is not published, including every file of an act that is not (or no longer) published.',
  })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'The PDF' })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  async download(
    @Param('actId', new ParseUUIDPipe()) actId: string,
    @Param('documentId', new ParseUUIDPipe()) documentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const doc = await this.publications.publishedContent(actId, documentId);
    if (!doc) throw new CodedError('NOT_FOUND', `No published document ${documentId} for act ${actId}`, { actId, documentId });
    const etag = `"${doc.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', doc.publishedAt.toUTCString());
    res.setHeader('Cache-Control', 'public, max-age=300');
    if (notModified(req, etag, doc.publishedAt)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${safeFileName(doc.fileName, doc.publishedAs)}"`);
    res.setHeader('Content-Length', String(doc.content.length));
    res.status(200).end(doc.content);
  }
}
