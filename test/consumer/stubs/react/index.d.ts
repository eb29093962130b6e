// The part of @types/react 19 that components/dist/react.d.ts uses, with the same names and shapes (React is not installed
// in this repository). The generated file augments `React.JSX.IntrinsicElements`, as it does with the real package.
export interface DOMAttributes<T> {
  children?: unknown;
  onClick?: (event: MouseEvent & { currentTarget: T }) => void;
}
export interface HTMLAttributes<T> extends DOMAttributes<T> {
  className?: string;
  id?: string;
  slot?: string;
  hidden?: boolean;
  title?: string;
  style?: Record<string, string | number>;
}
export interface ClassAttributes<T> {
  key?: string | number | null;
  ref?: { current: T | null } | ((instance: T | null) => void) | null;
}
export type DetailedHTMLProps<E extends HTMLAttributes<T>, T> = ClassAttributes<T> & E;

export namespace JSX {
  interface Element {}
  interface ElementChildrenAttribute {
    children: {};
  }
  interface IntrinsicAttributes {
    key?: string | number | null;
  }
  interface IntrinsicElements {}
}
