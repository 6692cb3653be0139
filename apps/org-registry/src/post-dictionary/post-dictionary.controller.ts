import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { PostEntryBodyDto, PostTitleParams } from './post-dictionary.dto';
import { PostDictionaryDocument } from './post-dictionary.schema';
import { DictionaryChange, PostDictionaryService } from './post-dictionary.service';

function view({ entries, revision }: PostDictionaryDocument) {
  return { entries, revision };
}

function changeView({ dictionary, membersReannounced }: DictionaryChange) {
  return { ...view(dictionary), membersReannounced };
}

@ApiTags('post-dictionary')
@ApiBearerAuth()
@Controller('post-dictionary')
export class PostDictionaryController {
  constructor(private readonly dictionary: PostDictionaryService) {}

  @Get()
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'the district’s post titles and the role each gives (the defaults until a district admin edits it)' })
  async get(@CurrentPrincipal() principal: Principal) {
    return view(await this.dictionary.read(principal.district));
  }

  @Get('unknown-titles')
  @Roles('district-admin', 'operator')
  @ApiOkResponse({ description: 'post titles held by active members that the dictionary does not know, most held first' })
  unknownTitles(@CurrentPrincipal() principal: Principal) {
    return this.dictionary.unknownTitles(principal.district);
  }

  @Put('entries/:title')
  @Roles('district-admin')
  @ApiOkResponse({ description: 'the dictionary after the change; the holders of the title get their roles again (MemberUpdated)' })
  async setEntry(@CurrentPrincipal() principal: Principal, @Param() { title }: PostTitleParams, @Body() body: PostEntryBodyDto) {
    return changeView(await this.dictionary.setEntry(principal.district, title.trim(), body.role));
  }

  @Delete('entries/:title')
  @Roles('district-admin')
  @ApiOkResponse({ description: 'the dictionary without the title; its holders lose the role it gave' })
  @ApiNotFoundResponse({ description: 'the dictionary has no such title' })
  async removeEntry(@CurrentPrincipal() principal: Principal, @Param() { title }: PostTitleParams) {
    return changeView(await this.dictionary.removeEntry(principal.district, title.trim()));
  }
}
