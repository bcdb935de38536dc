import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { MissionsContent } from '../MissionsPage/MissionsPage';
import { BoundariesContent } from './BoundariesContent';

/**
 * The organisation view at /autonomy: missions and team boundaries, one tab each.
 * @public
 */
export const AutonomyPage = () => (
  <Page themeId="tool">
    <Header
      title="Aligned Autonomy"
      subtitle="Missions, boundaries and guardrails across the organisation"
    />
    <TabbedLayout>
      <TabbedLayout.Route path="/" title="Missions">
        <MissionsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/boundaries" title="Boundaries">
        <BoundariesContent />
      </TabbedLayout.Route>
    </TabbedLayout>
  </Page>
);
