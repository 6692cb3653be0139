import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NamesService } from './names.service';
import { IMPORT_MAPPING, importMappingSchema } from '../import/import-mapping.schema';
import { LEADING_GROUP, leadingGroupSchema } from '../leading-groups/leading-group.schema';
import { MEMBER, memberSchema } from '../members/member.schema';
import { POST_DICTIONARY, postDictionarySchema } from '../post-dictionary/post-dictionary.schema';
import { DEPARTMENT_MAPPING, departmentMappingSchema } from '../placement/department-mapping.schema';
import { PLACEMENT_SETTINGS, placementSettingsSchema } from '../placement/placement-settings.schema';
import { SCIM_GROUP, scimGroupSchema } from '../scim/scim-group.schema';
import { ORG_SYSTEM, systemSchema } from '../systems/system.schema';
import { UNIT_ADMIN_GRANT, unitAdminGrantSchema } from '../unit-admins/unit-admin-grant.schema';
import { UNIT, unitSchema } from '../units/unit.schema';

const models = MongooseModule.forFeature([
  { name: UNIT, schema: unitSchema },
  { name: MEMBER, schema: memberSchema },
  { name: ORG_SYSTEM, schema: systemSchema },
  { name: LEADING_GROUP, schema: leadingGroupSchema },
  { name: IMPORT_MAPPING, schema: importMappingSchema },
  { name: SCIM_GROUP, schema: scimGroupSchema },
  { name: POST_DICTIONARY, schema: postDictionarySchema },
  { name: UNIT_ADMIN_GRANT, schema: unitAdminGrantSchema },
  { name: DEPARTMENT_MAPPING, schema: departmentMappingSchema },
  { name: PLACEMENT_SETTINGS, schema: placementSettingsSchema },
]);

/** Every collection of the service, registered once so feature modules share the models, and the names shown beside ids. */
@Global()
@Module({ imports: [models], providers: [NamesService], exports: [models, NamesService] })
export class OrgDataModule {}
