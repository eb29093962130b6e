// The part of Vue 3's types that components/dist/vue.d.ts uses (Vue is not installed in this repository). EmitFn is Vue's
// for an object of event signatures, simplified: emit(name, ...the signature's arguments).
export interface GlobalComponents {}
export interface HTMLAttributes {
  class?: unknown;
  style?: unknown;
  id?: string;
  slot?: string;
  hidden?: boolean;
  title?: string;
}
export interface PublicProps {
  key?: PropertyKey;
  ref?: unknown;
}
export type EmitFn<Options extends Record<string, (...args: any[]) => unknown>> = <E extends keyof Options & string>(
  event: E,
  ...args: Parameters<Options[E]>
) => void;
