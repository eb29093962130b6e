// As in @types/react 19: the automatic runtime's JSX namespace extends React.JSX, which the generated typings augment.
import type { JSX as ReactJSX } from 'react';

export namespace JSX {
  interface Element extends ReactJSX.Element {}
  interface ElementChildrenAttribute extends ReactJSX.ElementChildrenAttribute {}
  interface IntrinsicAttributes extends ReactJSX.IntrinsicAttributes {}
  interface IntrinsicElements extends ReactJSX.IntrinsicElements {}
}
