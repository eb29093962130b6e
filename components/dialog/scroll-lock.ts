/**
 * The page's scroll lock, shared by every open dialog: the first to open saves the page's own overflow and the last
 * to close restores it, whatever order they open and close in.
 */
export const scrollLock = {
  count: 0,
  previous: '',
  acquire(): void {
    if (this.count++ === 0) {
      this.previous = document.documentElement.style.overflow;
      document.documentElement.style.overflow = 'hidden';
    }
  },
  release(): void {
    if (this.count > 0 && --this.count === 0) document.documentElement.style.overflow = this.previous;
  },
};
