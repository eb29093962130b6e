// React usage of the generated typings (components/dist/react.d.ts); `tsc -p test/consumer/tsconfig.json` must pass, so
// each @ts-expect-error line proves that the typings reject what it shows.
import type {} from '@atlas-sharing/elements/react';
import type { WidgetData } from '@atlas-sharing/elements';

export function Dashboards({ onOpen, data }: { onOpen: (dashboardId: string) => void; data: WidgetData }) {
  return (
    <atlas-provider apiBase="/api" getToken={async () => 'token'}>
      <atlas-dashboard-list
        filter="mine"
        className="dashboards"
        onatlas-open={(event) => onOpen(event.detail.dashboardId)}
        onatlas-delete={(event) => console.log(`deleted ${event.detail.title}`)}
      />
      <atlas-dashboard-list
        // @ts-expect-error 'everything' is not one of the list's filters
        filter="everything"
      />
      <atlas-widget widget={{ title: 'Revenue', type: 'kpi' }} data={data} state="ready" kiosk />
      <atlas-widget
        // @ts-expect-error kiosk is a boolean property
        kiosk="yes"
      />
      <atlas-public-viewer
        token="abc"
        theme="dark"
        onatlas-public-status={(event) => console.log(event.detail.status, event.detail.stale)}
        // @ts-expect-error status is read-only: the viewer sets it
        status="ready"
      />
      <atlas-share-dialog
        dashboardId="d1"
        onatlas-request-close={(event) => {
          // @ts-expect-error the request-close detail has a `source`, no `dashboardId`
          console.log(event.detail.dashboardId);
          if (event.detail.source === 'backdrop') event.preventDefault();
        }}
      />
    </atlas-provider>
  );
}
