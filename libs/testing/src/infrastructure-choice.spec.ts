import { chooseInfrastructure, infrastructureMode } from './infrastructure-choice';

describe('chooseInfrastructure', () => {
  const docker = (answers: boolean) => {
    const ask = jest.fn(async () => answers);
    return ask;
  };

  it('uses MONGO_URL and NATS_URL when both are set, without asking Docker', async () => {
    const ask = docker(true);
    await expect(chooseInfrastructure({ MONGO_URL: 'mongodb://db/', NATS_URL: 'nats://bus' }, ask)).resolves.toEqual({ store: 'given', broker: 'given' });
    expect(ask).not.toHaveBeenCalled();
  });

  it('starts MongoDB and NATS in containers when a Docker engine answers', async () => {
    await expect(chooseInfrastructure({}, docker(true))).resolves.toEqual({ store: 'container', broker: 'container' });
  });

  it('falls back to the embedded FerretDB and nats-server when no engine answers', async () => {
    await expect(chooseInfrastructure({}, docker(false))).resolves.toEqual({ store: 'embedded', broker: 'embedded' });
  });

  it('starts only what is not given', async () => {
    await expect(chooseInfrastructure({ NATS_URL: 'nats://bus' }, docker(true))).resolves.toEqual({ store: 'container', broker: 'given' });
    await expect(chooseInfrastructure({ MONGO_URL: 'mongodb://db/' }, docker(false))).resolves.toEqual({ store: 'given', broker: 'embedded' });
  });

  it('never asks Docker in embedded mode', async () => {
    const ask = docker(true);
    await expect(chooseInfrastructure({ CAMPAIGN_TEST_INFRA: 'embedded' }, ask)).resolves.toEqual({ store: 'embedded', broker: 'embedded' });
    expect(ask).not.toHaveBeenCalled();
  });

  it('refuses containers mode without an engine rather than quietly running elsewhere', async () => {
    await expect(chooseInfrastructure({ CAMPAIGN_TEST_INFRA: 'containers' }, docker(false))).rejects.toThrow('no Docker engine answers');
  });

  it('rejects an unknown mode', () => {
    expect(() => infrastructureMode('docker')).toThrow('auto, embedded or containers');
  });
});
