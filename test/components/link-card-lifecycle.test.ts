import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-link-card.js';
import type { AtlasShareIntentEvent, IntentOutcome, ShareIntent } from '../../components/share-dialog/intent.js';
import type { LinkSession, PublicLink } from '../../components/share-dialog/types.js';
import { until } from './support.js';
import { publicLink } from './link-fixture.js';

// Issue 16 in <atlas-link-card>: Rotate (with the grace choice) and the Sessions of a passcode link, by keyboard. A
// plain parent plays the share dialog and answers each intent as the test decides.

const link = publicLink;

const session = (id: string, agentFamily: LinkSession['agentFamily'], hour: number): LinkSession => ({
  id,
  createdAt: `2026-06-01T${String(hour).padStart(2, '0')}:00:00.000Z`,
  lastSeenAt: `2026-06-01T${String(hour).padStart(2, '0')}:30:00.000Z`,
  expiresAt: '2026-06-06T09:00:00.000Z',
  addressHash: `hash-${id}`,
  agentFamily,
});

async function mount(value: PublicLink) {
  const intents: ShareIntent[] = [];
  let pending: ((outcome: IntentOutcome) => void)[] = [];
  const parent = await fixture<HTMLElement>(
    html`<div
      @atlas-share-intent=${(e: AtlasShareIntentEvent) => {
        intents.push(e.detail);
        e.respondWith(new Promise<IntentOutcome>((resolve) => pending.push(resolve)));
      }}
    >
      <atlas-link-card .link=${value} expanded></atlas-link-card>
    </div>`,
  );
  const card = parent.querySelector('atlas-link-card')!;
  await card.updateComplete;
  return {
    card,
    intents,
    answer: (outcome: IntentOutcome) => {
      const waiting = pending;
      pending = [];
      for (const resolve of waiting) resolve(outcome);
    },
    $: <T extends Element = HTMLElement>(selector: string) => card.shadowRoot!.querySelector<T>(selector),
    focused: () => card.shadowRoot!.activeElement,
  };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<atlas-link-card>: rotate and sessions (issue 16)', () => {
  it('Rotate by keyboard: choose the grace with the arrow keys, confirm; the card says until when the old address works', async () => {
    const { $, card, intents, answer, focused } = await mount(link());
    const rotate = $<HTMLButtonElement>('.rotate')!;
    expect(rotate.getAttribute('aria-label')).to.equal('Rotate the address of Customer A');
    rotate.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused()?.classList.contains('grace-choice') === true, 'focus on the grace choice');
    const choices = [...card.shadowRoot!.querySelectorAll<HTMLInputElement>('.grace-choice')];
    expect(choices.map((c) => text(c.parentElement))).to.deep.equal(['Immediately', 'After 1 hour', 'After 24 hours']);
    expect(choices[0]!.checked).to.equal(true, 'Immediately is the default');
    expect(text($('.grace legend'))).to.equal('The old address stops working');
    await sendKeys({ press: 'ArrowRight' });
    await until(() => choices[1]!.checked, 'After 1 hour');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal($('.confirm-rotate'));
    await expect(card).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    expect(intents).to.deep.equal([{ kind: 'rotate-link', linkId: 'l1', graceSeconds: 3600 }]);

    const until1h = new Date(Date.now() + 3_600_000).toISOString();
    card.link = link({ url: 'https://atlas.example/public/new', token: 'new', previousTokenUntil: until1h });
    answer({ ok: true });
    await until(() => !$('.grace'), 'the choice closes');
    await until(() => focused() === $('.rotate'), 'focus back on Rotate');
    expect(text($('.old-address'))).to.match(/^Old address works until .+\.$/);
    expect($<HTMLInputElement>('input.url')!.value).to.equal('https://atlas.example/public/new');
    await expect(card).to.be.accessible();
  });

  it('Escape and Cancel close the Rotate choice without asking anything; a failed rotation keeps it open', async () => {
    const { $, intents, answer, focused } = await mount(link());
    $<HTMLButtonElement>('.rotate')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!$('.grace'), 'open');
    await sendKeys({ press: 'Escape' });
    await until(() => !$('.grace'), 'Escape closes it');
    await until(() => focused() === $('.rotate'), 'focus back on Rotate');
    await sendKeys({ press: 'Enter' });
    await until(() => !!$('.cancel-rotate'), 'open again');
    $<HTMLButtonElement>('.cancel-rotate')!.click();
    await until(() => !$('.grace'), 'Cancel closes it');
    expect(intents).to.deep.equal([]);

    $<HTMLButtonElement>('.rotate')!.click();
    await until(() => !!$('.confirm-rotate'), 'open');
    $<HTMLButtonElement>('.confirm-rotate')!.click();
    expect(intents).to.deep.equal([{ kind: 'rotate-link', linkId: 'l1', graceSeconds: 0 }]);
    answer({ ok: false, message: 'Network down' });
    await new Promise((r) => setTimeout(r, 20));
    expect($('.grace')).to.not.equal(null, 'still open to try again');
  });

  it('Sessions: only on a passcode link; Show loads them, End ends one and focus moves to the next', async () => {
    const plain = await mount(link());
    expect(plain.$('.sessions')).to.equal(null, 'no passcode, no sessions');

    const { $, card, intents, answer, focused } = await mount(link({ passcodeEnabled: true, passcode: 'ABCDEFGHJK' }));
    expect(text($('.sessions .hint'))).to.match(/Who has entered the passcode/);
    const show = $<HTMLButtonElement>('.load-sessions')!;
    expect(show.getAttribute('aria-label')).to.equal('Show the sessions of Customer A');
    show.focus();
    await sendKeys({ press: 'Enter' });
    expect(intents).to.deep.equal([{ kind: 'link-sessions', linkId: 'l1' }]);
    card.sessions = [session('s1', 'firefox', 9), session('s2', 'safari', 10)];
    answer({ ok: true });
    await until(() => card.shadowRoot!.querySelectorAll('.session').length === 2, 'two rows');
    await until(() => focused() === $('.load-sessions'), 'focus stays on the button');
    expect(text($('.load-sessions'))).to.equal('Refresh');
    const rows = [...card.shadowRoot!.querySelectorAll('.session')];
    expect(text(rows[0])).to.match(/^Firefox, opened .+ · last seen .+ · client hash-s1 End$/);
    const ends = [...card.shadowRoot!.querySelectorAll<HTMLButtonElement>('.end-session')];
    expect(ends[0]!.getAttribute('aria-label')).to.match(/^End session: Firefox, opened /);
    await expect(card).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(ends[0]);
    await sendKeys({ press: 'Enter' });
    expect(intents.at(-1)).to.deep.equal({ kind: 'end-session', linkId: 'l1', sessionId: 's1' });
    card.sessions = [session('s2', 'safari', 10)];
    answer({ ok: true });
    await until(() => card.shadowRoot!.querySelectorAll('.session').length === 1, 'one row left');
    await until(() => focused() === $('.end-session'), 'focus on the remaining session’s End');
    expect($('.end-session')!.getAttribute('aria-label')).to.match(/^End session: Safari, opened /);

    await sendKeys({ press: 'Enter' });
    card.sessions = [];
    answer({ ok: true });
    await until(() => text($('.no-sessions')) === 'No live sessions.', 'empty');
    await until(() => focused() === $('.load-sessions'), 'none left: focus on Refresh');
  });
});
