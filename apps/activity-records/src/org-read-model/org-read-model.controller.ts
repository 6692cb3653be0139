import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ExpensiveEndpoint } from '@campaign/service-kit';
import { AccessService } from '../access/access.service';
import { OrgMember, OrgUnit } from './org-read-model.schemas';
import { ShowNames } from '../responses/show-names.decorator';
import { OrgReadModelRebuilder } from './org-read-model-rebuilder';

@ApiTags('organisation read model')
@ApiBearerAuth()
@Controller('org')
export class OrgReadModelController {
  constructor(
    private readonly access: AccessService,
    private readonly rebuilder: OrgReadModelRebuilder,
  ) {}

  @Get('units/:unitId')
  @ApiOkResponse({ description: "This service's copy of a unit (as used for validation and access)" })
  @ApiNotFoundResponse()
  @ShowNames({ parentId: 'unit' })
  unit(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string): Promise<OrgUnit> {
    return this.access.managedUnit(principal, unitId);
  }

  @Get('members/:memberId')
  @ApiOkResponse({ description: "This service's copy of a member" })
  @ApiNotFoundResponse()
  @ShowNames({ unitId: 'unit' })
  member(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string): Promise<OrgMember> {
    return this.access.visibleMember(principal, memberId);
  }

  @Post('rebuild')
  @ExpensiveEndpoint()
  @Roles('district-admin', 'operator')
  @ApiCreatedResponse({ description: "Drops the district's read model and replays the ORG stream into it" })
  async rebuild(@CurrentPrincipal() principal: Principal): Promise<{ replayed: number }> {
    return { replayed: await this.rebuilder.rebuild(principal.district) };
  }
}
