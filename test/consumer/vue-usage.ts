// Vue usage of the generated typings (components/dist/vue.d.ts): what vue-tsc reads for `<atlas-dashboard-list
// filter="mine" @atlas-open="…">` is the `$props` and `$emit` of the global component. Each @ts-expect-error line
// proves that the typings reject what it shows.
import type { GlobalComponents } from 'vue';
import type {} from '@atlas-sharing/elements/vue';
import type { AtlasOpenEvent } from '@atlas-sharing/elements';

type DashboardList = InstanceType<GlobalComponents['atlas-dashboard-list']>;

export const props: DashboardList['$props'] = { filter: 'mine', class: 'dashboards' };

// @ts-expect-error 'everything' is not one of the list's filters
export const wrongFilter: DashboardList['$props'] = { filter: 'everything' };

export function events(list: DashboardList, open: AtlasOpenEvent): void {
  list.$emit('atlas-open', open);
  // @ts-expect-error a plain Event has no `detail`
  list.$emit('atlas-open', new Event('atlas-open'));
  // @ts-expect-error the list fires no atlas-share-change
  list.$emit('atlas-share-change', open);
}

// The element's own API is there too: a template ref is the element.
export const refresh = (list: DashboardList): Promise<void> => list.refresh();
