import { expandUnmatchedTypedAdds, normaliseScimBody } from './client-quirks';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('provisioning client quirks', () => {
  it('lower-cases Entra’s capitalised ops and turns "False"/"True" strings into booleans', () => {
    expect(
      normaliseScimBody({
        Operations: [
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'Add', value: { active: 'True', displayName: 'x' } },
          { op: 'Replace', path: 'emails[type eq "work"].primary', value: 'true' },
        ],
      }),
    ).toEqual({
      Operations: [
        { op: 'replace', path: 'active', value: false },
        { op: 'add', value: { active: true, displayName: 'x' } },
        { op: 'replace', path: 'emails[type eq "work"].primary', value: true },
      ],
    });
  });

  it('reads Operations in any case', () => {
    expect(normaliseScimBody({ schemas: ['x'], operations: [{ op: 'Remove', path: 'title' }] })).toEqual({ schemas: ['x'], Operations: [{ op: 'remove', path: 'title' }] });
  });

  it('turns a bare manager id into a complex value, wherever it is sent', () => {
    expect(normaliseScimBody({ Operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: 'm-1' }] })).toEqual({
      Operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: 'm-1' } }],
    });
    expect(normaliseScimBody({ userName: 'a', [ENTERPRISE]: { manager: 'm-1', department: 'R&D' } })).toEqual({ userName: 'a', [ENTERPRISE]: { manager: { value: 'm-1' }, department: 'R&D' } });
    expect(normaliseScimBody({ Operations: [{ op: 'replace', value: { [`${ENTERPRISE}:manager`]: 'm-2' } }] })).toEqual({
      Operations: [{ op: 'replace', value: { [`${ENTERPRISE}:manager`]: { value: 'm-2' } } }],
    });
  });

  it('qualifies enterprise attributes sent by their short name, and clears a manager sent empty', () => {
    expect(
      normaliseScimBody({
        Operations: [
          { op: 'Replace', path: 'manager', value: 'm-3' },
          { op: 'Remove', path: 'manager' },
          { op: 'Replace', path: 'manager', value: '' },
          { op: 'Replace', path: 'department', value: '研发部' },
          { op: 'Replace', value: { employeeNumber: '0042' } },
        ],
      }),
    ).toEqual({
      Operations: [
        { op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: 'm-3' } },
        { op: 'remove', path: `${ENTERPRISE}:manager` },
        { op: 'remove', path: `${ENTERPRISE}:manager` },
        { op: 'replace', path: `${ENTERPRISE}:department`, value: '研发部' },
        { op: 'replace', value: { [`${ENTERPRISE}:employeeNumber`]: '0042' } },
      ],
    });
  });

  it('lower-cases the types of emails, phone numbers and addresses, in values and in filters', () => {
    expect(normaliseScimBody({ userName: 'a', phoneNumbers: [{ type: 'Mobile', value: '1', primary: 'True' }] })).toEqual({ userName: 'a', phoneNumbers: [{ type: 'mobile', value: '1', primary: true }] });
    expect(normaliseScimBody({ Operations: [{ op: 'Add', path: 'phoneNumbers[type eq "Mobile"].value', value: '1' }] })).toEqual({
      Operations: [{ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '1' }],
    });
  });

  it('rewrites Entra’s member removal by value list into filtered removals', () => {
    expect(normaliseScimBody({ Operations: [{ op: 'Remove', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }] })).toEqual({
      Operations: [
        { op: 'remove', path: 'members[value eq "a"]' },
        { op: 'remove', path: 'members[value eq "b"]' },
      ],
    });
  });

  it('coerces string booleans in a POST/PUT body and leaves other strings alone', () => {
    expect(normaliseScimBody({ userName: 'False', active: 'False', emails: [{ value: 'x', primary: 'True' }] })).toEqual({
      userName: 'False',
      active: false,
      emails: [{ value: 'x', primary: true }],
    });
  });

  it('turns an add into a typed entry that does not exist yet into an add of a new entry', () => {
    const body = { Operations: [{ op: 'add', path: 'phoneNumbers[type eq "work"].value', value: '123' }] };
    expect(expandUnmatchedTypedAdds(body, {})).toEqual({ Operations: [{ op: 'add', path: 'phoneNumbers', value: [{ type: 'work', value: '123' }] }] });
    expect(expandUnmatchedTypedAdds(body, { phoneNumbers: [{ type: 'work', value: '1' }] })).toEqual(body);
  });

  it('creates a new typed entry once when several ops of one request fill it (Entra’s address parts)', () => {
    const body = {
      Operations: [
        { op: 'add', path: 'addresses[type eq "work"].streetAddress', value: '解放路1号' },
        { op: 'add', path: 'addresses[type eq "work"].locality', value: '黄金坳镇' },
        { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '13800000000' },
      ],
    };
    expect(expandUnmatchedTypedAdds(body, { phoneNumbers: [{ type: 'work', value: '0791-1' }] })).toEqual({
      Operations: [
        { op: 'add', path: 'addresses', value: [{ type: 'work', streetAddress: '解放路1号' }] },
        { op: 'add', path: 'addresses[type eq "work"].locality', value: '黄金坳镇' },
        { op: 'add', path: 'phoneNumbers', value: [{ type: 'mobile', value: '13800000000' }] },
      ],
    });
  });
});
