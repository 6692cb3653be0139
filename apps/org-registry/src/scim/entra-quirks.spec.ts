import { expandUnmatchedTypedAdds, normaliseScimBody } from './entra-quirks';

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

  it('turns a bare manager id into a complex value', () => {
    const body = normaliseScimBody({ Operations: [{ op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: 'm-1' }] });
    expect(body).toEqual({ Operations: [{ op: 'add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: { value: 'm-1' } }] });
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
});
