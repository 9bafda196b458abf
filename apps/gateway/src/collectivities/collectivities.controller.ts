import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantStore, type CollectivityEntity } from '@openactes/persistence';
import type { Response } from 'express';
import { Roles, type AuthenticatedRequest } from '../common/roles';
import { CreateTokenDto, UpsertCollectivityDto } from './collectivities.dto';

@ApiTags('admin')
@Roles('admin')
@Controller('api/v1/collectivities')
export class CollectivitiesController {
  constructor(private readonly tenants: TenantStore) {}

  @Get()
  @ApiOperation({ summary: 'The registered collectivities (SIREN, name, SIRET, département)' })
  async list() {
    return (await this.tenants.collectivities()).map(toCollectivityDto);
  }

  @Post()
  @ApiOperation({ summary: 'Add or update a collectivity (201 when added, 200 when updated)' })
  async upsert(@Body() body: UpsertCollectivityDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const { collectivity, created } = await this.tenants.upsertCollectivity(body, req.principal.id);
    res.status(created ? 201 : 200);
    return toCollectivityDto(collectivity);
  }
}

@ApiTags('admin')
@Roles('admin')
@Controller('api/v1/tokens')
export class TokensController {
  constructor(private readonly tenants: TenantStore) {}

  @Get()
  @ApiOperation({ summary: 'Platform tokens: prefix, platform, SIRENs, dates (never the secret)' })
  async list() {
    return (await this.tenants.tokens()).map((t) => ({
      id: t.id,
      platform: t.platformName,
      prefix: t.tokenPrefix,
      sirens: t.sirens,
      createdAt: t.createdAt.toISOString(),
      revokedAt: t.revokedAt?.toISOString() ?? null,
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    }));
  }

  @Post()
  @ApiOperation({ summary: 'A new platform token scoped to SIRENs: the token is in this answer only' })
  async create(@Body() body: CreateTokenDto, @Req() req: AuthenticatedRequest) {
    const t = await this.tenants.createToken(body, req.principal.id);
    return { id: t.tokenId, token: t.token, platform: t.platformName, sirens: t.sirens };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token (404 NOT_FOUND when unknown or already revoked)' })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: AuthenticatedRequest): Promise<void> {
    await this.tenants.revokeToken(id, req.principal.id);
  }
}

function toCollectivityDto(c: CollectivityEntity) {
  return { siren: c.siren.trim(), name: c.name, siret: c.siret, departement: c.departement };
}
