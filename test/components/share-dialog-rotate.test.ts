import { expect } from '@open-wc/testing';
import { $, newDashboard, expandLinks, openDialog, text, type Link } from './share-dialog.support.js';
import { api, demoToken, until } from './support.js';

// Issue 16 through the whole share dialog against the real server: a passcode link's Sessions (End one) and Rotate
// with a grace period (the old address keeps working, the card says until when).

describe('<atlas-share-dialog>: rotate a link and end a session (issue 16)', () => {
  let alice: string;
  before(async () => {
    alice = await demoToken('alice');
  });

  it('Sessions lists who entered the passcode; End ends that one only; Rotate gives a new address with a grace period', async () => {
    const id = await newDashboard(alice);
    const { link } = await api<{ link: Link & { passcode: string } }>(alice, `/dashboards/${id}/public-links`, {
      method: 'POST',
      json: { label: 'Kiosk', passcode: true },
    });
    const enter = async () => {
      const res = await fetch(`/api/public/${link.token}/session`, {
        method: 'POST',
        // No cookie: each session travels only as its Bearer value, so the two stay apart.
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ passcode: link.passcode }),
      });
      expect(res.status).to.equal(200);
      return ((await res.json()) as { session: string }).session;
    };
    const first = await enter();
    const second = await enter();
    const layout = (token: string, session: string) =>
      fetch(`/api/public/${token}`, { credentials: 'omit', headers: { authorization: `Bearer ${session}` } });

    const { dialog, changes } = await openDialog(alice, id);

    await expandLinks(dialog);
    const card = $(dialog, `[data-link-id="${link.id}"]`)!;
    card.querySelector<HTMLButtonElement>('.load-sessions')!.click();
    await until(() => card.querySelectorAll('.session').length === 2, 'two sessions');
    expect(text(card.querySelector('.session'))).to.match(/^Chrome, opened .+ · last seen .+ · client \S{16} End$/);
    expect(changes, 'loading changes nothing').to.deep.equal([]);

    card.querySelector<HTMLButtonElement>('.end-session')!.click();
    await until(() => card.querySelectorAll('.session').length === 1, 'one left');
    const statuses = [(await layout(link.token, first)).status, (await layout(link.token, second)).status];
    expect(statuses).to.deep.equal([401, 200], 'the first (oldest) session ended, the other works');

    card.querySelector<HTMLButtonElement>('.rotate')!.click();
    await until(() => !!card.querySelector('.grace'), 'grace choice');
    const hour = [...card.querySelectorAll<HTMLInputElement>('.grace-choice')].find((c) => c.value === '3600')!;
    hour.click();
    card.querySelector<HTMLButtonElement>('.confirm-rotate')!.click();
    await until(() => !!card.querySelector('.old-address'), 'the old address note');
    expect(text(card.querySelector('.old-address'))).to.match(/^Old address works until .+\.$/);
    expect(card.querySelectorAll('.session').length).to.equal(0, 'every session ended');
    expect(text(card.querySelector('.no-sessions'))).to.equal('No live sessions.');

    const { links } = await api<{ links: (Link & { passcode: string; previousTokenUntil: string })[] }>(
      alice,
      `/dashboards/${id}/public-links`,
    );
    const rotated = links[0]!;
    expect(rotated.id).to.equal(link.id);
    expect(rotated.token).to.not.equal(link.token);
    expect(card.querySelector<HTMLInputElement>('input.url')!.value).to.equal(rotated.url);
    expect(rotated.passcode).to.not.equal(link.passcode);
    expect(Date.parse(rotated.previousTokenUntil) - Date.now()).to.be.within(3_500_000, 3_600_000);
    expect((await layout(link.token, second)).status).to.equal(401, 'sessions ended');
    expect((await fetch(`/public/${link.token}`)).status).to.equal(200, 'the old address still opens, for an hour');
    expect(changes.map((c) => c.kind)).to.deep.equal(['session-ended', 'link-rotated']);
    await expect(dialog).to.be.accessible();
    dialog.close();
  });
});
