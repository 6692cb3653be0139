import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Principal } from '@campaign/auth';
import { DEFAULT_PORTS, SERVICES, ServiceName, startInfrastructure, startPlatform, startSmtpSink } from '@campaign/testing';
import { launchDevConsole, WebConsole } from '../../apps/web/server';
import { PlatformClient } from './client';
import { devToken, LOCAL_AUTH_SECRET } from './dev-tokens';
import { launchDemoCampaign, membersOf } from './scenario';

const root = resolve(__dirname, '../..');
const district = process.env.DEMO_DISTRICT ?? 'demo-district';

/** `npm start`: infrastructure (unless MONGO_URL/NATS_URL are set), the four services, the demo district, a campaign. */
async function main(): Promise<void> {
  if (!process.env.MONGO_URL) execFileSync('bash', [join(root, 'tools/setup-infra.sh')], { stdio: 'inherit' });
  const workDir = join(root, '.infra/run');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(join(workDir, 'mail'), { recursive: true });

  const infrastructure = await startInfrastructure({ workDir, purpose: 'start' });
  let mailCount = 0;
  const smtp = await startSmtpSink((mail) => {
    mailCount += 1;
    writeFileSync(join(workDir, 'mail', `${String(mailCount).padStart(5, '0')}.txt`), `To: ${JSON.stringify(mail.to)}\nSubject: ${mail.subject}\n\n${mail.text ?? ''}`);
  });
  console.log('starting the four services (about a minute)…');
  const platform = await startPlatform({
    infrastructure,
    authSecret: LOCAL_AUTH_SECRET,
    ports: DEFAULT_PORTS,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    env: { notifications: { SMTP_URL: smtp.url, MAIL_FROM: 'campaign@localhost' } },
  });
  const urls = Object.fromEntries(SERVICES.map((service) => [service, platform.url(service)])) as Record<ServiceName, string>;
  const running: { web?: WebConsole } = {};
  const shutdown = async () => {
    console.log('\nstopping…');
    await running.web?.stop();
    await platform.stop();
    await smtp.stop();
    await infrastructure.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const districtAdmin: Principal = { sub: 'district-admin', district, roles: ['district-admin'], units: [] };
  const admin = await PlatformClient.as(urls, districtAdmin);
  const seed = await admin.post<{ unitIds: Record<string, string>; members: { created: number } }>('org-registry', '/admin/seed/demo');
  const campaign = await launchDemoCampaign(admin);
  const educationBureau = seed.unitIds['JG-JYJ'];
  const [aMember] = await membersOf(admin, educationBureau);

  const unitAdmin: Principal = { sub: 'edu-admin', district, roles: ['unit-admin'], units: [educationBureau] };
  const member: Principal | undefined = aMember && { sub: aMember.memberId, district, roles: ['member'], units: [], memberId: aMember.memberId };
  const tokens = {
    'district admin (区委组织部)': await devToken(districtAdmin),
    'unit admin (区教育局 subtree)': await devToken(unitAdmin),
    [`member (${aMember?.name ?? 'none'})`]: member ? await devToken(member) : '',
  };
  const web = await launchDevConsole({
    upstreams: urls,
    secret: LOCAL_AUTH_SECRET,
    port: Number(process.env.WEB_PORT ?? 3000),
    identities: [
      { id: 'district-admin', label: '区委组织部（全区）', principal: districtAdmin },
      { id: 'unit-admin', label: '区教育局管理员（区教育局及所属学校）', principal: unitAdmin },
      ...(member ? [{ id: 'member', label: `党员 ${aMember?.name}（区教育局）`, principal: member }] : []),
    ],
  });
  running.web = web;
  writeFileSync(
    join(workDir, 'platform.json'),
    JSON.stringify({ district, urls, console: web.url, campaignId: campaign._id, unitIds: seed.unitIds, educationBureau, memberId: aMember?.memberId, tokens: Object.values(tokens), smtp: smtp.url, natsUrl: infrastructure.natsUrl }, null, 2),
  );

  console.log('\n=== campaign platform is running ===');
  console.log(`\n  open the web console: ${web.url}   (sign in as one of the development identities)\n`);
  for (const service of SERVICES) console.log(`  ${service.padEnd(20)} ${urls[service]}   docs: ${urls[service]}/docs`);
  console.log(`\n  district ${district}: ${Object.keys(seed.unitIds).length} units, ${seed.members.created} members enrolled; campaign ${campaign._id} in operation`);
  console.log(`  store: ${infrastructure.mongoUrl('')}   NATS: ${infrastructure.natsUrl}   mail sink: ${smtp.url} → .infra/run/mail/`);
  console.log(`  logs: .infra/run/*.log\n\n  development tokens (12 h):`);
  for (const [who, token] of Object.entries(tokens)) console.log(`    ${who}:\n      ${token}`);
  console.log('\n  try:  curl -H "Authorization: Bearer <token>" ' + `${urls['org-registry']}/units`);
  console.log('  then, in another terminal:  npm run demo\n  Ctrl+C stops everything.');
}

main().catch((error: Error) => {
  console.error(`start failed: ${error.message}`);
  process.exit(1);
});
