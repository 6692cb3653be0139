import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ExpensiveEndpoint } from '@campaign/service-kit';
import { badRequest } from '../i18n/problems';
import { ColumnMappingDto, ImportQuery, MappingNameParams } from './import.dto';
import { ImportService } from './import.service';

@ApiTags('import')
@ApiBearerAuth()
@Roles('district-admin', 'hr-sync')
@Controller('import')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Put('mappings/:name')
  @ApiOkResponse({ description: 'the saved column mapping' })
  async saveMapping(@CurrentPrincipal() principal: Principal, @Param() { name }: MappingNameParams, @Body() body: ColumnMappingDto) {
    const { district: _district, ...mapping } = await this.imports.saveMapping(principal.district, name, body);
    return mapping;
  }

  @Get('mappings')
  async listMappings(@CurrentPrincipal() principal: Principal) {
    return (await this.imports.listMappings(principal.district)).map(({ name, format, columns, unitReference, listSeparator, delimiter }) => ({
      name,
      format,
      columns,
      unitReference,
      listSeparator,
      delimiter,
    }));
  }

  @Post('members')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/octet-stream', 'application/json')
  @ApiBody({ description: 'the HR export: CSV or JSON text (any size), or a JSON array of records (application/json, up to 100 kB)' })
  @ApiOkResponse({ description: 'the diff: created, updated, moved, left, unchanged, rejected (line + reason); written unless dryRun' })
  async importMembers(@CurrentPrincipal() principal: Principal, @Query() query: ImportQuery, @Req() request: Request) {
    const body: unknown = request.body;
    const content = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : Array.isArray(body) ? body : undefined;
    if (content === undefined || content.length === 0) throw badRequest('import.empty-body', {}, 'body');
    const mapping = await this.imports.mapping(principal.district, query.mapping);
    return this.imports.run(principal.district, { content, mapping, dryRun: query.dryRun, missing: query.missing });
  }
}
