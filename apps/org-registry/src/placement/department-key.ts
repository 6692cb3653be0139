/** A department text compared loosely: full-width forms, case and runs of spaces do not make another department. */
export function departmentKeyOf(department: string | undefined | null): string | undefined {
  const key = department?.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return key ? key : undefined;
}
