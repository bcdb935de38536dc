import { Route, Routes, useParams } from 'react-router-dom';
import { CampaignDetails } from './CampaignDetails';
import { CampaignList } from './CampaignList';

const CampaignRoute = () => {
  const { namespace = 'default', name = '' } = useParams();
  return <CampaignDetails namespace={namespace} name={name} />;
};

/** The Campaigns tab of the organisation view: the list, and a campaign's page below it. */
export const CampaignsContent = () => (
  <Routes>
    <Route path="/" element={<CampaignList />} />
    <Route path="/:namespace/:name" element={<CampaignRoute />} />
  </Routes>
);
