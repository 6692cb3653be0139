import { FuzzFootprint } from './fuzz-footprint';

describe('the footprint of a rejected fuzz request', () => {
  it('names each collection that holds more of the district’s documents than before, and by how many', () => {
    expect(FuzzFootprint.grown({ units: 3, members: 5, mappings: 0 }, { units: 3, members: 6, mappings: 2 })).toEqual(['members +1', 'mappings +2']);
  });

  it('names none when counts stayed or fell (the outbox relay and deletions of accepted requests only rewrite or remove)', () => {
    expect(FuzzFootprint.grown({ units: 3, members: 5 }, { units: 3, members: 4 })).toEqual([]);
  });
});
