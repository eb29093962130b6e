import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import '../../components/define/atlas-dialog.js';
import type { AtlasDialog } from '../../components/dialog/dialog.js';
import type { AtlasRequestCloseEvent } from '../../components/events/request-close.js';
import { until } from './support.js';

// <atlas-dialog>, the frame of the share dialog: a native modal <dialog> with slots, close requests the host can
// cancel, focus in and back out, and Tab kept inside, through slotted content and nested shadow roots.

/** A control inside its own shadow root, as the share dialog's panels are. */
class XNestedField extends LitElement {
  override render() {
    return html`<input id="nested" aria-label="Nested" autofocus /><button id="nested-button">Nested</button>`;
  }
}
customElements.define('x-nested-field', XNestedField);

interface Mounted {
  opener: HTMLButtonElement;
  dialog: AtlasDialog;
  native: HTMLDialogElement;
}

async function mount(body = html`<p>Body text</p>`): Promise<Mounted> {
  const root = await fixture<HTMLElement>(
    html`<div>
      <button id="opener">Open</button>
      <atlas-dialog label="Default title">
        <span slot="description" id="about">What this dialog is for.</span>
        ${body}
        <button slot="footer" id="done">Done</button>
      </atlas-dialog>
    </div>`,
  );
  const dialog = root.querySelector('atlas-dialog')!;
  await dialog.updateComplete;
  return {
    opener: root.querySelector<HTMLButtonElement>('#opener')!,
    dialog,
    native: dialog.shadowRoot!.querySelector('dialog')!,
  };
}

/** The focused element, looking through shadow roots. */
function deepActive(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

describe('<atlas-dialog>', () => {
  it('opens as a native modal, labelled by its title and described by its description slot', async () => {
    const { dialog, native, opener } = await mount();
    expect(native.open).to.equal(false);
    opener.focus();
    await dialog.show();
    expect(native.open).to.equal(true);
    expect(native.matches(':modal')).to.equal(true);
    expect(dialog.open).to.equal(true);
    expect(dialog.hasAttribute('open')).to.equal(true, 'open reflects');
    const labelledBy = dialog.shadowRoot!.getElementById(native.getAttribute('aria-labelledby')!)!;
    expect(labelledBy.tagName).to.equal('H2');
    expect(labelledBy.querySelector('slot')!.textContent).to.equal('Default title');
    const describedBy = dialog.shadowRoot!.getElementById(native.getAttribute('aria-describedby')!)!;
    const slot = describedBy.querySelector('slot')!;
    expect(slot.assignedNodes().map((n) => n.textContent)).to.deep.equal(['What this dialog is for.']);
    expect(document.documentElement.style.overflow).to.equal('hidden', 'the page behind does not scroll');
    await expect(dialog).to.be.accessible();
    dialog.hide();
    expect(native.open).to.equal(false);
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('Escape, the close button and the backdrop ask to close (cancelable); closing returns focus to the opener', async () => {
    const { dialog, native, opener } = await mount();
    opener.focus();
    await dialog.show();
    const sources: string[] = [];
    let keepOpen = true;
    dialog.addEventListener('atlas-request-close', (e: AtlasRequestCloseEvent) => {
      sources.push(e.detail.source);
      expect(e.cancelable && e.bubbles && e.composed).to.equal(true);
      if (keepOpen) e.preventDefault();
    });
    let closed = 0;
    dialog.addEventListener('atlas-dialog-close', () => closed++);
    await sendKeys({ press: 'Escape' });
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('.close')!.click();
    native.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    // A click inside the frame is not a backdrop click.
    dialog.querySelector('p')!.click();
    expect(sources).to.deep.equal(['keyboard', 'close-button', 'backdrop']);
    expect(native.open).to.equal(true);
    expect(closed).to.equal(0);

    keepOpen = false;
    expect(dialog.requestClose('close-button')).to.equal(true);
    expect(native.open).to.equal(false);
    expect(dialog.open).to.equal(false);
    expect(closed).to.equal(1);
    expect(document.activeElement).to.equal(opener);
  });

  it('a control that uses Escape itself (prevents its default) keeps the dialog open', async () => {
    const { dialog, native } = await mount(html`<input id="own-escape" aria-label="Own escape" autofocus />`);
    await dialog.show();
    const input = dialog.querySelector<HTMLInputElement>('#own-escape')!;
    input.addEventListener('keydown', (e) => e.key === 'Escape' && e.preventDefault());
    let requests = 0;
    dialog.addEventListener('atlas-request-close', () => requests++);
    expect(document.activeElement).to.equal(input, '[autofocus] in the light DOM gets focus');
    await sendKeys({ press: 'Escape' });
    expect(requests).to.equal(0);
    expect(native.open).to.equal(true);
    dialog.hide();
  });

  it('focus goes to an [autofocus] control inside a nested shadow root, else to the close button', async () => {
    const nested = await mount(html`<x-nested-field></x-nested-field>`);
    await nested.dialog.show();
    expect(deepActive()?.id).to.equal('nested');
    nested.dialog.hide();

    const plain = await mount();
    await plain.dialog.show();
    expect(deepActive()?.classList.contains('close')).to.equal(true);
    plain.dialog.hide();
  });

  it('content that arrives later takes focus from the close button, not from a control the user chose', async () => {
    const { dialog } = await mount();
    await dialog.show();
    expect(deepActive()?.classList.contains('close')).to.equal(true, 'waiting on the close button');
    const late = document.createElement('x-nested-field');
    dialog.append(late);
    await (late as XNestedField).updateComplete;
    dialog.focusLoadedContent();
    expect(deepActive()?.id).to.equal('nested');
    dialog.querySelector<HTMLButtonElement>('#done')!.focus();
    dialog.focusLoadedContent();
    expect(deepActive()?.id).to.equal('done', 'the user moved on: focus stays');
    dialog.hide();
  });

  it('Tab and Shift+Tab wrap around inside, through slotted content and shadow roots', async () => {
    const { dialog } = await mount(html`<x-nested-field></x-nested-field>`);
    await dialog.show();
    dialog.querySelector<HTMLButtonElement>('#done')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.classList.contains('close')).to.equal(true, 'Tab from the last control goes to the first');
    await sendKeys({ press: 'Shift+Tab' });
    expect(deepActive()?.id).to.equal('done', 'Shift+Tab from the first goes to the last');
    await sendKeys({ press: 'Shift+Tab' });
    expect(deepActive()?.id).to.equal('nested-button', 'into the nested shadow root');
    dialog.hide();
  });

  it('× Close comes first in the tab order, before the content and the footer, never last (issue 17 item 11)', async () => {
    const { dialog } = await mount(html`<x-nested-field></x-nested-field>`);
    await dialog.show();
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('.close')!.focus();
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const el = deepActive()!;
      order.push(el.classList.contains('close') ? 'close' : el.id);
      await sendKeys({ press: 'Tab' });
    }
    expect(order).to.deep.equal(['close', 'nested', 'nested-button', 'done']);
    expect(order.at(-1)).to.not.equal('close');
    dialog.hide();
  });

  it('the open property and attribute open and close it without a request', async () => {
    const { dialog, native } = await mount();
    let requests = 0;
    dialog.addEventListener('atlas-request-close', () => requests++);
    dialog.setAttribute('open', '');
    await dialog.updateComplete;
    expect(native.open).to.equal(true);
    dialog.open = false;
    await dialog.updateComplete;
    expect(native.open).to.equal(false);
    expect(requests).to.equal(0);
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('a body without controls can take focus with a name, so keyboard users can scroll it', async () => {
    const { dialog } = await mount();
    const body = dialog.shadowRoot!.querySelector<HTMLElement>('[part="body"]')!;
    expect(body.hasAttribute('tabindex')).to.equal(false);
    dialog.bodyLabel = 'Details';
    await dialog.updateComplete;
    expect(body.tabIndex).to.equal(0);
    expect(body.getAttribute('aria-label')).to.equal('Details');
  });

  it('animates in, unless the user prefers reduced motion', async () => {
    const { dialog, native } = await mount();
    await dialog.show();
    expect(getComputedStyle(native).animationName).to.equal('atlas-dialog-in');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      await until(() => getComputedStyle(native).animationName === 'none', 'no animation');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
      dialog.hide();
    }
  });
});
