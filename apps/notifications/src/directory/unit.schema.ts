export interface DirectoryUnit {
  district: string;
  unitId: string;
  name: string;
  parentId: string | null;
  path: string[];
  status: 'active' | 'closed';
  revision: number;
}
