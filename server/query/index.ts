/** The query compiler: one query model, compiled by each store in its own dialect (the store owns its Dialect). */
export {
  compileWidgetQuery,
  type CompiledQuery,
  type CompileOptions,
  type ExtraCondition,
  type QueryModel,
  type ResultColumn,
} from './compile.js';
export type { Dialect } from './dialect.js';
