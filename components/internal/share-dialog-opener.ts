/**
 * The contract assumed for `<atlas-share-dialog>` (written separately): a `dashboardId` property and a
 * `show(opener?)` method; focus returns to `opener` when it closes. When the element is registered, the existing
 * instance on the page is reused, or one is created inside the nearest `<atlas-provider>` so it gets the API client.
 * Returns false when no share dialog is registered (the host handles `atlas-share` itself).
 */
interface ShareDialogLike extends HTMLElement {
  dashboardId?: string;
  show?: (opener?: HTMLElement) => void;
}

export function openShareDialog(from: HTMLElement, dashboardId: string, opener?: HTMLElement): boolean {
  if (!customElements.get('atlas-share-dialog')) return false;
  const provider = from.closest('atlas-provider') ?? findProviderAcrossShadow(from);
  const scope: ParentNode = provider ?? document;
  let dialog = scope.querySelector<ShareDialogLike>('atlas-share-dialog');
  if (!dialog) {
    dialog = document.createElement('atlas-share-dialog') as ShareDialogLike;
    (provider ?? document.body).append(dialog);
  }
  dialog.dashboardId = dashboardId;
  if (typeof dialog.show === 'function') {
    const target = dialog;
    // Let a freshly created dialog upgrade and receive its context before it opens.
    void customElements.whenDefined('atlas-share-dialog').then(() => target.show!(opener));
  }
  return true;
}

function findProviderAcrossShadow(node: Node): Element | null {
  let current: Node | null = node;
  while (current) {
    if (current instanceof Element && current.localName === 'atlas-provider') return current;
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return null;
}
