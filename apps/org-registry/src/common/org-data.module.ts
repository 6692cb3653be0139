import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NamesService } from './names.service';
import { IMPORT_MAPPING_MODEL, importMappingSchema } from '../import/import-mapping.schema';
import { LEADING_GROUP_MODEL, leadingGroupSchema } from '../leading-groups/leading-group.schema';
import { MEMBER_MODEL, memberSchema } from '../members/member.schema';
import { POST_DICTIONARY_MODEL, postDictionarySchema } from '../post-dictionary/post-dictionary.schema';
import { DEPARTMENT_MAPPING_MODEL, departmentMappingSchema } from '../placement/department-mapping.schema';
import { PLACEMENT_SETTINGS_MODEL, placementSettingsSchema } from '../placement/placement-settings.schema';
import { SCIM_GROUP_MODEL, scimGroupSchema } from '../scim/scim-group.schema';
import { SYSTEM_MODEL, systemSchema } from '../systems/system.schema';
import { UNIT_ADMIN_GRANT_MODEL, unitAdminGrantSchema } from '../unit-admins/unit-admin-grant.schema';
import { UNIT_MODEL, unitSchema } from '../units/unit.schema';

const models = MongooseModule.forFeature([
  { name: UNIT_MODEL, schema: unitSchema },
  { name: MEMBER_MODEL, schema: memberSchema },
  { name: SYSTEM_MODEL, schema: systemSchema },
  { name: LEADING_GROUP_MODEL, schema: leadingGroupSchema },
  { name: IMPORT_MAPPING_MODEL, schema: importMappingSchema },
  { name: SCIM_GROUP_MODEL, schema: scimGroupSchema },
  { name: POST_DICTIONARY_MODEL, schema: postDictionarySchema },
  { name: UNIT_ADMIN_GRANT_MODEL, schema: unitAdminGrantSchema },
  { name: DEPARTMENT_MAPPING_MODEL, schema: departmentMappingSchema },
  { name: PLACEMENT_SETTINGS_MODEL, schema: placementSettingsSchema },
]);

/** Every collection of the service, registered once so feature modules share the models, and the names shown beside ids. */
@Global()
@Module({ imports: [models], providers: [NamesService], exports: [models, NamesService] })
export class OrgDataModule {}
