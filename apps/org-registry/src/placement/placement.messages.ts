import { defineCatalogues } from '@campaign/i18n';
import { requestTranslator } from '@campaign/service-kit';

export const placementCatalogues = defineCatalogues({
  'zh-CN': {
    'placement.notWaiting': '成员 {{memberId}} 不在待安置名单中',
    'placement.unitClosed': '单位 {{unitId}} 已撤销，不能安置成员',
    'placement.noUnits': '本区还没有任何单位，无法安置人事系统同步来的成员',
    'placement.mappingNotFound': '找不到部门对应关系 {{mappingId}}',
    'placement.nothingToRemember': '成员 {{memberId}} 没有人事系统部门，无法记住部门对应关系',
  },
  en: {
    'placement.notWaiting': 'member {{memberId}} is not waiting to be placed',
    'placement.unitClosed': 'unit {{unitId}} is closed: members cannot be placed in it',
    'placement.noUnits': 'the district has no units yet to place provisioned members in',
    'placement.mappingNotFound': 'no department mapping {{mappingId}}',
    'placement.nothingToRemember': 'member {{memberId}} has no department from the identity provider to remember',
  },
});

export const placementText = requestTranslator(placementCatalogues);
