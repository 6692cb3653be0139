import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { CreateRuleDto, RuleBodyDto, RuleView } from './rule.dto';
import { RulesService } from './rules.service';

@ApiTags('rules')
@ApiBearerAuth()
@Roles('district-admin')
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @ApiOkResponse({ type: [RuleView] })
  list(@CurrentPrincipal() principal: Principal): Promise<RuleView[]> {
    return this.rules.list(principal.district);
  }

  @Get(':ruleId')
  @ApiOkResponse({ type: RuleView })
  get(@CurrentPrincipal() principal: Principal, @Param('ruleId') ruleId: string): Promise<RuleView> {
    return this.rules.get(principal.district, ruleId);
  }

  @Post()
  @ApiCreatedResponse({ type: RuleView })
  @ApiBadRequestResponse({ description: 'invalid rule: unknown template variable, audience not offered by the trigger…' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRuleDto): Promise<RuleView> {
    return this.rules.create(principal.district, body);
  }

  @Put(':ruleId')
  @ApiOkResponse({ type: RuleView })
  @ApiBadRequestResponse({ description: 'invalid rule' })
  replace(@CurrentPrincipal() principal: Principal, @Param('ruleId') ruleId: string, @Body() body: RuleBodyDto): Promise<RuleView> {
    return this.rules.replace(principal.district, ruleId, body);
  }

  @Delete(':ruleId')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentPrincipal() principal: Principal, @Param('ruleId') ruleId: string): Promise<void> {
    return this.rules.remove(principal.district, ruleId);
  }
}
