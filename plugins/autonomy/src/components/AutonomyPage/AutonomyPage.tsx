import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { MissionsContent } from '../MissionsPage/MissionsPage';
import { ScorecardsContent } from '../ScorecardView';
import { BoundariesContent } from './BoundariesContent';
import { CampaignsContent } from '../Campaigns';
import { GuardrailPreviewContent } from '../GuardrailPreview';

/**
 * The organisation view at /autonomy: the service scorecards (first), missions, team
 * boundaries, campaigns and the guardrail preview (dry run), one tab each.
 * @public
 */
export const AutonomyPage = () => (
  <Page themeId="tool">
    <Header
      title="Aligned Autonomy"
      subtitle="Missions, boundaries and guardrails across the organisation"
    />
    <TabbedLayout>
      <TabbedLayout.Route path="/" title="Scorecards">
        <ScorecardsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/missions" title="Missions">
        <MissionsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/boundaries" title="Boundaries">
        <BoundariesContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/campaigns" title="Campaigns">
        <CampaignsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/guardrail-preview" title="Guardrail preview">
        <GuardrailPreviewContent />
      </TabbedLayout.Route>
    </TabbedLayout>
  </Page>
);
